// `rollout` before anything moves, against a real moto: an alias that does not exist
// yet is created (on the version before the target), and --publish makes the target.
import {CreateAliasCommand, GetFunctionConfigurationCommand, LambdaClient, ListVersionsByFunctionCommand, PublishVersionCommand, UpdateFunctionCodeCommand} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {zipEntries} from '../source/tools/zip.js';
import {clientOptions} from './support/aws.js';
import {codeShaProxy} from './support/code-sha-proxy.js';
import {runCli, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {aliasState, publishedVersions, rolloutConfig} from './support/rollout.js';

const moto = useMoto();
let project: TestProject;
const lambda = () => new LambdaClient(clientOptions(moto));
const zip = (text: string) => zipEntries([{name: 'bootstrap', data: Buffer.from(text), mode: 0o755}]);

const config = rolloutConfig;

const alias = async () => aliasState(moto);

const published = async () => ((await lambda().send(new ListVersionsByFunctionCommand({FunctionName: 'orders'}))).Versions ?? []).map(version => version.Version).filter(version => version !== '$LATEST');

const cli = (...args: string[]) => runCli([...args, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	await publishedVersions(moto, 1);
});

afterEach(async () => {
	await project.remove();
});

describe('rollout when the alias does not exist', () => {
	beforeEach(async () => {
		await lambda().send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip('v2')}));
		await lambda().send(new PublishVersionCommand({FunctionName: 'orders'}));
	});

	it('--dry-run shows the CreateAlias on the version before the target, then the steps, and creates nothing', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--dry-run');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: orders has no alias live');
		expect(result.stdout).toContain(`us-east-1: create alias live on version 1 (the one before 2, then the roll-out moves the traffic): aws lambda create-alias --function-name orders --name live --function-version 1 --region us-east-1 --endpoint-url ${moto.url}`);
		expect(result.stdout).toContain(`10 %: aws lambda update-alias --function-name orders --name live --function-version 1 --routing-config '{"AdditionalVersionWeights":{"2":0.1}}'`);
		expect(await alias()).toBeUndefined();
	});

	it('--yes creates it on version 1 and rolls out to version 2', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 0'));
		const result = await cli('rollout', '--yes');
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: created alias live on version 1');
		expect(result.stdout).toContain('us-east-1: orders:live done, on version 2');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('without a terminal and without --yes, says to pass --yes and creates nothing (exit 2)', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('pass --yes');
		expect(await alias()).toBeUndefined();
	});

	it('refuses a missing target before creating anything', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--yes', '--to', '9');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('version 9 does not exist (published: 1, 2)');
		expect(await alias()).toBeUndefined();
	});
});

describe('rollout when only the target exists', () => {
	it('creates the alias on it and says that this is the whole release', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('create alias live on version 1 (there is no earlier version: creating it is the whole release)');
		expect(result.stdout).toContain('us-east-1: orders:live unchanged, on version 1');
		expect(await alias()).toEqual({version: '1', weights: {}});
		expect(await published()).toEqual(['1']);
	});
});

describe('rollout --publish', () => {
	beforeEach(async () => {
		await lambda().send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
		// New code uploaded, not published yet.
		await lambda().send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip('v2')}));
	});

	it('--dry-run shows the publish-version line guarded by the current CodeSha256, and publishes nothing', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const {CodeSha256} = await lambda().send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
		const result = await cli('rollout', '--publish', '--dry-run');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain(`us-east-1: publish the current code: aws lambda publish-version --function-name orders --code-sha256 ${CodeSha256!}`);
		expect(await published()).toEqual(['1']);
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('--yes publishes version 2 from the current code and rolls out to it', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 0'));
		const result = await cli('rollout', '--publish', '--yes');
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: published version 2 of the current code');
		expect(result.stdout).toContain('us-east-1: version 1 → 2');
		expect(await published()).toEqual(['1', '2']);
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('publishes nothing when the code changes between the read and the publish, as Lambda refuses it, and says so', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 0'));
		// Another deploy uploads v3 after rollout read $LATEST's hash (v2) and before it publishes.
		const proxy = await codeShaProxy(moto.url, {
			async beforePublish() {
				await lambda().send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip('v3')}));
			},
			currentCodeSha256: async functionName => (await lambda().send(new GetFunctionConfigurationCommand({FunctionName: functionName}))).CodeSha256,
		});
		try {
			const result = await runCli(['rollout', '--publish', '--yes', '--endpoint-url', proxy.url], {cwd: project.dir, env: testCredentials});
			expect(proxy.refused).toBe(1);
			expect(result.exitCode).toBe(1);
			expect(result.stderr).toContain('The function\'s code changed after this run read it (us-east-1), so Lambda published no version there');
			expect(result.stderr).toContain('run again');
			expect(await published()).toEqual(['1']);
			expect(await alias()).toEqual({version: '1', weights: {}});
		} finally {
			await proxy.close();
		}
	});

	it('refuses --publish with --to (exit 2), publishing nothing', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--publish', '--to', '1', '--yes');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--publish makes the target: it cannot go with --to.');
		expect(await published()).toEqual(['1']);
	});
});
