// The one table that maps a project's choices to template files, crates and
// settings. Every variant of the generated project is a row here; the modules
// beside it only assemble what a row names.
import type {ZipLayout} from '../plan/build.js';
import type {Spec} from '../spec/schema.js';
import {dynamodbSam, httpSam, kinesisSam, s3Sam, scheduleSam, snsSam, sqsSam, type SamPart} from './sam.js';

export type Trigger = Spec['project']['trigger'];
export type ExtensionKind = NonNullable<Spec['extension']>['kind'];
export type ImageBase = NonNullable<Spec['image']>['base'];
type Endpoint = NonNullable<Spec['http']>['endpoint'];

export interface EventSample {
	/** The file in the generated project. */
	readonly file: string;
	/** The template it is copied from (templates/events/). */
	readonly template: string;
	/** The real payload it has the structure of, in test/fixtures/events (tests compare them). */
	readonly fixture?: string;
	/** For HTTP: the endpoint that sends this shape first. */
	readonly endpoint?: Endpoint;
	readonly what: string;
}

/** One invocation of the LocalStack test: the event file (default: the trigger's main sample) and text the answer must contain. */
interface LocalCheck {
	readonly event?: string;
	readonly expect?: string;
}

/**
 * The crates a generated project may depend on, with the requirement its Cargo.toml gives each
 * (aws_lambda_events is added with the features a handler names). A project lists only the ones
 * its code uses.
 */
export const crates = {
	// macros: #[tokio::main], #[tokio::test] and try_join!.
	tokio: '{ version = "1", features = ["macros", "rt-multi-thread"] }',
	tracing: '"0.1"',
	serde: '{ version = "1", features = ["derive"] }',
	serde_json: '"1"',
	'percent-encoding': '"2"',
	lambda_runtime: '"1"',
	lambda_http: '"1"',
	'lambda-extension': '"1"',
} as const;

export type Crate = keyof typeof crates;

export interface TriggerEntry {
	/** Completes "A Rust Lambda function …". */
	readonly title: string;
	readonly handler: string;
	/** SQS: the handler for a FIFO queue, which must keep each message group's order. */
	readonly fifoHandler?: string;
	/**
	 * What follows the handler in src/handler.rs, shared with other triggers: the runtime's start and
	 * the tests' helpers (SQS: processing a message too). Unset: the shared start and sample test.
	 */
	readonly tail?: string;
	/** What the sample is ("SNS", "DynamoDB stream"), for the tail's test; none: the handler tests itself. */
	readonly sampleKind?: string;
	/** The event's Rust type, for a tail that names it (the stream tail). */
	readonly eventType?: string;
	readonly runtimeCrate: 'lambda_runtime' | 'lambda_http';
	/** Other crates the handler uses (beside tokio and tracing, which every project does). */
	readonly crates: readonly Crate[];
	/** Crates only its tests use ([dev-dependencies]). */
	readonly testCrates: readonly Crate[];
	/** aws_lambda_events features the handler uses (none: no dependency on it). */
	readonly eventFeatures: readonly string[];
	readonly samples: readonly EventSample[];
	readonly checks: readonly LocalCheck[];
	readonly sam: (spec: Spec) => SamPart;
}

const sample = (name: string, what: string, fixture?: string, endpoint?: Endpoint): EventSample => ({
	file: `events/${name}`,
	template: `events/${name}`,
	what,
	...(fixture === undefined ? {} : {fixture}),
	...(endpoint === undefined ? {} : {endpoint}),
});

