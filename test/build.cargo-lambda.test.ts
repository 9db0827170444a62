// `build` with cargo-lambda: a fake cargo-lambda first on PATH records the exact
// arguments real cargo hands it, and drops a canned zip where cargo-lambda would.
import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {zipEntries} from '../source/tools/zip.js';
import {binPath, runCli} from './support/cli.js';
import {pollUntil} from './support/poll.js';
import {staticRustflags, hostArch, otherArch, useCrateWithFakes} from './support/crate.js';
import {makeFakeTools} from './support/fakes.js';

const setup = useCrateWithFakes('bootstrap');

const targetDir = () => join(setup.crate.dir, 'target');

async function build(config: string, args: string[] = ['--json'], extraEnv: NodeJS.ProcessEnv = {}) {
	await setup.crate.writeConfig(config);
	const before = (await setup.fakes.calls()).length;
	const result = await runCli(['build', ...args], {
		cwd: setup.crate.dir,
		env: {PATH: setup.fakes.path, FAKE_ZIP_SOURCE: setup.cannedZip, ...extraEnv},
	});
	const calls = (await setup.fakes.calls()).slice(before);
	return {...result, calls};
}

const functionConfig = (arch: string) => `[project]\nname = "hello"\narchitecture = "${arch}"\n`;
const extensionConfig = (arch: string) =>
	`[project]\nname = "hello"\nkind = "extension"\narchitecture = "${arch}"\n\n[extension]\nkind = "telemetry"\n`;

