// Plans the SQS event source mapping in one region. The mapping points at the
// alias (function:alias), so messages go to the released version, not $LATEST.
// deploy owns every SQS mapping on that alias: it keeps (or updates) the one for
// sqs.queue_arn and deletes the others, so removing [sqs] or changing the queue
// removes the old mapping instead of leaving a second consumer. The wanted
// mapping comes first and the deletions after it: a create that fails stops the
// region with the old mapping still consuming. Mappings on other aliases,
// versions or $LATEST, and non-SQS sources, are never touched.
import type {EventSourceMappingConfiguration} from '@aws-sdk/client-lambda';
import {lambdaDefaults} from '../spec/defaults.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {aliasArn, serviceOf} from '../plan/arns.js';
import {fillArn, type Placeholders} from './placeholders.js';
import type {PolicyScope, Statement} from './policy.js';
import {orMissing, request, type AwsSender} from './request.js';
import type {RegionResource} from './resource.js';
import type {ObservedMapping, SqsMappingSettings} from './types.js';

export function desiredSqsMapping(spec: Spec, where: Placeholders): SqsMappingSettings | undefined {
	const sqs = spec.sqs;
	if (sqs?.queue_arn === undefined) {
		return undefined;
	}

	return {
		queueArn: fillArn(sqs.queue_arn, where),
		batchSize: sqs.batch_size,
		batchingWindowSeconds: sqs.batching_window_seconds,
		reportBatchItemFailures: sqs.report_batch_item_failures,
		...(sqs.max_concurrency === undefined ? {} : {maxConcurrency: sqs.max_concurrency}),
	};
}

const fields: Array<{key: keyof SqsMappingSettings; label: string; unit?: string}> = [
	{key: 'batchSize', label: 'batch size'},
	{key: 'batchingWindowSeconds', label: 'batching window', unit: ' s'},
	{key: 'reportBatchItemFailures', label: 'report batch item failures'},
	{key: 'maxConcurrency', label: 'maximum concurrency'},
];

function mappingDiff(observed: SqsMappingSettings, desired: SqsMappingSettings): string[] {
	const show = (value: unknown, unit = '') => (value === undefined ? 'none' : `${String(value)}${unit}`);
	return fields
		.filter(({key}) => observed[key] !== desired[key])
		.map(({key, label, unit}) => `${label} ${show(observed[key], unit)} → ${show(desired[key], unit)}`);
}

export interface MappingTarget {
	functionName: string;
	alias: string;
	region: string;
	/** Needed only to create a mapping. */
	aliasArn?: string | undefined;
}

export function planEventSourceMappings(target: MappingTarget, desired: SqsMappingSettings | undefined, observed: readonly ObservedMapping[]): Action[] {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	// Of several mappings for the queue (a create retried after a dropped connection can make two), keep one: as wanted if one is.
	const forQueue = desired === undefined ? [] : observed.filter(mapping => mapping.queueArn === desired.queueArn);
	const kept = forQueue.find(mapping => mappingDiff(mapping, desired!).length === 0) ?? forQueue[0];
	const why = (mapping: ObservedMapping) => {
		if (desired === undefined) {
			return 'no sqs.queue_arn in the config';
		}

		return mapping.queueArn === desired.queueArn
			? `a second mapping of the same queue (${mapping.uuid}): one consumer is wanted`
			: `the config maps ${queueName(desired.queueArn)} instead`;
	};

	const deletions: Action[] = observed
		.filter(mapping => mapping !== kept)
		.map(mapping => make.request('delete', `Remove the mapping from queue ${queueName(mapping.queueArn)} to ${on}`, request('lambda', 'DeleteEventSourceMapping', {UUID: mapping.uuid}), [why(mapping)], {
			alreadyGone: 'ResourceNotFoundException',
		}));

	if (desired === undefined) {
		return deletions;
	}

	const title = `mapping from queue ${queueName(desired.queueArn)} to ${on}`;
	// A FIFO queue has no batching window: Lambda takes none for one, not even 0.
	const window = isFifo(desired.queueArn) ? {} : {MaximumBatchingWindowInSeconds: desired.batchingWindowSeconds};
	let wanted: Action;
	if (kept === undefined) {
		if (target.aliasArn === undefined) {
			throw new Error('internal: a mapping to create needs the alias ARN');
		}

		wanted = make.request('create', `Create the ${title}`, request('lambda', 'CreateEventSourceMapping', {
			FunctionName: target.aliasArn,
			EventSourceArn: desired.queueArn,
			Enabled: true,
			BatchSize: desired.batchSize,
			...window,
			...(desired.reportBatchItemFailures ? {FunctionResponseTypes: ['ReportBatchItemFailures' as const]} : {}),
			...(desired.maxConcurrency === undefined ? {} : {ScalingConfig: {MaximumConcurrency: desired.maxConcurrency}}),
		}), [
			`batch ${desired.batchSize}, window ${desired.batchingWindowSeconds} s${desired.reportBatchItemFailures ? ', ReportBatchItemFailures' : ''}${desired.maxConcurrency === undefined ? '' : `, at most ${desired.maxConcurrency} concurrent`}`,
		], {
			// AWS answers a create retried after a dropped connection with "already exists": the first try made it.
			alreadyExists: 'ResourceConflictException',
			adoptBy: {request: request('lambda', 'ListEventSourceMappings', {FunctionName: target.aliasArn, EventSourceArn: desired.queueArn}), found: 'EventSourceMappings'},
		});
	} else {
		const diff = mappingDiff(kept, desired);
		wanted = diff.length === 0
			? make.noOp(`The ${title} is unchanged`)
			// Empty values remove what the config no longer asks for.
			: make.request('update', `Update the ${title}`, request('lambda', 'UpdateEventSourceMapping', {
				UUID: kept.uuid,
				BatchSize: desired.batchSize,
				...window,
				FunctionResponseTypes: desired.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
				ScalingConfig: desired.maxConcurrency === undefined ? {} : {MaximumConcurrency: desired.maxConcurrency},
			}), diff);
	}

	return [wanted, ...deletions];
}

