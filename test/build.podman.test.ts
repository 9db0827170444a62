// `build` for packaging = "image": the fixture's static binary, copied into a
// FROM scratch image by real podman, found afterwards in the local image store.
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from './support/cli.js';
import {copyCrate, staticRustflags, hostArch, podmanConfigDir, type CrateCopy} from './support/crate.js';
import {makeFakeTools} from './support/fakes.js';
import {startRegistry} from './support/registry.js';
import {containerTool} from '../source/tools/container.js';

const podmanEnv: Record<string, string> = {
	CONTAINERS_CONF: join(podmanConfigDir, 'containers.conf'),
	CONTAINERS_REGISTRIES_CONF: join(podmanConfigDir, 'registries.conf'),
};
const podman = (...args: string[]) => execFileSync('podman', args, {encoding: 'utf8', env: {...process.env, ...podmanEnv}}).trim();

const repository = `rlw-test-hello-${process.pid}`;
const tag = `${repository}:${hostArch}`;
let crate: CrateCopy;
beforeAll(async () => {
	podman('--version'); // fails loudly when podman is missing (npm test installs it first)
	crate = await copyCrate();
	// docker without an engine first on PATH, whatever this machine has: the choice of podman is then certain.
	podmanEnv['PATH'] = (await makeFakeTools(crate.dir, {dockerWithoutEngine: true})).path;
	// The lambda-base variant of the generated Dockerfile, on scratch: no base image to pull offline.
	await crate.write('Dockerfile', 'FROM scratch\nCOPY target/lambda/hello/bootstrap /var/runtime/bootstrap\nENTRYPOINT ["/var/runtime/bootstrap"]\n');
	await crate.writeConfig(`[project]\nname = "hello"\npackaging = "image"\narchitecture = "${hostArch}"\n\n[image]\nrepository = "${repository}"\nbase = "lambda-base"\n`);
});
afterAll(async () => {
	try {
		podman('rmi', '--force', tag);
	} catch {
		// Not built: nothing to remove.
	}

	await crate?.remove();
});

describe('build an image', () => {
	it('builds the binary, then the image with podman when docker\'s engine does not answer, tagged per architecture', async () => {
		const result = await runCli(['build', '--json'], {cwd: crate.dir, env: {...podmanEnv, RUSTFLAGS: staticRustflags}});
		expect(result.exitCode, result.stderr).toBe(0);
		const report = JSON.parse(result.stdout) as {artifacts: Array<Record<string, unknown>>};
		const platform = hostArch === 'arm64' ? 'linux/arm64' : 'linux/amd64';
		expect(report.artifacts).toMatchObject([
			{kind: 'binary', path: join(crate.dir, 'target', 'lambda', 'hello', 'bootstrap'), builtWith: 'cargo'},
			{kind: 'image', tag, platform, builtWith: 'podman'},
		]);
		// podman's build output streamed through the task list.
		expect(result.stderr).toContain('COPY target/lambda/hello/bootstrap /var/runtime/bootstrap');

		// In the local image store, for the right platform, with the binary as its entrypoint.
		expect(podman('images', '--format', '{{.Repository}}:{{.Tag}}')).toContain(`localhost/${tag}`);
		const [architecture, entrypoint, size] = podman('image', 'inspect', '--format', '{{.Architecture}}|{{json .Config.Entrypoint}}|{{.Size}}', tag).split('|');
		expect(architecture).toBe(platform.split('/')[1]);
		expect(entrypoint).toBe('["/var/runtime/bootstrap"]');
		expect(report.artifacts[1]!['bytes']).toBe(Number(size));
	});

	it('builds a multi-stage image without compiling first, and shows podman\'s last lines when it fails', async () => {
		const other = await copyCrate();
		try {
			// multi-stage (the default base) compiles inside the image: no cargo step; a missing Dockerfile fails in podman.
			await other.writeConfig(`[project]\nname = "hello"\npackaging = "image"\narchitecture = "${hostArch}"\n\n[image]\nrepository = "${repository}-missing"\ndockerfile = "Missing.Dockerfile"\n`);
			const result = await runCli(['build'], {cwd: other.dir, env: podmanEnv});
			expect(result.exitCode).toBe(1);
			expect(result.stdout).not.toContain('cargo');
			expect(result.stderr).toMatch(/podman build --platform linux\/(amd64|arm64) --tag rlw-test-hello-\d+-missing:\w+ --file Missing.Dockerfile \. exited with code \d+ \(its output is above\)/);
			// podman's own error, printed as it came and not again in the failure.
			expect((result.stdout + result.stderr).match(/^› Error/gm)).toHaveLength(1);
			expect(result.stderr).not.toContain('│');
			expect(result.stderr).toContain(`cd ${other.dir} && podman build`);
		} finally {
			await other.remove();
		}
	});

	it('builds each architecture\'s image for its platform, even when podman\'s cache hands back the other one', async () => {
		const both = await copyCrate();
		const name = `${repository}-both`;
		try {
			// The same steps for both platforms: podman's layer cache would give the first image to the second build.
			await both.write('Dockerfile', 'FROM scratch\nCOPY Cargo.toml /Cargo.toml\n');
			await both.writeConfig(`[project]\nname = "hello"\npackaging = "image"\narchitecture = "arm64"\n\n[image]\nrepository = "${name}"\n`);
			const arm = await runCli(['build'], {cwd: both.dir, env: podmanEnv});
			expect(arm.exitCode, arm.stderr).toBe(0);
			const amd = await runCli(['build', '--arch', 'x86_64'], {cwd: both.dir, env: podmanEnv});
			expect(amd.exitCode, amd.stderr).toBe(0);
			expect(podman('image', 'inspect', '--format', '{{.Architecture}}', `${name}:arm64`)).toBe('arm64');
			expect(podman('image', 'inspect', '--format', '{{.Architecture}}', `${name}:x86_64`)).toBe('amd64');
			expect(amd.stdout).toContain(`Built image ${name}:x86_64 (linux/amd64)`);
			// When the cache did hand back the arm64 image, the build said so and ran again without it.
			if (amd.stdout.includes('Using cache')) {
				expect(amd.stdout).toContain('podman gave back a cached arm64 image; building again without the cache');
			}
		} finally {
			for (const arch of ['arm64', 'x86_64']) {
				try {
					podman('rmi', '--force', `${name}:${arch}`);
				} catch {
					// Not built.
				}
			}

			await both.remove();
		}
	});

	it('the container adapter tags, logs in with the password on stdin, and pushes to a registry', async () => {
		// What deploy will do with ECR, against a real local registry (plain HTTP, so --tls-verify=false).
		const registry = await startRegistry();
		try {
			const env = {...process.env, ...podmanEnv, REGISTRY_AUTH_FILE: join(crate.dir, 'auth.json')};
			const tool = containerTool('podman', env);
			expect(await tool.imageExists(tag)).toBe(true);
			const remote = `${registry.host}/${repository}:${hostArch}`;
			await tool.tag(tag, remote);
			await tool.login(registry.host, {username: 'AWS', password: 'not-on-the-command-line', insecure: true});
			const lines: string[] = [];
			await tool.push(remote, {insecure: true, onLine: line => lines.push(line)});
			expect(await registry.tags(repository)).toEqual([hostArch]);
			expect(lines.join('\n')).toMatch(/Writing manifest|Copying/);
			podman('rmi', remote);
		} finally {
			await registry.stop();
		}
	});
});
