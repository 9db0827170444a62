// deploy of a function with a companion external extension in a real terminal: one
// question for the layer and the function together, then the layer, then the function.
import {GetFunctionCommand, LambdaClient, ListLayerVersionsCommand} from '@aws-sdk/client-lambda';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {zipEntries} from '../source/tools/zip.js';
import {clientOptions, createRole} from './support/aws.js';
import {binPath, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {openTerminal, type Terminal} from './support/tmux.js';

const moto = useMoto();
let project: TestProject;
let terminal: Terminal | undefined;
const lambda = () => new LambdaClient(clientOptions(moto));
const layerVersions = async () => ((await lambda().send(new ListLayerVersionsCommand({LayerName: 'shipper'}))).LayerVersions ?? []).map(version => version.LayerVersionArn);
const question = /Apply \d+ change\(s\) in 1 region\(s\)\?/g;

beforeEach(async () => {
	await moto.reset();
	await createRole(moto, 'orders-role');
	project = await makeProject();
	await project.writeConfig('[project]\nname = "orders"\nkind = "function+extension"\narchitecture = "arm64"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n[extension]\nname = "shipper"\nkind = "logs"\ninternal = false\n[deploy]\nregions = ["us-east-1"]\n');
	// What `build` leaves: the function's zip and the extension's, where cargo lambda puts them.
	await mkdir(join(project.dir, 'target/lambda/orders'), {recursive: true});
	await mkdir(join(project.dir, 'target/lambda/extensions'), {recursive: true});
	await writeFile(join(project.dir, 'target/lambda/orders/bootstrap.zip'), zipEntries([{name: 'bootstrap', data: Buffer.from('fn'), mode: 0o755}]));
	await writeFile(join(project.dir, 'target/lambda/extensions/shipper.zip'), zipEntries([{name: 'extensions/shipper', data: Buffer.from('ext'), mode: 0o755}]));
});

afterEach(async () => {
	await terminal?.kill();
	await project.remove();
});

/** Starts deploy and waits for its question, which shows the layer's plan and the function's. */
async function asked(): Promise<Terminal> {
	terminal = openTerminal([process.execPath, binPath, 'deploy', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
	const screen = await terminal.waitFor(question, 'the question');
	expect(screen).toContain('us-east-1: layer shipper (arm64)');
	expect(screen).toContain('Publish layer shipper');
	expect(screen).toContain('Create function orders');
	expect(screen).toContain('arn:aws:lambda:us-east-1:<account>:layer:shipper:<new version>');
	return terminal;
}

describe('deploy with a companion extension, in a terminal', () => {
	it('asks once for the layer and the function; after yes, the layer is published and the function carries it', async () => {
		const term = await asked();
		expect(term.screen().match(question)).toHaveLength(1);
		term.send('Enter');
		const end = await term.waitFor('[exit ', 'the deploy to end');
		expect(end).toContain('[exit 0]');
		expect(end).toContain('✔ us-east-1: layer shipper: published arn:aws:lambda:us-east-1:123456789012:layer:shipper:1');
		// Everything the run printed: still the one question.
		expect(term.history().match(question)).toHaveLength(1);
		expect(await layerVersions()).toEqual(['arn:aws:lambda:us-east-1:123456789012:layer:shipper:1']);
		const deployed = await lambda().send(new GetFunctionCommand({FunctionName: 'orders'}));
		expect(deployed.Configuration?.Layers?.map(layer => layer.Arn)).toEqual(['arn:aws:lambda:us-east-1:123456789012:layer:shipper:1']);
	});

	it('changes nothing when the answer is no: no layer version, no function', async () => {
		const term = await asked();
		term.send('n', 'Enter');
		const end = await term.waitFor('[exit ', 'the deploy to end');
		expect(end).toContain('Nothing changed.');
		expect(end).toContain('[exit 0]');
		expect(await layerVersions()).toEqual([]);
		await expect(lambda().send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});

	it('changes nothing on Ctrl-C at the question', async () => {
		const term = await asked();
		term.send('C-c');
		const end = await term.waitFor('[exit ', 'the deploy to end');
		expect(end).toContain('Interrupted: nothing was changed.');
		expect(end).toContain('[exit 130]');
		expect(await layerVersions()).toEqual([]);
		await expect(lambda().send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});
});
