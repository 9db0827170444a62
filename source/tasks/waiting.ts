// Lambda is eventually consistent: after a create or update the function is
// Pending / InProgress, and the next change fails with ResourceConflictException
// until it settles. These helpers wait for that, with an injectable clock so the
// waiting paths are tested without real delays.
import {setTimeout as delay} from 'node:timers/promises';
import type {Settle} from '../deploy/action.js';
import {RunError} from '../errors.js';

export interface FunctionState {
	state: string;
	lastUpdateStatus: string;
	reason?: string | undefined;
	/** The function's RevisionId: it names exactly this code and configuration. */
	revisionId?: string | undefined;
}

export interface Clock {
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	now(): number;
}

export const realClock: Clock = {
	sleep: async (ms, signal) => {
		await delay(ms, undefined, signal ? {signal} : {});
	},
	now: () => Date.now(),
};

export interface WaitOptions {
	clock: Clock;
	signal?: AbortSignal | undefined;
	intervalMs?: number;
	timeoutMs?: number;
	/** Told each time the function is still settling, for the task's output line. */
	onWait?: (state: FunctionState) => void;
	/**
	 * After a create the function must become Active; after an update only the
	 * update must finish: an idle (Inactive) function accepts updates and stays
	 * Inactive, as the SDK's function-updated waiter knows.
	 */
	until?: Settle;
}

export async function waitUntilReady(
	functionName: string,
	readState: () => Promise<FunctionState>,
	{clock, signal, intervalMs = 1000, timeoutMs = 10 * 60_000, onWait, until = 'function-active'}: WaitOptions,
): Promise<FunctionState> {
	const deadline = clock.now() + timeoutMs;
	for (;;) {
		const state = await readState();
		if (state.state === 'Failed' || state.lastUpdateStatus === 'Failed') {
			throw new RunError(
				`Function ${functionName} failed to become ready: ${state.reason ?? 'no reason given'}`,
				'Fix the cause above (role, subnets, security groups, code) and deploy again.',
			);
		}

		const settled = state.lastUpdateStatus !== 'InProgress'
			&& (state.state === 'Active' || (until === 'function-updated' && state.state === 'Inactive'));
		if (settled) {
			return state;
		}

		if (clock.now() >= deadline) {
			throw new RunError(
				`Function ${functionName} was still ${state.state}/${state.lastUpdateStatus} after ${Math.round(timeoutMs / 1000)} s.`,
				'Check the function in the Lambda console, then deploy again.',
			);
		}

		onWait?.(state);
		await clock.sleep(intervalMs, signal);
	}
}

/** A kind of failure that goes away if the write is tried again a little later. */
export interface RetryRule {
	/** Said on the task's output line while waiting. */
	waiting: string;
	matches: (error: {name?: string; message?: string}) => boolean;
	delayMs: (attempt: number) => number;
	attempts: number;
	/** Instead of counting attempts: keep trying until this long after the first failure of this kind. */
	forMs?: number;
}

const named = (...names: string[]) => (error: {name?: string}) => names.includes(error.name ?? '');

/** AWS's "it is already there" shares ResourceConflictException with "it is being changed"; only the message tells them apart. */
export const saysAlreadyExists = (error: {message?: string}) => /already exists?\b/i.test(error.message ?? '');

/** The function (or a mapping) is still being changed: wait for the change to finish. */
export const conflictRetry: RetryRule = {
	waiting: 'the function is still being updated',
	matches: error => named('ResourceConflictException', 'ResourceInUseException')(error) && !saysAlreadyExists(error),
	delayMs: () => 2000,
	attempts: 10,
};

/**
 * EC2 throttled Lambda while it set up the VPC network interfaces: Lambda says
 * so as EC2ThrottledException, or in an InvalidParameterValueException's message.
 */
