// Plans the stream triggers ([dynamodb], [kinesis]) in one region: an event
// source mapping from the stream to the alias (function:alias), so records go
// to the released version, with ReportBatchItemFailures (the generated handlers
// answer with partial batch responses).
//
// deploy owns every DynamoDB and Kinesis mapping on that alias: it keeps (or
// updates) the one for the configured stream and deletes the others, so
// removing the section or switching the trigger removes the old consumer.
// SQS mappings (sqs.ts), and mappings on other aliases, versions or $LATEST,
// are never touched.
//
// Lambda cannot change where a mapping starts reading, so a changed
// starting_position replaces the mapping. The old one is deleted FIRST: Lambda
// refuses a second mapping from the same stream to the same function
// (ResourceConflictException), so create-before-delete is not possible here;
// the create is retried while the old mapping is still being deleted. What that
// means for records is said in the plan: LATEST skips records written between
// the delete and the new mapping's first read, TRIM_HORIZON reads again every
// record the stream still holds, processed ones included.
import type {EventSourceMappingConfiguration} from '@aws-sdk/client-lambda';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {aliasArn, partitionOf, serviceOf} from '../plan/arns.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {sendStatements, type PolicyScope, type Statement} from './policy.js';
import {orMissing, request, type AwsSender, type Input} from './request.js';
import type {RegionResource, RegionTarget} from './resource.js';

type StreamSource = 'dynamodb' | 'kinesis';
const streamSources: readonly StreamSource[] = ['dynamodb', 'kinesis'];

/** What Lambda uses for a stream mapping's setting nobody sets (CreateEventSourceMapping's documented defaults). */
const lambdaStreamDefaults = {
	batchSize: 100,
	batchingWindowSeconds: 0,
	bisectBatchOnError: false,
	/** -1: retry until the record expires. */
	maxRetryAttempts: -1,
	/** -1: keep trying a record as long as the stream holds it. */
	maxRecordAgeSeconds: -1,
	parallelizationFactor: 1,
} as const;

/** One stream mapping's settings, as the config asks for them or as Lambda has them. */
export interface StreamMappingSettings {
	source: StreamSource;
	/** The DynamoDB stream's ARN (looked up from the table) or the Kinesis stream's. */
	streamArn: string;
	/** LATEST or TRIM_HORIZON from the config; whatever Lambda says for an observed mapping. */
	startingPosition: string;
	batchSize: number;
	batchingWindowSeconds: number;
	bisectBatchOnError: boolean;
	maxRetryAttempts: number;
	maxRecordAgeSeconds: number;
	parallelizationFactor: number;
	onFailure?: string | undefined;
	reportBatchItemFailures: boolean;
}

export interface ObservedStreamMapping extends StreamMappingSettings {
	uuid: string;
	state: string;
}

/** The configured stream as its service answered: undefined when the config names none. */
export type ObservedStreamSource =
	| {source: 'dynamodb'; table: string; found: false}
	/** streamArn: only while the table's stream is enabled; viewType: what its records carry. */
	| {source: 'dynamodb'; table: string; found: true; streamArn?: string | undefined; viewType?: string | undefined}
	/** found is undefined when the stream is in another region and was not asked about. */
	| {source: 'kinesis'; streamArn: string; found?: boolean | undefined};

export interface ObservedStreams {
	/** Optional: a region observed without this resource (a test's plain function) has none. */
	streamMappings?: ObservedStreamMapping[];
	streamSource?: ObservedStreamSource | undefined;
}

/** The section of the project's trigger, when it is a stream trigger. */
function streamSection(spec: Spec) {
	if (spec.dynamodb) {
		return {source: 'dynamodb' as const, section: spec.dynamodb};
	}

	return spec.kinesis ? {source: 'kinesis' as const, section: spec.kinesis} : undefined;
}

