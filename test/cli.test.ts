// The built CLI as a person runs it: help, version, mistakes, exit codes.
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {binPath, runCli} from './support/cli.js';
import {makeProject, type TestProject} from './support/project.js';

const noStackTrace = /\n\s+at .+:\d+:\d+/;

describe('help and version', () => {
	it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the global help', async args => {
		const result = await runCli(args);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Usage: rust-lambda-wizard <command> [options]');
		expect(result.stdout).toMatch(/^\s+deploy\s+create or update the function/m);
	});

	it.each([[['deploy', '--help']], [['help', 'deploy']], [['deploy', '--yes', '-h']], [['--help', 'deploy']], [['deploy', 'help']]])('%j prints the deploy help', async args => {
		const result = await runCli(args);
		expect(result.exitCode).toBe(0);
		for (const flag of ['--config PATH', '--env NAME', '--region REGION', '--endpoint-url URL', '--profile NAME', '--yes', '--dry-run', '--json', '--zip PATH', '--memory MB', '--timeout SECONDS', '--role ARN', '--alias NAME']) {
			expect(result.stdout).toContain(flag);
		}
	});

	it.each([
		['build', ['--config PATH', '--env NAME', '--arch ARCH', '--json'], 'rust-lambda-wizard build --arch x86_64'],
		['dev', ['--config PATH', '--env NAME', '--no-interactive'], 'rust-lambda-wizard dev --no-interactive'],
		['doctor', ['--config PATH', '--region REGION', '--profile NAME', '--endpoint-url URL', '--json'], 'rust-lambda-wizard doctor --json'],
	])('%s --help lists its options and examples', async (command, flags, example) => {
		const result = await runCli([command, '--help']);
		expect(result.exitCode).toBe(0);
		for (const flag of flags) {
			expect(result.stdout).toContain(flag);
		}

		expect(result.stdout).toContain(`  ${example}`);
		expect((await runCli(['--help'])).stdout).toMatch(new RegExp(`^\\s+${command}\\s+\\S`, 'm'));
	});

	it.each([[['--version']], [['-v']], [['deploy', '--version']], [['doctor', '--yes', '-v']]])('%j prints the package version', async args => {
		const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
		const result = await runCli(args);
		expect(result).toMatchObject({exitCode: 0, stdout: `${version}\n`});
	});

	it('loads neither Ink, React nor the AWS SDK for --help', () => {
		// esbuild keeps a "// node_modules/<package>/..." comment before each bundled module.
		const dist = join(binPath, '..', '..', 'dist');
		const seen = new Set<string>();
		const visit = (file: string) => {
			if (seen.has(file)) {
				return;
			}

			seen.add(file);
			const code = readFileSync(join(dist, file), 'utf8');
			for (const match of code.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) {
				visit(match[1] ?? match[2]!);
			}
		};

		visit('main.js');
		const loaded = [...seen].map(file => readFileSync(join(dist, file), 'utf8')).join('\n');
		expect(loaded).toContain('source/cli/main.ts');
		expect(loaded).not.toMatch(/node_modules\/(@aws-sdk|@smithy|ink|react|listr2|@inquirer)\//);
	});
});

describe('mistakes on the command line', () => {
	it.each([
		[['deplyo'], 'Unknown command deplyo (did you mean deploy?)'],
		[['deploy', '--zpi', 'a.zip'], 'Unknown option --zpi for deploy (did you mean --zip?)'],
		[['deploy', '--memory'], '--memory needs a value'],
		[['deploy', 'extra'], 'deploy takes no arguments'],
		[['--yes'], 'Unknown option --yes'],
		// Checked before the command runs, so every command that takes the flag refuses it alike.
		[['deploy', '--endpoint-url', 'notaurl'], '--endpoint-url needs an http:// or https:// URL, e.g. http://127.0.0.1:5000 or https://lambda.us-east-1.amazonaws.com (got notaurl).'],
		[['doctor', '--endpoint-url', 'ftp://127.0.0.1'], '--endpoint-url needs an http:// or https:// URL'],
	])('%j is refused with exit code 2', async (args, message) => {
		const result = await runCli(args);
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.stderr).not.toMatch(noStackTrace);
	});

	it('tells a person on an old Node what it needs', () => {
		// The build machines ship Node 20 as the system node; the pinned Node 24 runs the tests.
		const systemNode = execFileSync('bash', ['-c', 'PATH=$(echo "$PATH" | tr : "\\n" | grep -v node_modules | paste -sd:) command -v node'], {encoding: 'utf8'}).trim();
		const version = execFileSync(systemNode, ['-p', 'process.versions.node'], {encoding: 'utf8'}).trim();
		expect(Number(version.split('.')[0]), `this test needs an old system node; found ${version} at ${systemNode}`).toBeLessThan(22);
		const result = spawnSync(systemNode, [binPath, '--help'], {encoding: 'utf8'});
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(`rust-lambda-wizard needs Node.js 22.13 or newer, but this is Node.js ${version}: install a current Node.js (https://nodejs.org/) and run it again.\n`);
	});
});

