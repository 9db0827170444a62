// The `schedule` trigger: an EventBridge Scheduler schedule in the default
// group that invokes the alias, with a role of its own that Scheduler assumes
// and that may only invoke that alias. Schedules in the default group take no
// tags, so deploy finds its schedule by a name made from the function and the
// alias, and knows it is its own by the description it wrote. UpdateSchedule
// replaces every setting, so an update sends all of them. When deploy.alias
// changes, the schedule (and role) deploy made for the alias before is removed:
// it would go on invoking the old alias. Aliases another environment of the
// config deploys to keep theirs.
import {aliasArn, roleArn} from '../plan/arns.js';
import {anyRegion} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {fitName, fittedPrefix} from './names.js';
import type {PolicyScope} from './policy.js';
import {orMissing, request, type AwsSender, type Input, type Output} from './request.js';
import type {RegionResource} from './resource.js';
import {rolePolicyName, type ServiceRole} from './role.js';
import type {DesiredRole, PolicyDocument, RoleKind} from './types.js';

/** Schedules in other groups are not ours: deploy makes none there. */
const group = 'default';

/** Scheduler's names: 1–64 of [0-9a-zA-Z-_.]; function and alias names use a subset. */
export const scheduleName = (functionName: string, alias: string) => fitName(`${functionName}-${alias}`, '', 64);

/** IAM role names: at most 64 characters. */
export const schedulerRoleName = (functionName: string, alias: string) => fitName(`${functionName}-${alias}`, '-scheduler', 64);

/** The description deploy writes: how it knows the schedule of that name is its own. */
const scheduleDescription = (functionName: string, alias: string) =>
	`Invokes the Lambda function ${functionName}, alias ${alias}; managed by rust-lambda-wizard deploy`;

/** The alias a description deploy wrote for this function names; undefined: not deploy's, or another function's. */
function describedAlias(description: string, functionName: string): string | undefined {
	const [before = '', after = ''] = scheduleDescription(functionName, '\n').split('\n');
	const alias = description.startsWith(before) && description.endsWith(after) ? description.slice(before.length, description.length - after.length) : '';
	return alias === '' ? undefined : alias;
}

/** What the name of every schedule deploy makes for this function starts with, whatever the alias (within ListSchedules' 64 characters). */
export const schedulePrefix = (functionName: string) => fittedPrefix(`${functionName}-`, '', 64);

/** What deploy sets on its schedule, with Scheduler's defaults filled so that desired and observed compare. */
export interface ScheduleSettings {
	expression: string;
	/** UTC when the config sets none (Scheduler's default). */
	timezone: string;
	/** The event the function gets (JSON text); none: Scheduler sends {}. */
	input?: string;
	targetArn: string;
	roleArn: string;
	flexibleWindow: string;
	state: string;
	description: string;
}

export interface ObservedSchedule extends ScheduleSettings {
	name: string;
}

/** A schedule deploy made for this function on an alias the config no longer deploys to (deploy.alias changed). */
export interface StaleSchedule extends ObservedSchedule {
	alias: string;
}

const missingExpression = (spec: Spec) => spec.schedule !== undefined && spec.schedule.expression === undefined;

export function desiredSchedule(spec: Spec, where: {region: string; account: string}): ScheduleSettings | undefined {
	const schedule = spec.schedule;
	if (schedule?.expression === undefined) {
		return undefined;
	}

	const name = spec.function.name;
	const alias = spec.deploy.alias;
	return {
		expression: schedule.expression,
		timezone: schedule.timezone ?? 'UTC',
		...(schedule.input === undefined ? {} : {input: schedule.input}),
		targetArn: aliasArn(where.region, where.account, name, alias),
		roleArn: roleArn(where.region, where.account, schedulerRoleName(name, alias)),
		flexibleWindow: 'OFF',
		state: 'ENABLED',
		description: scheduleDescription(name, alias),
	};
}

const fields: Array<{key: keyof ScheduleSettings; label: string}> = [
	{key: 'expression', label: 'expression'},
	{key: 'timezone', label: 'time zone'},
	{key: 'input', label: 'input'},
	{key: 'targetArn', label: 'target'},
	{key: 'roleArn', label: 'role'},
	{key: 'flexibleWindow', label: 'flexible time window'},
	{key: 'state', label: 'state'},
	{key: 'description', label: 'description'},
];

