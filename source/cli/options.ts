// Every flag, once: its help line, its type, and the config key it overrides.
import {defaults} from '../spec/defaults.js';
import {architectures, limits, type Range} from '../spec/limits.js';
import {startingPositions, triggerLimits} from '../spec/triggers.js';
import type {FlagValue} from '../spec/spec.js';

export interface Option {
	readonly name: string;
	readonly type: 'boolean' | 'string' | 'integer';
	readonly multiple?: boolean;
	readonly value?: string;
	/** How help shows it, when not as --name (a flag that is on by default shows its --no- form). */
	readonly showAs?: string;
	readonly help: string;
	/** The rust-lambda.toml key this flag overrides. */
	readonly configPath?: readonly [string, string];
	/**
	 * A key several triggers' sections have (starting_position): the one of the trigger --trigger
	 * names; without one, the first, so that a flag no trigger takes is refused as for any other key.
	 */
	readonly configPathByTrigger?: Readonly<Record<string, readonly [string, string]>>;
	/** What is wrong with a value, checked before any command runs; undefined when it is fine. */
	readonly check?: (value: string) => string | undefined;
}

/** "128–10240": a limit as help shows it. */
const span = ({min, max}: Range) => `${min}–${max}`;

/** The SDK takes anything else for a host and fails later with "Invalid URL" or a lookup of a bogus name. */
function httpUrl(value: string): string | undefined {
	try {
		const {protocol} = new URL(value);
		if (protocol === 'http:' || protocol === 'https:') {
			return undefined;
		}
	} catch {
		// Not a URL at all: said below.
	}

	return `needs an http:// or https:// URL, e.g. http://127.0.0.1:5000 or https://lambda.us-east-1.amazonaws.com (got ${value})`;
}

/** A flag's value as the parser gives it: booleans as booleans, repeatable ones as lists, the rest (numbers too) as text. */
type ValueOf<O extends Option> = O['type'] extends 'boolean' ? boolean : O['multiple'] extends true ? string[] : string;

/** The flags a command gets, typed from its option table. */
export type FlagsOf<T extends readonly Option[]> = {readonly [O in T[number] as O['name']]?: ValueOf<O>};

const config = {name: 'config', type: 'string', value: 'PATH', help: 'project config file (default: ./rust-lambda.toml)'} as const satisfies Option;
const env = {name: 'env', type: 'string', value: 'NAME', help: 'apply the [env.NAME] overrides from the config'} as const satisfies Option;
const region = {name: 'region', type: 'string', multiple: true, value: 'REGION', help: 'region to act in; repeat for several (replaces deploy.regions)', configPath: ['deploy', 'regions']} as const satisfies Option;
const profile = {name: 'profile', type: 'string', value: 'NAME', help: 'AWS profile (default: AWS_PROFILE)'} as const satisfies Option;
const endpointUrl = {name: 'endpoint-url', type: 'string', value: 'URL', help: 'send AWS calls to this endpoint, e.g. LocalStack or moto (default: AWS_ENDPOINT_URL)', check: httpUrl} as const satisfies Option;

const awsOptions = [
	config,
	env,
	region,
	profile,
	endpointUrl,
	{name: 'dry-run', type: 'boolean', help: 'print the plan and the equivalent aws commands; change nothing'},
	{name: 'yes', type: 'boolean', help: 'ask nothing: take every answer from flags and the config'},
	{name: 'json', type: 'boolean', help: 'print the plan or the summary as JSON on stdout'},
] as const satisfies readonly Option[];

export const deployOptions = [
	...awsOptions,
	{name: 'zip', type: 'string', value: 'PATH', help: 'the function zip (default: target/lambda/<project>/bootstrap.zip)'},
	{name: 'image', type: 'string', value: 'URI', help: 'deploy this image (this account\'s ECR in the function\'s region, or the --registry host) instead of pushing the one `build` made (packaging = "image")'},
	{name: 'registry', type: 'string', value: 'URL', help: 'push images here instead of ECR\'s own host, e.g. http://127.0.0.1:5000 beside an emulator (http:// = plain HTTP)'},
	{name: 'memory', type: 'integer', value: 'MB', help: `memory in MB, ${span(limits.memoryMb)}`, configPath: ['function', 'memory']},
	{name: 'timeout', type: 'integer', value: 'SECONDS', help: `timeout in seconds, ${span(limits.timeoutSeconds)}`, configPath: ['function', 'timeout']},
	{name: 'role', type: 'string', value: 'ARN', help: 'execution role ARN (default: deploy creates and manages <function>-role)', configPath: ['function', 'role']},
	{name: 'alias', type: 'string', value: 'NAME', help: `alias to point at the new version (default: ${defaults.deploy.alias})`, configPath: ['deploy', 'alias']},
	{name: 'rollout', type: 'boolean', showAs: '--no-rollout', help: 'with a rollout.strategy other than all-at-once: stop after publishing the version (roll it out later with `rollout`)'},
] as const satisfies readonly Option[];

