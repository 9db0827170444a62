// Writes a generated project so that nothing is ever half-written: every file
// goes into a hidden folder beside the target, which is renamed into place in
// one step. Interrupted or failed, the hidden folder is removed and nothing
// else was touched.
import {randomBytes} from 'node:crypto';
import {accessSync, constants, mkdtempSync, readdirSync, rmdirSync, statSync} from 'node:fs';
import {chmod, mkdir, readdir, rename, rm, rmdir, stat, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {InterruptedError, RunError} from '../errors.js';
import type {GeneratedFile} from '../new/types.js';

/**
 * Why the folder cannot take a new project, or undefined when it can: a file in the way (the
 * folder itself, or one above it), a folder that is not empty (without --force), or one where no
 * folder can be made (no permission, a read-only file system, /proc). Synchronous: the wizard
 * asks it when the folder is answered.
 */
/** `show`: a path as the person reads it (relative to where they are), for the message. */
export function folderProblem(target: string, force: boolean, show: (path: string) => string = path => path): string | undefined {
	try {
		// A path below a file reads as missing here; the walk up finds the file.
		const found = statSync(target, {throwIfNoEntry: false});
		if (found !== undefined && !found.isDirectory()) {
			return `${show(target)} is a file, not a folder. Choose another folder for the project.`;
		}

		const filled = found !== undefined && readdirSync(target).length > 0;
		if (filled && !force) {
			return `${show(target)} exists and is not empty: choose another folder, or pass --force to write into it.`;
		}

		// The project is made beside the target and renamed into place: that folder (or the nearest
		// one above it that exists) must take a new folder; with --force, the target too.
		const parent = nearestFolder(dirname(target), show);
		const refused = 'problem' in parent ? parent.problem : cannotMakeFolderIn(parent.folder) ?? (filled ? cannotMakeFolderIn(target) : undefined);
		return refused === undefined ? undefined : `Cannot make ${show(target)}: ${refused}. Choose another folder for the project.`;
	} catch (error) {
		const reason = fileSystemReason(error);
		if (reason === undefined) {
			throw error;
		}

		return `Cannot use ${show(target)}: ${reason}. Choose another folder for the project.`;
	}
}

/** The nearest folder at or above `path` that exists, or what is in the way (said after "Cannot make TARGET: "). */
function nearestFolder(path: string, show: (path: string) => string): {folder: string} | {problem: string} {
	for (let current = path; ; current = dirname(current)) {
		const found = statSync(current, {throwIfNoEntry: false});
		if (found?.isDirectory()) {
			return {folder: current};
		}

		if (found !== undefined) {
			return {problem: `${show(current)} is a file, and no folder can be made inside a file`};
		}

		if (dirname(current) === current) {
			return {problem: 'no folder above it exists'};
		}
	}
}

/**
 * Why no folder can be made in `folder` (said after "Cannot make TARGET: "), or undefined. access() answers by the permission bits
 * alone (root passes it on a read-only folder, and /proc says yes to everyone), so a folder is
 * made there and removed at once: what the file system does, not what it claims.
 */
function cannotMakeFolderIn(folder: string): string | undefined {
	try {
		accessSync(folder, constants.W_OK | constants.X_OK);
		rmdirSync(mkdtempSync(join(folder, '.rust-lambda-wizard-check-')));
		return undefined;
	} catch (error) {
		const reason = fileSystemReason(error);
		if (reason === undefined) {
			throw error;
		}

		return `no folder can be made in ${folder} (${reason})`;
	}
}

/** What a file-system error code means for a person choosing a folder; undefined for anything else. */
function fileSystemReason(error: unknown): string | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'EACCES':
		case 'EPERM': {
			return 'permission denied';
		}

		case 'EROFS': {
			return 'it is on a read-only file system';
		}

		case 'ENOTDIR':
		case 'EEXIST': {
			return 'a file is in the way';
		}

		case 'ENOENT': {
			// mkdir in a folder that exists: a file system that takes no new folders (/proc).
			return 'this file system takes no new folders there';
		}

		case 'ENOSPC':
		case 'EDQUOT': {
			return 'there is no space left on its disk';
		}

		case 'ENAMETOOLONG': {
			return 'the path is too long';
		}

		default: {
			return undefined;
		}
	}
}

export async function writeProject(target: string, files: readonly GeneratedFile[], options: {force: boolean; signal?: AbortSignal}): Promise<void> {
	const problem = folderProblem(target, options.force);
	if (problem) {
		throw new RunError(problem);
	}

	try {
		await writeInPlace(target, files, options);
	} catch (error) {
		// Checked just before, yet the file system can still refuse (changed since, or a quota): said plainly.
		const reason = fileSystemReason(error);
		if (reason === undefined) {
			throw error;
		}

		const path = (error as NodeJS.ErrnoException).path;
		throw new RunError(
			`Could not write the project to ${target}: ${reason}${path ? ` (${path})` : ''}.`,
			'Nothing was written. Choose another folder, or fix this one and run new again.',
		);
	}
}

async function writeInPlace(target: string, files: readonly GeneratedFile[], options: {force: boolean; signal?: AbortSignal}): Promise<void> {
	const existing = await stat(target).catch(() => undefined);
	const nonEmpty = existing !== undefined && (await readdir(target)).length > 0;
	await mkdir(dirname(target), {recursive: true});
	const staging = join(dirname(target), `.${basename(target)}.rust-lambda-wizard-${randomBytes(4).toString('hex')}`);
	try {
		// Made on its own first: a recursive mkdir where the file system takes no folder (/proc) never returns.
		await mkdir(staging);
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
