// The roll-out planner and the gate's verdict: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {judge, metricsRequest} from '../source/rollout/gate.js';
import {aliasStart, describeAlias, newestVersion, planRollout, rollbackTarget, stepsProblem, type RolloutInput} from '../source/rollout/plan.js';

const versions = [{version: '1', role: 'r'}, {version: '2', role: 'r'}, {version: '3', role: 'r'}];
const input = (over: Partial<RolloutInput> = {}): RolloutInput => ({functionName: 'orders', alias: 'live', current: {version: '1', weights: {}}, target: '2', steps: [10, 100], versions, ...over});

describe('planRollout', () => {
	it('canary: a weighted step on the old version, then the new version with no routing', () => {
		const plan = planRollout(input());
		expect(plan.steps.map(step => step.request.input)).toEqual([
			{FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {2: 0.1}}},
			{FunctionName: 'orders', Name: 'live', FunctionVersion: '2', RoutingConfig: {AdditionalVersionWeights: {}}},
		]);
		expect(plan.rollback.input).toEqual({FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {}}});
	});

	it('all at once is one step; an alias already on the target has none', () => {
		expect(planRollout(input({steps: [100]})).steps.map(step => step.percent)).toEqual([100]);
		expect(planRollout(input({current: {version: '2', weights: {}}})).steps).toEqual([]);
	});

	it('resumes a roll-out under way from its weight, and refuses one to another version', () => {
		const plan = planRollout(input({current: {version: '1', weights: {2: 0.3}}, steps: [10, 30, 60, 100]}));
		expect(plan.steps.map(step => step.percent)).toEqual([60, 100]);
		expect(plan.resumedFrom).toBeCloseTo(30);
		expect(() => planRollout(input({current: {version: '1', weights: {3: 0.3}}}))).toThrow('a roll-out to version 3 is under way (30 % of traffic)');
	});

	it.each([
		[{target: '$LATEST'}, 'cannot roll out to $LATEST'],
		[{target: '9'}, 'version 9 does not exist'],
		[{current: {version: '1', weights: {2: 1.5}}}, 'a weight must be between 0 and 1'],
		[{steps: [0, 100]}, 'step 0 is outside 1–100 %'],
		[{steps: [60, 40, 100]}, 'steps must rise'],
		[{steps: [10, 90]}, 'steps must end at 100'],
		[{steps: []}, 'there are no steps'],
		[{versions: [{version: '1', role: 'a'}, {version: '2', role: 'b'}]}, 'different execution roles'],
	] as Array<[Partial<RolloutInput>, string]>)('refuses %j', (over, message) => {
		expect(() => planRollout(input(over))).toThrow(message);
	});

	it('stepsProblem accepts rising steps that end at 100', () => {
		expect(stepsProblem([1, 50, 100])).toBeUndefined();
	});
});

describe('rollback target and newest version', () => {
	it('goes to the main version when routing is set, else to the version before', () => {
		expect(rollbackTarget({version: '1', weights: {2: 0.5}}, versions)).toBe('1');
		expect(rollbackTarget({version: '3', weights: {}}, versions)).toBe('2');
		expect(rollbackTarget({version: '1', weights: {}}, versions)).toBeUndefined();
		expect(newestVersion([{version: '9', role: ''}, {version: '10', role: ''}])).toBe('10');
		expect(describeAlias({version: '1', weights: {2: 0.25}})).toBe('version 1 (75 %), version 2 (25 %)');
	});
});

describe('the health gate', () => {
	const figures = {errors: 0, throttles: 0, invocations: 100, alarming: []};
	it.each([
		[{...figures, errors: 1}, {maxErrors: 1, alarms: []}, undefined],
		[{...figures, errors: 1, throttles: 1}, {maxErrors: 1, alarms: []}, '1 error(s) and 1 throttle(s), more than max_errors = 1'],
		[{...figures, errors: 5}, {maxErrors: 10, maxErrorRate: 0.01, alarms: []}, 'error rate 5.0 % (5 of 100), more than max_error_rate = 0.01'],
		[{...figures, alarming: ['latency']}, {maxErrors: 10, alarms: ['latency']}, 'alarm latency in ALARM'],
	])('%j against %j', (seen, limits, verdict) => {
		expect(judge(seen, limits)).toBe(verdict);
	});

	it('reads the new version on the alias, in whole minutes around the step', () => {
		const {input: query} = metricsRequest('orders', 'live', '2', Date.UTC(2026, 0, 1, 10, 0, 30), Date.UTC(2026, 0, 1, 10, 2, 10));
		expect(query.StartTime).toEqual(new Date(Date.UTC(2026, 0, 1, 10, 0)));
		expect(query.EndTime).toEqual(new Date(Date.UTC(2026, 0, 1, 10, 3)));
		expect(query.MetricDataQueries?.map(entry => entry.MetricStat?.Metric?.MetricName)).toEqual(['Errors', 'Throttles', 'Invocations']);
		expect(query.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions).toEqual([
			{Name: 'FunctionName', Value: 'orders'}, {Name: 'Resource', Value: 'orders:live'}, {Name: 'ExecutedVersion', Value: '2'},
		]);
	});
});

describe('aliasStart: where a missing alias is created', () => {
	it.each([
		['3', [1, 2, 3], '2'],
		['5', [1, 2, 5], '2'],
		['2', [1, 2, 3], '1'],
		['1', [1, 2], '1'],
	])('target %s among %j → version %s', (target, numbers, expected) => {
		expect(aliasStart(target, numbers.map(number => ({version: String(number), role: 'r'})))).toBe(expected);
	});
});
