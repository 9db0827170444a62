// The deploy planner: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {desiredFunction} from '../source/deploy/function.js';
import {accountNeeded} from '../source/deploy/read.js';
import {planRegion} from '../source/deploy/region.js';
import type {ObservedRegion} from '../source/deploy/registry.js';
import type {DesiredFunction} from '../source/deploy/types.js';
import {RunError} from '../source/errors.js';
import {loadSpec} from '../source/spec/spec.js';
import {deployed, desired, inputOf, operations, target, targetFor} from './support/plans.js';

/** The region with no alias yet. */
function withoutAlias(observed: ObservedRegion): ObservedRegion {
	const {alias: _alias, ...rest} = observed;
	return rest;
}

const planFunctionRegion = (want: DesiredFunction, observed: ObservedRegion) => planRegion(target(want), observed);

const summary = (observed: ObservedRegion, want = desired()) =>
	planFunctionRegion(want, observed).actions.map(action => `${action.change}: ${action.title}`);

describe('planFunctionRegion', () => {
	it.each([
		{
			case: 'nothing exists',
			observed: {versions: [], mappings: []},
			expected: ['create: Create function orders', 'create: Publish a version of orders', 'create: Create alias live → the new version'],
		},
		{
			case: 'everything matches',
			observed: deployed(),
			expected: ['no-op: Code of orders unchanged', 'no-op: Configuration of orders unchanged', 'no-op: Version 3 of orders already matches', 'no-op: Alias live already on version 3'],
		},
		{
			case: 'the code changed',
			observed: deployed({sha: 'sha-old'}),
			expected: ['update: Update code of orders', 'no-op: Configuration of orders unchanged', 'create: Publish a version of orders', 'update: Point alias live at the new version'],
		},
		{
			case: 'the memory changed',
			observed: deployed({settings: {memory: 128}}),
			expected: ['no-op: Code of orders unchanged', 'update: Update configuration of orders', 'create: Publish a version of orders', 'update: Point alias live at the new version'],
		},
		{
			case: 'the alias is on an older version that matches nothing',
			observed: deployed({aliasVersion: '2'}),
			expected: ['no-op: Code of orders unchanged', 'no-op: Configuration of orders unchanged', 'no-op: Version 3 of orders already matches', 'update: Point alias live at version 3'],
		},
		{
			case: 'the function matches but has no alias yet',
			observed: withoutAlias(deployed()),
			expected: ['no-op: Code of orders unchanged', 'no-op: Configuration of orders unchanged', 'no-op: Version 3 of orders already matches', 'create: Create alias live → version 3'],
		},
		{
			case: 'the function matches but no version was published',
			observed: withoutAlias({...deployed(), versions: []}),
			expected: ['no-op: Code of orders unchanged', 'no-op: Configuration of orders unchanged', 'create: Publish a version of orders', 'create: Create alias live → the new version'],
		},
	])('$case', ({observed, expected}) => {
		expect(summary(observed)).toEqual(expected);
	});

	it('moves the alias back to a single version when a weighted roll-out was left half-way', () => {
		const observed = deployed();
		observed.alias = {functionVersion: '3', additionalWeights: {'2': 0.1}};
		expect(summary(observed).at(-1)).toBe('update: Point alias live at version 3');
	});

	it('updates the code when only the architecture changed', () => {
		const plan = planFunctionRegion(desired({architecture: 'x86_64'}), deployed());
		expect(plan.actions[0]).toMatchObject({change: 'update', details: ['architecture arm64 → x86_64']});
		expect(plan.actions[0]!.awsCommand).toContain('["x86_64"]');
	});

	it('says what changed in the configuration', () => {
		const plan = planFunctionRegion(desired(), deployed({settings: {memory: 128, timeout: 3, environment: {RUST_LOG: 'debug', OLD: '1'}}}));
		expect(plan.actions[1]!.details).toEqual(['memory 128 MB → 256 MB', 'timeout 3 s → 30 s', 'environment: OLD, RUST_LOG changed']);
	});

	it('gives the equivalent aws command for every change and none for a no-op', () => {
		const plan = planFunctionRegion(desired(), {versions: [], mappings: []});
		expect(plan.actions.map(action => action.awsCommand.slice(0, 3).join(' '))).toEqual([
			'aws lambda create-function',
			'aws lambda publish-version',
			'aws lambda create-alias',
		]);
		expect(plan.actions[0]!.awsCommand).toEqual(expect.arrayContaining(['--function-name', 'orders', '--region', 'us-east-1', '--memory-size', '256']));
		expect(planFunctionRegion(desired(), deployed()).actions.every(action => action.awsCommand.length === 0)).toBe(true);
	});

	it('refuses to put a ZIP on an image function', () => {
		const observed = deployed();
		observed.function!.packageType = 'Image';
		expect(() => planFunctionRegion(desired(), observed)).toThrow(RunError);
	});
});

