// Each trigger's source section, checked with AWS's rules before any call: the
// config loader refuses what AWS would, naming the key and the rule.
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../source/errors.js';
import {loadSpec} from '../source/spec/spec.js';
import {describeSchedule, scheduleProblem} from '../source/spec/triggers.js';

const load = (trigger: string, section: string) =>
	loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "${trigger}"\n${section}`});

function problems(trigger: string, section: string): string[] {
	try {
		load(trigger, section);
	} catch (error) {
		if (error instanceof ConfigError) {
			return error.problems.map(problem => `${problem.where.replace('rust-lambda.toml: ', '')}: ${problem.message}`);
		}

		throw error;
	}

	return [];
}

describe('schedule expressions', () => {
	const now = new Date('2026-12-01T12:00:00Z');
	it.each([
		['rate(1 minute)', undefined],
		['rate(5 minutes)', undefined],
		['rate(1 minutes)', 'must say rate(1 minute)'],
		['rate(5 minute)', 'must say rate(5 minutes)'],
		['rate(0 hours)', 'n ≥ 1'],
		['rate(2 weeks)', 'minute[s]|hour[s]|day[s]'],
		['cron(0 12 * * ? *)', undefined],
		['cron(0 12 * * *)', 'must have 6 fields'],
		['cron(0 12 ? * MON-FRI *)', undefined],
		['cron(0 12 * * MON *)', 'exactly one of day-of-month and day-of-week'],
		['cron(0 12 ? * ? *)', 'exactly one of day-of-month and day-of-week'],
		['at(2027-01-01T00:00:00)', undefined],
		['at(2026-01-01T00:00:00)', 'must be in the future'],
		['every 5 minutes', 'must be rate(...), cron(...)'],
	])('%s', (expression, problem) => {
		const said = scheduleProblem(expression, now);
		if (problem === undefined) {
			expect(said).toBeUndefined();
		} else {
			expect(said).toContain(problem);
		}
	});

	it.each([
		['rate(1 minute)', 'every minute'],
		['rate(5 minutes)', 'every 5 minutes'],
		['rate(2 days)', 'every 2 days'],
		['at(2027-01-01T00:00:00)', 'once, at 2027-01-01T00:00:00'],
	])('%s reads as "%s"', (expression, words) => {
		expect(describeSchedule(expression)).toBe(words);
	});
});

describe('trigger sections', () => {
	it('loads each trigger\'s source with its defaults', () => {
		expect(load('s3', '[s3]\nbucket = "my-uploads"\nprefix = "in/"\n').s3).toEqual({bucket: 'my-uploads', prefix: 'in/', events: ['s3:ObjectCreated:*']});
		expect(load('dynamodb', '[dynamodb]\ntable = "orders"\nbatch_size = 100\n').dynamodb).toEqual({table: 'orders', batch_size: 100, starting_position: 'LATEST'});
		expect(load('kinesis', '').kinesis).toEqual({starting_position: 'LATEST'});
		expect(load('sns', '[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders"\nfilter_policy = \'{"kind": ["order"]}\'\n').sns)
			.toEqual({topic_arn: 'arn:aws:sns:{region}:{account}:orders', filter_policy: '{"kind": ["order"]}'});
		expect(load('schedule', '[schedule]\nexpression = "rate(5 minutes)"\ntimezone = "Europe/Berlin"\n').schedule)
			.toEqual({expression: 'rate(5 minutes)', timezone: 'Europe/Berlin'});
		expect(load('http', '[http]\ncors_allow_origins = ["https://example.com", "*"]\n').http)
			.toEqual({endpoint: 'function-url', auth: 'none', cors_allow_origins: ['https://example.com', '*']});
	});

	it.each([
		['s3', '[s3]\nbucket = "My_Uploads"\n', 's3.bucket: must be an S3 bucket name'],
		['s3', '[s3]\nbucket = "192.168.1.1"\n', 's3.bucket: must be an S3 bucket name'],
		['s3', '[s3]\nevents = ["s3:ObjectCreated:Putt"]\n', 's3.events[0]: must be an S3 event type such as s3:ObjectCreated:* (did you mean s3:ObjectCreated:Put?)'],
		['s3', '[s3]\nevents = []\n', 's3.events: must list at least one event type'],
		['schedule', '[schedule]\nexpression = "rate(1 minutes)"\n', 'schedule.expression: must say rate(1 minute)'],
		['schedule', '[schedule]\ntimezone = "Europe/Berlinn"\n', 'schedule.timezone: must be an IANA time zone'],
		['schedule', '[schedule]\ninput = "{job: 1}"\n', 'schedule.input: must be JSON text of an object'],
		['sns', '[sns]\nfilter_policy = "[1]"\n', 'sns.filter_policy: must be JSON text of an object'],
		['sns', '[sns]\ntopic_arn = "arn:aws:sqs:us-east-1:123456789012:orders"\n', 'sns.topic_arn: must be an SNS topic ARN'],
		['kinesis', '[kinesis]\nstream_arn = "arn:aws:kinesis:us-east-1:123456789012:clicks"\n', 'kinesis.stream_arn: must be a Kinesis stream ARN'],
		['kinesis', '[kinesis]\nbatch_size = 10001\n', 'kinesis.batch_size: must be'],
		['kinesis', '[kinesis]\nparallelization_factor = 11\n', 'kinesis.parallelization_factor: must be'],
		['dynamodb', '[dynamodb]\nmax_record_age_seconds = 30\n', 'dynamodb.max_record_age_seconds: must be -1 (keep records until they expire) or'],
		['dynamodb', '[dynamodb]\nmax_retry_attempts = -2\n', 'dynamodb.max_retry_attempts: must be'],
		['dynamodb', '[dynamodb]\nstarting_position = "AT_TIMESTAMP"\n', 'dynamodb.starting_position: must be one of LATEST, TRIM_HORIZON'],
		['dynamodb', '[dynamodb]\ntable = "ab"\n', 'dynamodb.table: must be a DynamoDB table name'],
		['dynamodb', '[dynamodb]\non_failure = "arn:aws:lambda:us-east-1:123456789012:function:f"\n', 'dynamodb.on_failure: must be a standard (not FIFO) SQS queue, standard SNS topic or S3 bucket ARN'],
		['http', '[http]\ncors_allow_origins = ["example.com"]\n', 'http.cors_allow_origins[0]: must be * or an origin'],
		['sqs', '[s3]\nbucket = "my-uploads"\n', 's3: is set but project.trigger is not "s3"'],
	])('%s: %s', (trigger, section, expected) => {
		// Said as "<key>: <the value> <rule>": the key and the rule, with the value between them.
		const [key, rule] = [expected.slice(0, expected.indexOf(': ')), expected.slice(expected.indexOf(': ') + 2)];
		const said = problems(trigger, section);
		expect(said.some(problem => problem.startsWith(`${key}:`) && problem.includes(rule)), said.join('\n')).toBe(true);
	});
});

describe('regions, checked against the known list', () => {
	const loadWith = (text: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "sqs"\n${text}`});
	const problemsIn = (text: string) => {
		try {
			loadWith(text);
			return [];
		} catch (error) {
			return (error as ConfigError).problems.map(problem => `${problem.where.replace('rust-lambda.toml: ', '')}: ${problem.message}`);
		}
	};

	it.each([
		['[deploy]\nregions = ["us-easst-1"]', 'deploy.regions[0]: "us-easst-1" must be an AWS region such as us-east-1 (did you mean us-east-1?)'],
		['[sqs]\nqueue_arn = "arn:aws:sqs:us-easst-1:123456789012:orders"', 'sqs.queue_arn: "arn:aws:sqs:us-easst-1:123456789012:orders" names a region that is not one: us-easst-1 is not an AWS region (did you mean us-east-1?)'],
		['[async]\non_failure = "arn:aws:sns:eu-wset-1:123456789012:t"', 'async.on_failure: "arn:aws:sns:eu-wset-1:123456789012:t" names a region that is not one: eu-wset-1 is not an AWS region (did you mean eu-west-1?)'],
	])('%s is refused with the region meant', (text, said) => {
		expect(problemsIn(text)).toContain(said);
	});

	it('accepts a region of a known family that is newer than the list, and {region}', () => {
		expect(loadWith('[deploy]\nregions = ["eu-west-9"]').deploy.regions).toEqual(['eu-west-9']);
		expect(loadWith('[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"').sqs?.queue_arn).toBe('arn:aws:sqs:{region}:{account}:orders');
	});
});

