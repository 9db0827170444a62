// What the planner compares and what it produces. Plain data: printable, JSON-able.

/** The part of a function's configuration the tool owns and compares. */
export interface FunctionSettings {
	runtime: string;
	handler: string;
	role: string;
	memory: number;
	timeout: number;
	environment: Record<string, string>;
	layers: string[];
	vpc?: {subnet_ids: string[]; security_group_ids: string[]};
}

export interface ObservedFunction {
	settings: FunctionSettings;
	codeSha256: string;
	architecture: string;
	packageType: string;
}

export interface ObservedVersion {
	version: string;
	codeSha256: string;
	architecture: string;
	settings: FunctionSettings;
}

export interface ObservedAlias {
	functionVersion: string;
	additionalWeights: Record<string, number>;
}

/** What the Get* calls saw in one region. */
export interface ObservedRegion {
	function?: ObservedFunction;
	versions: ObservedVersion[];
	alias?: ObservedAlias;
}

export interface ZipArtifact {
	path: string;
	sha256: string;
	bytes: number;
}

/** What one region should look like, from the Spec with ARNs filled for the region. */
export interface DesiredFunction {
	region: string;
	name: string;
	architecture: string;
	settings: FunctionSettings;
	zip: ZipArtifact;
	alias: string;
}

/** The version an alias should point at: a known one, or the one published earlier in the same plan. */
export type VersionRef = {published: true} | {version: string};

export type Operation =
	| {type: 'create-function'; desired: DesiredFunction}
	| {type: 'update-function-code'; desired: DesiredFunction}
	| {type: 'update-function-configuration'; desired: DesiredFunction}
	| {type: 'publish-version'; functionName: string; codeSha256: string}
	| {type: 'create-alias'; functionName: string; alias: string; version: VersionRef}
	| {type: 'update-alias'; functionName: string; alias: string; version: VersionRef}
	| {type: 'none'};

export type Change = 'create' | 'update' | 'no-op';

export interface Action {
	change: Change;
	title: string;
	/** What differs, one line each ("memory 128 → 256"). */
	details: string[];
	/** The equivalent AWS CLI command, as words; empty for no-op. */
	awsCommand: string[];
	operation: Operation;
}

export interface RegionPlan {
	region: string;
	functionName: string;
	alias: string;
	/** The version the alias ends on. */
	aliasVersion: VersionRef;
	actions: Action[];
}

export interface Plan {
	regions: RegionPlan[];
}
