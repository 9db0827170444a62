// Every AWS limit and name rule the tool enforces, in one place: the wizard,
// the config loader and the planner all check against these.

export interface Range {
	readonly min: number;
	readonly max: number;
	readonly unit?: string;
}

export const MIB = 1024 * 1024;

export const limits = {
	memoryMb: {min: 128, max: 10_240, unit: 'MB'},
	timeoutSeconds: {min: 1, max: 900, unit: 's'},
	reservedConcurrency: {min: 0, max: 1_000_000},
	unreservedConcurrencyFloor: 100,
	layersPerFunction: 5,
	/** PublishLayerVersion's Description and LicenseInfo. */
	layerDescriptionLength: 256,
	layerLicenseLength: 512,
	extensionsPerFunction: 10,
	zipDirectUploadBytes: 50 * MIB,
	unzippedBytes: 250 * MIB,
	imageBytes: 10 * 1024 * MIB,
	maxRetryAttempts: {min: 0, max: 2},
	/** What Lambda uses for async invocations when nothing is configured. */
	defaultMaxRetryAttempts: 2,
	maxEventAgeSeconds: {min: 60, max: 21_600, unit: 's'},
	sqsBatchSize: {min: 1, max: 10_000},
	sqsFifoBatchSize: {min: 1, max: 10},
	sqsBatchSizeWithoutWindow: 10,
	sqsBatchingWindowSeconds: {min: 0, max: 300, unit: 's'},
	sqsMaxConcurrency: {min: 2, max: 1000},
	rolloutPercent: {min: 1, max: 100, unit: '%'},
	rolloutIntervalSeconds: {min: 0, max: 86_400, unit: 's'},
	/** Measured by Lambda on the variables as JSON text, in bytes (UTF-8). */
	environmentBytes: 4096,
} as const satisfies Record<string, Range | number>;

export interface NameRule {
	readonly pattern: RegExp;
	readonly rule: string;
}

