// Waiting for Lambda to settle, with a fake clock: the paths moto never takes.
import {describe, expect, it} from 'vitest';
import type {FunctionState} from '../source/tasks/waiting.js';
import {RunError} from '../source/errors.js';
import {conflictRetry, retryWrite, waitUntilReady, writeRetries} from '../source/tasks/waiting.js';
import {fakeClock} from './support/fake-lambda.js';

const states = (...list: FunctionState[]) => {
	let index = 0;
	return async () => list[Math.min(index++, list.length - 1)]!;
};

const pending: FunctionState = {state: 'Pending', lastUpdateStatus: 'InProgress'};
const active: FunctionState = {state: 'Active', lastUpdateStatus: 'Successful'};

describe('waitUntilReady', () => {
	it('returns at once for an Active function', async () => {
		const {clock, slept} = fakeClock();
		await waitUntilReady('orders', states(active), {clock});
		expect(slept).toEqual([]);
	});

	it('polls while Pending, and while an update is InProgress on an Active function', async () => {
		const {clock, slept} = fakeClock();
		const seen: string[] = [];
		await waitUntilReady('orders', states(pending, {state: 'Active', lastUpdateStatus: 'InProgress'}, active), {
			clock,
			intervalMs: 500,
			onWait: state => seen.push(`${state.state}/${state.lastUpdateStatus}`),
		});
		expect(slept).toEqual([500, 500]);
		expect(seen).toEqual(['Pending/InProgress', 'Active/InProgress']);
	});

	it('after an update, settles on LastUpdateStatus: an idle (Inactive) function stays Inactive', async () => {
		const {clock, slept} = fakeClock();
		const inactive = (lastUpdateStatus: string): FunctionState => ({state: 'Inactive', lastUpdateStatus});
		await waitUntilReady('orders', states(inactive('InProgress'), inactive('Successful')), {clock, until: 'function-updated'});
		expect(slept).toHaveLength(1);
	});

	it('after a create, waits for Active: Inactive is not ready then', async () => {
		const {clock} = fakeClock();
		const waiting = waitUntilReady('orders', states({state: 'Inactive', lastUpdateStatus: 'Successful'}), {clock, until: 'function-active', intervalMs: 1000, timeoutMs: 3000});
		await expect(waiting).rejects.toThrow(/still Inactive\/Successful after 3 s/);
	});

	it('fails with the reason when the function fails', async () => {
		const {clock} = fakeClock();
		const failed = {state: 'Active', lastUpdateStatus: 'Failed', reason: 'The role cannot create network interfaces'};
		await expect(waitUntilReady('orders', states(pending, failed), {clock})).rejects.toThrow(/failed to become ready: The role cannot create network interfaces/);
	});

	it('gives up after the timeout with a clear error', async () => {
		const {clock, slept} = fakeClock();
		const waiting = waitUntilReady('orders', states(pending), {clock, intervalMs: 1000, timeoutMs: 5000});
		await expect(waiting).rejects.toThrow(RunError);
		await expect(waitUntilReady('orders', states(pending), {clock, intervalMs: 1000, timeoutMs: 5000})).rejects.toThrow(/still Pending\/InProgress after 5 s/);
		expect(slept.length).toBeGreaterThanOrEqual(5);
	});
});

const retryOnConflict = <T>(write: () => Promise<T>, {clock, intervalMs = 2000, attempts = 10}: {clock: ReturnType<typeof fakeClock>['clock']; intervalMs?: number; attempts?: number}) =>
	retryWrite(write, {clock, rules: [{...conflictRetry, delayMs: () => intervalMs, attempts}]});

describe('retryWrite on ResourceConflictException', () => {
	const conflict = () => Object.assign(new Error('busy'), {name: 'ResourceConflictException'});

	it('retries ResourceConflictException and returns the result', async () => {
		const {clock, slept} = fakeClock();
		let calls = 0;
		const result = await retryOnConflict(async () => {
			calls++;
			if (calls < 3) {
				throw conflict();
			}

			return 'done';
		}, {clock, intervalMs: 100});
		expect(result).toBe('done');
		expect(slept).toEqual([100, 100]);
	});

	it('does not retry other errors', async () => {
		const {clock, slept} = fakeClock();
		await expect(retryOnConflict(async () => {
			throw new Error('denied');
		}, {clock})).rejects.toThrow('denied');
		expect(slept).toEqual([]);
	});

	it('gives up after the attempts run out', async () => {
		const {clock, slept} = fakeClock();
		await expect(retryOnConflict(async () => {
			throw conflict();
		}, {clock, attempts: 3})).rejects.toThrow('busy');
		expect(slept).toHaveLength(2);
	});
});

