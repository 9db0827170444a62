// Plans the execution role deploy manages when function.role is not set: the
// role (trusted by Lambda) and its one inline policy. Pure, and planned once:
// IAM is global. Grants are added before the regions run and taken away only
// after all of them finished (afterRegions), so no setting lacks its permission;
// grants on resources in regions the run does not cover are kept.
import {RunError} from '../errors.js';
import {roleArn} from '../plan/arns.js';
import {anyRegion} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {policyChange} from './policy-change.js';
import {withOtherRegions} from './policy-regions.js';
import {executionPolicy, samePolicy, trustPolicy, type PolicyScope, type Statement} from './policy.js';
import {orMissing, request, type AwsSender} from './request.js';
import type {DesiredRole, ObservedRole, PolicyDocument, RolePlan} from './types.js';

const roleDescription = 'Execution role of a Lambda function; its policy is managed by rust-lambda-wizard deploy';

/** The tag on every role deploy creates: deploy changes no role without it (or the description above, from older versions). */
const roleTag = {key: 'managed-by', value: 'rust-lambda-wizard'} as const;

/** The inline policy's name: says who writes it, so a person knows not to edit it by hand. */
export const rolePolicyName = 'rust-lambda-wizard';

export function desiredRole(spec: Spec, scope: PolicyScope, grants: readonly Statement[] = []): DesiredRole {
	const name = spec.function.role_name;
	return {
		name,
		arn: roleArn(scope.regions[0] ?? anyRegion, scope.account, name),
		regions: scope.regions,
		policyName: rolePolicyName,
		trustPolicy,
		policy: executionPolicy(spec, scope, grants),
	};
}

/** The document, one line per JSON line, for --dry-run and the confirmation. */
const documentLines = (document: PolicyDocument) => JSON.stringify(document, null, 2).split('\n');

/** deploy's own role: tagged when deploy created it (older versions set only the description). */
const madeByDeploy = (role: ObservedRole) => role.tags[roleTag.key] === roleTag.value || role.description === roleDescription;

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
	const putPolicy = (policy: PolicyDocument) => request('iam', 'PutRolePolicy', {RoleName: name, PolicyName: desired.policyName, PolicyDocument: JSON.stringify(policy)});

	if (observed === undefined) {
		actions.push(
			make.request('create', `Create role ${name}`, request('iam', 'CreateRole', {
				RoleName: name,
				AssumeRolePolicyDocument: JSON.stringify(desired.trustPolicy),
				Description: roleDescription,
				Tags: [{Key: roleTag.key, Value: roleTag.value}],
			}), ['trusted by lambda.amazonaws.com'], {alreadyExists: 'EntityAlreadyExistsException'}),
			make.request('create', `Give role ${name} its policy`, putPolicy(desired.policy), documentLines(desired.policy)),
		);
	} else {
		actions.push(samePolicy(observed.trustPolicy, desired.trustPolicy)
			? make.noOp(`Role ${name} already trusts Lambda`)
			: make.request('update', `Let Lambda assume role ${name}`, request('iam', 'UpdateAssumeRolePolicy', {RoleName: name, PolicyDocument: JSON.stringify(desired.trustPolicy)}), ['trust policy → lambda.amazonaws.com only']));

		if (observed.policy === undefined) {
			actions.push(make.request('create', `Give role ${name} its policy`, putPolicy(desired.policy), documentLines(desired.policy)));
		} else if (samePolicy(observed.policy, desired.policy)) {
			actions.push(make.noOp(`Policy of role ${name} unchanged`));
		} else {
			const change = policyChange(observed.policy, desired.policy);
			if (change === undefined || (change.added.length === 0 && change.removed.length === 0)) {
				// Not ours, or the same grants written otherwise: nothing is taken away, so it can go first.
				actions.push(make.request('update', `Update the policy of role ${name}`, putPolicy(desired.policy), documentLines(desired.policy)));
			} else {
				// Added grants go first (the regions need them); removed ones wait until every region no longer uses them.
				if (change.added.length > 0) {
					const policy = change.removed.length > 0 ? change.union : desired.policy;
					actions.push(make.request('update', `Grant role ${name} the added permissions`, putPolicy(policy), change.added.map(grant => `+ ${grant}`)));
				}

				if (change.removed.length > 0) {
					afterRegions.push(make.request('update', `Revoke the permissions role ${name} no longer needs`, putPolicy(desired.policy), change.removed.map(grant => `- ${grant}`)));
				}
			}
		}
	}

	const notes = observed && observed.otherPolicies.length > 0
		? [`role ${name} also has policies deploy did not write (${observed.otherPolicies.join(', ')}): the function gets their permissions too, so it no longer runs with least privilege. Remove them, or set function.role to use the role as it is.`]
		: [];
	return {roleName: name, roleArn: observed?.arn ?? desired.arn, policy: desired.policy, actions, afterRegions, notes};
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
const decode = (document: string) => (document.trimStart().startsWith('{') ? document : decodeURIComponent(document));

/** Every page of a Marker-paginated IAM list. */
async function allPages<T extends {IsTruncated?: boolean | undefined; Marker?: string | undefined}>(page: (marker?: string) => Promise<T>): Promise<T[]> {
	const pages: T[] = [];
	let marker: string | undefined;
	do {
		const next = await page(marker);
		pages.push(next);
		marker = next.IsTruncated ? next.Marker : undefined;
	} while (marker);
	return pages;
}

/** The role as IAM has it, or undefined when there is none of that name. */
export async function observeRole(aws: AwsSender, roleName: string, policyName: string, signal?: AbortSignal): Promise<ObservedRole | undefined> {
	const found = await orMissing(aws.send(request('iam', 'GetRole', {RoleName: roleName}), signal));
	if (found?.Role === undefined) {
		return undefined;
	}

	const [policy, inline, attached] = await Promise.all([
		orMissing(aws.send(request('iam', 'GetRolePolicy', {RoleName: roleName, PolicyName: policyName}), signal)),
		allPages(marker => aws.send(request('iam', 'ListRolePolicies', {RoleName: roleName, ...(marker ? {Marker: marker} : {})}), signal)),
		allPages(marker => aws.send(request('iam', 'ListAttachedRolePolicies', {RoleName: roleName, ...(marker ? {Marker: marker} : {})}), signal)),
	]);
	const {Role: role} = found;
	return {
		arn: role.Arn ?? '',
		trustPolicy: decode(role.AssumeRolePolicyDocument ?? '{}'),
		policy: policy?.PolicyDocument === undefined ? undefined : decode(policy.PolicyDocument),
		description: role.Description,
		tags: Object.fromEntries((role.Tags ?? []).map(tag => [tag.Key ?? '', tag.Value ?? ''])),
		otherPolicies: [
			...attached.flatMap(page => page.AttachedPolicies ?? []).map(attachedPolicy => attachedPolicy.PolicyName ?? '?'),
			...inline.flatMap(page => page.PolicyNames ?? []).filter(name => name !== policyName).map(name => `${name} (inline)`),
		],
	};
}
