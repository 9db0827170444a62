// `export sam` through the built CLI: the template passes the real cfn-lint, and its
// DeploymentPreference is the configured strategy.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {codeDeployPreference} from '../source/rollout/codedeploy.js';
import {runCli} from './support/cli.js';
import {makeProject, type TestProject} from './support/project.js';

let project: TestProject;
beforeEach(async () => {
	project = await makeProject();
});
afterEach(async () => {
	await project.remove();
});

const config = (rollout: string) => `[project]\nname = "orders"\ntrigger = "sqs"\n[rollout]\n${rollout}\n`;

/** The real linter, found on PATH (npm test checks for it first). */
const linter = 'cfn-lint';

async function cfnLint(path: string) {
	const result = await execa(linter, ['--', path], {reject: false});
	if ((result as {code?: string}).code === 'ENOENT') {
		expect.fail('cfn-lint is missing: pip install cfn-lint. This test needs the real program.');
	}

	return result;
}

describe('export sam', () => {
	it.each([
		['strategy = "canary"\ninterval_seconds = 300', 'Type: Canary10Percent5Minutes', undefined],
		['strategy = "linear"\ninterval_seconds = 60', 'Type: Linear10PercentEvery1Minute', undefined],
		['strategy = "all-at-once"', 'Type: AllAtOnce', undefined],
		['strategy = "canary"\nsteps = [25, 100]\ninterval_seconds = 120\nalarms = ["orders-errors"]', 'Type: !Ref DeploymentConfig', 'CanaryPercentage: 25'],
		['strategy = "manual"\ninterval_seconds = 90', 'Type: !Ref DeploymentConfig', 'CanaryInterval: 2'],
	])('%s → %s, and cfn-lint passes', async (rollout, type, custom) => {
		await project.writeConfig(config(rollout));
		const result = await runCli(['export', 'sam'], {cwd: project.dir});
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		const template = await readFile(join(project.dir, 'template.yaml'), 'utf8');
		expect(template).toContain('AutoPublishAlias: live');
		expect(template).toContain('DeploymentPreference:');
		expect(template).toContain(type);
		if (custom) {
			expect(template).toContain('Type: AWS::CodeDeploy::DeploymentConfig');
			expect(template).toContain(custom);
		}

		const lint = await cfnLint(join(project.dir, 'template.yaml'));
		expect(lint.exitCode, `${lint.stdout}${lint.stderr}\n${template}`).toBe(0);
	});

	it('says which type it chose and what differs; alarms become the preference\'s Alarms', async () => {
		await project.writeConfig(config('strategy = "manual"\ninterval_seconds = 90\nalarms = ["orders-errors"]'));
		const result = await runCli(['export', 'sam'], {cwd: project.dir});
		expect(result.stdout).toContain('DeploymentPreference: a custom CodeDeploy configuration (DeploymentConfig, TimeBasedCanary)');
		expect(result.stdout).toContain('CodeDeploy does not ask');
		expect(result.stdout).toContain('steps 10, 50, 100 are neither one canary step nor equal linear steps');
		expect(await readFile(join(project.dir, 'template.yaml'), 'utf8')).toMatch(/Alarms:\n\s+- orders-errors/);
	});

	it('does not replace a template.yaml without --force', async () => {
		await project.writeConfig(config('strategy = "canary"'));
		expect((await runCli(['export', 'sam'], {cwd: project.dir})).exitCode).toBe(0);
		const again = await runCli(['export', 'sam'], {cwd: project.dir});
		expect(again.exitCode).toBe(1);
		expect(again.stderr).toContain('template.yaml exists already');
		expect((await runCli(['export', 'sam', '--force'], {cwd: project.dir})).exitCode).toBe(0);
	});
});

describe('the CodeDeploy equivalent of [rollout]', () => {
	const rollout = (strategy: 'canary' | 'linear' | 'manual' | 'all-at-once', steps: number[], seconds: number) => ({strategy, steps, interval_seconds: seconds, max_errors: 0});
	it.each([
		[rollout('canary', [10, 100], 600), {predefined: 'Canary10Percent10Minutes'}],
		[rollout('linear', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 180), {predefined: 'Linear10PercentEvery3Minutes'}],
		[rollout('linear', [20, 40, 60, 80, 100], 60), {custom: {Type: 'TimeBasedLinear', TimeBasedLinear: {LinearPercentage: 20, LinearInterval: 1}}}],
	])('%j', (config, expected) => {
		expect(codeDeployPreference(config)).toMatchObject(expected);
	});

	it('a canary of less than a minute: no predefined type, a custom one, and the rounding said', () => {
		const preference = codeDeployPreference(rollout('canary', [10, 100], 45));
		expect(preference.predefined).toBeUndefined();
		expect(preference.custom).toEqual({Type: 'TimeBasedCanary', TimeBasedCanary: {CanaryPercentage: 10, CanaryInterval: 1}});
		expect(preference.notes).toContain('interval_seconds = 45 is 1 minute(s) for CodeDeploy, which counts whole minutes.');
	});
});
