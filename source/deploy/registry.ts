// The resources deploy manages in a region, in the order their steps run: the
// image (repository and push), the function, its reserved concurrency, the
// version and alias, then what hangs off the alias. Adding a resource is one
// module and one line here.
import type {Spec} from '../spec/schema.js';
import {asyncResource} from './async.js';
import {concurrencyResource} from './concurrency.js';
import {functionResource} from './function.js';
import {httpResource} from './http.js';
import {imageResource} from './image.js';
import type {PolicyScope, Statement} from './policy.js';
import {releaseResource} from './release.js';
import {s3Resource} from './s3.js';
import {snsResource} from './sns.js';
import type {Anchor, RegionResource} from './resource.js';
import type {ServiceRole} from './role.js';
import {scheduleResource, schedulerServiceRole} from './schedule.js';
import {sqsResource} from './sqs.js';
import {streamsResource} from './streams.js';

const registry = [
	imageResource,
	functionResource,
	concurrencyResource,
	releaseResource,
	asyncResource,
	sqsResource,
	httpResource,
	streamsResource,
	snsResource,
	s3Resource,
	scheduleResource,
] as const;

/** The roles that triggers' services assume, planned once (IAM is global) after the execution role. */
export const serviceRoles: ReadonlyArray<ServiceRole<ObservedRegion>> = [schedulerServiceRole];

type ObservedBy<R> = R extends RegionResource<infer O> ? O : never;
type Intersect<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Everything the read phase saw in one region: the function (the anchor) and each resource's own part. */
export type ObservedRegion = Anchor & Intersect<ObservedBy<(typeof registry)[number]>>;

/** The resources in apply order, as the read phase and the planner use them (each sees only its own part). */
export const regionResources: ReadonlyArray<RegionResource<ObservedRegion, object>> = registry;

/** The statements the resources ask for in the execution role's policy, from the config and what the regions showed. */
export const resourceGrants = (spec: Spec, scope: PolicyScope, seen: readonly ObservedRegion[] = []): Statement[] =>
	regionResources.flatMap(resource => resource.grants?.(spec, scope, seen) ?? []);

/** What the resources say about this config that does not stop the deploy. */
export const resourceNotes = (spec: Spec): string[] =>
	regionResources.flatMap(resource => resource.configNotes?.(spec) ?? []);

/** Whether a resource's ARNs need the account in this config. */
export const resourcesNeedAccount = (spec: Spec): boolean =>
	regionResources.some(resource => resource.needsAccount?.(spec) ?? false);
