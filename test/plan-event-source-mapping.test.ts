// The SQS event source mapping on the alias: the planner, pure and table-driven.
import {describe, expect, it} from 'vitest';
import {desiredSqsMapping, planEventSourceMappings, queueKey, sqsResource} from '../source/deploy/sqs.js';
import type {ObservedMapping, SqsMappingSettings} from '../source/deploy/types.js';
import {loadSpec} from '../source/spec/spec.js';

const queue = 'arn:aws:sqs:us-east-1:111122223333:orders';
const aliasArn = 'arn:aws:lambda:us-east-1:111122223333:function:orders:live';
const wanted: SqsMappingSettings = {queueArn: queue, batchSize: 100, batchingWindowSeconds: 5, reportBatchItemFailures: true};
const seen = (overrides: Partial<ObservedMapping> = {}): ObservedMapping => ({uuid: 'u-1', state: 'Enabled', ...wanted, ...overrides});
const plan = (desired: SqsMappingSettings | undefined, observed: ObservedMapping[]) =>
	planEventSourceMappings({functionName: 'orders', alias: 'live', region: 'us-east-1', aliasArn}, desired, observed);
const summary = (desired: SqsMappingSettings | undefined, observed: ObservedMapping[]) => plan(desired, observed).map(action => `${action.change}: ${action.title}`);

