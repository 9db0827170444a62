// The shape of rust-lambda.toml (DESIGN.md, reference v1). Field schemas carry
// no defaults: the same fields check the file, each [env.NAME] override and
// flags, and defaults are filled once after merging (see spec.ts).
import {z} from 'zod';
import {architectures, architectureTargets, arnNamesNothing, arns, describeRange, inRange, knownRegions, limits, names, type NameRule, type Range} from './limits.js';
import {judgeRegion} from './regions.js';
import {didYouMean} from './suggest.js';
import {corsOriginPattern, isJsonObjectText, s3Events, scheduleProblem, startingPositions, timeZoneProblem, triggerArns, triggerLimits, triggerNames} from './triggers.js';

const named = (rule: NameRule) => z.string().regex(rule.pattern, {error: `must be ${rule.rule}`});
const ranged = (range: Range) =>
	z.number().refine(value => inRange(value, range), {error: `must be ${describeRange(range)}`});
const region = z.string().superRefine((value, context) => {
	const judged = judgeRegion(value);
	if (judged.verdict === 'wrong') {
		const near = didYouMean(value, knownRegions);
		context.addIssue({code: 'custom', message: `must be ${names.region.rule}${near}`});
	}
});
/** An ARN key: one that names no resource (…:table/) says so first, then the key's own shape. */
const arn = (rule: NameRule) => z.string().superRefine((value, context) => {
	const empty = arnNamesNothing(value);
	if (empty !== undefined || !rule.pattern.test(value)) {
		context.addIssue({code: 'custom', input: value, message: empty === undefined ? `must be ${rule.rule}` : `${empty}; it must be ${rule.rule}`});
	}
});
/** A list that names each item once: the repeated item is named, and the fix. */
const once = <Item extends z.ZodType>(item: Item, what: string) => z.array(item).superRefine((list, context) => {
	const repeated = list.find((value, index) => list.indexOf(value) !== index);
	if (repeated !== undefined) {
		context.addIssue({code: 'custom', input: list, message: `must not list ${what} twice: ${JSON.stringify(repeated)} is there more than once; list each once`});
	}
});
/** Lambda sends async results only to standard queues: delivery to a FIFO queue fails without a word. */
const standardQueueOnly = (arn: z.ZodType<string>) => arn.refine(value => !/^arn:[\w-]+:sqs:.*\.fifo$/.test(value), {
	error: 'must not be a FIFO queue (.fifo): Lambda delivers async results only to standard queues',
});

const kinds = ['function', 'extension', 'function+extension'] as const;
const triggers = ['http', 'sqs', 'sns', 's3', 'schedule', 'dynamodb', 'kinesis', 'json'] as const;
const packagings = ['zip', 'image'] as const;
const extensionKinds = ['events', 'logs', 'telemetry'] as const;
const strategies = ['all-at-once', 'canary', 'linear', 'manual'] as const;
const httpEndpoints = ['function-url', 'http-api'] as const;
const httpAuths = ['none', 'iam'] as const;
const imageBases = ['multi-stage', 'lambda-base'] as const;
const layerRuntimes = ['provided.al2023', 'provided.al2'] as const;

/** Text that must parse as a JSON object (an SNS filter policy, a schedule's input). */
const jsonObjectText = z.string().refine(isJsonObjectText, {error: 'must be JSON text of an object, e.g. \'{"kind": ["order"]}\''});

/** The settings every stream trigger (DynamoDB, Kinesis) takes: its event source mapping's. */
function streamFields() {
	return {
		starting_position: z.enum(startingPositions),
		batch_size: ranged(triggerLimits.streamBatchSize),
		batching_window_seconds: ranged(triggerLimits.streamBatchingWindowSeconds),
		bisect_batch_on_error: z.boolean(),
		max_retry_attempts: ranged(triggerLimits.streamMaxRetryAttempts),
		max_record_age_seconds: z.number().refine(value => value === -1 || inRange(value, triggerLimits.streamMaxRecordAgeSeconds), {
			error: `must be -1 (keep records until they expire) or ${describeRange(triggerLimits.streamMaxRecordAgeSeconds)}`,
		}),
		parallelization_factor: ranged(triggerLimits.streamParallelizationFactor),
		on_failure: arn(triggerArns.streamOnFailure),
	};
}

