// Layers must be in the function's region: checked from the config, before AWS.
import {describe, expect, it} from 'vitest';
import {layerRegionProblems} from '../source/deploy/layers.js';
import {regionRuleProblems} from '../source/deploy/region-rules.js';
import type {Problem} from '../source/errors.js';
import {loadSpec} from '../source/spec/spec.js';

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

describe('regionRuleProblems: literal ARNs and [vpc] against the regions of the run', () => {
	const file = 'rust-lambda.toml';
	const spec = (extra: string, trigger = 'json') => loadSpec({file, text: `[project]\nname = "orders"\ntrigger = "${trigger}"\n${extra}`});
	const where = (problems: Problem[]) => problems.map(problem => problem.where);

	it.each([
		{case: 'an on-failure queue of another region', config: '[async]\non_failure = "arn:aws:sqs:eu-west-1:111122223333:failed"\n', regions: ['us-east-1'], keys: ['async.on_failure']},
		{case: 'an on-success topic of another region', config: '[async]\non_success = "arn:aws:sns:eu-west-1:111122223333:done"\n', regions: ['us-east-1'], keys: ['async.on_success']},
		{case: 'a dead-letter queue in one of two regions', config: '[async]\ndead_letter_arn = "arn:aws:sqs:us-east-1:111122223333:dlq"\n', regions: ['us-east-1', 'eu-west-1'], keys: ['async.dead_letter_arn']},
		{case: 'an event source queue of another region', config: '[sqs]\nqueue_arn = "arn:aws:sqs:eu-west-1:111122223333:orders"\n', trigger: 'sqs', regions: ['us-east-1'], keys: ['sqs.queue_arn']},
		{case: 'one [vpc] for two regions', config: '[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]\n', regions: ['us-east-1', 'eu-west-1'], keys: ['vpc']},
		{case: '{region} ARNs in two regions', config: '[async]\non_failure = "arn:aws:sqs:{region}:{account}:failed"\n', regions: ['us-east-1', 'eu-west-1'], keys: []},
		{case: 'literal ARNs of the one region deployed to', config: '[async]\non_failure = "arn:aws:sqs:us-east-1:111122223333:failed"\n', regions: ['us-east-1'], keys: []},
		{case: 'an S3 bucket (no region in its ARN)', config: '[async]\non_failure = "arn:aws:s3:::failed-events"\n', regions: ['us-east-1', 'eu-west-1'], keys: []},
		{case: '[vpc] for one region', config: '[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]\n', regions: ['eu-west-1'], keys: []},
	])('$case', ({config, trigger, regions, keys}) => {
		expect(where(regionRuleProblems(spec(config, trigger), regions, file))).toEqual(keys.map(key => `${file}: ${key}`));
	});

	it('says why and what to do', () => {
		const [problem] = regionRuleProblems(spec('[async]\non_failure = "arn:aws:sqs:eu-west-1:111122223333:failed"\n'), ['us-east-1'], file);
		expect(problem!.message).toBe("arn:aws:sqs:eu-west-1:111122223333:failed is in eu-west-1, but the function deploys to us-east-1: Lambda takes it only from the function's own region (write {region} in the ARN to name each region's own, or deploy only to eu-west-1)");
	});
});
