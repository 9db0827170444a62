// `layer publish` without --zip: real cargo builds the fixture crate's extension
// (build's own code path), and the zip it made is what moto holds.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {GetLayerVersionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {expect, it} from 'vitest';
import {codeSha256} from '../source/tools/files.js';
import {clientOptions} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {staticRustflags, hostArch, useCrateAndTarget} from './support/crate.js';
import {useMoto} from './support/moto.js';

const moto = useMoto();
const built = useCrateAndTarget();


it('builds the extension as `build` does and publishes that zip', async () => {
	await built.crate.writeConfig(`[project]\nname = "hello"\nkind = "extension"\narchitecture = "${hostArch}"\n\n[extension]\nkind = "logs"\n\n[deploy]\nregions = ["us-east-1"]\n`);
	const result = await runCli(['layer', 'publish', '--yes', '--endpoint-url', moto.url], {
		cwd: built.crate.dir,
		env: {...testCredentials, CARGO_TARGET_DIR: built.targetDir, RUSTFLAGS: staticRustflags},
	});
	expect(result.exitCode, result.stderr).toBe(0);
	expect(result.stdout).toContain('✔ us-east-1: layer hello: published arn:aws:lambda:us-east-1:123456789012:layer:hello:1');
	const zip = await readFile(join(built.targetDir, 'lambda', 'extensions', 'hello.zip'));
	const version = await new LambdaClient(clientOptions(moto)).send(new GetLayerVersionCommand({LayerName: 'hello', VersionNumber: 1}));
	expect(version.Content?.CodeSha256).toBe(codeSha256(zip));
	expect(version.CompatibleArchitectures).toEqual([hostArch]);
}, 600_000);
