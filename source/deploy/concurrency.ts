// A function's reserved concurrency in one region, checked against the
// account's unreserved floor (GetAccountSettings) before anything is written.
import {limits} from '../spec/limits.js';
import {actionsIn, type Action} from './action.js';
import {request, type AwsSender} from './request.js';
import type {RegionResource} from './resource.js';
import type {AccountConcurrency} from './types.js';

export function planConcurrency(functionName: string, region: string, desired: number | undefined, current: number | undefined): Action[] {
	const make = actionsIn(region);
	if (desired === undefined) {
		return current === undefined
			? []
			: [make.request('delete', `Remove the reserved concurrency of ${functionName}`, request('lambda', 'DeleteFunctionConcurrency', {FunctionName: functionName}), [`${current} → none (shares the account's unreserved pool)`])];
	}

	const put = request('lambda', 'PutFunctionConcurrency', {FunctionName: functionName, ReservedConcurrentExecutions: desired});
	if (current === undefined) {
		return [make.request('create', `Reserve ${desired} concurrent executions for ${functionName}`, put, desired === 0 ? ['0 throttles every invocation'] : [])];
	}

	return current === desired
		? [make.noOp(`Reserved concurrency of ${functionName} unchanged (${desired})`)]
		: [make.request('update', `Change the reserved concurrency of ${functionName}`, put, [`${current} → ${desired}`])];
}

/** Concurrent executions left unreserved in the region once this function holds `desired` instead of `current`. */
export function unreservedAfter(account: AccountConcurrency, current: number | undefined, desired: number): number {
	return account.unreserved + (current ?? 0) - desired;
}

/**
 * How many executions Lambda keeps unreserved: 100, or on an account whose
 * whole quota is lower (new accounts get 10 or 50) all of it, as Lambda's own
 * message says ("below its minimum value of [10]").
 */
const unreservedFloor = (account: AccountConcurrency) => Math.min(limits.unreservedConcurrencyFloor, account.limit);

/** Why `desired` cannot be reserved in this region, or undefined when it can (or cannot be checked). */
export function concurrencyProblem(
	region: string,
	desired: number | undefined,
	current: number | undefined,
	account: AccountConcurrency | 'unsupported' | undefined,
): string | undefined {
	if (desired === undefined || account === undefined || account === 'unsupported' || desired <= (current ?? 0)) {
		return undefined;
	}

	const floor = unreservedFloor(account);
	const left = unreservedAfter(account, current, desired);
	if (left >= floor) {
		return undefined;
	}

	const most = Math.max(0, account.unreserved + (current ?? 0) - floor);
	return `${desired} would leave ${left} of the account's ${account.limit} concurrent executions unreserved in ${region}; `
		+ `Lambda keeps at least ${floor} unreserved, so reserve at most ${most} there, or ask AWS for a higher concurrency quota`;
}

/** GetAccountSettings; 'unsupported' when an emulator lacks it (a 404 that is not a Lambda error: AWS always has it). */
async function readAccountConcurrency(aws: AwsSender, signal?: AbortSignal): Promise<AccountConcurrency | 'unsupported'> {
	try {
		const settings = await aws.send(request('lambda', 'GetAccountSettings', {}), signal);
		const limit = settings.AccountLimit?.ConcurrentExecutions;
		const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions;
		return limit === undefined || unreserved === undefined ? 'unsupported' : {limit, unreserved};
	} catch (error) {
		const failure = error as {name?: string; $metadata?: {httpStatusCode?: number}};
		if (failure.$metadata?.httpStatusCode === 404 && failure.name !== 'ResourceNotFoundException') {
			return 'unsupported';
		}

		throw error;
	}
}

export const concurrencyResource: RegionResource<{accountConcurrency?: AccountConcurrency | 'unsupported'}> = {
	name: 'reserved concurrency',
	async observe({aws}, target, _anchor, signal) {
		// Read only when the config reserves concurrency: the floor matters only then.
		return target.spec.function.reserved_concurrency === undefined ? {} : {accountConcurrency: await readAccountConcurrency(aws, signal)};
	},
	check(observed, {spec, region}, anchor) {
		const message = concurrencyProblem(region, spec.function.reserved_concurrency, anchor.function?.reservedConcurrency, observed.accountConcurrency);
		return message === undefined ? undefined : {key: 'function.reserved_concurrency', message};
	},
	unchecked: observed => (observed.accountConcurrency === 'unsupported'
		? 'function.reserved_concurrency against the account\'s unreserved floor: the endpoint does not implement GetAccountSettings (Lambda still refuses a reservation that leaves fewer than 100 unreserved, or on a low-quota account its whole quota)'
		: undefined),
	plan(_observed, {target, anchor}) {
		return planConcurrency(target.function.name, target.region, target.spec.function.reserved_concurrency, anchor.function?.reservedConcurrency);
	},
};