export const sections = {
	project: {
		name: named(names.crate),
		kind: z.enum(kinds),
		trigger: z.enum(triggers),
		packaging: z.enum(packagings),
		// Other tools' names for the same architecture (docker's amd64, uname's aarch64, cargo-lambda's x86-64) say which one is meant.
		architecture: z.string().superRefine((value, context) => {
			if ((architectures as readonly string[]).includes(value)) {
				return;
			}

			const meant = architectures.find(name => [architectureTargets[name].container, architectureTargets[name].node, ...architectureTargets[name].uname, architectureTargets[name].cargoLambdaFlag.slice(2)].includes(value));
			context.addIssue({code: 'custom', message: `must be one of ${architectures.join(', ')}${meant ? ` (did you mean ${meant}? Lambda calls ${value} ${meant})` : didYouMean(value, architectures)}`});
		}).transform(value => value as (typeof architectures)[number]),
	},
	function: {
		name: named(names.function),
		memory: ranged(limits.memoryMb),
		timeout: ranged(limits.timeoutSeconds),
		role: arn(arns.role),
		/** The role deploy creates when `role` is not set. */
		role_name: named(names.role),
		environment: z.record(named(names.environmentKey), z.string()),
		reserved_concurrency: ranged(limits.reservedConcurrency),
		layers: once(arn(arns.layerVersion), 'a layer')
			.max(limits.layersPerFunction, {
				error: `must list at most ${limits.layersPerFunction} layers (a Lambda limit per function)`,
			}),
	},
	vpc: {
		subnet_ids: once(named(names.subnetId), 'a subnet').min(1, {error: 'must list at least one subnet'}),
		security_group_ids: once(named(names.securityGroupId), 'a security group').min(1, {error: 'must list at least one security group'}),
	},
	async: {
		max_retry_attempts: ranged(limits.maxRetryAttempts),
		max_event_age_seconds: ranged(limits.maxEventAgeSeconds),
		on_success: standardQueueOnly(arn(arns.destination).refine(value => !value.includes(':s3:::'), {
			error: 'must not be an S3 bucket: S3 is a destination on failure only',
		})),
		on_failure: standardQueueOnly(arn(arns.destination)),
		/** The older dead-letter queue (DeadLetterConfig), for failed async events. */
		dead_letter_arn: standardQueueOnly(arn(arns.deadLetter)),
	},
	sqs: {
		queue_arn: arn(arns.sqsQueue),
		fifo: z.boolean(),
		batch_size: ranged(limits.sqsBatchSize),
		batching_window_seconds: ranged(limits.sqsBatchingWindowSeconds),
		report_batch_item_failures: z.boolean(),
		max_concurrency: ranged(limits.sqsMaxConcurrency),
	},
	extension: {
		name: named(names.extension),
		kind: z.enum(extensionKinds),
		internal: z.boolean(),
		layer_name: named(names.layer),
	},
	/** `layer publish`: the extension's layer (its name defaults to extension.layer_name). */
	layer: {
		name: named(names.layer),
		description: z.string().max(limits.layerDescriptionLength, {error: `must be at most ${limits.layerDescriptionLength} characters`}),
		license: z.string().min(1).max(limits.layerLicenseLength, {error: `must be at most ${limits.layerLicenseLength} characters`}),
		/** Two: one layer per architecture, named <name>-<architecture> (default: project.architecture alone). */
		architectures: once(z.enum(architectures), 'an architecture').min(1, {error: 'must list at least one architecture'}),
		/** provided.al2023 always; provided.al2 too when asked, for functions still on the older runtime. */
		compatible_runtimes: once(z.enum(layerRuntimes), 'a runtime').min(1, {error: 'must list at least one runtime'}),
		share_with: once(named(names.layerPrincipal), 'an account'),
		attach_to: once(named(names.function), 'a function'),
	},
	image: {
		repository: named(names.ecrRepository),
		dockerfile: z.string().min(1, {error: 'must be a path to a Dockerfile'}),
		/** multi-stage: build in a Rust image, run FROM the Lambda base; lambda-base: copy a prebuilt binary onto the base image. */
		base: z.enum(imageBases),
	},
	http: {
		/** A Lambda function URL, or an API Gateway HTTP API in front of the function. */
		endpoint: z.enum(httpEndpoints),
		auth: z.enum(httpAuths),
		cors_allow_origins: z
			.array(z.string().regex(corsOriginPattern, {error: 'must be * or an origin such as https://example.com'}))
			.max(triggerLimits.corsOrigins, {error: `must list at most ${triggerLimits.corsOrigins} origins`}),
	},
	sns: {
		topic_arn: arn(triggerArns.snsTopic),
		filter_policy: jsonObjectText,
	},
	s3: {
		bucket: named(triggerNames.bucket),
		events: once(z.string().refine(event => (s3Events as readonly string[]).includes(event), {
			error: issue => `must be an S3 event type such as s3:ObjectCreated:*${typeof issue.input === 'string' ? didYouMean(issue.input, s3Events) : ''}`,
		}), 'an event type')
			.min(1, {error: 'must list at least one event type'}),
		prefix: z.string().max(triggerLimits.s3KeyFilterLength, {error: `must be at most ${triggerLimits.s3KeyFilterLength} characters`}),
		suffix: z.string().max(triggerLimits.s3KeyFilterLength, {error: `must be at most ${triggerLimits.s3KeyFilterLength} characters`}),
	},
	schedule: {
		expression: z.string().superRefine((value, context) => {
			const problem = scheduleProblem(value);
			if (problem) {
				context.addIssue({code: 'custom', message: problem});
			}
		}),
		timezone: z.string().superRefine((value, context) => {
			const problem = timeZoneProblem(value);
			if (problem) {
				context.addIssue({code: 'custom', message: problem});
			}
		}),
		input: jsonObjectText,
	},
	dynamodb: {
		table: named(triggerNames.table),
		...streamFields(),
	},
	kinesis: {
		stream_arn: arn(triggerArns.kinesisStream),
		...streamFields(),
	},
	local: {
		/** Which local-development files `new` writes. */
		sam: z.boolean(),
		localstack: z.boolean(),
		artillery: z.boolean(),
	},
	deploy: {
		regions: once(region, 'a region').min(1, {error: 'must list at least one region'}),
		alias: named(names.alias),
	},
	rollout: {
		strategy: z.enum(strategies),
		steps: z
			.array(ranged(limits.rolloutPercent))
			.min(1, {error: 'must list at least one step'})
			.refine(steps => steps.every((step, index) => index === 0 || step > steps[index - 1]!), {
				error: 'must rise step by step, for example [10, 50, 100]',
			})
			.refine(steps => steps.at(-1) === 100, {error: 'must end at 100 (all traffic on the new version)'}),
		interval_seconds: ranged(limits.rolloutIntervalSeconds),
		max_errors: ranged({min: 0, max: 1_000_000}),
		/** Errors ÷ invocations of the new version allowed per step, 0–1. */
		max_error_rate: z.number().min(0, {error: 'must be 0–1 (a share: 0.01 is 1 %)'}).max(1, {error: 'must be 0–1 (a share: 0.01 is 1 %)'}),
		/** CloudWatch alarms whose ALARM state fails the health gate. */
		alarms: z.array(z.string().min(1, {error: 'must be an alarm name'})),
		smoke_event: z.string().min(1, {error: 'must be a path to an event file'}),
	},
} as const;

