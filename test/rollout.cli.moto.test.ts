// The built CLI's `rollout` and `rollback` against a real moto, as a person runs them.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {CloudWatchClient, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {LambdaClient, UpdateAliasCommand} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {clientOptions} from './support/aws.js';
import {binPath, runCli, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {aliasState, publishedVersions, rolloutConfig} from './support/rollout.js';

const moto = useMoto();
let project: TestProject;
const lambda = () => new LambdaClient(clientOptions(moto));

const config = rolloutConfig;

const alias = async () => aliasState(moto);

const cli = (...args: string[]) => runCli([...args, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});

/** The CLI as a child this test can signal; `waitFor` resolves when stdout shows the text. */
function startCli(args: readonly string[]) {
	const child = spawn(process.execPath, [binPath, ...args, '--endpoint-url', moto.url], {
		cwd: project.dir,
		env: {...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_'))), NO_COLOR: '1', CI: 'true', AWS_EC2_METADATA_DISABLED: 'true', ...testCredentials},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const waiters: Array<{text: string; resolve: () => void}> = [];
	child.stdout.on('data', chunk => {
		stdout += String(chunk);
		for (const waiter of waiters.filter(entry => stdout.includes(entry.text))) {
			waiter.resolve();
		}
	});
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	const closed = once(child, 'close').then(([code]) => ({exitCode: code as number | null, stdout, stderr}));
	return {
		child,
		closed,
		waitFor: async (text: string) => new Promise<void>((resolve, reject) => {
			if (stdout.includes(text)) {
				resolve();
				return;
			}

			waiters.push({text, resolve});
			void closed.then(result => {
				reject(new Error(`the CLI ended before printing ${JSON.stringify(text)}:\n${result.stdout}\n${result.stderr}`));
			});
		}),
	};
}

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	await publishedVersions(moto, 2, '1');
});

afterEach(async () => {
	await project.remove();
});

describe('rollout', () => {
	it('--dry-run prints each step with its aws line and changes nothing', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--dry-run');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: orders:live on version 1');
		expect(result.stdout).toContain(`10 %: aws lambda update-alias --function-name orders --name live --function-version 1 --routing-config '{"AdditionalVersionWeights":{"2":0.1}}' --region us-east-1 --endpoint-url ${moto.url}`);
		expect(result.stdout).toContain(`100 %: aws lambda update-alias --function-name orders --name live --function-version 2 --routing-config '{"AdditionalVersionWeights":{}}' --region us-east-1 --endpoint-url ${moto.url}`);
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('a canary with --yes ends on version 2 with no routing, having held 10 % on the way', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 1'));
		const run = startCli(['rollout', '--yes']);
		await run.waitFor('us-east-1: live: 10 % on version 2');
		const during = await alias();
		const result = await run.closed;
		expect(result.exitCode).toBe(0);
		expect(during).toEqual({version: '1', weights: {2: 0.1}});
		expect(await alias()).toEqual({version: '2', weights: {}});
		expect(result.stdout).toContain('us-east-1: orders:live done, on version 2');
	});

	it('Errors of version 2 during the step fail the gate: back on version 1, exit 1', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 3'));
		const run = startCli(['rollout', '--yes']);
		await run.waitFor('us-east-1: live: 10 % on version 2');
		await new CloudWatchClient(clientOptions(moto)).send(new PutMetricDataCommand({
			Namespace: 'AWS/Lambda',
			MetricData: [{MetricName: 'Errors', Value: 4, Timestamp: new Date(), Dimensions: [{Name: 'FunctionName', Value: 'orders'}, {Name: 'Resource', Value: 'orders:live'}, {Name: 'ExecutedVersion', Value: '2'}]}],
		}));
		const result = await run.closed;
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toContain('rolled-back, on version 1 (health gate failed at 10 %: 4 error(s) and 0 throttle(s), more than max_errors = 0)');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('Ctrl-C in the middle of a step rolls back and says where the alias is', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 600'));
		const run = startCli(['rollout', '--yes']);
		await run.waitFor('us-east-1: live: 10 % on version 2');
		expect(await alias()).toEqual({version: '1', weights: {2: 0.1}});
		run.child.kill('SIGINT');
		const result = await run.closed;
		expect(result.exitCode).toBe(130);
		expect(result.stdout).toContain('us-east-1: orders:live interrupted, on version 1 (interrupted)');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('a roll-out left half-way is found and, with --yes, resumed', async () => {
		await project.writeConfig(config('strategy = "linear"\nsteps = [10, 30, 100]\ninterval_seconds = 0'));
		await lambda().send(new UpdateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {2: 0.1}}}));
		const result = await cli('rollout', '--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: orders:live on version 1 (90 %), version 2 (10 %)');
		expect(result.stdout).toContain('A roll-out is under way in us-east-1.');
		expect(result.stdout).toContain('version 1 → 2 (resuming from 10 %)');
		expect(result.stdout).not.toContain('  10 %: aws');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('refuses a target that does not exist before any change (exit 1)', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('rollout', '--yes', '--to', '9');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('orders:live: version 9 does not exist (published: 1, 2)');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});
});

describe('rollback', () => {
	it('points the alias at the version before, with no routing', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		await lambda().send(new UpdateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '2'}));
		const result = await cli('rollback', '--yes');
		expect(result.exitCode).toBe(0);
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('with routing on the alias, goes back to its main version', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		await lambda().send(new UpdateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1', RoutingConfig: {AdditionalVersionWeights: {2: 0.5}}}));
		const result = await cli('rollback', 'live', '--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: orders:live rolled-back, on version 1');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});
});

describe('deploy follows the strategy', () => {
	it('canary: deploy publishes version 3 and rolls it out in the same run', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 1'));
		const run = startCli(['deploy', '--yes', '--zip', await project.writeZip('v3')]);
		await run.waitFor('us-east-1: live: 10 % on version 3');
		const during = await alias();
		const result = await run.closed;
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(during).toEqual({version: '1', weights: {3: 0.1}});
		expect(result.stdout).toContain('(version 3; alias live: see the roll-out)');
		expect(result.stdout).toContain('us-east-1: orders:live done, on version 3');
		expect(await alias()).toEqual({version: '3', weights: {}});
	});

	it('with --json, stdout is one document: the deploy\'s summary with the roll-out\'s in it', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 1'));
		const result = await cli('deploy', '--yes', '--json', '--zip', await project.writeZip('v3'));
		expect(result.exitCode, result.stderr).toBe(0);
		const summary = JSON.parse(result.stdout) as {ok: boolean; regions: Array<{region: string; version?: string}>; rollout: {ok: boolean; alias: string; regions: Array<{region: string; status: string}>}};
		expect(summary.ok).toBe(true);
		expect(summary.regions).toEqual([expect.objectContaining({region: 'us-east-1', version: '3'})]);
		expect(summary.rollout).toMatchObject({ok: true, alias: 'live', regions: [{region: 'us-east-1', status: 'done'}]});
		expect(await alias()).toEqual({version: '3', weights: {}});
	});

	it('--no-rollout stops after publishing and says how to continue', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		const result = await cli('deploy', '--yes', '--no-rollout', '--zip', await project.writeZip('v3'));
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Not rolled out (--no-rollout). To move alias live:');
		expect(result.stdout).toContain('rollout live --to 3');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});
});
