// deploy in a real terminal: the plan, the confirmation, the live task list.
import {createServer, request} from 'node:http';
import {GetAliasCommand, GetFunctionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {clientOptions, createRole} from './support/aws.js';
import {listenLocally} from './support/http.js';
import {binPath, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {openTerminal, type Terminal} from './support/tmux.js';

const moto = useMoto();
let project: TestProject;
let terminal: Terminal | undefined;

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

/** Forwards reads to moto and never answers a write: a deploy that hangs mid-way, for Ctrl-C. */
async function hangingWrites(target: string): Promise<{url: string; close: () => Promise<void>}> {
	const server = createServer((incoming, response) => {
		if (incoming.method !== 'GET') {
			// Never answered; closing the proxy drops the connection.
			return;
		}

		const forward = request(`${target}${incoming.url}`, {method: 'GET', headers: incoming.headers}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		incoming.pipe(forward);
	});
	return listenLocally(server);
}

/** Forwards to moto, but refuses every Lambda write signed for `region` as AWS refuses credentials that lack the permission. */
async function refusingLambdaWritesIn(target: string, region: string): Promise<{url: string; close: () => Promise<void>}> {
	const server = createServer((incoming, response) => {
		const scope = `/${region}/lambda/aws4_request`;
		if (incoming.method !== 'GET' && String(incoming.headers.authorization ?? '').includes(scope)) {
			incoming.resume();
			response.writeHead(403, {'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException'});
			response.end(JSON.stringify({Message: 'User: arn:aws:iam::123456789012:user/test is not authorized to perform: lambda:CreateFunction'}));
			return;
		}

		const forward = request(`${target}${incoming.url}`, {method: incoming.method, headers: incoming.headers}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		incoming.pipe(forward);
	});
	return listenLocally(server);
}

describe('deploy in a terminal', () => {
	it('ends a failed region\'s line in the task list as failed, not still running, and the other region\'s as done', async () => {
		const proxy = await refusingLambdaWritesIn(moto.url, 'eu-west-1');
		try {
			await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[deploy]\nregions = ["us-east-1", "eu-west-1"]\n');
			const zip = await project.writeZip('v1');
			terminal = openTerminal([process.execPath, binPath, 'deploy', '--yes', '--zip', zip, '--endpoint-url', proxy.url], {cwd: project.dir, env: testCredentials});
			const end = await terminal.waitFor('[exit ', 'the deploy to end');
			expect(end).toContain('[exit 1]');
			const lines = end.split('\n').map(line => line.trimEnd());
			// The regions' own lines in the list (the summary's lines go on after the name).
			expect(lines).toContain('✖ eu-west-1: orders');
			expect(lines).toContain('✔ us-east-1: orders');
			expect(lines.filter(line => /^\S+ eu-west-1: orders$/.test(line))).toEqual(['✖ eu-west-1: orders']);
			expect(lines).toContain('  ✖ Access denied (eu-west-1): the credentials lack lambda:CreateFunction');
			expect(end).toContain('✔ us-east-1: orders: 3 created (alias live → version 1)');
		} finally {
			await proxy.close();
		}
	});

	it('stops cleanly on Ctrl-C while the task list runs', async () => {
		const proxy = await hangingWrites(moto.url);
		try {
			await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::123456789012:role/orders-role"\n[deploy]\nregions = ["us-east-1"]\n');
			const zip = await project.writeZip('v1');
			terminal = openTerminal([process.execPath, binPath, 'deploy', '--yes', '--zip', zip, '--endpoint-url', proxy.url], {cwd: project.dir, env: testCredentials});
			await terminal.waitFor('Create function orders', 'the task list');
			terminal.send('C-c');
			const end = await terminal.waitFor('[exit ', 'the deploy to end');
			expect(end).toContain('Interrupted: stopped before finishing');
			expect(end).toContain('[exit 130]');
		} finally {
			await proxy.close();
		}
	});

	it('shows the plan, asks, and runs the task list when confirmed', async () => {
		const term = await deployInTerminal();
		expect(term.screen()).toContain('+ create  Create function orders');
		term.send('Enter');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the deploy to end');
		expect(end).toContain('✔ Create function orders');
		expect(end).toContain('✔ Create alias live → the new version');
		expect(end).toContain('us-east-1: orders: 3 created (alias live → version 1)');
		expect(end).toContain('invoke: aws lambda invoke --function-name orders:live --region us-east-1 response.json');
		expect(end).toContain('[exit 0]');
		const lambda = new LambdaClient(clientOptions(moto));
		expect((await lambda.send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}))).FunctionVersion).toBe('1');
	});

	it('changes nothing when the answer is no, and says so with exit 0', async () => {
		const term = await deployInTerminal();
		term.send('n', 'Enter');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the deploy to end');
		expect(end).toContain('Nothing changed.');
		expect(end).toContain('[exit 0]');
		const lambda = new LambdaClient(clientOptions(moto));
		await expect(lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});

	it('Ctrl-C at the confirmation says nothing was changed', async () => {
		const term = await deployInTerminal();
		term.send('C-c');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the deploy to end');
		expect(end).toContain('Interrupted: nothing was changed.');
		expect(end).toContain('[exit 130]');
		const lambda = new LambdaClient(clientOptions(moto));
		await expect(lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});

	it('asks with No as the default when the plan deletes something', async () => {
		const zip = await project.writeZip('v1');
		await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\nreserved_concurrency = 5\n[deploy]\nregions = ["us-east-1"]\n');
		const first = openTerminal([process.execPath, binPath, 'deploy', '--yes', '--zip', zip, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
		terminal = first;
		expect(await first.waitFor('[exit ', 'the first deploy to end')).toContain('[exit 0]');
		await first.kill();
		await project.writeConfig('[project]\nname = "orders"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[deploy]\nregions = ["us-east-1"]\n');
		terminal = openTerminal([process.execPath, binPath, 'deploy', '--zip', zip, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
		const asked = await terminal.waitFor(screen => /Apply \d+ change\(s\)/.test(screen), 'the confirmation');
		expect(asked).toContain('- delete  Remove the reserved concurrency of orders');
		expect(asked).toMatch(/\(y\/N\)/);
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the deploy to end');
		expect(end).toContain('Nothing changed.');
		const lambda = new LambdaClient(clientOptions(moto));
		expect((await lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).Concurrency?.ReservedConcurrentExecutions).toBe(5);
	});
});
