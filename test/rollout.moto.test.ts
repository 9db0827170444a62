// The roll-out planner and runner against a real moto: versions 1 and 2 of a
// function, the alias on 1. The clock is a test double whose sleeps return at
// once; each sleep is where the test looks at the alias, so every intermediate
// state is observed as AWS holds it.
import {CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand} from '@aws-sdk/client-cloudwatch';
import {CreateAliasCommand, CreateFunctionCommand, GetAliasCommand, LambdaClient, PublishVersionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand} from '@aws-sdk/client-lambda';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {awsSender} from '../source/aws/send.js';
import type {Clock} from '../source/tasks/waiting.js';
import {readGate, type GateLimits} from '../source/rollout/gate.js';
import {planRollout, type AliasState} from '../source/rollout/plan.js';
import {readAlias, readVersions} from '../source/rollout/read.js';
import {runRollout} from '../source/rollout/run.js';
import {zipEntries} from '../source/tools/zip.js';
import {clientOptions, createRole} from './support/aws.js';
import {useMoto} from './support/moto.js';

const moto = useMoto();
const region = 'us-east-1';
const lambda = () => new LambdaClient(clientOptions(moto, region));
const cloudwatch = () => new CloudWatchClient(clientOptions(moto, region));
const zip = (text: string) => zipEntries([{name: 'bootstrap', data: Buffer.from(text), mode: 0o755}]);

let saved: NodeJS.ProcessEnv;
beforeAll(() => {
	saved = {...process.env};
	Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing'});
});
afterAll(() => {
	process.env = saved;
});

async function alias(): Promise<AliasState> {
	const found = await lambda().send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}));
	return {version: found.FunctionVersion!, weights: found.RoutingConfig?.AdditionalVersionWeights ?? {}};
}

/** Versions 1 and 2 (different code), the alias live on 1. */
async function twoVersions(secondRole?: string): Promise<void> {
	const role = await createRole(moto, 'orders-role');
	await lambda().send(new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'provided.al2023', Handler: 'bootstrap', Role: role, Code: {ZipFile: zip('v1')}}));
	await lambda().send(new PublishVersionCommand({FunctionName: 'orders'}));
	await lambda().send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip('v2')}));
	if (secondRole) {
		await lambda().send(new UpdateFunctionConfigurationCommand({FunctionName: 'orders', Role: await createRole(moto, secondRole)}));
	}

	await lambda().send(new PublishVersionCommand({FunctionName: 'orders'}));
	await lambda().send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
}

/** Real time plus the time slept: CloudWatch's window is real, the waits are not. */
function observingClock(onSleep: () => Promise<void>): {clock: Clock; slept: number[]} {
	let offset = 0;
	const slept: number[] = [];
	return {
		slept,
		clock: {
			now: () => Date.now() + offset,
			async sleep(ms) {
				slept.push(ms);
				await onSleep();
				offset += ms;
			},
		},
	};
}

async function plan(target: string, steps: number[]) {
	const aws = awsSender(region, {endpointUrl: moto.url});
	const current = (await readAlias(aws, 'orders', 'live'))!;
	const versions = (await readVersions(aws, 'orders'))!;
	return {aws, plan: planRollout({functionName: 'orders', alias: 'live', current, target, steps, versions})};
}

const limits: GateLimits = {maxErrors: 0, alarms: []};
const gateFor = (aws: ReturnType<typeof awsSender>, gateLimits = limits) => async (since: number, now: number) =>
	readGate(aws, {functionName: 'orders', alias: 'live', version: '2'}, gateLimits, since, now);

async function putErrors(count: number, version = '2'): Promise<void> {
	await cloudwatch().send(new PutMetricDataCommand({
		Namespace: 'AWS/Lambda',
		MetricData: [{
			MetricName: 'Errors',
			Value: count,
			Unit: 'Count',
			Timestamp: new Date(),
			Dimensions: [{Name: 'FunctionName', Value: 'orders'}, {Name: 'Resource', Value: 'orders:live'}, {Name: 'ExecutedVersion', Value: version}],
		}],
	}));
}

beforeEach(async () => {
	await moto.reset();
});

