// The schedule trigger against a real moto server, through the built CLI: one
// EventBridge Scheduler schedule per region on the alias, with a scheduler role
// that may only invoke the alias; updated in place, no write on a second run,
// removed (schedule and role) when the trigger changes, or moved when
// deploy.alias changes (another environment's alias keeps its own).
import {GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolesCommand} from '@aws-sdk/client-iam';
import {CreateScheduleCommand, GetScheduleCommand, ListSchedulesCommand, SchedulerClient} from '@aws-sdk/client-scheduler';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createRole} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, describeRequest, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const account = '123456789012';
const regions = ['us-east-1', 'eu-west-1'];
const moto = useMoto();
let project: TestProject;
let zip: string;

const schedule = '[schedule]\nexpression = "rate(5 minutes)"\ntimezone = "Europe/Berlin"\ninput = \'{"job": "nightly"}\'';
const config = (trigger = 'schedule', section = schedule, deployKeys = '') =>
	`[project]\nname = "orders"\ntrigger = "${trigger}"\n\n${section}\n\n[deploy]\nregions = ["us-east-1", "eu-west-1"]\n${deployKeys}`;

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});
const clientOptions = (region = 'us-east-1') => ({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});
const aliasArn = (region: string) => `arn:aws:lambda:${region}:${account}:function:orders:live`;
const roleName = 'orders-live-scheduler';
const roleArn = `arn:aws:iam::${account}:role/${roleName}`;

const getSchedule = async (region: string, name = 'orders-live') =>
	new SchedulerClient(clientOptions(region)).send(new GetScheduleCommand({Name: name, GroupName: 'default'})).catch((error: Error) => error);
const listSchedules = async (region: string) =>
	(await new SchedulerClient(clientOptions(region)).send(new ListSchedulesCommand({}))).Schedules ?? [];

async function schedulerRole() {
	const iam = new IAMClient(clientOptions());
	const role = await iam.send(new GetRoleCommand({RoleName: roleName}));
	const policy = await iam.send(new GetRolePolicyCommand({RoleName: roleName, PolicyName: 'rust-lambda-wizard'}));
	return {
		tags: role.Role!.Tags,
		trust: JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)) as unknown,
		policy: JSON.parse(decodeURIComponent(policy.PolicyDocument!)) as unknown,
	};
}

const roleNames = async () => ((await new IAMClient(clientOptions()).send(new ListRolesCommand({}))).Roles ?? []).map(role => role.RoleName);

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	zip = await project.writeZip('v1');
	await project.writeConfig(config());
});

afterEach(async () => {
	await project.remove();
});

