// Async invocation settings on the alias: the planner, pure and table-driven.
import {describe, expect, it} from 'vitest';
import {desiredEventInvokeConfig, planEventInvokeConfig} from '../source/deploy/async.js';
import type {EventInvokeSettings} from '../source/deploy/types.js';
import {loadSpec} from '../source/spec/spec.js';

const spec = (async: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\n[async]\n${async}`});
const where = {region: 'eu-west-1', account: '111122223333'};

describe('desiredEventInvokeConfig', () => {
	it.each([
		{
			case: 'fills Lambda\'s defaults and the placeholders',
			async: 'on_failure = "arn:aws:sqs:{region}:{account}:failed"',
			expected: {maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600, onFailure: 'arn:aws:sqs:eu-west-1:111122223333:failed'},
		},
		{
			case: 'takes every key',
			async: 'max_retry_attempts = 0\nmax_event_age_seconds = 60\non_success = "arn:aws:sns:us-east-1:111122223333:ok"',
			expected: {maximumRetryAttempts: 0, maximumEventAgeSeconds: 60, onSuccess: 'arn:aws:sns:us-east-1:111122223333:ok'},
		},
		{case: 'none for an [async] with only the older DLQ (that is on the function)', async: 'dead_letter_arn = "arn:aws:sqs:us-east-1:111122223333:dlq"', expected: undefined},
		{case: 'none for an empty [async]', async: '', expected: undefined},
	])('$case', ({async, expected}) => {
		expect(desiredEventInvokeConfig(spec(async), where)).toEqual(expected);
	});
});

describe('planEventInvokeConfig', () => {
	const config: EventInvokeSettings = {maximumRetryAttempts: 1, maximumEventAgeSeconds: 3600, onFailure: 'arn:aws:sqs:us-east-1:111122223333:failed'};
	const plan = (desired?: EventInvokeSettings, observed?: EventInvokeSettings) => planEventInvokeConfig('orders', 'live', 'us-east-1', desired, observed);

	it.each([
		{case: 'none wanted, none there', desired: undefined, observed: undefined, expected: []},
		{case: 'wanted, none there', desired: config, observed: undefined, expected: ['create: Set the async invocation settings of orders:live']},
		{case: 'as wanted', desired: config, observed: {...config}, expected: ['no-op: Async invocation settings of orders:live unchanged']},
		{case: 'a destination removed from the config', desired: {maximumRetryAttempts: 1, maximumEventAgeSeconds: 3600}, observed: config, expected: ['update: Update the async invocation settings of orders:live']},
		{case: '[async] removed from the config', desired: undefined, observed: config, expected: ['delete: Remove the async invocation settings of orders:live']},
	])('$case', ({desired, observed, expected}) => {
		expect(plan(desired, observed).map(action => `${action.change}: ${action.title}`)).toEqual(expected);
	});

	it('says what differs', () => {
		expect(plan({maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600, onSuccess: 'arn:aws:sns:us-east-1:111122223333:ok'}, config)[0]!.details).toEqual([
			'retry attempts 1 → 2',
			'on success none → arn:aws:sns:us-east-1:111122223333:ok',
			'on failure arn:aws:sqs:us-east-1:111122223333:failed → none',
		]);
	});

	it('puts (never updates) the whole config on the alias, and deletes it there', () => {
		expect(plan(config, undefined)[0]!.awsCommand).toEqual([
			'aws', 'lambda', 'put-function-event-invoke-config', '--function-name', 'orders', '--qualifier', 'live',
			'--maximum-retry-attempts', '1', '--maximum-event-age-in-seconds', '3600',
			'--destination-config', '{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:111122223333:failed"}}',
			'--region', 'us-east-1',
		]);
		expect(plan(undefined, config)[0]!.awsCommand.join(' ')).toBe('aws lambda delete-function-event-invoke-config --function-name orders --qualifier live --region us-east-1');
	});
});
