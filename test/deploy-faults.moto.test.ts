// The built CLI deploying through a proxy that fails a quarter of the requests
// (500s, throttles, connections dropped after moto already did the write):
// retries and reruns must converge on exactly what the config describes, with
// nothing made twice.
import {LambdaClient, ListAliasesCommand, ListEventSourceMappingsCommand, ListFunctionsCommand, ListVersionsByFunctionCommand} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli, testCredentials, type CliResult} from './support/cli.js';
import {faultProxy, type FaultProxy} from './support/fault-proxy.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {createQueue} from './support/sqs.js';

const account = '123456789012';
const region = 'us-east-1';
const moto = useMoto();
let project: TestProject;
let proxy: FaultProxy;
let zip: string;

const config = `[project]
name = "orders"
trigger = "sqs"

[function]
timeout = 5

[sqs]
queue_arn = "arn:aws:sqs:{region}:{account}:orders"

[deploy]
regions = ["${region}"]
`;

beforeEach(async () => {
	await moto.reset();
	await createQueue(moto.url, region, 'orders');
	project = await makeProject();
	zip = await project.writeZip('v1');
	await project.writeConfig(config);
	// Every create is also dropped once after moto made it: the SDK's retry then meets what the first try made.
	proxy = await faultProxy(moto.url, {dropFirst: ['CreateRole', 'CreateFunction', 'PublishVersion', 'CreateAlias', 'CreateEventSourceMapping']});
});

afterEach(async () => {
	await proxy.close();
	await project.remove();
});

/** What Lambda holds, read from moto directly (not through the proxy). */
async function lambdaState() {
	const lambda = new LambdaClient({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});
	const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
	const versions = ((await lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'orders'}))).Versions ?? []).filter(version => version.Version !== '$LATEST');
	const aliases = (await lambda.send(new ListAliasesCommand({FunctionName: 'orders'}))).Aliases ?? [];
	const mappings = (await lambda.send(new ListEventSourceMappingsCommand({EventSourceArn: `arn:aws:sqs:${region}:${account}:orders`}))).EventSourceMappings ?? [];
	return {functions, versions, aliases, mappings};
}

describe('deploy through a faulty network', () => {
	it('converges within three runs to one function, one version, one alias and one mapping', async () => {
		const runs: CliResult[] = [];
		for (let run = 0; run < 3; run++) {
			runs.push(await runCli(['deploy', '--endpoint-url', proxy.url, '--zip', zip, '--yes'], {cwd: project.dir, env: testCredentials}));
		}

		// Every kind of fault happened, and the writes were dropped after they were done.
		const kinds = new Set(proxy.injected.map(line => line.split(' ')[0]));
		expect([...kinds].sort()).toEqual(['429', '500', 'drop-after-write']);
		expect(proxy.injected).toEqual(expect.arrayContaining(['drop-after-write CreateFunction', 'drop-after-write CreateEventSourceMapping']));

		const state = await lambdaState();
		expect(state.functions.map(fn => fn.FunctionName)).toEqual(['orders']);
		expect(state.versions.map(version => version.Version)).toEqual(['1']);
		expect(state.aliases.map(alias => `${alias.Name}→${alias.FunctionVersion}`)).toEqual(['live→1']);
		// moto reports the mapping's function by the version the alias points at.
		expect(state.mappings.map(mapping => mapping.FunctionArn)).toEqual([expect.stringMatching(new RegExp(`^arn:aws:lambda:${region}:${account}:function:orders:(live|1)$`))]);
		expect(runs.at(-1)!.exitCode, runs.map(run => run.stdout + run.stderr).join('\n----\n')).toBe(0);
		// Converged: one more run finds nothing to do.
		const again = await runCli(['deploy', '--endpoint-url', proxy.url, '--zip', zip, '--yes'], {cwd: project.dir, env: testCredentials});
		expect(again.stdout).toContain(`= ${region}: orders unchanged (alias live → version 1)`);
	});

	it('adopts the alias a dropped CreateAlias made, in the same run', async () => {
		await proxy.close();
		proxy = await faultProxy(moto.url, {dropFirst: ['CreateAlias'], pattern: false});
		const first = await runCli(['deploy', '--endpoint-url', proxy.url, '--zip', zip, '--yes'], {cwd: project.dir, env: testCredentials});
		expect(proxy.injected).toEqual(['drop-after-write CreateAlias']);
		expect(first.exitCode, first.stdout + first.stderr).toBe(0);
		const state = await lambdaState();
		expect(state.aliases.map(alias => `${alias.Name}→${alias.FunctionVersion}`)).toEqual(['live→1']);
	});
});