/** The mapping the config asks for, once the stream's ARN is known. */
export function desiredStreamMapping(spec: Spec, streamArn: string, where: Placeholders): StreamMappingSettings | undefined {
	const wanted = streamSection(spec);
	if (wanted === undefined) {
		return undefined;
	}

	const {source, section} = wanted;
	const onFailure = section.on_failure === undefined ? undefined : fillArn(section.on_failure, where);
	return {
		source,
		streamArn,
		startingPosition: section.starting_position,
		batchSize: section.batch_size ?? lambdaStreamDefaults.batchSize,
		batchingWindowSeconds: section.batching_window_seconds ?? lambdaStreamDefaults.batchingWindowSeconds,
		bisectBatchOnError: section.bisect_batch_on_error ?? lambdaStreamDefaults.bisectBatchOnError,
		maxRetryAttempts: section.max_retry_attempts ?? lambdaStreamDefaults.maxRetryAttempts,
		maxRecordAgeSeconds: section.max_record_age_seconds ?? lambdaStreamDefaults.maxRecordAgeSeconds,
		parallelizationFactor: section.parallelization_factor ?? lambdaStreamDefaults.parallelizationFactor,
		...(onFailure === undefined ? {} : {onFailure}),
		reportBatchItemFailures: true,
	};
}

const show = (value: unknown, unit = '') => (value === undefined ? 'none' : value === -1 ? 'unlimited' : `${String(value)}${unit}`);

/** Members CreateEventSourceMapping and UpdateEventSourceMapping both take. */
type MappingInput = Omit<Input<'lambda', 'UpdateEventSourceMapping'>, 'UUID'>;

/**
 * The settings UpdateEventSourceMapping can change (the starting position is not
 * one of them), each with the input member that sets it. A setting left at
 * Lambda's default is not sent on create; an update sends only what differs.
 */
const fields: Array<{key: keyof StreamMappingSettings; label: string; unit?: string; input: (desired: StreamMappingSettings) => MappingInput}> = [
	{key: 'batchSize', label: 'batch size', input: desired => ({BatchSize: desired.batchSize})},
	{key: 'batchingWindowSeconds', label: 'batching window', unit: ' s', input: desired => ({MaximumBatchingWindowInSeconds: desired.batchingWindowSeconds})},
	{key: 'bisectBatchOnError', label: 'bisect batch on error', input: desired => ({BisectBatchOnFunctionError: desired.bisectBatchOnError})},
	{key: 'maxRetryAttempts', label: 'maximum retry attempts', input: desired => ({MaximumRetryAttempts: desired.maxRetryAttempts})},
	{key: 'maxRecordAgeSeconds', label: 'maximum record age', unit: ' s', input: desired => ({MaximumRecordAgeInSeconds: desired.maxRecordAgeSeconds})},
	{key: 'parallelizationFactor', label: 'parallelization factor', input: desired => ({ParallelizationFactor: desired.parallelizationFactor})},
	// An empty OnFailure removes the destination.
	{key: 'onFailure', label: 'on-failure destination', input: desired => ({DestinationConfig: {OnFailure: desired.onFailure === undefined ? {} : {Destination: desired.onFailure}}})},
	{key: 'reportBatchItemFailures', label: 'report batch item failures', input: () => ({FunctionResponseTypes: ['ReportBatchItemFailures']})},
];

const changedFields = (observed: StreamMappingSettings, desired: StreamMappingSettings) => fields.filter(({key}) => observed[key] !== desired[key]);

function streamMappingDiff(observed: StreamMappingSettings, desired: StreamMappingSettings): string[] {
	return changedFields(observed, desired).map(({key, label, unit}) => `${label} ${show(observed[key], unit)} → ${show(desired[key], unit)}`);
}

/** The members of the changed settings, at their desired values. */
const inputFor = (changed: typeof fields, desired: StreamMappingSettings): MappingInput =>
	Object.assign({}, ...changed.map(field => field.input(desired))) as MappingInput;

/** A mapping as Lambda makes it when a create sends no setting: what a create need not send. */
function lambdaDefaultMapping(desired: StreamMappingSettings): StreamMappingSettings {
	const {onFailure: _none, ...settings} = {...desired, ...lambdaStreamDefaults, reportBatchItemFailures: false};
	return settings;
}

/** "stream of table orders", "Kinesis stream clicks": from the ARN, for titles. */
function describeStream(streamArn: string): string {
	const resource = streamArn.split(':').slice(5).join(':');
	if (serviceOf(streamArn) === 'dynamodb') {
		return `the stream of table ${resource.split('/')[1] ?? resource}`;
	}

	return `Kinesis stream ${resource.replace(/^stream\//, '')}`;
}

function settingsWords(desired: StreamMappingSettings): string {
	return [
		`from ${desired.startingPosition}`,
		`batch ${desired.batchSize}`,
		`window ${desired.batchingWindowSeconds} s`,
		`retries ${show(desired.maxRetryAttempts)}`,
		`record age ${show(desired.maxRecordAgeSeconds, ' s')}`,
		`parallelization ${desired.parallelizationFactor}`,
		...(desired.bisectBatchOnError ? ['bisect on error'] : []),
		...(desired.onFailure === undefined ? [] : [`failures to ${desired.onFailure}`]),
		'ReportBatchItemFailures',
	].join(', ');
}