export const names = {
	crate: {
		// The library is used by name in the generated src/main.rs (`use NAME::handler`), so a
		// Rust keyword, or the name of a crate Rust ships with, cannot be one.
		pattern:
			/^(?!(?:abstract|alloc|as|async|await|become|box|break|const|continue|core|crate|do|dyn|else|enum|extern|false|final|fn|for|gen|if|impl|in|let|loop|macro|match|mod|move|mut|override|priv|proc_macro|proc-macro|pub|ref|return|self|static|std|struct|super|test|trait|true|try|type|typeof|unsafe|unsized|use|virtual|where|while|yield)$)[a-z][a-z0-9_-]{0,63}$/,
		rule: 'a crate name: 1–64 lowercase letters, digits, - or _, starting with a letter; not a Rust keyword nor std, core, alloc, proc_macro or test',
	},
	function: {
		pattern: /^[a-zA-Z0-9_-]{1,64}$/,
		rule: 'a function name: 1–64 letters, digits, - or _',
	},
	alias: {
		pattern: /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/,
		rule: 'an alias name: 1–128 letters, digits, - or _, not all digits',
	},
	layer: {
		pattern: /^[a-zA-Z0-9_-]{1,140}$/,
		rule: 'a layer name: 1–140 letters, digits, - or _',
	},
	/** Whom a layer version is shared with: an account, or every account of an organization. */
	layerPrincipal: {
		pattern: /^(?:\d{12}|o-[a-z0-9]{10,32})$/,
		rule: 'an AWS account ID (12 digits) or an organization ID (o- and 10–32 lowercase letters or digits)',
	},
	extension: {
		pattern: /^[a-zA-Z0-9_-]{1,64}$/,
		rule: 'an extension name: 1–64 letters, digits, - or _',
	},
	ecrRepository: {
		pattern: /^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
		rule: 'an ECR repository name: 2–256 lowercase letters, digits, and . _ - / between them',
	},
	region: {
		pattern: /^[a-z]{2}(?:-(?:gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/,
		rule: 'an AWS region such as us-east-1',
	},
	subnetId: {
		pattern: /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
		rule: 'a subnet ID: subnet- and 8 or 17 hex digits (subnet-0abc1234)',
	},
	securityGroupId: {
		pattern: /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
		rule: 'a security group ID: sg- and 8 or 17 hex digits (sg-0abc1234)',
	},
	role: {
		pattern: /^[\w+=,.@-]{1,64}$/,
		rule: 'an IAM role name: 1–64 letters, digits or + = , . @ _ -',
	},
	environmentKey: {
		// Lambda's own pattern: [a-zA-Z]([a-zA-Z0-9_])+, so a one-letter name is refused.
		pattern: /^[a-zA-Z][a-zA-Z0-9_]+$/,
		rule: 'an environment variable name: a letter, then at least one more letter, digit or _',
	},
} as const satisfies Record<string, NameRule>;

// Partition, region and account may be the {region}/{account} placeholders,
// filled per region at plan time.
// The partitions: aws, aws-cn, aws-us-gov, and the isolated aws-iso, aws-iso-b, aws-iso-e, aws-iso-f.
const partition = 'arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?';
const region = '(?:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}|\\{region\\})';
const account = '(?:\\d{12}|\\{account\\})';

export const arns = {
	role: {
		pattern: new RegExp(`^${partition}:iam::${account}:role/[\\w+=,.@/-]{1,512}$`),
		rule: 'an IAM role ARN: arn:aws:iam::<account>:role/<name>',
	},
	layerVersion: {
		pattern: new RegExp(`^${partition}:lambda:${region}:${account}:layer:[a-zA-Z0-9_-]{1,140}:\\d+$`),
		rule: 'a layer version ARN: arn:aws:lambda:<region>:<account>:layer:<name>:<version>',
	},
	sqsQueue: {
		pattern: new RegExp(`^${partition}:sqs:${region}:${account}:[a-zA-Z0-9_-]{1,80}(?:\\.fifo)?$`),
		rule: 'an SQS queue ARN: arn:aws:sqs:<region>:<account>:<queue>',
	},
	deadLetter: {
		pattern: new RegExp(`^${partition}:(?:sqs|sns):${region}:${account}:[a-zA-Z0-9_.-]{1,256}$`),
		rule: 'an SQS queue or SNS topic ARN (the only dead-letter targets Lambda takes)',
	},
	destination: {
		pattern: new RegExp(
			`^${partition}:(?:(?:sqs|sns|lambda|events):${region}:${account}:.+|s3:::[a-z0-9.-]{3,63})$`,
		),
		rule: 'an SQS queue, SNS topic, Lambda function or EventBridge bus ARN (S3 bucket on failure only)',
	},
} as const satisfies Record<string, NameRule>;

/**
 * What an ARN that names no resource lacks, or undefined when it names one: the rule every ARN
 * key shares, before its own shape. arn:aws:sqs:us-east-1:123456789012: and arn:aws:s3::: end
 * before the name; …:table/, …:role/ and …:function: have a resource type and no name after it.
 */
export function arnNamesNothing(value: string): string | undefined {
	const parts = value.split(':');
	if (parts[0] !== 'arn' || parts.length < 6) {
		return undefined;
	}

	const resource = parts.slice(5).join(':');
	if (resource === '') {
		return 'names no resource: it ends where the resource\'s name goes';
	}

	// An empty part of the resource: at its start, between two separators, or at its end.
	const empty = /(^|[/:])(?=[/:]|$)/.exec(resource);
	return empty === null ? undefined : `names no resource: the name after "${resource.slice(0, empty.index + empty[1]!.length)}" is empty`;
}

/** Environment variable names Lambda sets itself and refuses in a function's configuration. */
export const reservedEnvironmentKeys: ReadonlySet<string> = new Set([
	'_HANDLER',
	'_X_AMZN_TRACE_ID',
	'AWS_DEFAULT_REGION',
	'AWS_REGION',
	'AWS_EXECUTION_ENV',
	'AWS_LAMBDA_FUNCTION_NAME',
	'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
	'AWS_LAMBDA_FUNCTION_VERSION',
	'AWS_LAMBDA_INITIALIZATION_TYPE',
	'AWS_LAMBDA_LOG_GROUP_NAME',
	'AWS_LAMBDA_LOG_STREAM_NAME',
	'AWS_ACCESS_KEY',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_LAMBDA_RUNTIME_API',
	'LAMBDA_TASK_ROOT',
	'LAMBDA_RUNTIME_DIR',
]);

/** A region of the aws partition every account has: for calls where any region will do (STS's GetCallerIdentity). */
export const anyRegion = 'us-east-1';

/** Regions known today, for "did you mean" on a mistyped one; new regions still pass the pattern. */
export const knownRegions: readonly string[] = [
	'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
	'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
	'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
	'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
	'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
	'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2',
	'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
	'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

interface ArchitectureNames {
	/** The Rust target that builds for it. */
	readonly rust: string;
	/** Its name for containers: docker's TARGETARCH, an image's Architecture. */
	readonly container: string;
	/** cargo lambda build's flag for it. */
	readonly cargoLambdaFlag: string;
	/** The ELF header's e_machine (the two bytes at offset 18) of a binary built for it. */
	readonly elfMachine: number;
	/** Node's process.arch on a machine of it. */
	readonly node: string;
	/** What `uname -m` prints there (Linux says aarch64, macOS arm64). */
	readonly uname: readonly string[];
}

/** The names, and the container platform (linux/<container>) that runs it. */
const architecture = (names: ArchitectureNames) => ({...names, platform: `linux/${names.container}`});

/**
 * Lambda's architectures (the keys: Lambda's own names, as project.architecture takes them) and
 * every other name each goes by. The one table: config, build, doctor, deploy and the generated
 * projects all look names up here.
 */
export const architectureTargets = {
	arm64: architecture({rust: 'aarch64-unknown-linux-gnu', container: 'arm64', cargoLambdaFlag: '--arm64', elfMachine: 0xb7, node: 'arm64', uname: ['arm64', 'aarch64']}),
	x86_64: architecture({rust: 'x86_64-unknown-linux-gnu', container: 'amd64', cargoLambdaFlag: '--x86-64', elfMachine: 0x3e, node: 'x64', uname: ['x86_64']}),
} as const;

export type Architecture = keyof typeof architectureTargets;
export const architectures = Object.keys(architectureTargets) as [Architecture, ...Architecture[]];

/** With layer.architectures listing two, one layer is published per architecture, named so. */
export const architectureLayerName = (name: string, architecture: Architecture) => `${name}-${architecture}`;

/** Lambda's provided.al2023 runtime ships glibc 2.34: a binary linked against a newer one may not start there. */
export const runtimeGlibc = '2.34';

export const runtime = 'provided.al2023';

/** Lambda takes an extension as a layer (a ZIP archive), or inside a function's own image: an extension alone has no image to go into. */
export const extensionAloneIsZip = 'an extension on its own is published as a layer, and layers are ZIP archives; an image function carries its extensions in /opt/extensions instead (kind function+extension with packaging image builds both)';
export const handler = 'bootstrap';

export function describeRange(range: Range): string {
	const unit = range.unit ? ` ${range.unit}` : '';
	return `a whole number from ${range.min} to ${range.max}${unit}`;
}

export function inRange(value: number, range: Range): boolean {
	return Number.isInteger(value) && value >= range.min && value <= range.max;
}
