// Plans the roles deploy manages: the execution role when function.role is not
// set (trusted by Lambda), and the role a trigger's service assumes (the
// scheduler's), each with its one inline policy. Pure, and planned once: IAM is
// global. Grants are added before the regions run and taken away only after all
// of them finished (afterRegions), so no setting lacks its permission; grants on
// resources in regions the run does not cover are kept. A role the config no
// longer needs is deleted after the regions, unless other regions still use it.
import {RunError} from '../errors.js';
import {roleArn} from '../plan/arns.js';
import {anyRegion} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {policyChange} from './policy-change.js';
import {withOtherRegions} from './policy-regions.js';
import {executionPolicy, samePolicy, trustPolicy, type PolicyScope, type Statement} from './policy.js';
import {orMissing, request, type AwsSender} from './request.js';
import type {DesiredRole, ObservedRole, PolicyDocument, RoleKind, RolePlan} from './types.js';

/** The tag on every role deploy creates: deploy changes no role without it (or its kind's description, from older versions). */
const roleTag = {key: 'managed-by', value: 'rust-lambda-wizard'} as const;

/** The inline policy's name: says who writes it, so a person knows not to edit it by hand. */
export const rolePolicyName = 'rust-lambda-wizard';

const executionRole: RoleKind = {
	label: 'execution role',
	service: 'lambda.amazonaws.com',
	serviceName: 'Lambda',
	description: 'Execution role of a Lambda function; its policy is managed by rust-lambda-wizard deploy',
	takeOverHint: arn => `To run the function with that role as it is, set function.role = "${arn}" (or pass --role); to let deploy create a role of its own, set function.role_name to another name.`,
	user: 'the function',
};

export function desiredRole(spec: Spec, scope: PolicyScope, grants: readonly Statement[] = []): DesiredRole {
	const name = spec.function.role_name;
	return {
		kind: executionRole,
		name,
		arn: roleArn(scope.regions[0] ?? anyRegion, scope.account, name),
		regions: scope.regions,
		policyName: rolePolicyName,
		trustPolicy,
		policy: executionPolicy(spec, scope, grants),
	};
}

/** A role a trigger's service assumes (the scheduler's): run with the execution role, before the regions. */
export interface ServiceRole<Observed = never> {
	kind: RoleKind;
	/** Whether what a region holds (a schedule of deploy's) still uses the role: then it is looked for even when the config needs none. */
	leftIn(observed: Observed): boolean;
	/** Its name for this config, also when the config needs none: to find the one an earlier deploy made. */
	name(spec: Spec): string;
	/** The names of the roles what a region holds used under an earlier config (a schedule of an alias the config left): removed too. */
	staleNames(observed: Observed, spec: Spec): string[];
	/** The role as the config wants it; undefined: none is needed (deploy's own is removed). */
	desired(spec: Spec, scope: PolicyScope): DesiredRole | undefined;
}

/** The document, one line per JSON line, for --dry-run and the confirmation. */
const documentLines = (document: PolicyDocument) => JSON.stringify(document, null, 2).split('\n');

/** deploy's own role: tagged when deploy created it (older versions set only the description). */
const madeByDeploy = (role: ObservedRole, kind: RoleKind) => role.tags[roleTag.key] === roleTag.value || role.description === kind.description;

const otherPoliciesNote = (name: string, kind: RoleKind, observed: ObservedRole) =>
	`role ${name} also has policies deploy did not write (${observed.otherPolicies.join(', ')}): ${kind.user} gets their permissions too, so it no longer runs with least privilege. Remove them${kind === executionRole ? ', or set function.role to use the role as it is' : ''}.`;

