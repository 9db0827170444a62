// The schedule trigger's planners: the schedule's diff, its name, and the
// scheduler role (planned by role.ts like the execution role, and removed when
// no region needs it); what an earlier deploy.alias left, found and removed. Pure
// (the reads go to a fake sender).
import {describe, expect, it} from 'vitest';
import {fitName} from '../source/deploy/names.js';
import {planRole, planRoleRemoval} from '../source/deploy/role.js';
import type {AnyRequest} from '../source/deploy/request.js';
import type {PlanContext, RegionTarget} from '../source/deploy/resource.js';
import {desiredSchedule, planSchedule, planStaleSchedules, scheduleDiff, scheduleName, schedulePrefix, scheduleResource, schedulerRoleName, schedulerServiceRole, type ObservedSchedule, type StaleSchedule} from '../source/deploy/schedule.js';
import type {ObservedRole} from '../source/deploy/types.js';
import {RunError} from '../source/errors.js';
import {loadSpec} from '../source/spec/spec.js';
import {fakeSender} from './support/fake-lambda.js';
import {inputOf, operations} from './support/plans.js';

const account = '111122223333';
const where = {region: 'us-east-1', account};
const specOf = (schedule: string, extra = '') => loadSpec({
	file: 'rust-lambda.toml',
	text: `[project]\nname = "orders"\ntrigger = "schedule"\n[function]\nrole = "arn:aws:iam::${account}:role/r"\n${extra}[schedule]\n${schedule}`,
});
const spec = specOf('expression = "rate(5 minutes)"\ntimezone = "Europe/Berlin"\ninput = \'{"job": "nightly"}\'\n');
const desired = desiredSchedule(spec, where)!;
const target = {region: 'us-east-1', functionName: 'orders', alias: 'live'};
const observed = (overrides: Partial<ObservedSchedule> = {}): ObservedSchedule => ({...desired, name: 'orders-live', ...overrides});

describe('the schedule deploy wants', () => {
	it('invokes the alias ARN with the scheduler role, in the config\'s time zone, with its input', () => {
		expect(desired).toEqual({
			expression: 'rate(5 minutes)',
			timezone: 'Europe/Berlin',
			input: '{"job": "nightly"}',
			targetArn: `arn:aws:lambda:us-east-1:${account}:function:orders:live`,
			roleArn: `arn:aws:iam::${account}:role/orders-live-scheduler`,
			flexibleWindow: 'OFF',
			state: 'ENABLED',
			description: 'Invokes the Lambda function orders, alias live; managed by rust-lambda-wizard deploy',
		});
	});

	it('is none without an expression, and deploy says the trigger is not connected and which key to set', () => {
		const unset = specOf('timezone = "UTC"\n');
		expect(desiredSchedule(unset, where)).toBeUndefined();
		expect(scheduleResource.configNotes?.(unset)).toEqual([expect.stringMatching(/schedule trigger is not connected.*Set schedule\.expression/)]);
		expect(scheduleResource.configNotes?.(spec)).toEqual([]);
		expect(scheduleResource.needsAccount?.(unset)).toBe(false);
	});
});