describe('build with cargo-lambda', () => {
	it.each([
		['function', 'arm64', 'lambda build --release --arm64 --output-format zip', functionConfig('arm64'), 'hello/bootstrap.zip'],
		['function', 'x86_64', 'lambda build --release --x86-64 --output-format zip', functionConfig('x86_64'), 'hello/bootstrap.zip'],
		['extension', 'arm64', 'lambda build --release --extension --arm64 --output-format zip', extensionConfig('arm64'), 'extensions/hello.zip'],
		['extension', 'x86_64', 'lambda build --release --extension --x86-64 --output-format zip', extensionConfig('x86_64'), 'extensions/hello.zip'],
	])('%s for %s: cargo %s', async (_kind, arch, expected, config, output) => {
		const zipPath = join(targetDir(), 'lambda', output);
		const result = await build(config);
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.calls).toEqual(['lambda --version', expected]);
		const report = JSON.parse(result.stdout) as {architecture: string; builder: string; notes: string[]; artifacts: Array<{path: string; builtWith: string}>};
		expect(report).toMatchObject({architecture: arch, builder: 'cargo-lambda', notes: [], artifacts: [{path: zipPath, builtWith: 'cargo-lambda'}]});
		// The child's output streamed into the task list (stderr under --json).
		expect(result.stderr).toContain('fake build: compiling');
	});

	it('Ctrl-C during the build stops it and what it started, and says so', async () => {
		await setup.crate.writeConfig(functionConfig('arm64'));
		const child = spawn(process.execPath, [binPath, 'build'], {
			cwd: setup.crate.dir,
			env: {...process.env, CI: 'true', NO_COLOR: '1', PATH: setup.fakes.path, FAKE_ZIP_SOURCE: setup.cannedZip, FAKE_BUILD_SLEEP: '60'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', chunk => {
				output += String(chunk);
			});
		}

		const workers = () => spawnSync('pgrep', ['-f', 'fake-build-worker'], {encoding: 'utf8'}).stdout.split('\n').filter(Boolean);
		expect(await pollUntil(workers, running => running.length > 0, 20_000)).not.toEqual([]);
		child.kill('SIGINT');
		const [code] = (await once(child, 'close')) as [number];
		expect(code).toBe(130);
		expect(output).toContain('Interrupted');
		expect(await pollUntil(workers, running => running.length === 0)).toEqual([]);
	});

	it('--arch overrides project.architecture', async () => {
		const result = await build(functionConfig('arm64'), ['--arch', 'x86_64']);
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.calls.at(-1)).toBe('lambda build --release --x86-64 --output-format zip');
		expect(result.stdout).toContain('target/lambda/hello/bootstrap.zip');

		const wrong = await build(functionConfig('arm64'), ['--arch', 'arm']);
		expect(wrong.exitCode).toBe(2);
		expect(wrong.stderr).toContain('--arch');
	});

	it('builds a function with an external extension as two binaries, each picked by name', async () => {
		const config = `${functionConfig('arm64')}kind = "function+extension"\n\n[extension]\nname = "shipper"\nkind = "logs"\n`;
		const result = await build(config);
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.calls).toEqual([
			'lambda --version',
			'lambda build --release --arm64 --output-format zip --bin hello',
			'lambda build --release --extension --arm64 --output-format zip --bin shipper',
		]);
		expect((JSON.parse(result.stdout) as {artifacts: Array<{path: string}>}).artifacts.map(artifact => artifact.path)).toEqual([
			join(targetDir(), 'lambda', 'hello', 'bootstrap.zip'),
			join(targetDir(), 'lambda', 'extensions', 'shipper.zip'),
		]);
	});

	it('stops at a zip Lambda would refuse: over 250 MB unzipped', async () => {
		// A small zip whose directory says its entry unzips to 300 MB: the check reads the directory, as Lambda does.
		const huge = Buffer.from(zipEntries([{name: 'bootstrap', data: Buffer.from('x'), mode: 0o755}]));
		const directory = huge.readUInt32LE(huge.length - 6);
		huge.writeUInt32LE(300 * 1024 * 1024, directory + 24);
		const hugePath = join(setup.crate.dir, 'huge.zip');
		await writeFile(hugePath, huge);
		const zipPath = join(targetDir(), 'lambda', 'hello', 'bootstrap.zip');
		const result = await build(functionConfig('arm64'), [], {FAKE_ZIP_SOURCE: hugePath});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(`${zipPath} unzips to 300.0 MB; Lambda allows at most 250.0 MB unzipped`);
		expect(result.stderr).toContain('fix: Make the binary smaller');
	});

	it('without zig, builds this machine\'s architecture with plain cargo (cargo-lambda would stop), and refuses the other one', async () => {
		// cargo-lambda on PATH, zig nowhere (neither on PATH nor as python3 -m ziglang).
		const noZig = await makeFakeTools(join(setup.crate.dir, 'no-zig'), {cargoLambda: true});
		await setup.crate.writeConfig(functionConfig(hostArch));
		const native = await runCli(['build', '--json'], {cwd: setup.crate.dir, env: {PATH: noZig.path, RUSTFLAGS: staticRustflags}});
		expect(native.exitCode, native.stderr).toBe(0);
		expect(native.stderr).toContain('zig is not installed (cargo-lambda links with it): will build with plain `cargo build --release`');
		expect(JSON.parse(native.stdout)).toMatchObject({builder: 'cargo', artifacts: [{builtWith: 'cargo'}]});
		expect(await noZig.calls()).toEqual(['lambda --version']);

		await setup.crate.writeConfig(functionConfig(otherArch));
		const cross = await runCli(['build'], {cwd: setup.crate.dir, env: {PATH: noZig.path}});
		expect(cross.exitCode).toBe(1);
		expect(cross.stderr).toContain(`zig is not installed (cargo-lambda links with it), and building for ${otherArch}`);
		expect(cross.stderr).toContain('pip3 install ziglang');
	});

	it('stops when a function and its external extension unzip to over 250 MB together (the extension is one of its layers)', async () => {
		// Each zip's directory says 130 MB: under the limit alone, over it together.
		const big = Buffer.from(zipEntries([{name: 'bootstrap', data: Buffer.from('x'), mode: 0o755}]));
		big.writeUInt32LE(130 * 1024 * 1024, big.readUInt32LE(big.length - 6) + 24);
		const bigPath = join(setup.crate.dir, 'big.zip');
		await writeFile(bigPath, big);
		const config = `${functionConfig('arm64')}kind = "function+extension"\n\n[extension]\nname = "shipper"\nkind = "logs"\n`;
		const result = await build(config, [], {FAKE_ZIP_SOURCE: bigPath});
		expect(result.exitCode).toBe(1);
		const functionZip = join(targetDir(), 'lambda', 'hello', 'bootstrap.zip');
		const extensionZip = join(targetDir(), 'lambda', 'extensions', 'shipper.zip');
		expect(result.stderr).toContain(`${functionZip} and ${extensionZip} unzip to 260.0 MB together; Lambda allows at most 250.0 MB unzipped for a function and its layers`);

		// Alone, the function is within the limit.
		expect((await build(functionConfig('arm64'), [], {FAKE_ZIP_SOURCE: bigPath})).exitCode).toBe(0);
	});

	it('shows the last lines and the command to rerun when cargo lambda fails', async () => {
		const result = await build(functionConfig('arm64'), [], {FAKE_BUILD_FAIL: '1'});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('cargo lambda build --release --arm64 --output-format zip exited with code 101 (its output is above).');
		// Printed as it came, and not again in the failure.
		expect((result.stdout + result.stderr).split('error[E0425]: cannot find value `x` in this scope')).toHaveLength(2);
		expect(result.stderr).toContain(`cd ${setup.crate.dir} && cargo lambda build --release --arm64 --output-format zip`);
	});
});
