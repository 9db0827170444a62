// deploy of a function with a companion external extension (ZIP): the layer is
// published (or reused) in each region first, and the function carries that version.
import {GetFunctionConfigurationCommand, LambdaClient, ListLayerVersionsCommand, PublishLayerVersionCommand} from '@aws-sdk/client-lambda';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {zipEntries} from '../source/tools/zip.js';
import {clientOptions, createRole} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {bodyOf, forward, listenLocally} from './support/http.js';
import {awsWrites, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const moto = useMoto();
let project: TestProject;
const regions = ['us-east-1', 'eu-west-1'];

const config = (layers: string) => `
[project]
name = "orders"
kind = "function+extension"
architecture = "arm64"

[function]
role = "arn:aws:iam::{account}:role/orders-role"
layers = ${layers}

[extension]
name = "shipper"
kind = "logs"
internal = false

[deploy]
regions = ["us-east-1", "eu-west-1"]
`;

/** What `build` leaves for a function+extension project: both zips where cargo lambda puts them (no Cargo.toml here: target/ beside the config). */
async function writeBuilt(functionText: string, extensionText: string): Promise<void> {
	await mkdir(join(project.dir, 'target/lambda/orders'), {recursive: true});
	await mkdir(join(project.dir, 'target/lambda/extensions'), {recursive: true});
	await writeFile(join(project.dir, 'target/lambda/orders/bootstrap.zip'), zipEntries([{name: 'bootstrap', data: Buffer.from(functionText), mode: 0o755}]));
	await writeFile(join(project.dir, 'target/lambda/extensions/shipper.zip'), zipEntries([{name: 'extensions/shipper', data: Buffer.from(extensionText), mode: 0o755}]));
}

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, ...args], {cwd: project.dir, env: testCredentials});

async function functionLayers(region: string): Promise<string[]> {
	const configuration = await new LambdaClient(clientOptions(moto, region)).send(new GetFunctionConfigurationCommand({FunctionName: 'orders'}));
	return (configuration.Layers ?? []).map(layer => layer.Arn!);
}

async function layerVersions(region: string): Promise<number[]> {
	const listed = await new LambdaClient(clientOptions(moto, region)).send(new ListLayerVersionsCommand({LayerName: 'shipper'}));
	return (listed.LayerVersions ?? []).map(version => version.Version!).sort();
}

beforeEach(async () => {
	await moto.reset();
	await createRole(moto, 'orders-role');
	project = await makeProject();
	// Another layer the config lists, in each region: it keeps its place.
	for (const region of regions) {
		await new LambdaClient(clientOptions(moto, region)).send(new PublishLayerVersionCommand({LayerName: 'other', Content: {ZipFile: zipEntries([{name: 'lib/x', data: Buffer.from('x'), mode: 0o644}])}}));
	}

	await project.writeConfig(config('["arn:aws:lambda:{region}:{account}:layer:other:1"]'));
});

afterEach(async () => {
	await project.remove();
});

