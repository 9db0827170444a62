// The built CLI deploying a ZIP function to a real moto server.
import {GetAliasCommand, GetFunctionCommand, LambdaClient, ListVersionsByFunctionCommand} from '@aws-sdk/client-lambda';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {codeSha256} from '../source/tools/files.js';
import {zipEntries} from '../source/tools/zip.js';
import {elfHead} from './support/elf.js';
import {clientOptions as awsClientOptions, createRole} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, useMoto} from './support/moto.js';
import {staticRustflags, hostArch, fixtureDir} from './support/crate.js';
import {makeProject, type TestProject} from './support/project.js';
import {mediaTypes, startFakeRegistry} from './support/fake-registry.js';
import {cp, mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';

const moto = useMoto();
let project: TestProject;
let roleArn: string;

const clientOptions = () => awsClientOptions(moto);

const config = (extra = '') => `
[project]
name = "orders"
architecture = "arm64"

[function]
memory = 256
timeout = 30
role = "arn:aws:iam::{account}:role/orders-role"
environment = { RUST_LOG = "info", STAGE = "test" }

[deploy]
regions = ["us-east-1"]
alias = "live"
${extra}`;

const deploy = (...args: string[]) =>
	runCli(['deploy', '--endpoint-url', moto.url, ...args], {cwd: project.dir, env: testCredentials});

async function lambdaState(region = 'us-east-1') {
	const lambda = new LambdaClient({...clientOptions(), region});
	const fn = await lambda.send(new GetFunctionCommand({FunctionName: 'orders'}));
	const versions = await lambda.send(new ListVersionsByFunctionCommand({FunctionName: 'orders'}));
	const alias = await lambda.send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}));
	return {configuration: fn.Configuration!, versions: versions.Versions!.filter(v => v.Version !== '$LATEST'), alias};
}

beforeEach(async () => {
	await moto.reset();
	roleArn = await createRole(moto, 'orders-role');
	project = await makeProject();
	await project.writeConfig(config());
});

afterEach(async () => {
	await project.remove();
});

