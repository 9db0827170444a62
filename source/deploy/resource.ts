// What a deployable resource is: it reads its part of a region (Get/List
// requests through the injected sender), says what only AWS can tell that the
// config must fix, and plans its actions. The registry (registry.ts) lists them
// in apply order; adding a resource is one module and one line there.
import type {Spec} from '../spec/schema.js';
import type {Action} from './action.js';
import type {PolicyScope, Statement} from './policy.js';
import type {AwsSender} from './request.js';
import type {DesiredFunction, ObservedFunction, ObservedVersion, VersionRef} from './types.js';

/** Reads a manifest in a registry (the registry adapter): its digest, config digest and media type. */
export type ManifestReader = (
	access: {host: string; insecure: boolean; username: string; password: string},
	repository: string,
	reference: string,
	signal?: AbortSignal,
) => Promise<{digest: string; configDigest?: string | undefined; mediaType?: string | undefined} | undefined>;

/** The adapters a resource reads through: AWS, and an image registry's manifests. */
export interface RegionIo {
	aws: AwsSender;
	readManifest: ManifestReader;
}

/** What every resource of one region knows before it reads or plans. */
export interface RegionTarget {
	spec: Spec;
	region: string;
	/** Looked up (STS) only when something needs it: a placeholder, the managed role, a resource's ARN. */
	account?: string | undefined;
	/** The function as it should be here: name, alias, code and settings, ARNs filled for the region. */
	function: DesiredFunction;
}

/** The function as Lambda has it: what the other resources hang off. */
export interface Anchor {
	/** Undefined: it does not exist yet. */
	function?: ObservedFunction | undefined;
	versions: ObservedVersion[];
}

export interface PlanContext {
	target: RegionTarget;
	anchor: Anchor;
	/** The actions planned before this resource's, in this region. */
	before: readonly Action[];
	/** Facts a planner states for the region's summary. */
	result: {aliasVersion?: VersionRef};
}

/** `Read` is what observe returns: its own part (`Observed`), or, seen through the registry, any part. */
export interface RegionResource<Observed, Read = Observed> {
	name: string;
	/** Its part of the read phase: only Get/List requests. */
	observe(io: RegionIo, target: RegionTarget, anchor: Anchor, signal?: AbortSignal): Promise<Read>;
	/** A problem only AWS can show that the config must fix: reported (with the key) before any write. */
	check?(observed: Observed, target: RegionTarget, anchor: Anchor): {key: string; message: string} | undefined;
	/** What it could not check in this region (an emulator lacking a call), said once for all regions. */
	unchecked?(observed: Observed): string | undefined;
	/** What a person should know about it in this region that does not stop the deploy. */
	notes?(observed: Observed, target: RegionTarget, anchor: Anchor): string[];
	plan(observed: Observed, context: PlanContext): Action[];
	/** What a person should know about its part of the config that does not stop the deploy (a trigger's source not set yet). */
	configNotes?(spec: Spec): string[];
	/** Whether its ARNs need the account (from STS) in this config. */
	needsAccount?(spec: Spec): boolean;
	/**
	 * Its statements in the execution role's policy (deploy's own role). `seen` is
	 * what the read phase saw in the regions it could read (a queue's KMS key,
	 * versions still in a VPC): the role is planned after them.
	 */
	grants?(spec: Spec, scope: PolicyScope, seen: ReadonlyArray<Observed & Anchor>): Statement[];
}
