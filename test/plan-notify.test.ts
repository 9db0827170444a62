// The sns and s3 planners, pure: the bucket's notification configuration merged
// so that only our entry changes, overlapping rules told in words, and the order
// of grants, subscriptions and notifications when they come and go.
import type {NotificationConfiguration} from '@aws-sdk/client-s3';
import {describe, expect, it} from 'vitest';
import type {ObservedGrant} from '../source/deploy/permissions.js';
import {entryFor, mergeNotification, overlappingRule, planNotification, type ObservedS3} from '../source/deploy/s3.js';
import {planSubscription, type ObservedSns} from '../source/deploy/sns.js';
import {inputOf, operations} from './support/plans.js';

const account = '123456789012';
const alias = `arn:aws:lambda:us-east-1:${account}:function:orders:live`;
const ourId = 'rust-lambda-wizard-orders-live';
const where = {functionName: 'orders', alias: 'live', region: 'us-east-1', aliasArn: alias, account};

/** S3 reads rule names back as Prefix and Suffix, which the SDK's types do not list. */
const readBack = (name: 'Prefix' | 'Suffix') => name as unknown as 'prefix';

const someoneElses: NotificationConfiguration = {
	TopicConfigurations: [{Id: 'to-topic', TopicArn: `arn:aws:sns:us-east-1:${account}:audit`, Events: ['s3:ObjectRemoved:*'], Filter: {Key: {FilterRules: [{Name: readBack('Prefix'), Value: 'logs/'}]}}}],
	QueueConfigurations: [{Id: 'to-queue', QueueArn: `arn:aws:sqs:us-east-1:${account}:jobs`, Events: ['s3:ObjectCreated:Put'], Filter: {Key: {FilterRules: [{Name: readBack('Prefix'), Value: 'jobs/'}]}}}],
	LambdaFunctionConfigurations: [{Id: 'their-function', LambdaFunctionArn: `arn:aws:lambda:us-east-1:${account}:function:thumbs`, Events: ['s3:ObjectCreated:*'], Filter: {Key: {FilterRules: [{Name: readBack('Suffix'), Value: '.png'}]}}}],
	EventBridgeConfiguration: {},
};

const wanted = {bucket: 'uploads', events: ['s3:ObjectCreated:*'], prefix: 'in/', suffix: '.jpg'};
const ours = entryFor(ourId, alias, wanted);

describe('merging the bucket\'s notification configuration', () => {
	it('adds our entry and keeps every other entry (topic, queue, another function, EventBridge) exactly', () => {
		const merged = mergeNotification(someoneElses, ourId, ours);
		expect(merged).toEqual({...someoneElses, LambdaFunctionConfigurations: [...someoneElses.LambdaFunctionConfigurations!, ours]});
		expect(ours).toEqual({
			Id: ourId,
			LambdaFunctionArn: alias,
			Events: ['s3:ObjectCreated:*'],
			Filter: {Key: {FilterRules: [{Name: 'prefix', Value: 'in/'}, {Name: 'suffix', Value: '.jpg'}]}},
		});
	});

	it('replaces our entry where it is, and takes it out, leaving the rest as read', () => {
		const old = entryFor(ourId, alias, {...wanted, suffix: '.gif'});
		const current = {...someoneElses, LambdaFunctionConfigurations: [old, ...someoneElses.LambdaFunctionConfigurations!]};
		expect(mergeNotification(current, ourId, ours).LambdaFunctionConfigurations).toEqual([ours, ...someoneElses.LambdaFunctionConfigurations!]);
		expect(mergeNotification(current, ourId, undefined)).toEqual(someoneElses);
		// Nothing left: an empty configuration, which is how S3 clears notifications.
		expect(mergeNotification({LambdaFunctionConfigurations: [old]}, ourId, undefined)).toEqual({});
	});

	it('puts no filter for an empty prefix and suffix', () => {
		expect(entryFor(ourId, alias, {bucket: 'uploads', events: ['s3:ObjectRemoved:*']})).toEqual({Id: ourId, LambdaFunctionArn: alias, Events: ['s3:ObjectRemoved:*']});
	});
});