/** What differs, one line each ("expression rate(5 minutes) → rate(10 minutes)"). */
export function scheduleDiff(observed: ScheduleSettings, desired: ScheduleSettings): string[] {
	const show = (value: string | undefined) => value ?? 'none';
	return fields
		.filter(({key}) => observed[key] !== desired[key])
		.map(({key, label}) => `${label} ${show(observed[key])} → ${show(desired[key])}`);
}

/** CreateSchedule's and UpdateSchedule's input: every setting deploy owns (an update resets what it leaves out). */
function scheduleInput(name: string, desired: ScheduleSettings): Input<'scheduler', 'CreateSchedule'> {
	return {
		Name: name,
		GroupName: group,
		Description: desired.description,
		ScheduleExpression: desired.expression,
		// Sent only when the config sets one: Scheduler's default is UTC.
		...(desired.timezone === 'UTC' ? {} : {ScheduleExpressionTimezone: desired.timezone}),
		FlexibleTimeWindow: {Mode: 'OFF'},
		State: 'ENABLED',
		Target: {Arn: desired.targetArn, RoleArn: desired.roleArn, ...(desired.input === undefined ? {} : {Input: desired.input})},
	};
}

const ours = (observed: ObservedSchedule, functionName: string, alias: string) => observed.description === scheduleDescription(functionName, alias);

interface ScheduleTarget {
	region: string;
	functionName: string;
	alias: string;
}

export function planSchedule(target: ScheduleTarget, desired: ScheduleSettings | undefined, observed: ObservedSchedule | undefined): Action[] {
	const make = actionsIn(target.region);
	const name = scheduleName(target.functionName, target.alias);
	const on = `${target.functionName}:${target.alias}`;
	if (observed && !ours(observed, target.functionName, target.alias)) {
		// Someone else's schedule of that name: never changed or deleted (check() refuses a config that needs the name).
		return [];
	}

	if (desired === undefined) {
		return observed === undefined ? [] : [make.request('delete', `Delete schedule ${name} that invoked ${on}`, request('scheduler', 'DeleteSchedule', {Name: name, GroupName: group}), [
			`was ${observed.expression}; the config no longer asks for a schedule`,
		], {alreadyGone: 'ResourceNotFoundException'})];
	}

	if (observed === undefined) {
		return [make.request('create', `Create schedule ${name} to invoke ${on}`, request('scheduler', 'CreateSchedule', scheduleInput(name, desired)), [
			`${desired.expression}${desired.timezone === 'UTC' ? '' : ` (${desired.timezone})`}${desired.input === undefined ? '' : `, input ${desired.input}`}`,
		], {alreadyExists: 'ConflictException'})];
	}

	const diff = scheduleDiff(observed, desired);
	return diff.length === 0
		? [make.noOp(`Schedule ${name} is unchanged`)]
		: [make.request('update', `Update schedule ${name}`, request('scheduler', 'UpdateSchedule', scheduleInput(name, desired)), diff)];
}

/** Deletes the schedules an earlier deploy.alias left, which still invoke that alias; planned after the current one's create, so one always runs. */
export function planStaleSchedules(target: ScheduleTarget, stale: readonly StaleSchedule[]): Action[] {
	const make = actionsIn(target.region);
	return stale.map(schedule => make.request('delete', `Delete schedule ${schedule.name} that invoked ${target.functionName}:${schedule.alias}`, request('scheduler', 'DeleteSchedule', {Name: schedule.name, GroupName: group}), [
		`was ${schedule.expression}; deploy.alias is now ${target.alias}`,
	], {alreadyGone: 'ResourceNotFoundException'}));
}

function observedSchedule(found: Output<'scheduler', 'GetSchedule'>, name: string): ObservedSchedule {
	const input = found.Target?.Input;
	return {
		name,
		expression: found.ScheduleExpression ?? '',
		timezone: found.ScheduleExpressionTimezone ?? 'UTC',
		...(input === undefined ? {} : {input}),
		targetArn: found.Target?.Arn ?? '',
		roleArn: found.Target?.RoleArn ?? '',
		flexibleWindow: found.FlexibleTimeWindow?.Mode ?? '',
		state: found.State ?? '',
		description: found.Description ?? '',
	};
}

