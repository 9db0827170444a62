// The built CLI wiring the stream triggers ([dynamodb], [kinesis]) against one
// real moto server: the mapping on the alias with the section's settings, the
// role's stream actions on that stream only, convergence (no write, an update in
// place, a replace for a new starting position), refusals before any change, and
// removal when the section goes or the trigger switches.
import {CreateTableCommand, DynamoDBClient, UpdateTableCommand} from '@aws-sdk/client-dynamodb';
import {GetRolePolicyCommand, IAMClient} from '@aws-sdk/client-iam';
import {CreateStreamCommand, KinesisClient} from '@aws-sdk/client-kinesis';
import {CreateEventSourceMappingCommand, GetFunctionCommand, LambdaClient, ListEventSourceMappingsCommand, type EventSourceMappingConfiguration} from '@aws-sdk/client-lambda';
import {NodeHttpHandler} from '@smithy/node-http-handler';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, describeRequest, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {createQueue} from './support/sqs.js';
import {binPath} from './support/cli.js';
import {openTerminal} from './support/tmux.js';

const account = '123456789012';
const moto = useMoto();
let project: TestProject;
let zip: string;

const clientOptions = (region = 'us-east-1') => ({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});
const aliasArn = (region = 'us-east-1', alias = 'live') => `arn:aws:lambda:${region}:${account}:function:orders:${alias}`;
const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});

const dynamodbConfig = (settings = '', regions = '["us-east-1"]') => [
	'[project]\nname = "orders"\ntrigger = "dynamodb"',
	`[dynamodb]\ntable = "orders"\n${settings}`,
	`[deploy]\nregions = ${regions}`,
].join('\n\n');
const dynamodbSettings = [
	'batch_size = 50',
	'batching_window_seconds = 2',
	'bisect_batch_on_error = true',
	'max_retry_attempts = 3',
	'max_record_age_seconds = 3600',
	'parallelization_factor = 2',
	'on_failure = "arn:aws:sqs:{region}:{account}:failed"',
].join('\n');

const kinesisConfig = (settings = '', streamArn = 'arn:aws:kinesis:{region}:{account}:stream/clicks') => [
	'[project]\nname = "orders"\ntrigger = "kinesis"',
	`[kinesis]\nstream_arn = "${streamArn}"\n${settings}`,
	'[deploy]\nregions = ["us-east-1"]',
].join('\n\n');

