// The guided attach path's rows, and the unzipped-size check when attaching: pure.
import {describe, expect, it} from 'vitest';
import {attachChoices, attachProblem, unzippedSizeProblem, type ListedFunction} from '../source/deploy/layer-attach.js';
import {MIB} from '../source/spec/limits.js';

const arn = (name: string, version: number) => `arn:aws:lambda:us-east-1:123456789012:layer:${name}:${version}`;
const layer = {name: 'ext', architecture: 'arm64', bytes: 10 * MIB};
const fn = (name: string, found: Partial<ListedFunction['found']> = {}, runtime = 'provided.al2023'): ListedFunction => ({
	name,
	runtime,
	found: {packageType: 'Zip', architecture: 'arm64', layers: [], codeBytes: MIB, layerBytes: {}, ...found},
});

describe('the guided path\'s rows', () => {
	it('shows each function\'s runtime, architecture and layers, and disables those that cannot take the layer, with why', () => {
		const choices = attachChoices([{region: 'us-east-1', functions: [
			fn('orders', {layers: [arn('a', 3)]}),
			fn('billing'),
			fn('intel', {architecture: 'x86_64'}),
			fn('boxed', {packageType: 'Image'}, 'image'),
			fn('full', {layers: [1, 2, 3, 4, 5].map(index => arn(`l${index}`, 1))}),
			fn('updated', {layers: [1, 2, 3, 4].map(index => arn(`l${index}`, 1)).concat(arn('ext', 1))}),
		]}], layer);
		expect(choices.map(choice => choice.value)).toEqual(['billing', 'boxed', 'full', 'intel', 'orders', 'updated']);
		expect(choices.find(choice => choice.value === 'orders')).toEqual({name: 'orders  provided.al2023, arm64, layers: a:3', value: 'orders', disabled: false});
		expect(choices.find(choice => choice.value === 'billing')!.name).toBe('billing  provided.al2023, arm64, layers: none');
		expect(choices.find(choice => choice.value === 'intel')!.disabled).toBe('intel runs on x86_64, and layer ext is built for arm64');
		expect(choices.find(choice => choice.value === 'boxed')!.disabled).toMatch(/container image function, which takes no layers: put the extension in \/opt\/extensions inside the image instead/);
		expect(choices.find(choice => choice.value === 'full')!.disabled).toBe('full has 5 layers already, and Lambda takes at most 5 per function');
		// An older version of this layer is replaced in place: five layers, and still a row that can be picked.
		expect(choices.find(choice => choice.value === 'updated')!.disabled).toBe(false);
	});

	it('disables a function that some region lacks or cannot attach, naming the region', () => {
		const choices = attachChoices([
			{region: 'us-east-1', functions: [fn('orders'), fn('billing')]},
			{region: 'eu-west-1', functions: [fn('orders', {architecture: 'x86_64'})]},
		], layer);
		expect(choices).toEqual([
			{name: 'billing  provided.al2023, arm64, layers: none', value: 'billing', disabled: 'eu-west-1: there is no function billing in eu-west-1'},
			{name: 'orders  provided.al2023, arm64, layers: none', value: 'orders', disabled: 'eu-west-1: orders runs on x86_64, and layer ext is built for arm64'},
		]);
	});

	it('has no rows when the region has no functions', () => {
		expect(attachChoices([{region: 'us-east-1', functions: []}], layer)).toEqual([]);
	});
});

describe('the unzipped-size check', () => {
	it('refuses when even the zipped sizes Lambda reports, plus the new layer, are over 250 MB', () => {
		const big = fn('big', {codeBytes: 200 * MIB, layers: [arn('a', 1)], layerBytes: {[arn('a', 1)]: 45 * MIB}});
		expect(unzippedSizeProblem(big, layer)).toBe('big would hold at least 255.0 MB (its code 200.0 MB and other layers 45.0 MB as Lambda reports them, zipped, plus layer ext 10.0 MB), and Lambda allows at most 250.0 MB unzipped for a function and its layers together');
		expect(attachProblem(big, layer, 'us-east-1')).toBe(unzippedSizeProblem(big, layer));
		// Exactly at the limit is allowed.
		expect(unzippedSizeProblem(fn('edge', {codeBytes: 240 * MIB}), layer)).toBeUndefined();
		expect(unzippedSizeProblem(fn('edge', {codeBytes: 240 * MIB + 1}), layer)).toMatch(/^edge would hold at least/);
	});

	it('does not count the older version of this layer, which the new one replaces', () => {
		const replacing = fn('orders', {codeBytes: 200 * MIB, layers: [arn('ext', 1)], layerBytes: {[arn('ext', 1)]: 45 * MIB}});
		expect(unzippedSizeProblem(replacing, layer)).toBeUndefined();
		expect(attachProblem(replacing, layer, 'us-east-1')).toBeUndefined();
	});

	it('says nothing when the sizes are not known', () => {
		expect(unzippedSizeProblem({name: 'gone'}, layer)).toBeUndefined();
		expect(unzippedSizeProblem({name: 'old', found: {packageType: 'Zip', architecture: 'arm64', layers: []}}, layer)).toBeUndefined();
	});
});
