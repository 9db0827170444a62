// The aws commands `deploy --dry-run` prints are real: run by the real aws CLI
// against one fresh moto, they make the same state that `deploy` itself makes
// in another fresh moto (role, VPC, concurrency, async destination, SQS mapping).
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {GetRoleCommand, GetRolePolicyCommand, IAMClient} from '@aws-sdk/client-iam';
import {GetAliasCommand, GetFunctionCommand, GetFunctionEventInvokeConfigCommand, LambdaClient, ListEventSourceMappingsCommand, ListVersionsByFunctionCommand} from '@aws-sdk/client-lambda';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {startMoto, type Moto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {createQueue} from './support/sqs.js';

const run = promisify(execFile);
const account = '123456789012';
const config = [
	'[project]\nname = "orders"\ntrigger = "sqs"',
	'[function]\nmemory = 256\ntimeout = 30\nreserved_concurrency = 10\nenvironment = { RUST_LOG = "info" }',
	'[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]',
	'[async]\nmax_retry_attempts = 1\non_failure = "arn:aws:sqs:{region}:{account}:failed"',
	'[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 100\nbatching_window_seconds = 5',
	'[deploy]\nregions = ["us-east-1"]',
].join('\n\n');

let byCli: Moto;
let byDeploy: Moto;
let project: TestProject;
let zip: string;

beforeAll(async () => {
	[byCli, byDeploy] = await Promise.all([startMoto(), startMoto()]);
	for (const moto of [byCli, byDeploy]) {
		await createQueue(moto.url, 'us-east-1', 'orders');
		await createQueue(moto.url, 'us-east-1', 'failed');
	}

	project = await makeProject();
	zip = await project.writeZip('v1');
	await project.writeConfig(config);
});

afterAll(async () => {
	await Promise.all([byCli?.stop(), byDeploy?.stop()]);
	await project?.remove();
});

/** What a person would compare: the function's settings, its version and alias, what hangs off the alias, the role. */
async function state(moto: Moto) {
	const options = {region: 'us-east-1', endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}};
	const lambda = new LambdaClient(options);
	const iam = new IAMClient(options);
	const fn = await lambda.send(new GetFunctionCommand({FunctionName: 'orders'}));
	const c = fn.Configuration!;
	const versions = await lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'orders'}));
	const alias = await lambda.send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}));
	const invoke = await lambda.send(new GetFunctionEventInvokeConfigCommand({FunctionName: 'orders', Qualifier: 'live'}));
	const mappings = await lambda.send(new ListEventSourceMappingsCommand({FunctionName: `arn:aws:lambda:us-east-1:${account}:function:orders:live`}));
	const role = await iam.send(new GetRoleCommand({RoleName: 'orders-role'}));
	const policy = await iam.send(new GetRolePolicyCommand({RoleName: 'orders-role', PolicyName: 'rust-lambda-wizard'}));
	return {
		function: {
			runtime: c.Runtime, handler: c.Handler, role: c.Role, memory: c.MemorySize, timeout: c.Timeout, architectures: c.Architectures,
			environment: c.Environment?.Variables, layers: c.Layers ?? [], codeSha256: c.CodeSha256,
			vpc: {subnets: c.VpcConfig?.SubnetIds, securityGroups: c.VpcConfig?.SecurityGroupIds},
		},
		reservedConcurrency: fn.Concurrency?.ReservedConcurrentExecutions,
		versions: versions.Versions!.map(version => version.Version),
		alias: {version: alias.FunctionVersion, routing: alias.RoutingConfig?.AdditionalVersionWeights ?? {}},
		async: {retries: invoke.MaximumRetryAttempts, age: invoke.MaximumEventAgeInSeconds, destinations: invoke.DestinationConfig},
		mappings: mappings.EventSourceMappings!.map(mapping => ({
			source: mapping.EventSourceArn, batch: mapping.BatchSize, window: mapping.MaximumBatchingWindowInSeconds, types: mapping.FunctionResponseTypes,
		})),
		role: {
			trust: JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)) as unknown,
			tags: role.Role!.Tags,
			policy: JSON.parse(decodeURIComponent(policy.PolicyDocument!)) as unknown,
		},
	};
}

describe('the aws commands of deploy --dry-run', () => {
	it('make, run by the aws CLI, the state deploy makes', async () => {
		const dryRun = await runCli(['deploy', '--dry-run', '--json', '--endpoint-url', byCli.url, '--zip', zip], {cwd: project.dir, env: testCredentials});
		expect(dryRun.exitCode).toBe(0);
		const plan = JSON.parse(dryRun.stdout) as {roles: Array<{actions: Array<{awsCommand: string | null}>}>; regions: Array<{actions: Array<{awsCommand: string | null}>}>};
		const lines = [...plan.roles.flatMap(role => role.actions), ...plan.regions[0]!.actions].flatMap(action => (action.awsCommand ? [action.awsCommand] : []));
		expect(lines.map(line => line.split(' ').slice(0, 3).join(' '))).toEqual([
			'aws iam create-role',
			'aws iam put-role-policy',
			'aws lambda create-function',
			'aws lambda put-function-concurrency',
			'aws lambda publish-version',
			'aws lambda create-alias',
			'aws lambda put-function-event-invoke-config',
			'aws lambda create-event-source-mapping',
		]);

		// Each line as a person would paste it into a shell; the version publish-version reports goes where the plan says.
		const environment = {...process.env, ...testCredentials, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true'};
		let published = '';
		for (const line of lines) {
			const {stdout} = await run('bash', ['-c', line.replaceAll("'<published version>'", published)], {env: environment});
			if (line.startsWith('aws lambda publish-version')) {
				published = (JSON.parse(stdout) as {Version: string}).Version;
			}
		}

		expect(published).toBe('1');
		const deployed = await runCli(['deploy', '--yes', '--endpoint-url', byDeploy.url, '--zip', zip], {cwd: project.dir, env: testCredentials});
		expect(deployed.exitCode).toBe(0);
		const [made, expected] = await Promise.all([state(byCli), state(byDeploy)]);
		expect(made).toEqual(expected);
		expect(made.function).toMatchObject({memory: 256, timeout: 30, vpc: {subnets: ['subnet-0abc1234']}});
		expect(made.mappings).toHaveLength(1);
	});
});
