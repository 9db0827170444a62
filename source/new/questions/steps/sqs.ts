// The SQS event source mapping, checked with the AWS rules as it is typed.
import {defaults} from '../../../spec/defaults.js';
import {limits} from '../../../spec/limits.js';
import {get, set, type Answers} from '../answers.js';
import {numberStep, textStep, yesNoStep} from '../kinds.js';
import {buildsFunction} from './project.js';

const isSqs = (answers: Answers) => buildsFunction(answers) && get(answers, 'project.trigger') === 'sqs';
const fifo = (answers: Answers) => (get(answers, 'sqs.fifo') as boolean | undefined) ?? String(get(answers, 'sqs.queue_arn') ?? '').endsWith('.fifo');

export const queueArn = textStep({
	id: 'sqs-queue',
	title: 'Queue ARN (optional now)',
	key: 'sqs.queue_arn',
	optional: true,
	checkAsTyped: true,
	when: isSqs,
	note: () => '{region} and {account} are filled per region, e.g. arn:aws:sqs:{region}:{account}:orders. Empty: set it later in rust-lambda.toml.',
});

export const queueFifo = yesNoStep({
	id: 'sqs-fifo',
	title: 'Is it a FIFO queue?',
	key: 'sqs.fifo',
	fallback: defaults.sqs.fifo,
	when: answers => isSqs(answers) && get(answers, 'sqs.queue_arn') === undefined,
	yes: `FIFO (ordered, batches of at most ${limits.sqsFifoBatchSize.max})`,
	no: 'Standard',
});

export const batchingWindow = numberStep({
	id: 'sqs-window',
	title: `Batching window in seconds (${limits.sqsBatchingWindowSeconds.min}–${limits.sqsBatchingWindowSeconds.max})`,
	key: 'sqs.batching_window_seconds',
	fallback: () => defaults.sqs.batching_window_seconds,
	when: answers => isSqs(answers) && !fifo(answers),
	note: () => `How long Lambda gathers messages before it invokes. Batches above ${limits.sqsBatchSizeWithoutWindow} need at least 1 s.`,
});

const batchSizeStep = numberStep({
	id: 'sqs-batch',
	title: 'Batch size',
	key: 'sqs.batch_size',
	fallback: () => defaults.sqs.batch_size,
	when: isSqs,
	note: answers => (fifo(answers)
		? `FIFO queues take ${limits.sqsFifoBatchSize.min}–${limits.sqsFifoBatchSize.max}.`
		: `${limits.sqsBatchSize.min}–${limits.sqsBatchSize.max}; above ${limits.sqsBatchSizeWithoutWindow} needs a batching window of at least 1 s (the next question).`),
});

/** The window a standard queue's batch needs when none was chosen: 1 s above the limit (AWS requires one), else none. */
export const windowForBatch = (batch: number): number | undefined => (batch > limits.sqsBatchSizeWithoutWindow ? 1 : undefined);

/** Asked before the window: a batch above the limit needs one, so it starts at 1 s (judged with that, not with the default 0). */
export const batchSize: typeof batchSizeStep = {
	...batchSizeStep,
	apply(answers, text) {
		const applied = batchSizeStep.apply(answers, text);
		if ('error' in applied || fifo(applied) || get(applied, 'sqs.batching_window_seconds') !== undefined) {
			return applied;
		}

		const window = windowForBatch(Number(get(applied, 'sqs.batch_size')));
		return window === undefined ? applied : set(applied, 'sqs.batching_window_seconds', window);
	},
};
