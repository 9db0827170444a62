// What the config alone says cannot work in the regions of this run, refused
// before any call: a resource named by a literal ARN lives in one region, and
// Lambda takes a layer, a destination, a dead-letter target or a queue only from
// the function's own region; subnets and security groups exist in one region
// too, so one [vpc] cannot serve several. Pure.
import type {Problem} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {layerRegionProblems} from './layers.js';

/** The config's ARNs that name a regional resource, by key. */
const regionalArns = (spec: Spec): Array<[key: string, arn: string | undefined]> => [
	['async.on_success', spec.async?.on_success],
	['async.on_failure', spec.async?.on_failure],
	['async.dead_letter_arn', spec.async?.dead_letter_arn],
	['sqs.queue_arn', spec.sqs?.queue_arn],
];

/** arn:partition:service:region:… → region; '' for a region-less ARN (an S3 bucket) or one that writes {region}. */
const literalRegion = (arn: string) => {
	const region = arn.split(':')[3] ?? '';
	return region.includes('{') ? '' : region;
};

export function regionRuleProblems(spec: Spec, regions: readonly string[], file: string): Problem[] {
	const problems = layerRegionProblems(spec.function.layers, regions, `${file}: function.layers`);
	for (const [key, arn] of regionalArns(spec)) {
		const home = arn === undefined ? '' : literalRegion(arn);
		const elsewhere = regions.filter(region => home !== '' && region !== home);
		if (elsewhere.length > 0) {
			problems.push({
				where: `${file}: ${key}`,
				message: `${arn} is in ${home}, but the function deploys to ${elsewhere.join(', ')}: Lambda takes it only from the function's own region (write {region} in the ARN to name each region's own, or deploy only to ${home})`,
			});
		}
	}

	if (spec.vpc && regions.length > 1) {
		problems.push({
			where: `${file}: vpc`,
			message: `names subnets and security groups, which exist in one region, but this deploy goes to ${regions.join(', ')}: give each region an environment of its own ([env.NAME.deploy] regions = one region, with its own [env.NAME.vpc]) and deploy them one by one with --env`,
		});
	}

	return problems;
}
