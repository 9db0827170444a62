// Planning the extension's layer in a region: publish, reuse, or grants only.
import {describe, expect, it} from 'vitest';
import {desiredLayer, layerNameOf, layersOf, planLayer, withLayerVersion} from '../source/deploy/layer-version.js';
import {attachProblem, planAttach} from '../source/deploy/layer-attach.js';
import {loadSpec} from '../source/spec/spec.js';

const spec = (layer = '') => loadSpec({file: 'rust-lambda.toml', text: `
[project]
name = "shipper"
kind = "extension"
architecture = "x86_64"

[extension]
name = "shipper"
kind = "logs"
internal = false
layer_name = "shipper-layer"
${layer}
`});

const zip = {path: '/p/shipper.zip', sha256: 'NEW='};
const newest = {version: 3, arn: 'arn:aws:lambda:us-east-1:123456789012:layer:shipper-layer:3', codeSha256: 'NEW=', architectures: ['x86_64'], runtimes: ['provided.al2023'], shared: []};
const summary = (actions: ReturnType<typeof planLayer>) => actions.map(action => `${action.change} ${action.title}`);

describe('the layer a project publishes', () => {
	it('is named by [layer] name, else extension.layer_name', () => {
		expect(layerNameOf(spec())).toBe('shipper-layer');
		expect(layerNameOf(spec('[layer]\nname = "log-shipper"'))).toBe('log-shipper');
	});

	it('is one layer per architecture of layer.architectures, named for it when there are two; each build publishes its own', () => {
		expect(layersOf(spec())).toEqual([{name: 'shipper-layer', architecture: 'x86_64'}]);
		expect(layersOf(spec('[layer]\narchitectures = ["arm64"]'))).toEqual([{name: 'shipper-layer', architecture: 'arm64'}]);
		const both = spec('[layer]\nname = "log-shipper"\narchitectures = ["arm64", "x86_64"]');
		expect(layersOf(both)).toEqual([{name: 'log-shipper-arm64', architecture: 'arm64'}, {name: 'log-shipper-x86_64', architecture: 'x86_64'}]);
		// What publish (and deploy's companion layer) plans for each architecture's build is the layer named for it.
		expect(desiredLayer(both, zip).name).toBe('log-shipper-x86_64');
		expect(desiredLayer({...both, project: {...both.project, architecture: 'arm64'}}, zip).name).toBe('log-shipper-arm64');
	});

	it('publishes the first version with the project\'s architecture and the runtime', () => {
		const actions = planLayer(desiredLayer(spec(), zip), {}, 'us-east-1');
		expect(summary(actions)).toEqual(['create Publish layer shipper-layer']);
		expect(actions[0]!.awsCommand).toEqual([
			'aws', 'lambda', 'publish-layer-version', '--layer-name', 'shipper-layer',
			'--compatible-runtimes', '["provided.al2023"]', '--compatible-architectures', '["x86_64"]',
			'--zip-file', 'fileb:///p/shipper.zip', '--region', 'us-east-1',
		]);
	});

	it('reuses the newest version when its code and settings are the same, and says its ARN', () => {
		const actions = planLayer(desiredLayer(spec(), zip), {newest}, 'us-east-1');
		expect(summary(actions)).toEqual(['no-op Layer shipper-layer version 3 has this code (CodeSha256 NEW=): reused']);
		expect(actions[0]!.facts).toEqual([{key: 'layerVersionArn', label: 'layer shipper-layer', value: newest.arn}]);
	});

	it('publishes anew when the code, or only the description, differs', () => {
		expect(planLayer(desiredLayer(spec(), zip), {newest: {...newest, codeSha256: 'OLD='}}, 'us-east-1')[0]!.details).toEqual(['code OLD= → NEW=']);
		expect(planLayer(desiredLayer(spec('[layer]\ndescription = "Ships logs"'), zip), {newest}, 'us-east-1')[0]).toMatchObject({change: 'update', details: ['description "" → "Ships logs"']});
	});

	it('grants a new version to every share_with entry, and on a reused one only what is missing, taking back what the config dropped', () => {
		const shared = spec('[layer]\nshare_with = ["111122223333", "o-abc123xyz9"]');
		expect(summary(planLayer(desiredLayer(shared, {...zip, sha256: 'OTHER='}), {newest: {...newest, shared: ['111122223333']}}, 'us-east-1'))).toEqual([
			'update Publish a new version of layer shipper-layer (newest now: 3)',
			'create Share the new layer version with 111122223333',
			'create Share the new layer version with o-abc123xyz9',
		]);
		expect(summary(planLayer(desiredLayer(shared, zip), {newest: {...newest, shared: ['111122223333', '444455556666']}}, 'us-east-1'))).toEqual([
			'no-op Layer shipper-layer version 3 has this code (CodeSha256 NEW=): reused',
			'no-op Layer shipper-layer:3 shared with 111122223333',
			'create Share layer shipper-layer:3 with o-abc123xyz9',
			'delete Stop sharing layer shipper-layer:3 with 444455556666',
		]);
	});

	it('checks share_with entries and the layer name in the config', () => {
		expect(() => spec('[layer]\nshare_with = ["o-AB"]')).toThrow(/layer\.share_with\[0\].*account ID \(12 digits\) or an organization ID/s);
		expect(() => spec('[layer]\nname = "log shipper"')).toThrow(/layer\.name.*a layer name/s);
	});

	it('takes a new version into a function\'s layers: an older one of the same layer replaced in place, a new layer last, never more than 5', () => {
		const arn = (name: string, version: number) => `arn:aws:lambda:us-east-1:123456789012:layer:${name}:${version}`;
		expect(withLayerVersion([arn('a', 1), arn('ext', 1), arn('b', 4)], arn('ext', 2))).toEqual({layers: [arn('a', 1), arn('ext', 2), arn('b', 4)]});
		expect(withLayerVersion([arn('a', 1)], arn('ext', 2))).toEqual({layers: [arn('a', 1), arn('ext', 2)]});
		const five = [1, 2, 3, 4, 5].map(index => arn(`l${index}`, 1));
		expect(withLayerVersion(five, arn('ext', 2))).toEqual({problem: 'it has 5 layers already, and Lambda takes at most 5 per function'});
		expect(withLayerVersion([...five.slice(0, 4), arn('ext', 1)], arn('ext', 2))).toEqual({layers: [...five.slice(0, 4), arn('ext', 2)]});
	});

	it('says why a function cannot take the layer, and plans the others\' updates', () => {
		const layer = {name: 'ext', architecture: 'arm64'};
		const arn = (name: string, version: number) => `arn:aws:lambda:us-east-1:123456789012:layer:${name}:${version}`;
		expect(attachProblem({name: 'gone'}, layer, 'us-east-1')).toBe('there is no function gone in us-east-1');
		expect(attachProblem({name: 'intel', found: {packageType: 'Zip', architecture: 'x86_64', layers: []}}, layer, 'us-east-1')).toBe('intel runs on x86_64, and layer ext is built for arm64');
		// Five layers, one of them an older version of this one: replaced in place, so it fits.
		expect(attachProblem({name: 'five', found: {packageType: 'Zip', architecture: 'arm64', layers: [1, 2, 3, 4].map(index => arn(`l${index}`, 1)).concat(arn('ext', 1))}}, layer, 'us-east-1')).toBeUndefined();
		const actions = planAttach('us-east-1', arn('ext', 2), [
			{name: 'orders', found: {packageType: 'Zip', architecture: 'arm64', layers: [arn('a', 1), arn('ext', 1)]}},
			{name: 'billing', found: {packageType: 'Zip', architecture: 'arm64', layers: [arn('ext', 2)]}},
		]);
		expect(actions.map(action => `${action.change} ${action.title}`)).toEqual(['update Attach layer ext:2 to function orders', 'no-op Function billing has layer ext:2']);
		expect(actions[0]!.details).toEqual(['layers a:1, ext:1 → a:1, ext:2']);
	});

	it('lists provided.al2 as a compatible runtime when the config asks', () => {
		const actions = planLayer(desiredLayer(spec('[layer]\ncompatible_runtimes = ["provided.al2023", "provided.al2"]'), zip), {}, 'us-east-1');
		expect(actions[0]!.awsCommand).toContain('["provided.al2023","provided.al2"]');
		expect(() => spec('[layer]\ncompatible_runtimes = ["nodejs22.x"]')).toThrow(/layer\.compatible_runtimes\[0\]/);
	});
});