async function createTable(region: string, name: string, stream: boolean): Promise<string | undefined> {
	const answer = await new DynamoDBClient(clientOptions(region)).send(new CreateTableCommand({
		TableName: name,
		KeySchema: [{AttributeName: 'id', KeyType: 'HASH'}],
		AttributeDefinitions: [{AttributeName: 'id', AttributeType: 'S'}],
		BillingMode: 'PAY_PER_REQUEST',
		...(stream ? {StreamSpecification: {StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES'}} : {}),
	}));
	return answer.TableDescription?.LatestStreamArn;
}

async function createStream(region: string, name: string): Promise<string> {
	// HTTP/1.1: moto is plain http, and the Kinesis client defaults to HTTP/2.
	await new KinesisClient({...clientOptions(region), requestHandler: new NodeHttpHandler()}).send(new CreateStreamCommand({StreamName: name, ShardCount: 1}));
	return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
}

async function mappings(region = 'us-east-1', functionName = aliasArn(region)): Promise<EventSourceMappingConfiguration[]> {
	return (await new LambdaClient(clientOptions(region)).send(new ListEventSourceMappingsCommand({FunctionName: functionName}))).EventSourceMappings ?? [];
}

/** The role's policy as "action on resource" lines, for the statements that are not the logs'. */
async function streamGrants(): Promise<string[]> {
	const policy = await new IAMClient(clientOptions()).send(new GetRolePolicyCommand({RoleName: 'orders-role', PolicyName: 'rust-lambda-wizard'}));
	const document = JSON.parse(decodeURIComponent(policy.PolicyDocument!)) as {Statement: Array<{Action: string | string[]; Resource: string | string[]}>};
	return document.Statement
		.flatMap(statement => [statement.Action].flat().flatMap(action => [statement.Resource].flat().map(resource => `${action} on ${resource}`)))
		.filter(grant => !grant.startsWith('logs:'))
		.sort();
}

const writesOf = async () => awsWrites(await moto.requests()).map(request => describeRequest(request));

interface JsonAction {change: string; awsCommand: string | null}
interface JsonPlan {roles: Array<{actions: JsonAction[]; afterRegions: JsonAction[]}>; regions: Array<{actions: JsonAction[]}>}

/** The dry run's plan as JSON: every action, role first, as it would run. */
async function dryRunActions(): Promise<JsonAction[]> {
	const result = await deploy('--dry-run', '--json');
	expect(result.exitCode).toBe(0);
	const plan = JSON.parse(result.stdout) as JsonPlan;
	return [...plan.roles.flatMap(role => role.actions), ...plan.regions.flatMap(region => region.actions), ...plan.roles.flatMap(role => role.afterRegions)];
}

/** Runs the plan's aws commands as a person would paste them into a shell; returns their first three words. */
async function runAwsLines(actions: readonly JsonAction[]): Promise<string[]> {
	const environment = {...process.env, ...testCredentials, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true'};
	const lines = actions.flatMap(action => (action.change !== 'no-op' && action.awsCommand ? [action.awsCommand] : []));
	for (const line of lines) {
		await promisify(execFile)('bash', ['-c', line], {env: environment});
	}

	return lines.map(line => line.split(' ').slice(0, 3).join(' '));
}

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	zip = await project.writeZip('v1');
});

afterEach(async () => {
	await project.remove();
});

describe('the DynamoDB trigger', () => {
	it('maps the table\'s stream to the alias with every setting, and lets the role read that stream only', async () => {
		const regions = ['us-east-1', 'eu-west-1'];
		const streams: Record<string, string> = {};
		for (const region of regions) {
			streams[region] = (await createTable(region, 'orders', true))!;
			await createQueue(moto.url, region, 'failed');
		}

		await project.writeConfig(dynamodbConfig(dynamodbSettings, '["us-east-1", "eu-west-1"]'));
		const result = await deploy('--yes');
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Create the mapping from the stream of table orders to orders:live');

		for (const region of regions) {
			const found = await mappings(region);
			expect(found).toHaveLength(1);
			expect(found[0]).toMatchObject({
				EventSourceArn: streams[region],
				StartingPosition: 'LATEST',
				BatchSize: 50,
				MaximumBatchingWindowInSeconds: 2,
				BisectBatchOnFunctionError: true,
				MaximumRetryAttempts: 3,
				MaximumRecordAgeInSeconds: 3600,
				ParallelizationFactor: 2,
				DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${account}:failed`}},
				FunctionResponseTypes: ['ReportBatchItemFailures'],
			});
		}

		expect(await streamGrants()).toEqual([
			...regions.flatMap(region => ['DescribeStream', 'GetRecords', 'GetShardIterator'].map(action => `dynamodb:${action} on arn:aws:dynamodb:${region}:${account}:table/orders/stream/*`)),
			'dynamodb:ListStreams on *',
			...regions.map(region => `sqs:SendMessage on arn:aws:sqs:${region}:${account}:failed`),
		].sort());

		// Every setting reads back as it was sent: nothing to write on a second run.
		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(await writesOf()).toEqual([]);
	});

	it('converges: no write on a second run, a new batch size in place, a new starting position as a replace that needs --yes', async () => {
		const stream = await createTable('us-east-1', 'orders', true);
		await project.writeConfig(dynamodbConfig('batch_size = 50'));
		expect((await deploy('--yes')).exitCode).toBe(0);
		const [first] = await mappings();

		await moto.record();
		const again = await deploy('--yes');
		expect(again.exitCode).toBe(0);
		expect(await writesOf()).toEqual([]);

		await project.writeConfig(dynamodbConfig('batch_size = 200'));
		await moto.record();
		const changed = await deploy('--yes');
		expect(changed.exitCode).toBe(0);
		expect(changed.stdout).toContain('batch size 50 → 200');
		expect(await writesOf()).toEqual([`PUT /2015-03-31/event-source-mappings/${first!.UUID}`]);
		expect(await mappings()).toMatchObject([{UUID: first!.UUID, BatchSize: 200, StartingPosition: 'LATEST'}]);

		await project.writeConfig(dynamodbConfig('batch_size = 200\nstarting_position = "TRIM_HORIZON"'));
		const preview = await deploy('--dry-run');
		expect(preview.exitCode).toBe(0);
		expect(preview.stdout).toMatch(/- delete {2}Replace the mapping from the stream of table orders to orders:live: delete the current one\n.*starting position LATEST → TRIM_HORIZON/);
		expect(preview.stdout).toContain('reads again every record the stream still holds');
		expect(preview.stdout).toContain('1 to create, 0 to update, 1 to delete');

		// No terminal to ask in: without --yes nothing is changed.
		const unconfirmed = await deploy();
		expect(unconfirmed.exitCode).not.toBe(0);
		expect(unconfirmed.stderr).toContain('pass --yes');
		expect(await mappings()).toMatchObject([{UUID: first!.UUID, StartingPosition: 'LATEST'}]);

		const replaced = await deploy('--yes');
		expect(replaced.exitCode).toBe(0);
		const after = await mappings();
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({EventSourceArn: stream, StartingPosition: 'TRIM_HORIZON', BatchSize: 200});
		expect(after[0]!.UUID).not.toBe(first!.UUID);
	});

	it('asks before a replace in a terminal, with No as the answer Enter gives', async () => {
		await createTable('us-east-1', 'orders', true);
		await project.writeConfig(dynamodbConfig());
		expect((await deploy('--yes')).exitCode).toBe(0);
		const [first] = await mappings();

		await project.writeConfig(dynamodbConfig('starting_position = "TRIM_HORIZON"'));
		const terminal = openTerminal([process.execPath, binPath, 'deploy', '--zip', zip, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
		try {
			const question = await terminal.waitFor('of them deleting?', 'the confirmation');
			expect(question).toContain('Apply 2 change(s) in 1 region(s), 1 of them deleting? (y/N)');
			terminal.send('Enter');
			const end = await terminal.waitFor('[exit ', 'the deploy to end');
			expect(end).toContain('Nothing changed.');
			expect(end).toContain('[exit 0]');
		} finally {
			await terminal.kill();
		}

		expect(await mappings()).toMatchObject([{UUID: first!.UUID, StartingPosition: 'LATEST'}]);
	});

	it('refuses a table without a stream, or no table, before any change, with the command that enables the stream', async () => {
		await createTable('us-east-1', 'orders', false);
		await project.writeConfig(dynamodbConfig());
		await moto.record();
		const refused = await deploy('--yes');
		expect(refused.exitCode).not.toBe(0);
		expect(refused.stderr).toContain('dynamodb.table');
		expect(refused.stderr).toContain('aws dynamodb update-table --table-name orders --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES --region us-east-1');
		expect(await writesOf()).toEqual([]);

		await project.writeConfig(dynamodbConfig().replace('table = "orders"', 'table = "missing"'));
		const missing = await deploy('--yes');
		expect(missing.exitCode).not.toBe(0);
		expect(missing.stderr).toContain('there is no table "missing" in us-east-1');

		// The command it printed is the fix: with the stream on, the same config deploys.
		await new DynamoDBClient(clientOptions()).send(new UpdateTableCommand({TableName: 'orders', StreamSpecification: {StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES'}}));
		await project.writeConfig(dynamodbConfig());
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(await mappings()).toHaveLength(1);
	});

	it('says the trigger is not connected while dynamodb.table is not set', async () => {
		await project.writeConfig(dynamodbConfig().replace('table = "orders"\n', ''));
		const preview = await deploy('--dry-run');
		expect(preview.exitCode).toBe(0);
		expect(preview.stdout).toContain('The DynamoDB trigger is not connected: set dynamodb.table in the config');
	});

	it('says when the table\'s stream carries no new image, which the generated handler reads', async () => {
		await new DynamoDBClient(clientOptions()).send(new CreateTableCommand({
			TableName: 'orders',
			KeySchema: [{AttributeName: 'id', KeyType: 'HASH'}],
			AttributeDefinitions: [{AttributeName: 'id', AttributeType: 'S'}],
			BillingMode: 'PAY_PER_REQUEST',
			StreamSpecification: {StreamEnabled: true, StreamViewType: 'KEYS_ONLY'},
		}));
		await project.writeConfig(dynamodbConfig());
		const preview = await deploy('--dry-run');
		expect(preview.exitCode).toBe(0);
		expect(preview.stdout).toContain('Note: the stream of table orders sends KEYS_ONLY records, and the generated handler reads the new image');
		expect(preview.stdout).toContain('+ create  Create the mapping from the stream of table orders to orders:live');
	});

	it('removes only its own mapping when the trigger switches away: SQS mappings and other aliases stay', async () => {
		const stream = await createTable('us-east-1', 'orders', true);
		const queue = await createQueue(moto.url, 'us-east-1', 'orders');
		await project.writeConfig(dynamodbConfig());
		expect((await deploy('--yes')).exitCode).toBe(0);
		// Someone else's consumers of the same function: an SQS mapping on the alias, and the stream on $LATEST.
		const lambda = new LambdaClient(clientOptions());
		await lambda.send(new CreateEventSourceMappingCommand({FunctionName: aliasArn(), EventSourceArn: queue}));
		const functionArn = (await lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).Configuration!.FunctionArn!;
		await lambda.send(new CreateEventSourceMappingCommand({FunctionName: functionArn, EventSourceArn: stream, StartingPosition: 'LATEST'}));

		// Switched to SQS on that very queue: the SQS mapping is sqs.ts's to keep, the stream's is ours to remove.
		await project.writeConfig(`[project]\nname = "orders"\ntrigger = "sqs"\n\n[sqs]\nqueue_arn = "${queue}"\n\n[deploy]\nregions = ["us-east-1"]`);
		const switched = await deploy('--yes');
		expect(switched.exitCode).toBe(0);
		expect(switched.stdout).toContain('Remove the mapping from the stream of table orders to orders:live');
		expect((await mappings()).map(mapping => mapping.EventSourceArn)).toEqual([queue]);
		expect((await mappings('us-east-1', functionArn)).map(mapping => mapping.EventSourceArn)).toEqual([stream]);
		expect((await streamGrants()).filter(grant => grant.startsWith('dynamodb:'))).toEqual([]);
	});
});

describe('the aws commands of deploy --dry-run for a stream mapping', () => {
	it('create, update and replace the mapping as deploy would: deploy finds nothing left to do', async () => {
		await createTable('us-east-1', 'orders', true);
		await createQueue(moto.url, 'us-east-1', 'failed');
		await project.writeConfig('[project]\nname = "orders"\n\n[deploy]\nregions = ["us-east-1"]');
		expect((await deploy('--yes')).exitCode).toBe(0);
		const settled = async () => (await dryRunActions()).filter(action => action.change !== 'no-op');

		await project.writeConfig(dynamodbConfig(dynamodbSettings));
		expect(await runAwsLines(await dryRunActions())).toEqual(['aws iam put-role-policy', 'aws lambda create-event-source-mapping']);
		expect(await settled()).toEqual([]);

		await project.writeConfig(dynamodbConfig(dynamodbSettings.replace('batch_size = 50', 'batch_size = 70').replace(/^on_failure.*$/m, '')));
		expect(await runAwsLines(await dryRunActions())).toEqual(['aws lambda update-event-source-mapping', 'aws iam put-role-policy']);
		expect(await settled()).toEqual([]);

		await project.writeConfig(dynamodbConfig('starting_position = "TRIM_HORIZON"'));
		expect(await runAwsLines(await dryRunActions())).toEqual(['aws lambda delete-event-source-mapping', 'aws lambda create-event-source-mapping']);
		expect(await settled()).toEqual([]);
		expect(await mappings()).toMatchObject([{StartingPosition: 'TRIM_HORIZON', FunctionResponseTypes: ['ReportBatchItemFailures']}]);
	});
});

describe('the Kinesis trigger', () => {
	it('maps the stream with its settings, lets the role read that stream only, and moves to DynamoDB on a switch', async () => {
		const stream = await createStream('us-east-1', 'clicks');
		await createStream('us-east-1', 'other');
		await project.writeConfig(kinesisConfig([
			'starting_position = "TRIM_HORIZON"',
			'batch_size = 500',
			'max_retry_attempts = -1',
			'max_record_age_seconds = -1',
			'parallelization_factor = 10',
			'on_failure = "arn:aws:sns:{region}:{account}:failed"',
		].join('\n')));
		const result = await deploy('--yes');
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		// Lambda's defaults (window 0, no bisect, -1 retries and age) are not sent: moto, unlike Lambda, then leaves them out.
		expect(await mappings()).toMatchObject([{
			EventSourceArn: stream,
			StartingPosition: 'TRIM_HORIZON',
			BatchSize: 500,
			ParallelizationFactor: 10,
			DestinationConfig: {OnFailure: {Destination: `arn:aws:sns:us-east-1:${account}:failed`}},
			FunctionResponseTypes: ['ReportBatchItemFailures'],
		}]);
		expect(await streamGrants()).toEqual([
			...['DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator', 'ListShards'].map(action => `kinesis:${action} on ${stream}`),
			'kinesis:ListStreams on *',
			`sns:Publish on arn:aws:sns:us-east-1:${account}:failed`,
		].sort());

		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(await writesOf()).toEqual([]);

		const table = await createTable('us-east-1', 'orders', true);
		await project.writeConfig(dynamodbConfig());
		const switched = await deploy('--yes');
		expect(switched.exitCode).toBe(0);
		expect(switched.stdout).toContain('Remove the mapping from Kinesis stream clicks to orders:live');
		expect((await mappings()).map(mapping => mapping.EventSourceArn)).toEqual([table]);
		expect((await streamGrants()).filter(grant => grant.startsWith('kinesis:'))).toEqual([]);
	});

	it('refuses a stream that does not exist, or one in another region, before any change', async () => {
		await createStream('eu-west-1', 'clicks');
		await project.writeConfig(kinesisConfig());
		await moto.record();
		const missing = await deploy('--yes');
		expect(missing.exitCode).not.toBe(0);
		expect(missing.stderr).toContain(`kinesis.stream_arn: there is no Kinesis stream arn:aws:kinesis:us-east-1:${account}:stream/clicks in us-east-1`);

		await project.writeConfig(kinesisConfig('', `arn:aws:kinesis:eu-west-1:${account}:stream/clicks`));
		const elsewhere = await deploy('--yes');
		expect(elsewhere.exitCode).not.toBe(0);
		expect(elsewhere.stderr).toContain(`kinesis.stream_arn: arn:aws:kinesis:eu-west-1:${account}:stream/clicks is in eu-west-1, but the function is deployed to us-east-1`);
		expect(await writesOf()).toEqual([]);
	});
});