/** `rollout` and `rollback`: the AWS flags, and how the traffic moves. */
const rollbackFlags = [
	...awsOptions,
	{name: 'parallel', type: 'boolean', help: 'all regions at the same time (default: one region after the other, so a bad release stops before the next)'},
] as const satisfies readonly Option[];

export const rollbackOptions = rollbackFlags;

export const rolloutOptions = [
	...rollbackFlags,
	{name: 'to', type: 'string', value: 'VERSION', help: 'the version to move the alias to (default: the newest published version, or the one a roll-out under way goes to)'},
	{name: 'publish', type: 'boolean', help: 'publish a version from the function\'s current code ($LATEST) now and roll out to it'},
	{name: 'strategy', type: 'string', value: 'STRATEGY', help: 'all-at-once | canary | linear | manual (overrides rollout.strategy; without it, at a terminal, rollout asks when the strategy is all-at-once)', configPath: ['rollout', 'strategy']},
	{name: 'interval', type: 'integer', value: 'SECONDS', help: `how long each step lasts, ${span(limits.rolloutIntervalSeconds)} (overrides rollout.interval_seconds)`, configPath: ['rollout', 'interval_seconds']},
] as const satisfies readonly Option[];

export const exportOptions = [
	config,
	env,
	{name: 'output', type: 'string', value: 'PATH', help: 'where to write it (default: template.yaml beside rust-lambda.toml)'},
	{name: 'force', type: 'boolean', help: 'replace the file if it exists'},
] as const satisfies readonly Option[];

/** `layer publish | list | prune`: the extension's layer in every region. */
export const layerOptions = [
	...awsOptions,
	{name: 'zip', type: 'string', value: 'PATH', help: 'publish this extension zip (default: build it as `build` does: target/lambda/extensions/<extension>.zip)'},
	{name: 'name', type: 'string', value: 'NAME', help: 'the layer\'s name (default: extension.layer_name, then extension.name)', configPath: ['layer', 'name']},
	{name: 'description', type: 'string', value: 'TEXT', help: 'the layer version\'s description', configPath: ['layer', 'description']},
	{name: 'license', type: 'string', value: 'TEXT', help: 'its license, e.g. MIT or an SPDX expression', configPath: ['layer', 'license']},
	{name: 'share-with', type: 'string', multiple: true, value: 'ID', help: 'an account ID or organization ID (o-…) that may use it; repeat for several', configPath: ['layer', 'share_with']},
	{name: 'keep', type: 'integer', value: 'N', help: 'layer prune: keep the newest N versions (default 1), and every version a config\'s function uses'},
	{name: 'attach', type: 'string', multiple: true, value: 'FUNCTIONS', help: 'attach the version to these functions in each region: comma-separated or repeated (replaces layer.attach_to)'},
] as const satisfies readonly Option[];

