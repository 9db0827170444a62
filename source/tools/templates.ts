// The templates/ adapter: reads the package's templates/ folder into memory,
// so the generator (source/new) stays pure. Works from source/ (vitest) and from
// the bundled dist/ alike: the package root is the nearest folder above this
// module that holds package.json.
import {existsSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import {dirname, join, relative, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {RunError} from '../errors.js';
import type {Templates} from '../new/render.js';

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
	let folder = dirname(from);
	while (!existsSync(join(folder, 'package.json'))) {
		const parent = dirname(folder);
		if (parent === folder) {
			throw new RunError(`No package.json above ${from}.`, 'Reinstall rust-lambda-wizard.');
		}

		folder = parent;
	}

	return folder;
}

export async function loadTemplates(folder: string = join(packageRoot(), 'templates')): Promise<Templates> {
	let names: string[];
	try {
		names = await readdir(folder, {recursive: true});
	} catch (error) {
		throw new RunError(`Cannot read the project templates in ${folder}: ${(error as Error).message}`, 'Reinstall rust-lambda-wizard.');
	}

	const texts = new Map<string, string>();
	await Promise.all(
		names.map(async name => {
			const path = join(folder, name);
			try {
				texts.set(relative(folder, path).split(sep).join('/'), await readFile(path, 'utf8'));
			} catch (error) {
				// readdir lists folders too.
				if ((error as NodeJS.ErrnoException).code !== 'EISDIR') {
					throw new RunError(`Cannot read ${path}: ${(error as Error).message}`);
				}
			}
		}),
	);

	return {
		read(path) {
			const text = texts.get(path);
			if (text === undefined) {
				throw new RunError(`The template ${path} is missing from ${folder}.`, 'Reinstall rust-lambda-wizard.');
			}

			return text;
		},
	};
}