export type SectionName = keyof typeof sections;
export const sectionNames = Object.keys(sections) as SectionName[];

const partialSection = <Fields extends z.ZodRawShape>(fields: Fields) => z.strictObject(fields).partial();

const overrideSchema = z.strictObject({
	project: partialSection(sections.project),
	function: partialSection(sections.function),
	vpc: partialSection(sections.vpc),
	async: partialSection(sections.async),
	sqs: partialSection(sections.sqs),
	extension: partialSection(sections.extension),
	layer: partialSection(sections.layer),
	image: partialSection(sections.image),
	http: partialSection(sections.http),
	sns: partialSection(sections.sns),
	s3: partialSection(sections.s3),
	schedule: partialSection(sections.schedule),
	dynamodb: partialSection(sections.dynamodb),
	kinesis: partialSection(sections.kinesis),
	local: partialSection(sections.local),
	deploy: partialSection(sections.deploy),
	rollout: partialSection(sections.rollout),
}).partial();

/** An [env.NAME] table, or flags laid over the file: any section, any keys of it. */
export const overlaySchema = overrideSchema;
export type Overlay = z.infer<typeof overlaySchema>;

/** The whole file: the sections, and [env.NAME] tables of the same sections. */
export const fileSchema = overrideSchema.extend({
	env: z.record(z.string().regex(/^[a-zA-Z0-9_-]+$/, {error: 'must be an environment name: letters, digits, - or _'}), overrideSchema).optional(),
});

