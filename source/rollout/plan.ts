// The roll-out of one alias in one region as data: the UpdateAlias requests
// that move traffic step by step to the target version, and the one that takes
// it back. Pure: the alias and versions are read elsewhere and passed in, and
// everything AWS would refuse (or that would leave the alias wrong) is refused
// here, before any change.
import {RunError} from '../errors.js';
import {request, type Request} from '../deploy/request.js';

/** The alias as GetAlias gave it: its version and the weights of any other version. */
export interface AliasState {
	version: string;
	/** RoutingConfig.AdditionalVersionWeights: version → share of traffic, 0–1. */
	weights: Readonly<Record<string, number>>;
}

/** A published version and its execution role (AWS routes only between versions with the same role). */
export interface VersionInfo {
	version: string;
	role: string;
}

export type UpdateAlias = Request<'lambda', 'UpdateAlias'>;

export interface RolloutStep {
	/** Share of traffic on the target after this step, in percent. */
	percent: number;
	request: UpdateAlias;
}

export interface RolloutPlan {
	functionName: string;
	alias: string;
	/** The version that serves until the roll-out ends, and the one a rollback returns to. */
	from: string;
	to: string;
	/** Empty when the alias is already fully on the target. */
	steps: RolloutStep[];
	/** Back to `from`, with no routing. */
	rollback: UpdateAlias;
	/** The alias had routing to the target already: the steps continue from its weight. */
	resumedFrom?: number;
}

export interface RolloutInput {
	functionName: string;
	alias: string;
	current: AliasState;
	target: string;
	/** Percentages, rising, ending at 100. */
	steps: readonly number[];
	/** The published versions (not $LATEST). */
	versions: readonly VersionInfo[];
}

/** The alias pointed at one version, with no routing. */
export const pointAt = (functionName: string, alias: string, version: string): UpdateAlias =>
	request('lambda', 'UpdateAlias', {FunctionName: functionName, Name: alias, FunctionVersion: version, RoutingConfig: {AdditionalVersionWeights: {}}});

/** `percent` of the alias's traffic on `to`, the rest on `from`. */
const weighted = (functionName: string, alias: string, from: string, to: string, percent: number): UpdateAlias =>
	request('lambda', 'UpdateAlias', {FunctionName: functionName, Name: alias, FunctionVersion: from, RoutingConfig: {AdditionalVersionWeights: {[to]: percent / 100}}});

/** The version the alias's routing sends some traffic to, if any. */
export function routedVersion(state: AliasState): string | undefined {
	return Object.keys(state.weights)[0];
}

/** Checks steps: whole or fractional percentages above 0, rising, ending at exactly 100. */
export function stepsProblem(steps: readonly number[]): string | undefined {
	if (steps.length === 0) {
		return 'there are no steps: list at least [100].';
	}

	for (const [index, step] of steps.entries()) {
		if (!Number.isFinite(step) || step <= 0 || step > 100) {
			return `step ${step} is outside 1–100 % (a weight must be between 0 and 1).`;
		}

		if (index > 0 && step <= steps[index - 1]!) {
			return `steps must rise: ${steps.join(', ')}.`;
		}
	}

	return steps.at(-1) === 100 ? undefined : `steps must end at 100 (all traffic on the new version): ${steps.join(', ')}.`;
}

const refuse = (message: string, hint?: string): never => {
	throw new RunError(message, hint);
};

