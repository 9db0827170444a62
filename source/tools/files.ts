// The file adapter: reads the config and artifacts.
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {RunError} from '../errors.js';
import type {ZipArtifact} from '../plan/types.js';

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