const ec2ThrottleRetry: RetryRule = {
	waiting: 'EC2 is throttling Lambda while it sets up the VPC network interfaces',
	matches: error => error.name === 'EC2ThrottledException' || /throttled by EC2/i.test(error.message ?? ''),
	delayMs: attempt => Math.min(2000 * 2 ** (attempt - 1), 20_000),
	attempts: 8,
};

/** AWS throttled the call: back off, doubling the wait up to 20 s. */
const throttleRetry: RetryRule = {
	waiting: 'AWS is throttling the requests',
	matches: named('TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded'),
	delayMs: attempt => Math.min(1000 * 2 ** (attempt - 1), 20_000),
	attempts: 6,
};

/**
 * A role created or changed seconds ago is not yet visible to Lambda (IAM is
 * eventually consistent): Lambda says it "cannot be assumed", or that the role
 * lacks a permission its new policy does grant. Only retried right after deploy
 * changed the role; otherwise the role really is wrong and waiting would not help.
 */
const newRoleRetry: RetryRule = {
	waiting: 'the new execution role is not usable by Lambda yet (IAM takes a few seconds)',
	matches: error => error.name === 'InvalidParameterValueException'
		&& /cannot be assumed|execution role does not have permissions/i.test(error.message ?? ''),
	delayMs: () => 5000,
	attempts: Number.POSITIVE_INFINITY,
	// IAM can take a minute or two to spread a new role; Terraform waits two minutes for it too.
	forMs: 2 * 60_000,
};

/**
 * S3 asks each destination whether it may send to it when a notification configuration is
 * written; a permission added to the function a moment before may not be visible to it yet.
 */
const destinationCheckRetry: RetryRule = {
	waiting: 'S3 does not see the function\'s new permission yet',
	matches: error => error.name === 'InvalidArgument' && /Unable to validate the following destination configurations/i.test(error.message ?? ''),
	delayMs: attempt => 2000 * attempt,
	attempts: 5,
};

/** The same for EventBridge Scheduler, which checks its role's trust when a schedule is created or updated. */
const newSchedulerRoleRetry: RetryRule = {
	...newRoleRetry,
	waiting: 'the new scheduler role is not usable by EventBridge Scheduler yet (IAM takes a few seconds)',
	matches: error => error.name === 'ValidationException' && /must allow AWS EventBridge Scheduler to assume the role/i.test(error.message ?? ''),
};

export interface RetryOptions {
	clock: Clock;
	signal?: AbortSignal | undefined;
	rules?: readonly RetryRule[];
	/** Told before each wait, for the task's output line. */
	onRetry?: (line: string) => void;
}

export function writeRetries(roleJustChanged: boolean): RetryRule[] {
	return roleJustChanged ? [conflictRetry, throttleRetry, ec2ThrottleRetry, destinationCheckRetry, newRoleRetry, newSchedulerRoleRetry] : [conflictRetry, throttleRetry, ec2ThrottleRetry, destinationCheckRetry];
}

/** Runs a write, retrying the failures that pass with time; each kind has its own budget of attempts. */
export async function retryWrite<T>(write: () => Promise<T>, {clock, signal, rules = writeRetries(false), onRetry}: RetryOptions): Promise<T> {
	const tries = new Map<RetryRule, number>();
	const firstFailure = new Map<RetryRule, number>();
	for (;;) {
		try {
			return await write();
		} catch (error) {
			const rule = rules.find(candidate => candidate.matches((error ?? {}) as {name?: string}));
			const attempt = (tries.get(rule!) ?? 0) + 1;
			if (rule === undefined || attempt >= rule.attempts) {
				throw error;
			}

			const since = firstFailure.get(rule) ?? clock.now();
			firstFailure.set(rule, since);
			if (rule.forMs !== undefined && clock.now() - since >= rule.forMs) {
				throw error;
			}

			tries.set(rule, attempt);
			const delay = rule.delayMs(attempt);
			onRetry?.(`waiting ${Math.round(delay / 1000)} s: ${rule.waiting}`);
			await clock.sleep(delay, signal);
		}
	}
}
