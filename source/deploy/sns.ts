// The SNS trigger in one region: the alias subscribed to sns.topic_arn (protocol
// lambda), and the permission for sns.amazonaws.com scoped to that topic. The
// permission comes first (a message delivered before it would be refused), the
// subscription is found again by its endpoint (the alias ARN), so a re-run never
// makes a second one, and a changed filter policy is set in place. Our grants
// (Sid prefix) name the topics we subscribed to: when the topic changes, or the
// trigger or the section goes, the old subscription goes first, then its grant.
import {createHash} from 'node:crypto';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {aliasTarget, observeGrants, planGrants, type Grant, type ObservedGrant} from './permissions.js';
import {fillArn} from './placeholders.js';
import {orMissing, request, type AwsSender} from './request.js';
import type {RegionResource} from './resource.js';

const sidPrefix = 'rust-lambda-wizard-sns-';

export interface DesiredSubscription {
	topicArn: string;
	/** JSON text, as the config has it. */
	filterPolicy?: string | undefined;
}

interface ObservedSubscription {
	arn: string;
	topicArn: string;
	/** JSON text; undefined when the subscription has none. */
	filterPolicy?: string | undefined;
}

export interface ObservedSns {
	/** The config's topic, as found in this region. */
	topic?: {arn: string; state: 'found' | 'missing' | 'elsewhere'} | undefined;
	/** The alias's subscriptions on the config's topic and on the topics our grants name. */
	subscriptions: ObservedSubscription[];
	grants: ObservedGrant[];
}

function desiredSubscription(spec: Spec, where: {region: string; account?: string | undefined}): DesiredSubscription | undefined {
	const topic = spec.sns?.topic_arn;
	return topic === undefined ? undefined : {topicArn: fillArn(topic, where), filterPolicy: spec.sns?.filter_policy};
}

const topicName = (topicArn: string) => topicArn.split(':').at(-1) ?? topicArn;
const topicRegion = (topicArn: string) => topicArn.split(':')[3] ?? '';

/** One statement per topic, so that a new topic's grant and the old one's coexist until the old subscription is gone. */
function grantFor(topicArn: string): Grant {
	const digest = createHash('sha256').update(topicArn).digest('hex').slice(0, 10);
	return {
		// A Sid is at most 100 characters of [a-zA-Z0-9-_.]; the digest keeps it unique when the name is cut.
		StatementId: `${sidPrefix}${topicName(topicArn).slice(0, 60)}-${digest}`,
		Action: 'lambda:InvokeFunction',
		Principal: 'sns.amazonaws.com',
		SourceArn: topicArn,
	};
}

/** A filter policy compared by meaning: key order and spacing do not matter; "{}" is none (it is how SNS removes one). */
function canonical(text: string | undefined): string | undefined {
	if (text === undefined || text.trim() === '') {
		return undefined;
	}

	const sorted = (value: unknown): unknown => {
		if (Array.isArray(value)) {
			return value.map(sorted);
		}

		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, sorted(inner)]));
		}

		return value;
	};

	try {
		const parsed = JSON.stringify(sorted(JSON.parse(text)));
		return parsed === '{}' ? undefined : parsed;
	} catch {
		return text;
	}
}

export interface SubscriptionTarget {
	functionName: string;
	alias: string;
	region: string;
	/** The endpoint: needed only to subscribe. */
	aliasArn?: string | undefined;
}

export function planSubscription(target: SubscriptionTarget, desired: DesiredSubscription | undefined, observed: ObservedSns): Action[] {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	const grants = planGrants(target, desired ? [grantFor(desired.topicArn)] : [], observed.grants);
	const kept = desired === undefined ? undefined : observed.subscriptions.find(subscription => subscription.topicArn === desired.topicArn);
	const wanted: Action[] = [];
	if (desired && kept === undefined) {
		if (target.aliasArn === undefined) {
			throw new Error('internal: a subscription to make needs the alias ARN');
		}

		wanted.push(make.request('create', `Subscribe ${on} to topic ${topicName(desired.topicArn)}`, request('sns', 'Subscribe', {
			TopicArn: desired.topicArn,
			Protocol: 'lambda',
			Endpoint: target.aliasArn,
			...(canonical(desired.filterPolicy) === undefined ? {} : {Attributes: {FilterPolicy: desired.filterPolicy!}}),
			ReturnSubscriptionArn: true,
		}), [desired.filterPolicy ? `filter policy ${desired.filterPolicy}` : 'every message (no filter policy)']));
	} else if (desired && kept) {
		const want = canonical(desired.filterPolicy);
		const have = canonical(kept.filterPolicy);
		wanted.push(want === have
			? make.noOp(`The subscription of ${on} to topic ${topicName(desired.topicArn)} is unchanged`)
			// SNS removes a filter policy that is set to {}.
			: make.request('update', `Update the filter policy of ${on}'s subscription to topic ${topicName(desired.topicArn)}`, request('sns', 'SetSubscriptionAttributes', {
				SubscriptionArn: kept.arn,
				AttributeName: 'FilterPolicy',
				AttributeValue: want === undefined ? '{}' : desired.filterPolicy!,
			}), [`filter policy ${have ?? 'none'} → ${want ?? 'none'}`]));
	}

	const why = desired === undefined ? 'no sns.topic_arn in the config' : `the config subscribes to ${topicName(desired.topicArn)} instead`;
	const unsubscribe = observed.subscriptions
		.filter(subscription => subscription !== kept)
		.map(subscription => make.request('delete', `Unsubscribe ${on} from topic ${topicName(subscription.topicArn)}`, request('sns', 'Unsubscribe', {SubscriptionArn: subscription.arn}), [why]));
	// Grant before subscribing; unsubscribe before taking the old grant away.
	return [...grants.add, ...wanted, ...unsubscribe, ...grants.remove];
}


