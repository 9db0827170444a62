// The published package, as a user gets it: packed, installed into an empty
// prefix with no registry at hand (it has no runtime dependencies: dist/ is a
// complete bundle), then run from there: --help and new --yes.
import {execFile} from 'node:child_process';
import {realpathSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
let scratch: string;
let installed: string;

beforeAll(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'rlw-package-'));
	// --ignore-scripts: no prepare, which would rebuild dist/ under the other test files' feet (npm test built it).
	const {stdout} = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {cwd: root});
	const [packed] = JSON.parse(stdout) as Array<{filename: string}>;
	const prefix = join(scratch, 'prefix');
	await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(scratch, packed!.filename)], {cwd: scratch});
	installed = join(prefix, 'node_modules', '.bin', 'rust-lambda-wizard');
}, 120_000);

afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

describe('the packed package', () => {
	it('declares no runtime dependencies: the bundle holds them', async () => {
		const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		expect(manifest.dependencies ?? {}).toEqual({});
	});

	it('installs offline into an empty prefix and runs --help', async () => {
		const {stdout} = await run(process.execPath, [installed, '--help']);
		expect(stdout).toContain('rust-lambda-wizard');
		expect(stdout).toContain('deploy');
	});

	it('writes a project with new --yes from the installed copy, and its next steps run as it was started', async () => {
		const dir = join(scratch, 'work');
		await mkdir(dir, {recursive: true});
		// Installed and on PATH: the next commands use its name.
		const onPath = {...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_'))), CI: 'true', NO_COLOR: '1', PATH: `${dirname(installed)}${delimiter}${process.env['PATH'] ?? ''}`};
		const {stdout} = await run(process.execPath, [installed, 'new', '--yes', '--name', 'orders'], {cwd: dir, env: onPath});
		expect((await stat(join(dir, 'orders', 'rust-lambda.toml'))).isFile()).toBe(true);
		expect(await readFile(join(dir, 'orders', 'Cargo.toml'), 'utf8')).toContain('name = "orders"');
		expect(stdout).toContain('Next:\n  cd orders\n  rust-lambda-wizard build\n');
		// Started by its path, not on PATH: the next commands say how to start it the same way.
		// (Without npm's own variables: this test may run under npx, which the tool would take as how it was started.)
		const plain = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
		const byPath = await run(process.execPath, [installed, 'new', '--yes', '--name', 'billing'], {cwd: dir, env: {...plain, CI: 'true', NO_COLOR: '1'}});
		expect(byPath.stdout).toContain(`  node ${realpathSync(installed)} build`);
	});
});
