// deploy's companion extension layer: Lambda's 250 MB unzipped limit for the function and its
// layers, checked before anything is published, with a fake sender reporting the other layers' sizes.
import {describe, expect, it} from 'vitest';
import {checkCompanionSize} from '../source/commands/companion-layer.js';
import type {AnyRequest, AwsSender} from '../source/deploy/request.js';
import {RunError} from '../source/errors.js';
import {MIB} from '../source/spec/limits.js';
import {loadSpec} from '../source/spec/spec.js';
import {zipEntries} from '../source/tools/zip.js';

const spec = loadSpec({file: 'rust-lambda.toml', text: `
[project]
name = "orders"
kind = "function+extension"
architecture = "arm64"

[function]
layers = ["arn:aws:lambda:{region}:{account}:layer:big:4", "arn:aws:lambda:{region}:{account}:layer:shipper:1"]

[extension]
name = "shipper"
kind = "logs"
internal = false
`});

/** A region where layer big:4 is `bigBytes` zipped; every read is logged. */
function fakeSender(region: string, bigBytes: number, asked: string[]): AwsSender {
	const sender: AwsSender = {
		region,
		async sendAny(request: AnyRequest) {
			const input = request.input as {LayerName?: string; VersionNumber?: number};
			asked.push(`${region} ${request.operation} ${input.LayerName}:${input.VersionNumber}`);
			if (request.operation === 'GetLayerVersion' && input.LayerName === 'big') {
				return {Content: {CodeSize: bigBytes}};
			}

			throw Object.assign(new Error('not found'), {name: 'ResourceNotFoundException'});
		},
		send: async request => sender.sendAny(request as AnyRequest) as never,
	};
	return sender;
}

/** The function's zip: its bootstrap unzips to this many bytes (zeros zip to almost nothing). */
const functionZip = (bytes: number) => ({packageType: 'Zip' as const, zip: {path: '/p/bootstrap.zip', sha256: 'X=', bytes: 0}, bytes: zipEntries([{name: 'bootstrap', data: Buffer.alloc(bytes), mode: 0o755}])});
const layer = {name: 'shipper', architecture: 'arm64', bytes: 25 * MIB};
const check = (bigBytes: Record<string, number>, asked: string[] = []) => checkCompanionSize({
	spec,
	senderFor: region => fakeSender(region, bigBytes[region] ?? 0, asked),
	explain: error => error as RunError,
	signal: new AbortController().signal,
	code: functionZip(30 * MIB),
}, Object.keys(bigBytes), layer);

describe('the companion layer\'s size check', () => {
	it('refuses, naming each region over the limit, when the function\'s zip (unzipped), the other layers (zipped) and the extension pass 250 MB', async () => {
		const refused = await check({'us-east-1': 200 * MIB, 'eu-west-1': 100 * MIB}).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(RunError);
		expect((refused as RunError).message).toBe([
			'The extension\'s layer shipper cannot go on function orders, so nothing was changed:',
			'  us-east-1: orders would hold at least 255.0 MB (its code 30.0 MB unzipped, and other layers 200.0 MB as Lambda reports them, zipped, plus layer shipper 25.0 MB), and Lambda allows at most 250.0 MB unzipped for a function and its layers together',
		].join('\n'));
	});

	it('reads only the other layers (the older version of its own is replaced) and lets a function under the limit through', async () => {
		const asked: string[] = [];
		await expect(check({'us-east-1': 195 * MIB}, asked)).resolves.toBeUndefined();
		expect(asked).toEqual(['us-east-1 GetLayerVersion big:4']);
	});
});