describe('desiredSqsMapping', () => {
	const spec = (sqs: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\n${sqs}`});

	it('fills the queue ARN for the region and carries the settings', () => {
		expect(desiredSqsMapping(spec('queue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 100\nbatching_window_seconds = 5\nmax_concurrency = 5'), {region: 'eu-west-1', account: '111122223333'}))
			.toEqual({queueArn: 'arn:aws:sqs:eu-west-1:111122223333:orders', batchSize: 100, batchingWindowSeconds: 5, reportBatchItemFailures: true, maxConcurrency: 5});
	});

	it('wants no mapping without a queue ARN', () => {
		expect(desiredSqsMapping(spec('batch_size = 5'), {region: 'us-east-1'})).toBeUndefined();
	});
});

describe('planEventSourceMappings', () => {
	it.each([
		{case: 'none wanted, none there', desired: undefined, observed: [], expected: []},
		{case: 'wanted, none there', desired: wanted, observed: [], expected: ['create: Create the mapping from queue orders to orders:live']},
		{case: 'as wanted', desired: wanted, observed: [seen()], expected: ['no-op: The mapping from queue orders to orders:live is unchanged']},
		{case: 'another batch size', desired: wanted, observed: [seen({batchSize: 10, batchingWindowSeconds: 0})], expected: ['update: Update the mapping from queue orders to orders:live']},
		{case: '[sqs] removed from the config', desired: undefined, observed: [seen()], expected: ['delete: Remove the mapping from queue orders to orders:live']},
		{
			// The new one first: if creating it fails, the region stops with the old one still consuming.
			case: 'the queue changed: the new mapping before the old one goes',
			desired: {...wanted, queueArn: 'arn:aws:sqs:us-east-1:111122223333:orders-v2'},
			observed: [seen()],
			expected: ['create: Create the mapping from queue orders-v2 to orders:live', 'delete: Remove the mapping from queue orders to orders:live'],
		},
		{
			case: 'a second SQS mapping on the alias',
			desired: wanted,
			observed: [seen(), seen({uuid: 'u-2', queueArn: 'arn:aws:sqs:us-east-1:111122223333:stray'})],
			expected: ['no-op: The mapping from queue orders to orders:live is unchanged', 'delete: Remove the mapping from queue stray to orders:live'],
		},
		{
			case: 'the queue changed and its settings too: the update before the stray goes',
			desired: {...wanted, batchSize: 10, batchingWindowSeconds: 0},
			observed: [seen({uuid: 'u-2', queueArn: 'arn:aws:sqs:us-east-1:111122223333:old'}), seen()],
			expected: ['update: Update the mapping from queue orders to orders:live', 'delete: Remove the mapping from queue old to orders:live'],
		},
	])('$case', ({desired, observed, expected}) => {
		expect(summary(desired, observed)).toEqual(expected);
	});

	it('says what differs and updates by UUID, clearing what the config dropped', () => {
		const [update] = plan({...wanted, reportBatchItemFailures: false}, [seen({maxConcurrency: 5})]);
		expect(update!.details).toEqual(['report batch item failures true → false', 'maximum concurrency 5 → none']);
		expect(update!.awsCommand.join(' ')).toBe(
			'aws lambda update-event-source-mapping --uuid u-1 --batch-size 100 --maximum-batching-window-in-seconds 5 --function-response-types [] --scaling-config {} --region us-east-1',
		);
	});

	it('creates the mapping on the alias ARN', () => {
		expect(plan({...wanted, maxConcurrency: 5}, [])[0]!.awsCommand.join(' ')).toBe(
			`aws lambda create-event-source-mapping --function-name ${aliasArn} --event-source-arn ${queue} --enabled --batch-size 100 --maximum-batching-window-in-seconds 5 --function-response-types ["ReportBatchItemFailures"] --scaling-config {"MaximumConcurrency":5} --region us-east-1`,
		);
	});

	it('keeps one of two mappings for the same queue (a retried create made the second) and deletes the other', () => {
		const actions = plan(wanted, [seen({uuid: 'u-1', batchSize: 10}), seen({uuid: 'u-2'})]);
		expect(actions.map(action => `${action.change}: ${action.title}`)).toEqual([
			'no-op: The mapping from queue orders to orders:live is unchanged',
			'delete: Remove the mapping from queue orders to orders:live',
		]);
		expect(actions[1]!.awsCommand).toContain('u-1');
		expect(actions[1]!.details).toEqual(['a second mapping of the same queue (u-1): one consumer is wanted']);
	});

	it('sends no batching window for a FIFO queue, not even 0', () => {
		const fifo = {...wanted, queueArn: `${queue}.fifo`, batchSize: 10, batchingWindowSeconds: 0};
		const [create] = plan(fifo, []);
		expect(create!.awsCommand).not.toContain('--maximum-batching-window-in-seconds');
		const [update] = plan(fifo, [seen({queueArn: `${queue}.fifo`, batchSize: 5, batchingWindowSeconds: 0})]);
		expect(update!.change).toBe('update');
		expect(update!.awsCommand).not.toContain('--maximum-batching-window-in-seconds');
	});

	it('deletes by UUID', () => {
		expect(plan(undefined, [seen()])[0]!.awsCommand.join(' ')).toBe('aws lambda delete-event-source-mapping --uuid u-1 --region us-east-1');
	});
});

describe('queueKey: the queue\'s KMS key as a policy names it', () => {
	const queueArn = 'arn:aws:sqs:eu-west-1:111122223333:orders';
	it.each([
		{id: undefined, key: undefined},
		{id: 'alias/aws/sqs', key: undefined},
		{id: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sqs', key: undefined},
		{id: '1234abcd-12ab-34cd-56ef-1234567890ab', key: {kind: 'key', arn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'}},
		{id: 'arn:aws:kms:eu-west-1:444455556666:key/mrk-1', key: {kind: 'key', arn: 'arn:aws:kms:eu-west-1:444455556666:key/mrk-1'}},
		{id: 'alias/orders', key: {kind: 'alias', name: 'alias/orders', keys: 'arn:aws:kms:eu-west-1:111122223333:key/*'}},
		{id: 'arn:aws:kms:eu-west-1:444455556666:alias/orders', key: {kind: 'alias', name: 'alias/orders', keys: 'arn:aws:kms:eu-west-1:444455556666:key/*'}},
	])('$id', ({id, key}) => {
		expect(queueKey(id, queueArn)).toEqual(key);
	});

	it('grants kms:Decrypt on a key by ARN, and on a key known by its alias through kms:ResourceAliases', () => {
		const spec = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\n'});
		const seen = (region: string, kmsMasterKeyId: string) => ({
			versions: [], mappings: [],
			queue: {arn: `arn:aws:sqs:${region}:111122223333:orders`, key: queueKey(kmsMasterKeyId, `arn:aws:sqs:${region}:111122223333:orders`)!},
		});
		const statements = sqsResource.grants!(spec, {regions: ['us-east-1', 'eu-west-1'], account: '111122223333'}, [seen('us-east-1', 'k-1'), seen('eu-west-1', 'alias/orders')]);
		expect(statements.slice(1)).toEqual([
			{Sid: 'DecryptEventSourceQueue', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:us-east-1:111122223333:key/k-1']},
			{
				Sid: 'DecryptEventSourceQueueByAlias',
				Effect: 'Allow',
				Action: ['kms:Decrypt'],
				Resource: ['arn:aws:kms:eu-west-1:111122223333:key/*'],
				Condition: {'ForAnyValue:StringEquals': {'kms:ResourceAliases': ['alias/orders']}},
			},
		]);
	});
});

describe('the queue, read before any write', () => {
	const load = (extra = '') => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "sqs"\n[function]\ntimeout = 30\n${extra}[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\n`});
	const target = (spec: ReturnType<typeof load>) => ({spec, region: 'us-east-1', account: '111122223333'}) as Parameters<NonNullable<typeof sqsResource.check>>[1];
	const anchor = {versions: []};
	const observed = (queue: Record<string, unknown>) => ({mappings: [], queue: {arn: queue_, ...queue}});
	const queue_ = 'arn:aws:sqs:us-east-1:111122223333:orders';

	it.each([
		{case: 'no such queue', queue: {missing: true}, problem: 'there is no queue arn:aws:sqs:us-east-1:111122223333:orders'},
		{case: 'visibility timeout below the function timeout', queue: {visibilityTimeout: 29}, problem: 'visibility timeout of 29 s, less than function.timeout (30 s): Lambda refuses such a mapping'},
		{case: 'visibility timeout equal to the function timeout', queue: {visibilityTimeout: 30}, problem: undefined},
	])('$case', ({queue, problem}) => {
		const found = sqsResource.check!(observed(queue), target(load()), anchor);
		expect(found?.message).toEqual(problem === undefined ? undefined : expect.stringContaining(problem));
		expect(found?.key).toBe(problem === undefined ? undefined : 'sqs.queue_arn');
	});

	it('notes a visibility timeout under six times the function timeout, and a key a role it does not manage must be allowed', () => {
		expect(sqsResource.notes!(observed({visibilityTimeout: 179}), target(load()), anchor)).toEqual([
			'queue orders has a visibility timeout of 179 s; AWS recommends six times function.timeout (180 s), so that a batch Lambda retries is not received twice.',
		]);
		expect(sqsResource.notes!(observed({visibilityTimeout: 180}), target(load()), anchor)).toEqual([]);
		const sealed = observed({visibilityTimeout: 180, key: queueKey('k-1', queue_)});
		expect(sqsResource.notes!(sealed, target(load()), anchor)).toEqual([]);
		expect(sqsResource.notes!(sealed, target(load('role = "arn:aws:iam::111122223333:role/own"\n')), anchor)).toEqual([
			'queue orders is encrypted with the customer-managed KMS key arn:aws:kms:us-east-1:111122223333:key/k-1: function.role must allow kms:Decrypt on it, or Lambda cannot read the messages.',
		]);
	});
});
