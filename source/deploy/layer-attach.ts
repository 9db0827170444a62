// Attaching the layer's version to functions in one region: each function is
// read (GetFunctionConfiguration), refused with the reason when it cannot take
// the layer, and otherwise given its layers with this version in them
// (UpdateFunctionConfiguration, waited on; Lambda keeps the previous layers
// when the update fails). The guided path lists the region's functions
// (ListFunctions) and turns them into the rows of a multi-select. The reads go
// through the injected sender; planning is pure.
import type * as Lambda from '@aws-sdk/client-lambda';
import {megabytes} from '../plan/build-sizes.js';
import {limits} from '../spec/limits.js';
import {actionsIn, type Action} from './action.js';
import {withLayerVersion} from './layer-version.js';
import {orMissing, request, type AwsSender} from './request.js';

export interface AttachTarget {
	name: string;
	/** Undefined: there is no such function in the region. */
	found?: {
		packageType: string;
		architecture: string;
		layers: string[];
		/** Lambda's CodeSize: the function's zip, and each layer version's zip by ARN (zipped bytes, not unzipped). */
		codeBytes?: number | undefined;
		/** The code's unzipped size, when it is known from the zip itself (one about to be deployed): counted instead of codeBytes. */
		unzippedCodeBytes?: number | undefined;
		layerBytes?: Readonly<Record<string, number>> | undefined;
	} | undefined;
}

/** A function as ListFunctions shows it, for the guided path's rows. */
export type ListedFunction = AttachTarget & {runtime: string; found: NonNullable<AttachTarget['found']>};

function foundOf(configuration: Lambda.FunctionConfiguration): NonNullable<AttachTarget['found']> {
	return {
		packageType: configuration.PackageType ?? 'Zip',
		architecture: configuration.Architectures?.[0] ?? 'x86_64',
		layers: (configuration.Layers ?? []).map(layer => layer.Arn ?? ''),
		codeBytes: configuration.CodeSize ?? 0,
		layerBytes: Object.fromEntries((configuration.Layers ?? []).map(layer => [layer.Arn ?? '', layer.CodeSize ?? 0])),
	};
}

export async function observeAttachTargets(aws: AwsSender, names: readonly string[], signal?: AbortSignal): Promise<AttachTarget[]> {
	return Promise.all(names.map(async name => {
		const configuration = await orMissing(aws.send(request('lambda', 'GetFunctionConfiguration', {FunctionName: name}), signal));
		return {name, found: configuration && foundOf(configuration)};
	}));
}

/** Every function in the region (ListFunctions, page by page), by name. */
export async function listFunctions(aws: AwsSender, signal?: AbortSignal): Promise<ListedFunction[]> {
	const listed: ListedFunction[] = [];
	let marker: string | undefined;
	do {
		const page = await aws.send(request('lambda', 'ListFunctions', {Marker: marker}), signal);
		for (const configuration of page.Functions ?? []) {
			listed.push({name: configuration.FunctionName ?? '', runtime: configuration.Runtime ?? (configuration.PackageType === 'Image' ? 'image' : '?'), found: foundOf(configuration)});
		}

		marker = page.NextMarker;
	} while (marker !== undefined);
	return listed.sort((a, b) => a.name.localeCompare(b.name));
}

export interface AttachChoice {
	name: string;
	value: string;
	/** Why it cannot take the layer (a row that cannot be picked); false when it can. */
	disabled: string | false;
}

/**
 * The guided path's rows: one per function name found in any region, showing its runtime,
 * architecture and layers (as the first region that has it shows them); a row is disabled,
 * with the reason, when the function cannot take the layer in one of the regions (a name
 * is attached to in every region, as --attach is).
 */
export function attachChoices(byRegion: ReadonlyArray<{region: string; functions: readonly ListedFunction[]}>, layer: AttachLayer): AttachChoice[] {
	const names = [...new Set(byRegion.flatMap(({functions}) => functions.map(listed => listed.name)))].sort((a, b) => a.localeCompare(b));
	return names.map(name => {
		const shown = byRegion.flatMap(({functions}) => functions.filter(listed => listed.name === name))[0]!;
		const layers = shown.found.layers.map(arn => arn.split(':').slice(6).join(':'));
		const problem = byRegion
			.map(({region, functions}) => {
				const problem = attachProblem(functions.find(listed => listed.name === name) ?? {name}, layer, region);
				return problem && (byRegion.length > 1 ? `${region}: ${problem}` : problem);
			})
			.find(Boolean);
		return {
			name: `${name}  ${shown.runtime}, ${shown.found.architecture}, layers: ${layers.join(', ') || 'none'}`,
			value: name,
			disabled: problem ?? false,
		};
	});
}

