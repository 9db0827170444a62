// Reads what a roll-out starts from in one region: the alias and the published
// versions with their roles, through the injected sender.
import {orMissing, request, type AwsSender} from '../deploy/request.js';
import type {AliasState, VersionInfo} from './plan.js';

export async function readAlias(aws: AwsSender, functionName: string, alias: string, signal?: AbortSignal): Promise<AliasState | undefined> {
	const found = await orMissing(aws.send(request('lambda', 'GetAlias', {FunctionName: functionName, Name: alias}), signal));
	return found === undefined ? undefined : {version: found.FunctionVersion ?? '', weights: found.RoutingConfig?.AdditionalVersionWeights ?? {}};
}

/** Every published version (not $LATEST), or undefined when the function does not exist. */
export async function readVersions(aws: AwsSender, functionName: string, signal?: AbortSignal): Promise<VersionInfo[] | undefined> {
	const versions: VersionInfo[] = [];
	let marker: string | undefined;
	do {
		const page = await orMissing(aws.send(request('lambda', 'ListVersionsByFunction', {FunctionName: functionName, ...(marker ? {Marker: marker} : {})}), signal));
		if (page === undefined) {
			return undefined;
		}

		versions.push(...(page.Versions ?? [])
			.filter(version => version.Version !== undefined && version.Version !== '$LATEST')
			.map(version => ({version: version.Version!, role: version.Role ?? ''})));
		marker = page.NextMarker;
	} while (marker);

	return versions;
}
