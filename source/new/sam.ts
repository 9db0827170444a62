// What SAM's template.yaml declares for each trigger beside the function: the same event
// deploy connects (on the alias: local.ts sets AutoPublishAlias), from the same config keys.
// Where a source is not set yet, the template declares one of its own, so that it stays
// complete for `sam local` and `sam deploy`.
import {defaults} from '../spec/defaults.js';
import type {Spec} from '../spec/schema.js';
import {Tag, type YamlMap, type YamlValue} from './yaml.js';

export interface SamPart {
	readonly properties?: YamlMap;
	readonly events?: YamlMap;
	readonly resources?: YamlMap;
	readonly parameters?: YamlMap;
	/** Comment lines for the template's header: what SAM does differently, and why. */
	readonly notes?: readonly string[];
}

/** An ARN from the config; {region} and {account} become the stack's own. */
function arn(value: string): string | Tag {
	return /\{region\}|\{account\}/.test(value) ? new Tag('!Sub', value.replaceAll('{region}', '${AWS::Region}').replaceAll('{account}', '${AWS::AccountId}')) : value;
}

/** JSON text (checked by the config loader) as YAML. */
const fromJson = (text: string) => JSON.parse(text) as YamlValue;

/** Stream and queue sources read in batches: the handler reports single failed records (partial batch response). */
const partialBatch = {FunctionResponseTypes: ['ReportBatchItemFailures']};

/** Lambda's own batch size for stream mappings, written out so the template says what deploy gets. */
const lambdaStreamBatchSize = 100;

export function httpSam(spec: Spec): SamPart {
	const iam = spec.http?.auth === 'iam';
	const origins = spec.http?.cors_allow_origins;
	if (spec.http?.endpoint !== 'http-api') {
		return {properties: {FunctionUrlConfig: {AuthType: iam ? 'AWS_IAM' : 'NONE', ...(origins ? {Cors: {AllowOrigins: origins}} : {})}}};
	}

	// IAM authorization and CORS need an explicit HTTP API; SAM's implicit one has neither.
	if (!iam && !origins) {
		return {events: {Api: {Type: 'HttpApi'}}};
	}

	return {
		events: {Api: {Type: 'HttpApi', Properties: {ApiId: new Tag('!Ref', 'Api')}}},
		resources: {
			Api: {
				Type: 'AWS::Serverless::HttpApi',
				Properties: {
					...(iam ? {Auth: {EnableIamAuthorizer: true, DefaultAuthorizer: 'AWS_IAM'}} : {}),
					...(origins ? {CorsConfiguration: {AllowOrigins: origins}} : {}),
				},
			},
		},
	};
}

/** A queue's visibility timeout must cover the function's timeout; AWS suggests six times it. */
const visibilityTimeout = (timeout: number) => Math.min(43_200, Math.max(30, 6 * timeout));

export function sqsSam(spec: Spec): SamPart {
	// An SQS trigger without an [sqs] table takes the defaults.
	const sqs = {...defaults.sqs, ...spec.sqs};
	const window = sqs.batching_window_seconds;
	const queue = spec.sqs?.queue_arn;
	return {
		events: {
			Queue: {
				Type: 'SQS',
				Properties: {
					Queue: queue ? arn(queue) : new Tag('!GetAtt', 'Queue.Arn'),
					BatchSize: sqs.batch_size,
					...(window > 0 ? {MaximumBatchingWindowInSeconds: window} : {}),
					...(sqs.report_batch_item_failures ? partialBatch : {}),
				},
			},
		},
		...(queue
			? {}
			: {
					resources: {
						Queue: {
							Type: 'AWS::SQS::Queue',
							Properties: {
								VisibilityTimeout: visibilityTimeout(spec.function.timeout),
								...(sqs.fifo ? {FifoQueue: true} : {}),
							},
						},
					},
				}),
	};
}

export function snsSam(spec: Spec): SamPart {
	const topic = spec.sns?.topic_arn;
	const policy = spec.sns?.filter_policy;
	return {
		events: {
			Topic: {
				Type: 'SNS',
				Properties: {Topic: topic ? arn(topic) : new Tag('!Ref', 'Topic'), ...(policy ? {FilterPolicy: fromJson(policy)} : {})},
			},
		},
		...(topic ? {} : {resources: {Topic: {Type: 'AWS::SNS::Topic'}}}),
	};
}