/** The layer being attached; bytes: its size as far as it is known here (the zip's unzipped size), 0 when not. */
export interface AttachLayer {
	name: string;
	architecture: string;
	bytes?: number | undefined;
}

/** The layer's name in a layer version ARN (arn:aws:lambda:region:account:layer:name:version). */
const layerName = (arn: string) => arn.split(':')[6];

/**
 * Why the function would go over Lambda's 250 MB unzipped limit (function and layers together);
 * undefined when it would not, as far as can be told. Lambda reports only zipped sizes
 * (CodeSize) for the function and its layers, and no unzipped ones: so this adds the function's
 * zipped size, its other layers' zipped sizes (an older version of this layer is replaced, so
 * it does not count) and this layer's size, and refuses when even that — a lower bound of the
 * unzipped total — is over the limit. A total under it is not proof: the unzipped sizes can be
 * larger, and Lambda itself refuses the update then (the function keeps its layers).
 */
export function unzippedSizeProblem(target: AttachTarget, layer: AttachLayer): string | undefined {
	const {found} = target;
	const code = found?.unzippedCodeBytes ?? found?.codeBytes;
	if (found === undefined || code === undefined) {
		return undefined;
	}

	const others = found.layers.filter(arn => layerName(arn) !== layer.name).reduce((sum, arn) => sum + (found.layerBytes?.[arn] ?? 0), 0);
	const total = code + others + (layer.bytes ?? 0);
	const codeSaid = found.unzippedCodeBytes === undefined ? `its code ${megabytes(code)} and other layers` : `its code ${megabytes(code)} unzipped, and other layers`;
	return total > limits.unzippedBytes
		? `${target.name} would hold at least ${megabytes(total)} (${codeSaid} ${megabytes(others)} as Lambda reports them, zipped, plus layer ${layer.name} ${megabytes(layer.bytes ?? 0)}), and Lambda allows at most ${megabytes(limits.unzippedBytes)} unzipped for a function and its layers together`
		: undefined;
}

/**
 * The zipped size Lambda reports (CodeSize) of each layer version, by its ARN as given; 0 for
 * one not found. An ARN whose account is still {account} is the caller's own: read by name.
 */
export async function observeLayerSizes(aws: AwsSender, arns: readonly string[], signal?: AbortSignal): Promise<Record<string, number>> {
	return Object.fromEntries(await Promise.all(arns.map(async arn => {
		const parts = arn.split(':');
		const layer = parts[4] === '{account}' ? parts[6] : parts.slice(0, 7).join(':');
		const got = await orMissing(aws.send(request('lambda', 'GetLayerVersion', {LayerName: layer, VersionNumber: Number(parts[7])}), signal));
		return [arn, got?.Content?.CodeSize ?? 0] as const;
	})));
}

/** Why the function cannot take the layer; undefined when it can. */
export function attachProblem(target: AttachTarget, layer: AttachLayer, region: string): string | undefined {
	const {found} = target;
	if (found === undefined) {
		return `there is no function ${target.name} in ${region}`;
	}

	if (found.packageType === 'Image') {
		return `${target.name} is a container image function, which takes no layers: put the extension in /opt/extensions inside the image instead (the Dockerfile rust-lambda-wizard writes does)`;
	}

	if (found.architecture !== layer.architecture) {
		return `${target.name} runs on ${found.architecture}, and layer ${layer.name} is built for ${layer.architecture}`;
	}

	// An older version of the same layer is replaced in place: only a new one needs room.
	const full = found.layers.length >= limits.layersPerFunction && !found.layers.some(arn => layerName(arn) === layer.name);
	return full ? `${target.name} has ${found.layers.length} layers already, and Lambda takes at most ${limits.layersPerFunction} per function` : unzippedSizeProblem(target, layer);
}

/** The updates that give each function this layer version; `arn` may be what stands for one a dry run would publish. */
export function planAttach(region: string, arn: string, targets: readonly AttachTarget[]): Action[] {
	const make = actionsIn(region);
	const version = arn.slice(arn.lastIndexOf(':', arn.lastIndexOf(':') - 1) + 1);
	return targets.flatMap(({name, found}) => {
		const merged = found && withLayerVersion(found.layers, arn);
		if (found === undefined || merged === undefined || 'problem' in merged) {
			return [];
		}

		if (merged.layers.join(',') === found.layers.join(',')) {
			return [make.noOp(`Function ${name} has layer ${version}`)];
		}

		return [make.request('update', `Attach layer ${version} to function ${name}`, request('lambda', 'UpdateFunctionConfiguration', {FunctionName: name, Layers: merged.layers}), [
			`layers ${found.layers.map(layer => layer.split(':').slice(6).join(':')).join(', ') || 'none'} → ${merged.layers.map(layer => layer.split(':').slice(6).join(':')).join(', ')}`,
		], {settle: 'function-updated', functionName: name})];
	});
}