/** The subscriptions on a topic whose endpoint is the alias (all pages); none when the topic is gone (its subscriptions went with it). */
async function subscriptionsTo(aws: AwsSender, topicArn: string, endpoint: string, signal?: AbortSignal): Promise<ObservedSubscription[]> {
	const found: ObservedSubscription[] = [];
	let token: string | undefined;
	do {
		const page = await orMissing(aws.send(request('sns', 'ListSubscriptionsByTopic', {TopicArn: topicArn, ...(token ? {NextToken: token} : {})}), signal));
		for (const subscription of page?.Subscriptions ?? []) {
			// A lambda subscription is confirmed at once; "PendingConfirmation" has no ARN to act on.
			if (subscription.Protocol === 'lambda' && subscription.Endpoint === endpoint && subscription.SubscriptionArn?.startsWith('arn:')) {
				const attributes = await aws.send(request('sns', 'GetSubscriptionAttributes', {SubscriptionArn: subscription.SubscriptionArn}), signal);
				found.push({arn: subscription.SubscriptionArn, topicArn, filterPolicy: attributes.Attributes?.['FilterPolicy']});
			}
		}

		token = page?.NextToken;
	} while (token);
	return found;
}

export const snsResource: RegionResource<{sns?: ObservedSns}> = {
	name: 'SNS subscription',
	async observe({aws}, target, anchor, signal) {
		const {name, alias, region} = target.function;
		const desired = desiredSubscription(target.spec, target);
		const grants = anchor.function === undefined ? [] : await observeGrants(aws, name, alias, sidPrefix, signal);
		let topic: ObservedSns['topic'];
		if (desired) {
			// Subscribe goes to the topic's own region, and this region's sender reaches only its own.
			const state = topicRegion(desired.topicArn) !== region
				? 'elsewhere'
				: await orMissing(aws.send(request('sns', 'GetTopicAttributes', {TopicArn: desired.topicArn}), signal)) === undefined ? 'missing' : 'found';
			topic = {arn: desired.topicArn, state};
		}

		const endpoint = aliasTarget(target, anchor);
		const topics = new Set([
			...topic?.state === 'found' ? [topic.arn] : [],
			...grants.map(grant => grant.grant.SourceArn ?? '').filter(arn => topicRegion(arn) === region),
		]);
		const subscriptions = endpoint === undefined ? [] : (await Promise.all([...topics].map(async arn => subscriptionsTo(aws, arn, endpoint, signal)))).flat();
		return {sns: {topic, subscriptions, grants}};
	},
	check({sns}, target) {
		const topic = sns?.topic;
		if (topic?.state === 'missing') {
			return {
				key: 'sns.topic_arn',
				message: `names topic ${topicName(topic.arn)}, which does not exist in ${target.region}: create it first (aws sns create-topic --name ${topicName(topic.arn)} --region ${target.region}) or correct the ARN`,
			};
		}

		if (topic?.state === 'elsewhere') {
			return {
				key: 'sns.topic_arn',
				message: `names a topic in ${topicRegion(topic.arn)}, but this function is in ${target.region}: deploy subscribes a function to a topic of its own region; write {region} in the ARN for a topic per region, or deploy to ${topicRegion(topic.arn)} only`,
			};
		}

		if (topic?.arn.endsWith('.fifo')) {
			return {key: 'sns.topic_arn', message: 'names a FIFO topic, and SNS FIFO topics deliver only to SQS queues, not to Lambda: use a standard topic, or subscribe a FIFO queue and use trigger = "sqs"'};
		}

		return undefined;
	},
	plan(observed, {target, anchor}) {
		const {name, alias, region} = target.function;
		const desired = desiredSubscription(target.spec, target);
		return planSubscription({functionName: name, alias, region, aliasArn: aliasTarget(target, anchor)}, desired, observed.sns ?? {subscriptions: [], grants: []});
	},
	configNotes: spec => (spec.sns && spec.sns.topic_arn === undefined
		? ['sns.topic_arn is not set: the function is deployed, but no topic invokes it yet. Set sns.topic_arn (e.g. "arn:aws:sns:{region}:{account}:orders") and deploy again.']
		: []),
	needsAccount: spec => spec.sns?.topic_arn !== undefined,
};
