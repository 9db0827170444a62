// Plans a function's reserved concurrency in one region, and checks it against
// the account's unreserved floor before anything is written. Pure.
import {limits} from '../spec/limits.js';
import {actionsIn, noOp} from './action.js';
import type {AccountConcurrency, Action} from './types.js';

export function planConcurrency(functionName: string, region: string, desired: number | undefined, current: number | undefined): Action[] {
	const make = actionsIn(region);
	if (desired === undefined) {
		return current === undefined
			? []
			: [make('delete', `Remove the reserved concurrency of ${functionName}`, {type: 'delete-function-concurrency', functionName}, [`${current} → none (shares the account's unreserved pool)`])];
	}

	const put = {type: 'put-function-concurrency' as const, functionName, reserved: desired};
	if (current === undefined) {
		return [make('create', `Reserve ${desired} concurrent executions for ${functionName}`, put, desired === 0 ? ['0 throttles every invocation'] : [])];
	}

	return current === desired
		? [noOp(make, `Reserved concurrency of ${functionName} unchanged (${desired})`)]
		: [make('update', `Change the reserved concurrency of ${functionName}`, put, [`${current} → ${desired}`])];
}

/** Concurrent executions left unreserved in the region once this function holds `desired` instead of `current`. */
export function unreservedAfter(account: AccountConcurrency, current: number | undefined, desired: number): number {
	return account.unreserved + (current ?? 0) - desired;
}

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

	const floor = limits.unreservedConcurrencyFloor;
	const left = unreservedAfter(account, current, desired);
	if (left >= floor) {
		return undefined;
	}

	const most = Math.max(0, account.unreserved + (current ?? 0) - floor);
	return `${desired} would leave ${left} of the account's ${account.limit} concurrent executions unreserved in ${region}; `
		+ `Lambda keeps at least ${floor} unreserved, so reserve at most ${most} there, or ask AWS for a higher concurrency quota`;
}
