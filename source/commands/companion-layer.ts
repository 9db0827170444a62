// deploy of a function with a companion external extension (ZIP packaging):
// the extension's layer is published (or its newest version reused) in each
// region first, as `layer publish` does it, and that version goes into the
// function's layers there: an older version of the same layer replaced in place.
import type {CommandContext} from '../cli/context.js';
import {layerPlanJson, layerPlanText, layerSummaryJson, layerSummaryText} from '../deploy/layer-report.js';
import {desiredLayer, layerNameFor, withLayerVersion} from '../deploy/layer-version.js';
import type {RegionOutcome, ReportOptions} from '../deploy/report.js';
import type {AwsSender} from '../deploy/request.js';
import type {RegionPlan} from '../deploy/types.js';
import {ConfigError, type KnownError} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {realClock} from '../tasks/waiting.js';
import {askLayerPlan, extensionZip, readLayerRegions, runLayerPlan} from './layer.js';

/** A function whose external extension ships beside it as a layer: images carry theirs in /opt/extensions. */
export const hasCompanion = (spec: Spec): boolean =>
	spec.project.kind === 'function+extension' && spec.extension !== undefined && !spec.extension.internal && spec.project.packaging === 'zip';

export interface CompanionInput {
	spec: Spec;
	file: string;
	dir: string;
	regions: readonly string[];
	terminal: CommandContext['terminal'];
	signal: AbortSignal;
	senderFor: (region: string) => AwsSender;
	explain: (error: unknown, region?: string) => KnownError;
	dryRun: boolean;
	yes: boolean;
	json: boolean;
	people: NodeJS.WriteStream;
	report: ReportOptions;
}

export interface Companion {
	name: string;
	/** The version each region's function gets; a dry run's new version is a placeholder. Regions whose layer failed are absent. */
	arnIn: Map<string, string>;
	/** The layer's plan per region (shown by a dry run). */
	planned: RegionPlan[];
	/** After a run: each region's layer outcome, for the summary. */
	outcomes: RegionOutcome[];
	/** The person declined the layer's changes: nothing else runs. */
	declined?: true;
	/** The plan and the summary, as deploy prints them. */
	planText(): string;
	planJson(): unknown;
	summaryText(): string;
	summaryJson(): unknown;
}

const arnOf = (outcome: RegionOutcome) => outcome.facts?.find(fact => fact.key === 'layerVersionArn')?.value;

export async function companionLayer(input: CompanionInput): Promise<Companion> {
	const {spec, regions, terminal, signal, people, report} = input;
	const name = layerNameFor(spec)!;
	// Refused before anything is published: the function could not take the layer.
	const room = withLayerVersion(spec.function.layers, `arn:aws:lambda:{region}:{account}:layer:${name}:1`);
	if ('problem' in room) {
		throw new ConfigError([{where: `${input.file}: function.layers`, message: `leaves no room for the extension's layer ${name}: ${room.problem}`}], input.file);
	}

	const zip = await extensionZip(spec, spec.extension!.name, {'dry-run': input.dryRun}, {dir: input.dir, terminal, signal, people, build: false});
	const desired = desiredLayer(spec, zip);
	const {planned, failed, plannedArn} = await readLayerRegions(desired, regions, input.senderFor, input.explain, signal);
	const companion: Companion = {
		name,
		arnIn: new Map(),
		planned,
		outcomes: failed,
		planText: () => layerPlanText({roles: [], regions: planned}, spec.project.architecture, report),
		planJson: () => layerPlanJson({roles: [], regions: planned}, name, report, failed),
		summaryText: () => layerSummaryText(name, companion.outcomes, report),
		summaryJson: () => layerSummaryJson(name, companion.outcomes),
	};
	if (input.dryRun) {
		for (const region of planned) {
			companion.arnIn.set(region.region, plannedArn(region.region));
		}

		return companion;
	}

	const say = (text: string) => people.write(`${text}\n`);
	if (!await askLayerPlan(planned, {regions, architecture: spec.project.architecture, yes: input.yes, say, report, signal})) {
		return {...companion, declined: true};
	}

	const outcomes = await runLayerPlan(planned, failed, {
		regions,
		tasks: {
			senderFor: input.senderFor,
			homeRegion: regions[0]!,
			zipFile: zip.bytesRead,
			clock: realClock,
			signal,
			renderer: terminal.interactive && !input.json ? 'default' : 'simple',
			stream: people,
			explain: input.explain,
		},
	});
	companion.outcomes = outcomes;
	for (const outcome of outcomes) {
		const arn = arnOf(outcome);
		if (outcome.status !== 'failed' && arn !== undefined) {
			companion.arnIn.set(outcome.region, arn);
		}
	}

	return companion;
}

/** The function's layers in a region with the companion's version in them. */
export function layersWithCompanion(companion: Companion) {
	return (region: string, layers: readonly string[]): string[] => {
		const arn = companion.arnIn.get(region);
		const merged = arn === undefined ? undefined : withLayerVersion(layers, arn);
		// Room was checked before publishing, and regions without a version are not deployed.
		return merged !== undefined && 'layers' in merged ? merged.layers : [...layers];
	};
}
