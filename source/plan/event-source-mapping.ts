// Plans the SQS event source mapping in one region. The mapping points at the
// alias (function:alias), so messages go to the released version, not $LATEST.
// deploy owns every SQS mapping on that alias: it keeps (or updates) the one for
// sqs.queue_arn and deletes the others, so removing [sqs] or changing the queue
// removes the old mapping instead of leaving a second consumer. The wanted
// mapping comes first and the deletions after it: a create that fails stops the
// region with the old mapping still consuming. Mappings on other aliases,
// versions or $LATEST, and non-SQS sources, are never touched. Pure.
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {fillArn, type Placeholders} from './placeholders.js';
import type {Action, ObservedMapping, SqsMappingSettings} from './types.js';

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

export function mappingDiff(observed: SqsMappingSettings, desired: SqsMappingSettings): string[] {
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
	const kept = desired === undefined ? undefined : observed.find(mapping => mapping.queueArn === desired.queueArn);
	const deletions: Action[] = observed
		.filter(mapping => mapping !== kept)
		.map(mapping => make('delete', `Remove the mapping from queue ${queueName(mapping.queueArn)} to ${on}`, {type: 'delete-event-source-mapping', uuid: mapping.uuid, queueArn: mapping.queueArn}, [
			desired === undefined ? 'no sqs.queue_arn in the config' : `the config maps ${queueName(desired.queueArn)} instead`,
		]));

	if (desired === undefined) {
		return deletions;
	}

	const title = `mapping from queue ${queueName(desired.queueArn)} to ${on}`;
	let wanted: Action;
	if (kept === undefined) {
		if (target.aliasArn === undefined) {
			throw new Error('internal: a mapping to create needs the alias ARN');
		}

		wanted = make('create', `Create the ${title}`, {type: 'create-event-source-mapping', aliasArn: target.aliasArn, mapping: desired}, [
			`batch ${desired.batchSize}, window ${desired.batchingWindowSeconds} s${desired.reportBatchItemFailures ? ', ReportBatchItemFailures' : ''}${desired.maxConcurrency === undefined ? '' : `, at most ${desired.maxConcurrency} concurrent`}`,
		]);
	} else {
		const diff = mappingDiff(kept, desired);
		wanted = diff.length === 0
			? noOp(make, `The ${title} is unchanged`)
			: make('update', `Update the ${title}`, {type: 'update-event-source-mapping', uuid: kept.uuid, mapping: desired}, diff);
	}

	return [wanted, ...deletions];
}

const queueName = (queueArn: string) => queueArn.split(':').at(-1) ?? queueArn;