describe('retryWrite on S3\'s check of a notification\'s destinations', () => {
	const unvalidated = () => Object.assign(new Error('Unable to validate the following destination configurations'), {name: 'InvalidArgument'});

	it('waits for a permission added a moment before, then gives up: a destination S3 may really not use stays an error', async () => {
		const {clock, slept} = fakeClock();
		let calls = 0;
		const result = await retryWrite(async () => {
			calls++;
			if (calls < 3) {
				throw unvalidated();
			}

			return 'put';
		}, {clock, rules: writeRetries(false)});
		expect(result).toBe('put');
		expect(slept).toEqual([2000, 4000]);

		const never = fakeClock();
		await expect(retryWrite(async () => {
			throw unvalidated();
		}, {clock: never.clock, rules: writeRetries(false)})).rejects.toThrow('Unable to validate');
		expect(never.slept).toEqual([2000, 4000, 6000, 8000]);
		// Another InvalidArgument is not waited for.
		await expect(retryWrite(async () => {
			throw Object.assign(new Error('Configuration is ambiguously defined'), {name: 'InvalidArgument'});
		}, {clock: never.clock, rules: writeRetries(false)})).rejects.toThrow('ambiguously');
		expect(never.slept).toHaveLength(4);
	});
});

describe('retryWrite: what AWS says while it catches up', () => {
	const failing = (name: string, message: string) => {
		let calls = 0;
		return {
			calls: () => calls,
			write: async () => {
				calls++;
				throw Object.assign(new Error(message), {name});
			},
		};
	};

	it('keeps trying a CreateFunction whose new role is not usable yet for two minutes, then gives up', async () => {
		const {clock, slept} = fakeClock();
		const create = failing('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
		await expect(retryWrite(create.write, {clock, rules: writeRetries(true)})).rejects.toThrow('cannot be assumed');
		const waited = slept.reduce((sum, ms) => sum + ms, 0);
		expect(waited).toBeGreaterThanOrEqual(115_000);
		expect(waited).toBeLessThanOrEqual(125_000);
	});

	it.each([
		['InvalidParameterValueException', 'Your request has been throttled by EC2, please make sure you have enough API rate limit. EC2 Error Code: RequestLimitExceeded.'],
		['EC2ThrottledException', 'Lambda was throttled by EC2 during function initialization.'],
	])('retries EC2 throttling of a VPC function (%s), backing off', async (name, message) => {
		const {clock, slept} = fakeClock();
		let calls = 0;
		const result = await retryWrite(async () => {
			calls++;
			if (calls < 3) {
				throw Object.assign(new Error(message), {name});
			}

			return 'created';
		}, {clock, rules: writeRetries(false)});
		expect(result).toBe('created');
		expect(slept).toEqual([2000, 4000]);
	});

	it('does not take "already exists" for "still being changed": no retry', async () => {
		const {clock, slept} = fakeClock();
		const create = failing('ResourceConflictException', 'Function already exist: orders');
		await expect(retryWrite(create.write, {clock, rules: writeRetries(false)})).rejects.toThrow('already exist');
		expect(create.calls()).toBe(1);
		expect(slept).toEqual([]);
	});
});

describe('retryWrite right after deploy changed a role', () => {
	const untrusted = () => Object.assign(new Error('The execution role you provide must allow AWS EventBridge Scheduler to assume the role.'), {name: 'ValidationException'});
	const failingTwice = () => {
		let calls = 0;
		return async () => {
			calls++;
			if (calls < 3) {
				throw untrusted();
			}

			return 'created';
		};
	};

	it('waits for IAM when Scheduler cannot assume the new scheduler role yet, saying so', async () => {
		const {clock, slept} = fakeClock();
		const said: string[] = [];
		await expect(retryWrite(failingTwice(), {clock, rules: writeRetries(true), onRetry: line => said.push(line)})).resolves.toBe('created');
		expect(slept).toEqual([5000, 5000]);
		expect(said[0]).toContain('the new scheduler role is not usable by EventBridge Scheduler yet');
	});

	it('fails at once when no role changed in this run: the role really is wrong', async () => {
		const {clock, slept} = fakeClock();
		await expect(retryWrite(failingTwice(), {clock, rules: writeRetries(false)})).rejects.toThrow('must allow AWS EventBridge Scheduler');
		expect(slept).toEqual([]);
	});
});
