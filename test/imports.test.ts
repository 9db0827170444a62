// `new` without its screen: the questions are domain data (source/new), and
// source/ui only draws them. Walks the imports the sources name, as written.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'source');

/** Every module specifier a file names: static imports and re-exports (types too), and import(). */
function specifiers(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found = [
		...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'/gm),
		...text.matchAll(/^\s*import\s*'([^']+)'/gm),
		...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
	];
	return found.map(match => match[1]!);
}

/** A relative specifier as the file it names: ./x.js is x.ts or x.tsx; anything else (package.json) is itself. */
function resolveModule(from: string, specifier: string): string {
	const path = resolve(dirname(from), specifier);
	const base = path.replace(/\.js$/, '');
	const file = [`${base}.ts`, `${base}.tsx`, path].find(candidate => existsSync(candidate));
	if (file === undefined) {
		throw new Error(`${relative(root, from)} imports ${specifier}, which is no file`);
	}

	return file;
}

/** Each module reachable from the starts, with the chain of imports that reaches it. */
function reachable(starts: readonly string[]): Map<string, string[]> {
	const chains = new Map<string, string[]>(starts.map(start => [start, [relative(root, start)]]));
	const queue = [...starts];
	for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
		for (const specifier of specifiers(file)) {
			const target = specifier.startsWith('.') ? resolveModule(file, specifier) : `package:${specifier}`;
			if (!chains.has(target)) {
				chains.set(target, [...chains.get(file)!, specifier]);
				if (/\.tsx?$/.test(target)) {
					queue.push(target);
				}
			}
		}
	}

	return chains;
}

const filesUnder = (folder: string) =>
	readdirSync(folder, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile() && /\.tsx?$/.test(entry.name))
		.map(entry => join(entry.parentPath, entry.name));

/** The modules of the Ink screen: source/ui, and the packages that draw it. */
const isScreen = (module: string) => module.startsWith(join(source, 'ui') + '/') || /^package:(?:ink|react)(?:$|\/|-)/.test(module);

describe('new without the Ink screen', () => {
	it('source/commands/new.ts and source/new/** reach nothing in source/ui, nor ink or react', () => {
		const starts = [join(source, 'commands', 'new.ts'), ...filesUnder(join(source, 'new'))];
		const chains = reachable(starts);
		expect(chains.size).toBeGreaterThan(starts.length);
		const offending = [...chains].filter(([module]) => isScreen(module)).map(([, chain]) => chain.join(' -> '));
		expect(offending).toEqual([]);
	});

	it('source/ui is only the screen: no module outside it but the command table loads it', () => {
		const importers = filesUnder(source)
			.filter(file => !isScreen(file))
			.filter(file => specifiers(file).some(specifier => specifier.startsWith('.') && isScreen(resolveModule(file, specifier))))
			.map(file => relative(root, file));
		expect(importers).toEqual(['source/cli/commands.ts']);
	});
});