export function s3Sam(spec: Spec): SamPart {
	const s3 = {...defaults.s3, ...spec.s3};
	const rules = [
		...(s3.prefix ? [{Name: 'prefix', Value: s3.prefix}] : []),
		...(s3.suffix ? [{Name: 'suffix', Value: s3.suffix}] : []),
	];
	return {
		events: {
			Upload: {
				Type: 'S3',
				Properties: {Bucket: new Tag('!Ref', 'Bucket'), Events: [...s3.events], ...(rules.length > 0 ? {Filter: {S3Key: {Rules: rules}}} : {})},
			},
		},
		resources: {Bucket: {Type: 'AWS::S3::Bucket', ...(s3.bucket ? {Properties: {BucketName: s3.bucket}} : {})}},
		notes: [
			'SAM attaches S3 events only to a bucket this template creates: `sam deploy` would create',
			`Bucket${s3.bucket ? ` (${s3.bucket})` : ''}. rust-lambda-wizard deploy adds the notification to the existing bucket instead.`,
		],
	};
}

export function scheduleSam(spec: Spec): SamPart {
	const schedule = spec.schedule ?? {};
	// Until [schedule] expression is set, a disabled placeholder keeps the template complete.
	const expression = schedule.expression ?? 'rate(1 day)';
	return {
		events: {
			Schedule: {
				Type: 'ScheduleV2',
				Properties: {
					ScheduleExpression: expression,
					...(schedule.timezone ? {ScheduleExpressionTimezone: schedule.timezone} : {}),
					...(schedule.input ? {Input: schedule.input} : {}),
					FlexibleTimeWindow: {Mode: 'OFF'},
					...(schedule.expression ? {} : {State: 'DISABLED'}),
				},
			},
		},
		...(schedule.expression ? {} : {notes: ['[schedule] expression is not set in rust-lambda.toml: the schedule below is a disabled placeholder.']}),
	};
}

type StreamSection = NonNullable<Spec['dynamodb'] | Spec['kinesis']>;

/** An event source mapping's settings, as [dynamodb] and [kinesis] give them. */
function streamProperties(stream: StreamSection): YamlMap {
	return {
		StartingPosition: stream.starting_position,
		BatchSize: stream.batch_size ?? lambdaStreamBatchSize,
		...(stream.batching_window_seconds === undefined ? {} : {MaximumBatchingWindowInSeconds: stream.batching_window_seconds}),
		...(stream.bisect_batch_on_error === undefined ? {} : {BisectBatchOnFunctionError: stream.bisect_batch_on_error}),
		...(stream.max_retry_attempts === undefined ? {} : {MaximumRetryAttempts: stream.max_retry_attempts}),
		...(stream.max_record_age_seconds === undefined ? {} : {MaximumRecordAgeInSeconds: stream.max_record_age_seconds}),
		...(stream.parallelization_factor === undefined ? {} : {ParallelizationFactor: stream.parallelization_factor}),
		...(stream.on_failure === undefined ? {} : {DestinationConfig: {OnFailure: {Destination: arn(stream.on_failure)}}}),
		...partialBatch,
	};
}

export function dynamodbSam(spec: Spec): SamPart {
	const stream = {...defaults.dynamodb, ...spec.dynamodb};
	const table = stream.table;
	if (table) {
		// A stream ARN ends in a label made when the stream was enabled: only AWS can say it (deploy asks DescribeTable).
		return {
			events: {Stream: {Type: 'DynamoDB', Properties: {Stream: new Tag('!Ref', 'TableStreamArn'), ...streamProperties(stream)}}},
			parameters: {
				TableStreamArn: {
					Type: 'String',
					Description: `The stream of table ${table}: aws dynamodb describe-table --table-name ${table} --query Table.LatestStreamArn --output text`,
				},
			},
		};
	}

	return {
		events: {Stream: {Type: 'DynamoDB', Properties: {Stream: new Tag('!GetAtt', 'Table.StreamArn'), ...streamProperties(stream)}}},
		resources: {
			Table: {
				Type: 'AWS::DynamoDB::Table',
				Properties: {
					BillingMode: 'PAY_PER_REQUEST',
					AttributeDefinitions: [{AttributeName: 'id', AttributeType: 'S'}],
					KeySchema: [{AttributeName: 'id', KeyType: 'HASH'}],
					StreamSpecification: {StreamViewType: 'NEW_AND_OLD_IMAGES'},
				},
			},
		},
	};
}

export function kinesisSam(spec: Spec): SamPart {
	const stream = {...defaults.kinesis, ...spec.kinesis};
	const source = stream.stream_arn;
	return {
		events: {Stream: {Type: 'Kinesis', Properties: {Stream: source ? arn(source) : new Tag('!GetAtt', 'Stream.Arn'), ...streamProperties(stream)}}},
		...(source ? {} : {resources: {Stream: {Type: 'AWS::Kinesis::Stream', Properties: {ShardCount: 1}}}}),
	};
}