/** `new`: one flag per wizard question. */
export const newOptions = [
	{name: 'yes', type: 'boolean', help: 'ask nothing: defaults and these flags only (needs --name or a folder)'},
	{name: 'force', type: 'boolean', help: 'write into a folder that is not empty (files with the same names are replaced)'},
	{name: 'name', type: 'string', value: 'NAME', help: 'crate and function name', configPath: ['project', 'name']},
	{name: 'kind', type: 'string', value: 'KIND', help: 'function | extension | function+extension', configPath: ['project', 'kind']},
	{name: 'trigger', type: 'string', value: 'TRIGGER', help: 'http | sqs | sns | s3 | schedule | dynamodb | kinesis | json', configPath: ['project', 'trigger']},
	{name: 'http', type: 'string', value: 'ENDPOINT', help: 'function-url | http-api (HTTP trigger)', configPath: ['http', 'endpoint']},
	{name: 'auth', type: 'string', value: 'AUTH', help: 'none | iam (HTTP trigger)', configPath: ['http', 'auth']},
	{name: 'cors-origin', type: 'string', multiple: true, value: 'ORIGIN', help: 'an origin browsers may call it from, e.g. https://example.com or *; repeat for several (HTTP trigger)', configPath: ['http', 'cors_allow_origins']},
	{name: 'topic-arn', type: 'string', value: 'ARN', help: 'the SNS topic to subscribe to ({region}/{account} allowed)', configPath: ['sns', 'topic_arn']},
	{name: 'filter-policy', type: 'string', value: 'JSON', help: 'SNS filter policy, e.g. \'{"kind": ["order"]}\'', configPath: ['sns', 'filter_policy']},
	{name: 'bucket', type: 'string', value: 'NAME', help: 'the S3 bucket whose events invoke the function', configPath: ['s3', 'bucket']},
	{name: 's3-event', type: 'string', multiple: true, value: 'EVENT', help: 'an S3 event type; repeat for several (default: s3:ObjectCreated:*)', configPath: ['s3', 'events']},
	{name: 'prefix', type: 'string', value: 'PREFIX', help: `S3 object keys starting with this only (at most ${triggerLimits.s3KeyFilterLength} characters)`, configPath: ['s3', 'prefix']},
	{name: 'suffix', type: 'string', value: 'SUFFIX', help: 'S3 object keys ending with this only, e.g. .jpg', configPath: ['s3', 'suffix']},
	{name: 'schedule', type: 'string', value: 'EXPRESSION', help: 'rate(5 minutes) | cron(0 12 * * ? *) | at(yyyy-mm-ddThh:mm:ss)', configPath: ['schedule', 'expression']},
	{name: 'timezone', type: 'string', value: 'ZONE', help: 'the schedule\'s IANA time zone, e.g. Europe/Berlin (default: UTC)', configPath: ['schedule', 'timezone']},
	{name: 'schedule-input', type: 'string', value: 'JSON', help: 'the event the schedule sends, JSON text', configPath: ['schedule', 'input']},
	{name: 'table', type: 'string', value: 'NAME', help: 'the DynamoDB table whose stream invokes the function', configPath: ['dynamodb', 'table']},
	{name: 'stream-arn', type: 'string', value: 'ARN', help: 'the Kinesis stream ARN ({region}/{account} allowed)', configPath: ['kinesis', 'stream_arn']},
	{
		name: 'starting-position',
		type: 'string',
		value: 'POSITION',
		help: `${startingPositions.join(' | ')}: where a DynamoDB or Kinesis stream is first read (default: ${startingPositions[0]})`,
		configPathByTrigger: {dynamodb: ['dynamodb', 'starting_position'], kinesis: ['kinesis', 'starting_position']},
	},
	{name: 'extension-kind', type: 'string', value: 'KIND', help: 'events | logs | telemetry', configPath: ['extension', 'kind']},
	{name: 'internal', type: 'boolean', help: 'an internal extension (inside the function process); --no-internal for external', configPath: ['extension', 'internal']},
	{name: 'packaging', type: 'string', value: 'PACKAGING', help: 'zip | image, for a function (an extension on its own is a ZIP layer and takes no --packaging)', configPath: ['project', 'packaging']},
	{name: 'image-base', type: 'string', value: 'BASE', help: 'multi-stage | lambda-base (image Dockerfile)', configPath: ['image', 'base']},
	{name: 'arch', type: 'string', value: 'ARCH', help: architectures.join(' | '), configPath: ['project', 'architecture']},
	{name: 'memory', type: 'integer', value: 'MB', help: `memory in MB, ${span(limits.memoryMb)}`, configPath: ['function', 'memory']},
	{name: 'timeout', type: 'integer', value: 'SECONDS', help: `timeout in seconds, ${span(limits.timeoutSeconds)}`, configPath: ['function', 'timeout']},
	{name: 'queue-arn', type: 'string', value: 'ARN', help: 'SQS queue ARN ({region}/{account} allowed)', configPath: ['sqs', 'queue_arn']},
	{name: 'fifo', type: 'boolean', help: 'the SQS queue is FIFO', configPath: ['sqs', 'fifo']},
	{name: 'batching-window', type: 'integer', value: 'SECONDS', help: `SQS batching window, ${span(limits.sqsBatchingWindowSeconds)}`, configPath: ['sqs', 'batching_window_seconds']},
	{name: 'batch-size', type: 'integer', value: 'N', help: `SQS batch size, ${span(limits.sqsBatchSize)} (FIFO: ${span(limits.sqsFifoBatchSize)})`, configPath: ['sqs', 'batch_size']},
	{name: 'subnet', type: 'string', multiple: true, value: 'ID', help: 'VPC subnet ID; repeat for several', configPath: ['vpc', 'subnet_ids']},
	{name: 'security-group', type: 'string', multiple: true, value: 'ID', help: 'VPC security group ID; repeat for several', configPath: ['vpc', 'security_group_ids']},
	{name: 'reserved-concurrency', type: 'integer', value: 'N', help: 'reserved concurrency', configPath: ['function', 'reserved_concurrency']},
	{name: 'max-retries', type: 'integer', value: 'N', help: `async retry attempts, ${span(limits.maxRetryAttempts)}`, configPath: ['async', 'max_retry_attempts']},
	{name: 'max-event-age', type: 'integer', value: 'SECONDS', help: `async maximum event age, ${span(limits.maxEventAgeSeconds)}`, configPath: ['async', 'max_event_age_seconds']},
	{name: 'on-success', type: 'string', value: 'ARN', help: 'async on-success destination', configPath: ['async', 'on_success']},
	{name: 'on-failure', type: 'string', value: 'ARN', help: 'async on-failure destination', configPath: ['async', 'on_failure']},
	{name: 'region', type: 'string', multiple: true, value: 'REGION', help: 'region to deploy to; repeat for several', configPath: ['deploy', 'regions']},
	{name: 'alias', type: 'string', value: 'NAME', help: `alias that serves traffic (default: ${defaults.deploy.alias})`, configPath: ['deploy', 'alias']},
	{name: 'role', type: 'string', value: 'ARN', help: 'an existing execution role (default: deploy creates one)', configPath: ['function', 'role']},
	{name: 'strategy', type: 'string', value: 'STRATEGY', help: 'all-at-once | canary | linear | manual', configPath: ['rollout', 'strategy']},
	{name: 'sam', type: 'boolean', help: 'write a SAM template.yaml (--no-sam: do not)', configPath: ['local', 'sam']},
	{name: 'localstack', type: 'boolean', help: 'write a LocalStack integration test (--no-localstack: do not)', configPath: ['local', 'localstack']},
	{name: 'artillery', type: 'boolean', help: 'write artillery.yml for HTTP load tests (--no-artillery: do not)', configPath: ['local', 'artillery']},
] as const satisfies readonly Option[];