describe('rules that S3 would refuse as overlapping', () => {
	const queue = (events: string[], rules: Array<{Name: 'prefix' | 'suffix'; Value: string}>): NotificationConfiguration =>
		({QueueConfigurations: [{Id: 'audit', QueueArn: `arn:aws:sqs:us-east-1:${account}:audit`, Events: events as never, ...(rules.length > 0 ? {Filter: {Key: {FilterRules: rules}}} : {})}]});

	it('are told in words: whose rule, what it sends for which keys, and what to change', () => {
		const problem = overlappingRule(queue(['s3:ObjectCreated:Put'], [{Name: 'prefix', Value: 'in/images/'}]), ourId, wanted);
		expect(problem).toBe(
			'bucket uploads already has a notification "audit" that sends s3:ObjectCreated:Put for keys starting with "in/images/" to queue arn:aws:sqs:us-east-1:123456789012:audit. '
			+ 'Ours (s3:ObjectCreated:* for keys starting with "in/" and ending with ".jpg") would fire for some of the same objects, and S3 refuses overlapping rules: '
			+ 'give s3.prefix or s3.suffix values that the other rule cannot match, choose other s3.events, or change that notification',
		);
		// A rule for every key overlaps any prefix.
		expect(overlappingRule(queue(['s3:ObjectCreated:*'], []), ourId, wanted)).toContain('for every key to queue');
	});

	it('are not found where the events, the prefixes or the suffixes keep the rules apart', () => {
		expect(overlappingRule(queue(['s3:ObjectRemoved:*'], []), ourId, wanted)).toBeUndefined();
		expect(overlappingRule(queue(['s3:ObjectCreated:*'], [{Name: 'prefix', Value: 'out/'}]), ourId, wanted)).toBeUndefined();
		expect(overlappingRule(queue(['s3:ObjectCreated:*'], [{Name: 'prefix', Value: 'in/'}, {Name: 'suffix', Value: '.png'}]), ourId, wanted)).toBeUndefined();
		expect(overlappingRule(someoneElses, ourId, wanted)).toBeUndefined();
		// Our own entry, read back, is ours to replace.
		expect(overlappingRule({LambdaFunctionConfigurations: [entryFor(ourId, alias, {...wanted, events: ['s3:ObjectCreated:Put']})]}, ourId, wanted)).toBeUndefined();
	});
});

