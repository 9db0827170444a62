// The built CLI publishing an extension's layer to a real moto server, in two regions.
import {CreateFunctionCommand, GetFunctionConfigurationCommand, GetLayerVersionCommand, GetLayerVersionPolicyCommand, LambdaClient, ListLayerVersionsCommand, PublishLayerVersionCommand} from '@aws-sdk/client-lambda';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {codeSha256} from '../source/tools/files.js';
import {zipEntries} from '../source/tools/zip.js';
import {clientOptions, createRole} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const moto = useMoto();
let project: TestProject;

const config = (layer = '') => `
[project]
name = "shipper"
kind = "extension"
architecture = "arm64"

[extension]
name = "shipper"
kind = "logs"
internal = false

[layer]
name = "log-shipper"
description = "Ships function logs"
${layer}

[deploy]
regions = ["us-east-1", "eu-west-1"]
`;

/** An extension zip as `build` makes it: the executable at extensions/<name>. */
async function extensionZip(text: string, entry = 'extensions/shipper'): Promise<string> {
	const path = join(project.dir, `${text}.zip`);
	await writeFile(path, zipEntries([{name: entry, data: Buffer.from(text), mode: 0o755}]));
	return path;
}

const publish = (...args: string[]) =>
	runCli(['layer', 'publish', '--endpoint-url', moto.url, ...args], {cwd: project.dir, env: testCredentials});

async function versions(region: string) {
	const lambda = new LambdaClient(clientOptions(moto, region));
	const listed = await lambda.send(new ListLayerVersionsCommand({LayerName: 'log-shipper'}));
	return Promise.all((listed.LayerVersions ?? []).map(async version => lambda.send(new GetLayerVersionCommand({LayerName: 'log-shipper', VersionNumber: version.Version}))));
}

async function policy(region: string, version: number) {
	const lambda = new LambdaClient(clientOptions(moto, region));
	const answer = await lambda.send(new GetLayerVersionPolicyCommand({LayerName: 'log-shipper', VersionNumber: version}));
	return (JSON.parse(answer.Policy!) as {Statement: Array<{Sid: string; Principal: string; OrganizationId?: string; Action: string}>}).Statement;
}

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	await project.writeConfig(config());
});

afterEach(async () => {
	await project.remove();
});