describe('deploy with trigger = "schedule" against moto', () => {
	it('makes one schedule per region on the alias ARN, with a role that may only invoke the alias', async () => {
		const result = await deploy('--yes');
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.stdout).toContain(`✔ IAM: role ${roleName}: 2 created`);

		for (const region of regions) {
			expect(await listSchedules(region)).toHaveLength(1);
			expect(await getSchedule(region)).toMatchObject({
				Name: 'orders-live',
				GroupName: 'default',
				ScheduleExpression: 'rate(5 minutes)',
				ScheduleExpressionTimezone: 'Europe/Berlin',
				FlexibleTimeWindow: {Mode: 'OFF'},
				State: 'ENABLED',
				Target: {Arn: aliasArn(region), RoleArn: roleArn, Input: '{"job": "nightly"}'},
			});
		}

		const role = await schedulerRole();
		expect(role.tags).toEqual([{Key: 'managed-by', Value: 'rust-lambda-wizard'}]);
		expect(role.trust).toEqual({
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Principal: {Service: 'scheduler.amazonaws.com'}, Action: 'sts:AssumeRole', Condition: {StringEquals: {'aws:SourceAccount': account}}}],
		});
		expect(role.policy).toEqual({
			Version: '2012-10-17',
			Statement: [{Sid: 'InvokeAlias', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: regions.map(region => aliasArn(region))}],
		});
	});

	it('writes nothing on an identical second run, and updates the same schedule in place when the expression changes', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		const before = await getSchedule('us-east-1');

		await moto.record();
		const again = await deploy('--yes');
		const requests = await moto.requests();
		expect(again.exitCode).toBe(0);
		expect(again.stdout).toContain(`= IAM: role ${roleName} unchanged`);
		expect(requests.map(request => describeRequest(request))).toContain('GET /schedules/orders-live');
		expect(awsWrites(requests)).toEqual([]);

		await project.writeConfig(config('schedule', schedule.replace('rate(5 minutes)', 'cron(0 12 * * ? *)')));
		await moto.record();
		const changed = await deploy('--yes');
		const writes = awsWrites(await moto.requests());
		expect(changed.exitCode, changed.stderr).toBe(0);
		expect(writes.map(request => `${request.method} ${new URL(request.url).pathname}`)).toEqual(['PUT /schedules/orders-live', 'PUT /schedules/orders-live']);
		for (const region of regions) {
			expect(await listSchedules(region)).toHaveLength(1);
			expect(await getSchedule(region)).toMatchObject({ScheduleExpression: 'cron(0 12 * * ? *)', Target: {Arn: aliasArn(region), RoleArn: roleArn}});
		}

		expect((await getSchedule('us-east-1') as {Arn?: string}).Arn).toBe((before as {Arn?: string}).Arn);
	});

	it('removes the schedules and then the scheduler role when the trigger is switched', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config('json', ''));

		const switched = await deploy('--yes');
		expect(switched.exitCode, switched.stderr).toBe(0);
		expect(switched.stdout).toContain(`✔ IAM: role ${roleName}: 2 deleted`);
		for (const region of regions) {
			expect(await listSchedules(region)).toEqual([]);
		}

		expect(await roleNames()).not.toContain(roleName);
		expect(await roleNames()).toContain('orders-role');

		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('finds its scheduler role by the schedules left when the function runs with a role of the user\'s, and reads no IAM otherwise', async () => {
		await createRole(moto, 'given');
		const withRole = (text: string) => text.replace('trigger = "schedule"\n', 'trigger = "schedule"\n\n[function]\nrole = "arn:aws:iam::{account}:role/given"\n')
			.replace('trigger = "json"\n', 'trigger = "json"\n\n[function]\nrole = "arn:aws:iam::{account}:role/given"\n');
		await project.writeConfig(withRole(config()));
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(await roleNames()).toContain(roleName);

		await project.writeConfig(withRole(config('json', '')));
		const switched = await deploy('--yes');
		expect(switched.exitCode, switched.stderr).toBe(0);
		expect(await listSchedules('us-east-1')).toEqual([]);
		expect(await roleNames()).not.toContain(roleName);

		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		const calls = (await moto.requests()).map(request => describeRequest(request));
		expect(calls.filter(call => call === 'GetRole')).toEqual([]);
	});

	it('keeps the role for a region the run does not cover, whose schedule still uses it', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		await project.writeConfig(config('json', ''));

		const east = await deploy('--yes', '--region', 'us-east-1');
		expect(east.exitCode, east.stderr).toBe(0);
		expect(east.stderr).toContain(`role ${roleName} stays`);
		expect(await listSchedules('us-east-1')).toEqual([]);
		expect(await listSchedules('eu-west-1')).toHaveLength(1);
		expect((await schedulerRole()).policy).toMatchObject({Statement: [{Action: ['lambda:InvokeFunction'], Resource: [aliasArn('eu-west-1')]}]});

		expect((await deploy('--yes', '--region', 'eu-west-1')).exitCode).toBe(0);
		expect(await listSchedules('eu-west-1')).toEqual([]);
		expect(await roleNames()).not.toContain(roleName);
	});

	it('moves the schedule and its role to the new alias when deploy.alias changes, leaving someone else\'s schedule of a like name', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		// Someone's schedule that invokes the function and is named like deploy's: its description is not deploy's.
		await new SchedulerClient(clientOptions('us-east-1')).send(new CreateScheduleCommand({
			Name: 'orders-other',
			Description: 'the monthly report, made by hand',
			ScheduleExpression: 'rate(30 days)',
			FlexibleTimeWindow: {Mode: 'OFF'},
			Target: {Arn: `arn:aws:lambda:us-east-1:${account}:function:orders:other`, RoleArn: `arn:aws:iam::${account}:role/other`},
		}));
		await project.writeConfig(config('schedule', schedule, 'alias = "prod"\n'));

		const dryRun = await deploy('--dry-run');
		expect(dryRun.exitCode, dryRun.stderr).toBe(0);
		expect(dryRun.stdout).toContain('Delete schedule orders-live that invoked orders:live');
		expect(dryRun.stdout).toContain('deploy.alias is now prod');
		for (const region of regions) {
			expect(dryRun.stdout).toContain(`$ aws scheduler delete-schedule --name orders-live --group-name default --region ${region}`);
		}

		expect(dryRun.stdout).toContain('$ aws iam delete-role --role-name orders-live-scheduler');

		const moved = await deploy('--yes');
		expect(moved.exitCode, moved.stderr).toBe(0);
		expect(moved.stdout).toContain('✔ IAM: role orders-live-scheduler: 2 deleted');
		for (const region of regions) {
			const names = (await listSchedules(region)).map(found => found.Name).sort();
			expect(names).toEqual(region === 'us-east-1' ? ['orders-other', 'orders-prod'] : ['orders-prod']);
			expect(await getSchedule(region, 'orders-prod')).toMatchObject({Target: {Arn: `arn:aws:lambda:${region}:${account}:function:orders:prod`, RoleArn: `arn:aws:iam::${account}:role/orders-prod-scheduler`}});
		}

		expect(await getSchedule('us-east-1', 'orders-other')).toMatchObject({Description: 'the monthly report, made by hand', ScheduleExpression: 'rate(30 days)'});
		expect(await roleNames()).toContain('orders-prod-scheduler');
		expect(await roleNames()).not.toContain(roleName);

		await moto.record();
		const again = await deploy('--yes');
		expect(again.exitCode, again.stderr).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('leaves the schedule and role of an alias another environment of the config deploys to', async () => {
		await project.writeConfig(config('schedule', schedule, '\n[env.staging.deploy]\nalias = "staging"\n'));
		expect((await deploy('--yes', '--env', 'staging')).exitCode).toBe(0);
		const live = await deploy('--yes');
		expect(live.exitCode, live.stderr).toBe(0);
		expect(live.stdout).not.toContain('Delete schedule');
		for (const region of regions) {
			expect((await listSchedules(region)).map(found => found.Name).sort()).toEqual(['orders-live', 'orders-staging']);
		}

		expect(await roleNames()).toEqual(expect.arrayContaining(['orders-live-scheduler', 'orders-staging-scheduler']));
		await moto.record();
		expect((await deploy('--yes', '--env', 'staging')).exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
	});

	it('says the trigger is not connected, and which key to set, when [schedule] has no expression', async () => {
		await project.writeConfig(config('schedule', '[schedule]\ntimezone = "Europe/Berlin"'));
		const result = await deploy('--yes');
		expect(result.exitCode, result.stderr).toBe(0);
		expect(result.stderr).toMatch(/note:.*schedule trigger is not connected.*Set schedule\.expression/);
		expect(await listSchedules('us-east-1')).toEqual([]);
		expect(await roleNames()).not.toContain(roleName);
	});

	it('shows the aws commands in --dry-run, and refuses a schedule of its name that deploy did not make', async () => {
		const dryRun = await deploy('--dry-run');
		expect(dryRun.exitCode).toBe(0);
		expect(dryRun.stdout).toContain('IAM (global): scheduler role orders-live-scheduler');
		expect(dryRun.stdout).toContain('$ aws iam create-role --role-name orders-live-scheduler');
		expect(dryRun.stdout).toMatch(/\$ aws scheduler create-schedule --name orders-live --group-name default .*--schedule-expression 'rate\(5 minutes\)' --schedule-expression-timezone Europe\/Berlin --flexible-time-window '\{"Mode":"OFF"\}'.* --region us-east-1/);

		await new SchedulerClient(clientOptions('eu-west-1')).send(new CreateScheduleCommand({
			Name: 'orders-live',
			ScheduleExpression: 'rate(1 day)',
			FlexibleTimeWindow: {Mode: 'OFF'},
			Target: {Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:other', RoleArn: `arn:aws:iam::${account}:role/other`},
		}));
		await moto.record();
		const refused = await deploy('--yes');
		expect(refused.exitCode).toBe(2);
		expect(refused.stderr).toContain('deploy did not create it');
		expect(awsWrites(await moto.requests())).toEqual([]);
	});
});
