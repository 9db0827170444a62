// What deploy's resources compare and what the plan holds. Plain data: printable, JSON-able.
import type {Action} from './action.js';

/** The part of a function's configuration the tool owns and compares (published with each version). */
export interface FunctionSettings {
	/** A ZIP function's; an image function has none (its entrypoint is in the image). */
	runtime?: string;
	handler?: string;
	role: string;
	memory: number;
	timeout: number;
	environment: Record<string, string>;
	layers: string[];
	vpc?: {subnet_ids: string[]; security_group_ids: string[]};
	/** The older dead-letter queue (DeadLetterConfig.TargetArn). */
	deadLetterArn?: string;
}

export interface ObservedFunction {
	settings: FunctionSettings;
	codeSha256: string;
	architecture: string;
	packageType: string;
	/** An image function's image, by digest when Lambda says which (Code.ImageUri, else ResolvedImageUri). */
	imageUri?: string;
	/** Its ARN as Lambda reports it (unqualified). */
	arn?: string;
	reservedConcurrency?: number;
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

/** PutFunctionEventInvokeConfig's settings, with Lambda's defaults filled so that configs compare. */
export interface EventInvokeSettings {
	maximumRetryAttempts: number;
	maximumEventAgeSeconds: number;
	onSuccess?: string;
	onFailure?: string;
}

/** An SQS event source mapping's settings. */
export interface SqsMappingSettings {
	queueArn: string;
	batchSize: number;
	batchingWindowSeconds: number;
	reportBatchItemFailures: boolean;
	maxConcurrency?: number;
}

export interface ObservedMapping extends SqsMappingSettings {
	uuid: string;
	state: string;
}

/** GetAccountSettings for one region: concurrent executions the account may run, and how many are not reserved. */
export interface AccountConcurrency {
	limit: number;
	unreserved: number;
}

/** The ECR side of an image deploy pushes, in one region. */
export interface ObservedImage {
	/** The repository's URI (host/name); undefined when it does not exist yet. */
	repositoryUri?: string | undefined;
	/** What identifies the image the function runs, when it came from this repository: its manifest digest and its config digest (the local image ID). */
	runningImageIds: string[];
}

export interface ZipArtifact {
	path: string;
	sha256: string;
	bytes: number;
}

/** A registry that stands in for ECR's own host (LocalStack, moto beside a local registry). */
export interface RegistryOverride {
	/** host[:port], as image references name it. */
	host: string;
	/** Plain HTTP (the override was given as http://…). */
	insecure: boolean;
}

/** Where the function's image comes from: the one `build` made (deploy pushes it), or a URI given with --image. */
export type ImageSource =
	| {kind: 'built'; localTag: string; /** The local image's ID: its config digest, sha256:… */ imageId: string}
	| {kind: 'given'; /** By digest: a tag was resolved before planning. */ uri: string};

/** One image per architecture: the function's architecture picks the tag (<repository>:<arch>). */
export interface DesiredImage {
	/** The ECR repository name. */
	repository: string;
	architecture: string;
	source: ImageSource;
	registry?: RegistryOverride | undefined;
}

export type FunctionCode =
	| {packageType: 'Zip'; zip: ZipArtifact}
	| {packageType: 'Image'; image: DesiredImage};

/** The image URI a function gets: a known one, or the one pushed earlier in the same plan (its digest is known only then). */
export type ImageRef = {pushed: true} | {uri: string};

/** What the function should look like in one region, from the Spec with ARNs filled for the region. */
export interface DesiredFunction {
	region: string;
	name: string;
	architecture: 'arm64' | 'x86_64';
	settings: FunctionSettings;
	code: FunctionCode;
	alias: string;
}

/** An IAM policy document, as IAM takes it. */
export interface PolicyDocument {
	Version: '2012-10-17';
	Statement: Array<{
		Sid?: string;
		Effect: 'Allow';
		Action: string | string[];
		Resource?: string | string[];
		Principal?: {Service: string};
		Condition?: Record<string, Record<string, string | string[]>>;
	}>;
}

/** A role deploy manages (the execution role when function.role is not set, the scheduler's role). */
export interface DesiredRole {
	/** What it is for ("execution role"), and what only this kind of role says (RoleKind, below). */
	kind: RoleKind;
	name: string;
	arn: string;
	/** The regions this run covers: grants on resources in other regions are left as they are. */
	regions: readonly string[];
	policyName: string;
	trustPolicy: PolicyDocument;
	policy: PolicyDocument;
}

export interface ObservedRole {
	arn: string;
	/** Documents as JSON text (already URL-decoded). */
	trustPolicy: string;
	policy?: string | undefined;
	description?: string | undefined;
	tags: Record<string, string>;
	/** Policies deploy did not write: attached ones by name, and inline ones other than deploy's, as "<name> (inline)". */
	otherPolicies: string[];
}

/** The version an alias should point at: a known one, or the one published earlier in the same plan. */
export type VersionRef = {published: true} | {version: string};

export interface RegionPlan {
	region: string;
	functionName: string;
	alias: string;
	/** The version the alias ends on. */
	aliasVersion: VersionRef;
	/** The function's ARN (unqualified) as Lambda reported it, when the function exists already. */
	functionArn?: string | undefined;
	actions: Action[];
}

/** What differs between the roles deploy manages: who assumes it, what it is for, what to say. */
export interface RoleKind {
	/** "execution role", "scheduler role": in titles and messages. */
	label: string;
	/** The service principal that assumes it ("lambda.amazonaws.com"), and the service's name for titles ("Lambda"). */
	service: string;
	serviceName: string;
	/** CreateRole's description; an older version's role is known by it. */
	description: string;
	/** How to go on when a role of its name exists that deploy did not create. */
	takeOverHint: (arn: string) => string;
	/** Who runs with the permissions of policies deploy did not write ("the function"). */
	user: string;
}

/** IAM is global: a role is planned once, before the regions. */
export interface RolePlan {
	/** What the role is for ("execution role"). */
	label: string;
	roleName: string;
	roleArn: string;
	/** The policy the role ends with, as a document. */
	policy: PolicyDocument;
	/** Run before the regions: the role, its trust, and every permission the regions will need. */
	actions: Action[];
	/** Run after every region succeeded: taking away what the config no longer needs. */
	afterRegions: Action[];
	/** What a person should know about the role that does not stop the deploy. */
	notes: string[];
}

export interface Plan {
	/** The roles deploy manages, the execution role first: each planned once, run before the regions. */
	roles: RolePlan[];
	regions: RegionPlan[];
}
