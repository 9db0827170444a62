// The built CLI deploying everything a config describes (managed role,
// reserved concurrency, async destination, SQS mapping) to two regions of one
// real moto server, then converging: no-op, one change, removals. A VPC serves
// one region: it is deployed to one.
import {GetRoleCommand, GetRolePolicyCommand, IAMClient} from '@aws-sdk/client-iam';
import {GetFunctionCommand, GetFunctionEventInvokeConfigCommand, LambdaClient, ListEventSourceMappingsCommand, PublishLayerVersionCommand} from '@aws-sdk/client-lambda';
import {readFile} from 'node:fs/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {accountSettingsProxy} from './support/account-settings.js';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, describeRequest, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {createQueue} from './support/sqs.js';

const account = '123456789012';
const regions = ['us-east-1', 'eu-west-1'];
const moto = useMoto();
let project: TestProject;
let zip: string;

const sections = {
	project: '[project]\nname = "orders"\ntrigger = "sqs"',
	function: '[function]\nmemory = 256\ntimeout = 30\nreserved_concurrency = 10',
	vpc: '',
	async: '[async]\non_failure = "arn:aws:sqs:{region}:{account}:failed"',
	sqs: '[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 100\nbatching_window_seconds = 5\nreport_batch_item_failures = true',
	deploy: '[deploy]\nregions = ["us-east-1", "eu-west-1"]',
};
type Sections = typeof sections;
const config = (changes: Partial<Sections> = {}) => Object.values({...sections, ...changes}).filter(Boolean).join('\n\n');

const layerOnlyInUsEast1 = 'layers = ["arn:aws:lambda:{region}:{account}:layer:tools:1"]';

/** Version 1 of layer `tools`, in one region. */
async function publishLayer(region: string) {
	await new LambdaClient(clientOptions(region)).send(new PublishLayerVersionCommand({LayerName: 'tools', Content: {ZipFile: await readFile(zip)}}));
}

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});
const clientOptions = (region = 'us-east-1') => ({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});
const aliasArn = (region: string) => `arn:aws:lambda:${region}:${account}:function:orders:live`;

async function roleState() {
	const iam = new IAMClient(clientOptions());
	const role = await iam.send(new GetRoleCommand({RoleName: 'orders-role'}));
	const policy = await iam.send(new GetRolePolicyCommand({RoleName: 'orders-role', PolicyName: 'rust-lambda-wizard'}));
	return {
		arn: role.Role!.Arn!,
		trust: JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)) as unknown,
		policy: JSON.parse(decodeURIComponent(policy.PolicyDocument!)) as {Statement: Array<{Effect: string; Action: string | string[]; Resource: string | string[]}>},
	};
}

/** Every (action, resource) pair the policy allows, as "action on resource". */
function grants(policy: Awaited<ReturnType<typeof roleState>>['policy']): string[] {
	return policy.Statement.flatMap(statement => {
		expect(statement.Effect).toBe('Allow');
		return [statement.Action].flat().flatMap(action => [statement.Resource].flat().map(resource => `${action} on ${resource}`));
	}).sort();
}

async function regionState(region: string) {
	const lambda = new LambdaClient(clientOptions(region));
	const fn = await lambda.send(new GetFunctionCommand({FunctionName: 'orders'}));
	const invokeConfig = await lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'live'})).catch((error: Error) => error);
	const mappings = await lambda.send(new ListEventSourceMappingsCommand({FunctionName: aliasArn(region)}));
	return {configuration: fn.Configuration!, concurrency: fn.Concurrency, invokeConfig, mappings: mappings.EventSourceMappings!};
}

beforeEach(async () => {
	await moto.reset();
	for (const region of regions) {
		await createQueue(moto.url, region, 'orders');
		await createQueue(moto.url, region, 'failed');
	}

	project = await makeProject();
	zip = await project.writeZip('v1');
	await project.writeConfig(config());
});

afterEach(async () => {
	await project.remove();
});

