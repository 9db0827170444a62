// What deploy prints: the plan (for --dry-run and before confirming) and the
// summary, as text or JSON. Pure: strings in, strings out.
import type {KnownError} from '../errors.js';
import {changes, type Action, type Change} from './action.js';
import {shellLine, withAwsArgs, type Made} from './aws-cli.js';
import type {Plan} from './types.js';

/** What a list of steps did: titles by what they did; a failed run lists what it finished. */
export interface StepsOutcome {
	status: 'changed' | 'unchanged' | 'failed';
	done: Record<Change, string[]>;
	error?: KnownError | undefined;
}

/** A fact with its value known: what the summary prints. */
export interface ReportedFact {
	key: string;
	label: string;
	value: string;
	/** How to try it, with the value filled in. */
	hints: string[];
}

export interface RegionOutcome extends StepsOutcome {
	region: string;
	functionName: string;
	alias: string;
	version?: string | undefined;
	/** The function's ARN (unqualified), as Lambda reported it; unknown for a function that was never made. */
	functionArn?: string | undefined;
	/** The alias is moved by the roll-out that follows the deploy, not by the deploy itself. */
	staged?: boolean | undefined;
	/** What the region's actions state (a URL): those whose value is known. */
	facts?: ReportedFact[] | undefined;
}

/** The facts the actions state, with the values made so far; one whose value was not made (its step failed) is left out. */
export function factsOf(actions: readonly Action[], made: Partial<Record<Made, string>>): ReportedFact[] {
	return actions.flatMap(action => action.facts ?? []).flatMap(fact => {
		const value = typeof fact.value === 'string' ? fact.value : made[fact.value.made];
		return value === undefined ? [] : [{key: fact.key, label: fact.label, value, hints: (fact.hints ?? []).map(hint => hint.replaceAll('{value}', value))}];
	});
}

export interface RoleOutcome extends StepsOutcome {
	/** What the role is for ("execution role"). */
	label: string;
	roleName: string;
	/** Why permissions the config no longer needs were not revoked (a region failed). */
	kept?: string | undefined;
}

export interface DeployOutcome {
	/** The roles that changed (or failed), in plan order. */
	roles: RoleOutcome[];
	regions: RegionOutcome[];
}

export interface ReportOptions {
	/** Added to every aws command so it reaches the same place (endpoint, profile). */
	extraAwsArgs: readonly string[];
	paint: (format: 'bold' | 'dim' | 'green' | 'yellow' | 'red', text: string) => string;
}

const marks: Record<Change, string> = {create: '+ create', update: '~ update', delete: '- delete', 'no-op': '= no-op '};
const colour = {create: 'green', update: 'yellow', delete: 'red', 'no-op': 'dim'} as const;
const past: Record<Change, string> = {create: 'created', update: 'updated', delete: 'deleted', 'no-op': 'unchanged'};

const allActions = (plan: Plan) => [...plan.roles.flatMap(role => role.actions), ...plan.regions.flatMap(region => region.actions), ...plan.roles.flatMap(role => role.afterRegions)];

export function countChanges(plan: Plan): Record<Change, number> {
	const counts: Record<Change, number> = {create: 0, update: 0, delete: 0, 'no-op': 0};
	for (const action of allActions(plan)) {
		counts[action.change]++;
	}

	return counts;
}

export function actionLines(actions: readonly Action[], options: ReportOptions): string[] {
	return actions.flatMap(action => [
		`  ${options.paint(colour[action.change], marks[action.change])}  ${action.title}`,
		...action.details.map(detail => `             ${detail}`),
		...(action.awsCommand.length > 0 ? [options.paint('dim', `             $ ${shellLine(withAwsArgs(action.awsCommand, options.extraAwsArgs))}`)] : []),
	]);
}

export function planText(plan: Plan, options: ReportOptions): string {
	const lines: string[] = [];
	for (const role of plan.roles.filter(role => role.actions.length > 0)) {
		lines.push(options.paint('bold', `IAM (global): ${role.label} ${role.roleName}`), ...actionLines(role.actions, options), '');
	}

	for (const region of plan.regions) {
		lines.push(options.paint('bold', `${region.region}: function ${region.functionName}, alias ${region.alias}`), ...actionLines(region.actions, options), '');
	}

	for (const role of plan.roles.filter(role => role.afterRegions.length > 0)) {
		lines.push(options.paint('bold', `IAM (global), once every region succeeded: ${role.label} ${role.roleName}`), ...actionLines(role.afterRegions, options), '');
	}

	const counts = countChanges(plan);
	lines.push(`${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts['no-op']} unchanged.`);
	return lines.join('\n');
}

/** A request as data for scripts; members filled while applying (the zip's bytes) are left out. */
function requestJson(action: Action) {
	const {step} = action;
	if (step?.kind !== 'request') {
		return step === undefined ? null : {kind: step.kind};
	}

	const input = structuredClone(step.request.input) as Record<string, unknown>;
	for (const slot of step.slots ?? []) {
		let parent: Record<string, unknown> | undefined = input;
		for (const key of slot.path.slice(0, -1)) {
			parent = parent?.[key] as Record<string, unknown> | undefined;
		}

		if (parent) {
			parent[slot.path.at(-1)!] = `${slot.around?.[0] ?? ''}<${slot.from}>${slot.around?.[1] ?? ''}`;
		}
	}

	return {service: step.request.service, operation: step.request.operation, input};
}