describe('planSchedule', () => {
	it('creates the schedule in the default group: flexible window off, target the alias ARN with the role and input', () => {
		const actions = planSchedule(target, desired, undefined);
		expect(operations(actions)).toEqual(['CreateSchedule']);
		expect(inputOf(actions, 'CreateSchedule')).toEqual({
			Name: 'orders-live',
			GroupName: 'default',
			Description: desired.description,
			ScheduleExpression: 'rate(5 minutes)',
			ScheduleExpressionTimezone: 'Europe/Berlin',
			FlexibleTimeWindow: {Mode: 'OFF'},
			State: 'ENABLED',
			Target: {Arn: desired.targetArn, RoleArn: desired.roleArn, Input: '{"job": "nightly"}'},
		});
		expect(actions[0]!.awsCommand.slice(0, 5)).toEqual(['aws', 'scheduler', 'create-schedule', '--name', 'orders-live']);
	});

	it('leaves out the time zone and input the config does not set', () => {
		const plain = desiredSchedule(specOf('expression = "cron(0 12 * * ? *)"\n'), where)!;
		const input = inputOf(planSchedule(target, plain, undefined), 'CreateSchedule')!;
		expect(input).not.toHaveProperty('ScheduleExpressionTimezone');
		expect(input['Target']).toEqual({Arn: plain.targetArn, RoleArn: plain.roleArn});
	});

	it('writes nothing when the schedule is as the config says', () => {
		expect(operations(planSchedule(target, desired, observed()))).toEqual(['-']);
	});

	it.each([
		{case: 'a new expression', change: {expression: 'rate(1 hour)'}, line: 'expression rate(1 hour) → rate(5 minutes)'},
		{case: 'another time zone', change: {timezone: 'UTC'}, line: 'time zone UTC → Europe/Berlin'},
		{case: 'no input', change: {input: undefined}, line: 'input none → {"job": "nightly"}'},
		{case: 'another role', change: {roleArn: 'arn:aws:iam::111122223333:role/other'}, line: `role arn:aws:iam::111122223333:role/other → ${desired.roleArn}`},
		{case: 'a flexible window', change: {flexibleWindow: 'FLEXIBLE'}, line: 'flexible time window FLEXIBLE → OFF'},
		{case: 'a disabled schedule', change: {state: 'DISABLED'}, line: 'state DISABLED → ENABLED'},
	])('updates the same schedule in place for $case, sending every setting', ({change, line}) => {
		const seen = observed(change as Partial<ObservedSchedule>);
		const actions = planSchedule(target, desired, seen);
		expect(operations(actions)).toEqual(['UpdateSchedule']);
		expect(actions[0]!.details).toEqual([line]);
		expect(inputOf(actions, 'UpdateSchedule')).toEqual(inputOf(planSchedule(target, desired, undefined), 'CreateSchedule'));
		expect(scheduleDiff(seen, desired)).toEqual([line]);
	});

	it('deletes its schedule when the config has none, and never touches a schedule it did not make', () => {
		const removal = planSchedule(target, undefined, observed());
		expect(operations(removal)).toEqual(['DeleteSchedule']);
		expect(inputOf(removal, 'DeleteSchedule')).toEqual({Name: 'orders-live', GroupName: 'default'});
		expect(planSchedule(target, undefined, undefined)).toEqual([]);
		const foreign = observed({description: 'made by hand'});
		expect(planSchedule(target, undefined, foreign)).toEqual([]);
		expect(planSchedule(target, desired, foreign)).toEqual([]);
	});

	it('refuses, before any write, a config whose schedule name is taken by someone else\'s', () => {
		const regionTarget = {spec, region: 'us-east-1', account, function: {name: 'orders', alias: 'live'}} as Parameters<NonNullable<typeof scheduleResource.check>>[1];
		const anchor = {versions: []};
		expect(scheduleResource.check?.({schedule: observed({description: 'made by hand'})}, regionTarget, anchor)).toMatchObject({key: 'schedule', message: expect.stringContaining('deploy did not create it') as string});
		expect(scheduleResource.check?.({schedule: observed()}, regionTarget, anchor)).toBeUndefined();
	});
});

describe('names', () => {
	it('are function-alias, and a long one is cut predictably to the service\'s limit, ending in a hash of the whole', () => {
		expect(scheduleName('orders', 'live')).toBe('orders-live');
		expect(schedulerRoleName('orders', 'live')).toBe('orders-live-scheduler');
		const fn = 'f'.repeat(64);
		const long = scheduleName(fn, 'live');
		expect(long).toHaveLength(64);
		expect(long).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
		expect(scheduleName(fn, 'live')).toBe(long);
		expect(scheduleName(fn, 'prod')).not.toBe(long);
		const role = schedulerRoleName(fn, 'a'.repeat(128));
		expect(role).toHaveLength(64);
		expect(role).toMatch(/-[0-9a-f]{8}-scheduler$/);
		expect(fitName('abc', '-x', 5)).toBe('abc-x');
	});
});