export const buildOptions = [
	config,
	env,
	{name: 'arch', type: 'string', value: 'ARCH', help: `build for ${architectures.join(' or ')} (default: project.architecture)`, configPath: ['project', 'architecture']},
	{name: 'json', type: 'boolean', help: 'print what was built as JSON on stdout (the task list goes to stderr)'},
] as const satisfies readonly Option[];

export const devOptions = [
	config,
	env,
	{name: 'interactive', type: 'boolean', showAs: '--no-interactive', help: 'only run cargo lambda watch, without the event picker'},
] as const satisfies readonly Option[];

export const doctorOptions = [
	config,
	env,
	region,
	profile,
	endpointUrl,
	{name: 'json', type: 'boolean', help: 'print the checks as JSON on stdout (for CI)'},
] as const satisfies readonly Option[];

export type ParsedFlags = Record<string, string | boolean | string[] | undefined>;

/** The first flag value its option's check refuses, as "--flag needs …"; undefined when all pass. */
export function flagValueProblem(options: readonly Option[], flags: ParsedFlags): string | undefined {
	for (const option of options) {
		const raw = flags[option.name];
		const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
		for (const value of values) {
			const problem = option.check?.(value);
			if (problem) {
				return `--${option.name} ${problem}.`;
			}
		}
	}

	return undefined;
}

/** The flags as a person types them, in the option table's order: to show a command line to run again. */
export function flagWords(options: readonly Option[], flags: ParsedFlags): string[] {
	return options.flatMap(option => {
		const value = flags[option.name];
		if (typeof value === 'boolean') {
			return [value ? `--${option.name}` : `--no-${option.name}`];
		}

		return [value ?? []].flat().flatMap(one => [`--${option.name}`, one]);
	});
}

/** Flags that override config keys, as the config loader takes them. */
export function configFlags(options: readonly Option[], flags: ParsedFlags): FlagValue[] {
	return options.flatMap(option => {
		const raw = flags[option.name];
		const path = configPathOf(option, flags);
		if (raw === undefined || path === undefined) {
			return [];
		}

		// Any number is passed on as a number, so 1.5 is told "a whole number", not "a number".
		const value = option.type === 'integer' && typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
		return [{flag: `--${option.name}`, path, value}];
	});
}

/** The config key a flag sets, given the other flags (see configPathByTrigger). */
function configPathOf(option: Option, flags: ParsedFlags): readonly [string, string] | undefined {
	if (option.configPathByTrigger === undefined) {
		return option.configPath;
	}

	const trigger = flags['trigger'];
	const paths = option.configPathByTrigger;
	return (typeof trigger === 'string' ? paths[trigger] : undefined) ?? Object.values(paths)[0];
}