const denied = (error: unknown) => ['AccessDeniedException', 'AccessDenied'].includes((error as {name?: string} | undefined)?.name ?? '');

interface ObservedPart {
	/** deploy's schedule (or someone else's of the same name); undefined: none. */
	schedule?: ObservedSchedule | undefined;
	/** deploy's schedules of this function on aliases the config no longer deploys to. */
	staleSchedules?: StaleSchedule[];
	/** The config wants no schedule and the credentials may not read them (these permissions): an earlier deploy's could not be looked for. */
	scheduleUnread?: string[];
}

/** What a read the credentials may not make (`permission`) gives instead, or throws: observeSchedule decides. */
type Tolerate = <T>(permission: string, instead: T) => (error: unknown) => T;

async function readSchedule(aws: AwsSender, name: string, tolerate: Tolerate, signal?: AbortSignal): Promise<ObservedSchedule | undefined> {
	const found = await orMissing(aws.send(request('scheduler', 'GetSchedule', {Name: name, GroupName: group}), signal)).catch(tolerate('scheduler:GetSchedule', undefined));
	return found === undefined ? undefined : observedSchedule(found, name);
}

/** Every page of the default group's schedules whose name starts with `prefix`. */
async function listSchedules(aws: AwsSender, prefix: string, signal?: AbortSignal) {
	const schedules: NonNullable<Output<'scheduler', 'ListSchedules'>['Schedules']> = [];
	let token: string | undefined;
	do {
		// Scheduler's limits: at most 100 a page, a prefix of 1–64 characters.
		const page = await orMissing(aws.send(request('scheduler', 'ListSchedules', {GroupName: group, NamePrefix: prefix, MaxResults: 100, ...(token ? {NextToken: token} : {})}), signal));
		schedules.push(...page?.Schedules ?? []);
		token = page?.NextToken;
	} while (token);
	return schedules;
}

/** Whether an ARN names this function (with any qualifier): deploy's schedules invoke one of its aliases. */
const invokesFunction = (arn: string | undefined, functionName: string) => {
	const parts = (arn ?? '').split(':');
	return parts[2] === 'lambda' && parts[5] === 'function' && parts[6] === functionName;
};

/**
 * The schedules deploy made for this function on an alias the config no longer
 * deploys to: listed by the prefix of their names, and read (GetSchedule) only
 * when they invoke the function; deploy's own by the description it wrote for
 * that alias under that alias's name. Someone's `orders-reports` is not.
 */
async function readStaleSchedules(aws: AwsSender, spec: Spec, tolerate: Tolerate, signal?: AbortSignal): Promise<StaleSchedule[]> {
	const functionName = spec.function.name;
	const kept = [spec.deploy.alias, ...spec.otherAliases ?? []];
	const keptNames = new Set(kept.map(alias => scheduleName(functionName, alias)));
	const listed = await listSchedules(aws, schedulePrefix(functionName), signal).catch(tolerate('scheduler:ListSchedules', []));
	const candidates = listed.filter(summary => summary.Name !== undefined && !keptNames.has(summary.Name) && invokesFunction(summary.Target?.Arn, functionName));
	const read = await Promise.all(candidates.map(async summary => readSchedule(aws, summary.Name!, tolerate, signal)));
	return read.flatMap(schedule => {
		const alias = schedule && describedAlias(schedule.description, functionName);
		return schedule && alias !== undefined && !kept.includes(alias) && scheduleName(functionName, alias) === schedule.name ? [{...schedule, alias}] : [];
	});
}

async function observeSchedule(aws: AwsSender, spec: Spec, signal?: AbortSignal): Promise<ObservedPart> {
	const unread = new Set<string>();
	// Every deploy looks for schedules to remove; one that never scheduled anything may lack the scheduler's permissions,
	// and is told. A config with a schedule needs them: an old alias's schedule not found would go on invoking it.
	const tolerate: Tolerate = (permission, instead) => error => {
		if (spec.schedule?.expression === undefined && denied(error)) {
			unread.add(permission);
			return instead;
		}

		throw error;
	};

	const [schedule, stale] = await Promise.all([
		readSchedule(aws, scheduleName(spec.function.name, spec.deploy.alias), tolerate, signal),
		readStaleSchedules(aws, spec, tolerate, signal),
	]);
	return {
		...(schedule === undefined ? {} : {schedule}),
		...(stale.length === 0 ? {} : {staleSchedules: stale}),
		...(unread.size === 0 ? {} : {scheduleUnread: [...unread].sort()}),
	};
}

