// The execution-role planner: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {trustPolicy} from '../source/plan/policy.js';
import {desiredRole, planRole, rolePolicyName} from '../source/plan/role.js';
import type {ObservedRole} from '../source/plan/types.js';
import {loadSpec} from '../source/spec/spec.js';

const spec = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\n[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]\n'});
const role = desiredRole(spec, {regions: ['us-east-1'], account: '111122223333'});
const summary = (observed: ObservedRole | undefined) => planRole(role, observed).actions.map(action => `${action.change}: ${action.title}`);
const existing = (overrides: Partial<ObservedRole> = {}): ObservedRole => ({
	arn: 'arn:aws:iam::111122223333:role/orders-role',
	trustPolicy: JSON.stringify(trustPolicy),
	policy: JSON.stringify(role.policy),
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
			expected: ['no-op: Role orders-role already trusts Lambda', 'update: Update the policy of role orders-role'],
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

	it('shows the policy document and the aws iam commands, without a region', () => {
		const [create, put] = planRole(role, undefined).actions;
		expect(create!.awsCommand.slice(0, 5)).toEqual(['aws', 'iam', 'create-role', '--role-name', 'orders-role']);
		expect(JSON.parse(create!.awsCommand[create!.awsCommand.indexOf('--assume-role-policy-document') + 1]!)).toEqual(trustPolicy);
		expect(put!.awsCommand).not.toContain('--region');
		expect(JSON.parse(put!.awsCommand.at(-1)!)).toEqual(role.policy);
		expect(JSON.parse(put!.details.join('\n'))).toEqual(role.policy);
	});

	it('keeps the ARN of an existing role (it may have a path)', () => {
		expect(planRole(role, existing({arn: 'arn:aws:iam::111122223333:role/service/orders-role'})).roleArn)
			.toBe('arn:aws:iam::111122223333:role/service/orders-role');
		expect(planRole(role, undefined).roleArn).toBe('arn:aws:iam::111122223333:role/orders-role');
	});
});
