// `build` then `deploy` of an image function, for real: the fixture's static
// binary in a FROM scratch image built by podman, pushed to a real local
// registry, and the function made in moto (Lambda and ECR, two regions). moto's
// ECR has no registry of its own, so --registry points the pushes at the local
// one, as it would at LocalStack's. The ECR password must never be a process
// argument, nor appear in what deploy prints.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {setImmediate as yieldToEvents} from 'node:timers/promises';
import {DescribeRepositoriesCommand, ECRClient} from '@aws-sdk/client-ecr';
import {GetFunctionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {copyCrate, staticRustflags, hostArch, podmanConfigDir, type CrateCopy} from './support/crate.js';
import {makeFakeTools, type FakeTools} from './support/fakes.js';
import {awsWrites, describeRequest, freePort, startMoto, type Moto} from './support/moto.js';
import {startRegistry, type Registry} from './support/registry.js';

// moto's GetAuthorizationToken gives "AWS:<account>-auth-token".
const password = '123456789012-auth-token';
const regions = ['us-east-1', 'eu-west-1'];
const repository = `rlw-test-deploy-${process.pid}`;
const localTag = `${repository}:${hostArch}`;
const podmanEnv: Record<string, string> = {
	CONTAINERS_CONF: join(podmanConfigDir, 'containers.conf'),
	CONTAINERS_REGISTRIES_CONF: join(podmanConfigDir, 'registries.conf'),
};
const podman = (...args: string[]) => execFileSync('podman', args, {encoding: 'utf8', env: {...process.env, ...podmanEnv}}).trim();

let moto: Moto;
let registry: Registry;
let crate: CrateCopy;
let tools: FakeTools;
let env: Record<string, string>;

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--registry', `http://${registry.host}`, ...args], {cwd: crate.dir, env});
const clientOptions = (region: string) => ({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});

/** Every command line any process shows while `work` runs: what `ps` would let another user of the machine see. */
async function watchCommandLines<T>(work: Promise<T>): Promise<{result: T; seen: Set<string>}> {
	const seen = new Set<string>();
	let done = false;
	const finished = work.finally(() => {
		done = true;
	});
	while (!done) {
		for (const entry of readdirSync('/proc')) {
			if (/^\d+$/.test(entry)) {
				try {
					seen.add(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
				} catch {
					// The process ended meanwhile.
				}
			}
		}

		await yieldToEvents();
	}

	return {result: await finished, seen};
}

beforeAll(async () => {
	podman('--version'); // fails loudly when podman is missing (npm test installs it first)
	[moto, registry, crate] = await Promise.all([startMoto(), startRegistry(), copyCrate()]);
	// docker without an engine first on PATH, so podman is chosen; podman itself behind a shim that writes down its arguments.
	tools = await makeFakeTools(crate.dir, {dockerWithoutEngine: true, recordPodman: execFileSync('sh', ['-c', 'command -v podman'], {encoding: 'utf8'}).trim()});
	env = {...testCredentials, ...podmanEnv, PATH: tools.path, RUSTFLAGS: staticRustflags, REGISTRY_AUTH_FILE: join(crate.dir, 'auth.json')};
	await crate.write('Dockerfile', 'FROM scratch\nCOPY target/lambda/hello/bootstrap /var/runtime/bootstrap\nENTRYPOINT ["/var/runtime/bootstrap"]\n');
	await crate.writeConfig(`[project]\nname = "hello"\npackaging = "image"\narchitecture = "${hostArch}"\n\n[image]\nrepository = "${repository}"\nbase = "lambda-base"\n\n[deploy]\nregions = ["us-east-1", "eu-west-1"]\n`);
	const built = await runCli(['build'], {cwd: crate.dir, env});
	expect(built.exitCode, built.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
	for (const image of [localTag, `${registry?.host}/${localTag}`]) {
		try {
			podman('rmi', '--force', image);
		} catch {
			// Not there: nothing to remove.
		}
	}

	await Promise.all([moto?.stop(), registry?.stop(), crate?.remove()]);
});

async function functionCode(region: string) {
	const found = await new LambdaClient(clientOptions(region)).send(new GetFunctionCommand({FunctionName: 'hello'}));
	return {packageType: found.Configuration?.PackageType, imageUri: found.Code?.ImageUri, architectures: found.Configuration?.Architectures};
}

describe('deploy of an image function (podman, a local registry, moto)', () => {
	it('makes the ECR repositories, pushes the image, and creates the function by digest in every region, the password never shown', async () => {
		const {result, seen} = await watchCommandLines(deploy('--yes'));
		expect(result.exitCode, result.stderr).toBe(0);
		for (const region of regions) {
			expect(result.stdout).toContain(`✔ ${region}: hello: 5 created (alias live → version 1)`);
		}

		// The registry has the image; the function runs exactly that manifest, named by digest.
		expect(await registry.tags(repository)).toEqual([hostArch]);
		const digest = await registry.digest(repository, hostArch);
		expect(digest).toMatch(/^sha256:[a-f\d]{64}$/);
		for (const region of regions) {
			expect(await functionCode(region)).toEqual({packageType: 'Image', imageUri: `${registry.host}/${repository}@${digest}`, architectures: [hostArch]});
			const repositories = await new ECRClient(clientOptions(region)).send(new DescribeRepositoriesCommand({repositoryNames: [repository]}));
			expect(repositories.repositories?.map(found => found.repositoryName)).toEqual([repository]);
		}

		// Logged in with the password on standard input: not in podman's arguments, nor any process's, nor the output.
		const podmanCalls = (await tools.calls()).filter(call => call.startsWith('podman '));
		expect(podmanCalls).toContain(`podman login --username AWS --password-stdin --tls-verify=false ${registry.host}`);
		// Both regions push to the one local registry here: the same reference is pushed once.
		expect(podmanCalls.filter(call => call.startsWith('podman push'))).toHaveLength(1);
		expect(podmanCalls.join('\n')).not.toContain(password);
		expect([...seen].some(line => line.includes('podman push'))).toBe(true);
		expect([...seen].filter(line => line.includes(password))).toEqual([]);
		expect(result.stdout + result.stderr).not.toContain(password);
	});

	it('pushes nothing and writes nothing when the function already runs this image', async () => {
		const before = (await tools.calls()).length;
		await moto.record();
		const again = await deploy('--yes');
		const requests = await moto.requests();
		expect(again.exitCode, again.stderr).toBe(0);
		expect(again.stdout).toContain('= us-east-1: hello unchanged (alias live → version 1)');
		expect(again.stdout).toContain('= eu-west-1: hello unchanged (alias live → version 1)');
		expect(requests.map(describeRequest)).toContain('DescribeRepositories');
		expect(awsWrites(requests)).toEqual([]);
		expect((await tools.calls()).slice(before).filter(call => / (push|login|tag) /.test(call))).toEqual([]);
	});

	it('pushes a rebuilt image and moves the function to its new digest', async () => {
		const old = await registry.digest(repository, hostArch);
		await crate.write('Dockerfile', 'FROM scratch\nCOPY target/lambda/hello/bootstrap /var/runtime/bootstrap\nENV RUST_LOG=debug\nENTRYPOINT ["/var/runtime/bootstrap"]\n');
		expect((await runCli(['build'], {cwd: crate.dir, env})).exitCode).toBe(0);

		await moto.record();
		const result = await deploy('--yes');
		const writes = awsWrites(await moto.requests()).map(describeRequest);
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.stdout).toContain('✔ us-east-1: hello: 2 created, 2 updated, 2 unchanged (alias live → version 2)');
		const digest = await registry.digest(repository, hostArch);
		expect(digest).not.toBe(old);
		for (const region of regions) {
			expect((await functionCode(region)).imageUri).toBe(`${registry.host}/${repository}@${digest}`);
		}

		// Per region: the code, a version, the alias; no repository is created again.
		expect(writes.filter(write => write === 'CreateRepository')).toEqual([]);
		expect(writes.filter(write => write.endsWith('/code'))).toHaveLength(2);
	});

	it('--dry-run shows the push and its docker equivalent, and changes nothing', async () => {
		await crate.write('Dockerfile', 'FROM scratch\nCOPY target/lambda/hello/bootstrap /var/runtime/bootstrap\nENV RUST_LOG=info\nENTRYPOINT ["/var/runtime/bootstrap"]\n');
		expect((await runCli(['build'], {cwd: crate.dir, env})).exitCode).toBe(0);
		const before = (await tools.calls()).length;
		await moto.record();
		const preview = await deploy('--dry-run');
		expect(preview.exitCode, preview.stderr).toBe(0);
		expect(preview.stdout).toContain(`+ create  Push image ${localTag} to ${registry.host}/${repository}`);
		expect(preview.stdout).toContain(`$ aws ecr get-login-password --region eu-west-1 --endpoint-url ${moto.url} | docker login --username AWS --password-stdin ${registry.host} && docker tag ${localTag} ${registry.host}/${localTag} && docker push ${registry.host}/${localTag}`);
		expect(preview.stdout).toContain("--image-uri '<pushed image URI>'");
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect((await tools.calls()).slice(before).filter(call => / (push|login|tag) /.test(call))).toEqual([]);
		expect(preview.stdout + preview.stderr).not.toContain(password);
	});

	it('deploys a given --image by tag, pinned to its digest', async () => {
		const digest = await registry.digest(repository, hostArch);
		const result = await deploy('--yes', '--region', 'us-east-1', '--image', `${registry.host}/${repository}:${hostArch}`);
		expect(result.exitCode, result.stderr).toBe(0);
		// The tag still holds the image of the previous deploy: nothing to change.
		expect(result.stdout).toContain('= us-east-1: hello unchanged (alias live → version 2)');
		expect((await functionCode('us-east-1')).imageUri).toBe(`${registry.host}/${repository}@${digest}`);
	});

	it('says how to build the image when it is not in the local store, before any AWS call', async () => {
		await crate.write('missing.toml', `[project]\nname = "hello"\npackaging = "image"\narchitecture = "${hostArch}"\n\n[image]\nrepository = "${repository}-never-built"\n`);
		await moto.record();
		const result = await deploy('--yes', '--config', 'missing.toml');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(`There is no image ${repository}-never-built:${hostArch} in podman's local image store.`);
		expect(result.stderr).toContain('Build it with `rust-lambda-wizard build`');
		expect(await moto.requests()).toEqual([]);
	});

	it('a login that fails beside the emulator says to use --registry, on the command line to run again, and that line works', async () => {
		// The Dockerfile changed since the last deploy: the image is pushed again, so the login runs.
		const base = ['--region', 'us-east-1', '--endpoint-url', moto.url, '--yes'];
		// Without --registry, moto's ECR names ECR's real host, where no registry answers for it.
		const unset = await runCli(['deploy', ...base], {cwd: crate.dir, env});
		expect(unset.exitCode).toBe(1);
		expect(unset.stdout).toContain('✖ us-east-1: hello failed after 0 change(s): podman could not log in to 123456789012.dkr.ecr.us-east-1.amazonaws.com: Error: ');
		const fix = unset.stdout.split('\n').find(line => line.startsWith('    fix: '))!;
		expect(fix).toContain(`The emulator at ${moto.url} names ECR's real host, where it runs no registry`);
		expect(fix).toMatch(new RegExp(` deploy --region us-east-1 --endpoint-url ${moto.url} --yes --registry http://127\\.0\\.0\\.1:5001$`));

		// A --registry where nothing answers: the same kind of fix, never a login by hand (it would wait on standard input for a password).
		const closed = `127.0.0.1:${await freePort()}`;
		const refused = await runCli(['deploy', ...base, '--registry', `http://${closed}`], {cwd: crate.dir, env});
		expect(refused.exitCode).toBe(1);
		expect(refused.stdout).toContain(`podman could not log in to ${closed}: Error: `);
		expect(refused.stdout).toMatch(new RegExp(`    fix: Check that a registry answers at http://${closed} \\(curl http://${closed}/v2/\\), or point --registry at one that does, then run again: .+ deploy --region us-east-1 --endpoint-url ${moto.url} --yes --registry http://${closed}\n`));
		expect(unset.stdout + unset.stderr + refused.stdout + refused.stderr).not.toMatch(/podman login/);

		// The line it gives, with this test's registry for the example's, deploys.
		const words = fix.slice(fix.lastIndexOf(' deploy ') + 1).replace('http://127.0.0.1:5001', `http://${registry.host}`).split(' ');
		const again = await runCli(words, {cwd: crate.dir, env});
		expect(again.exitCode, again.stdout + again.stderr).toBe(0);
		expect(again.stdout).toContain('✔ us-east-1: hello: ');
		expect((await functionCode('us-east-1')).imageUri).toBe(`${registry.host}/${repository}@${await registry.digest(repository, hostArch)}`);
	});
});
