// Layers must be in the function's region: checked from the config, before AWS.
import {describe, expect, it} from 'vitest';
import {layerRegionProblems} from '../source/deploy/layers.js';

const east = 'arn:aws:lambda:us-east-1:111122223333:layer:x:1';
const west = 'arn:aws:lambda:eu-west-1:111122223333:layer:y:2';
const anywhere = 'arn:aws:lambda:{region}:{account}:layer:z:3';
const check = (layers: string[], regions: string[]) => layerRegionProblems(layers, regions, 'rust-lambda.toml: function.layers').map(problem => problem.message);

describe('layerRegionProblems', () => {
	it.each([
		{case: 'a layer in the one region deployed to', layers: [east], regions: ['us-east-1'], bad: []},
		{case: 'a {region} layer, in every region', layers: [anywhere], regions: ['us-east-1', 'eu-west-1'], bad: []},
		{case: 'a layer of another region', layers: [west], regions: ['us-east-1'], bad: [[west, 'eu-west-1', 'us-east-1']]},
		{
			case: 'fixed layers and two regions: one problem per bad layer per region',
			layers: [east, west, anywhere],
			regions: ['us-east-1', 'eu-west-1'],
			bad: [[west, 'eu-west-1', 'us-east-1'], [east, 'us-east-1', 'eu-west-1']],
		},
	])('$case', ({layers, regions, bad}) => {
		expect(check(layers, regions)).toEqual(bad.map(([layer, from, to]) =>
			`${layer} is a layer in ${from}, but the function deploys to ${to}: Lambda takes only layers of the function's own region (write {region} in the ARN, or publish the layer in ${to})`));
	});

	it('names the config key', () => {
		expect(layerRegionProblems([west], ['us-east-1'], 'r.toml: function.layers')[0]!.where).toBe('r.toml: function.layers');
	});
});
