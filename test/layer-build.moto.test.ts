// `layer publish` without --zip: real cargo builds the fixture crate's extension
// (build's own code path), and the zip it made is what moto holds.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetLayerVersionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {codeSha256} from '../source/tools/files.js';
import {clientOptions} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {copyCrate, staticRustflags, type CrateCopy} from './support/crate.js';
import {useMoto} from './support/moto.js';

const moto = useMoto();
let targetDir: string;
let crate: CrateCopy;
beforeAll(async () => {
	execFileSync('cargo', ['--version']); // fails loudly when cargo is missing
	targetDir = await mkdtemp(join(tmpdir(), 'rlw-target-'));
	crate = await copyCrate();
});
afterAll(async () => {
	await crate.remove();
	await rm(targetDir, {recursive: true, force: true});
});

const hostArch = process.arch === 'arm64' ? 'arm64' : 'x86_64';

it('builds the extension as `build` does and publishes that zip', async () => {
	await crate.writeConfig(`[project]\nname = "hello"\nkind = "extension"\narchitecture = "${hostArch}"\n\n[extension]\nkind = "logs"\n\n[deploy]\nregions = ["us-east-1"]\n`);
	const result = await runCli(['layer', 'publish', '--yes', '--endpoint-url', moto.url], {
		cwd: crate.dir,
		env: {...testCredentials, CARGO_TARGET_DIR: targetDir, RUSTFLAGS: staticRustflags},
	});
	expect(result.exitCode, result.stderr).toBe(0);
	expect(result.stdout).toContain('✔ us-east-1: layer hello: published arn:aws:lambda:us-east-1:123456789012:layer:hello:1');
	const zip = await readFile(join(targetDir, 'lambda', 'extensions', 'hello.zip'));
	const version = await new LambdaClient(clientOptions(moto)).send(new GetLayerVersionCommand({LayerName: 'hello', VersionNumber: 1}));
	expect(version.Content?.CodeSha256).toBe(codeSha256(zip));
	expect(version.CompatibleArchitectures).toEqual([hostArch]);
}, 600_000);
