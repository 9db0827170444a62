// Plans the published version and the alias in one region: publish only when no
// version already holds exactly this code and these settings; point the alias
// at it, clearing any weighted routing. Pure.
import {actionsIn, noOp} from './action.js';
import {sameSettings} from './settings.js';
import type {Action, DesiredFunction, ObservedRegion, VersionRef} from './types.js';

export interface VersionAliasPlan {
	actions: Action[];
	aliasVersion: VersionRef;
}

/** What the function's own steps change in this plan: then no existing version can match. */
export interface FunctionChanges {
	/** Code or configuration. */
	functionChanged: boolean;
	codeChanged: boolean;
}

export function planVersionAndAlias(desired: DesiredFunction, observed: ObservedRegion, {functionChanged, codeChanged}: FunctionChanges): VersionAliasPlan {
	const {name, region} = desired;
	const make = actionsIn(region);
	const codeSha256 = knownCodeSha256(desired, observed, codeChanged);
	const matching = functionChanged || codeSha256 === undefined ? undefined : matchingVersion(desired, observed, codeSha256);
	const actions: Action[] = [matching === undefined
		? make('create', `Publish a version of ${name}`, {type: 'publish-version', functionName: name, codeSha256})
		: noOp(make, `Version ${matching} of ${name} already matches`)];

	const version: VersionRef = matching === undefined ? {published: true} : {version: matching};
	const target = matching === undefined ? 'the new version' : `version ${matching}`;
	const alias = observed.alias;
	if (alias === undefined) {
		actions.push(make('create', `Create alias ${desired.alias} → ${target}`, {type: 'create-alias', functionName: name, alias: desired.alias, version}));
	} else if (alias.functionVersion === matching && Object.keys(alias.additionalWeights).length === 0) {
		actions.push(noOp(make, `Alias ${desired.alias} already on version ${matching}`));
	} else {
		actions.push(make('update', `Point alias ${desired.alias} at ${target}`, {type: 'update-alias', functionName: name, alias: desired.alias, version}, [
			`version ${alias.functionVersion} → ${matching ?? 'new'}`,
		]));
	}

	return {actions, aliasVersion: version};
}

/**
 * The CodeSha256 the function will have: a zip's own hash; for an image, what
 * Lambda reports for it once it runs that image (how Lambda hashes an image is
 * its own business), so unknown while the image changes in this plan.
 */
function knownCodeSha256(desired: DesiredFunction, observed: ObservedRegion, codeChanged: boolean): string | undefined {
	if (desired.code.packageType === 'Zip') {
		return desired.code.zip.sha256;
	}

	return codeChanged ? undefined : observed.function?.codeSha256;
}

/** The newest published version with exactly the desired code and settings, if any. */
function matchingVersion(desired: DesiredFunction, observed: ObservedRegion, codeSha256: string): string | undefined {
	const candidates = observed.versions
		.filter(version =>
			version.codeSha256 === codeSha256 &&
			version.architecture === desired.architecture &&
			sameSettings(version.settings, desired.settings))
		.sort((a, b) => Number(b.version) - Number(a.version));
	return candidates[0]?.version;
}