export const triggers: Record<Trigger, TriggerEntry> = {
	http: {
		title: 'for HTTP requests',
		handler: 'rust/handler/http.rs',
		runtimeCrate: 'lambda_http',
		crates: [],
		testCrates: [],
		eventFeatures: [],
		samples: [
			sample('function-url.json', 'a request through a Lambda function URL', 'example-lambda-function-url-request.json', 'function-url'),
			sample('http-api.json', 'a request through an API Gateway HTTP API', 'example-apigw-v2-request-no-authorizer.json', 'http-api'),
		],
		checks: [{expect: '"statusCode":200'}],
		sam: httpSam,
	},
	sqs: {
		title: 'for an SQS queue (partial batch responses)',
		handler: 'rust/handler/sqs.rs',
		fifoHandler: 'rust/handler/sqs-fifo.rs',
		tail: 'rust/handler/sqs-tail.rs',
		runtimeCrate: 'lambda_runtime',
		crates: ['serde', 'serde_json'],
		testCrates: [],
		eventFeatures: ['sqs'],
		samples: [
			sample('sqs.json', 'a batch of one good SQS message', 'example-sqs-event.json'),
			sample('sqs-bad-record.json', 'a batch of three whose second message is not JSON (on a FIFO queue the third fails with it)', 'example-sqs-event.json'),
		],
		checks: [
			{event: 'events/sqs.json', expect: '"batchItemFailures":[]'},
			{event: 'events/sqs-bad-record.json', expect: '"itemIdentifier":"MessageID_2"'},
		],
		sam: sqsSam,
	},
	sns: {
		title: 'for an SNS topic',
		handler: 'rust/handler/sns.rs',
		sampleKind: 'SNS',
		runtimeCrate: 'lambda_runtime',
		crates: [],
		testCrates: ['serde_json'],
		eventFeatures: ['sns'],
		samples: [sample('sns.json', 'an SNS notification', 'example-sns-event.json')],
		checks: [{}],
		sam: snsSam,
	},
	s3: {
		title: 'for S3 object notifications',
		handler: 'rust/handler/s3.rs',
		sampleKind: 'S3',
		runtimeCrate: 'lambda_runtime',
		crates: ['percent-encoding'],
		testCrates: ['serde_json'],
		eventFeatures: ['s3'],
		samples: [sample('s3.json', 'an S3 object-created notification', 'example-s3-event.json')],
		checks: [{}],
		sam: s3Sam,
	},
	schedule: {
		title: 'on an EventBridge schedule',
		handler: 'rust/handler/schedule.rs',
		sampleKind: 'scheduled',
		runtimeCrate: 'lambda_runtime',
		crates: [],
		testCrates: ['serde_json'],
		eventFeatures: ['eventbridge'],
		samples: [sample('schedule.json', 'an EventBridge scheduled event', 'example-eventbridge-schedule.json')],
		checks: [{}],
		sam: scheduleSam,
	},
	dynamodb: {
		title: 'for a DynamoDB stream (partial batch responses)',
		handler: 'rust/handler/dynamodb.rs',
		tail: 'rust/handler/stream-tail.rs',
		sampleKind: 'DynamoDB stream',
		eventType: 'Event',
		runtimeCrate: 'lambda_runtime',
		crates: [],
		testCrates: ['serde_json'],
		// The response types for partial batches live in the `streams` module.
		eventFeatures: ['dynamodb', 'streams'],
		samples: [sample('dynamodb.json', 'a batch of DynamoDB stream records', 'example-dynamodb-event.json')],
		checks: [{expect: '"batchItemFailures":[]'}],
		sam: dynamodbSam,
	},
	kinesis: {
		title: 'for a Kinesis stream (partial batch responses)',
		handler: 'rust/handler/kinesis.rs',
		tail: 'rust/handler/stream-tail.rs',
		sampleKind: 'Kinesis',
		eventType: 'KinesisEvent',
		runtimeCrate: 'lambda_runtime',
		crates: [],
		testCrates: ['serde_json'],
		// The response types for partial batches live in the `streams` module.
		eventFeatures: ['kinesis', 'streams'],
		samples: [sample('kinesis.json', 'a batch of Kinesis records', 'example-kinesis-event.json')],
		checks: [{expect: '"batchItemFailures":[]'}],
		sam: kinesisSam,
	},
	json: {
		title: 'for JSON requests (direct invocation)',
		handler: 'rust/handler/json.rs',
		runtimeCrate: 'lambda_runtime',
		crates: ['serde'],
		testCrates: ['serde_json'],
		eventFeatures: [],
		samples: [sample('request.json', 'a request, as the Request struct in src/handler.rs reads it')],
		checks: [{expect: '"message":"Hello, Ferris!"'}],
		sam: () => ({}),
	},
};

