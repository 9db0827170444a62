// Attaching the layer's version to functions in one region: each function is
// read (GetFunctionConfiguration), refused with the reason when it cannot take
// the layer, and otherwise given its layers with this version in them
// (UpdateFunctionConfiguration, waited on; Lambda keeps the previous layers
// when the update fails). The reads go through the injected sender; planning is pure.
import {limits} from '../spec/limits.js';
import {actionsIn, type Action} from './action.js';
import {withLayerVersion} from './layer-version.js';
import {orMissing, request, type AwsSender} from './request.js';

export interface AttachTarget {
	name: string;
	/** Undefined: there is no such function in the region. */
	found?: {packageType: string; architecture: string; layers: string[]} | undefined;
}

export async function observeAttachTargets(aws: AwsSender, names: readonly string[], signal?: AbortSignal): Promise<AttachTarget[]> {
	return Promise.all(names.map(async name => {
		const configuration = await orMissing(aws.send(request('lambda', 'GetFunctionConfiguration', {FunctionName: name}), signal));
		return {
			name,
			found: configuration && {
				packageType: configuration.PackageType ?? 'Zip',
				architecture: configuration.Architectures?.[0] ?? 'x86_64',
				layers: (configuration.Layers ?? []).map(layer => layer.Arn ?? ''),
			},
		};
	}));
}

/** Why the function cannot take the layer; undefined when it can. */
export function attachProblem(target: AttachTarget, layer: {name: string; architecture: string}, region: string): string | undefined {
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
	const full = found.layers.length >= limits.layersPerFunction && !found.layers.some(arn => arn.split(':')[6] === layer.name);
	return full ? `${target.name} has ${found.layers.length} layers already, and Lambda takes at most ${limits.layersPerFunction} per function` : undefined;
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
