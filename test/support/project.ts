// Temporary project folders with a rust-lambda.toml and a function zip.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {zipEntries} from '../../source/tools/zip.js';

export interface TestProject {
	dir: string;
	writeConfig(toml: string): Promise<void>;
	/** Writes a zip holding a `bootstrap` with this text; returns its path. */
	writeZip(bootstrap: string, name?: string): Promise<string>;
	remove(): Promise<void>;
}

export async function makeProject(): Promise<TestProject> {
	const dir = await mkdtemp(join(tmpdir(), 'rlw-test-'));
	return {
		dir,
		writeConfig: toml => writeFile(join(dir, 'rust-lambda.toml'), toml),
		async writeZip(bootstrap, name = 'function.zip') {
			const path = join(dir, name);
			await writeFile(path, zipEntries([{name: 'bootstrap', data: Buffer.from(bootstrap), mode: 0o755}]));
			return path;
		},
		remove: () => rm(dir, {recursive: true, force: true}),
	};
}