export function planRollout({functionName, alias, current, target, steps, versions}: RolloutInput): RolloutPlan {
	const where = `${functionName}:${alias}`;
	if (target === '$LATEST') {
		refuse(`${where}: cannot roll out to $LATEST: routing needs a published version.`, 'Publish a version (deploy does) and roll out to its number.');
	}

	const problem = stepsProblem(steps);
	if (problem) {
		refuse(`${where}: ${problem}`, 'Fix rollout.steps in rust-lambda.toml, e.g. [10, 100].');
	}

	for (const [version, weight] of Object.entries(current.weights)) {
		if (!(weight >= 0 && weight <= 1)) {
			refuse(`${where}: the alias routes ${weight} of its traffic to version ${version}; a weight must be between 0 and 1.`);
		}
	}

	const known = new Map(versions.map(info => [info.version, info]));
	const targetInfo = known.get(target) ?? refuse(`${where}: version ${target} does not exist (published: ${[...known.keys()].join(', ') || 'none'}).`, 'Pass --to with a published version, or deploy to publish one.');
	const routed = routedVersion(current);
	if (routed !== undefined && routed !== target) {
		refuse(
			`${where}: a roll-out to version ${routed} is under way (${Math.round((current.weights[routed] ?? 0) * 100)} % of traffic); it must end before another starts.`,
			`Run \`rollback ${alias}\`, or \`rollout ${alias} --to ${routed}\` to finish it.`,
		);
	}

	const from = current.version;
	if (from === target && routed === undefined) {
		return {functionName, alias, from, to: target, steps: [], rollback: pointAt(functionName, alias, from)};
	}

	const fromInfo = known.get(from);
	if (fromInfo && fromInfo.role !== targetInfo.role) {
		refuse(
			`${where}: versions ${from} and ${target} have different execution roles (${fromInfo.role}, ${targetInfo.role}); AWS routes traffic only between versions with the same role.`,
			`Point the alias at version ${target} at once (strategy = "all-at-once"), or publish ${target} with the role of version ${from}.`,
		);
	}

	// Resuming: the steps already taken are the ones at or under the weight the alias has now.
	const reached = routed === undefined ? 0 : (current.weights[routed] ?? 0) * 100;
	const remaining = steps.filter(step => step > reached + 1e-9);
	return {
		functionName,
		alias,
		from,
		to: target,
		steps: remaining.map(percent => ({
			percent,
			request: percent === 100 ? pointAt(functionName, alias, target) : weighted(functionName, alias, from, target, percent),
		})),
		rollback: pointAt(functionName, alias, from),
		...(routed === undefined ? {} : {resumedFrom: reached}),
	};
}

/**
 * Where `rollback` takes the alias: with routing, to its main version (the one
 * a roll-out started from); without, to the newest published version before
 * the one it points at. Undefined when there is none to go back to.
 */
export function rollbackTarget(current: AliasState, versions: readonly VersionInfo[]): string | undefined {
	if (routedVersion(current) !== undefined) {
		return current.version;
	}

	const older = versions
		.map(info => Number(info.version))
		.filter(version => Number.isInteger(version) && version < Number(current.version))
		.sort((a, b) => b - a);
	return older[0] === undefined ? undefined : String(older[0]);
}

/** The newest published version: what `rollout` goes to without --to. */
export function newestVersion(versions: readonly VersionInfo[]): string | undefined {
	const numbers = versions.map(info => Number(info.version)).filter(Number.isInteger).sort((a, b) => b - a);
	return numbers[0] === undefined ? undefined : String(numbers[0]);
}

/** The alias's state as a person reads it: "version 1" or "version 1, 10 % on version 2". */
export function describeAlias(state: AliasState): string {
	const routed = routedVersion(state);
	if (routed === undefined) {
		return `version ${state.version}`;
	}

	const share = (state.weights[routed] ?? 0) * 100;
	return `version ${state.version} (${Math.round(100 - share)} %), version ${routed} (${Math.round(share)} %)`;
}

/**
 * The version a missing alias is created on before a roll-out to `target`: the newest
 * published one below it, so the traffic then moves step by step. Only when there is
 * none is it the target itself, and creating the alias is then the whole release.
 */
export function aliasStart(target: string, versions: readonly VersionInfo[]): string {
	const below = versions
		.map(info => Number(info.version))
		.filter(version => Number.isInteger(version) && version < Number(target))
		.sort((a, b) => b - a);
	return below[0] === undefined ? target : String(below[0]);
}

export const createAlias = (functionName: string, alias: string, version: string): Request<'lambda', 'CreateAlias'> =>
	request('lambda', 'CreateAlias', {FunctionName: functionName, Name: alias, FunctionVersion: version});

/** A version from $LATEST, only if its code is still the one read (CodeSha256): nobody's newer upload slips in. */
export const publishCurrent = (functionName: string, codeSha256: string): Request<'lambda', 'PublishVersion'> =>
	request('lambda', 'PublishVersion', {FunctionName: functionName, CodeSha256: codeSha256, Description: 'published by rollout --publish'});
