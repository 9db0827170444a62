// The execution-role planner: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {trustPolicy} from '../source/deploy/policy.js';
import {resourceGrants} from '../source/deploy/registry.js';
import {desiredRole, planRole, rolePolicyName} from '../source/deploy/role.js';
import type {Spec} from '../source/spec/schema.js';
import type {ObservedRole} from '../source/deploy/types.js';
import {loadSpec} from '../source/spec/spec.js';

/** The role deploy wants, with the grants its resources ask for (an SQS queue's read actions). */
const roleFor = (spec: Spec, scope: {regions: string[]; account: string}) => desiredRole(spec, scope, resourceGrants(spec, scope));

const spec = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\n[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]\n'});
const role = roleFor(spec, {regions: ['us-east-1'], account: '111122223333'});
const summary = (observed: ObservedRole | undefined) => planRole(role, observed).actions.map(action => `${action.change}: ${action.title}`);
const existing = (overrides: Partial<ObservedRole> = {}): ObservedRole => ({
	arn: 'arn:aws:iam::111122223333:role/orders-role',
	trustPolicy: JSON.stringify(trustPolicy),
	policy: JSON.stringify(role.policy),
	tags: {'managed-by': 'rust-lambda-wizard'},
	otherPolicies: [],
	...overrides,
});

describe('desiredRole', () => {
	it('is named by function.role_name, with the policy computed from the config', () => {
		expect(role).toMatchObject({name: 'orders-role', arn: 'arn:aws:iam::111122223333:role/orders-role', policyName: rolePolicyName});
		expect(role.policy.Statement.map(statement => statement.Sid)).toEqual(['Logs', 'VpcNetworkInterfaces']);
	});
});

