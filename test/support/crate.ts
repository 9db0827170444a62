// Copies of the std-only fixture crate (test/fixtures/hello), one per test, built for real.
import {cp, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

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
