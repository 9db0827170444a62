// One role serves every region, but a run may cover only some of them
// (--region, an [env] with fewer regions). Grants on resources in the regions
// it does not cover stay in the policy: the functions there still use them.
// Region-less resources ("*", S3 buckets) belong to every run. Pure.
import {list, qualifiers, statementsOf, type Statement} from './policy-change.js';
import type {PolicyDocument} from './types.js';

/** arn:partition:service:region:… → region; "" for "*" and region-less ARNs. */
const regionOf = (resource: string) => (resource.startsWith('arn:') ? resource.split(':')[3] ?? '' : '');

const actionsKey = (statement: Statement) => JSON.stringify([...list(statement.Action)].sort());

const sameKind = (a: Statement, b: Statement) => actionsKey(a) === actionsKey(b) && qualifiers(a) === qualifiers(b);

/**
 * `desired` plus the observed grants on resources outside `regions`: added to the
 * statement with the same actions (so a run with nothing else changed is a no-op),
 * or kept as their own statement. An observed document that does not parse keeps nothing.
 */
export function withOtherRegions(desired: PolicyDocument, observed: string, regions: readonly string[]): PolicyDocument {
	let before: Statement[];
	try {
		before = statementsOf(observed);
	} catch {
		return desired;
	}

	const elsewhere = (resource: string) => regionOf(resource) !== '' && !regions.includes(regionOf(resource));
	const statements = desired.Statement.map(statement => ({...statement})) as Statement[];
	for (const statement of before) {
		const kept = 'NotResource' in statement || 'NotAction' in statement ? [] : list(statement.Resource).filter(elsewhere);
		if (kept.length === 0) {
			continue;
		}

		const home = statements.find(candidate => sameKind(candidate, statement));
		if (home) {
			home.Resource = [...new Set([...list(home.Resource), ...kept])];
		} else {
			// IAM wants each Sid once per document.
			const {Sid: sid, ...rest} = statement;
			const named = sid !== undefined && !statements.some(other => other.Sid === sid);
			statements.push({...(named ? {Sid: sid} : {}), ...rest, Resource: kept} as Statement);
		}
	}

	return {...desired, Statement: statements};
}
