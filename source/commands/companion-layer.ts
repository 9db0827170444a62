// deploy of a function with a companion external extension (ZIP packaging):
// the extension's layer is planned in each region with the function (publish,
// or reuse the newest version), shown and asked in deploy's one question, and
// published first; each region's function then gets the version its layer ended
// with: an older version of the same layer replaced in place.
import type {CommandContext} from '../cli/context.js';
import {hasChanges} from '../deploy/action.js';
import {observeLayerSizes, unzippedSizeProblem, type AttachLayer} from '../deploy/layer-attach.js';
import {layerPlanJson, layerPlanText, layerSummaryJson, layerSummaryText} from '../deploy/layer-report.js';
import {desiredLayer, layerNameFor, withLayerVersion} from '../deploy/layer-version.js';
import type {PlannedDeploy} from '../deploy/read.js';
import type {RegionOutcome, ReportOptions} from '../deploy/report.js';
import type {AwsSender} from '../deploy/request.js';
import type {Shipment} from '../deploy/shipment.js';
import type {Plan, RegionPlan} from '../deploy/types.js';
import {ConfigError, RunError, type KnownError} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {realClock} from '../tasks/waiting.js';
import {listZip} from '../tools/zip.js';
import {extensionZip, readLayerRegions, runLayerPlan} from './layer.js';

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
	json: boolean;
	people: NodeJS.WriteStream;
	report: ReportOptions;
	/** What deploy ships: the function's zip counts with the layers toward Lambda's unzipped limit. */
	code: Shipment;
}

export interface Companion {
	name: string;
	/**
	 * The version each region's function gets: planned (the reused one, or what stands for a new
	 * one), then after publish() the one the region ended with. Regions whose layer failed are absent.
	 */
	arnIn: Map<string, string>;
	/** The layer's plan per region. */
	planned: RegionPlan[];
	/** After publish(): each region's layer outcome, for the summary. */
	outcomes: RegionOutcome[];
	/** The whole plan (a dry run), and the regions that change (shown with the function's before the one question). */
	planText(): string;
	changesText(): string | undefined;
	planJson(): unknown;
	summaryText(): string;
	summaryJson(): unknown;
	/**
	 * Publishes the layer (asked already, with the function), then the function's plan again from
	 * what deploy read, carrying each region's version; a region whose layer failed is left out.
	 */
	publish(deploy: PlannedDeploy): Promise<Plan>;
}

const arnOf = (outcome: RegionOutcome) => outcome.facts?.find(fact => fact.key === 'layerVersionArn')?.value;
const unzippedBytes = (zip: Uint8Array) => (zip.length > 0 ? listZip(zip).reduce((sum, entry) => sum + entry.size, 0) : 0);

/** Reads the layer in each region and plans it; checks the function can take it. Changes nothing. */
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
	await checkCompanionSize(input, planned.map(region => region.region), {name, architecture: desired.architecture, bytes: unzippedBytes(zip.bytesRead)});
	const toRun = planned.filter(region => hasChanges(region.actions));
	const companion: Companion = {
		name,
		arnIn: new Map(planned.map(region => [region.region, plannedArn(region.region)])),
		planned,
		outcomes: failed,
		planText: () => layerPlanText({roles: [], regions: planned}, spec.project.architecture, report),
		changesText: () => (toRun.length > 0 ? layerPlanText({roles: [], regions: toRun}, spec.project.architecture, report) : undefined),
		planJson: () => layerPlanJson({roles: [], regions: planned}, name, report, failed),
		summaryText: () => layerSummaryText(name, companion.outcomes, report),
		summaryJson: () => layerSummaryJson(name, companion.outcomes),
		async publish(deploy) {
			// Not where the function could not be read: it is not deployed there, and its layer would only be left behind.
			const unread = new Set(deploy.failed.map(region => region.region));
			companion.outcomes = await runLayerPlan(planned.filter(region => !unread.has(region.region)), failed, {
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
			companion.arnIn.clear();
			for (const outcome of companion.outcomes) {
				const arn = arnOf(outcome);
				if (outcome.status !== 'failed' && arn !== undefined) {
					companion.arnIn.set(outcome.region, arn);
				}
			}

			// Planned again from the same reads: only the layer's version (now known) differs from what was shown.
			return {roles: deploy.plan.roles, regions: deploy.replan(layersWithCompanion(companion)).filter(region => companion.arnIn.has(region.region))};
		},
	};
	return companion;
}

/**
 * Lambda's 250 MB unzipped limit for the function and its layers, checked as `layer publish
 * --attach` checks it (unzippedSizeProblem): the function's zip (its unzipped size), the config's
 * other layers (their zipped size, as Lambda reports it) and this layer; refused before any write.
 */
export async function checkCompanionSize(
	input: Pick<CompanionInput, 'spec' | 'senderFor' | 'explain' | 'signal' | 'code'>,
	regions: readonly string[],
	layer: AttachLayer,
): Promise<void> {
	const {spec, code} = input;
	const functionBytes = code.packageType === 'Zip' ? unzippedBytes(code.bytes) : 0;
	const problems = await Promise.all(regions.map(async region => {
		const layers = spec.function.layers.map(arn => arn.replaceAll('{region}', region));
		let layerBytes: Record<string, number>;
		try {
			// An older version of this layer is replaced, so only the others are read.
			layerBytes = await observeLayerSizes(input.senderFor(region), layers.filter(arn => arn.split(':')[6] !== layer.name), input.signal);
		} catch (error) {
			throw input.explain(error, region);
		}

		const problem = unzippedSizeProblem({name: spec.function.name, found: {packageType: 'Zip', architecture: spec.project.architecture, layers, unzippedCodeBytes: functionBytes, layerBytes}}, layer);
		return problem === undefined ? [] : [`${region}: ${problem}`];
	}));
	if (problems.flat().length > 0) {
		throw new RunError(
			`The extension's layer ${layer.name} cannot go on function ${spec.function.name}, so nothing was changed:\n${problems.flat().map(problem => `  ${problem}`).join('\n')}`,
			'Make the function or its extension smaller ([profile.release] opt-level = "z", lto = true, strip = true in Cargo.toml), or take layers out of function.layers.',
		);
	}
}

/** The function's layers in a region with the companion's version in them. */
export function layersWithCompanion(companion: Pick<Companion, 'arnIn'>) {
	return (region: string, layers: readonly string[]): string[] => {
		const arn = companion.arnIn.get(region);
		const merged = arn === undefined ? undefined : withLayerVersion(layers, arn);
		// Room was checked before publishing, and regions without a version are not deployed.
		return merged !== undefined && 'layers' in merged ? merged.layers : [...layers];
	};
}
