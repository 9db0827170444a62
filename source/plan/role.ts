// Plans the execution role deploy manages when function.role is not set: the
// role (trusted by Lambda) and its one inline policy. Pure, and planned once:
// IAM is global.
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {roleArn} from './arns.js';
import {executionPolicy, samePolicy, trustPolicy, type PolicyScope} from './policy.js';
import type {Action, DesiredRole, ObservedRole, PolicyDocument, RolePlan} from './types.js';

/** The inline policy's name: says who writes it, so a person knows not to edit it by hand. */
export const rolePolicyName = 'rust-lambda-wizard';

export function desiredRole(spec: Spec, scope: PolicyScope): DesiredRole {
	const name = spec.function.role_name;
	return {
		name,
		arn: roleArn(scope.regions[0] ?? 'us-east-1', scope.account, name),
		policyName: rolePolicyName,
		trustPolicy,
		policy: executionPolicy(spec, scope),
	};
}

/** The document, one line per JSON line, for --dry-run and the confirmation. */
export const documentLines = (document: PolicyDocument) => JSON.stringify(document, null, 2).split('\n');

export function planRole(desired: DesiredRole, observed: ObservedRole | undefined): RolePlan {
	// IAM commands take no region; the aws-cli table leaves it out for them.
	const make = actionsIn('');
	const {name} = desired;
	const actions: Action[] = [];
	const putPolicy = {type: 'put-role-policy' as const, role: desired};

	if (observed === undefined) {
		actions.push(
			make('create', `Create role ${name}`, {type: 'create-role', role: desired}, ['trusted by lambda.amazonaws.com']),
			make('create', `Give role ${name} its policy`, putPolicy, documentLines(desired.policy)),
		);
	} else {
		actions.push(samePolicy(observed.trustPolicy, desired.trustPolicy)
			? noOp(make, `Role ${name} already trusts Lambda`)
			: make('update', `Let Lambda assume role ${name}`, {type: 'update-trust-policy', role: desired}, ['trust policy → lambda.amazonaws.com only']));

		if (observed.policy === undefined) {
			actions.push(make('create', `Give role ${name} its policy`, putPolicy, documentLines(desired.policy)));
		} else if (samePolicy(observed.policy, desired.policy)) {
			actions.push(noOp(make, `Policy of role ${name} unchanged`));
		} else {
			actions.push(make('update', `Update the policy of role ${name}`, putPolicy, documentLines(desired.policy)));
		}
	}

	return {roleName: name, roleArn: observed?.arn ?? desired.arn, actions};
}