describe('the scheduler role', () => {
	const scope = {regions: ['us-east-1', 'eu-west-1'], account};
	const wanted = schedulerServiceRole.desired(spec, scope)!;
	const ours = (overrides: Partial<ObservedRole> = {}): ObservedRole => ({
		arn: `arn:aws:iam::${account}:role/orders-live-scheduler`,
		trustPolicy: JSON.stringify(wanted.trustPolicy),
		policy: JSON.stringify(wanted.policy),
		tags: {'managed-by': 'rust-lambda-wizard'},
		otherPolicies: [],
		...overrides,
	});
	const summary = (plan: {actions: Array<{change: string; title: string}>; afterRegions: Array<{change: string; title: string}>} | undefined) =>
		plan === undefined ? undefined : [...plan.actions, ...plan.afterRegions].map(action => `${action.change}: ${action.title}`);

	it('is trusted by scheduler.amazonaws.com for this account only, and may only invoke the alias in each region', () => {
		expect(wanted.name).toBe('orders-live-scheduler');
		expect(wanted.trustPolicy).toEqual({
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Principal: {Service: 'scheduler.amazonaws.com'}, Action: 'sts:AssumeRole', Condition: {StringEquals: {'aws:SourceAccount': account}}}],
		});
		expect(wanted.policy).toEqual({
			Version: '2012-10-17',
			Statement: [{
				Sid: 'InvokeAlias',
				Effect: 'Allow',
				Action: ['lambda:InvokeFunction'],
				Resource: [`arn:aws:lambda:us-east-1:${account}:function:orders:live`, `arn:aws:lambda:eu-west-1:${account}:function:orders:live`],
			}],
		});
		expect(schedulerServiceRole.desired(specOf('timezone = "UTC"\n'), scope)).toBeUndefined();
	});

	it('is created and tagged like the execution role, and left alone when it is as it should be', () => {
		const created = planRole(wanted, undefined);
		expect(created.label).toBe('scheduler role');
		expect(summary(created)).toEqual(['create: Create role orders-live-scheduler', 'create: Give role orders-live-scheduler its policy']);
		const step = created.actions[0]!.step;
		expect(step?.kind === 'request' && step.request.input).toMatchObject({Tags: [{Key: 'managed-by', Value: 'rust-lambda-wizard'}]});
		expect(summary(planRole(wanted, ours()))).toEqual(['no-op: Role orders-live-scheduler already trusts EventBridge Scheduler', 'no-op: Policy of role orders-live-scheduler unchanged']);
	});

	it('refuses to take over a role of its name that deploy did not create', () => {
		expect(() => planRole(wanted, ours({tags: {}}))).toThrow(RunError);
		expect(() => planRole(wanted, ours({tags: {}}))).toThrow(/deploy did not create it/);
	});

	it('is deleted after the regions when no region needs it any more', () => {
		expect(summary(planRoleRemoval(wanted.name, wanted.kind, scope.regions, ours()))).toEqual([
			'delete: Delete the policy of role orders-live-scheduler',
			'delete: Delete role orders-live-scheduler',
		]);
		const removal = planRoleRemoval(wanted.name, wanted.kind, scope.regions, ours())!;
		expect(removal.actions).toEqual([]);
		expect(planRoleRemoval(wanted.name, wanted.kind, scope.regions, undefined)).toBeUndefined();
		expect(planRoleRemoval(wanted.name, wanted.kind, scope.regions, ours({tags: {}}))).toBeUndefined();
	});

	it('stays, saying why, while a region this run does not cover still has its schedule, or when it has policies deploy did not write', () => {
		const onlyEast = planRoleRemoval(wanted.name, wanted.kind, ['us-east-1'], ours())!;
		expect(summary(onlyEast)).toEqual(['update: Revoke the permissions role orders-live-scheduler no longer needs']);
		const step = onlyEast.afterRegions[0]!.step;
		const left = JSON.parse(step?.kind === 'request' ? (step.request.input as {PolicyDocument: string}).PolicyDocument : '{}') as {Statement: Array<{Resource: string[]}>};
		expect(left.Statement.flatMap(statement => statement.Resource)).toEqual([`arn:aws:lambda:eu-west-1:${account}:function:orders:live`]);
		expect(onlyEast.notes).toEqual([expect.stringContaining('stays')]);

		const shared = planRoleRemoval(wanted.name, wanted.kind, scope.regions, ours({otherPolicies: ['Extra']}))!;
		expect(summary(shared)).toEqual(['delete: Delete the policy of role orders-live-scheduler']);
		expect(shared.notes).toEqual([expect.stringContaining('policies deploy did not write (Extra)')]);
	});
});