describe('deploy of a ZIP function against moto', () => {
	it('creates the function with the configured settings, a version and the alias', async () => {
		const zip = await project.writeZip('v1');
		const result = await deploy('--yes', '--zip', zip);
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('us-east-1: orders: 3 created (alias live → version 1)');

		const {configuration, versions, alias} = await lambdaState();
		expect(configuration).toMatchObject({
			MemorySize: 256,
			Timeout: 30,
			Architectures: ['arm64'],
			Runtime: 'provided.al2023',
			Handler: 'bootstrap',
			Role: roleArn,
			PackageType: 'Zip',
			Environment: {Variables: {RUST_LOG: 'info', STAGE: 'test'}},
			CodeSha256: codeSha256(await readFile(zip)),
		});
		expect(versions.map(v => v.Version)).toEqual(['1']);
		expect(alias.FunctionVersion).toBe('1');
	});

	it('reports no-op on an identical second run and makes no write call', async () => {
		const zip = await project.writeZip('v1');
		expect((await deploy('--yes', '--zip', zip)).exitCode).toBe(0);

		await moto.record();
		const again = await deploy('--yes', '--zip', zip);
		const requests = await moto.requests();
		expect(again.exitCode).toBe(0);
		expect(again.stdout).toContain('us-east-1: orders unchanged (alias live → version 1)');
		expect(requests.length).toBeGreaterThan(0);
		expect(awsWrites(requests)).toEqual([]);
		expect((await lambdaState()).versions).toHaveLength(1);
	});

	it('updates the code, publishes a new version and moves the alias when the zip changes', async () => {
		expect((await deploy('--yes', '--zip', await project.writeZip('v1'))).exitCode).toBe(0);
		const changed = await project.writeZip('v2', 'changed.zip');

		await moto.record();
		const result = await deploy('--yes', '--zip', changed);
		const writes = awsWrites(await moto.requests());
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Update code of orders');
		expect(result.stdout).not.toContain('Update configuration of orders\n');
		// Only the code upload, the publish and the alias move: configuration is untouched.
		expect(writes.map(request => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
			'PUT /2015-03-31/functions/orders/code',
			'POST /2015-03-31/functions/orders/versions',
			'PUT /2015-03-31/functions/orders/aliases/live',
		]);

		const {configuration, versions, alias} = await lambdaState();
		expect(configuration.CodeSha256).toBe(codeSha256(await readFile(changed)));
		expect(versions.map(v => v.Version)).toEqual(['1', '2']);
		expect(alias.FunctionVersion).toBe('2');
	});

	it('updates only the configuration when a flag changes it', async () => {
		const zip = await project.writeZip('v1');
		expect((await deploy('--yes', '--zip', zip)).exitCode).toBe(0);
		const result = await deploy('--yes', '--zip', zip, '--memory', '1024');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('memory 256 MB → 1024 MB');
		const {configuration, alias} = await lambdaState();
		expect(configuration.MemorySize).toBe(1024);
		expect(alias.FunctionVersion).toBe('2');
	});

	it('--dry-run prints the plan and aws commands and changes nothing', async () => {
		const zip = await project.writeZip('v1');
		await moto.record();
		const result = await deploy('--dry-run', '--zip', zip);
		const requests = await moto.requests();
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('+ create  Create function orders');
		expect(result.stdout).toMatch(/\$ aws lambda create-function --function-name orders --package-type Zip --architectures '\["arm64"\]' .*--memory-size 256 --timeout 30 .*--zip-file fileb:\/\/\S+function\.zip --region us-east-1 --endpoint-url http/);
		expect(result.stdout).toContain('$ aws lambda publish-version --function-name orders');
		expect(result.stdout).toContain('$ aws lambda create-alias --function-name orders --name live');
		expect(result.stdout).toContain('Dry run: nothing was changed.');
		expect(awsWrites(requests)).toEqual([]);
		const lambda = new LambdaClient(clientOptions());
		await expect(lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});

	it('--dry-run after a deploy shows update and no-op per action', async () => {
		expect((await deploy('--yes', '--zip', await project.writeZip('v1'))).exitCode).toBe(0);
		const result = await deploy('--dry-run', '--zip', await project.writeZip('v2', 'v2.zip'), '--timeout', '60');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('~ update  Update code of orders');
		expect(result.stdout).toContain('~ update  Update configuration of orders');
		expect(result.stdout).toContain('timeout 30 s → 60 s');
		expect(result.stdout).toContain('$ aws lambda update-function-code --function-name orders');
		expect(result.stdout).toContain('$ aws lambda update-alias --function-name orders --name live');
		expect((await lambdaState()).configuration.Timeout).toBe(30);
	});

	it('--json --dry-run prints the plan as JSON only', async () => {
		const result = await deploy('--dry-run', '--json', '--zip', await project.writeZip('v1'));
		expect(result.exitCode).toBe(0);
		const plan = JSON.parse(result.stdout) as {dryRun: boolean; regions: Array<{region: string; actions: Array<{change: string; awsCommand: string | null}>}>};
		expect(plan.dryRun).toBe(true);
		expect(plan.regions[0]!.region).toBe('us-east-1');
		expect(plan.regions[0]!.actions.map(action => action.change)).toEqual(['create', 'create', 'create']);
		expect(plan.regions[0]!.actions[0]!.awsCommand).toMatch(/^aws lambda create-function /);
	});

	it('--json prints the final summary as JSON', async () => {
		const result = await deploy('--yes', '--json', '--zip', await project.writeZip('v1'));
		expect(result.exitCode).toBe(0);
		const summary = JSON.parse(result.stdout) as {ok: boolean; regions: Array<{region: string; status: string; version: string; created: string[]}>};
		expect(summary.ok).toBe(true);
		expect(summary.regions[0]).toMatchObject({invoke: 'aws lambda invoke --function-name orders:live --region us-east-1 response.json'});
		expect(summary.regions).toEqual([expect.objectContaining({region: 'us-east-1', status: 'changed', version: '1'})]);
		expect(summary.regions[0]!.created).toHaveLength(3);
	});

	it('says the function\'s and the alias\'s ARNs as Lambda reports them, per region, when it creates, changes and leaves the function', async () => {
		await project.writeConfig(config().replace('regions = ["us-east-1"]', 'regions = ["us-east-1", "eu-west-1"]'));
		const created = await deploy('--yes', '--zip', await project.writeZip('v1'));
		expect(created.exitCode, created.stderr).toBe(0);
		const arns = new Map<string, {functionArn: string; aliasArn: string}>();
		for (const region of ['us-east-1', 'eu-west-1']) {
			const {configuration, alias} = await lambdaState(region);
			// The unqualified ARN, with the account moto answers: nothing filled in by the tool.
			expect(configuration.FunctionArn).toBe(`arn:aws:lambda:${region}:123456789012:function:orders`);
			arns.set(region, {functionArn: configuration.FunctionArn!, aliasArn: alias.AliasArn!});
			expect(created.stdout).toContain(`    function ARN: ${configuration.FunctionArn!}\n    alias ARN:    ${alias.AliasArn!}  (what triggers call)\n`);
		}

		// A changed config (the function is read, not made) and an unchanged one (nothing runs): the same ARNs, in the JSON too.
		await project.writeConfig(config().replace('regions = ["us-east-1"]', 'regions = ["us-east-1", "eu-west-1"]').replace('memory = 256', 'memory = 512'));
		const changed = await deploy('--yes', '--json', '--zip', await project.writeZip('v1'));
		const unchanged = await deploy('--yes', '--json', '--zip', await project.writeZip('v1'));
		for (const result of [changed, unchanged]) {
			expect(result.exitCode, result.stderr).toBe(0);
			const summary = JSON.parse(result.stdout) as {regions: Array<{region: string; functionArn: string; aliasArn: string}>};
			expect(summary.regions.map(({region, functionArn, aliasArn}) => ({region, functionArn, aliasArn})))
				.toEqual(['us-east-1', 'eu-west-1'].map(region => ({region, ...arns.get(region)})));
		}
	});

	it('deploys to every region in one run, concurrently, with {region}-filled ARNs', async () => {
		await project.writeConfig(config().replace('regions = ["us-east-1"]', 'regions = ["us-east-1", "eu-west-1"]'));
		const result = await deploy('--yes', '--zip', await project.writeZip('v1'));
		expect(result.exitCode).toBe(0);
		for (const region of ['us-east-1', 'eu-west-1']) {
			const {configuration, alias} = await lambdaState(region);
			expect(configuration.FunctionArn).toContain(`:${region}:`);
			expect(alias.FunctionVersion).toBe('1');
		}
	});

	it('refuses without a terminal unless --yes is given, and changes nothing', async () => {
		const result = await deploy('--zip', await project.writeZip('v1'));
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('pass --yes');
		const lambda = new LambdaClient(clientOptions());
		await expect(lambda.send(new GetFunctionCommand({FunctionName: 'orders'}))).rejects.toThrow(/not found/i);
	});

	it('says clearly when the zip is missing', async () => {
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('No zip at');
		expect(result.stderr).toContain('target/lambda/orders/bootstrap.zip');
		expect(result.stderr).toContain('rust-lambda-wizard build');
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('finds the zip where build put it: beside the config, or under CARGO_TARGET_DIR', async () => {
		await mkdir(join(project.dir, 'target', 'lambda', 'orders'), {recursive: true});
		await rename(await project.writeZip('v1'), join(project.dir, 'target', 'lambda', 'orders', 'bootstrap.zip'));
		// Run from the parent folder, naming the config: the zip is found next to it, not in the cwd.
		const fromParent = await runCli(['deploy', '--yes', '--endpoint-url', moto.url, '--config', join(basename(project.dir), 'rust-lambda.toml')], {cwd: dirname(project.dir), env: testCredentials});
		expect(fromParent.stderr).toBe('');
		expect(fromParent.exitCode).toBe(0);

		const elsewhere = join(project.dir, 'cargo-target');
		await mkdir(join(elsewhere, 'lambda', 'orders'), {recursive: true});
		await rename(await project.writeZip('v2'), join(elsewhere, 'lambda', 'orders', 'bootstrap.zip'));
		const moved = await runCli(['deploy', '--yes', '--endpoint-url', moto.url], {cwd: project.dir, env: {...testCredentials, CARGO_TARGET_DIR: elsewhere}});
		expect(moved.exitCode).toBe(0);
		expect(moved.stdout).toContain('Update code of orders');
	});

	it('refuses a zip Lambda could not run, before any AWS call', async () => {
		const wrongArch = join(project.dir, 'x86.zip');
		await writeFile(wrongArch, zipEntries([{name: 'bootstrap', data: elfHead(0x3e), mode: 0o755}]));
		const noBootstrap = join(project.dir, 'nested.zip');
		await writeFile(noBootstrap, zipEntries([{name: 'target/lambda/orders/bootstrap', data: elfHead(0xb7), mode: 0o755}]));
		await moto.record();
		const arch = await deploy('--yes', '--zip', wrongArch);
		const nested = await deploy('--yes', '--zip', noBootstrap);
		expect(await moto.requests()).toEqual([]);
		expect(arch.exitCode).toBe(1);
		expect(arch.stderr).toContain('bootstrap is built for x86_64, but project.architecture is arm64');
		expect(nested.exitCode).toBe(1);
		expect(nested.stderr).toContain('has no `bootstrap` at its root');
	});

	it('finds the zip build made in a Cargo workspace member (the workspace\'s target/), and without cargo finds <project>/target', async () => {
		// The workspace root around a member crate: cargo builds into <root>/target, not <member>/target.
		await writeFile(join(project.dir, 'Cargo.toml'), '[workspace]\nmembers = ["hello"]\nresolver = "2"\n');
		const member = join(project.dir, 'hello');
		await cp(fixtureDir, member, {recursive: true});
		await writeFile(join(member, 'rust-lambda.toml'), config().replace('name = "orders"', 'name = "hello"').replace('"arm64"', `"${hostArch}"`));
		// PATH without cargo-lambda: build falls back to plain cargo, for this machine.
		const built = await runCli(['build'], {cwd: member, env: {RUSTFLAGS: staticRustflags}});
		expect(built.exitCode, built.stderr).toBe(0);
		const zipPath = join(project.dir, 'target', 'lambda', 'hello', 'bootstrap.zip');
		expect(built.stdout).toContain('target/lambda/hello/bootstrap.zip');
		const planned = await runCli(['deploy', '--dry-run', '--endpoint-url', moto.url], {cwd: member, env: testCredentials});
		expect(planned.stderr).toBe('');
		expect(planned.exitCode).toBe(0);
		expect(planned.stdout).toContain(`--zip-file fileb://${zipPath} `);

		// A machine with only the prebuilt zip and no cargo: <project>/target, as cargo would default.
		await writeFile(join(project.dir, 'rust-lambda.toml'), config());
		await mkdir(join(project.dir, 'target', 'lambda', 'orders'), {recursive: true});
		await rename(await project.writeZip('v1'), join(project.dir, 'target', 'lambda', 'orders', 'bootstrap.zip'));
		const withoutCargo = await runCli(['deploy', '--dry-run', '--endpoint-url', moto.url], {cwd: project.dir, env: {...testCredentials, PATH: '/usr/bin:/bin'}});
		expect(withoutCargo.stderr).toBe('');
		expect(withoutCargo.exitCode).toBe(0);
		expect(withoutCargo.stdout).toContain(`--zip-file fileb://${join(project.dir, 'target', 'lambda', 'orders', 'bootstrap.zip')} `);
	});

	it('reports an AWS failure per region with a fix and a non-zero exit', async () => {
		await project.writeConfig(config().replace(':role/orders-role', ':role/no-such-role'));
		const result = await deploy('--yes', '--zip', await project.writeZip('v1'));
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toContain('us-east-1: orders failed after 0 change(s)');
		expect(result.stdout).toContain("cannot assume the function's role");
		expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
	});
});

describe('mistakes in where deploy goes, said in the words of the flag or file', () => {
	it.each([
		{case: 'a mistyped --region', file: 'rust-lambda.toml', region: 'us-east-1', args: ['--region', 'us-eest-1'], where: '--region'},
		{case: 'a mistyped region in --config r.toml', file: 'r.toml', region: 'us-eest-1', args: ['--config', 'r.toml'], where: 'r.toml: deploy.regions[0]'},
	])('$case: said as an unknown region, with the one meant, before any AWS call', async ({file, region, args, where}) => {
		await writeFile(join(project.dir, file), config().replace('regions = ["us-east-1"]', `regions = ["${region}"]`));
		await moto.record();
		const result = await deploy('--dry-run', '--zip', await project.writeZip('v1'), ...args);
		expect(result.exitCode).toBe(2);
		expect(result.stdout).not.toContain('to create');
		expect(result.stderr).toContain(`${where}: "us-eest-1" must be an AWS region such as us-east-1 (did you mean us-east-1?)`);
		expect(result.stdout + result.stderr).not.toMatch(/SyntaxError|Deserialization|\$response/);
		expect(await moto.requests()).toEqual([]);
	});

	it('a --profile that is in neither shared file: said before any AWS call', async () => {
		const files = {AWS_CONFIG_FILE: join(project.dir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(project.dir, 'aws-credentials')};
		await writeFile(files.AWS_CONFIG_FILE, '[profile dev]\nregion = us-east-1\n');
		await moto.record();
		const result = await runCli(['deploy', '--endpoint-url', moto.url, '--dry-run', '--zip', await project.writeZip('v1'), '--profile', 'nosuch'], {cwd: project.dir, env: files});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(`error: profile nosuch is not in ${files.AWS_CONFIG_FILE} or ${files.AWS_SHARED_CREDENTIALS_FILE}.`);
		expect(result.stderr).not.toContain('No AWS credentials were found');
		expect(await moto.requests()).toEqual([]);
	});
});

describe('what deploy ships, refused before any AWS change', () => {
	const imageConfig = () => config().replace('architecture = "arm64"', 'architecture = "arm64"\npackaging = "image"');

	it.each([
		{case: '--image for a ZIP project', image: false, args: ['--image', '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:arm64'], exit: 2, message: '--image deploys a container image, but project.packaging is "zip"'},
		{case: '--zip for an image project', image: true, args: ['--zip', 'f.zip'], exit: 2, message: '--zip deploys a ZIP, but project.packaging is "image"'},
		{case: 'a --registry that is not a host', image: true, args: ['--registry', 'http://127.0.0.1:5000/v2/x'], exit: 2, message: '--registry http://127.0.0.1:5000/v2/x: expected a registry host'},
		{case: 'an --image that is not a URI', image: true, args: ['--image', 'orders'], exit: 2, message: '--image orders: expected an image URI'},
		{
			// ECR's login would go to that host: refused before any call, to AWS or to the registry.
			case: 'an --image on a host that is not ECR',
			image: true,
			args: ['--image', 'registry.example.com/orders:arm64'],
			exit: 2,
			message: "registry.example.com is not ECR. Lambda pulls images only from ECR, and deploy sends ECR's login to no other host.",
		},
		{
			case: 'an --image in the ECR registry of another account',
			image: true,
			args: ['--image', '111122223333.dkr.ecr.us-east-1.amazonaws.com/orders:arm64'],
			exit: 1,
			message: 'is in the ECR registry of account 111122223333, not of this account (123456789012)',
		},
		{
			case: 'an --image in ECR of another region',
			image: true,
			args: ['--image', `123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:${'a'.repeat(64)}`],
			exit: 1,
			message: "is in ECR in eu-west-1; Lambda pulls an image only from ECR in the function's own region, and this deploy goes to us-east-1",
		},
	])('$case', async ({image, args, exit, message}) => {
		if (image) {
			await project.writeConfig(imageConfig());
		}

		await moto.record();
		const result = await deploy('--yes', ...args);
		expect(result.exitCode).toBe(exit);
		expect(result.stderr).toContain(message);
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('refuses an --image that is an image index before any Lambda call; sends the login to the --registry host only', async () => {
		await project.writeConfig(imageConfig());
		const registry = await startFakeRegistry();
		try {
			const digest = registry.put('orders', 'arm64', mediaTypes.ociIndex);
			await moto.record();
			const result = await deploy('--yes', '--registry', `http://${registry.host}`, '--image', `${registry.host}/orders@${digest}`);
			expect(result.exitCode).toBe(1);
			expect(result.stderr).toContain(`is an image index (${mediaTypes.ociIndex}), which Lambda does not take`);
			expect(result.stderr).toContain('--provenance=false --sbom=false');
			expect((await moto.requests()).filter(entry => entry.url.includes('/functions'))).toEqual([]);
			expect(registry.requests).toEqual([`GET /v2/orders/manifests/${digest} as AWS`]);
		} finally {
			await registry.stop();
		}
	});

	it('sends nothing to a registry host that is neither ECR nor --registry', async () => {
		await project.writeConfig(imageConfig());
		const registry = await startFakeRegistry();
		try {
			registry.put('orders', 'arm64', mediaTypes.manifest);
			const result = await deploy('--yes', '--image', `${registry.host}/orders:arm64`);
			expect(result.exitCode).toBe(2);
			expect(result.stderr).toContain(`${registry.host} is not ECR`);
			expect(registry.requests).toEqual([]);
		} finally {
			await registry.stop();
		}
	});

	it('deploys an --image given by digest without pushing anything', async () => {
		await project.writeConfig(imageConfig());
		const registry = await startFakeRegistry();
		const uri = `${registry.host}/orders@${registry.put('orders', 'arm64', mediaTypes.manifest)}`;
		const deploy = async (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--registry', `http://${registry.host}`, ...args], {cwd: project.dir, env: testCredentials});
		try {
			const result = await deploy('--yes', '--image', uri);
			expect(result.exitCode, result.stderr).toBe(0);
			expect(result.stdout).toContain('✔ us-east-1: orders: 3 created (alias live → version 1)');
			const fn = await new LambdaClient(clientOptions()).send(new GetFunctionCommand({FunctionName: 'orders'}));
			expect(fn.Configuration).toMatchObject({PackageType: 'Image', Architectures: ['arm64']});
			expect(fn.Code?.ImageUri).toBe(uri);

			// The same again is a no-op; a ZIP deploy to that function is refused with the reason.
			expect((await deploy('--yes', '--image', uri)).stdout).toContain('= us-east-1: orders unchanged');
			await project.writeConfig(config());
			const zipDeploy = await deploy('--yes', '--zip', await project.writeZip('v1'));
			expect(zipDeploy.exitCode).toBe(1);
			expect(zipDeploy.stdout).toContain("is a container image function; Lambda cannot change a function's package type");
		} finally {
			await registry.stop();
		}
	});
});
