// The trigger's source (the topic, bucket, schedule, table or stream deploy connects to the
// alias), checked as it is typed with the config loader's rules. A source left empty can be
// set in rust-lambda.toml later: deploy then says what is missing.
import {defaults} from '../../../spec/defaults.js';
import {describeSchedule, startingPositions, triggerLimits} from '../../../spec/triggers.js';
import {get, type Answers} from '../answers.js';
import {listStep, selectStep, textStep} from '../kinds.js';
import {buildsFunction} from './project.js';

type Trigger = 'sns' | 's3' | 'schedule' | 'dynamodb' | 'kinesis';
const isTrigger = (trigger: Trigger) => (answers: Answers) => buildsFunction(answers) && get(answers, 'project.trigger') === trigger;
const later = (section: string, key: string) => `Empty: set [${section}] ${key} in rust-lambda.toml later (deploy says so until then).`;
const placeholders = '{region} and {account} are filled per region';

export const snsTopic = textStep({
	id: 'sns-topic',
	label: 'SNS topic',
	title: 'SNS topic ARN (optional now)',
	key: 'sns.topic_arn',
	optional: true,
	when: isTrigger('sns'),
	note: () => `${placeholders}, e.g. arn:aws:sns:{region}:{account}:orders. ${later('sns', 'topic_arn')}`,
});

export const snsFilterPolicy = textStep({
	id: 'sns-filter',
	label: 'Filter policy',
	title: 'Filter policy (optional)',
	key: 'sns.filter_policy',
	optional: true,
	when: isTrigger('sns'),
	note: () => 'JSON: only messages whose attributes match reach the function, e.g. {"kind": ["order"]}. Empty: every message.',
});

export const s3Bucket = textStep({
	id: 's3-bucket',
	label: 'S3 bucket',
	title: 'S3 bucket name (optional now)',
	key: 's3.bucket',
	optional: true,
	when: isTrigger('s3'),
	note: () => `An existing bucket in the function's region. ${later('s3', 'bucket')}`,
});

export const s3Events = listStep({
	id: 's3-events',
	label: 'S3 events',
	title: 'Which S3 events?',
	key: 's3.events',
	fallback: () => [...defaults.s3.events],
	when: isTrigger('s3'),
	note: () => 'e.g. s3:ObjectCreated:* (every upload), s3:ObjectRemoved:*, s3:ObjectCreated:Put.',
});

export const s3Prefix = textStep({
	id: 's3-prefix',
	label: 'Key prefix',
	title: 'Only keys starting with (optional)',
	key: 's3.prefix',
	optional: true,
	when: isTrigger('s3'),
	note: () => `A key prefix such as in/ (at most ${triggerLimits.s3KeyFilterLength} characters). Empty: every key.`,
});

export const s3Suffix = textStep({
	id: 's3-suffix',
	label: 'Key suffix',
	title: 'Only keys ending with (optional)',
	key: 's3.suffix',
	optional: true,
	when: isTrigger('s3'),
	note: () => 'A key suffix such as .jpg. Empty: every key.',
});

export const scheduleExpression = textStep({
	id: 'schedule-expression',
	label: 'Schedule',
	title: 'Schedule expression (optional now)',
	key: 'schedule.expression',
	optional: true,
	when: isTrigger('schedule'),
	words: text => describeSchedule(text) ?? 'a valid schedule expression',
	note: () => `rate(5 minutes), cron(0 12 * * ? *) (six fields) or at(2030-01-01T09:00:00) for once. ${later('schedule', 'expression')}`,
	show(answers) {
		const expression = get(answers, 'schedule.expression') as string | undefined;
		const words = expression === undefined ? undefined : describeSchedule(expression);
		return expression === undefined ? '(none)' : words ? `${expression} (${words})` : expression;
	},
});

export const scheduleTimezone = textStep({
	id: 'schedule-timezone',
	label: 'Time zone',
	title: 'Time zone (optional)',
	key: 'schedule.timezone',
	optional: true,
	when: isTrigger('schedule'),
	note: () => 'An IANA time zone such as Europe/Berlin, for cron(...) and at(...). Empty: UTC.',
});

export const scheduleInput = textStep({
	id: 'schedule-input',
	label: 'Schedule event',
	title: 'Event the schedule sends (optional)',
	key: 'schedule.input',
	optional: true,
	when: isTrigger('schedule'),
	note: () => 'JSON, e.g. {"job": "nightly"}. Empty: EventBridge Scheduler\'s own event.',
});

export const dynamodbTable = textStep({
	id: 'dynamodb-table',
	label: 'DynamoDB table',
	title: 'DynamoDB table name (optional now)',
	key: 'dynamodb.table',
	optional: true,
	when: isTrigger('dynamodb'),
	note: () => `deploy looks up its stream; the table needs one (StreamSpecification). ${later('dynamodb', 'table')}`,
});

export const kinesisStream = textStep({
	id: 'kinesis-stream',
	label: 'Kinesis stream',
	title: 'Kinesis stream ARN (optional now)',
	key: 'kinesis.stream_arn',
	optional: true,
	when: isTrigger('kinesis'),
	note: () => `${placeholders}, e.g. arn:aws:kinesis:{region}:{account}:stream/clicks. ${later('kinesis', 'stream_arn')}`,
});

const positionChoices = [
	{value: 'LATEST', label: 'New records only', hint: 'LATEST'},
	{value: 'TRIM_HORIZON', label: 'Every record the stream still holds', hint: 'TRIM_HORIZON'},
] as const satisfies ReadonlyArray<{value: (typeof startingPositions)[number]; label: string; hint: string}>;

const startingPosition = (section: 'dynamodb' | 'kinesis') => selectStep({
	id: `${section}-position`,
	label: 'Reads from',
	title: 'Where should the function start reading?',
	key: `${section}.starting_position`,
	fallback: defaults[section].starting_position,
	when: isTrigger(section),
	choices: positionChoices,
	note: () => 'Fixed once the mapping exists: changing it later replaces the mapping.',
});

export const dynamodbPosition = startingPosition('dynamodb');
export const kinesisPosition = startingPosition('kinesis');