describe('layer publish against moto', () => {
	it('publishes one version per region, then reuses it for the same bytes, then publishes version 2 for new ones', async () => {
		const v1 = await extensionZip('v1');
		const first = await publish('--yes', '--zip', v1);
		expect(first.stderr).toBe('');
		expect(first.exitCode).toBe(0);
		for (const region of ['us-east-1', 'eu-west-1']) {
			expect(first.stdout).toContain(`✔ ${region}: layer log-shipper: published arn:aws:lambda:${region}:123456789012:layer:log-shipper:1`);
			const published = await versions(region);
			expect(published).toHaveLength(1);
			expect(published[0]).toMatchObject({
				Version: 1,
				Description: 'Ships function logs',
				CompatibleRuntimes: ['provided.al2023'],
				CompatibleArchitectures: ['arm64'],
				Content: {CodeSha256: codeSha256(await readFile(v1))},
			});
		}

		await moto.record();
		const again = await publish('--yes', '--json', '--zip', v1);
		expect(again.exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(JSON.parse(again.stdout)).toEqual({
			ok: true,
			layer: 'log-shipper',
			regions: ['us-east-1', 'eu-west-1'].map(region => ({
				region,
				status: 'unchanged',
				layerVersionArn: `arn:aws:lambda:${region}:123456789012:layer:log-shipper:1`,
				published: false,
			})),
		});
		expect(again.stderr).not.toContain('publish-layer-version');

		const v2 = await extensionZip('v2');
		const changed = await publish('--yes', '--zip', v2);
		expect(changed.exitCode).toBe(0);
		expect(changed.stdout).toContain('✔ eu-west-1: layer log-shipper: published arn:aws:lambda:eu-west-1:123456789012:layer:log-shipper:2');
		for (const region of ['us-east-1', 'eu-west-1']) {
			const published = await versions(region);
			expect(published.map(version => version.Version).sort()).toEqual([1, 2]);
			expect(published.find(version => version.Version === 2)?.Content?.CodeSha256).toBe(codeSha256(await readFile(v2)));
		}
	});

	it('shows every call as an aws command in a dry run, and changes nothing', async () => {
		const v1 = await extensionZip('v1');
		await moto.record();
		const result = await publish('--dry-run', '--zip', v1);
		expect(result.exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(result.stdout).toContain(`$ aws lambda publish-layer-version --layer-name log-shipper --description 'Ships function logs' --compatible-runtimes '["provided.al2023"]' --compatible-architectures '["arm64"]' --zip-file fileb://${v1} --region eu-west-1 --endpoint-url ${moto.url}`);
		expect(result.stdout).toContain('Dry run: nothing was changed.');
		expect(await versions('us-east-1')).toEqual([]);
	});

	it('shares the version with an account and an organization, and takes a grant back when the config drops it', async () => {
		await project.writeConfig(config('share_with = ["111122223333", "o-abc123xyz9"]'));
		const v1 = await extensionZip('v1');
		const shared = await publish('--yes', '--zip', v1, '--region', 'us-east-1');
		expect(shared.exitCode).toBe(0);
		expect(shared.stdout).toContain('Share the new layer version with o-abc123xyz9');
		expect(await policy('us-east-1', 1)).toEqual([
			expect.objectContaining({Sid: 'share-111122223333', Principal: '111122223333', Action: 'lambda:GetLayerVersion'}),
			expect.objectContaining({Sid: 'share-o-abc123xyz9', Principal: '*', OrganizationId: 'o-abc123xyz9'}),
		]);

		await project.writeConfig(config('share_with = ["o-abc123xyz9"]'));
		const dropped = await publish('--yes', '--zip', v1, '--region', 'us-east-1');
		expect(dropped.exitCode).toBe(0);
		expect(dropped.stdout).toContain('Stop sharing layer log-shipper:1 with 111122223333');
		expect((await policy('us-east-1', 1)).map(statement => statement.Sid)).toEqual(['share-o-abc123xyz9']);
		expect(await versions('us-east-1')).toHaveLength(1);
	});

	it('refuses a zip with nothing under extensions/, before any call', async () => {
		const wrong = await extensionZip('v1', 'bootstrap');
		await moto.record();
		const result = await publish('--yes', '--zip', wrong);
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('holds no extensions/<name> entry');
		expect(await moto.requests()).toEqual([]);
	});

	it('refuses a share_with that is neither an account nor an organization', async () => {
		await project.writeConfig(config('share_with = ["12345"]'));
		const result = await publish('--yes', '--zip', await extensionZip('v1'));
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('layer.share_with[0]: "12345" must be an AWS account ID (12 digits) or an organization ID');
	});

	describe('--attach', () => {
		const lambda = () => new LambdaClient(clientOptions(moto, 'us-east-1'));
		/** Another layer, as a function may already carry. */
		const otherLayer = async (name: string) => (await lambda().send(new PublishLayerVersionCommand({LayerName: name, Content: {ZipFile: zipEntries([{name: 'lib/x', data: Buffer.from(name), mode: 0o644}])}}))).LayerVersionArn!;
		const layersOf = async (name: string) => ((await lambda().send(new GetFunctionConfigurationCommand({FunctionName: name}))).Layers ?? []).map(layer => layer.Arn);
		async function createFunction(name: string, layers: string[], more: Partial<ConstructorParameters<typeof CreateFunctionCommand>[0]> = {}) {
			const role = await createRole(moto, `${name}-role`);
			await lambda().send(new CreateFunctionCommand({
				FunctionName: name, Role: role, Runtime: 'provided.al2023', Handler: 'bootstrap', Architectures: ['arm64'],
				Code: {ZipFile: zipEntries([{name: 'bootstrap', data: Buffer.from('fn'), mode: 0o755}])}, Layers: layers, ...more,
			}));
		}

		it('replaces the older version of the layer where it stands and keeps the function\'s other layers', async () => {
			const v1 = await extensionZip('v1');
			expect((await publish('--yes', '--zip', v1, '--region', 'us-east-1')).exitCode).toBe(0);
			const other = await otherLayer('other');
			await createFunction('orders', [other, 'arn:aws:lambda:us-east-1:123456789012:layer:log-shipper:1']);

			const result = await publish('--yes', '--zip', await extensionZip('v2'), '--region', 'us-east-1', '--attach', 'orders');
			expect(result.exitCode).toBe(0);
			expect(result.stdout).toContain('✔ us-east-1: Attach layer log-shipper:2 to function orders');
			expect(await layersOf('orders')).toEqual([other, 'arn:aws:lambda:us-east-1:123456789012:layer:log-shipper:2']);

			await moto.record();
			const again = await publish('--yes', '--zip', await extensionZip('v2'), '--region', 'us-east-1', '--attach', 'orders');
			expect(again.exitCode).toBe(0);
			expect(again.stdout).toContain('= us-east-1: Function orders has layer log-shipper:2');
			expect(awsWrites(await moto.requests())).toEqual([]);
		});

		it('refuses a function with 5 other layers and an image function, with the reason, before publishing anything', async () => {
			const five = [];
			for (const index of [1, 2, 3, 4, 5]) {
				five.push(await otherLayer(`l${index}`));
			}

			await createFunction('full', five);
			await createFunction('boxed', [], {PackageType: 'Image', Code: {ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/boxed:arm64'}, Runtime: undefined, Handler: undefined});
			await moto.record();
			const result = await publish('--yes', '--zip', await extensionZip('v1'), '--region', 'us-east-1', '--attach', 'full,boxed');
			expect(result.exitCode).toBe(1);
			expect(result.stderr).toContain('us-east-1: full has 5 layers already, and Lambda takes at most 5 per function');
			expect(result.stderr).toContain('us-east-1: boxed is a container image function, which takes no layers: put the extension in /opt/extensions inside the image instead');
			expect(awsWrites(await moto.requests())).toEqual([]);
			expect(await layersOf('full')).toEqual(five);
			expect(await versions('us-east-1')).toEqual([]);
		});
	});

	describe('list and prune', () => {
		it('lists each region\'s versions with who uses them, and prune --keep 1 --yes leaves the newest and those in use', async () => {
			const oneRegion = (layer: string) => config(layer).replace('regions = ["us-east-1", "eu-west-1"]', 'regions = ["us-east-1"]');
			await project.writeConfig(oneRegion(''));
			for (const text of ['v1', 'v2', 'v3', 'v4']) {
				// Each zip differs, so each run publishes a version.
				expect((await publish('--yes', '--zip', await extensionZip(text))).exitCode).toBe(0);
			}

			const lambda = new LambdaClient(clientOptions(moto, 'us-east-1'));
			await lambda.send(new CreateFunctionCommand({
				FunctionName: 'orders', Role: await createRole(moto, 'orders-role'), Runtime: 'provided.al2023', Handler: 'bootstrap', Architectures: ['arm64'],
				Code: {ZipFile: zipEntries([{name: 'bootstrap', data: Buffer.from('fn'), mode: 0o755}])}, Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:log-shipper:2'],
			}));

			// The config names the function that uses version 2: list shows it, prune keeps it.
			await project.writeConfig(oneRegion('attach_to = ["orders"]'));
			const listed = await runCli(['layer', 'list', '--json', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
			expect(listed.exitCode).toBe(0);
			const {regions: [region]} = JSON.parse(listed.stdout) as {regions: Array<{region: string; versions: Array<{version: number; usedBy: string[]; architectures: string[]}>}>};
			expect(region!.versions.map(version => [version.version, version.usedBy, version.architectures])).toEqual([[4, [], ['arm64']], [3, [], ['arm64']], [2, ['orders'], ['arm64']], [1, [], ['arm64']]]);

			const text = await runCli(['layer', 'list', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
			expect(text.stdout).toMatch(/^ {2}2 +arm64 +\S+ +[\d.]+ KB +orders$/m);

			const pruned = await runCli(['layer', 'prune', '--keep', '1', '--yes', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
			expect(pruned.exitCode).toBe(0);
			expect(pruned.stdout).toContain('✔ us-east-1: Delete layer log-shipper:3; Delete layer log-shipper:1');
			expect((await versions('us-east-1')).map(version => version.Version).sort()).toEqual([2, 4]);
		});

		it('with two architectures, lists and prunes both layers (<layer>-<arch>) in every region, keeping the newest and the used', async () => {
			await project.writeConfig(config('architectures = ["arm64", "x86_64"]\nattach_to = ["orders"]'));
			const layers = ['log-shipper-arm64', 'log-shipper-x86_64'];
			for (const region of ['us-east-1', 'eu-west-1']) {
				const lambda = new LambdaClient(clientOptions(moto, region));
				for (const layer of layers) {
					for (const text of ['v1', 'v2', 'v3']) {
						await lambda.send(new PublishLayerVersionCommand({
							LayerName: layer, CompatibleArchitectures: [layer.endsWith('arm64') ? 'arm64' : 'x86_64'],
							Content: {ZipFile: zipEntries([{name: 'extensions/shipper', data: Buffer.from(text), mode: 0o755}])},
						}));
					}
				}
			}

			// orders, in us-east-1, runs version 1 of the arm64 layer.
			await new LambdaClient(clientOptions(moto, 'us-east-1')).send(new CreateFunctionCommand({
				FunctionName: 'orders', Role: await createRole(moto, 'orders-role'), Runtime: 'provided.al2023', Handler: 'bootstrap', Architectures: ['arm64'],
				Code: {ZipFile: zipEntries([{name: 'bootstrap', data: Buffer.from('fn'), mode: 0o755}])}, Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:log-shipper-arm64:1'],
			}));
			const cli = (...args: string[]) => runCli(['layer', ...args, '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});

			const listed = await cli('list', '--json');
			expect(listed.exitCode, listed.stderr).toBe(0);
			const json = JSON.parse(listed.stdout) as {layer: string; regions: Array<{layer: string; region: string; versions: Array<{version: number; usedBy: string[]; architectures: string[]}>}>};
			expect(json.layer).toBe('log-shipper');
			expect(json.regions.map(entry => [entry.layer, entry.region, entry.versions.map(version => version.version)])).toEqual([
				['log-shipper-arm64', 'us-east-1', [3, 2, 1]],
				['log-shipper-arm64', 'eu-west-1', [3, 2, 1]],
				['log-shipper-x86_64', 'us-east-1', [3, 2, 1]],
				['log-shipper-x86_64', 'eu-west-1', [3, 2, 1]],
			]);
			expect(json.regions[0]!.versions[2]).toMatchObject({usedBy: ['orders'], architectures: ['arm64']});
			expect(json.regions[2]!.versions[0]!.architectures).toEqual(['x86_64']);

			// Text: a block per layer and region, grouped by layer.
			const text = await cli('list');
			expect(text.exitCode).toBe(0);
			const headings = text.stdout.split('\n').filter(line => /^\S+: layer /.test(line));
			expect(headings).toEqual(['us-east-1: layer log-shipper-arm64', 'eu-west-1: layer log-shipper-arm64', 'us-east-1: layer log-shipper-x86_64', 'eu-west-1: layer log-shipper-x86_64']);

			const pruned = await cli('prune', '--keep', '1', '--yes', '--json');
			expect(pruned.exitCode, pruned.stderr).toBe(0);
			const summary = JSON.parse(pruned.stdout) as {ok: boolean; layer: string; regions: Array<{layer: string; region: string; deleted: string[]}>};
			expect(summary.regions.map(entry => [entry.layer, entry.region, entry.deleted])).toEqual([
				['log-shipper-arm64', 'us-east-1', ['Delete layer log-shipper-arm64:2']],
				['log-shipper-arm64', 'eu-west-1', ['Delete layer log-shipper-arm64:2', 'Delete layer log-shipper-arm64:1']],
				['log-shipper-x86_64', 'us-east-1', ['Delete layer log-shipper-x86_64:2', 'Delete layer log-shipper-x86_64:1']],
				['log-shipper-x86_64', 'eu-west-1', ['Delete layer log-shipper-x86_64:2', 'Delete layer log-shipper-x86_64:1']],
			]);
			const left = async (region: string, layer: string) => ((await new LambdaClient(clientOptions(moto, region)).send(new ListLayerVersionsCommand({LayerName: layer}))).LayerVersions ?? []).map(version => version.Version).sort();
			expect(await left('us-east-1', 'log-shipper-arm64')).toEqual([1, 3]);
			expect(await left('eu-west-1', 'log-shipper-arm64')).toEqual([3]);
			for (const region of ['us-east-1', 'eu-west-1']) {
				expect(await left(region, 'log-shipper-x86_64')).toEqual([3]);
			}

			// Nothing older is left: a second prune deletes nothing, and says so for each layer.
			const again = await cli('prune', '--keep', '1', '--yes');
			expect(again.exitCode).toBe(0);
			expect(again.stdout).toContain('= eu-west-1: layer log-shipper-x86_64: nothing to delete');
		});

		it('prune asks first: without a terminal and without --yes it changes nothing', async () => {
			const result = await runCli(['layer', 'prune', '--keep', '1', '--endpoint-url', moto.url], {cwd: project.dir, env: testCredentials});
			expect(result.exitCode).toBe(2);
			expect(result.stderr).toContain('layer prune changes AWS and there is no terminal to confirm it: pass --yes');
		});
	});
});