describe('config problems', () => {
	let project: TestProject;
	beforeEach(async () => {
		project = await makeProject();
	});
	afterEach(async () => {
		await project.remove();
	});

	it('lists all five mistakes with key paths and exits 2, before any AWS call', async () => {
		await project.writeConfig(`
[project]
name = "orders"

[function]
name = "orders!"
memory = 64
timeout = 901
memroy = 256

[deploy]
regions = ["us-east1"]
`);
		// No endpoint and no credentials: reaching AWS would fail differently.
		const result = await runCli(['deploy', '--dry-run'], {cwd: project.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('error: rust-lambda.toml has 5 problems:');
		expect(result.stderr).toContain('rust-lambda.toml: function.name: "orders!" must be a function name');
		expect(result.stderr).toContain('rust-lambda.toml: function.memory: 64 must be a whole number from 128 to 10240 MB');
		expect(result.stderr).toContain('rust-lambda.toml: function.timeout: 901 must be a whole number from 1 to 900 s');
		expect(result.stderr).toContain('rust-lambda.toml: function.memroy: unknown key (did you mean memory?)');
		expect(result.stderr).toContain('rust-lambda.toml: deploy.regions[0]: "us-east1" must be an AWS region such as us-east-1 (did you mean us-east-1?)');
		expect(result.stderr).not.toMatch(noStackTrace);
		expect(result.stdout).toBe('');
	});

	it('names a bad flag value by its flag', async () => {
		await project.writeConfig('[project]\nname = "orders"\n');
		const result = await runCli(['deploy', '--dry-run', '--memory', 'lots', '--region', 'mars-1'], {cwd: project.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--memory: "lots" must be a number');
		expect(result.stderr).toContain('--region: "mars-1" must be an AWS region');
	});

	it('shows where invalid TOML breaks', async () => {
		await project.writeConfig('[project]\nname = "orders\n');
		const result = await runCli(['deploy', '--dry-run'], {cwd: project.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toMatch(/rust-lambda\.toml:2:\d+: not valid TOML/);
	});

	it('says what to do when there is no config', async () => {
		const result = await runCli(['deploy', '--dry-run'], {cwd: project.dir});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('No rust-lambda.toml found');
		expect(result.stderr).toContain('--config PATH');
	});

	it('blames the command line, not the file, for problems that come from flags', async () => {
		await project.writeConfig('[project]\nname = "orders"\n');
		const flagsOnly = await runCli(['build', '--arch', 'sparc'], {cwd: project.dir});
		expect(flagsOnly.exitCode).toBe(2);
		expect(flagsOnly.stderr).toContain('error: the command line has 1 problem:\n  --arch: "sparc" must be one of arm64, x86_64');
		expect(flagsOnly.stderr).not.toContain('rust-lambda.toml has');

		await project.writeConfig('[project]\nname = "orders"\nkind = "lambda"\n');
		const both = await runCli(['build', '--arch', 'sparc'], {cwd: project.dir});
		expect(both.stderr).toContain('error: rust-lambda.toml and the command line have 2 problems:');
	});

	it('says to check the path when --config names a file that is not there', async () => {
		const result = await runCli(['build', '--config', 'nope.toml'], {cwd: project.dir});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(`error: --config nope.toml: there is no such file (${join(project.dir, 'nope.toml')}).`);
		expect(result.stderr).toContain('fix: Check the path');
		expect(result.stderr).not.toContain('pass --config');
	});

	it.each([
		['build without a config', ['build', '--json'], 1, {kind: 'run', message: expect.stringContaining('No rust-lambda.toml found'), hint: expect.stringContaining('--config PATH')}],
		['build with a bad flag', ['build', '--json', '--arch', 'sparc'], 2, {kind: 'config', message: 'the command line has 1 problem.', problems: [{where: '--arch', message: '"sparc" must be one of arm64, x86_64'}]}],
		['doctor with a missing --config', ['doctor', '--json', '--config', 'nope.toml'], 1, {kind: 'run', message: expect.stringContaining('--config nope.toml: there is no such file'), hint: expect.stringContaining('Check the path')}],
	])('with --json, a failure still prints JSON on stdout: %s', async (_name, args, exitCode, error) => {
		if (args.includes('--arch')) {
			await project.writeConfig('[project]\nname = "orders"\n');
		}

		const result = await runCli(args, {cwd: project.dir});
		expect(result.exitCode).toBe(exitCode);
		expect(JSON.parse(result.stdout)).toEqual({ok: false, error});
		// People still read it on stderr.
		expect(result.stderr).toMatch(/^error: /);
	});

	it('refuses an unknown --env and lists the ones there are', async () => {
		await project.writeConfig('[project]\nname = "orders"\n[env.prod.deploy]\nregions = ["eu-west-1"]\n[env.staging.function]\nmemory = 512\n');
		const result = await runCli(['deploy', '--dry-run', '--env', 'prdo'], {cwd: project.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--env: "prdo" is not an environment in rust-lambda.toml (it has prod, staging) (did you mean prod?)');
	});
});