describe('a schedule an earlier deploy.alias left', () => {
	const liveDescription = 'Invokes the Lambda function orders, alias live; managed by rust-lambda-wizard deploy';
	const stale = (alias = 'live'): StaleSchedule => ({...observed(), name: `orders-${alias}`, alias, expression: 'rate(1 hour)', description: liveDescription.replace('alias live', `alias ${alias}`)});
	const prodSpec = specOf('expression = "rate(5 minutes)"\n', '[deploy]\nalias = "prod"\n');
	const regionTarget = (forSpec = prodSpec): RegionTarget => ({spec: forSpec, region: 'us-east-1', account, function: {name: 'orders', alias: forSpec.deploy.alias, region: 'us-east-1'}} as RegionTarget);
	const contextOf = (forSpec = prodSpec): PlanContext => ({target: regionTarget(forSpec), anchor: {versions: []}, before: [], result: {}});

	it('is deleted, saying which alias it invoked and that deploy.alias changed, with its aws command', () => {
		const actions = planStaleSchedules({region: 'us-east-1', functionName: 'orders', alias: 'prod'}, [stale()]);
		expect(actions.map(action => [action.change, action.title, action.details])).toEqual([
			['delete', 'Delete schedule orders-live that invoked orders:live', ['was rate(1 hour); deploy.alias is now prod']],
		]);
		expect(inputOf(actions, 'DeleteSchedule')).toEqual({Name: 'orders-live', GroupName: 'default'});
		expect(actions[0]!.awsCommand.join(' ')).toBe('aws scheduler delete-schedule --name orders-live --group-name default --region us-east-1');
	});

	it('goes after the new alias\'s schedule is made, so that one always runs; also when the config wants no schedule any more', () => {
		const both = scheduleResource.plan({staleSchedules: [stale()]}, contextOf());
		expect(both.map(action => action.title)).toEqual(['Create schedule orders-prod to invoke orders:prod', 'Delete schedule orders-live that invoked orders:live']);
		const none = specOf('timezone = "UTC"\n', '[deploy]\nalias = "prod"\n');
		expect(operations(scheduleResource.plan({staleSchedules: [stale()]}, contextOf(none)))).toEqual(['DeleteSchedule']);
	});

	it('names its scheduler role, to be removed after the regions like one the config no longer needs', () => {
		expect(schedulerServiceRole.staleNames({versions: [], staleSchedules: [stale(), stale('blue')]} as never, prodSpec)).toEqual(['orders-live-scheduler', 'orders-blue-scheduler']);
		expect(schedulerServiceRole.staleNames({versions: []} as never, prodSpec)).toEqual([]);
	});

	it('is looked for by a prefix every schedule name of the function starts with, within Scheduler\'s 64 characters', () => {
		expect(schedulePrefix('orders')).toBe('orders-');
		const long = 'f'.repeat(64);
		expect(schedulePrefix(long).length).toBeLessThanOrEqual(64);
		for (const alias of ['live', 'a'.repeat(128)]) {
			expect(scheduleName(long, alias).startsWith(schedulePrefix(long))).toBe(true);
			expect(scheduleName('f'.repeat(50), alias).startsWith(schedulePrefix('f'.repeat(50)))).toBe(true);
		}
	});

	describe('found in a region', () => {
		type Listed = {Name: string; target?: string; description?: string};
		// The default group as ListSchedules pages it (two to a page, as a small MaxResults would) and GetSchedule reads it.
		function scheduler(listed: Listed[], denied: string[] = []) {
			const calls: string[] = [];
			const api = async (request: AnyRequest) => {
				const input = request.input as Record<string, unknown>;
				calls.push(`${request.operation} ${JSON.stringify(input)}`);
				if (denied.includes(request.operation)) {
					throw Object.assign(new Error(`User: arn:aws:iam::${account}:user/ci is not authorized to perform: scheduler:${request.operation}`), {name: 'AccessDeniedException'});
				}

				if (request.operation === 'ListSchedules') {
					const start = Number(input['NextToken'] ?? 0);
					const page = listed.filter(schedule => schedule.Name.startsWith(String(input['NamePrefix']))).slice(start, start + 2);
					const more = start + 2 < listed.length;
					return {Schedules: page.map(schedule => ({Name: schedule.Name, GroupName: 'default', Target: {Arn: schedule.target ?? `arn:aws:lambda:us-east-1:${account}:function:orders:x`}})), ...(more ? {NextToken: String(start + 2)} : {})};
				}

				const found = listed.find(schedule => schedule.Name === input['Name']);
				if (found === undefined) {
					throw Object.assign(new Error('Schedule not found'), {name: 'ResourceNotFoundException'});
				}

				return {Name: found.Name, Description: found.description, ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: {Mode: 'OFF'}, State: 'ENABLED', Target: {Arn: found.target, RoleArn: 'arn:aws:iam::1:role/r'}};
			};

			return {calls, aws: fakeSender('us-east-1', {scheduler: {api}})};
		}

		const observe = async (aws: ReturnType<typeof scheduler>['aws'], forSpec = prodSpec) =>
			scheduleResource.observe({aws, readManifest: async () => undefined}, regionTarget(forSpec), {versions: []});
		const ofAlias = (alias: string) => ({Name: `orders-${alias}`, target: `arn:aws:lambda:us-east-1:${account}:function:orders:${alias}`, description: liveDescription.replace('alias live', `alias ${alias}`)});

		it('is deploy\'s schedule for this function under another alias\'s name, read through every page; no one else\'s is taken for it', async () => {
			const {aws, calls} = scheduler([
				ofAlias('prod'),
				ofAlias('live'),
				// Someone's: another description on a name of ours, another function, or not deploy's name for the alias it describes.
				{...ofAlias('other'), description: 'nightly report, made by hand'},
				{Name: 'orders-reports-live', target: `arn:aws:lambda:us-east-1:${account}:function:orders-reports:live`, description: liveDescription.replace('orders', 'orders-reports')},
				{...ofAlias('copy'), description: liveDescription},
				ofAlias('blue'),
			]);
			const seen = await observe(aws) as {schedule?: ObservedSchedule; staleSchedules?: StaleSchedule[]};
			expect(seen.schedule?.name).toBe('orders-prod');
			expect(seen.staleSchedules?.map(schedule => [schedule.name, schedule.alias])).toEqual([['orders-live', 'live'], ['orders-blue', 'blue']]);
			const lists = calls.filter(call => call.startsWith('ListSchedules')).map(call => JSON.parse(call.slice('ListSchedules '.length)) as Record<string, unknown>);
			expect(lists).toEqual([
				{GroupName: 'default', NamePrefix: 'orders-', MaxResults: 100},
				{GroupName: 'default', NamePrefix: 'orders-', MaxResults: 100, NextToken: '2'},
				{GroupName: 'default', NamePrefix: 'orders-', MaxResults: 100, NextToken: '4'},
			]);
			// Read only what invokes this function; the current alias's once, by its name.
			expect(calls.filter(call => call.startsWith('GetSchedule')).map(call => (JSON.parse(call.slice('GetSchedule '.length)) as {Name: string}).Name).sort())
				.toEqual(['orders-blue', 'orders-copy', 'orders-live', 'orders-other', 'orders-prod']);
		});

		it('is not an alias another environment of the config deploys to: that one is its', async () => {
			const {aws, calls} = scheduler([ofAlias('live'), ofAlias('staging')]);
			const withEnvironments = loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "schedule"\n[schedule]\nexpression = "rate(5 minutes)"\n[deploy]\nalias = "prod"\n[env.staging.deploy]\nalias = "staging"\n`});
			const seen = await observe(aws, withEnvironments) as {staleSchedules?: StaleSchedule[]};
			expect(seen.staleSchedules?.map(schedule => schedule.name)).toEqual(['orders-live']);
			expect(calls.some(call => call.includes('"Name":"orders-staging"'))).toBe(false);
		});

		it('without scheduler:ListSchedules: a config without a schedule is told, one with a schedule stops (its old alias would go on being invoked)', async () => {
			const noSchedule = specOf('timezone = "UTC"\n');
			const told = await observe(scheduler([ofAlias('live')], ['ListSchedules']).aws, noSchedule);
			expect(scheduleResource.unchecked?.(told as never)).toBe('for schedules an earlier deploy made (the credentials lack scheduler:ListSchedules)');
			const neither = await observe(scheduler([], ['ListSchedules', 'GetSchedule']).aws, noSchedule);
			expect(scheduleResource.unchecked?.(neither as never)).toBe('for schedules an earlier deploy made (the credentials lack scheduler:GetSchedule and scheduler:ListSchedules)');
			await expect(observe(scheduler([ofAlias('live')], ['ListSchedules']).aws)).rejects.toMatchObject({name: 'AccessDeniedException'});
		});
	});
});
