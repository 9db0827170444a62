// layer publish in a real terminal, without --attach: the guided path's multi-select, the plan, the confirmation.
import {CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {writeFile} from 'node:fs/promises';
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
const layersOf = async (name: string) => ((await lambda().send(new GetFunctionConfigurationCommand({FunctionName: name}))).Layers ?? []).map(layer => layer.Arn);

beforeEach(async () => {
	await moto.reset();
	const role = await createRole(moto, 'fn-role');
	const code = {ZipFile: zipEntries([{name: 'bootstrap', data: Buffer.from('fn'), mode: 0o755}])};
	for (const [name, architecture] of [['billing', 'arm64'], ['legacy', 'x86_64'], ['orders', 'arm64']] as const) {
		await lambda().send(new CreateFunctionCommand({FunctionName: name, Runtime: 'provided.al2023', Handler: 'bootstrap', Role: role, Code: code, Architectures: [architecture]}));
	}

	project = await makeProject();
	await project.writeConfig('[project]\nname = "shipper"\nkind = "extension"\narchitecture = "arm64"\n[extension]\nname = "shipper"\nkind = "logs"\ninternal = false\n[layer]\nname = "log-shipper"\n[deploy]\nregions = ["us-east-1"]\n');
});

afterEach(async () => {
	await terminal?.kill();
	await project.remove();
});

describe('layer publish in a terminal, guided attach', () => {
	it('lists the region\'s functions, a disabled row cannot be picked, and only the picked function gets the layer', async () => {
		const zip = join(project.dir, 'shipper.zip');
		await writeFile(zip, zipEntries([{name: 'extensions/shipper', data: Buffer.from('ext'), mode: 0o755}]));
		terminal = openTerminal([process.execPath, binPath, 'layer', 'publish', '--zip', zip, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
		let screen = await terminal.waitFor('Attach layer log-shipper to which functions?', 'the multi-select');
		expect(screen).toContain('billing  provided.al2023, arm64, layers: none');
		expect(screen).toContain('orders  provided.al2023, arm64, layers: none');
		expect(screen).toMatch(/legacy {2}provided\.al2023, x86_64, layers: none.*legacy runs on x86_64, and layer log-shipper is built for arm64/);
		// The cursor starts on billing; Down reaches the disabled legacy row, and Space there picks nothing.
		terminal.send('Down');
		terminal.send('Space');
		screen = await terminal.waitFor('This option is disabled and cannot be toggled.', 'the refusal');
		expect(screen).toMatch(/- legacy/);
		expect(screen).not.toMatch(/◉/);
		terminal.send('Down');
		terminal.send('Space');
		screen = await terminal.waitFor(/◉ orders/, 'orders picked');
		expect(screen).toMatch(/◯ billing/);
		expect(screen).toMatch(/- legacy/);
		terminal.send('Enter');
		screen = await terminal.waitFor('Apply 2 change(s) in 1 region(s)?', 'the confirmation');
		expect(screen).toContain('Attach layer log-shipper:<new version> to function orders');
		expect(screen).not.toContain('to function billing');
		expect(screen).not.toContain('to function legacy');
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the end');
		expect(end).toContain('[exit 0]');
		expect(await layersOf('orders')).toEqual(['arn:aws:lambda:us-east-1:123456789012:layer:log-shipper:1']);
		expect(await layersOf('billing')).toEqual([]);
		expect(await layersOf('legacy')).toEqual([]);
	});
});
