// One region's read phase and plan, through the registry: the function first
// (every other resource hangs off it), then the others at once; then each
// resource plans in apply order, seeing the actions planned before its own.
import type {Action} from './action.js';
import {observeFunction} from './function.js';
import {regionResources, type ObservedRegion} from './registry.js';
import type {PlanContext, RegionIo, RegionTarget} from './resource.js';
import type {RegionPlan} from './types.js';

export async function observeRegion(io: RegionIo, target: RegionTarget, signal?: AbortSignal): Promise<ObservedRegion> {
	const anchor = await observeFunction(io.aws, target.function.name, signal);
	const parts = await Promise.all(regionResources.map(async resource => resource.observe(io, target, anchor, signal)));
	return Object.assign({}, ...parts, anchor) as ObservedRegion;
}

/** Problems only AWS could show that the config must fix; each names its key. */
export const regionProblems = (target: RegionTarget, observed: ObservedRegion) =>
	regionResources.flatMap(resource => resource.check?.(observed, target, observed) ?? []);

/** What a person should know about this region that does not stop the deploy. */
export const regionNotes = (target: RegionTarget, observed: ObservedRegion) =>
	regionResources.flatMap(resource => resource.notes?.(observed, target, observed) ?? []);

/** What could not be checked in this region. */
export const regionUnchecked = (observed: ObservedRegion) =>
	regionResources.flatMap(resource => resource.unchecked?.(observed) ?? []);

export function planRegion(target: RegionTarget, observed: ObservedRegion): RegionPlan {
	const actions: Action[] = [];
	const context: PlanContext = {target, anchor: observed, before: actions, result: {}};
	for (const resource of regionResources) {
		actions.push(...resource.plan(observed, context));
	}

	const {name, alias, region} = target.function;
	return {region, functionName: name, alias, aliasVersion: context.result.aliasVersion ?? {published: true}, functionArn: observed.function?.arn, actions};
}
