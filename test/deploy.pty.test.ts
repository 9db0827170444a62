// deploy in a real terminal: the plan, the confirmation, the live task list.
import {GetAliasCommand, GetFunctionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {clientOptions, createRole} from './support/aws.js';
import {binPath, testCredentials} from './support/cli.js';
import {startMoto, type Moto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {openTerminal, type Terminal} from './support/tmux.js';

let moto: Moto;
let project: TestProject;
let terminal: Terminal | undefined;

beforeAll(async () => {
	moto = await startMoto();
});

afterAll(async () => {
	await moto?.stop();
});

beforeEach(async () => {
	await moto.reset();
	await createRole(moto, 'orders-role');
	project = await makeProject();
	await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[deploy]\nregions = ["us-east-1"]\n');
});

afterEach(async () => {
	await terminal?.kill();
	await project.remove();
});

async function deployInTerminal(): Promise<Terminal> {
	const zip = await project.writeZip('v1');
	terminal = openTerminal([process.execPath, binPath, 'deploy', '--zip', zip, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
	await terminal.waitFor(screen => screen.includes('Apply 3 change(s) in 1 region(s)?'), 'the confirmation');
	return terminal;
}

describe('deploy in a terminal', () => {
	it('shows the plan, asks, and runs the task list when confirmed', async () => {
		const term = await deployInTerminal();
		expect(term.screen()).toContain('+ create  Create function orders');
		term.send('Enter');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the deploy to end');
		expect(end).toContain('✔ Create function orders');
		expect(end).toContain('✔ Create alias live → the new version');
		expect(end).toContain('us-east-1: orders: 3 created (alias live → version 1)');
		expect(end).toContain('[exit 0]');
		const lambda = new LambdaClient(clientOptions(moto));
		expect((await lambda.send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}))).FunctionVersion).toBe('1');
	});

	it('changes nothing when the answer is no', async () => {
		const term = await deployInTerminal();
		term.send('n', 'Enter');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the deploy to end');
		expect(end).toContain('Cancelled: nothing was changed.');
		expect(end).toContain('[exit 1]');
		const lambda = new LambdaClient(clientOptions(moto));
		await expect(lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});
});