describe('a roll-out against moto', () => {
	it('canary 10 → 100: 10 % on version 2 for the whole wait, then version 2 with no routing', async () => {
		await twoVersions();
		const seen: AliasState[] = [];
		const {clock, slept} = observingClock(async () => {
			seen.push(await alias());
		});
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const lines: string[] = [];
		const outcome = await runRollout({aws, plan: canary, clock, intervalMs: 60_000, pollMs: 20_000, gate: gateFor(aws), report: line => lines.push(line)});

		expect(outcome.status).toBe('done');
		// Three polls fill the minute (real time passes too, between the fake sleeps).
		expect(slept).toHaveLength(3);
		expect(slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(55_000);
		expect(seen).toEqual([1, 2, 3].map(() => ({version: '1', weights: {2: 0.1}})));
		expect(await alias()).toEqual({version: '2', weights: {}});
		expect(lines).toContain('live: 10 % on version 2, 40 s left; 0 invocation(s), 0 error(s), 0 throttle(s)');
	});

	it('in a live task list, counts the time left down each second between gate reads', async () => {
		await twoVersions();
		const {clock, slept} = observingClock(async () => undefined);
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const lines: string[] = [];
		await runRollout({aws, plan: canary, clock, intervalMs: 5000, pollMs: 5000, tickMs: 1000, gate: gateFor(aws), report: line => lines.push(line)});
		expect(slept).toEqual([1000, 1000, 1000, 1000, 1000]);
		const waiting = lines.filter(line => line.startsWith('live: 10 % on version 2,'));
		// Real time passes between the fake sleeps: a second may read as the next one down.
		expect(waiting.map(line => Number(/, (\d+) s left/.exec(line)?.[1]))).toEqual([4, 3, 2, 1, 0].map(expected => expect.toSatisfy((left: number) => left === expected || left === expected - 1)));
		// The gate's figures come with the read at the end.
		expect(waiting.at(-1)).toMatch(/; 0 invocation\(s\), 0 error\(s\), 0 throttle\(s\)$/);
		expect(waiting.slice(0, -1).every(line => !line.includes('invocation'))).toBe(true);
	});

	it('linear steps set each weight in order', async () => {
		await twoVersions();
		const seen: AliasState[] = [];
		const {clock} = observingClock(async () => {
			seen.push(await alias());
		});
		const {aws, plan: linear} = await plan('2', [25, 50, 75, 100]);
		const outcome = await runRollout({aws, plan: linear, clock, intervalMs: 1000, report: () => undefined});
		expect(outcome.status).toBe('done');
		expect(seen.map(state => state.weights['2'])).toEqual([0.25, 0.5, 0.75]);
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('Errors of version 2 above max_errors fail the gate: back on version 1 with no routing', async () => {
		await twoVersions();
		const {clock} = observingClock(async () => {
			await putErrors(3);
		});
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const outcome = await runRollout({aws, plan: canary, clock, intervalMs: 60_000, gate: gateFor(aws, {maxErrors: 2, alarms: []}), report: () => undefined});
		expect(outcome.status).toBe('rolled-back');
		expect(outcome.reason).toBe('health gate failed at 10 %: 3 error(s) and 0 throttle(s), more than max_errors = 2');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('errors of version 1 do not count against version 2', async () => {
		await twoVersions();
		const {clock} = observingClock(async () => {
			await putErrors(5, '1');
		});
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const outcome = await runRollout({aws, plan: canary, clock, intervalMs: 60_000, gate: gateFor(aws), report: () => undefined});
		expect(outcome.status).toBe('done');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('a named alarm in ALARM fails the gate', async () => {
		await twoVersions();
		await cloudwatch().send(new PutMetricAlarmCommand({
			AlarmName: 'orders-latency', Namespace: 'AWS/Lambda', MetricName: 'Duration', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1000, ComparisonOperator: 'GreaterThanThreshold',
		}));
		await cloudwatch().send(new SetAlarmStateCommand({AlarmName: 'orders-latency', StateValue: 'ALARM', StateReason: 'test'}));
		const {clock} = observingClock(async () => undefined);
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const outcome = await runRollout({aws, plan: canary, clock, intervalMs: 60_000, gate: gateFor(aws, {maxErrors: 0, alarms: ['orders-latency']}), report: () => undefined});
		expect(outcome.status).toBe('rolled-back');
		expect(outcome.reason).toContain('alarm orders-latency in ALARM');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('hold keeps the weight and asks again; continue goes on', async () => {
		await twoVersions();
		const {clock} = observingClock(async () => {
			await putErrors(1);
		});
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const answers = ['hold', 'continue'] as const;
		const asked: AliasState[] = [];
		const outcome = await runRollout({
			aws, plan: canary, clock, intervalMs: 1000, gate: gateFor(aws), report: () => undefined,
			async onFailure() {
				asked.push(await alias());
				return answers[asked.length - 1]!;
			},
		});
		expect(asked).toEqual([{version: '1', weights: {2: 0.1}}, {version: '1', weights: {2: 0.1}}]);
		expect(outcome.status).toBe('done');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('an abort mid-step rolls back to version 1', async () => {
		await twoVersions();
		const controller = new AbortController();
		const {clock} = observingClock(async () => {
			controller.abort();
		});
		const {aws, plan: canary} = await plan('2', [10, 100]);
		const outcome = await runRollout({aws, plan: canary, clock, signal: controller.signal, intervalMs: 60_000, report: () => undefined});
		expect(outcome).toMatchObject({status: 'interrupted', state: {version: '1', weights: {}}});
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('a roll-out left half-way is resumed from its weight', async () => {
		await twoVersions();
		const {aws} = await plan('2', [100]);
		await aws.send({service: 'lambda', operation: 'UpdateAlias', input: {FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {2: 0.2}}}});
		const {plan: resumed} = await plan('2', [10, 20, 50, 100]);
		expect(resumed.resumedFrom).toBeCloseTo(20);
		expect(resumed.steps.map(step => step.percent)).toEqual([50, 100]);
	});
});

describe('refused before any change', () => {
	it.each([
		['$LATEST', [10, 100], 'cannot roll out to $LATEST'],
		['7', [10, 100], 'version 7 does not exist (published: 1, 2)'],
		['2', [10, 150, 100], 'step 150 is outside 1–100 %'],
		['2', [50, 10, 100], 'steps must rise'],
		['2', [10, 50], 'steps must end at 100'],
	])('target %s with steps %j', async (target, steps, message) => {
		await twoVersions();
		await expect(plan(target, steps)).rejects.toThrow(message);
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('versions with different execution roles', async () => {
		await twoVersions('other-role');
		await expect(plan('2', [10, 100])).rejects.toThrow('versions 1 and 2 have different execution roles');
	});
});