/** The members both CreateEventSourceMapping and UpdateEventSourceMapping take, from the settings. */
export interface StreamMappingTarget {
	functionName: string;
	alias: string;
	region: string;
	/** Needed only to create a mapping. */
	aliasArn?: string | undefined;
}

/** What replacing a mapping does to the records, by where the new one starts. */
const replaceEffect: Record<string, string> = {
	LATEST: 'records written between the delete and the new mapping\'s first read are not delivered',
	TRIM_HORIZON: 'the new mapping reads again every record the stream still holds, including those already processed',
};

export function planStreamMappings(target: StreamMappingTarget, desired: StreamMappingSettings | undefined, observed: readonly ObservedStreamMapping[]): Action[] {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	// A mapping Lambda is already deleting is gone for planning: nothing to keep, update or delete.
	const live = observed.filter(mapping => mapping.state !== 'Deleting');
	const kept = desired === undefined ? undefined : live.find(mapping => mapping.streamArn === desired.streamArn);
	const replace = kept !== undefined && desired !== undefined && kept.startingPosition !== desired.startingPosition;
	const deleteMapping = (mapping: ObservedStreamMapping, details: string[], title = `Remove the mapping from ${describeStream(mapping.streamArn)} to ${on}`) =>
		make.request('delete', title, request('lambda', 'DeleteEventSourceMapping', {UUID: mapping.uuid}), details);
	const deletions = live
		.filter(mapping => mapping !== kept)
		.map(mapping => deleteMapping(mapping, [
			desired === undefined ? 'the config maps no DynamoDB or Kinesis stream' : `the config maps ${describeStream(desired.streamArn)} instead`,
		]));

	if (desired === undefined) {
		return deletions;
	}

	const title = `mapping from ${describeStream(desired.streamArn)} to ${on}`;
	const create = (details: string[]) => {
		if (target.aliasArn === undefined) {
			throw new Error('internal: a mapping to create needs the alias ARN');
		}

		return make.request('create', `Create the ${title}`, request('lambda', 'CreateEventSourceMapping', {
			FunctionName: target.aliasArn,
			EventSourceArn: desired.streamArn,
			Enabled: true,
			StartingPosition: desired.startingPosition === 'TRIM_HORIZON' ? 'TRIM_HORIZON' : 'LATEST',
			...inputFor(changedFields(lambdaDefaultMapping(desired), desired), desired),
		}), details);
	};

	if (kept === undefined) {
		return [create([settingsWords(desired)]), ...deletions];
	}

	if (replace) {
		const why = `starting position ${kept.startingPosition} → ${desired.startingPosition}: Lambda cannot change it on a mapping, so it is replaced`;
		return [
			deleteMapping(kept, [why, 'deleted first: Lambda allows one mapping per stream and function'], `Replace the ${title}: delete the current one`),
			create([
				settingsWords(desired),
				replaceEffect[desired.startingPosition] ?? '',
				'if this create fails, the stream has no consumer until deploy runs again',
			].filter(Boolean)),
			...deletions,
		];
	}

	// Only what differs is sent: a key gone from the config goes back to Lambda's default.
	const changed = changedFields(kept, desired);
	const wanted = changed.length === 0
		? make.noOp(`The ${title} is unchanged`)
		: make.request('update', `Update the ${title}`, request('lambda', 'UpdateEventSourceMapping', {UUID: kept.uuid, ...inputFor(changed, desired)}), streamMappingDiff(kept, desired));
	return [wanted, ...deletions];
}

