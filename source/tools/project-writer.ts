// Writes a generated project so that nothing is ever half-written: every file
// goes into a hidden folder beside the target, which is renamed into place in
// one step. Interrupted or failed, the hidden folder is removed and nothing
// else was touched.
import {randomBytes} from 'node:crypto';
import {readdirSync, statSync} from 'node:fs';
import {chmod, mkdir, readdir, rename, rm, rmdir, stat, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {InterruptedError, RunError} from '../errors.js';
import type {GeneratedFile} from '../new/types.js';

/** Why the folder cannot take a new project, or undefined when it can. Synchronous: the wizard asks it as you type. */
export function folderProblem(target: string, force: boolean): string | undefined {
	const found = statSync(target, {throwIfNoEntry: false});
	if (found === undefined) {
		return undefined;
	}

	if (!found.isDirectory()) {
		return `${target} exists and is a file.`;
	}

	return readdirSync(target).length === 0 || force ? undefined : `${target} exists and is not empty: choose another folder, or pass --force to write into it.`;
}

export async function writeProject(target: string, files: readonly GeneratedFile[], options: {force: boolean; signal?: AbortSignal}): Promise<void> {
	const problem = folderProblem(target, options.force);
	if (problem) {
		throw new RunError(problem);
	}

	const existing = await stat(target).catch(() => undefined);
	const nonEmpty = existing !== undefined && (await readdir(target)).length > 0;
	await mkdir(dirname(target), {recursive: true});
	const staging = join(dirname(target), `.${basename(target)}.rust-lambda-wizard-${randomBytes(4).toString('hex')}`);
	try {
		await writeAll(staging, files, options.signal);
		if (nonEmpty) {
			// --force into a folder with files: each file replaces its namesake in one rename.
			await moveEach(staging, target, files);
		} else {
			if (existing) {
				await rmdir(target);
			}

			await rename(staging, target);
		}
	} finally {
		await rm(staging, {recursive: true, force: true});
	}
}

async function writeAll(folder: string, files: readonly GeneratedFile[], signal?: AbortSignal): Promise<void> {
	for (const file of files) {
		if (signal?.aborted) {
			throw new InterruptedError('nothing was written.');
		}

		const path = join(folder, file.path);
		await mkdir(dirname(path), {recursive: true});
		await writeFile(path, file.content);
		if (file.executable) {
			await chmod(path, 0o755);
		}
	}
}

async function moveEach(staging: string, target: string, files: readonly GeneratedFile[]): Promise<void> {
	for (const file of files) {
		await mkdir(dirname(join(target, file.path)), {recursive: true});
		await rename(join(staging, file.path), join(target, file.path));
	}
}
