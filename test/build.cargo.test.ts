// `build` without cargo-lambda: real cargo builds the fixture crate for this
// machine, and the zip is packaged by us — the same bytes every time.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmod, mkdir, readFile, rm, utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listZip} from '../source/tools/zip.js';
import {binPath, runCli} from './support/cli.js';
import {copyCrate, staticRustflags, hostArch, otherArch, useCrateAndTarget, type CrateCopy} from './support/crate.js';
import {openTerminal, type Terminal} from './support/tmux.js';

// One cargo target folder for the whole file: the crate compiles once, later builds reuse it.
const built = useCrateAndTarget();
let terminal: Terminal | undefined;


async function build(args: string[] = []) {
	return runCli(['build', '--json', ...args], {
		cwd: built.crate.dir,
		// PATH without any fake: this machine has no cargo-lambda, so build must fall back.
		env: {CARGO_TARGET_DIR: built.targetDir, RUSTFLAGS: staticRustflags},
	});
}

interface BuildJson {
	builder: string;
	notes: string[];
	artifacts: Array<{kind: string; path: string; entries: string[]; codeSha256: string; bytes: number; unzippedBytes: number; builtWith: string}>;
}

describe('build with plain cargo (no cargo-lambda)', () => {
	it('zips one executable bootstrap, says it fell back, and gives identical bytes on a second build', async () => {
		await built.crate.writeConfig(`[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
		const first = await build();
		expect(first.stderr).toContain('cargo-lambda is not installed: will build with plain `cargo build --release` for this machine');
		expect(first.exitCode).toBe(0);
		const report = JSON.parse(first.stdout) as BuildJson;
		expect(report.builder).toBe('cargo');
		const zipPath = join(built.targetDir, 'lambda', 'hello', 'bootstrap.zip');
		expect(report.artifacts).toMatchObject([{kind: 'zip', path: zipPath, entries: ['bootstrap'], builtWith: 'cargo'}]);

		const bytes = await readFile(zipPath);
		const entries = listZip(bytes);
		expect(entries.map(entry => entry.name)).toEqual(['bootstrap']);
		expect(entries[0]!.mode & 0o111).toBe(0o111);
		// Python's zipfile reads it too, and the binary in it is the one cargo built.
		const inside = execFileSync('python3', ['-c', 'import hashlib, sys, zipfile; print(hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read("bootstrap")).hexdigest())', zipPath], {encoding: 'utf8'});
		expect(inside.trim()).toBe(createHash('sha256').update(await readFile(join(built.targetDir, 'release', 'hello'))).digest('hex'));

		// Rebuild the crate from clean and give the binary a new timestamp: the zip must not change.
		execFileSync('cargo', ['clean', '--release', '-p', 'hello'], {cwd: built.crate.dir, env: {...process.env, CARGO_TARGET_DIR: built.targetDir}, stdio: 'ignore'});
		await rm(zipPath);
		const second = await build();
		expect(second.exitCode).toBe(0);
		await utimes(join(built.targetDir, 'release', 'hello'), new Date('2031-01-01'), new Date('2031-01-01'));
		const third = await build();
		expect(third.exitCode).toBe(0);
		const again = await readFile(zipPath);
		expect(again.equals(bytes)).toBe(true);
		expect((JSON.parse(second.stdout) as BuildJson).artifacts[0]!.codeSha256).toBe(report.artifacts[0]!.codeSha256);
	});

	it('zips the binary cargo reports, not an old one, when .cargo/config.toml sets [build] target', async () => {
		const triple = execFileSync('rustc', ['-vV'], {encoding: 'utf8'}).match(/^host: (\S+)$/m)![1]!;
		const targeted = await copyCrate();
		try {
			await targeted.writeConfig(`[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
			// cargo then writes <target>/<triple>/release/hello; <target>/release/hello may hold an older build.
			await mkdir(join(targeted.dir, '.cargo'));
			await targeted.write('.cargo/config.toml', `[build]\ntarget = "${triple}"\n`);
			await targeted.write('src/main.rs', 'fn main() { println!("built for its configured target"); }\n');
			const result = await runCli(['build', '--json'], {cwd: targeted.dir, env: {CARGO_TARGET_DIR: built.targetDir, RUSTFLAGS: staticRustflags}});
			expect(result.exitCode, result.stderr).toBe(0);
			const zipPath = join(built.targetDir, 'lambda', 'hello', 'bootstrap.zip');
			// What Lambda would run: the bootstrap in the zip, unpacked and started.
			const unpacked = join(targeted.dir, 'unpacked');
			execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zipPath, unpacked]);
			await chmod(join(unpacked, 'bootstrap'), 0o755);
			expect(execFileSync(join(unpacked, 'bootstrap'), {encoding: 'utf8'})).toBe('built for its configured target\n');
			// cargo's human output still streams into the task list (stderr under --json), its JSON does not.
			expect(result.stderr).toMatch(/Compiling hello v0\.1\.0|Finished/);
			expect(result.stderr).not.toContain('"reason":"compiler-artifact"');
		} finally {
			await targeted.remove();
		}
	});

	it('puts an external extension under extensions/<name>', async () => {
		await built.crate.writeConfig(`[project]\nname = "hello"\nkind = "extension"\narchitecture = "${hostArch}"\n\n[extension]\nkind = "logs"\n`);
		const result = await build();
		expect(result.exitCode, result.stderr).toBe(0);
		const zipPath = join(built.targetDir, 'lambda', 'extensions', 'hello.zip');
		expect((JSON.parse(result.stdout) as BuildJson).artifacts[0]!.path).toBe(zipPath);
		const [only, ...rest] = listZip(await readFile(zipPath));
		expect(rest).toEqual([]);
		expect(only!.name).toBe('extensions/hello');
		expect(only!.mode & 0o111).toBe(0o111);
	});

	it('refuses to cross-compile without cargo-lambda, and says how to get it', async () => {
		await built.crate.writeConfig(`[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
		const result = await runCli(['build', '--arch', otherArch], {cwd: built.crate.dir, env: {CARGO_TARGET_DIR: built.targetDir}});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(`cargo-lambda is not installed, and building for ${otherArch}`);
		expect(result.stderr).toContain('pip3 install cargo-lambda');
		// Not --arch: a zip for this machine must come from the architecture deploy uses too.
		expect(result.stderr).toContain(`Or build for this machine: set project.architecture = "${hostArch}" in rust-lambda.toml`);
		expect(result.stderr).not.toContain('--arch');
	});

	describe('when the crate does not compile', () => {
		let broken: CrateCopy;
		beforeAll(async () => {
			broken = await copyCrate();
			await broken.writeConfig(`[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
			await broken.write('src/main.rs', 'fn main() { let x: u8 = "not a number"; }\n');
		});
		afterAll(async () => {
			await terminal?.kill();
			await broken.remove();
		});

		const compilerError = 'error[E0308]: mismatched types';
		const times = (text: string, part: string) => text.split(part).length - 1;
		const failed = 'cargo build --release --bin hello --message-format=json-render-diagnostics exited with code 101';
		const fix = () => `fix: Fix the cause above, or rerun it by hand to see everything: cd ${broken.dir} && cargo build --release --bin hello --message-format=json-render-diagnostics`;

		it('without a terminal, prints cargo\'s output once, as it comes, and ends with what failed and the fix', async () => {
			const result = await runCli(['build'], {cwd: broken.dir, env: {CARGO_TARGET_DIR: built.targetDir}});
			expect(result.exitCode).toBe(1);
			// The human diagnostics (stderr), not cargo's JSON (stdout), each line once.
			expect(times(result.stdout + result.stderr, compilerError), result.stdout + result.stderr).toBe(1);
			expect(result.stdout).toContain(`› ${compilerError}`);
			expect(result.stdout + result.stderr).not.toContain('"reason"');
			expect(result.stderr.trimEnd().split('\n').slice(-2)).toEqual([`error: ${failed} (its output is above).`, `  ${fix()}`]);
		});

		it('with --json, stdout\'s error carries cargo\'s last lines as data, and stderr shows them once', async () => {
			const result = await runCli(['build', '--json'], {cwd: broken.dir, env: {CARGO_TARGET_DIR: built.targetDir}});
			expect(result.exitCode).toBe(1);
			const {error} = JSON.parse(result.stdout) as {error: {message: string; output: string[]; hint: string}};
			expect(error.message).toBe(`${failed}.`);
			expect(error.output).toContain(compilerError);
			expect(`fix: ${error.hint}`).toBe(fix());
			expect(times(result.stderr, compilerError)).toBe(1);
		});

		it('in a terminal, prints cargo\'s output once (the live lines give way to the failure\'s) and ends with what failed and the fix', async () => {
			terminal = openTerminal([process.execPath, binPath, 'build'], {cwd: broken.dir, env: {CARGO_TARGET_DIR: built.targetDir}});
			await terminal.waitFor('[exit ', 'the build to end', 120_000);
			const shown = terminal.history();
			expect(times(shown, compilerError), shown).toBe(1);
			expect(shown).toContain(`│ ${compilerError}`);
			const lines = shown.trimEnd().split('\n');
			expect(lines.slice(-2)).toEqual([`  ${fix()}`, '[exit 1]']);
			expect(lines).toContain(`error: ${failed}.`);
		});
	});
});
