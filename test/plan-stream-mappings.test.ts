// The DynamoDB and Kinesis mappings on the alias: the planner, the source check
// and the role's statements, pure and table-driven.
import {describe, expect, it} from 'vitest';
import {resourceGrants} from '../source/deploy/registry.js';
import {desiredStreamMapping, planStreamMappings, streamSourceProblem, type ObservedStreamMapping, type StreamMappingSettings} from '../source/deploy/streams.js';
import {loadSpec} from '../source/spec/spec.js';
import {inputOf, operations} from './support/plans.js';

const account = '111122223333';
const tableStream = `arn:aws:dynamodb:us-east-1:${account}:table/orders/stream/2026-01-01T00:00:00.000`;
const kinesisStream = `arn:aws:kinesis:us-east-1:${account}:stream/clicks`;
const aliasArn = `arn:aws:lambda:us-east-1:${account}:function:orders:live`;
const wanted: StreamMappingSettings = {
	source: 'dynamodb',
	streamArn: tableStream,
	startingPosition: 'LATEST',
	batchSize: 100,
	batchingWindowSeconds: 0,
	bisectBatchOnError: false,
	maxRetryAttempts: -1,
	maxRecordAgeSeconds: -1,
	parallelizationFactor: 1,
	reportBatchItemFailures: true,
};
const seen = (overrides: Partial<ObservedStreamMapping> = {}): ObservedStreamMapping => ({uuid: 'u-1', state: 'Enabled', ...wanted, ...overrides});
const plan = (desired: StreamMappingSettings | undefined, observed: ObservedStreamMapping[]) =>
	planStreamMappings({functionName: 'orders', alias: 'live', region: 'us-east-1', aliasArn}, desired, observed);
