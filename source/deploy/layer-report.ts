// What `layer publish` prints: its plan per region and the summary (the
// version each region ends with), as text or JSON. Pure. The actions are
// deploy's, so their lines and JSON are deploy's too (report.ts).
import {actionLines, actionsJson, countChanges, errorJson, type RegionOutcome, type ReportOptions} from './report.js';
import type {ListedVersion} from './layer-versions.js';
import type {Plan} from './types.js';

/** The plan's regions carry the layer's name where deploy's carry the function's; `architecture`: the one of every layer, or each one's by name. */
export function layerPlanText(plan: Plan, architecture: string | Readonly<Record<string, string>>, options: ReportOptions): string {
	const counts = countChanges(plan);
	const architectureOf = (layer: string) => (typeof architecture === 'string' ? architecture : architecture[layer] ?? '?');
	return [
		...plan.regions.flatMap(region => [options.paint('bold', `${region.region}: layer ${region.functionName} (${architectureOf(region.functionName)})`), ...actionLines(region.actions, options), '']),
		`${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${counts['no-op']} unchanged.`,
	].join('\n');
}

export function layerPlanJson(plan: Plan, layer: string, options: Pick<ReportOptions, 'extraAwsArgs'>, failures: readonly RegionOutcome[]) {
	return {
		ok: failures.length === 0,
		dryRun: true,
		layer,
		regions: [
			// Each entry names its layer: with layer.architectures, prune plans one layer per architecture.
			...plan.regions.map(region => ({region: region.region, layer: region.functionName, actions: actionsJson(region.actions, options)})),
			...failures.map(failure => ({region: failure.region, layer: failure.functionName, status: failure.status, error: errorJson(failure.error)})),
		],
	};
}

const arnOf = (outcome: RegionOutcome) => outcome.facts?.find(fact => fact.key === 'layerVersionArn')?.value;
/** Whether the run published a version here (layer-version.ts titles that step "Publish …"). */
const published = (outcome: RegionOutcome) => outcome.status !== 'failed' && [...outcome.done.create, ...outcome.done.update].some(title => title.startsWith('Publish'));

export function layerSummaryJson(layer: string, outcomes: readonly RegionOutcome[]) {
	return {
		ok: outcomes.every(outcome => outcome.status !== 'failed'),
		layer,
		regions: outcomes.map(outcome => ({
			region: outcome.region,
			status: outcome.status,
			layerVersionArn: arnOf(outcome) ?? null,
			published: published(outcome),
			...(outcome.error ? {error: errorJson(outcome.error)} : {}),
		})),
	};
}

export function layerSummaryText(layer: string, outcomes: readonly RegionOutcome[], options: Pick<ReportOptions, 'paint'>): string {
	return outcomes.map(outcome => {
		const head = `${outcome.region}: layer ${layer}`;
		if (outcome.status === 'failed') {
			const hint = outcome.error && 'hint' in outcome.error && outcome.error.hint ? `\n    fix: ${outcome.error.hint}` : '';
			return `${options.paint('red', '✖')} ${head} failed: ${outcome.error?.message ?? 'unknown error'}${hint}`;
		}

		const arn = arnOf(outcome) ?? '?';
		return outcome.status === 'unchanged'
			? `${options.paint('dim', '=')} ${head} unchanged (the newest version has this code): reused ${arn}`
			: `${options.paint('green', '✔')} ${head}: ${published(outcome) ? 'published' : 'reused (grants changed)'} ${arn}`;
	}).join('\n');
}

/** The functions the version is attached to, per region. */
export function attachPlanText(plan: Plan, options: ReportOptions): string {
	return plan.regions.flatMap(region => [options.paint('bold', `${region.region}: functions to attach layer ${region.functionName} to`), ...actionLines(region.actions, options), '']).join('\n');
}

export function attachSummaryLine(outcome: RegionOutcome, options: Pick<ReportOptions, 'paint'>): string {
	if (outcome.status === 'failed') {
		return `${options.paint('red', '✖')} ${outcome.region}: attaching failed after ${outcome.done.update.length} function(s): ${outcome.error?.message ?? 'unknown error'} (a function whose update failed keeps its previous layers)`;
	}

	return outcome.status === 'unchanged'
		? `${options.paint('dim', '=')} ${outcome.region}: ${outcome.done['no-op'].join('; ') || 'nothing to attach'}`
		: `${options.paint('green', '✔')} ${outcome.region}: ${outcome.done.update.join('; ')}`;
}

export function attachSummaryJson(outcomes: readonly RegionOutcome[]) {
	return outcomes.map(outcome => ({
		region: outcome.region,
		status: outcome.status,
		updated: outcome.done.update,
		unchanged: outcome.done['no-op'],
		...(outcome.error ? {error: errorJson(outcome.error)} : {}),
	}));
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** `layer list`: one row per version, newest first. */
export function versionsText(layer: string, region: string, versions: readonly ListedVersion[], options: Pick<ReportOptions, 'paint'>): string {
	if (versions.length === 0) {
		return `${options.paint('bold', `${region}: layer ${layer}`)}\n  no versions`;
	}

	const rows = [['version', 'architectures', 'created', 'size', 'used by'], ...versions.map(version => [
		String(version.version), version.architectures.join(', ') || '-', version.created, size(version.bytes), version.usedBy.join(', ') || '-',
	])];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	return [options.paint('bold', `${region}: layer ${layer}`), ...rows.map(row => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}`)].join('\n');
}

/** One line per layer and region; the deletions' titles name the layer, the other lines say it. */
export function pruneSummaryLine(outcome: RegionOutcome, options: Pick<ReportOptions, 'paint'>): string {
	if (outcome.status === 'failed') {
		return `${options.paint('red', '✖')} ${outcome.region}: layer ${outcome.functionName}: pruning failed after ${outcome.done.delete.length} deletion(s): ${outcome.error?.message ?? 'unknown error'}`;
	}

	return outcome.status === 'unchanged'
		? `${options.paint('dim', '=')} ${outcome.region}: layer ${outcome.functionName}: nothing to delete`
		: `${options.paint('green', '✔')} ${outcome.region}: ${outcome.done.delete.join('; ')}`;
}