const s3Grant = (bucket: string): ObservedGrant => ({
	sid: `rust-lambda-wizard-s3-${bucket}`,
	grant: {StatementId: `rust-lambda-wizard-s3-${bucket}`, Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${bucket}`, SourceAccount: account},
});

describe('planning the bucket notification', () => {
	it('grants s3.amazonaws.com first, scoped to the bucket and the account, then puts the whole merged configuration', () => {
		const observed: ObservedS3 = {bucket: {bucket: 'uploads', region: 'us-east-1', configuration: someoneElses}, previous: [], grants: []};
		const actions = planNotification(where, wanted, observed);
		expect(operations(actions)).toEqual(['AddPermission', 'PutBucketNotificationConfiguration']);
		expect(inputOf(actions, 'AddPermission')).toEqual({
			FunctionName: 'orders', Qualifier: 'live', StatementId: 'rust-lambda-wizard-s3-uploads',
			Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads', SourceAccount: account,
		});
		expect(inputOf(actions, 'PutBucketNotificationConfiguration')).toEqual({Bucket: 'uploads', NotificationConfiguration: mergeNotification(someoneElses, ourId, ours)});
		expect(actions[1]!.details).toContain('keeps the 3 other notification(s) on the bucket as they are');
		// Read again right before the write: a change made meanwhile stops it instead of being undone.
		expect(actions[1]!.step).toMatchObject({unchanged: {read: {service: 's3', operation: 'GetBucketNotificationConfiguration', input: {Bucket: 'uploads'}}, was: someoneElses}});
	});

	it('changes nothing when our entry reads back the same (S3 capitalises Prefix and Suffix)', () => {
		const asRead = {...ours, Filter: {Key: {FilterRules: [{Name: readBack('Prefix'), Value: 'in/'}, {Name: readBack('Suffix'), Value: '.jpg'}]}}};
		const observed: ObservedS3 = {bucket: {bucket: 'uploads', region: 'us-east-1', configuration: {LambdaFunctionConfigurations: [asRead]}}, previous: [], grants: [s3Grant('uploads')]};
		expect(operations(planNotification(where, wanted, observed))).toEqual(['-', '-']);
	});

	it('moving to another bucket: grant and entry there first, then our entry out of the old bucket, then its grant', () => {
		const old: NotificationConfiguration = {...someoneElses, LambdaFunctionConfigurations: [ours, ...someoneElses.LambdaFunctionConfigurations!]};
		const observed: ObservedS3 = {
			bucket: {bucket: 'photos', region: 'us-east-1', configuration: {}},
			previous: [{bucket: 'uploads', region: 'us-east-1', configuration: old}],
			grants: [s3Grant('uploads')],
		};
		const actions = planNotification(where, {...wanted, bucket: 'photos'}, observed);
		const said = (action: (typeof actions)[number]) => {
			const input = inputOf([action], operations([action])[0]!) as {Bucket?: string; StatementId?: string};
			return `${action.change} ${operations([action])[0]!} ${input.Bucket ?? input.StatementId ?? ''}`;
		};
		expect(actions.map(said)).toEqual([
			'create AddPermission rust-lambda-wizard-s3-photos',
			'create PutBucketNotificationConfiguration photos',
			'delete PutBucketNotificationConfiguration uploads',
			'delete RemovePermission rust-lambda-wizard-s3-uploads',
		]);
		expect((actions[2]!.step as {request: {input: unknown}}).request.input).toEqual({Bucket: 'uploads', NotificationConfiguration: someoneElses});
	});

	it('removing the trigger takes out only our entry, and our grant after it', () => {
		const observed: ObservedS3 = {previous: [{bucket: 'uploads', region: 'us-east-1', configuration: {...someoneElses, LambdaFunctionConfigurations: [ours]}}], grants: [s3Grant('uploads')]};
		const actions = planNotification({functionName: 'orders', alias: 'live', region: 'us-east-1'}, undefined, observed);
		expect(operations(actions)).toEqual(['PutBucketNotificationConfiguration', 'RemovePermission']);
		const {LambdaFunctionConfigurations: _, ...rest} = someoneElses;
		expect(inputOf(actions, 'PutBucketNotificationConfiguration')).toEqual({Bucket: 'uploads', NotificationConfiguration: rest});
	});
});

const topic = (name: string) => `arn:aws:sns:us-east-1:${account}:${name}`;

describe('planning the SNS subscription', () => {
	const none: ObservedSns = {subscriptions: [], grants: []};

	it('grants sns.amazonaws.com on the topic, then subscribes the alias with the filter policy', () => {
		const actions = planSubscription(where, {topicArn: topic('orders'), filterPolicy: '{"kind": ["order"]}'}, none);
		expect(operations(actions)).toEqual(['AddPermission', 'Subscribe']);
		expect(inputOf(actions, 'AddPermission')).toMatchObject({FunctionName: 'orders', Qualifier: 'live', Principal: 'sns.amazonaws.com', SourceArn: topic('orders'), Action: 'lambda:InvokeFunction'});
		expect(inputOf(actions, 'AddPermission')!['StatementId']).toMatch(/^rust-lambda-wizard-sns-orders-[0-9a-f]{10}$/);
		expect(inputOf(actions, 'Subscribe')).toEqual({
			TopicArn: topic('orders'), Protocol: 'lambda', Endpoint: alias, Attributes: {FilterPolicy: '{"kind": ["order"]}'}, ReturnSubscriptionArn: true,
		});
	});

	/** What a first run made, as the read phase would see it. */
	function made(name: string, filterPolicy?: string): ObservedSns {
		const add = inputOf(planSubscription(where, {topicArn: topic(name)}, none), 'AddPermission')!;
		const {FunctionName: _, Qualifier: __, ...grant} = add as {FunctionName: string; Qualifier: string; StatementId: string; Action: string; Principal: string; SourceArn: string};
		return {subscriptions: [{arn: `${topic(name)}:sub-1`, topicArn: topic(name), filterPolicy}], grants: [{sid: grant.StatementId, grant}]};
	}

	it('changes nothing for the same filter policy written another way, and sets a changed or removed one in place', () => {
		const observed = made('orders', '{"kind":["order"], "b": [1]}');
		expect(operations(planSubscription(where, {topicArn: topic('orders'), filterPolicy: '{"b": [1], "kind": ["order"]}'}, observed))).toEqual(['-', '-']);
		const changed = planSubscription(where, {topicArn: topic('orders'), filterPolicy: '{"kind": ["refund"]}'}, observed);
		expect(operations(changed)).toEqual(['-', 'SetSubscriptionAttributes']);
		expect(inputOf(changed, 'SetSubscriptionAttributes')).toEqual({SubscriptionArn: `${topic('orders')}:sub-1`, AttributeName: 'FilterPolicy', AttributeValue: '{"kind": ["refund"]}'});
		const removed = planSubscription(where, {topicArn: topic('orders')}, observed);
		expect(inputOf(removed, 'SetSubscriptionAttributes')).toMatchObject({AttributeValue: '{}'});
		// SNS reads a removed policy back as {}: no change then.
		expect(operations(planSubscription(where, {topicArn: topic('orders')}, made('orders', '{}')))).toEqual(['-', '-']);
	});

	it('moving to another topic: its grant and subscription first, then the old subscription, then the old grant', () => {
		const actions = planSubscription(where, {topicArn: topic('refunds')}, made('orders'));
		expect(operations(actions)).toEqual(['AddPermission', 'Subscribe', 'Unsubscribe', 'RemovePermission']);
		expect(inputOf(actions, 'Subscribe')).toMatchObject({TopicArn: topic('refunds')});
		expect(inputOf(actions, 'Unsubscribe')).toEqual({SubscriptionArn: `${topic('orders')}:sub-1`});
		expect(inputOf(actions, 'RemovePermission')!['StatementId']).toMatch(/^rust-lambda-wizard-sns-orders-/);
	});

	it('removing the trigger unsubscribes before taking the grant away, and keeps one subscription only', () => {
		expect(operations(planSubscription(where, undefined, made('orders')))).toEqual(['Unsubscribe', 'RemovePermission']);
		const twice = made('orders');
		twice.subscriptions.push({arn: `${topic('orders')}:sub-2`, topicArn: topic('orders')});
		expect(operations(planSubscription(where, {topicArn: topic('orders')}, twice))).toEqual(['-', '-', 'Unsubscribe']);
	});
});