export function actionsJson(actions: readonly Action[], options: Pick<ReportOptions, 'extraAwsArgs'>) {
	return actions.map(action => ({
		change: action.change,
		title: action.title,
		details: action.details,
		request: requestJson(action),
		awsCommand: action.awsCommand.length > 0 ? shellLine(withAwsArgs(action.awsCommand, options.extraAwsArgs)) : null,
	}));
}

export function planJson(plan: Plan, options: Pick<ReportOptions, 'extraAwsArgs'>, failures: readonly RegionOutcome[] = []) {
	return {
		// Like a failure's {ok: false}: a script reads one field to know how it went.
		ok: failures.length === 0,
		dryRun: true,
		roles: plan.roles.map(role => ({
			label: role.label,
			roleName: role.roleName,
			roleArn: role.roleArn,
			policy: role.policy,
			actions: actionsJson(role.actions, options),
			afterRegions: actionsJson(role.afterRegions, options),
		})),
		regions: [
			...plan.regions.map(region => ({
				region: region.region,
				functionName: region.functionName,
				alias: region.alias,
				actions: actionsJson(region.actions, options),
			})),
			...failures.map(outcomeJson),
		],
	};
}

export function errorJson(error: KnownError | undefined) {
	return error === undefined ? undefined : {message: error.message, ...('hint' in error && error.hint ? {hint: error.hint} : {})};
}

function stepsJson(outcome: StepsOutcome) {
	return {
		status: outcome.status,
		created: outcome.done.create,
		updated: outcome.done.update,
		deleted: outcome.done.delete,
		unchanged: outcome.done['no-op'],
		...(outcome.error ? {error: errorJson(outcome.error)} : {}),
	};
}

/** How to call what was deployed, through the alias (as every trigger does); none for a region that failed. */
const invokeLine = (outcome: RegionOutcome) => (outcome.status === 'failed'
	? undefined
	: shellLine(['aws', 'lambda', 'invoke', '--function-name', `${outcome.functionName}:${outcome.alias}`, '--region', outcome.region, 'response.json']));

/** The alias's ARN: what triggers, permissions and the console name; none for a region that failed (the alias may not exist). */
const aliasArn = (outcome: RegionOutcome) => (outcome.status === 'failed' || outcome.functionArn === undefined ? undefined : `${outcome.functionArn}:${outcome.alias}`);

function outcomeJson(outcome: RegionOutcome) {
	return {
		region: outcome.region,
		functionName: outcome.functionName,
		alias: outcome.alias,
		version: outcome.version ?? null,
		functionArn: outcome.functionArn ?? null,
		aliasArn: aliasArn(outcome) ?? null,
		invoke: invokeLine(outcome) ?? null,
		...stepsJson(outcome),
		...((outcome.facts ?? []).length > 0 ? {facts: Object.fromEntries(outcome.facts!.map(({key, label, value, hints}) => [key, {label, value, hints}]))} : {}),
	};
}

export function summaryJson(outcome: DeployOutcome) {
	const failed = outcome.roles.some(role => role.status === 'failed') || outcome.regions.some(region => region.status === 'failed');
	return {
		ok: !failed,
		roles: outcome.roles.map(role => ({label: role.label, roleName: role.roleName, ...stepsJson(role), ...(role.kept ? {kept: role.kept} : {})})),
		regions: outcome.regions.map(outcomeJson),
	};
}

/** "2 created, 1 deleted, 3 unchanged" */
function counted(outcome: StepsOutcome): string {
	return changes.filter(change => outcome.done[change].length > 0).map(change => `${outcome.done[change].length} ${past[change]}`).join(', ');
}

function stepsLine(head: string, outcome: StepsOutcome, tail: string, options: Pick<ReportOptions, 'paint'>): string {
	if (outcome.status === 'failed') {
		const finished = outcome.done.create.length + outcome.done.update.length + outcome.done.delete.length;
		const hint = outcome.error && 'hint' in outcome.error && outcome.error.hint ? `\n    fix: ${outcome.error.hint}` : '';
		return `${options.paint('red', '✖')} ${head} failed after ${finished} change(s): ${outcome.error?.message ?? 'unknown error'}${hint}`;
	}

	if (outcome.status === 'unchanged') {
		return `${options.paint('dim', '=')} ${head} unchanged${tail}`;
	}

	return `${options.paint('green', '✔')} ${head}: ${counted(outcome)}${tail}`;
}

export function summaryText(outcome: DeployOutcome, options: Pick<ReportOptions, 'paint'>): string {
	return [
		...outcome.roles.flatMap(role => [
			stepsLine(`IAM: role ${role.roleName}`, role, '', options),
			...(role.kept ? [`${options.paint('yellow', '!')} IAM: role ${role.roleName} keeps permissions the config no longer needs: ${role.kept}`] : []),
		]),
		...outcome.regions.flatMap(region => [
			stepsLine(`${region.region}: ${region.functionName}`, region, region.staged ? ` (version ${region.version ?? '?'}; alias ${region.alias}: see the roll-out)` : ` (alias ${region.alias} → version ${region.version ?? '?'})`, options),
			...(aliasArn(region) ? [`    function ARN: ${region.functionArn!}`, `    alias ARN:    ${aliasArn(region)!}  (what triggers call)`] : []),
			...(invokeLine(region) ? [`    invoke: ${invokeLine(region)!}`] : []),
			...(region.facts ?? []).flatMap(fact => [`    ${fact.label}: ${fact.value}`, ...fact.hints.map(hint => `      ${hint}`)]),
		]),
	].join('\n');
}
