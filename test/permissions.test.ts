// The alias's resource-based policy: a trigger module adds the grants it needs,
// replaces a changed one (Lambda cannot update a statement), and removes only the
// statements of its own Sid prefix that it no longer wants. Pure.
import {describe, expect, it} from 'vitest';
import {observeGrants, planGrants, type Grant, type ObservedGrant} from '../source/deploy/permissions.js';
import {fakeSender} from './support/fake-lambda.js';
import {inputOf, operations} from './support/plans.js';

const target = {region: 'us-east-1', functionName: 'orders', alias: 'live'};
const topic = 'arn:aws:sns:us-east-1:123456789012:orders';
const fromTopic: Grant = {StatementId: 'rust-lambda-wizard-sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topic};
const seen = (grant: Grant): ObservedGrant => ({sid: grant.StatementId, grant});

describe('planGrants', () => {
	it('adds a missing grant on the alias, with its aws command', () => {
		const {add, remove} = planGrants(target, [fromTopic], []);
		expect(operations(add)).toEqual(['AddPermission']);
		expect(inputOf(add, 'AddPermission')).toEqual({FunctionName: 'orders', Qualifier: 'live', ...fromTopic});
		expect(add[0]!.awsCommand.join(' ')).toContain('aws lambda add-permission --function-name orders --qualifier live --statement-id rust-lambda-wizard-sns');
		expect(remove).toEqual([]);
	});

	it('leaves an identical grant alone', () => {
		const {add, remove} = planGrants(target, [fromTopic], [seen(fromTopic)]);
		expect(add.map(action => action.change)).toEqual(['no-op']);
		expect(remove).toEqual([]);
	});

	it('replaces a grant whose source changed: remove, then add', () => {
		const old = {...fromTopic, SourceArn: 'arn:aws:sns:us-east-1:123456789012:old'};
		expect(operations(planGrants(target, [fromTopic], [seen(old)]).add)).toEqual(['RemovePermission', 'AddPermission']);
	});

	it('removes its own grants that are no longer wanted, after the additions', () => {
		const {add, remove} = planGrants(target, [], [seen(fromTopic)]);
		expect(add).toEqual([]);
		expect(operations(remove)).toEqual(['RemovePermission']);
		expect(inputOf(remove, 'RemovePermission')).toEqual({FunctionName: 'orders', Qualifier: 'live', StatementId: 'rust-lambda-wizard-sns'});
	});

	it('compares the function URL conditions too', () => {
		const url: Grant = {StatementId: 'rust-lambda-wizard-url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE'};
		expect(operations(planGrants(target, [url], [seen({...url, FunctionUrlAuthType: 'AWS_IAM'})]).add)).toEqual(['RemovePermission', 'AddPermission']);
	});
});

describe('observeGrants', () => {
	// GetPolicy's answer as AWS writes it: conditions in its own shapes, other people's statements beside ours.
	const policy = {
		Version: '2012-10-17',
		Statement: [
			{Sid: 'rust-lambda-wizard-sns', Effect: 'Allow', Principal: {Service: 'sns.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live', Condition: {ArnLike: {'AWS:SourceArn': topic}}},
			{Sid: 'rust-lambda-wizard-s3', Effect: 'Allow', Principal: {Service: 's3.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live', Condition: {StringEquals: {'AWS:SourceAccount': '123456789012'}, ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}}},
			{Sid: 'rust-lambda-wizard-url-invoke', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live', Condition: {Bool: {'lambda:InvokedViaFunctionUrl': 'true'}}},
			{Sid: 'someone-else', Effect: 'Allow', Principal: {Service: 'events.amazonaws.com'}, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live'},
		],
	};
	const sender = (answer: () => Promise<unknown>) => fakeSender('us-east-1', {lambda: {api: answer}});

	it('reads back our statements as the grants that made them, and no one else\'s', async () => {
		const grants = await observeGrants(sender(async () => ({Policy: JSON.stringify(policy)})), 'orders', 'live', 'rust-lambda-wizard-');
		expect(grants.map(grant => grant.grant)).toEqual([
			fromTopic,
			{StatementId: 'rust-lambda-wizard-s3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads', SourceAccount: '123456789012'},
			{StatementId: 'rust-lambda-wizard-url-invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true},
		]);
		// Read back, a statement compares equal to the grant that made it: a re-run changes nothing.
		expect(planGrants(target, [fromTopic], grants.filter(grant => grant.sid === fromTopic.StatementId)).add.map(action => action.change)).toEqual(['no-op']);
	});

	it('finds none when the alias has no policy yet', async () => {
		const missing = async () => {
			throw Object.assign(new Error('The resource you requested does not exist.'), {name: 'ResourceNotFoundException'});
		};

		expect(await observeGrants(sender(missing), 'orders', 'live', 'rust-lambda-wizard-')).toEqual([]);
	});
});
