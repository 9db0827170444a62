// AWS failures said as what happened and what to do: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {explainAwsError} from '../source/aws/errors.js';
import {RunError} from '../source/errors.js';

const awsError = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), {name, ...extra});

describe('explainAwsError', () => {
	it.each([
		{
			case: 'AccessDenied from IAM names the missing permission',
			error: awsError('AccessDenied', 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/orders-role'),
			message: 'Access denied: the credentials lack iam:CreateRole',
			hint: /Allow iam:CreateRole .* Or set function.role to an existing role/,
		},
		{
			case: 'AccessDeniedException from Lambda names the missing permission',
			error: awsError('AccessDeniedException', 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: lambda:PutFunctionConcurrency on resource: x'),
			region: 'eu-west-1',
			message: 'Access denied (eu-west-1): the credentials lack lambda:PutFunctionConcurrency',
			hint: /^Allow lambda:PutFunctionConcurrency for these credentials/,
		},
		{
			case: 'S3 that cannot validate a destination of the bucket\'s notifications names it, and says the other notifications count too',
			error: awsError('InvalidArgument', 'Unable to validate the following destination configurations', {
				ArgumentName1: 'arn:aws:lambda:us-east-1:111122223333:function:gone', ArgumentValue1: 'Not authorized to invoke function [arn:aws:lambda:us-east-1:111122223333:function:gone]',
			}),
			region: 'us-east-1',
			message: "S3 could not validate a destination of the bucket's notifications (us-east-1): Not authorized to invoke function [arn:aws:lambda:us-east-1:111122223333:function:gone].",
			hint: /not only ours: if one of the other notifications points at a function, queue or topic that is gone/,
		},
		{
			case: 'a role that lacks a destination permission',
			error: awsError('InvalidParameterValueException', 'The function execution role does not have permissions to call SendMessage on SQS'),
			message: "The function's execution role lacks sqs:SendMessage.",
			hint: /leave function.role unset/,
		},
		{
			case: 'the account\'s unreserved floor',
			error: awsError('InvalidParameterValueException', "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100]."),
			message: 'Lambda refused the reserved concurrency: at least 100 concurrent executions must stay unreserved in the account.',
			hint: /Lower function.reserved_concurrency/,
		},
		{
			case: 'a low-quota account\'s unreserved floor, as Lambda names it',
			error: awsError('InvalidParameterValueException', "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [10]."),
			message: 'Lambda refused the reserved concurrency: at least 10 concurrent executions must stay unreserved in the account.',
			hint: /Lower function.reserved_concurrency/,
		},
		{
			case: '"already exists" is not "still being changed"',
			error: awsError('ResourceConflictException', 'Function already exist: orders'),
			message: 'It already exists: Function already exist: orders',
			hint: /adopts it/,
		},
		{
			case: 'a conflict that outlasted the retries',
			error: awsError('ResourceConflictException', 'The operation cannot be performed at this time.'),
			message: 'The function was still being changed: The operation cannot be performed at this time.',
			hint: /Wait a minute/,
		},
		{
			case: 'throttling that outlasted the retries',
			error: awsError('TooManyRequestsException', 'Rate exceeded'),
			message: 'AWS throttled the requests: Rate exceeded',
			hint: /fewer regions/,
		},
		{
			case: 'an unknown region',
			error: awsError('Error', 'getaddrinfo ENOTFOUND lambda.us-esat-1.amazonaws.com', {code: 'ENOTFOUND'}),
			region: 'us-esat-1',
			message: 'There is no AWS endpoint for region us-esat-1: it is not a region this tool knows (did you mean us-east-1?).',
			hint: /deploy.regions/,
		},
		{
			case: 'an endpoint that does not answer',
			error: awsError('Error', 'connect ECONNREFUSED 127.0.0.1:1', {code: 'ECONNREFUSED'}),
			region: 'us-east-1',
			endpointUrl: 'http://127.0.0.1:1',
			message: 'Cannot reach http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
			hint: /--endpoint-url/,
		},
		{
			case: 'a known region that cannot be reached',
			error: awsError('Error', 'getaddrinfo EAI_AGAIN lambda.eu-west-1.amazonaws.com', {code: 'EAI_AGAIN'}),
			region: 'eu-west-1',
			message: 'Cannot reach the AWS endpoint for region eu-west-1: getaddrinfo EAI_AGAIN lambda.eu-west-1.amazonaws.com',
			hint: /network connection/,
		},
		{
			case: 'an unknown region, named by where it came from',
			error: awsError('Error', 'getaddrinfo ENOTFOUND sts.us-eest-1.amazonaws.com', {code: 'ENOTFOUND'}),
			region: 'us-eest-1',
			regionSource: 'the --region flag',
			message: 'There is no AWS endpoint for region us-eest-1: it is not a region this tool knows (did you mean us-east-1?).',
			hint: /^Fix the --region flag; regions look like us-east-1/,
		},
		{
			case: 'an endpoint that answers with a page, not the API, for a mistyped region',
			error: awsError('SyntaxError', 'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'),
			region: 'us-eest-1',
			endpointUrl: 'http://127.0.0.1:5000',
			regionSource: 'deploy.regions in r.toml',
			message: 'http://127.0.0.1:5000 did not answer like the AWS API (is region us-eest-1 right? did you mean us-east-1?).',
			hint: /^Fix deploy.regions in r.toml;/,
		},
		{
			case: 'an endpoint that answers with a page, not the API, for a known region',
			error: awsError('Error', 'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'),
			region: 'eu-west-1',
			endpointUrl: 'http://127.0.0.1:5000',
			message: 'http://127.0.0.1:5000 did not answer like the AWS API (eu-west-1).',
			hint: /--endpoint-url .* emulator/,
		},
	])('$case', ({error, region, endpointUrl, regionSource, message, hint}) => {
		const explained = explainAwsError(error, {region, endpointUrl, regionSource});
		expect(explained).toBeInstanceOf(RunError);
		expect(explained.message).toBe(message);
		expect((explained as RunError).hint).toMatch(hint);
	});
});