describe('ARNs that name no resource, and IDs listed twice', () => {
	const account = 'us-east-1:123456789012';

	// Every key that takes an ARN, each with its resource's name left out: one rule says so, then the key's own shape.
	it.each([
		['sqs', `[sqs]\nqueue_arn = "arn:aws:sqs:${account}:"`, 'sqs.queue_arn', 'it ends where the resource\'s name goes; it must be an SQS queue ARN'],
		['sns', `[sns]\ntopic_arn = "arn:aws:sns:${account}:"`, 'sns.topic_arn', 'it ends where the resource\'s name goes; it must be an SNS topic ARN'],
		['kinesis', `[kinesis]\nstream_arn = "arn:aws:kinesis:${account}:stream/"`, 'kinesis.stream_arn', 'the name after "stream/" is empty; it must be a Kinesis stream ARN'],
		['kinesis', '[kinesis]\non_failure = "arn:aws:s3:::"', 'kinesis.on_failure', 'it ends where the resource\'s name goes; it must be a standard (not FIFO) SQS queue'],
		['dynamodb', `[dynamodb]\non_failure = "arn:aws:sns:${account}:"`, 'dynamodb.on_failure', 'it ends where the resource\'s name goes'],
		['json', `[async]\non_failure = "arn:aws:dynamodb:${account}:table/"`, 'async.on_failure', 'the name after "table/" is empty'],
		['json', `[async]\non_success = "arn:aws:lambda:${account}:function:"`, 'async.on_success', 'the name after "function:" is empty; it must be an SQS queue, SNS topic, Lambda function or EventBridge bus ARN'],
		['json', `[async]\non_success = "arn:aws:events:${account}:event-bus/"`, 'async.on_success', 'the name after "event-bus/" is empty'],
		['json', '[async]\non_failure = "arn:aws:s3:::"', 'async.on_failure', 'it ends where the resource\'s name goes'],
		['json', `[async]\ndead_letter_arn = "arn:aws:sqs:${account}:"`, 'async.dead_letter_arn', 'it ends where the resource\'s name goes; it must be an SQS queue or SNS topic ARN'],
		['json', '[function]\nrole = "arn:aws:iam::123456789012:role/"', 'function.role', 'the name after "role/" is empty; it must be an IAM role ARN: arn:aws:iam::<account>:role/<name>'],
		['json', '[function]\nrole = "arn:aws:iam::123456789012:role/team/"', 'function.role', 'the name after "role/team/" is empty'],
		['json', `[function]\nlayers = ["arn:aws:lambda:${account}:layer::3"]`, 'function.layers[0]', 'the name after "layer:" is empty; it must be a layer version ARN'],
	])('%s: %s', (trigger, section, key, rule) => {
		const said = problems(trigger, section);
		const value = /"(arn:[^"]*)"/.exec(section)![1]!;
		expect(said.find(problem => problem.startsWith(`${key}: `)), said.join('\n')).toContain(`${key}: "${value}" names no resource: ${rule}`);
	});

	it('still takes ARNs whose every part names something', () => {
		expect(load('json', '[function]\nrole = "arn:aws:iam::123456789012:role/team/orders"\n[async]\non_success = "arn:aws:lambda:{region}:{account}:function:audit:live"\non_failure = "arn:aws:s3:::failed-events"\n').async)
			.toEqual({on_success: 'arn:aws:lambda:{region}:{account}:function:audit:live', on_failure: 'arn:aws:s3:::failed-events'});
	});

	it.each([
		['a subnet', '["subnet-0abc1234", "subnet-0def5678", "subnet-0abc1234"]', '["sg-0abc1234"]', 'vpc.subnet_ids: ["subnet-0abc1234", "subnet-0def5678", "subnet-0abc1234"] must not list a subnet twice: "subnet-0abc1234" is there more than once; list each once'],
		['a security group', '["subnet-0abc1234"]', '["sg-0abc1234", "sg-0abc1234"]', 'vpc.security_group_ids: ["sg-0abc1234", "sg-0abc1234"] must not list a security group twice: "sg-0abc1234" is there more than once; list each once'],
	])('%s listed twice is refused, naming it', (_what, subnets, groups, said) => {
		expect(problems('json', `[vpc]\nsubnet_ids = ${subnets}\nsecurity_group_ids = ${groups}\n`)).toEqual([said]);
	});
});