type Section<Name extends SectionName> = {[Key in keyof (typeof sections)[Name]]: z.infer<(typeof sections)[Name][Key]>};

type StreamSection<Name extends 'dynamodb' | 'kinesis'> = Pick<Section<Name>, 'starting_position'> & Partial<Omit<Section<Name>, 'starting_position'>>;

/** Everything a project decides, after [env.NAME] and flags, with defaults filled. */
export interface Spec {
	project: Section<'project'>;
	function: Omit<Section<'function'>, 'reserved_concurrency' | 'role'> &
		Partial<Pick<Section<'function'>, 'reserved_concurrency' | 'role'>>;
	http?: Omit<Section<'http'>, 'cors_allow_origins'> & Partial<Pick<Section<'http'>, 'cors_allow_origins'>>;
	/** The trigger's source: each key optional where it can be filled in later (deploy then says what is missing). */
	sns?: Partial<Section<'sns'>>;
	s3?: Pick<Section<'s3'>, 'events'> & Partial<Omit<Section<'s3'>, 'events'>>;
	schedule?: Partial<Section<'schedule'>>;
	dynamodb?: StreamSection<'dynamodb'>;
	kinesis?: StreamSection<'kinesis'>;
	local: Section<'local'>;
	vpc?: Section<'vpc'>;
	async?: Partial<Section<'async'>>;
	sqs?: Pick<Section<'sqs'>, 'fifo' | 'batch_size' | 'batching_window_seconds' | 'report_batch_item_failures'> &
		Partial<Pick<Section<'sqs'>, 'queue_arn' | 'max_concurrency'>>;
	extension?: Pick<Section<'extension'>, 'name' | 'kind' | 'internal' | 'layer_name'>;
	image?: Section<'image'>;
	layer?: Partial<Section<'layer'>>;
	deploy: {regions: string[]; alias: string};
	rollout: Pick<Section<'rollout'>, 'strategy' | 'steps' | 'interval_seconds' | 'max_errors'> &
		Partial<Pick<Section<'rollout'>, 'smoke_event' | 'max_error_rate' | 'alarms'>>;
	/**
	 * Not a key: the other aliases the config file deploys this function to (another
	 * [env.NAME]'s deploy.alias, or the file's own under --env or --alias); absent when
	 * there are none. Their triggers belong to those environments: deploy leaves them be.
	 */
	otherAliases?: string[];
}