const summary = (desired: StreamMappingSettings | undefined, observed: ObservedStreamMapping[]) => plan(desired, observed).map(action => `${action.change}: ${action.title}`);
const spec = (trigger: string, section: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "${trigger}"\n[${trigger}]\n${section}`});

describe('desiredStreamMapping', () => {
	it('takes Lambda\'s defaults for what the section leaves out, and always reports batch item failures', () => {
		expect(desiredStreamMapping(spec('dynamodb', 'table = "orders"'), tableStream, {region: 'us-east-1'})).toEqual(wanted);
	});

	it('carries every setting, the on-failure ARN filled for the region', () => {
		const section = [
			'stream_arn = "arn:aws:kinesis:{region}:{account}:stream/clicks"',
			'starting_position = "TRIM_HORIZON"',
			'batch_size = 500',
			'batching_window_seconds = 10',
			'bisect_batch_on_error = true',
			'max_retry_attempts = 5',
			'max_record_age_seconds = 600',
			'parallelization_factor = 4',
			'on_failure = "arn:aws:sqs:{region}:{account}:failed"',
		].join('\n');
		expect(desiredStreamMapping(spec('kinesis', section), kinesisStream, {region: 'eu-west-1', account})).toEqual({
			source: 'kinesis',
			streamArn: kinesisStream,
			startingPosition: 'TRIM_HORIZON',
			batchSize: 500,
			batchingWindowSeconds: 10,
			bisectBatchOnError: true,
			maxRetryAttempts: 5,
			maxRecordAgeSeconds: 600,
			parallelizationFactor: 4,
			onFailure: `arn:aws:sqs:eu-west-1:${account}:failed`,
			reportBatchItemFailures: true,
		});
	});

	it('wants no stream mapping for another trigger', () => {
		expect(desiredStreamMapping(loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\n'}), tableStream, {region: 'us-east-1'})).toBeUndefined();
	});
});

describe('planStreamMappings', () => {
	const kinesis = seen({uuid: 'u-k', source: 'kinesis', streamArn: kinesisStream});
	it.each([
		{case: 'none wanted, none there', desired: undefined, observed: [], expected: []},
		{case: 'wanted, none there', desired: wanted, observed: [], expected: ['create: Create the mapping from the stream of table orders to orders:live']},
		{case: 'as wanted', desired: wanted, observed: [seen()], expected: ['no-op: The mapping from the stream of table orders to orders:live is unchanged']},
		{case: 'another batch size', desired: wanted, observed: [seen({batchSize: 10})], expected: ['update: Update the mapping from the stream of table orders to orders:live']},
		{
			// Lambda refuses a second mapping from one stream to one function: the old one must go first.
			case: 'another starting position: a replace, deleting first',
			desired: {...wanted, startingPosition: 'TRIM_HORIZON'},
			observed: [seen()],
			expected: [
				'delete: Replace the mapping from the stream of table orders to orders:live: delete the current one',
				'create: Create the mapping from the stream of table orders to orders:live',
			],
		},
		{case: 'the section removed', desired: undefined, observed: [seen()], expected: ['delete: Remove the mapping from the stream of table orders to orders:live']},
		{
			case: 'switched from Kinesis to DynamoDB: the new mapping before the old one goes',
			desired: wanted,
			observed: [kinesis],
			expected: ['create: Create the mapping from the stream of table orders to orders:live', 'delete: Remove the mapping from Kinesis stream clicks to orders:live'],
		},
		{
			// The table's stream was turned off and on: a new stream ARN, a different source.
			case: 'the table has a new stream',
			desired: {...wanted, streamArn: `${tableStream.slice(0, -4)}.999`},
			observed: [seen()],
			expected: ['create: Create the mapping from the stream of table orders to orders:live', 'delete: Remove the mapping from the stream of table orders to orders:live'],
		},
		{
			case: 'a mapping Lambda is already deleting is left alone',
			desired: wanted,
			observed: [seen({state: 'Deleting'})],
			expected: ['create: Create the mapping from the stream of table orders to orders:live'],
		},
	])('$case', ({desired, observed, expected}) => {
		expect(summary(desired, observed)).toEqual(expected);
	});

	it('creates on the alias ARN with ReportBatchItemFailures and the settings that are not Lambda\'s defaults', () => {
		const actions = plan({...wanted, batchSize: 50, maxRetryAttempts: 0, onFailure: `arn:aws:sqs:us-east-1:${account}:failed`}, []);
		expect(inputOf(actions, 'CreateEventSourceMapping')).toEqual({
			FunctionName: aliasArn,
			EventSourceArn: tableStream,
			Enabled: true,
			StartingPosition: 'LATEST',
			BatchSize: 50,
			MaximumRetryAttempts: 0,
			DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:us-east-1:${account}:failed`}},
			FunctionResponseTypes: ['ReportBatchItemFailures'],
		});
		expect(Object.keys(inputOf(plan({...wanted, bisectBatchOnError: true, batchingWindowSeconds: 5, maxRecordAgeSeconds: 60, parallelizationFactor: 2}, []), 'CreateEventSourceMapping')!))
			.toEqual(['FunctionName', 'EventSourceArn', 'Enabled', 'StartingPosition', 'MaximumBatchingWindowInSeconds', 'BisectBatchOnFunctionError', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'FunctionResponseTypes']);
	});

	it('says what differs and updates by UUID only that, with Lambda\'s default or no destination for what the config dropped', () => {
		const actions = plan(wanted, [seen({batchSize: 10, maxRetryAttempts: 3, onFailure: 'arn:aws:sns:us-east-1:111122223333:failed', reportBatchItemFailures: false})]);
		expect(actions[0]!.details).toEqual([
			'batch size 10 → 100',
			'maximum retry attempts 3 → unlimited',
			'on-failure destination arn:aws:sns:us-east-1:111122223333:failed → none',
			'report batch item failures false → true',
		]);
		expect(inputOf(actions, 'UpdateEventSourceMapping')).toEqual({
			UUID: 'u-1',
			BatchSize: 100,
			MaximumRetryAttempts: -1,
			DestinationConfig: {OnFailure: {}},
			FunctionResponseTypes: ['ReportBatchItemFailures'],
		});
	});

	it('explains a replace: why, and what it does to records, by the new starting position', () => {
		const fromStart = plan({...wanted, startingPosition: 'TRIM_HORIZON'}, [seen()]);
		expect(operations(fromStart)).toEqual(['DeleteEventSourceMapping', 'CreateEventSourceMapping']);
		expect(fromStart[0]!.details[0]).toBe('starting position LATEST → TRIM_HORIZON: Lambda cannot change it on a mapping, so it is replaced');
		expect(fromStart[1]!.details).toContain('the new mapping reads again every record the stream still holds, including those already processed');
		const fromNow = plan(wanted, [seen({startingPosition: 'TRIM_HORIZON'})]);
		expect(fromNow[1]!.details).toContain('records written between the delete and the new mapping\'s first read are not delivered');
	});
});

