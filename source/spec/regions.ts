// A region name judged against the known list: a near miss of a known region
// (us-easst-1) is a mistake to fix; a well-formed name whose family is known but
// whose number is not (eu-west-4) may be a region newer than this list.
import {knownRegions, names} from './limits.js';
import {closest} from './suggest.js';

export type RegionName = {verdict: 'known'} | {verdict: 'unknown'} | {verdict: 'wrong'; problem: string};

/** "eu-west" of eu-west-1: regions come and go by number within a family. */
const family = (name: string) => name.replace(/-\d+$/, '');
const families = new Set(knownRegions.map(family));

export function judgeRegion(name: string): RegionName {
	if (knownRegions.includes(name)) {
		return {verdict: 'known'};
	}

	if (names.region.pattern.test(name) && families.has(family(name))) {
		return {verdict: 'unknown'};
	}

	const near = closest(name, knownRegions);
	if (near !== undefined) {
		return {verdict: 'wrong', problem: `${name} is not an AWS region (did you mean ${near}?)`};
	}

	return names.region.pattern.test(name) ? {verdict: 'unknown'} : {verdict: 'wrong', problem: `${name} is not ${names.region.rule}`};
}
