// layer.architectures with both architectures: a fake cargo-lambda first on PATH
// builds the extension once per architecture, and each is published as its own
// layer, <layer>-<arch>, in every region.
import {LambdaClient, ListLayerVersionsCommand} from '@aws-sdk/client-lambda';
import {expect, it} from 'vitest';
import {clientOptions} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {useCrateWithFakes} from './support/crate.js';
import {useMoto} from './support/moto.js';

const moto = useMoto();
const setup = useCrateWithFakes('extensions/hello');

it('builds and publishes one layer per architecture, named for it, in both regions; --zip is refused with two', async () => {
	await setup.crate.writeConfig('[project]\nname = "hello"\nkind = "extension"\n\n[extension]\nkind = "logs"\n\n[layer]\nname = "shipper"\narchitectures = ["arm64", "x86_64"]\n\n[deploy]\nregions = ["us-east-1", "eu-west-1"]\n');
	const env = {...testCredentials, PATH: setup.fakes.path, FAKE_ZIP_SOURCE: setup.cannedZip};
	const result = await runCli(['layer', 'publish', '--yes', '--json', '--endpoint-url', moto.url], {cwd: setup.crate.dir, env});
	expect(result.exitCode, result.stderr).toBe(0);
	expect((await setup.fakes.calls()).filter(call => call.includes('build'))).toEqual([
		'lambda build --release --extension --arm64 --output-format zip',
		'lambda build --release --extension --x86-64 --output-format zip',
	]);
	const summary = JSON.parse(result.stdout) as {ok: boolean; layers: Array<{layer: string; regions: Array<{layerVersionArn: string}>}>};
	expect(summary.ok).toBe(true);
	expect(summary.layers.map(layer => [layer.layer, layer.regions.map(region => region.layerVersionArn)])).toEqual(['arm64', 'x86_64'].map(arch => [
		`shipper-${arch}`,
		[`arn:aws:lambda:us-east-1:123456789012:layer:shipper-${arch}:1`, `arn:aws:lambda:eu-west-1:123456789012:layer:shipper-${arch}:1`],
	]));
	for (const region of ['us-east-1', 'eu-west-1']) {
		for (const arch of ['arm64', 'x86_64']) {
			const listed = await new LambdaClient(clientOptions(moto, region)).send(new ListLayerVersionsCommand({LayerName: `shipper-${arch}`}));
			expect(listed.LayerVersions?.map(version => version.CompatibleArchitectures)).toEqual([[arch]]);
		}
	}

	const withZip = await runCli(['layer', 'publish', '--yes', '--zip', setup.cannedZip, '--endpoint-url', moto.url], {cwd: setup.crate.dir, env});
	expect(withZip.exitCode).toBe(2);
	expect(withZip.stderr).toContain('--zip is one architecture\'s zip, and layer.architectures lists arm64 and x86_64');
});