export interface ExtensionEntry {
	/** Completes "a Rust Lambda …" or "an internal …". */
	readonly title: string;
	readonly handler: string;
	/**
	 * The handler of an internal extension, where it must differ: an internal extension's output
	 * is the function's, so one that subscribed to function logs would receive its own output.
	 */
	readonly internalHandler?: string;
	/** The Extension builder calls that wire the handler in (and subscribe to what it reads). */
	readonly processor: string;
	/** What the entry point imports from lambda_extension, in rustfmt's order. */
	readonly imports: readonly string[];
}

export const extensionKinds: Record<ExtensionKind, ExtensionEntry> = {
	events: {
		title: 'events extension (INVOKE and SHUTDOWN)',
		handler: 'rust/extension/events.rs',
		processor: '.with_events_processor(service_fn(extension::handler))',
		imports: ['service_fn', 'Error', 'Extension'],
	},
	logs: {
		title: 'logs extension (Logs API)',
		handler: 'rust/extension/logs.rs',
		internalHandler: 'rust/extension/logs-internal.rs',
		processor: '.with_log_types(extension::LOG_TYPES)\n        .with_logs_processor(SharedService::new(service_fn(extension::handler)))',
		imports: ['service_fn', 'Error', 'Extension', 'SharedService'],
	},
	telemetry: {
		title: 'telemetry extension (Telemetry API)',
		handler: 'rust/extension/telemetry.rs',
		internalHandler: 'rust/extension/telemetry-internal.rs',
		processor: '.with_telemetry_types(extension::TELEMETRY_TYPES)\n        .with_telemetry_processor(SharedService::new(service_fn(extension::handler)))',
		imports: ['service_fn', 'Error', 'Extension', 'SharedService'],
	},
};

/** The entry points (src/main.rs, src/bin/…) by what the binary starts. */
export const entries = {
	function: 'rust/main/function.rs',
	functionWithInternalExtension: 'rust/main/function-internal-extension.rs',
	extension: 'rust/main/extension.rs',
} as const;

export type Role = 'function' | 'extension';

/** How cargo lambda builds a binary (the build planner's layout), and where it goes in a container image. */
export const roles: Record<Role, {readonly layout: ZipLayout; inImage(bin: string): string}> = {
	function: {
		layout: 'function',
		// The base image's entrypoint starts ${LAMBDA_RUNTIME_DIR}/bootstrap (/var/runtime).
		inImage: () => '${LAMBDA_RUNTIME_DIR}/bootstrap',
	},
	extension: {
		layout: 'external-extension',
		// Image functions take no layers: Lambda starts what is in /opt/extensions.
		inImage: bin => `/opt/extensions/${bin}`,
	},
};

export const imageBases: Record<ImageBase, {readonly template: string; readonly title: string; readonly dockerignore: readonly string[]}> = {
	'multi-stage': {
		template: 'docker/multi-stage.Dockerfile',
		title: 'built inside Docker (multi-stage)',
		dockerignore: ['# The build stage compiles from the sources; keep local build output out.', '/target', '/.aws-sam', '/.git'],
	},
	'lambda-base': {
		template: 'docker/lambda-base.Dockerfile',
		title: 'from binaries built on this machine (one stage)',
		dockerignore: ['# Only the binaries cargo lambda built go into the image.', '*', '!target/lambda/'],
	},
};

/** The Lambda base image for custom runtimes (Amazon Linux 2023). */
export const lambdaBaseImage = 'public.ecr.aws/lambda/provided:al2023';
