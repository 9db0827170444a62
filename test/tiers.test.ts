// `npm run test:unit` stays seconds long and needs nothing installed: no file in the
// unit tier (test/tiers.ts) starts a process or reads the build, itself or through
// the test files it imports (test/support helpers start moto, tmux, the built CLI).
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {unitTests} from './tiers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'test');
const startsProcesses = new Set(['node:child_process', 'child_process', 'execa']);

/** A test-side file as written: `./x.js` in an import is `./x.ts` (or .tsx) on disk. */
function onDisk(path: string): string | undefined {
	const base = path.replace(/\.js$/, '');
	return [path, `${base}.ts`, `${base}.tsx`].find(candidate => existsSync(candidate));
}

/** How a file reaches a process or dist/ through test-side imports: the chain of files and the import, or undefined. */
function reachesProgram(file: string, seen = new Set<string>()): string[] | undefined {
	if (seen.has(file)) {
		return undefined;
	}

	seen.add(file);
	const name = relative(root, file);
	for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)) {
		// The built CLI is reached by running bin/ (a process) or importing dist/.
		if (startsProcesses.has(specifier!) || /(^|\/)dist\//.test(specifier!)) {
			return [name, specifier!];
		}

		const target = specifier!.startsWith('.') ? onDisk(resolve(dirname(file), specifier!)) : undefined;
		const chain = target?.startsWith(testDir) ? reachesProgram(target, seen) : undefined;
		if (chain) {
			return [name, ...chain];
		}
	}

	return undefined;
}

describe('the unit tier', () => {
	it.each(unitTests)('%s exists and starts no process', file => {
		const path = join(root, file);
		expect(existsSync(path), `${file} is listed in test/tiers.ts but is not there`).toBe(true);
		const chain = reachesProgram(path);
		expect(chain, `${chain?.join(' → ')}: a test that runs programs or the build belongs in the real tier (take it out of test/tiers.ts)`).toBeUndefined();
	});

	// The check itself can fail: it finds the process in files of the real tier, through their helpers.
	it.each([
		['test/deploy.moto.test.ts', 'node:child_process'],
		['test/new.cli.test.ts', 'node:child_process'],
		['test/new-project.test.ts', 'execa'],
		['test/zip.test.ts', 'node:child_process'],
	])('sees what %s starts', (file, what) => {
		const chain = reachesProgram(join(root, file));
		expect(chain?.[0]).toBe(file);
		expect(chain?.at(-1)).toBe(what);
	});
});
