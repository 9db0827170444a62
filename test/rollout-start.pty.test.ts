// rollout at a real terminal, before anything moves: the strategy question when the
// config leaves the default, the offer to create a missing alias, and Ctrl-C on a question.
import {CreateAliasCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {clientOptions} from './support/aws.js';
import {binPath, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {aliasState, publishedVersions} from './support/rollout.js';
import {openTerminal, type Terminal} from './support/tmux.js';

const moto = useMoto();
let project: TestProject;
let terminal: Terminal | undefined;
const lambda = () => new LambdaClient(clientOptions(moto));

const alias = async () => aliasState(moto);

const config = (rollout: string) => `[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[deploy]\nregions = ["us-east-1"]\n[rollout]\n${rollout}\n`;
const open = (...args: string[]) => openTerminal([process.execPath, binPath, 'rollout', ...args, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});

beforeEach(async () => {
	await moto.reset();
	await publishedVersions(moto, 2);
	project = await makeProject();
});

afterEach(async () => {
	await terminal?.kill();
	terminal = undefined;
	await project.remove();
});

describe('rollout at a terminal, before anything moves', () => {
	it('with the default strategy, asks which one (with its steps) and runs the chosen one', async () => {
		await lambda().send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
		await project.writeConfig(config('interval_seconds = 1'));
		terminal = open();
		const screen = await terminal.waitFor('How should the traffic move?', 'the strategy question');
		expect(screen).toContain('all at once: the alias points at the new version in one step');
		expect(screen).toContain('canary: 10 %, 100 %, 1 s per step');
		expect(screen).toContain('linear: 10 %, 20 %, 30 %, 40 %, 50 %, 60 %, 70 %, 80 %, 90 %, 100 %, 1 s per step');
		expect(screen).toContain('manual: 10 %, 50 %, 100 %, asking before each step');
		expect(await alias()).toEqual({version: '1', weights: {}});
		terminal.send('Down');
		terminal.send('Enter');
		await terminal.waitFor('Roll orders:live out (canary) in 1 region(s)?', 'the confirmation of the canary');
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the roll-out to end');
		expect(end).toContain('us-east-1: orders:live done, on version 2');
		expect(end).toContain('[exit 0]');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});

	it('--strategy skips the question', async () => {
		await lambda().send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
		await project.writeConfig(config('interval_seconds = 0'));
		terminal = open('--strategy', 'canary');
		const screen = await terminal.waitFor('Roll orders:live out (canary) in 1 region(s)?', 'the confirmation');
		expect(screen).not.toContain('How should the traffic move?');
	});

	it('offers to create a missing alias (default Yes) on the version before the target, then rolls out', async () => {
		await project.writeConfig(config('strategy = "canary"\ninterval_seconds = 0'));
		terminal = open();
		const screen = await terminal.waitFor('Create orders:live in us-east-1? (Y/n)', 'the offer to create the alias');
		expect(screen).toContain('us-east-1: create alias live on version 1 (the one before 2, then the roll-out moves the traffic)');
		expect(await alias()).toBeUndefined();
		terminal.send('Enter');
		await terminal.waitFor('Roll orders:live out (canary) in 1 region(s)?', 'the confirmation');
		expect(await alias()).toEqual({version: '1', weights: {}});
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the roll-out to end');
		expect(end).toContain('[exit 0]');
		expect(await alias()).toEqual({version: '2', weights: {}});
	});
});

describe('Ctrl-C on a question', () => {
	beforeEach(async () => {
		await lambda().send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: '1'}));
	});

	it('on the strategy question: exits 130 and nothing changed', async () => {
		await project.writeConfig(config('interval_seconds = 0'));
		terminal = open();
		await terminal.waitFor('How should the traffic move?', 'the strategy question');
		terminal.send('C-c');
		const end = await terminal.waitFor('[exit ', 'the end');
		expect(end).toContain('Interrupted: nothing was changed.');
		expect(end).toContain('[exit 130]');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});

	it('on a manual step\'s question inside the task list: rolls back and exits 130', async () => {
		await project.writeConfig(config('strategy = "manual"\nsteps = [10, 50, 100]\ninterval_seconds = 0'));
		terminal = open();
		await terminal.waitFor('Roll orders:live out (manual) in 1 region(s)?', 'the confirmation');
		terminal.send('Enter');
		await terminal.waitFor('Move 10 % of live to version 2?', 'the first step\'s question');
		terminal.send('Enter');
		await terminal.waitFor('Move 50 % of live to version 2?', 'the second step\'s question');
		expect(await alias()).toEqual({version: '1', weights: {2: 0.1}});
		terminal.send('C-c');
		const end = await terminal.waitFor('[exit ', 'the end');
		expect(end).toContain('us-east-1: orders:live interrupted, on version 1 (interrupted)');
		expect(end).toContain('[exit 130]');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});
});
