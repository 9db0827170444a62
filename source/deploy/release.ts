// The published version and the alias in one region: publish only when no
// version already holds exactly this code and these settings; point the alias
// at it, clearing any weighted routing.
import {actionsIn, type Action} from './action.js';
import type {Slot} from './aws-cli.js';
import {sameSettings} from './function-settings.js';
import {functionWrites} from './function.js';
import {orMissing, request} from './request.js';
import type {Anchor, RegionResource} from './resource.js';
import type {DesiredFunction, ObservedAlias, VersionRef} from './types.js';

/** A function's ARN from one of its versions' (…:function:name:3): the version is its last part. */
export const unqualifiedArn = (versionArn: string) => versionArn.replace(/:function:([^:]+):[^:]+$/, ':function:$1');

interface ReleasePlan {
	actions: Action[];
	aliasVersion: VersionRef;
}

/** What the function's own steps change in this plan: then no existing version can match. */
interface FunctionChanges {
	/** Code or configuration. */
	functionChanged: boolean;
	codeChanged: boolean;
}

/** What the steps planned before change, read off their requests. */
function functionChanges(before: readonly Action[]): FunctionChanges {
	const operations = before.flatMap(action => (action.step?.kind === 'request' ? [action.step.request.operation] : []));
	return {
		functionChanged: operations.some(operation => functionWrites.has(operation)),
		codeChanged: operations.some(operation => operation === 'CreateFunction' || operation === 'UpdateFunctionCode'),
	};
}

/** `staged`: a strategy other than all-at-once; an existing alias is then left for the roll-out (rollout/), which moves it step by step. */
function planRelease(desired: DesiredFunction, anchor: Anchor, alias: ObservedAlias | undefined, {functionChanged, codeChanged}: FunctionChanges, staged: boolean): ReleasePlan {
	const {name, region} = desired;
	const make = actionsIn(region);
	const codeSha256 = knownCodeSha256(desired, anchor, codeChanged);
	const matching = functionChanged || codeSha256 === undefined ? undefined : matchingVersion(desired, anchor, codeSha256);
	// Without a CodeSha256 to insist on (an image that changes in this plan), the RevisionId read when the
	// update settled guards the publish: a change someone made since makes Lambda refuse, not publish it.
	const revisionGuard: Slot[] = codeSha256 === undefined && functionChanged
		? [{path: ['RevisionId'], from: 'settled-revision', shown: ['--revision-id', '<RevisionId when the update settled>'], optional: true}]
		: [];
	const actions: Action[] = [matching === undefined
		? make.request('create', `Publish a version of ${name}`, request('lambda', 'PublishVersion', {FunctionName: name, ...(codeSha256 ? {CodeSha256: codeSha256} : {})}), [], {
			// The new version's ARN names the function of a region where it did not exist before (the summary's ARN).
			keep: [{member: 'Version', as: 'published-version'}, {member: 'FunctionArn', as: 'output:version-arn', summaryOnly: true}],
			slots: revisionGuard,
		})
		: make.noOp(`Version ${matching} of ${name} already matches`)];

	const version: VersionRef = matching === undefined ? {published: true} : {version: matching};
	const target = matching === undefined ? 'the new version' : `version ${matching}`;
	const slots = matching === undefined ? [{path: ['FunctionVersion'], from: 'published-version' as const, shown: ['--function-version', '<published version>']}] : [];
	const pointing = {FunctionName: name, Name: desired.alias, ...(matching === undefined ? {} : {FunctionVersion: matching})};
	if (alias === undefined) {
		actions.push(make.request('create', `Create alias ${desired.alias} → ${target}`, request('lambda', 'CreateAlias', {...pointing, FunctionVersion: matching ?? ''}), [], {
			slots,
			// A retry after a dropped connection finds the alias made: it is ours when it names this version.
			alreadyExists: 'ResourceConflictException',
			adoptBy: {request: request('lambda', 'GetAlias', {FunctionName: name, Name: desired.alias}), same: ['FunctionVersion']},
		}));
	} else if (alias.functionVersion === matching && Object.keys(alias.additionalWeights).length === 0) {
		actions.push(make.noOp(`Alias ${desired.alias} already on version ${matching}`));
	} else if (staged) {
		actions.push(make.noOp(`Alias ${desired.alias} stays on version ${alias.functionVersion}: the roll-out moves it`));
	} else {
		actions.push(make.request('update', `Point alias ${desired.alias} at ${target}`, request('lambda', 'UpdateAlias', {
			...pointing,
			RoutingConfig: {AdditionalVersionWeights: {}},
		}), [`version ${alias.functionVersion} → ${matching ?? 'new'}`], {slots}));
	}

	return {actions, aliasVersion: version};
}

/**
 * The CodeSha256 the function will have: a zip's own hash; for an image, what
 * Lambda reports for it once it runs that image (how Lambda hashes an image is
 * its own business), so unknown while the image changes in this plan.
 */
function knownCodeSha256(desired: DesiredFunction, anchor: Anchor, codeChanged: boolean): string | undefined {
	if (desired.code.packageType === 'Zip') {
		return desired.code.zip.sha256;
	}

	return codeChanged ? undefined : anchor.function?.codeSha256;
}

/** The newest published version with exactly the desired code and settings, if any. */
function matchingVersion(desired: DesiredFunction, anchor: Anchor, codeSha256: string): string | undefined {
	const candidates = anchor.versions
		.filter(version =>
			version.codeSha256 === codeSha256 &&
			version.architecture === desired.architecture &&
			sameSettings(version.settings, desired.settings))
		.sort((a, b) => Number(b.version) - Number(a.version));
	return candidates[0]?.version;
}

export const releaseResource: RegionResource<{alias?: ObservedAlias}> = {
	name: 'version and alias',
	async observe({aws}, target, anchor, signal) {
		if (anchor.function === undefined) {
			return {};
		}

		const found = await orMissing(aws.send(request('lambda', 'GetAlias', {FunctionName: target.function.name, Name: target.function.alias}), signal));
		return found === undefined ? {} : {alias: {functionVersion: found.FunctionVersion ?? '', additionalWeights: found.RoutingConfig?.AdditionalVersionWeights ?? {}}};
	},
	plan(observed, context) {
		const release = planRelease(context.target.function, context.anchor, observed.alias, functionChanges(context.before), context.target.spec.rollout.strategy !== 'all-at-once');
		context.result.aliasVersion = release.aliasVersion;
		return release.actions;
	},
};
