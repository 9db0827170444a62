// The deploy task list with a swapped Lambda adapter: which steps ran, waited,
// retried, were skipped or failed.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {explainAwsError} from '../source/aws/errors.js';
import {planRegion} from '../source/plan/region.js';
import type {DesiredFunction, ObservedRegion, Plan} from '../source/plan/types.js';
import {runDeployTasks} from '../source/tasks/deploy.js';
import {fakeClock, fakeLambda, type FakeLambdaOptions} from './support/fake-lambda.js';
import {deployed, desired} from './support/plans.js';

const planFunctionRegion = (want: DesiredFunction, observed: ObservedRegion) => planRegion({function: want}, observed);

async function run(plan: Plan, lambdas: Record<string, ReturnType<typeof fakeLambda>>) {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', chunk => {
		text += String(chunk);
	});
	const {clock, slept} = fakeClock();
	const {regions: outcomes} = await runDeployTasks(plan, {
		lambdaFor: region => lambdas[region]!.api,
		zipFile: new Uint8Array([1]),
		clock,
		renderer: 'simple',
		stream: stream as unknown as NodeJS.WriteStream,
		explain: (error, region) => explainAwsError(error, {region}),
	});
	return {outcomes, text, slept};
}

const newFunctionPlan = (...regions: string[]): Plan => ({
	regions: regions.map(region => planFunctionRegion(desired({region}), {versions: [], mappings: []})),
});

const writes = (calls: string[]) => calls.filter(call => call !== 'functionState');

describe('deploy tasks', () => {
	it('creates, waits, publishes and points the alias, in that order', async () => {
		const lambda = fakeLambda({settlingReads: 2});
		const {outcomes, text, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(lambda.calls).toEqual([
			'createFunction orders', 'functionState', 'functionState', 'functionState',
			'publishVersion orders', 'createAlias live→1',
		]);
		expect(slept).toEqual([1000, 1000]);
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '1'});
		expect(outcomes[0]!.done.create).toHaveLength(3);
		expect(text).toContain('Create function orders');
		expect(text).toContain('waiting: Pending, last update InProgress');
	});

	it('skips no-op steps and calls nothing for them', async () => {
		const lambda = fakeLambda();
		const plan: Plan = {regions: [planFunctionRegion(desired(), deployed({aliasVersion: '2'}))]};
		const {outcomes} = await run(plan, {'us-east-1': lambda});
		expect(lambda.calls).toEqual(['updateAlias live→3']);
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '3'});
		expect(outcomes[0]!.done['no-op']).toEqual([
			'Code of orders unchanged', 'Configuration of orders unchanged', 'Version 3 of orders already matches',
		]);
	});

	it('retries a write that meets ResourceConflictException', async () => {
		const lambda = fakeLambda({conflicts: 1});
		const {outcomes, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(writes(lambda.calls)).toEqual([
			'createFunction (conflict)', 'createFunction orders',
			'publishVersion (conflict)', 'publishVersion orders',
			'createAlias (conflict)', 'createAlias live→1',
		]);
		expect(slept).toEqual([2000, 2000, 2000]);
		expect(outcomes[0]!.status).toBe('changed');
	});

	it('stops a region at its failed step, keeps the other regions going, and says why', async () => {
		const failing = fakeLambda({failOn: 'publishVersion'});
		const healthy = fakeLambda();
		const {outcomes} = await run(newFunctionPlan('us-east-1', 'eu-west-1'), {'us-east-1': failing, 'eu-west-1': healthy});
		expect(writes(failing.calls)).toEqual(['createFunction orders', 'publishVersion (failed)']);
		expect(writes(healthy.calls)).toEqual(['createFunction orders', 'publishVersion orders', 'createAlias live→1']);
		expect(outcomes[0]).toMatchObject({region: 'us-east-1', status: 'failed', done: {create: ['Create function orders']}});
		expect(outcomes[0]!.error?.message).toContain('the credentials lack lambda:publishVersion');
		expect(outcomes[1]).toMatchObject({region: 'eu-west-1', status: 'changed'});
	});

	it('fails the region when the function ends in state Failed', async () => {
		const options: FakeLambdaOptions = {finalState: {state: 'Failed', lastUpdateStatus: 'Failed', reason: 'subnet not found'}};
		const lambda = fakeLambda(options);
		const {outcomes} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(outcomes[0]!.status).toBe('failed');
		expect(outcomes[0]!.error?.message).toContain('subnet not found');
		expect(writes(lambda.calls)).toEqual(['createFunction orders']);
	});
});
