// What deploy prints: the plan (for --dry-run and before confirming) and the
// summary, as text or JSON. Pure: strings in, strings out.
import type {KnownError} from '../errors.js';
import {shellLine} from '../plan/aws-cli.js';
import type {Change, Plan} from '../plan/types.js';
import type {RegionOutcome} from '../tasks/deploy.js';

export interface ReportOptions {
	/** Added to every aws command so it reaches the same place (endpoint, profile). */
	extraAwsArgs: readonly string[];
	paint: (format: 'bold' | 'dim' | 'green' | 'yellow' | 'red', text: string) => string;
}

const marks: Record<Change, string> = {create: '+ create', update: '~ update', 'no-op': '= no-op '};

export function countChanges(plan: Plan): Record<Change, number> {
	const counts: Record<Change, number> = {create: 0, update: 0, 'no-op': 0};
	for (const action of plan.regions.flatMap(region => region.actions)) {
		counts[action.change]++;
	}

	return counts;
}

export function planText(plan: Plan, options: ReportOptions): string {
	const colour = {create: 'green', update: 'yellow', 'no-op': 'dim'} as const;
	const lines: string[] = [];
	for (const region of plan.regions) {
		lines.push(options.paint('bold', `${region.region}: function ${region.functionName}, alias ${region.alias}`));
		for (const action of region.actions) {
			lines.push(`  ${options.paint(colour[action.change], marks[action.change])}  ${action.title}`);
			lines.push(...action.details.map(detail => `             ${detail}`));
			if (action.awsCommand.length > 0) {
				lines.push(options.paint('dim', `             $ ${shellLine([...action.awsCommand, ...options.extraAwsArgs])}`));
			}
		}

		lines.push('');
	}

	const counts = countChanges(plan);
	lines.push(`${counts.create} to create, ${counts.update} to update, ${counts['no-op']} unchanged.`);
	return lines.join('\n');
}

export function planJson(plan: Plan, options: Pick<ReportOptions, 'extraAwsArgs'>, failures: readonly RegionOutcome[] = []) {
	return {
		dryRun: true,
		regions: [
			...plan.regions.map(region => ({
				region: region.region,
				functionName: region.functionName,
				alias: region.alias,
				actions: region.actions.map(action => ({
					change: action.change,
					title: action.title,
					details: action.details,
					awsCommand: action.awsCommand.length > 0 ? shellLine([...action.awsCommand, ...options.extraAwsArgs]) : null,
				})),
			})),
			...failures.map(outcomeJson),
		],
	};
}

function errorJson(error: KnownError | undefined) {
	return error === undefined ? undefined : {message: error.message, ...('hint' in error && error.hint ? {hint: error.hint} : {})};
}

function outcomeJson(outcome: RegionOutcome) {
	return {
		region: outcome.region,
		functionName: outcome.functionName,
		alias: outcome.alias,
		status: outcome.status,
		version: outcome.version ?? null,
		created: outcome.done.create,
		updated: outcome.done.update,
		unchanged: outcome.done['no-op'],
		...(outcome.error ? {error: errorJson(outcome.error)} : {}),
	};
}

export function summaryJson(outcomes: readonly RegionOutcome[]) {
	return {regions: outcomes.map(outcomeJson)};
}

export function summaryText(outcomes: readonly RegionOutcome[], options: Pick<ReportOptions, 'paint'>): string {
	return outcomes.map(outcome => {
		const head = `${outcome.region}: ${outcome.functionName}`;
		if (outcome.status === 'failed') {
			const finished = outcome.done.create.length + outcome.done.update.length;
			const hint = outcome.error && 'hint' in outcome.error && outcome.error.hint ? `\n    fix: ${outcome.error.hint}` : '';
			return `${options.paint('red', '✖')} ${head} failed after ${finished} change(s): ${outcome.error?.message ?? 'unknown error'}${hint}`;
		}

		const alias = `alias ${outcome.alias} → version ${outcome.version ?? '?'}`;
		if (outcome.status === 'unchanged') {
			return `${options.paint('dim', '=')} ${head} unchanged (${alias})`;
		}

		const parts = [
			outcome.done.create.length > 0 ? `${outcome.done.create.length} created` : '',
			outcome.done.update.length > 0 ? `${outcome.done.update.length} updated` : '',
		].filter(Boolean);
		return `${options.paint('green', '✔')} ${head}: ${parts.join(', ')} (${alias})`;
	}).join('\n');
}