describe('streamSourceProblem', () => {
	it.each([
		{case: 'a table with a stream', source: {source: 'dynamodb', table: 'orders', found: true, streamArn: tableStream} as const, expected: undefined},
		{case: 'a stream in the region', source: {source: 'kinesis', streamArn: kinesisStream, found: true} as const, expected: undefined},
		{case: 'no stream section', source: undefined, expected: undefined},
		{
			case: 'no such table',
			source: {source: 'dynamodb', table: 'orders', found: false} as const,
			expected: {key: 'dynamodb.table', message: 'there is no table "orders" in us-east-1: the table must exist in the function\'s region'},
		},
		{
			case: 'a table without a stream: the command that enables it',
			source: {source: 'dynamodb', table: 'orders', found: true} as const,
			expected: {
				key: 'dynamodb.table',
				message: 'table "orders" in us-east-1 has no stream enabled; turn it on with: aws dynamodb update-table --table-name orders --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES --region us-east-1',
			},
		},
		{
			case: 'no such Kinesis stream',
			source: {source: 'kinesis', streamArn: kinesisStream, found: false} as const,
			expected: {key: 'kinesis.stream_arn', message: `there is no Kinesis stream ${kinesisStream} in us-east-1`},
		},
		{
			case: 'a Kinesis stream in another region',
			source: {source: 'kinesis', streamArn: `arn:aws:kinesis:eu-west-1:${account}:stream/clicks`} as const,
			expected: {
				key: 'kinesis.stream_arn',
				message: `arn:aws:kinesis:eu-west-1:${account}:stream/clicks is in eu-west-1, but the function is deployed to us-east-1: Lambda reads a stream only in its own region (use {region} in the ARN for a stream per region)`,
			},
		},
	])('$case', ({source, expected}) => {
		expect(streamSourceProblem(source, 'us-east-1')).toEqual(expected);
	});
});

describe('the role\'s statements for a stream trigger', () => {
	const scope = {regions: ['us-east-1', 'eu-west-1'], account};
	it('DynamoDB: the table\'s streams in each region, ListStreams on "*" (it lists streams), sending failures to the destination', () => {
		expect(resourceGrants(spec('dynamodb', 'table = "orders"\non_failure = "arn:aws:s3:::failed-batches"'), scope)).toEqual([
			{
				Sid: 'ReadDynamoDBStream',
				Effect: 'Allow',
				Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
				Resource: [`arn:aws:dynamodb:us-east-1:${account}:table/orders/stream/*`, `arn:aws:dynamodb:eu-west-1:${account}:table/orders/stream/*`],
			},
			{Sid: 'ListDynamoDBStreams', Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: '*'},
			{Sid: 'StreamFailuresPutObjectsInBuckets', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::failed-batches/*']},
			{Sid: 'StreamFailuresListDestinationBuckets', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::failed-batches']},
		]);
	});

	it('Kinesis: the stream filled per region, ListStreams on "*"', () => {
		expect(resourceGrants(spec('kinesis', 'stream_arn = "arn:aws:kinesis:{region}:{account}:stream/clicks"'), scope)).toEqual([
			{
				Sid: 'ReadKinesisStream',
				Effect: 'Allow',
				Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
				Resource: [`arn:aws:kinesis:us-east-1:${account}:stream/clicks`, `arn:aws:kinesis:eu-west-1:${account}:stream/clicks`],
			},
			{Sid: 'ListKinesisStreams', Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: '*'},
		]);
	});

	it('nothing while the source is not set, not even the failure destination', () => {
		expect(resourceGrants(spec('dynamodb', 'on_failure = "arn:aws:sqs:{region}:{account}:failed"'), scope)).toEqual([]);
	});
});