export const scheduleResource: RegionResource<ObservedPart> = {
	name: 'schedule',
	observe: async ({aws}, target, _anchor, signal) => observeSchedule(aws, target.spec, signal),
	check(observed, target) {
		const {name, alias} = target.function;
		if (target.spec.schedule?.expression !== undefined && observed.schedule && !ours(observed.schedule, name, alias)) {
			return {
				key: 'schedule',
				message: `a schedule named ${observed.schedule.name} already exists in the default group in ${target.region}, and deploy did not create it (its description is not deploy's): deploy will not change it. Delete or rename that schedule, or deploy with another deploy.alias.`,
			};
		}

		return undefined;
	},
	unchecked: observed => (observed.scheduleUnread ? `for schedules an earlier deploy made (the credentials lack ${observed.scheduleUnread.join(' and ')})` : undefined),
	plan(observed, {target}) {
		const {name, alias, region} = target.function;
		// needsAccount: the target and role ARNs name the account whenever a schedule is wanted.
		const desired = target.account === undefined ? undefined : desiredSchedule(target.spec, {region, account: target.account});
		const where = {region, functionName: name, alias};
		return [...planSchedule(where, desired, observed.schedule), ...planStaleSchedules(where, observed.staleSchedules ?? [])];
	},
	needsAccount: spec => spec.schedule?.expression !== undefined,
	configNotes: spec => (missingExpression(spec)
		? ['the schedule trigger is not connected: [schedule] has no expression, so deploy creates no schedule and nothing invokes the function on a timer. Set schedule.expression (e.g. "rate(5 minutes)") and deploy again.']
		: []),
};

/** Scheduler's role: trusted by scheduler.amazonaws.com, for this account only (AWS's advice against the confused deputy). */
const schedulerRole: RoleKind = {
	label: 'scheduler role',
	service: 'scheduler.amazonaws.com',
	serviceName: 'EventBridge Scheduler',
	description: 'Role EventBridge Scheduler assumes to invoke a Lambda function alias; managed by rust-lambda-wizard deploy',
	takeOverHint: () => 'Delete or rename that role, or deploy with another deploy.alias (the scheduler role is named <function>-<alias>-scheduler).',
	user: 'the schedule',
};

const schedulerTrustPolicy = (account: string): PolicyDocument => ({
	Version: '2012-10-17',
	Statement: [{
		Effect: 'Allow',
		Principal: {Service: schedulerRole.service},
		Action: 'sts:AssumeRole',
		Condition: {StringEquals: {'aws:SourceAccount': account}},
	}],
});

/** Invoking the alias, in every region of the run: nothing else. */
const schedulerPolicy = (spec: Spec, scope: PolicyScope): PolicyDocument => ({
	Version: '2012-10-17',
	Statement: [{
		Sid: 'InvokeAlias',
		Effect: 'Allow',
		Action: ['lambda:InvokeFunction'],
		Resource: scope.regions.map(region => aliasArn(region, scope.account, spec.function.name, spec.deploy.alias)),
	}],
});

export const schedulerServiceRole: ServiceRole<ObservedPart> = {
	kind: schedulerRole,
	// A schedule of its name is still there: the role may be too (a read more at worst).
	leftIn: observed => observed.schedule !== undefined,
	name: spec => schedulerRoleName(spec.function.name, spec.deploy.alias),
	// The roles the schedules of an earlier deploy.alias used: removed once those schedules are.
	staleNames: (observed, spec) => (observed.staleSchedules ?? []).map(schedule => schedulerRoleName(spec.function.name, schedule.alias)),
	desired(spec, scope): DesiredRole | undefined {
		if (spec.schedule?.expression === undefined) {
			return undefined;
		}

		const name = schedulerRoleName(spec.function.name, spec.deploy.alias);
		return {
			kind: schedulerRole,
			name,
			arn: roleArn(scope.regions[0] ?? anyRegion, scope.account, name),
			regions: scope.regions,
			policyName: rolePolicyName,
			trustPolicy: schedulerTrustPolicy(scope.account),
			policy: schedulerPolicy(spec, scope),
		};
	},
};