export function planRole(wanted: DesiredRole, observed: ObservedRole | undefined): RolePlan {
	// IAM commands take no region; the aws-cli table leaves it out for them.
	const make = actionsIn('');
	const {name, kind} = wanted;
	const trusted = kind.service;
	if (observed && !madeByDeploy(observed, kind)) {
		// Rewriting its trust policy or adding grants would change what another workload runs with.
		throw new RunError(
			`Role ${name} already exists and deploy did not create it (it lacks the tag ${roleTag.key} = ${roleTag.value}): deploy will not change its trust policy or its permissions.`,
			kind.takeOverHint(observed.arn),
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
				Description: kind.description,
				Tags: [{Key: roleTag.key, Value: roleTag.value}],
			}), [`trusted by ${trusted}`], {alreadyExists: 'EntityAlreadyExistsException'}),
			make.request('create', `Give role ${name} its policy`, putPolicy(desired.policy), documentLines(desired.policy)),
		);
	} else {
		actions.push(samePolicy(observed.trustPolicy, desired.trustPolicy)
			? make.noOp(`Role ${name} already trusts ${kind.serviceName}`)
			: make.request('update', `Let ${kind.serviceName} assume role ${name}`, request('iam', 'UpdateAssumeRolePolicy', {RoleName: name, PolicyDocument: JSON.stringify(desired.trustPolicy)}), [`trust policy → ${trusted} only`]));

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

	const notes = observed && observed.otherPolicies.length > 0 ? [otherPoliciesNote(name, kind, observed)] : [];
	return {label: kind.label, roleName: name, roleArn: observed?.arn ?? desired.arn, policy: desired.policy, actions, afterRegions, notes};
}

/**
 * A role of deploy's that the config no longer needs: after every region
 * succeeded (their last use of it is gone then), its grants on this run's regions
 * are taken away, and when nothing is left, its policy and the role itself.
 * Grants on other regions' resources stay (the functions there still use them),
 * and so does a role with policies deploy did not write: both are said in a note.
 * A role deploy did not create is not touched.
 */
export function planRoleRemoval(name: string, kind: RoleKind, regions: readonly string[], observed: ObservedRole | undefined): RolePlan | undefined {
	if (observed === undefined || !madeByDeploy(observed, kind)) {
		return undefined;
	}

	const make = actionsIn('');
	const afterRegions: Action[] = [];
	const notes: string[] = [];
	const kept = observed.policy === undefined ? undefined : withOtherRegions({Version: '2012-10-17', Statement: []}, observed.policy, regions);
	const plan = (): RolePlan => ({label: kind.label, roleName: name, roleArn: observed.arn, policy: kept ?? {Version: '2012-10-17', Statement: []}, actions: [], afterRegions, notes});
	if (kept && kept.Statement.length > 0) {
		const change = policyChange(observed.policy!, kept);
		if (change && change.removed.length > 0) {
			afterRegions.push(make.request('update', `Revoke the permissions role ${name} no longer needs`, request('iam', 'PutRolePolicy', {RoleName: name, PolicyName: rolePolicyName, PolicyDocument: JSON.stringify(kept)}), change.removed.map(grant => `- ${grant}`)));
		}

		notes.push(`role ${name} stays: its policy still grants on resources in regions this run does not cover (${[...new Set(kept.Statement.flatMap(statement => [statement.Resource ?? []].flat()))].join(', ')}); a deploy to those regions removes it.`);
		return plan();
	}

	if (observed.policy !== undefined) {
		afterRegions.push(make.request('delete', `Delete the policy of role ${name}`, request('iam', 'DeleteRolePolicy', {RoleName: name, PolicyName: rolePolicyName}), [`no ${kind.label} is needed any more`], {alreadyGone: 'NoSuchEntityException'}));
	}

	if (observed.otherPolicies.length > 0) {
		notes.push(`role ${name} stays: it has policies deploy did not write (${observed.otherPolicies.join(', ')}); remove them and the role by hand if nothing uses it.`);
	} else {
		afterRegions.push(make.request('delete', `Delete role ${name}`, request('iam', 'DeleteRole', {RoleName: name}), [`no ${kind.label} is needed any more`], {alreadyGone: 'NoSuchEntityException'}));
	}

	return plan();
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
