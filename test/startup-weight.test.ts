// What `--help` (and every command's start) loads before a command runs: the
// static imports of dist/main.js. The schema library, Ink and the AWS SDK are
// loaded only by the commands that use them, so --help stays near a bare node start.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const dist = new URL('../dist', import.meta.url).pathname;

/** Every file main.js loads before running anything: its static imports, and theirs. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) {
		return seen;
	}

	seen.add(file);
	const text = readFileSync(join(dist, file), 'utf8');
	for (const match of text.matchAll(/^import\s*(?:[^'"]*?from\s*)?["']\.\/([\w.-]+\.js)["']/gm)) {
		staticClosure(match[1]!, seen);
	}

	return seen;
}

describe('what starts with every command', () => {
	it('leaves out the schema library, Ink, React and the AWS SDK', () => {
		const loaded = [...staticClosure('main.js')].map(file => readFileSync(join(dist, file), 'utf8')).join('\n');
		for (const heavy of ['node_modules/zod/', 'node_modules/ink/', 'node_modules/react/', 'node_modules/@aws-sdk/']) {
			expect(loaded, heavy).not.toContain(`// ${heavy}`);
		}
	});
});
