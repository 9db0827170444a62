// rollout in a real terminal: manual mode asks inside the task list.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {binPath, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {aliasState, publishedVersions} from './support/rollout.js';
import {openTerminal, type Terminal} from './support/tmux.js';

const moto = useMoto();
let project: TestProject;
let terminal: Terminal | undefined;

const alias = async () => aliasState(moto);

beforeEach(async () => {
	await moto.reset();
	await publishedVersions(moto, 2, '1');
	project = await makeProject();
	await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[deploy]\nregions = ["us-east-1"]\n[rollout]\nstrategy = "manual"\nsteps = [10, 50, 100]\ninterval_seconds = 0\n');
});

afterEach(async () => {
	await terminal?.kill();
	await project.remove();
});

describe('rollout in a terminal, manual mode', () => {
	it('asks before each step inside the task list; hold asks again, roll back rolls back', async () => {
		terminal = openTerminal([process.execPath, binPath, 'rollout', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
		await terminal.waitFor('Roll orders:live out (manual) in 1 region(s)?', 'the confirmation');
		terminal.send('Enter');
		// The first step's question, under the region's task.
		let screen = await terminal.waitFor('Move 10 % of live to version 2?', 'the first step\'s question');
		expect(screen).toContain('orders:live, version 1 → 2');
		terminal.send('Enter');
		screen = await terminal.waitFor('Move 50 % of live to version 2?', 'the second step\'s question');
		expect(await alias()).toEqual({version: '1', weights: {2: 0.1}});
		// Hold: the weight stays and the question comes again.
		terminal.send('Down');
		await terminal.waitFor(now => /❯ hold/.test(now), 'hold highlighted');
		terminal.send('Enter');
		// The hold line comes first, the question again a moment later: wait for both.
		screen = await terminal.waitFor(now => now.includes('held at 10 % on version 2') && now.includes('Move 50 % of live to version 2?'), 'the hold, and the question again');
		expect(screen).toContain('Move 50 % of live to version 2?');
		expect(await alias()).toEqual({version: '1', weights: {2: 0.1}});
		// Roll back.
		terminal.send('Down');
		await terminal.waitFor(now => /❯ hold/.test(now), 'hold highlighted');
		terminal.send('Down');
		await terminal.waitFor(now => /❯ roll back/.test(now), 'roll back highlighted');
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the roll-out to end');
		expect(end).toContain('us-east-1: orders:live rolled-back, on version 1 (rolled back by choice (before step))');
		expect(end).toContain('[exit 1]');
		expect(await alias()).toEqual({version: '1', weights: {}});
	});
});