function streamMapping(mapping: EventSourceMappingConfiguration, source: StreamSource): ObservedStreamMapping {
	const onFailure = mapping.DestinationConfig?.OnFailure?.Destination;
	return {
		uuid: mapping.UUID ?? '',
		state: mapping.State ?? '',
		source,
		streamArn: mapping.EventSourceArn ?? '',
		startingPosition: mapping.StartingPosition ?? '',
		batchSize: mapping.BatchSize ?? lambdaStreamDefaults.batchSize,
		batchingWindowSeconds: mapping.MaximumBatchingWindowInSeconds ?? lambdaStreamDefaults.batchingWindowSeconds,
		bisectBatchOnError: mapping.BisectBatchOnFunctionError ?? lambdaStreamDefaults.bisectBatchOnError,
		maxRetryAttempts: mapping.MaximumRetryAttempts ?? lambdaStreamDefaults.maxRetryAttempts,
		maxRecordAgeSeconds: mapping.MaximumRecordAgeInSeconds ?? lambdaStreamDefaults.maxRecordAgeSeconds,
		parallelizationFactor: mapping.ParallelizationFactor ?? lambdaStreamDefaults.parallelizationFactor,
		...(onFailure ? {onFailure} : {}),
		reportBatchItemFailures: (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
	};
}

const isStreamSource = (service: string): service is StreamSource => (streamSources as readonly string[]).includes(service);

/** The DynamoDB and Kinesis mappings on the alias, listed by the alias ARN: the same string the mapping was created with. */
async function observeMappings(aws: AwsSender, functionArn: string, alias: string, signal?: AbortSignal): Promise<ObservedStreamMapping[]> {
	const mappings: ObservedStreamMapping[] = [];
	let marker: string | undefined;
	do {
		const page = await aws.send(request('lambda', 'ListEventSourceMappings', {FunctionName: `${functionArn}:${alias}`, ...(marker ? {Marker: marker} : {})}), signal);
		for (const mapping of page.EventSourceMappings ?? []) {
			const service = serviceOf(mapping.EventSourceArn ?? '');
			if (isStreamSource(service)) {
				mappings.push(streamMapping(mapping, service));
			}
		}

		marker = page.NextMarker;
	} while (marker);
	return mappings;
}

const regionOf = (arn: string) => arn.split(':')[3] ?? '';

/** The configured stream, asked of its service in the function's region. */
async function observeSource(aws: AwsSender, target: RegionTarget, signal?: AbortSignal): Promise<ObservedStreamSource | undefined> {
	const table = target.spec.dynamodb?.table;
	if (table !== undefined) {
		const answer = await orMissing(aws.send(request('dynamodb', 'DescribeTable', {TableName: table}), signal));
		if (answer?.Table === undefined) {
			return {source: 'dynamodb', table, found: false};
		}

		// A disabled stream keeps its LatestStreamArn for a day: only an enabled one is read from.
		const enabled = answer.Table.StreamSpecification?.StreamEnabled === true;
		return {source: 'dynamodb', table, found: true, streamArn: enabled ? answer.Table.LatestStreamArn : undefined, viewType: answer.Table.StreamSpecification?.StreamViewType};
	}

	const configured = target.spec.kinesis?.stream_arn;
	if (configured !== undefined) {
		const streamArn = fillArn(configured, target);
		if (regionOf(streamArn) !== target.region) {
			return {source: 'kinesis', streamArn};
		}

		const answer = await orMissing(aws.send(request('kinesis', 'DescribeStreamSummary', {StreamARN: streamArn}), signal));
		return {source: 'kinesis', streamArn, found: answer?.StreamDescriptionSummary !== undefined};
	}

	return undefined;
}

/** The command that turns a table's stream on, as the refusal shows it. */
const enableStreamCommand = (table: string, region: string) =>
	`aws dynamodb update-table --table-name ${table} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES --region ${region}`;

/** Why the configured stream cannot be read from this region; undefined when it can. */
export function streamSourceProblem(source: ObservedStreamSource | undefined, region: string): {key: string; message: string} | undefined {
	if (source === undefined) {
		return undefined;
	}

	if (source.source === 'dynamodb') {
		if (!source.found) {
			return {key: 'dynamodb.table', message: `there is no table "${source.table}" in ${region}: the table must exist in the function's region`};
		}

		return source.streamArn === undefined
			? {key: 'dynamodb.table', message: `table "${source.table}" in ${region} has no stream enabled; turn it on with: ${enableStreamCommand(source.table, region)}`}
			: undefined;
	}

	if (source.found === undefined) {
		return {key: 'kinesis.stream_arn', message: `${source.streamArn} is in ${regionOf(source.streamArn)}, but the function is deployed to ${region}: Lambda reads a stream only in its own region (use {region} in the ARN for a stream per region)`};
	}

	return source.found ? undefined : {key: 'kinesis.stream_arn', message: `there is no Kinesis stream ${source.streamArn} in ${region}`};
}

/** The stream to map, when the source checked out. */
function sourceStreamArn(source: ObservedStreamSource | undefined): string | undefined {
	if (source?.source === 'dynamodb') {
		return source.found ? source.streamArn : undefined;
	}

	return source?.found === true ? source.streamArn : undefined;
}

/** The generated DynamoDB handler reads each INSERT and MODIFY's new image: a stream without one fails every such record. */
const imageViewTypes = new Set(['NEW_IMAGE', 'NEW_AND_OLD_IMAGES']);

function viewTypeNote(source: ObservedStreamSource | undefined): string | undefined {
	if (source?.source !== 'dynamodb' || !source.found || source.viewType === undefined || imageViewTypes.has(source.viewType)) {
		return undefined;
	}

	return `Note: the stream of table ${source.table} sends ${source.viewType} records, and the generated handler reads the new image; `
		+ 'a view type cannot be changed, so turn the stream off and on again with StreamViewType=NEW_AND_OLD_IMAGES (deploy then maps the new stream)';
}

/** The note for a stream trigger whose source key is not set yet. */
function notConnected(spec: Spec): string | undefined {
	if (spec.dynamodb && spec.dynamodb.table === undefined) {
		return 'The DynamoDB trigger is not connected: set dynamodb.table in the config';
	}

	if (spec.kinesis && spec.kinesis.stream_arn === undefined) {
		return 'The Kinesis trigger is not connected: set kinesis.stream_arn in the config';
	}

	return undefined;
}

export const streamsResource: RegionResource<ObservedStreams> = {
	name: 'stream mapping',
	async observe({aws}, target, anchor, signal) {
		const arn = anchor.function?.arn;
		const [streamMappings, streamSource] = await Promise.all([
			arn === undefined ? [] : observeMappings(aws, arn, target.function.alias, signal),
			observeSource(aws, target, signal),
		]);
		return {streamMappings, streamSource};
	},
	check: (observed, target) => streamSourceProblem(observed.streamSource, target.region),
	plan(observed, {target}) {
		const {name, alias, region} = target.function;
		const streamArn = sourceStreamArn(observed.streamSource);
		const desired = streamArn === undefined ? undefined : desiredStreamMapping(target.spec, streamArn, target);
		// The mapping points at the alias ARN, which names the account (looked up: needsAccount).
		const arn = desired && target.account !== undefined ? aliasArn(region, target.account, name, alias) : undefined;
		const notes = [notConnected(target.spec), viewTypeNote(observed.streamSource)].filter(note => note !== undefined);
		return [
			...notes.map(note => actionsIn(region).noOp(note)),
			...planStreamMappings({functionName: name, alias, region, aliasArn: arn}, desired, observed.streamMappings ?? []),
		];
	},
	needsAccount: spec => spec.dynamodb?.table !== undefined || spec.kinesis?.stream_arn !== undefined,
	grants(spec, scope: PolicyScope): Statement[] {
		const perRegion = (arn: string) => [...new Set(scope.regions.map(region => fillArn(arn, {region, account: scope.account})))];
		const table = spec.dynamodb?.table;
		const stream = spec.kinesis?.stream_arn;
		const statements: Statement[] = [];
		if (table !== undefined) {
			// The stream's label changes each time the stream is turned on again, and grants are
			// computed before any region is read: the table's streams (table/<name>/stream/*) are
			// the narrowest resource known now, and the one AWS's own example policy uses.
			statements.push({
				Sid: 'ReadDynamoDBStream',
				Effect: 'Allow',
				Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
				Resource: scope.regions.map(region => `arn:${partitionOf(region)}:dynamodb:${region}:${scope.account}:table/${table}/stream/*`),
			}, {
				// ListStreams lists streams rather than reading one: "*", as AWSLambdaDynamoDBExecutionRole grants it.
				Sid: 'ListDynamoDBStreams', Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: '*',
			});
		}

		if (stream !== undefined) {
			// No kinesis:SubscribeToShard: it acts on an enhanced fan-out consumer, and the mapping reads the stream itself.
			statements.push({
				Sid: 'ReadKinesisStream',
				Effect: 'Allow',
				Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
				Resource: perRegion(stream),
			}, {
				Sid: 'ListKinesisStreams', Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: '*',
			});
		}

		const onFailure = streamSection(spec)?.section.on_failure;
		const source = table ?? stream;
		// Lambda sends a failed batch's record with the execution role: only when there is a mapping to fail.
		return source === undefined || onFailure === undefined ? statements : [...statements, ...sendStatements(perRegion(onFailure), 'StreamFailures')];
	},
};