describe('planRole', () => {
	it.each([
		{case: 'no role yet', observed: undefined, expected: ['create: Create role orders-role', 'create: Give role orders-role its policy']},
		{case: 'the role as it should be', observed: existing(), expected: ['no-op: Role orders-role already trusts Lambda', 'no-op: Policy of role orders-role unchanged']},
		{
			case: 'the same policy written in another order',
			observed: existing({policy: JSON.stringify({...role.policy, Statement: [...role.policy.Statement].reverse()})}),
			expected: ['no-op: Role orders-role already trusts Lambda', 'no-op: Policy of role orders-role unchanged'],
		},
		{
			case: 'a policy from an older config',
			observed: existing({policy: JSON.stringify({...role.policy, Statement: role.policy.Statement.slice(0, 1)})}),
			expected: ['no-op: Role orders-role already trusts Lambda', 'update: Grant role orders-role the added permissions'],
		},
		{case: 'a role without the policy', observed: existing({policy: undefined}), expected: ['no-op: Role orders-role already trusts Lambda', 'create: Give role orders-role its policy']},
		{
			case: 'a role that Lambda may not assume',
			observed: existing({trustPolicy: JSON.stringify({...trustPolicy, Statement: [{...trustPolicy.Statement[0]!, Principal: {Service: 'ec2.amazonaws.com'}}]})}),
			expected: ['update: Let Lambda assume role orders-role', 'no-op: Policy of role orders-role unchanged'],
		},
	])('$case', ({observed, expected}) => {
		expect(summary(observed)).toEqual(expected);
	});

	it('grants added permissions before the regions and revokes removed ones after them', () => {
		const logs = role.policy.Statement[0]!;
		const oldQueue = {Sid: 'SendToQueues', Effect: 'Allow' as const, Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:111122223333:old']};
		const plan = planRole(role, existing({policy: JSON.stringify({Version: '2012-10-17', Statement: [logs, oldQueue]})}));
		const [, grant] = plan.actions;
		expect(grant).toMatchObject({change: 'update', title: 'Grant role orders-role the added permissions'});
		expect(grant!.details).toEqual([
			'+ ec2:AssignPrivateIpAddresses on *', '+ ec2:CreateNetworkInterface on *', '+ ec2:DeleteNetworkInterface on *',
			'+ ec2:DescribeNetworkInterfaces on *', '+ ec2:DescribeSubnets on *', '+ ec2:UnassignPrivateIpAddresses on *',
		]);
		// While the regions change, the role holds both: the new grants and the old queue (unnamed: each Sid once).
		const union = JSON.parse(grant!.awsCommand.at(-1)!) as typeof role.policy;
		expect(union.Statement).toEqual([...role.policy.Statement, {Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:111122223333:old']}]);
		expect(plan.afterRegions).toHaveLength(1);
		expect(plan.afterRegions[0]).toMatchObject({
			change: 'update',
			title: 'Revoke the permissions role orders-role no longer needs',
			details: ['- sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:old'],
		});
		expect(JSON.parse(plan.afterRegions[0]!.awsCommand.at(-1)!)).toEqual(role.policy);
	});

	it.each([
		{case: 'only removals: nothing before, the final policy after', extra: true, missing: false, before: [], after: ['Revoke the permissions role orders-role no longer needs']},
		{case: 'only additions: the final policy before, nothing after', extra: false, missing: true, before: ['Grant role orders-role the added permissions'], after: []},
		{case: 'nothing granted or taken, only written otherwise (a Sid): replaced before', extra: false, missing: false, renamed: true, before: ['Update the policy of role orders-role'], after: []},
	])('$case', ({extra, missing, renamed, before, after}) => {
		const statements = role.policy.Statement
			.filter((_, index) => !missing || index === 0)
			.map(statement => (renamed ? {...statement, Sid: `${statement.Sid}Renamed`} : statement));
		const queue = {Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:old'};
		const plan = planRole(role, existing({policy: JSON.stringify({Version: '2012-10-17', Statement: [...statements, ...(extra ? [queue] : [])]})}));
		expect(plan.actions.filter(action => action.change !== 'no-op').map(action => action.title)).toEqual(before);
		expect(plan.afterRegions.map(action => action.title)).toEqual(after);
		for (const action of [...plan.actions, ...plan.afterRegions].filter(action => action.title !== 'Role orders-role already trusts Lambda')) {
			expect(JSON.parse(action.awsCommand.at(-1)!)).toEqual(role.policy);
		}
	});

	it('shows the policy document and the aws iam commands, without a region', () => {
		const [create, put] = planRole(role, undefined).actions;
		expect(create!.awsCommand.slice(0, 5)).toEqual(['aws', 'iam', 'create-role', '--role-name', 'orders-role']);
		expect(JSON.parse(create!.awsCommand[create!.awsCommand.indexOf('--assume-role-policy-document') + 1]!)).toEqual(trustPolicy);
		expect(put!.awsCommand).not.toContain('--region');
		expect(JSON.parse(put!.awsCommand.at(-1)!)).toEqual(role.policy);
		expect(JSON.parse(put!.details.join('\n'))).toEqual(role.policy);
	});

	it('refuses a role of that name that deploy did not create, before any write, saying how to go on', () => {
		// An EC2 role with admin rights that happens to be called orders-role.
		const foreign = existing({
			arn: 'arn:aws:iam::111122223333:role/orders-role',
			tags: {team: 'platform'},
			description: 'EC2 instances',
			trustPolicy: JSON.stringify({...trustPolicy, Statement: [{...trustPolicy.Statement[0]!, Principal: {Service: 'ec2.amazonaws.com'}}]}),
			policy: undefined,
			otherPolicies: ['AdministratorAccess'],
		});
		expect(() => planRole(role, foreign)).toThrow(expect.objectContaining({
			kind: 'run',
			message: 'Role orders-role already exists and deploy did not create it (it lacks the tag managed-by = rust-lambda-wizard): deploy will not change its trust policy or its permissions.',
			hint: 'To run the function with that role as it is, set function.role = "arn:aws:iam::111122223333:role/orders-role" (or pass --role); to let deploy create a role of its own, set function.role_name to another name.',
		}));
	});

	it('takes a role an older version made (its description, no tag) as its own', () => {
		const older = existing({tags: {}, description: 'Execution role of a Lambda function; its policy is managed by rust-lambda-wizard deploy'});
		expect(summary(older)).toEqual(['no-op: Role orders-role already trusts Lambda', 'no-op: Policy of role orders-role unchanged']);
	});

	it('tags the role it creates', () => {
		const [create] = planRole(role, undefined).actions;
		expect(create!.awsCommand).toEqual(expect.arrayContaining(['--tags', '[{"Key":"managed-by","Value":"rust-lambda-wizard"}]']));
	});

	it('notes policies on its role that it did not write: least privilege no longer holds', () => {
		expect(planRole(role, existing()).notes).toEqual([]);
		expect(planRole(role, existing({otherPolicies: ['AdministratorAccess', 'extra (inline)']})).notes).toEqual([
			'role orders-role also has policies deploy did not write (AdministratorAccess, extra (inline)): the function gets their permissions too, so it no longer runs with least privilege. Remove them, or set function.role to use the role as it is.',
		]);
	});

	it('keeps the ARN of an existing role (it may have a path)', () => {
		expect(planRole(role, existing({arn: 'arn:aws:iam::111122223333:role/service/orders-role'})).roleArn)
			.toBe('arn:aws:iam::111122223333:role/service/orders-role');
		expect(planRole(role, undefined).roleArn).toBe('arn:aws:iam::111122223333:role/orders-role');
	});
});

describe('planRole for a run that covers fewer regions than the role serves', () => {
	const account = '111122223333';
	const config = (async: string) => loadSpec({file: 'rust-lambda.toml', text: [
		'[project]\nname = "orders"\ntrigger = "sqs"',
		'[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"',
		async,
	].join('\n')});
	const withDestinations = config('[async]\non_success = "arn:aws:sqs:{region}:{account}:failed"\non_failure = "arn:aws:s3:::archive"');
	const both = roleFor(withDestinations, {regions: ['us-east-1', 'eu-west-1'], account});
	const deployedBoth = existing({policy: JSON.stringify(both.policy)});
	const grantsOf = (document: string) => (JSON.parse(document) as typeof both.policy).Statement
		.flatMap(statement => [statement.Action].flat().flatMap(action => [statement.Resource].flat().map(resource => `${action} on ${resource}`)))
		.sort();

	it('changes nothing when only the covered region is deployed again', () => {
		const plan = planRole(roleFor(withDestinations, {regions: ['us-east-1'], account}), deployedBoth);
		expect(plan.actions.map(action => action.change)).toEqual(['no-op', 'no-op']);
		expect(plan.afterRegions).toEqual([]);
	});

	it('revokes only grants in the covered region and region-less ones, keeping the other region\'s', () => {
		const plan = planRole(roleFor(config(''), {regions: ['us-east-1'], account}), deployedBoth);
		expect(plan.actions.filter(action => action.change !== 'no-op')).toEqual([]);
		expect(plan.afterRegions).toHaveLength(1);
		expect(plan.afterRegions[0]!.details).toEqual([
			'- s3:ListBucket on arn:aws:s3:::archive',
			'- s3:PutObject on arn:aws:s3:::archive/*',
			'- sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:failed',
		]);
		const final = grantsOf(plan.afterRegions[0]!.awsCommand.at(-1)!);
		expect(final).toEqual(expect.arrayContaining([
			'logs:PutLogEvents on arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:*',
			'sqs:ReceiveMessage on arn:aws:sqs:eu-west-1:111122223333:orders',
			'sqs:SendMessage on arn:aws:sqs:eu-west-1:111122223333:failed',
		]));
		expect(final.filter(grant => grant.includes('us-east-1:111122223333:failed') || grant.includes('s3:'))).toEqual([]);
	});
});
