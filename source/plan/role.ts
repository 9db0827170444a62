// Plans the execution role deploy manages when function.role is not set: the
// role (trusted by Lambda) and its one inline policy. Pure, and planned once:
// IAM is global. Grants are added before the regions run and taken away only
// after all of them finished (afterRegions), so no setting lacks its permission;
// grants on resources in regions the run does not cover are kept.
import {RunError} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {roleArn} from './arns.js';
import {roleDescription, roleTag} from './aws-cli.js';
import {policyChange} from './policy-change.js';
import {withOtherRegions} from './policy-regions.js';
import {executionPolicy, samePolicy, trustPolicy, type PolicyScope} from './policy.js';
import type {Action, DesiredRole, ObservedRole, PolicyDocument, RolePlan} from './types.js';

/** The inline policy's name: says who writes it, so a person knows not to edit it by hand. */
export const rolePolicyName = 'rust-lambda-wizard';

export function desiredRole(spec: Spec, scope: PolicyScope): DesiredRole {
	const name = spec.function.role_name;
	return {
		name,
		arn: roleArn(scope.regions[0] ?? 'us-east-1', scope.account, name),
		regions: scope.regions,
		policyName: rolePolicyName,
		trustPolicy,
		policy: executionPolicy(spec, scope),
	};
}

/** The document, one line per JSON line, for --dry-run and the confirmation. */
export const documentLines = (document: PolicyDocument) => JSON.stringify(document, null, 2).split('\n');

/** deploy's own role: tagged when deploy created it (older versions set only the description). */
export const madeByDeploy = (role: ObservedRole) => role.tags[roleTag.key] === roleTag.value || role.description === roleDescription;

export function planRole(wanted: DesiredRole, observed: ObservedRole | undefined): RolePlan {
	// IAM commands take no region; the aws-cli table leaves it out for them.
	const make = actionsIn('');
	const {name} = wanted;
	if (observed && !madeByDeploy(observed)) {
		// Rewriting its trust policy or adding grants would change what another workload runs with.
		throw new RunError(
			`Role ${name} already exists and deploy did not create it (it lacks the tag ${roleTag.key} = ${roleTag.value}): deploy will not change its trust policy or its permissions.`,
			`To run the function with that role as it is, set function.role = "${observed.arn}" (or pass --role); to let deploy create a role of its own, set function.role_name to another name.`,
		);
	}

	const desired = observed?.policy === undefined ? wanted : {...wanted, policy: withOtherRegions(wanted.policy, observed.policy, wanted.regions)};
	const actions: Action[] = [];
	const afterRegions: Action[] = [];
	const putPolicy = (policy: PolicyDocument) => ({type: 'put-role-policy' as const, role: {...desired, policy}});

	if (observed === undefined) {
		actions.push(
			make('create', `Create role ${name}`, {type: 'create-role', role: desired}, ['trusted by lambda.amazonaws.com']),
			make('create', `Give role ${name} its policy`, putPolicy(desired.policy), documentLines(desired.policy)),
		);
	} else {
		actions.push(samePolicy(observed.trustPolicy, desired.trustPolicy)
			? noOp(make, `Role ${name} already trusts Lambda`)
			: make('update', `Let Lambda assume role ${name}`, {type: 'update-trust-policy', role: desired}, ['trust policy → lambda.amazonaws.com only']));

		if (observed.policy === undefined) {
			actions.push(make('create', `Give role ${name} its policy`, putPolicy(desired.policy), documentLines(desired.policy)));
		} else if (samePolicy(observed.policy, desired.policy)) {
			actions.push(noOp(make, `Policy of role ${name} unchanged`));
		} else {
			const change = policyChange(observed.policy, desired.policy);
			if (change === undefined || (change.added.length === 0 && change.removed.length === 0)) {
				// Not ours, or the same grants written otherwise: nothing is taken away, so it can go first.
				actions.push(make('update', `Update the policy of role ${name}`, putPolicy(desired.policy), documentLines(desired.policy)));
			} else {
				// Added grants go first (the regions need them); removed ones wait until every region no longer uses them.
				if (change.added.length > 0) {
					const policy = change.removed.length > 0 ? change.union : desired.policy;
					actions.push(make('update', `Grant role ${name} the added permissions`, putPolicy(policy), change.added.map(grant => `+ ${grant}`)));
				}

				if (change.removed.length > 0) {
					afterRegions.push(make('update', `Revoke the permissions role ${name} no longer needs`, putPolicy(desired.policy), change.removed.map(grant => `- ${grant}`)));
				}
			}
		}
	}

	const notes = observed && observed.otherPolicies.length > 0
		? [`role ${name} also has policies deploy did not write (${observed.otherPolicies.join(', ')}): the function gets their permissions too, so it no longer runs with least privilege. Remove them, or set function.role to use the role as it is.`]
		: [];
	return {roleName: name, roleArn: observed?.arn ?? desired.arn, actions, afterRegions, notes};
}
