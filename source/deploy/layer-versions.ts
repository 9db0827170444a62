// Every version of the layer in one region, and which of the config's
// functions use each (`layer list`), and which older versions `layer prune`
// deletes: never the newest ones kept, never one a config's function uses.
// The reads go through the injected sender; planning is pure.
import {actionsIn, type Action} from './action.js';
import {observeAttachTargets} from './layer-attach.js';
import {orMissing, request, type AwsSender} from './request.js';

export interface ListedVersion {
	version: number;
	arn: string;
	architectures: string[];
	created: string;
	/** Zipped, as Lambda reports it. */
	bytes: number;
	/** The config's functions whose layers name this version. */
	usedBy: string[];
}

/** Newest first. `functions`: the config's functions to look for (missing ones use nothing). */
export async function listLayerVersions(aws: AwsSender, name: string, functions: readonly string[], signal?: AbortSignal): Promise<ListedVersion[]> {
	const listed: Array<{Version?: number | undefined; LayerVersionArn?: string | undefined; CompatibleArchitectures?: string[] | undefined; CreatedDate?: string | undefined}> = [];
	let marker: string | undefined;
	do {
		const page = await orMissing(aws.send(request('lambda', 'ListLayerVersions', {LayerName: name, ...(marker ? {Marker: marker} : {})}), signal));
		listed.push(...page?.LayerVersions ?? []);
		marker = page?.NextMarker;
	} while (marker);

	const [sizes, users] = await Promise.all([
		Promise.all(listed.map(async version => (await aws.send(request('lambda', 'GetLayerVersion', {LayerName: name, VersionNumber: version.Version}), signal)).Content?.CodeSize ?? 0)),
		observeAttachTargets(aws, functions, signal),
	]);
	return listed.map((version, index) => ({
		version: version.Version ?? 0,
		arn: version.LayerVersionArn ?? '',
		architectures: version.CompatibleArchitectures ?? [],
		created: version.CreatedDate ?? '',
		bytes: sizes[index] ?? 0,
		usedBy: users.filter(user => user.found?.layers.includes(version.LayerVersionArn ?? '')).map(user => user.name),
	})).sort((a, b) => b.version - a.version);
}

/** Deletes the versions beyond the newest `keep` that no config's function uses. */
export function planPrune(name: string, versions: readonly ListedVersion[], keep: number, region: string): Action[] {
	const make = actionsIn(region);
	return [...versions].sort((a, b) => b.version - a.version).map((version, index) => {
		if (index < Math.max(1, keep)) {
			return make.noOp(`Keep layer ${name}:${version.version} (among the newest ${Math.max(1, keep)})`);
		}

		if (version.usedBy.length > 0) {
			return make.noOp(`Keep layer ${name}:${version.version} (used by ${version.usedBy.join(', ')})`);
		}

		return make.request('delete', `Delete layer ${name}:${version.version}`, request('lambda', 'DeleteLayerVersion', {LayerName: name, VersionNumber: version.version}), [`created ${version.created}`]);
	});
}
