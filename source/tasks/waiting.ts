// Lambda is eventually consistent: after a create or update the function is
// Pending / InProgress, and the next change fails with ResourceConflictException
// until it settles. These helpers wait for that, with an injectable clock so the
// waiting paths are tested without real delays.
import {setTimeout as delay} from 'node:timers/promises';
import {RunError} from '../errors.js';
import type {FunctionState} from '../aws/lambda.js';

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
}

export async function waitUntilReady(
	functionName: string,
	readState: () => Promise<FunctionState>,
	{clock, signal, intervalMs = 1000, timeoutMs = 10 * 60_000, onWait}: WaitOptions,
): Promise<void> {
	const deadline = clock.now() + timeoutMs;
	for (;;) {
		const state = await readState();
		if (state.state === 'Failed' || state.lastUpdateStatus === 'Failed') {
			throw new RunError(
				`Function ${functionName} failed to become ready: ${state.reason ?? 'no reason given'}`,
				'Fix the cause above (role, subnets, security groups, code) and deploy again.',
			);
		}

		if (state.state === 'Active' && state.lastUpdateStatus !== 'InProgress') {
			return;
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

/** Runs a write, retrying while Lambda answers ResourceConflictException (an update still in progress). */
export async function retryOnConflict<T>(
	write: () => Promise<T>,
	{clock, signal, intervalMs = 2000, attempts = 10}: Pick<WaitOptions, 'clock' | 'signal' | 'intervalMs'> & {attempts?: number},
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await write();
		} catch (error) {
			if ((error as {name?: string}).name !== 'ResourceConflictException' || attempt >= attempts) {
				throw error;
			}

			await clock.sleep(intervalMs, signal);
		}
	}
}