describe('deploy of every resource to two regions against moto', () => {
	it('creates the role with exactly the needed policy, and every setting in both regions', async () => {
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('✔ IAM: role orders-role: 2 created');
		expect(result.stdout).toContain('✔ us-east-1: orders: 6 created (alias live → version 1)');
		expect(result.stdout).toContain('✔ eu-west-1: orders: 6 created (alias live → version 1)');
		// moto has no GetAccountSettings: deploy says it could not check the floor, and goes on.
		expect(result.stderr).toContain('does not implement GetAccountSettings');

		const role = await roleState();
		expect(role.trust).toEqual({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]});
		const perRegion = (make: (region: string) => string[]) => regions.flatMap(make);
		expect(grants(role.policy)).toEqual([
			...perRegion(region => ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'].map(action => `${action} on arn:aws:logs:${region}:${account}:log-group:/aws/lambda/orders:*`)),
			...perRegion(region => ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map(action => `${action} on arn:aws:sqs:${region}:${account}:orders`)),
			...perRegion(region => [`sqs:SendMessage on arn:aws:sqs:${region}:${account}:failed`]),
		].sort());

		for (const region of regions) {
			const state = await regionState(region);
			expect(state.configuration).toMatchObject({
				Role: role.arn,
				MemorySize: 256,
				Timeout: 30,
			});
			expect(state.concurrency?.ReservedConcurrentExecutions).toBe(10);
			expect(state.invokeConfig).toMatchObject({DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:${region}:${account}:failed`}}});
			expect(state.mappings).toHaveLength(1);
			expect(state.mappings[0]).toMatchObject({
				EventSourceArn: `arn:aws:sqs:${region}:${account}:orders`,
				BatchSize: 100,
				MaximumBatchingWindowInSeconds: 5,
				FunctionResponseTypes: ['ReportBatchItemFailures'],
			});
		}
	});

	it('makes no write call on an identical second run, and changes only the one setting that changed', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);

		await moto.record();
		const again = await deploy('--yes');
		const requests = await moto.requests();
		expect(again.exitCode).toBe(0);
		expect(again.stdout).toContain('= IAM: role orders-role unchanged');
		expect(again.stdout).toContain('= us-east-1: orders unchanged (alias live → version 1)');
		expect(again.stdout).toContain('= eu-west-1: orders unchanged (alias live → version 1)');
		expect(requests.length).toBeGreaterThan(0);
		expect(awsWrites(requests)).toEqual([]);

		await project.writeConfig(config({sqs: sections.sqs.replace('batch_size = 100', 'batch_size = 200')}));
		await moto.record();
		const changed = await deploy('--yes');
		const writes = awsWrites(await moto.requests());
		expect(changed.exitCode).toBe(0);
		expect(changed.stdout).toContain('batch size 100 → 200');
		expect(changed.stdout).toContain('✔ us-east-1: orders: 1 updated, 6 unchanged (alias live → version 1)');
		expect(writes.map(describeRequest)).toEqual([
			expect.stringMatching(/^PUT \/2015-03-31\/event-source-mappings\/[\w-]+$/),
			expect.stringMatching(/^PUT \/2015-03-31\/event-source-mappings\/[\w-]+$/),
		]);
		for (const region of regions) {
			const state = await regionState(region);
			expect(state.mappings).toHaveLength(1);
			expect(state.mappings[0]!.BatchSize).toBe(200);
			expect(state.mappings[0]!.MaximumBatchingWindowInSeconds).toBe(5);
		}
	});

	it('removes reserved concurrency and the destination when the config drops them, showing it first with --dry-run', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config({function: '[function]\nmemory = 256\ntimeout = 30', async: ''}));

		const preview = await deploy('--dry-run');
		expect(preview.exitCode).toBe(0);
		expect(preview.stdout).toContain('- delete  Remove the reserved concurrency of orders');
		expect(preview.stdout).toContain('$ aws lambda delete-function-concurrency --function-name orders --region eu-west-1');
		expect(preview.stdout).toContain('- delete  Remove the async invocation settings of orders:live');
		expect(preview.stdout).toContain('$ aws lambda delete-function-event-invoke-config --function-name orders --qualifier live --region us-east-1');
		// The destination's permission goes last, once no region uses the destination any more.
		expect(preview.stdout).toMatch(/IAM \(global\), once every region succeeded: execution role orders-role\n.*~ update {2}Revoke the permissions role orders-role no longer needs\n.*- sqs:SendMessage on arn:aws:sqs:eu-west-1:123456789012:failed\n.*- sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:failed/);
		expect(preview.stdout).toContain('1 to update, 4 to delete');

		await moto.record();
		const result = await deploy('--yes');
		const writes = awsWrites(await moto.requests()).map(describeRequest);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('✔ us-east-1: orders: 2 deleted, 5 unchanged');
		expect(result.stdout).toContain('✔ IAM: role orders-role: 1 updated');
		expect(writes.at(-1)).toBe('PutRolePolicy');
		expect(writes.slice(0, -1).sort()).toEqual([
			'DELETE /2017-10-31/functions/orders/concurrency',
			'DELETE /2017-10-31/functions/orders/concurrency',
			'DELETE /2019-09-25/functions/orders/event-invoke-config',
			'DELETE /2019-09-25/functions/orders/event-invoke-config',
		]);
		for (const region of regions) {
			const state = await regionState(region);
			expect(state.concurrency?.ReservedConcurrentExecutions).toBeUndefined();
			expect(state.invokeConfig).toBeInstanceOf(Error);
			expect((state.invokeConfig as Error).name).toBe('ResourceNotFoundException');
			expect(state.mappings).toHaveLength(1);
		}

		expect(grants((await roleState()).policy).filter(grant => grant.startsWith('sqs:SendMessage'))).toEqual([]);
	});

	it('grants a new destination\'s permission before any region sets the destination', async () => {
		await project.writeConfig(config({async: ''}));
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config());

		await moto.record();
		const result = await deploy('--yes');
		const writes = awsWrites(await moto.requests()).map(describeRequest);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Grant role orders-role the added permissions');
		expect(writes[0]).toBe('PutRolePolicy');
		expect(writes.filter(write => write === 'PutRolePolicy')).toHaveLength(1);
		expect(writes.filter(write => write.includes('event-invoke-config'))).toHaveLength(2);
		expect(grants((await roleState()).policy)).toEqual(expect.arrayContaining(regions.map(region => `sqs:SendMessage on arn:aws:sqs:${region}:${account}:failed`)));
	});

	it('keeps a removed destination\'s permission when a region fails, and says so', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		// The destination goes, and eu-west-1 fails (the layer exists in us-east-1 only, so its configuration cannot be updated there).
		await publishLayer('us-east-1');
		await project.writeConfig(config({async: '', function: `${sections.function}\n${layerOnlyInUsEast1}`}));
		await moto.record();
		const result = await deploy('--yes');
		const writes = awsWrites(await moto.requests()).map(describeRequest);
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toMatch(/✖ eu-west-1: orders failed/);
		expect(result.stdout).toContain('IAM: role orders-role keeps permissions the config no longer needs: 2 grant(s) stay because eu-west-1 did not finish');
		expect(writes.filter(write => write === 'PutRolePolicy')).toEqual([]);
		expect(grants((await roleState()).policy)).toEqual(expect.arrayContaining(regions.map(region => `sqs:SendMessage on arn:aws:sqs:${region}:${account}:failed`)));
	});

	it('deletes the mapping when [sqs] is removed from the config', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config({sqs: ''}));
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Remove the mapping from queue orders to orders:live');
		for (const region of regions) {
			expect((await regionState(region)).mappings).toEqual([]);
		}

		expect(grants((await roleState()).policy).filter(grant => grant.includes(':orders'))).toEqual([]);
	});

	it('deploying fewer regions (--region, a shorter [env]) leaves the other regions\' permissions alone', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		const before = grants((await roleState()).policy);

		await moto.record();
		const one = await deploy('--yes', '--region', 'us-east-1');
		expect(one.exitCode).toBe(0);
		expect(one.stdout).toContain('= IAM: role orders-role unchanged');
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(grants((await roleState()).policy)).toEqual(before);

		// The destination goes, deployed through an [env] that covers us-east-1 only: only us-east-1's grant is revoked.
		await project.writeConfig(`${config({async: ''})}\n\n[env.east.deploy]\nregions = ["us-east-1"]`);
		const east = await deploy('--yes', '--env', 'east');
		expect(east.exitCode).toBe(0);
		expect(east.stdout).toContain('✔ IAM: role orders-role: 1 updated');
		expect(grants((await roleState()).policy)).toEqual(before.filter(grant => grant !== `sqs:SendMessage on arn:aws:sqs:us-east-1:${account}:failed`));
		expect((await regionState('eu-west-1')).invokeConfig).toMatchObject({DestinationConfig: {OnFailure: {Destination: `arn:aws:sqs:eu-west-1:${account}:failed`}}});
	});

	it('refuses a queue that does not exist after reading, before any write: the old mapping stays', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config({sqs: sections.sqs.replace(':orders"', ':missing"')}));
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain(`rust-lambda.toml: sqs.queue_arn: there is no queue arn:aws:sqs:us-east-1:${account}:missing`);
		expect(awsWrites(await moto.requests())).toEqual([]);
		for (const region of regions) {
			const {mappings} = await regionState(region);
			expect(mappings.map(mapping => mapping.EventSourceArn)).toEqual([`arn:aws:sqs:${region}:${account}:orders`]);
		}
	});

	it('finishes the other region when one fails, says which, and exits 1', async () => {
		// The layer exists in us-east-1 only: Lambda (and moto) refuse the function in eu-west-1.
		await publishLayer('us-east-1');
		await project.writeConfig(config({function: `${sections.function}\n${layerOnlyInUsEast1}`}));
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toContain('✔ us-east-1: orders: 6 created');
		expect(result.stdout).toMatch(/✖ eu-west-1: orders failed/);
		expect((await regionState('us-east-1')).mappings).toHaveLength(1);
	});
});

describe('an invalid config is refused before AWS is changed', () => {
	const layers = Array.from({length: 6}, (_, index) => `"arn:aws:lambda:{region}:{account}:layer:l${index}:1"`).join(', ');

	it.each([
		{
			case: 'FIFO with batch 20 and 6 layers: one message per problem, before any AWS call',
			changes: {
				function: `[function]\nlayers = [${layers}]`,
				sqs: '[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders.fifo"\nbatch_size = 20',
			},
			messages: [
				'rust-lambda.toml: function.layers: [',
				'must list at most 5 layers',
				'rust-lambda.toml: sqs.batch_size: 20 is too large for a FIFO queue: at most 10',
			],
		},
		{
			case: 'a layer of another region: one message per region it cannot go to, before any AWS call',
			changes: {function: '[function]\nlayers = ["arn:aws:lambda:ap-south-1:123456789012:layer:x:1"]'},
			messages: [
				'rust-lambda.toml: function.layers: arn:aws:lambda:ap-south-1:123456789012:layer:x:1 is a layer in ap-south-1, but the function deploys to us-east-1',
				'rust-lambda.toml: function.layers: arn:aws:lambda:ap-south-1:123456789012:layer:x:1 is a layer in ap-south-1, but the function deploys to eu-west-1',
			],
		},
		{
			case: 'batch 50 without a window, before any AWS call',
			changes: {sqs: '[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 50'},
			messages: ['rust-lambda.toml: sqs.batch_size: 50 needs sqs.batching_window_seconds >= 1'],
		},
	])('$case', async ({changes, messages}) => {
		await project.writeConfig(config(changes));
		await moto.record();
		const result = await deploy('--yes');
		const requests = await moto.requests();
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain(`rust-lambda.toml has ${messages.length === 1 ? '1 problem' : '2 problems'}`);
		for (const message of messages) {
			expect(result.stderr).toContain(message);
		}

		expect(requests).toEqual([]);
	});

	it('reserved concurrency that would leave fewer than 100 unreserved: refused after reads, before any write', async () => {
		// moto lacks GetAccountSettings; the proxy answers it (950 of 1000 unreserved) and forwards the rest to moto.
		const proxy = await accountSettingsProxy(moto.url, {concurrentExecutions: 1000, unreservedConcurrentExecutions: 950});
		try {
			await project.writeConfig(config({function: '[function]\nreserved_concurrency = 900'}));
			await moto.record();
			const result = await runCli(['deploy', '--endpoint-url', proxy.url, '--zip', zip, '--yes'], {cwd: project.dir, env: testCredentials});
			const requests = await moto.requests();
			expect(result.exitCode).toBe(2);
			expect(result.stderr).toContain('rust-lambda.toml has 2 problems');
			for (const region of regions) {
				expect(result.stderr).toContain(`rust-lambda.toml: function.reserved_concurrency: 900 would leave 50 of the account's 1000 concurrent executions unreserved in ${region}; Lambda keeps at least 100 unreserved, so reserve at most 850 there`);
			}

			// Reads happened (role, function, account); writes did not.
			expect(requests.map(describeRequest)).toContain('GetRole');
			expect(awsWrites(requests)).toEqual([]);
		} finally {
			await proxy.close();
		}
	});
});

describe('what AWS checks later, read first: the queue, the VPC', () => {
	const oneRegion = '[deploy]\nregions = ["us-east-1"]';
	const vpc = '[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]';

	it('refuses a queue whose visibility timeout is below function.timeout, after reading and before any write', async () => {
		await createQueue(moto.url, 'us-east-1', 'short', {VisibilityTimeout: '10'});
		await project.writeConfig(config({sqs: sections.sqs.replace(':orders"', ':short"'), deploy: oneRegion}));
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('rust-lambda.toml: sqs.queue_arn: queue short has a visibility timeout of 10 s, less than function.timeout (30 s): Lambda refuses such a mapping. Raise the queue\'s VisibilityTimeout to at least 30 s (AWS recommends 180 s');
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('says when the visibility timeout is below six times function.timeout, and deploys', async () => {
		await project.writeConfig(config({deploy: oneRegion}));
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stderr).toContain('us-east-1: queue orders has a visibility timeout of 30 s; AWS recommends six times function.timeout (180 s)');
	});

	it('lets the managed role decrypt with the queue\'s customer-managed KMS key', async () => {
		await createQueue(moto.url, 'us-east-1', 'sealed', {VisibilityTimeout: '180', KmsMasterKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab'});
		await createQueue(moto.url, 'us-east-1', 'aws-sealed', {VisibilityTimeout: '180', KmsMasterKeyId: 'alias/aws/sqs'});
		await project.writeConfig(config({sqs: sections.sqs.replace(':orders"', ':sealed"'), deploy: oneRegion}));
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(grants((await roleState()).policy)).toContain(`kms:Decrypt on arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);

		// The AWS managed key needs no grant: the decrypt permission goes with the queue that needed it.
		await project.writeConfig(config({sqs: sections.sqs.replace(':orders"', ':aws-sealed"'), deploy: oneRegion}));
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(grants((await roleState()).policy).filter(grant => grant.startsWith('kms:'))).toEqual([]);
	});

	it('refuses one [vpc] for two regions before any call', async () => {
		await project.writeConfig(config({vpc}));
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('rust-lambda.toml: vpc: names subnets and security groups, which exist in one region, but this deploy goes to us-east-1, eu-west-1');
		expect(await moto.requests()).toEqual([]);
	});

	it('keeps the VPC permissions after [vpc] is removed while a version still has a VpcConfig, and says why', async () => {
		await project.writeConfig(config({vpc, deploy: oneRegion}));
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config({deploy: oneRegion}));
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		expect((await regionState('us-east-1')).configuration.VpcConfig?.SubnetIds ?? []).toEqual([]);
		expect(result.stderr).toContain('[vpc] is gone from the config, but $LATEST, version 1 of orders in us-east-1 still have a VpcConfig: the role keeps its network-interface permissions');
		expect(grants((await roleState()).policy)).toContain('ec2:DeleteNetworkInterface on *');
	});
});