const queueName = (queueArn: string) => queueArn.split(':').at(-1) ?? queueArn;

const isFifo = (queueArn: string) => queueArn.endsWith('.fifo');

function sqsMapping(mapping: EventSourceMappingConfiguration): ObservedMapping {
	const maxConcurrency = mapping.ScalingConfig?.MaximumConcurrency;
	return {
		uuid: mapping.UUID ?? '',
		state: mapping.State ?? '',
		queueArn: mapping.EventSourceArn ?? '',
		batchSize: mapping.BatchSize ?? lambdaDefaults.sqsBatchSize,
		batchingWindowSeconds: mapping.MaximumBatchingWindowInSeconds ?? lambdaDefaults.sqsBatchingWindowSeconds,
		reportBatchItemFailures: (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
		...(maxConcurrency === undefined ? {} : {maxConcurrency}),
	};
}

/** The SQS mappings on the alias, listed by the alias ARN: the same string the mapping was created with. */
async function observeMappings(aws: AwsSender, functionArn: string, alias: string, signal?: AbortSignal): Promise<ObservedMapping[]> {
	const mappings: ObservedMapping[] = [];
	let marker: string | undefined;
	do {
		const page = await aws.send(request('lambda', 'ListEventSourceMappings', {FunctionName: `${functionArn}:${alias}`, ...(marker ? {Marker: marker} : {})}), signal);
		mappings.push(...(page.EventSourceMappings ?? []).filter(mapping => serviceOf(mapping.EventSourceArn ?? '') === 'sqs').map(sqsMapping));
		marker = page.NextMarker;
	} while (marker);
	return mappings;
}

/** The queue's KMS key, when it is a customer-managed one the execution role must be allowed to decrypt with. */
export type QueueKey = {kind: 'key'; arn: string} | {kind: 'alias'; name: string; keys: string};

/** The queue the config maps, as SQS has it: what Lambda checks when the mapping is made. */
export interface ObservedQueue {
	arn: string;
	/** SQS has no such queue. */
	missing?: true;
	visibilityTimeout?: number;
	key?: QueueKey;
}

/**
 * KmsMasterKeyId as SQS gives it (a key ID, key ARN, alias name or alias ARN),
 * as what a policy can name; undefined for none, or for the AWS managed key
 * (alias/aws/sqs), which needs no grant.
 */
export function queueKey(kmsMasterKeyId: string | undefined, queueArn: string): QueueKey | undefined {
	if (!kmsMasterKeyId) {
		return undefined;
	}

	const [, partition, , region, account] = queueArn.split(':');
	const [where, id] = kmsMasterKeyId.startsWith('arn:')
		? [kmsMasterKeyId.split(':').slice(0, 5).join(':'), kmsMasterKeyId.split(':').slice(5).join(':')]
		: [`arn:${partition}:kms:${region}:${account}`, kmsMasterKeyId.startsWith('alias/') ? kmsMasterKeyId : `key/${kmsMasterKeyId}`];
	if (id.startsWith('alias/aws/')) {
		return undefined;
	}

	// An alias is not a resource kms:Decrypt is authorized on: the key is, matched by its alias.
	return id.startsWith('alias/') ? {kind: 'alias', name: id, keys: `${where}:key/*`} : {kind: 'key', arn: `${where}:${id}`};
}

/** GetQueueUrl, then the two attributes Lambda's mapping depends on. */
async function observeQueue(aws: AwsSender, queueArn: string, signal?: AbortSignal): Promise<ObservedQueue> {
	const [, , , , account, name] = queueArn.split(':');
	const found = await orMissing(aws.send(request('sqs', 'GetQueueUrl', {QueueName: name, QueueOwnerAWSAccountId: account}), signal));
	if (found?.QueueUrl === undefined) {
		return {arn: queueArn, missing: true};
	}

	const {Attributes: attributes = {}} = await aws.send(request('sqs', 'GetQueueAttributes', {QueueUrl: found.QueueUrl, AttributeNames: ['VisibilityTimeout', 'KmsMasterKeyId']}), signal);
	const visibility = Number(attributes.VisibilityTimeout);
	const key = queueKey(attributes.KmsMasterKeyId, queueArn);
	return {arn: queueArn, ...(Number.isFinite(visibility) && attributes.VisibilityTimeout !== undefined ? {visibilityTimeout: visibility} : {}), ...(key ? {key} : {})};
}

/** AWS recommends a visibility timeout of six times the function's timeout, so a retried batch is not received twice. */
const recommendedVisibilityFactor = 6;

const unique = (items: readonly string[]) => [...new Set(items)];

/** kms:Decrypt on the customer-managed keys of the queues the regions read: by key ARN, or by alias on that account's keys. */
function decryptStatements(queues: readonly ObservedQueue[]): Statement[] {
	const keys = queues.flatMap(queue => (queue.key?.kind === 'key' ? [queue.key.arn] : []));
	const aliases = queues.flatMap(queue => (queue.key?.kind === 'alias' ? [queue.key] : []));
	return [
		...(keys.length === 0 ? [] : [{Sid: 'DecryptEventSourceQueue', Effect: 'Allow' as const, Action: ['kms:Decrypt'], Resource: unique(keys)}]),
		...(aliases.length === 0 ? [] : [{
			Sid: 'DecryptEventSourceQueueByAlias',
			Effect: 'Allow' as const,
			Action: ['kms:Decrypt'],
			Resource: unique(aliases.map(alias => alias.keys)),
			Condition: {'ForAnyValue:StringEquals': {'kms:ResourceAliases': unique(aliases.map(alias => alias.name))}},
		}]),
	];
}

const describeKey = (key: QueueKey) => (key.kind === 'key' ? key.arn : `${key.name} (${key.keys.replace(/:key\/\*$/, '')})`);

export const sqsResource: RegionResource<{mappings: ObservedMapping[]; queue?: ObservedQueue}> = {
	name: 'SQS mapping',
	async observe({aws}, target, anchor, signal) {
		const arn = anchor.function?.arn;
		const desired = desiredSqsMapping(target.spec, target);
		const [mappings, queue] = await Promise.all([
			arn === undefined ? [] : observeMappings(aws, arn, target.function.alias, signal),
			desired === undefined ? undefined : observeQueue(aws, desired.queueArn, signal),
		]);
		return {mappings, ...(queue ? {queue} : {})};
	},
	// Lambda checks these when the mapping is made, after the function, version and alias already changed.
	check({queue}, {spec}) {
		if (queue?.missing) {
			return {key: 'sqs.queue_arn', message: `there is no queue ${queue.arn} (SQS GetQueueUrl found none): create it, or fix the ARN`};
		}

		const timeout = spec.function.timeout;
		if (queue?.visibilityTimeout !== undefined && queue.visibilityTimeout < timeout) {
			return {
				key: 'sqs.queue_arn',
				message: `queue ${queueName(queue.arn)} has a visibility timeout of ${queue.visibilityTimeout} s, less than function.timeout (${timeout} s): Lambda refuses such a mapping. `
					+ `Raise the queue's VisibilityTimeout to at least ${timeout} s (AWS recommends ${timeout * recommendedVisibilityFactor} s, six times the timeout), or lower function.timeout`,
			};
		}

		return undefined;
	},
	notes({queue}, {spec}) {
		const notes: string[] = [];
		const timeout = spec.function.timeout;
		if (queue?.visibilityTimeout !== undefined && queue.visibilityTimeout >= timeout && queue.visibilityTimeout < timeout * recommendedVisibilityFactor) {
			notes.push(`queue ${queueName(queue.arn)} has a visibility timeout of ${queue.visibilityTimeout} s; AWS recommends six times function.timeout (${timeout * recommendedVisibilityFactor} s), so that a batch Lambda retries is not received twice.`);
		}

		if (queue?.key && spec.function.role !== undefined) {
			notes.push(`queue ${queueName(queue.arn)} is encrypted with the customer-managed KMS key ${describeKey(queue.key)}: function.role must allow kms:Decrypt on it, or Lambda cannot read the messages.`);
		}

		return notes;
	},
	plan(observed, {target}) {
		const {name, alias, region} = target.function;
		const desired = desiredSqsMapping(target.spec, target);
		// The mapping points at the alias ARN, which names the account (looked up: needsAccount).
		const arn = desired && target.account !== undefined ? aliasArn(region, target.account, name, alias) : undefined;
		return planEventSourceMappings({functionName: name, alias, region, aliasArn: arn}, desired, observed.mappings);
	},
	needsAccount: spec => spec.sqs?.queue_arn !== undefined,
	grants(spec, scope: PolicyScope, seen): Statement[] {
		const queue = spec.sqs?.queue_arn;
		const queues = queue === undefined ? [] : unique(scope.regions.map(region => fillArn(queue, {region, account: scope.account})));
		return queues.length === 0 ? [] : [{
			Sid: 'ReadEventSourceQueue',
			Effect: 'Allow',
			Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
			Resource: queues,
		}, ...decryptStatements(seen.flatMap(region => (region.queue && queues.includes(region.queue.arn) ? [region.queue] : [])))];
	},
};