describe('desiredFunction', () => {
	const spec = (extra = '') => loadSpec({
		file: 'rust-lambda.toml',
		text: `[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/r"\nlayers = ["arn:aws:lambda:{region}:{account}:layer:tools:3"]\n${extra}`,
	});
	const zip = {packageType: 'Zip' as const, zip: {path: 'f.zip', sha256: 'x', bytes: 1}};

	it('fills {region} and {account} for each region', () => {
		const want = desiredFunction(spec(), zip, {region: 'eu-west-1', account: '111122223333'}, 'arn:aws:iam::111122223333:role/r');
		expect(want.settings.role).toBe('arn:aws:iam::111122223333:role/r');
		expect(want.settings.layers).toEqual(['arn:aws:lambda:eu-west-1:111122223333:layer:tools:3']);
	});

	it('carries the VPC settings', () => {
		const want = desiredFunction(spec('[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]'), zip, {region: 'us-east-1', account: '1'}, 'arn:aws:iam::1:role/r');
		expect(want.settings.vpc).toEqual({subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234']});
	});

	it('carries the dead-letter queue, filled for the region', () => {
		const want = desiredFunction(spec('[async]\ndead_letter_arn = "arn:aws:sqs:{region}:{account}:dlq"'), zip, {region: 'eu-west-1', account: '111122223333'}, 'role');
		expect(want.settings.deadLetterArn).toBe('arn:aws:sqs:eu-west-1:111122223333:dlq');
	});
});

describe('planRegion with every resource', () => {
	const spec = loadSpec({
		file: 'rust-lambda.toml',
		text: [
			'[project]\nname = "orders"\ntrigger = "sqs"',
			'[function]\nreserved_concurrency = 10',
			'[async]\non_failure = "arn:aws:sqs:{region}:{account}:failed"',
			'[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 100\nbatching_window_seconds = 5',
		].join('\n'),
	});
	const want = targetFor(spec, {packageType: 'Zip', zip: {path: 'f.zip', sha256: 'sha-new', bytes: 1}}, {region: 'eu-west-1', account: '111122223333'}, 'arn:aws:iam::111122223333:role/orders-role');
	const created = planRegion(want, {versions: [], mappings: []}).actions;

	it('fills every ARN for the region, and builds the alias ARN the mapping points at', () => {
		expect(inputOf(created, 'CreateEventSourceMapping')).toMatchObject({
			FunctionName: 'arn:aws:lambda:eu-west-1:111122223333:function:orders:live',
			EventSourceArn: 'arn:aws:sqs:eu-west-1:111122223333:orders',
		});
		expect(inputOf(created, 'PutFunctionEventInvokeConfig')).toMatchObject({DestinationConfig: {OnFailure: {Destination: 'arn:aws:sqs:eu-west-1:111122223333:failed'}}});
		expect(inputOf(created, 'PutFunctionConcurrency')).toMatchObject({ReservedConcurrentExecutions: 10});
	});

	it('orders the steps: function, concurrency, version, alias, then what hangs off the alias', () => {
		expect(operations(created)).toEqual([
			'CreateFunction',
			'PutFunctionConcurrency',
			'PublishVersion',
			'CreateAlias',
			'PutFunctionEventInvokeConfig',
			'CreateEventSourceMapping',
		]);
	});

	it('a second run over what the first made is all no-op', () => {
		const observed: ObservedRegion = {
			function: {settings: want.function.settings, codeSha256: 'sha-new', architecture: 'arm64', packageType: 'Zip', reservedConcurrency: 10},
			versions: [{version: '1', codeSha256: 'sha-new', architecture: 'arm64', settings: want.function.settings}],
			alias: {functionVersion: '1', additionalWeights: {}},
			eventInvokeConfig: {maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600, onFailure: 'arn:aws:sqs:eu-west-1:111122223333:failed'},
			mappings: [{uuid: 'u-1', state: 'Enabled', queueArn: 'arn:aws:sqs:eu-west-1:111122223333:orders', batchSize: 100, batchingWindowSeconds: 5, reportBatchItemFailures: true}],
		};
		expect(planRegion(want, observed).actions.map(action => action.change)).toEqual(['no-op', 'no-op', 'no-op', 'no-op', 'no-op', 'no-op', 'no-op']);
	});
});

describe('accountNeeded', () => {
	const role = '[function]\nrole = "arn:aws:iam::111122223333:role/r"';
	it.each([
		['a role ARN without placeholders', `${role}`, false],
		['no role: deploy builds the role ARN', '', true],
		['{account} in a destination', `${role}\n[async]\non_success = "arn:aws:sns:{region}:{account}:t"`, true],
		['an SQS mapping: deploy builds the alias ARN', `trigger = "sqs"\n${role}\n[sqs]\nqueue_arn = "arn:aws:sqs:us-east-1:111122223333:q"`, true],
	])('%s → %s', (_case, text, expected) => {
		expect(accountNeeded(loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\n${text}`}))).toBe(expected);
	});
});
