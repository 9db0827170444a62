// The lint rules that keep the layers clean fail on what they forbid: pure code
// importing an adapter or doing I/O, an adapter importing a planner, a floating
// promise, `any`. (npm test runs the same rules over the whole tree.)
import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';

const eslint = new ESLint({cwd: new URL('..', import.meta.url).pathname});

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath});
	return (result?.messages ?? []).map(message => message.ruleId ?? message.message);
}

describe('the layering and safety rules', () => {
	it.each([
		['a planner importing an adapter', 'source/plan/lint-probe.ts', "import {readZip} from '../tools/files.js';\nexport const x = readZip;\n", '@typescript-eslint/no-restricted-imports'],
		['a deploy resource using the file system', 'source/deploy/lint-probe.ts', "import {readFile} from 'node:fs/promises';\nexport const x = readFile;\n", '@typescript-eslint/no-restricted-imports'],
		['the spec importing an SDK client', 'source/spec/lint-probe.ts', "import {LambdaClient} from '@aws-sdk/client-lambda';\nexport const x = LambdaClient;\n", '@typescript-eslint/no-restricted-imports'],
		['an adapter importing a planner', 'source/aws/lint-probe.ts', "import {wantedArtifacts} from '../plan/build.js';\nexport const x = wantedArtifacts;\n", '@typescript-eslint/no-restricted-imports'],
		['a floating promise', 'source/tasks/lint-probe.ts', 'export function f(): void {\n\tPromise.resolve(1);\n}\n', '@typescript-eslint/no-floating-promises'],
		['any', 'source/tasks/lint-probe.ts', 'export const f = (value: any): unknown => value;\n', '@typescript-eslint/no-explicit-any'],
		['process.exit outside the CLI', 'source/commands/lint-probe.ts', 'export const stop = (): void => {\n\tprocess.exit(1);\n};\n', 'no-restricted-properties'],
	])('%s is refused', async (_case, filePath, code, rule) => {
		expect(await rulesBroken(filePath, code)).toContain(rule);
	});

	it('lets pure code take types from an adapter or the SDK', async () => {
		const code = "import type {ZipListing} from '../tools/zip.js';\nimport type {FunctionConfiguration} from '@aws-sdk/client-lambda';\nexport type X = [ZipListing, FunctionConfiguration];\n";
		expect(await rulesBroken('source/plan/lint-probe.ts', code)).toEqual([]);
	});
});