describe('deploy of a function with a companion external extension', () => {
	it('publishes the layer in each region and attaches that version; a rerun changes nothing; a new extension replaces the version in place', async () => {
		await writeBuilt('fn1', 'ext1');
		const first = await deploy('--yes');
		expect(first.exitCode).toBe(0);
		for (const region of regions) {
			expect(first.stdout).toContain(`✔ ${region}: layer shipper: published arn:aws:lambda:${region}:123456789012:layer:shipper:1`);
			expect(await functionLayers(region)).toEqual([`arn:aws:lambda:${region}:123456789012:layer:other:1`, `arn:aws:lambda:${region}:123456789012:layer:shipper:1`]);
		}

		await moto.record();
		const again = await deploy('--yes', '--json');
		expect(again.exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
		const summary = JSON.parse(again.stdout) as {layer: {regions: Array<{layerVersionArn: string; published: boolean}>}};
		expect(summary.layer.regions.map(region => [region.layerVersionArn, region.published])).toEqual(regions.map(region => [`arn:aws:lambda:${region}:123456789012:layer:shipper:1`, false]));

		// The config lists the extension's layer first: the new version takes that place.
		await project.writeConfig(config('["arn:aws:lambda:{region}:{account}:layer:shipper:1", "arn:aws:lambda:{region}:{account}:layer:other:1"]'));
		await writeBuilt('fn1', 'ext2');
		const changed = await deploy('--yes');
		expect(changed.exitCode).toBe(0);
		for (const region of regions) {
			expect(await layerVersions(region)).toEqual([1, 2]);
			expect(await functionLayers(region)).toEqual([`arn:aws:lambda:${region}:123456789012:layer:shipper:2`, `arn:aws:lambda:${region}:123456789012:layer:other:1`]);
		}
	});

	it('publishes no layer where the function could not be read: that region is not deployed', async () => {
		await writeBuilt('fn1', 'ext1');
		// The function's reads in eu-west-1 are refused (credentials without lambda:GetFunction there); the layer's are not.
		const server = createServer(async (request, response) => {
			const body = await bodyOf(request);
			if (request.method === 'GET' && (request.url ?? '').startsWith('/2015-03-31/functions/') && String(request.headers.authorization ?? '').includes('/eu-west-1/lambda/')) {
				response.writeHead(403, {'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException'});
				response.end(JSON.stringify({Message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:GetFunction'}));
				return;
			}

			await forward(moto.url, request, body, response);
		});
		const proxy = await listenLocally(server);
		try {
			const result = await runCli(['deploy', '--endpoint-url', proxy.url, '--yes'], {cwd: project.dir, env: testCredentials});
			expect(result.exitCode).toBe(1);
			expect(await layerVersions('us-east-1')).toEqual([1]);
			expect(await functionLayers('us-east-1')).toContain('arn:aws:lambda:us-east-1:123456789012:layer:shipper:1');
			expect(await layerVersions('eu-west-1')).toEqual([]);
		} finally {
			await proxy.close();
		}
	});

	it('shows the layer\'s plan and the function carrying its new version in a dry run, changing nothing', async () => {
		await writeBuilt('fn1', 'ext1');
		await moto.record();
		const result = await deploy('--dry-run', '--region', 'us-east-1');
		expect(result.exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(result.stdout).toContain('$ aws lambda publish-layer-version --layer-name shipper');
		expect(result.stdout).toContain('"arn:aws:lambda:us-east-1:123456789012:layer:other:1","arn:aws:lambda:us-east-1:<account>:layer:shipper:<new version>"');
	});

	it('refuses a function with 5 other layers before publishing anything', async () => {
		await project.writeConfig(config(JSON.stringify([1, 2, 3, 4, 5].map(index => `arn:aws:lambda:{region}:{account}:layer:l${index}:1`))));
		await writeBuilt('fn1', 'ext1');
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('function.layers: leaves no room for the extension\'s layer shipper: it has 5 layers already, and Lambda takes at most 5 per function');
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('refuses, before publishing anything, a function and extension over Lambda\'s 250 MB unzipped together', async () => {
		await writeBuilt('fn1', 'ext1');
		// 130 MB of zeros in each zip: a few hundred KB zipped, 260 MB unzipped together, each under the limit alone.
		const bulk = Buffer.alloc(130 * 1024 * 1024);
		await writeFile(join(project.dir, 'target/lambda/orders/bootstrap.zip'), zipEntries([{name: 'bootstrap', data: Buffer.from('fn1'), mode: 0o755}, {name: 'assets.bin', data: bulk, mode: 0o644}]));
		await writeFile(join(project.dir, 'target/lambda/extensions/shipper.zip'), zipEntries([{name: 'extensions/shipper', data: Buffer.from('ext1'), mode: 0o755}, {name: 'lib/assets.bin', data: bulk, mode: 0o644}]));
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('The extension\'s layer shipper cannot go on function orders, so nothing was changed:');
		for (const region of regions) {
			expect(result.stderr).toContain(`${region}: orders would hold at least 260.0 MB (its code 130.0 MB unzipped, and other layers 0.0 MB as Lambda reports them, zipped, plus layer shipper 130.0 MB), and Lambda allows at most 250.0 MB unzipped for a function and its layers together`);
		}

		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(await layerVersions('us-east-1')).toEqual([]);
	});

	it('stops before any write when the extension\'s zip is not built, and says how to build it', async () => {
		await writeBuilt('fn1', 'ext1');
		await rm(join(project.dir, 'target/lambda/extensions/shipper.zip'));
		await moto.record();
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('target/lambda/extensions/shipper.zip');
		expect(result.stderr).toContain('Build it with `rust-lambda-wizard build`: it builds the function and its extension.');
		expect(awsWrites(await moto.requests())).toEqual([]);
	});
});
