// VPC access, reserved concurrency and asynchronous invocation.
import {defaults} from '../../../spec/defaults.js';
import {limits} from '../../../spec/limits.js';
import {get, type Answers} from '../answers.js';
import {listStep, numberStep, sectionStep, textStep} from '../kinds.js';
import {buildsFunction, noFunction} from './project.js';

const inVpc = (answers: Answers) => buildsFunction(answers) && get(answers, 'vpc') !== undefined;
/**
 * Where a failed event goes when Lambda does not invoke the function asynchronously: then retries
 * and destinations never fire, so they are not offered. HTTP callers get the error back; SQS, DynamoDB
 * and Kinesis are polled by an event source mapping, which has failure handling of its own.
 */
const failuresGoTo: Partial<Record<string, string>> = {
	http: 'an HTTP trigger invokes the function synchronously: the caller gets the error back',
	sqs: 'SQS is polled synchronously: failed messages return to the queue, and its redrive policy (a dead-letter queue on the queue) takes them after maxReceiveCount',
	dynamodb: 'a DynamoDB stream is polled synchronously: failed records are retried, then go to the mapping\'s on_failure destination ([dynamodb] on_failure)',
	kinesis: 'a Kinesis stream is polled synchronously: failed records are retried, then go to the mapping\'s on_failure destination ([kinesis] on_failure)',
};

const syncReason = (answers: Answers) => failuresGoTo[String(get(answers, 'project.trigger') ?? defaults.project.trigger)];
const invokedAsync = (answers: Answers) => buildsFunction(answers) && syncReason(answers) === undefined;
const hasAsync = (answers: Answers) => invokedAsync(answers) && get(answers, 'async') !== undefined;

export const vpc = sectionStep({
	id: 'vpc',
	label: 'VPC',
	title: 'Does the function need to reach resources in a VPC?',
	section: 'vpc',
	when: buildsFunction,
	whyNot: noFunction('an extension runs in the network of the function that uses it'),
	no: 'No VPC',
	yes: 'Yes: subnets and security groups',
	note: () => [
		'Since 2019 a VPC adds no per-invocation cold start: the network interface is made once, when the',
		'function is created or its VPC settings change (state Pending, about a minute). The role needs the',
		'VPC permissions (deploy adds them), and there is no internet access without a NAT gateway.',
	].join(' '),
});

export const subnets = listStep({id: 'vpc-subnets', label: 'Subnets', title: 'Subnet IDs', key: 'vpc.subnet_ids', when: inVpc});
export const securityGroups = listStep({id: 'vpc-security-groups', label: 'Security groups', title: 'Security group IDs', key: 'vpc.security_group_ids', when: inVpc});

export const reservedConcurrency = numberStep({
	id: 'concurrency',
	label: 'Concurrency',
	title: 'Reserved concurrency (optional)',
	key: 'function.reserved_concurrency',
	optional: true,
	when: buildsFunction,
	whyNot: noFunction('concurrency is reserved for a function'),
	note: () => `Caps and guarantees concurrent runs. The account must keep ${limits.unreservedConcurrencyFloor} unreserved; 0 stops every invocation. Empty: none.`,
});

export const asyncInvocation = sectionStep({
	id: 'async',
	label: 'Async invokes',
	title: 'Configure asynchronous invocation (retries, destinations)?',
	section: 'async',
	when: invokedAsync,
	whyNot(answers) {
		const reason = syncReason(answers);
		return noFunction('retries and destinations are a function\'s')(answers)
			?? (reason === undefined ? undefined : `retries and destinations apply to asynchronous invocations only, and ${reason}`);
	},
	no: `Lambda's defaults (${defaults.async.max_retry_attempts} retries, events kept ${defaults.async.max_event_age_seconds / 3600} hours)`,
	yes: 'Yes: retries, event age, destinations',
});

export const retries = numberStep({
	id: 'async-retries',
	label: 'Retries',
	title: `Retry attempts (${limits.maxRetryAttempts.min}–${limits.maxRetryAttempts.max})`,
	key: 'async.max_retry_attempts',
	fallback: () => defaults.async.max_retry_attempts,
	when: hasAsync,
});

export const maxEventAge = numberStep({
	id: 'async-age',
	label: 'Max event age',
	title: `Maximum event age in seconds (${limits.maxEventAgeSeconds.min}–${limits.maxEventAgeSeconds.max})`,
	key: 'async.max_event_age_seconds',
	unit: 's',
	fallback: () => defaults.async.max_event_age_seconds,
	when: hasAsync,
});

const destinationNote = () => 'An SQS queue, SNS topic, Lambda function or EventBridge bus ARN ({region}/{account} allowed). Empty: none.';

export const onSuccess = textStep({id: 'async-success', label: 'On success', title: 'On-success destination (optional)', key: 'async.on_success', optional: true, when: hasAsync, note: destinationNote});
export const onFailure = textStep({
	id: 'async-failure',
	label: 'On failure',
	title: 'On-failure destination (optional)',
	key: 'async.on_failure',
	optional: true,
	when: hasAsync,
	note: () => `${destinationNote()} An S3 bucket is allowed here.`,
});
