// Every default, once: what a project gets for a key rust-lambda.toml (or the
// flags, or the wizard's answers) leaves out. The config loader fills them
// (spec.ts), the wizard offers them first, and `new --yes` takes them.
import {limits, type Architecture} from './limits.js';
import type {Spec} from './schema.js';

/** What Lambda itself uses for a setting nobody sets: ours follow it where there is no reason to differ. */
export const lambdaDefaults = {
	memoryMb: 128,
	timeoutSeconds: 3,
	architecture: 'x86_64' satisfies Architecture,
	sqsBatchSize: 10,
	sqsBatchingWindowSeconds: 0,
	maxRetryAttempts: limits.defaultMaxRetryAttempts,
	/** Six hours: the most Lambda keeps an event. */
	maxEventAgeSeconds: limits.maxEventAgeSeconds.max,
} as const;

type Strategy = Spec['rollout']['strategy'];

export const defaults = {
	project: {
		kind: 'function',
		trigger: 'json',
		packaging: 'zip',
		// Graviton: cheaper per millisecond, and a Rust binary builds for it as easily.
		architecture: 'arm64',
	},
	function: {
		memory: lambdaDefaults.memoryMb,
		timeout: lambdaDefaults.timeoutSeconds,
	},
	sqs: {
		fifo: false,
		batch_size: lambdaDefaults.sqsBatchSize,
		batching_window_seconds: lambdaDefaults.sqsBatchingWindowSeconds,
		report_batch_item_failures: true,
	},
	/** Not filled into the Spec (deploy then leaves Lambda's own); the wizard offers them once [async] is wanted. */
	async: {
		max_retry_attempts: lambdaDefaults.maxRetryAttempts,
		max_event_age_seconds: lambdaDefaults.maxEventAgeSeconds,
	},
	extension: {
		kind: 'events',
		internal: false,
	},
	image: {
		dockerfile: 'Dockerfile',
		base: 'multi-stage',
	},
	http: {
		endpoint: 'function-url',
		auth: 'none',
	},
	s3: {
		events: ['s3:ObjectCreated:*'],
	},
	/** DynamoDB and Kinesis stream mappings. */
	dynamodb: {
		starting_position: 'LATEST',
	},
	kinesis: {
		starting_position: 'LATEST',
	},
	/** artillery: only for HTTP (see localDefaults). */
	local: {
		sam: true,
		localstack: true,
	},
	deploy: {
		alias: 'live',
	},
	rollout: {
		strategy: 'all-at-once',
		interval_seconds: 300,
		max_errors: 0,
	},
} as const satisfies {
	[Section in keyof Spec]?: {[Key in keyof NonNullable<Spec[Section]>]?: NonNullable<Spec[Section]>[Key]};
};

/** The traffic steps of each strategy, in percent, when rollout.steps is not set. */
export const defaultSteps: Readonly<Record<Strategy, readonly number[]>> = {
	'all-at-once': [100],
	canary: [10, 100],
	linear: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
	manual: [10, 50, 100],
};

/** Local-development files: all of them, the load test only for an HTTP function. */
export function localDefaults(trigger: Spec['project']['trigger']): Spec['local'] {
	return {...defaults.local, artillery: trigger === 'http'};
}

/** The role deploy creates when function.role is not set. */
export const defaultRoleName = (functionName: string) => `${functionName}-role`;

/** An extension's name: the project's, or beside a function (a binary named after the project) a name of its own that fits the 64-character rule. */
export function defaultExtensionName(project: Pick<Spec['project'], 'name' | 'kind'>): string {
	const suffix = '-extension';
	return project.kind === 'function+extension' ? `${project.name.slice(0, 64 - suffix.length)}${suffix}` : project.name;
}

/**
 * What the wizard offers first where the config has a default that suits a file
 * (json: nothing to set up) but not a person starting a project.
 */
export const suggestions = {
	trigger: 'http',
	regions: ['us-east-1'],
} as const satisfies {trigger: Spec['project']['trigger']; regions: readonly string[]};
