// Copies of the std-only fixture crate (test/fixtures/hello), one per test, built for real.
import {execFileSync} from 'node:child_process';
import {cp, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll} from 'vitest';
import {hostArchitecture} from '../../source/spec/requirements.js';
import {architectures, type Architecture} from '../../source/spec/limits.js';
import {zipEntries} from '../../source/tools/zip.js';
import {makeFakeTools, type FakeTools} from './fakes.js';

/** This machine's Lambda architecture (the tests run on Linux), and the other one. */
export const hostArch: Architecture = hostArchitecture('linux', process.arch) ?? 'x86_64';
export const otherArch: Architecture = architectures.find(name => name !== hostArch)!;

export const fixtureDir = fileURLToPath(new URL('../fixtures/hello', import.meta.url));
export const podmanConfigDir = fileURLToPath(new URL('../fixtures/podman', import.meta.url));

/** A static binary runs on Lambda's (and a FROM scratch image's) missing or older glibc. */
export const staticRustflags = '-C target-feature=+crt-static';

export interface CrateCopy {
	dir: string;
	writeConfig(toml: string): Promise<void>;
	write(name: string, text: string): Promise<void>;
	remove(): Promise<void>;
}

export async function copyCrate(parent?: string): Promise<CrateCopy> {
	const dir = await mkdtemp(join(parent ?? tmpdir(), 'rlw-crate-'));
	await cp(fixtureDir, dir, {recursive: true});
	return {
		dir,
		writeConfig: toml => writeFile(join(dir, 'rust-lambda.toml'), toml),
		write: (name, text) => writeFile(join(dir, name), text),
		remove: () => rm(dir, {recursive: true, force: true}),
	};
}

/**
 * For a test file that builds with real cargo: one copy of the crate and one cargo target
 * folder, so the crate compiles once and later builds reuse it. Filled before the file's tests.
 */
export function useCrateAndTarget(): {readonly crate: CrateCopy; readonly targetDir: string} {
	const state = {} as {crate: CrateCopy; targetDir: string};
	beforeAll(async () => {
		execFileSync('cargo', ['--version']); // fails loudly when cargo is missing
		state.targetDir = await mkdtemp(join(tmpdir(), 'rlw-target-'));
		state.crate = await copyCrate();
	});
	afterAll(async () => {
		await state.crate.remove();
		await rm(state.targetDir, {recursive: true, force: true});
	});
	return state;
}

/**
 * For a test file that builds with the fake cargo-lambda and zig: a copy of the crate, the fakes,
 * and a canned zip holding one executable entry (`bootstrap`, or `extensions/hello` for an extension).
 */
export function useCrateWithFakes(entry: string): {readonly crate: CrateCopy; readonly fakes: FakeTools; readonly cannedZip: string} {
	const state = {} as {crate: CrateCopy; fakes: FakeTools; cannedZip: string};
	beforeAll(async () => {
		state.crate = await copyCrate();
		state.fakes = await makeFakeTools(state.crate.dir);
		state.cannedZip = join(state.crate.dir, 'canned.zip');
		await writeFile(state.cannedZip, zipEntries([{name: entry, data: Buffer.from('not really a binary'), mode: 0o755}]));
	});
	afterAll(async () => {
		await state.crate.remove();
	});
	return state;
}
