// The execution role's policy, computed from the config: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {canonicalPolicy, executionPolicy as policyOf, samePolicy, type PolicyScope} from '../source/deploy/policy.js';
import {resourceGrants} from '../source/deploy/registry.js';
import {functionResource} from '../source/deploy/function.js';
import type {Spec} from '../source/spec/schema.js';
import type {PolicyDocument} from '../source/deploy/types.js';
import {loadSpec} from '../source/spec/spec.js';

/** The policy deploy writes: its own statements and those its resources ask for. */
const executionPolicy = (spec: Spec, scope: PolicyScope) => policyOf(spec, scope, resourceGrants(spec, scope));

const spec = (extra = '', trigger = 'json') => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "${trigger}"\n${extra}`});
const scope = {regions: ['us-east-1', 'eu-west-1'], account: '111122223333'};

/** Each statement as "action, action on resource, resource": what the role may do, where. */
const grants = (policy: PolicyDocument) =>
	Object.fromEntries(policy.Statement.map(statement => [statement.Sid, {actions: [statement.Action].flat(), resources: [statement.Resource].flat()}]));

const logs = {
	actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
	resources: [
		'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders:*',
		'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:*',
	],
};

describe('executionPolicy', () => {
	it.each([
		{
			case: 'a plain function may only write its own logs, in every region',
			config: '',
			expected: {Logs: logs},
		},
		{
			case: 'a VPC adds the network-interface actions, which take only "*"',
			config: '[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]\n',
			expected: {
				Logs: logs,
				VpcNetworkInterfaces: {
					actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
					resources: ['*'],
				},
			},
		},
		{
			case: 'an SQS trigger may read and delete on its queue only, filled per region',
			trigger: 'sqs',
			config: '[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\n',
			expected: {
				Logs: logs,
				ReadEventSourceQueue: {
					actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
					resources: ['arn:aws:sqs:us-east-1:111122223333:orders', 'arn:aws:sqs:eu-west-1:111122223333:orders'],
				},
			},
		},
		{
			case: 'each destination kind gets its one send action on its ARN',
			config: [
				'[async]',
				'on_success = "arn:aws:lambda:{region}:{account}:function:next"',
				'on_failure = "arn:aws:s3:::failed-orders"',
				'dead_letter_arn = "arn:aws:sns:us-east-1:111122223333:dead"',
			].join('\n'),
			expected: {
				Logs: logs,
				PublishToTopics: {actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:111122223333:dead']},
				InvokeFunctions: {
					actions: ['lambda:InvokeFunction'],
					resources: ['arn:aws:lambda:us-east-1:111122223333:function:next', 'arn:aws:lambda:eu-west-1:111122223333:function:next'],
				},
				PutObjectsInBuckets: {actions: ['s3:PutObject'], resources: ['arn:aws:s3:::failed-orders/*']},
				// Lambda's documentation: an S3 destination needs s3:PutObject and s3:ListBucket.
				ListDestinationBuckets: {actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::failed-orders']},
			},
		},
		{
			case: 'an SQS destination and an SQS DLQ share one statement; EventBridge gets PutEvents',
			config: [
				'[async]',
				'on_success = "arn:aws:events:{region}:{account}:event-bus/default"',
				'on_failure = "arn:aws:sqs:{region}:{account}:failed"',
				'dead_letter_arn = "arn:aws:sqs:{region}:{account}:dead"',
			].join('\n'),
			expected: {
				Logs: logs,
				SendToQueues: {
					actions: ['sqs:SendMessage'],
					resources: [
						'arn:aws:sqs:us-east-1:111122223333:failed', 'arn:aws:sqs:eu-west-1:111122223333:failed',
						'arn:aws:sqs:us-east-1:111122223333:dead', 'arn:aws:sqs:eu-west-1:111122223333:dead',
					],
				},
				PutEventsOnBuses: {
					actions: ['events:PutEvents'],
					resources: ['arn:aws:events:us-east-1:111122223333:event-bus/default', 'arn:aws:events:eu-west-1:111122223333:event-bus/default'],
				},
			},
		},
	])('$case', ({config, trigger, expected}) => {
		expect(grants(executionPolicy(spec(config, trigger), scope))).toEqual(expected);
	});

	it('names one resource once when a fixed ARN serves every region', () => {
		const policy = executionPolicy(spec('[async]\non_failure = "arn:aws:sqs:us-east-1:111122223333:failed"'), scope);
		expect(grants(policy)['SendToQueues']!.resources).toEqual(['arn:aws:sqs:us-east-1:111122223333:failed']);
	});

	it('uses the partition of each region', () => {
		const policy = executionPolicy(spec(), {regions: ['cn-north-1'], account: '111122223333'});
		expect(grants(policy)['Logs']!.resources).toEqual(['arn:aws-cn:logs:cn-north-1:111122223333:log-group:/aws/lambda/orders:*']);
	});

	it.each([
		['us-iso-east-1', 'aws-iso'],
		['us-isob-east-1', 'aws-iso-b'],
		['eu-isoe-west-1', 'aws-iso-e'],
		['us-gov-west-1', 'aws-us-gov'],
	])('the isolated and GovCloud regions have their own partitions: %s is in %s', (region, partition) => {
		const policy = executionPolicy(spec(), {regions: [region], account: '111122223333'});
		expect(grants(policy)['Logs']!.resources).toEqual([`arn:${partition}:logs:${region}:111122223333:log-group:/aws/lambda/orders:*`]);
	});

	it('uses function.name, not the project name, for the log group', () => {
		const policy = executionPolicy(spec('[function]\nname = "orders-prod"'), {regions: ['us-east-1'], account: '111122223333'});
		expect(grants(policy)['Logs']!.resources).toEqual(['arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-prod:*']);
	});
});

describe('samePolicy', () => {
	const document: PolicyDocument = {
		Version: '2012-10-17',
		Statement: [
			{Sid: 'A', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:1', 'arn:2']},
			{Sid: 'B', Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:3'},
		],
	};

	it.each([
		['statements, actions and resources in another order', {
			Version: '2012-10-17',
			Statement: [
				{Resource: ['arn:3'], Action: ['sns:Publish'], Effect: 'Allow', Sid: 'B'},
				{Sid: 'A', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['arn:2', 'arn:1']},
			],
		}, true],
		['one more resource', {...document, Statement: [{...document.Statement[0]!, Resource: ['arn:1', 'arn:2', 'arn:4']}, document.Statement[1]!]}, false],
		['one action fewer', {...document, Statement: [document.Statement[0]!]}, false],
	] as const)('%s → same: %s', (_case, other, same) => {
		expect(samePolicy(JSON.stringify(document), other as unknown as PolicyDocument)).toBe(same);
	});

	it('treats a document that does not parse as different', () => {
		expect(samePolicy('not json', document)).toBe(false);
	});

	it('gives one text per meaning', () => {
		expect(canonicalPolicy({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'a', Resource: '*'}]}))
			.toBe(canonicalPolicy('{"Statement":{"Resource":["*"],"Action":["a"],"Effect":"Allow"},"Version":"2012-10-17"}'));
	});
});

describe('the VPC statement after [vpc] is removed', () => {
	const scope = {regions: ['us-east-1'], account: '111122223333'};
	const settings = {role: 'r', memory: 128, timeout: 3, environment: {}, layers: []};
	const inVpc = {...settings, vpc: {subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234']}};
	const seen = (latest: typeof settings, versions: Array<typeof settings>) => [{
		function: {settings: latest, codeSha256: 's', architecture: 'arm64', packageType: 'Zip'},
		versions: versions.map((version, index) => ({version: String(index + 1), codeSha256: 's', architecture: 'arm64', settings: version})),
		mappings: [],
	}];
	const sids = (observed: ReturnType<typeof seen>) => policyOf(spec(), scope, resourceGrants(spec(), scope, observed)).Statement.map(statement => statement.Sid);

	it('stays while $LATEST or any published version still has a VpcConfig: Lambda deletes the interfaces with the role', () => {
		expect(sids(seen(inVpc, []))).toContain('VpcNetworkInterfaces');
		expect(sids(seen(settings, [inVpc, settings]))).toContain('VpcNetworkInterfaces');
		expect(sids(seen(settings, [settings]))).not.toContain('VpcNetworkInterfaces');
	});

	it('says which versions keep it, and how it can go', () => {
		const [region] = seen(settings, [inVpc, settings]);
		const notes = functionResource.notes!(region!, {spec: spec(), region: 'us-east-1'} as Parameters<NonNullable<typeof functionResource.notes>>[1], region!);
		expect(notes).toEqual([expect.stringContaining('[vpc] is gone from the config, but version 1 of orders in us-east-1 still has a VpcConfig')]);
		expect(notes[0]).toContain('delete-function --function-name NAME --qualifier VERSION');
	});
});
