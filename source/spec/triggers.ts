// The rules of each trigger's source section ([sns], [s3], [schedule],
// [dynamodb], [kinesis], and [http]'s CORS origins): AWS's own limits, checked
// by the config loader, the wizard and `new` alike, before any AWS call. No zod here:
// the command-line flags read these limits, and --help must not load the schema library.
import type {Range} from './limits.js';

// Partition, region and account may be the {region}/{account} placeholders, filled per region at plan time.
const partition = 'arn:aws(?:-cn|-us-gov|-iso[a-z]?)?';
const region = '(?:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}|\\{region\\})';
const account = '(?:\\d{12}|\\{account\\})';

export const triggerLimits = {
	streamBatchSize: {min: 1, max: 10_000},
	streamBatchingWindowSeconds: {min: 0, max: 300, unit: 's'},
	streamMaxRetryAttempts: {min: -1, max: 10_000},
	streamParallelizationFactor: {min: 1, max: 10},
	/** -1 (forever), or 60–604800 s. */
	streamMaxRecordAgeSeconds: {min: 60, max: 604_800, unit: 's'},
	s3KeyFilterLength: 1024,
	corsOrigins: 100,
} as const satisfies Record<string, Range | number>;

export const startingPositions = ['LATEST', 'TRIM_HORIZON'] as const;

/** The event types S3 sends to Lambda (PutBucketNotificationConfiguration's Event values). */
export const s3Events = [
	's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
	's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
	's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
	's3:ReducedRedundancyLostObject',
	's3:Replication:*', 's3:Replication:OperationFailedReplication', 's3:Replication:OperationNotTracked',
	's3:Replication:OperationMissedThreshold', 's3:Replication:OperationReplicatedAfterThreshold',
	's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated',
	's3:LifecycleTransition', 's3:IntelligentTiering',
	's3:ObjectTagging:*', 's3:ObjectTagging:Put', 's3:ObjectTagging:Delete',
	's3:ObjectAcl:Put',
] as const;

export const triggerArns = {
	snsTopic: {
		pattern: new RegExp(`^${partition}:sns:${region}:${account}:[a-zA-Z0-9_-]{1,256}(?:\\.fifo)?$`),
		rule: 'an SNS topic ARN: arn:aws:sns:<region>:<account>:<topic>',
	},
	kinesisStream: {
		pattern: new RegExp(`^${partition}:kinesis:${region}:${account}:stream/[a-zA-Z0-9_.-]{1,128}$`),
		rule: 'a Kinesis stream ARN: arn:aws:kinesis:<region>:<account>:stream/<name>',
	},
	streamOnFailure: {
		// Lambda sends a stream's failed batches only to standard queues and topics: no ".fifo" (the one "." a name may have).
		pattern: new RegExp(`^${partition}:(?:(?:sqs|sns):${region}:${account}:[a-zA-Z0-9_-]{1,256}|s3:::[a-z0-9.-]{3,63})$`),
		rule: 'a standard (not FIFO) SQS queue, standard SNS topic or S3 bucket ARN (where Lambda sends the records of a batch it gave up on)',
	},
} as const;

export const triggerNames = {
	bucket: {
		// 3–63; lowercase, digits, . and -; a letter or digit at each end; no "..", not an IP address.
		pattern: /^(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
		rule: 'an S3 bucket name: 3–63 lowercase letters, digits, . or -, starting and ending with a letter or digit, not an IP address',
	},
	table: {
		pattern: /^[a-zA-Z0-9_.-]{3,255}$/,
		rule: 'a DynamoDB table name: 3–255 letters, digits, _ . or -',
	},
} as const;

/** Whether text parses as a JSON object (an SNS filter policy, a schedule's input). */
export function isJsonObjectText(text: string): boolean {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
	} catch {
		return false;
	}
}

/** IANA time zones as this Node knows them, and UTC. */
export const timeZoneProblem = (zone: string): string | undefined =>
	zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone) ? undefined : 'must be an IANA time zone such as Europe/Berlin or UTC';

const rateUnits = ['minute', 'hour', 'day'] as const;

/**
 * What is wrong with an EventBridge Scheduler expression, or undefined: rate(1 minute) but
 * rate(5 minutes); cron with six fields and ? in day-of-month or day-of-week; at() in the future.
 */
export function scheduleProblem(expression: string, now: Date = new Date()): string | undefined {
	const rate = /^rate\((\d+) ([a-z]+)\)$/.exec(expression);
	if (rate) {
		const value = Number(rate[1]);
		const unit = rate[2]!;
		const singular = unit.replace(/s$/, '');
		if (value < 1 || !(rateUnits as readonly string[]).includes(singular)) {
			return 'must be rate(<n> minute[s]|hour[s]|day[s]) with n ≥ 1, e.g. rate(5 minutes)';
		}

		const wanted = value === 1 ? singular : `${singular}s`;
		return unit === wanted ? undefined : `must say rate(${value} ${wanted}): AWS wants the singular for 1 and the plural otherwise`;
	}

	const cron = /^cron\((.*)\)$/.exec(expression);
	if (cron) {
		const fields = cron[1]!.trim().split(/\s+/);
		if (fields.length !== 6) {
			return `must have 6 fields in cron(...) (minutes hours day-of-month month day-of-week year), not ${fields.length}, e.g. cron(0 12 * * ? *)`;
		}

		const [, , dayOfMonth, , dayOfWeek] = fields;
		if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
			return 'must have ? in exactly one of day-of-month and day-of-week, e.g. cron(0 12 * * ? *)';
		}

		return undefined;
	}

	const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
	if (at) {
		const when = new Date(`${at[1]!}Z`);
		if (Number.isNaN(when.getTime())) {
			return 'must be a real date and time in at(yyyy-mm-ddThh:mm:ss)';
		}

		return when.getTime() > now.getTime() ? undefined : 'must be in the future: a one-time schedule in the past never runs';
	}

	return 'must be rate(...), cron(...) with 6 fields, or at(yyyy-mm-ddThh:mm:ss), e.g. rate(5 minutes)';
}

/** Plain words for a schedule, for the wizard's preview: "every 5 minutes". */
export function describeSchedule(expression: string): string | undefined {
	const rate = /^rate\((\d+) ([a-z]+?)s?\)$/.exec(expression);
	if (rate) {
		return rate[1] === '1' ? `every ${rate[2]!}` : `every ${rate[1]!} ${rate[2]!}s`;
	}

	const at = /^at\((.+)\)$/.exec(expression);
	if (at) {
		return `once, at ${at[1]!}`;
	}

	const cron = /^cron\((\S+) (\S+) \S+ \S+ \S+ \S+\)$/.exec(expression);
	if (cron && /^\d+$/.test(cron[1]!) && /^\d+$/.test(cron[2]!)) {
		return `at ${cron[2]!.padStart(2, '0')}:${cron[1]!.padStart(2, '0')} on the days the cron fields say`;
	}

	return undefined;
}

/** A CORS origin: *, or scheme://host[:port]. */
export const corsOriginPattern = /^(?:\*|https?:\/\/[a-zA-Z0-9.*-]+(?::\d{1,5})?)$/;
