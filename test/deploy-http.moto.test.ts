// The built CLI wiring the http trigger: a function URL on the alias with the
// two public grants (none once auth is iam), or one HTTP API with its endpoint
// printed and a grant scoped to it; a second run writes nothing; switching the
// endpoint or the trigger removes what was made. API Gateway is real moto;
// function URLs go through a proxy that answers them as Lambda does (moto keeps
// one URL per function whatever the alias, and writes the URL grants' conditions
// differently: test/support/function-url-proxy.ts).
import {GetApisCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand, ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2';
import {GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {functionUrlProxy, type FunctionUrlProxy} from './support/function-url-proxy.js';
import {awsWrites, describeRequest, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const account = '123456789012';
const moto = useMoto();
let proxy: FunctionUrlProxy;
let project: TestProject;
let zip: string;

const config = (http: string | undefined, regions = ['us-east-1']) => [
	`[project]\nname = "orders"\ntrigger = "${http === undefined ? 'json' : 'http'}"`,
	...(http === undefined ? [] : [`[http]\n${http}`]),
	`[deploy]\nregions = ${JSON.stringify(regions)}`,
].join('\n\n');

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', proxy.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});
const clientOptions = (region = 'us-east-1') => ({region, endpoint: proxy.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});

interface Statement {
	Sid: string;
	Principal: unknown;
	Action: string;
	Condition?: unknown;
}

/** deploy's http statements on the alias. */
async function httpStatements(region = 'us-east-1'): Promise<Statement[]> {
	const lambda = new LambdaClient(clientOptions(region));
	const policy = await lambda.send(new GetPolicyCommand({FunctionName: 'orders', Qualifier: 'live'})).catch(() => undefined);
	const statements = policy?.Policy === undefined ? [] : [(JSON.parse(policy.Policy) as {Statement: Statement | Statement[]}).Statement].flat();
	return statements.filter(statement => statement.Sid.startsWith('rust-lambda-wizard-http-')).map(({Sid, Principal, Action, Condition}) => ({Sid, Principal, Action, Condition}));
}

async function urlConfig(region = 'us-east-1') {
	return new LambdaClient(clientOptions(region)).send(new GetFunctionUrlConfigCommand({FunctionName: 'orders', Qualifier: 'live'})).catch((error: Error) => error.name);
}

async function apis(region = 'us-east-1') {
	const client = new ApiGatewayV2Client(clientOptions(region));
	const found = (await client.send(new GetApisCommand({}))).Items ?? [];
	return Promise.all(found.map(async api => ({
		api,
		integrations: (await client.send(new GetIntegrationsCommand({ApiId: api.ApiId}))).Items ?? [],
		routes: (await client.send(new GetRoutesCommand({ApiId: api.ApiId}))).Items ?? [],
		stages: (await client.send(new GetStagesCommand({ApiId: api.ApiId}))).Items ?? [],
	})));
}

const publicGrants = [
	{Sid: 'rust-lambda-wizard-http-url-public', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Condition: {StringEquals: {'lambda:FunctionUrlAuthType': 'NONE'}}},
	{Sid: 'rust-lambda-wizard-http-url-invoke', Principal: '*', Action: 'lambda:InvokeFunction', Condition: {Bool: {'lambda:InvokedViaFunctionUrl': 'true'}}},
];

beforeEach(async () => {
	await moto.reset();
	proxy = await functionUrlProxy(moto.url, account);
	project = await makeProject();
	zip = await project.writeZip('v1');
});

afterEach(async () => {
	await proxy.close();
	await project.remove();
});

describe('deploy wires the http trigger', () => {
	it('opens a public function URL on the alias in each region, prints it, converges, and closes it for iam', async () => {
		const regions = ['us-east-1', 'eu-west-1'];
		await project.writeConfig(config('endpoint = "function-url"\nauth = "none"\ncors_allow_origins = ["https://example.com"]', regions));
		const first = await deploy('--yes');
		expect(first.exitCode, first.stderr).toBe(0);
		for (const region of regions) {
			const url = await urlConfig(region);
			expect(url).toMatchObject({AuthType: 'NONE', Cors: {AllowOrigins: ['https://example.com']}, FunctionArn: `arn:aws:lambda:${region}:${account}:function:orders:live`});
			const {FunctionUrl} = url as {FunctionUrl: string};
			expect(first.stdout).toContain(`    function URL: ${FunctionUrl}\n      try: curl ${FunctionUrl}\n`);
			expect(await httpStatements(region)).toEqual(publicGrants);
		}

		proxy.requests();
		const again = await deploy('--yes', '--json');
		expect(again.exitCode, again.stderr).toBe(0);
		expect(awsWrites(proxy.requests()).map(describeRequest)).toEqual([]);
		const summary = JSON.parse(again.stdout) as {regions: Array<{region: string; facts?: {functionUrl?: {value: string; hints: string[]}}}>};
		const usEast = summary.regions.find(region => region.region === 'us-east-1');
		expect(usEast?.facts?.functionUrl?.value).toBe(((await urlConfig()) as {FunctionUrl: string}).FunctionUrl);
		expect(usEast?.facts?.functionUrl?.hints).toEqual([`try: curl ${usEast?.facts?.functionUrl?.value}`]);

		await project.writeConfig(config('endpoint = "function-url"\nauth = "iam"', regions));
		const iam = await deploy('--yes');
		expect(iam.exitCode, iam.stderr).toBe(0);
		expect(iam.stdout).toContain('--aws-sigv4 "aws:amz:us-east-1:lambda"');
		for (const region of regions) {
			const url = await urlConfig(region);
			expect(url).toMatchObject({AuthType: 'AWS_IAM'});
			expect((url as {Cors?: unknown}).Cors).toBeUndefined();
			expect(await httpStatements(region)).toEqual([]);
		}

		// Another trigger: the URL goes.
		await project.writeConfig(config(undefined, regions));
		const removed = await deploy('--yes');
		expect(removed.exitCode, removed.stderr).toBe(0);
		for (const region of regions) {
			expect(await urlConfig(region)).toBe('ResourceNotFoundException');
		}
	});

	it('makes one HTTP API with an iam route, prints its endpoint, scopes the grant to it, converges, and goes when the endpoint switches', async () => {
		await project.writeConfig(config('endpoint = "http-api"\nauth = "iam"\ncors_allow_origins = ["https://example.com"]'));
		const first = await deploy('--yes', '--json');
		expect(first.exitCode, first.stderr).toBe(0);
		const made = await apis();
		expect(made).toHaveLength(1);
		const [{api, integrations, routes, stages}] = made as [typeof made[number]];
		expect(api).toMatchObject({Name: 'orders-live', ProtocolType: 'HTTP', Tags: {'managed-by': 'rust-lambda-wizard', 'rust-lambda-wizard:function': 'orders:live'}, CorsConfiguration: {AllowOrigins: ['https://example.com']}});
		expect(integrations).toEqual([expect.objectContaining({IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:lambda:us-east-1:${account}:function:orders:live`, PayloadFormatVersion: '2.0'})]);
		expect(routes).toEqual([expect.objectContaining({RouteKey: '$default', AuthorizationType: 'AWS_IAM', Target: `integrations/${integrations[0]!.IntegrationId}`})]);
		expect(stages).toEqual([expect.objectContaining({StageName: '$default', AutoDeploy: true})]);
		expect(await httpStatements()).toEqual([{
			Sid: 'rust-lambda-wizard-http-api',
			Principal: {Service: 'apigateway.amazonaws.com'},
			Action: 'lambda:InvokeFunction',
			Condition: {ArnLike: {'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${account}:${api.ApiId}/*`}},
		}]);
		const summary = JSON.parse(first.stdout) as {regions: Array<{facts?: {httpApiEndpoint?: {value: string; hints: string[]}}}>};
		expect(summary.regions[0]?.facts?.httpApiEndpoint?.value).toBe(api.ApiEndpoint);
		expect(summary.regions[0]?.facts?.httpApiEndpoint?.hints.join('\n')).toContain(`--aws-sigv4 "aws:amz:us-east-1:execute-api"`);

		proxy.requests();
		const again = await deploy('--yes');
		expect(again.exitCode, again.stderr).toBe(0);
		expect(awsWrites(proxy.requests()).map(describeRequest)).toEqual([]);
		expect(again.stdout).toContain(`    HTTP API endpoint: ${api.ApiEndpoint}\n`);

		await project.writeConfig(config('endpoint = "function-url"\nauth = "none"'));
		const switched = await deploy('--yes');
		expect(switched.exitCode, switched.stderr).toBe(0);
		expect(await apis()).toEqual([]);
		expect(await urlConfig()).toMatchObject({AuthType: 'NONE'});
		expect(await httpStatements()).toEqual(publicGrants);
	});

	it('--dry-run shows each action with its aws command and writes nothing', async () => {
		await project.writeConfig(config('endpoint = "http-api"'));
		proxy.requests();
		const preview = await deploy('--dry-run');
		expect(preview.exitCode, preview.stderr).toBe(0);
		expect(preview.stdout).toContain('$ aws apigatewayv2 create-api --name orders-live --protocol-type HTTP --tags');
		expect(preview.stdout).toContain('$ aws apigatewayv2 create-route --route-key \'$default\' --authorization-type NONE --api-id \'<new API id>\' --target \'integrations/<new integration id>\'');
		expect(preview.stdout).toContain(`--source-arn 'arn:aws:execute-api:us-east-1:${account}:<new API id>/*'`);
		expect(awsWrites(proxy.requests()).map(describeRequest)).toEqual([]);
	});

	it('the aws commands of --dry-run, run by the aws CLI, make the API deploy would make: a deploy after them writes nothing', async () => {
		await project.writeConfig(config('endpoint = "http-api"\nauth = "iam"\ncors_allow_origins = ["https://example.com"]'));
		const dryRun = await deploy('--dry-run', '--json');
		expect(dryRun.exitCode, dryRun.stderr).toBe(0);
		const plan = JSON.parse(dryRun.stdout) as {roles: Array<{actions: Array<{awsCommand: string | null}>}>; regions: Array<{actions: Array<{awsCommand: string | null}>}>};
		const lines = [...plan.roles.flatMap(role => role.actions), ...plan.regions[0]!.actions].flatMap(action => (action.awsCommand ? [action.awsCommand] : []));
		expect(lines.map(line => line.split(' ').slice(0, 3).join(' ')).slice(-5)).toEqual([
			'aws apigatewayv2 create-api',
			'aws apigatewayv2 create-integration',
			'aws apigatewayv2 create-route',
			'aws apigatewayv2 create-stage',
			'aws lambda add-permission',
		]);

		// As a person would paste them, putting in the IDs the earlier commands printed.
		const environment = {...process.env, ...testCredentials, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true'};
		const made: Record<string, string> = {};
		for (const line of lines) {
			const filled = line.replaceAll("'<published version>'", made['version'] ?? '').replaceAll('<new API id>', made['api'] ?? '').replaceAll('<new integration id>', made['integration'] ?? '');
			const {stdout} = await promisify(execFile)('bash', ['-c', filled], {env: environment});
			const output = stdout.trim() === '' ? {} : JSON.parse(stdout) as {Version?: string; ApiId?: string; IntegrationId?: string};
			Object.assign(made, {
				...(output.Version ? {version: output.Version} : {}),
				...(line.includes('create-api') && output.ApiId ? {api: output.ApiId} : {}),
				...(output.IntegrationId ? {integration: output.IntegrationId} : {}),
			});
		}

		expect(made['api']).toBeDefined();
		expect((await apis()).map(({routes}) => routes.map(route => route.AuthorizationType))).toEqual([['AWS_IAM']]);
		proxy.requests();
		const after = await deploy('--yes');
		expect(after.exitCode, after.stderr).toBe(0);
		expect(awsWrites(proxy.requests()).map(describeRequest)).toEqual([]);
		expect(after.stdout).toContain(`HTTP API endpoint: https://${made['api']}.execute-api.us-east-1.amazonaws.com`);
	});
});
