// The file adapter: reads the config and artifacts, writes artifacts.
import {createHash} from 'node:crypto';
import {chmod, mkdir, readdir, readFile, rename, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {RunError} from '../errors.js';
import type {ZipArtifact} from '../deploy/types.js';

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw new RunError(`Cannot read ${path}: ${(error as Error).message}`);
	}
}

/** File names in a folder ending in `suffix`, sorted; none when the folder does not exist. */
export async function listFiles(dir: string, suffix: string): Promise<string[]> {
	try {
		return (await readdir(dir)).filter(name => name.endsWith(suffix)).sort();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return [];
		}

		throw new RunError(`Cannot read ${dir}: ${(error as Error).message}`);
	}
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeFileAtomic(path: string, data: Uint8Array, mode?: number): Promise<void> {
	await mkdir(dirname(path), {recursive: true});
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
	await writeFile(temporary, data);
	if (mode !== undefined) {
		await chmod(temporary, mode);
	}

	await rename(temporary, path);
}

/** Lambda's CodeSha256: base64 of the SHA-256 of the zip's bytes. */
export function codeSha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('base64');
}

export async function readZip(path: string, hint: string): Promise<ZipArtifact & {bytesRead: Uint8Array}> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw code === 'ENOENT'
			? new RunError(`No zip at ${path}.`, hint)
			: new RunError(`Cannot read ${path}: ${(error as Error).message}`);
	}

	// Zip files start with the local file header signature PK\x03\x04 (or PK\x05\x06 when empty).
	if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
		throw new RunError(`${path} is not a zip file.`, hint);
	}

	return {path, sha256: codeSha256(bytes), bytes: bytes.length, bytesRead: bytes};
}
