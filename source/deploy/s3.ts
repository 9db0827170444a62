// The S3 trigger in one region: the bucket's notification for the alias, and the
// permission for s3.amazonaws.com scoped to that bucket and account. S3 checks
// that it may invoke the target when the configuration is put, so the permission
// comes first. PutBucketNotificationConfiguration replaces the whole
// configuration: deploy reads it, changes only its own entry (a stable Id) and
// puts everyone else's back exactly as they were. A rule of someone else's that
// would overlap ours (S3 refuses those) is explained before any write. Our grants
// (Sid prefix) name the buckets we wrote to: when the bucket changes, or the
// trigger or the section goes, our entry is taken out there, then the grant.
import type {Event as S3Event, LambdaFunctionConfiguration, NotificationConfiguration, NotificationConfigurationFilter} from '@aws-sdk/client-s3';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {partitionOf} from '../plan/arns.js';
import {aliasTarget, observeGrants, planGrants, type Grant, type ObservedGrant} from './permissions.js';
import {orMissing, request, type AwsSender} from './request.js';
import type {RegionResource} from './resource.js';

const sidPrefix = 'rust-lambda-wizard-s3-';

export interface DesiredNotification {
	bucket: string;
	events: string[];
	prefix?: string | undefined;
	suffix?: string | undefined;
}

interface ObservedBucket {
	bucket: string;
	/** undefined: there is no such bucket. */
	region?: string | undefined;
	/** As read; undefined when the bucket is missing or not in this region (not read). */
	configuration?: NotificationConfiguration | undefined;
}

export interface ObservedS3 {
	/** The config's bucket. */
	bucket?: ObservedBucket | undefined;
	/** Buckets our grants name other than the config's: where our entry may still be. */
	previous: ObservedBucket[];
	grants: ObservedGrant[];
}

function desiredNotification(spec: Spec): DesiredNotification | undefined {
	const s3 = spec.s3;
	if (s3?.bucket === undefined) {
		return undefined;
	}

	// An empty prefix or suffix filters nothing (and S3 refuses an empty rule).
	return {bucket: s3.bucket, events: s3.events, prefix: s3.prefix || undefined, suffix: s3.suffix || undefined};
}

/** Our entry's Id: the same for every run of this function and alias, and told apart from anyone else's. */
const notificationId = (functionName: string, alias: string) => `rust-lambda-wizard-${functionName}-${alias}`;

const bucketArn = (region: string, bucket: string) => `arn:${partitionOf(region)}:s3:::${bucket}`;

function grantFor(region: string, bucket: string, account: string): Grant {
	return {
		StatementId: `${sidPrefix}${bucket}`,
		Action: 'lambda:InvokeFunction',
		Principal: 's3.amazonaws.com',
		SourceArn: bucketArn(region, bucket),
		// Bucket names are global: the account makes sure it is this bucket, not a same-named one made later elsewhere.
		SourceAccount: account,
	};
}

/** S3 names its rules Prefix/Suffix when it reads them back; we put them in lower case. */
function rulesOf(filter: NotificationConfigurationFilter | undefined): {prefix?: string; suffix?: string} {
	const rules: {prefix?: string; suffix?: string} = {};
	for (const rule of filter?.Key?.FilterRules ?? []) {
		const name = rule.Name?.toLowerCase();
		if ((name === 'prefix' || name === 'suffix') && rule.Value) {
			rules[name] = rule.Value;
		}
	}

	return rules;
}

export function entryFor(id: string, target: string, desired: DesiredNotification): LambdaFunctionConfiguration {
	const rules = [
		...desired.prefix === undefined ? [] : [{Name: 'prefix' as const, Value: desired.prefix}],
		...desired.suffix === undefined ? [] : [{Name: 'suffix' as const, Value: desired.suffix}],
	];
	return {
		Id: id,
		LambdaFunctionArn: target,
		// The config's events are S3's event names (checked by the config's rules).
		Events: desired.events as S3Event[],
		...(rules.length > 0 ? {Filter: {Key: {FilterRules: rules}}} : {}),
	};
}

function sameEntry(a: LambdaFunctionConfiguration, b: LambdaFunctionConfiguration): boolean {
	const events = (entry: LambdaFunctionConfiguration) => [...entry.Events ?? []].sort().join(' ');
	const rules = (entry: LambdaFunctionConfiguration) => JSON.stringify(rulesOf(entry.Filter));
	return a.LambdaFunctionArn === b.LambdaFunctionArn && events(a) === events(b) && rules(a) === rules(b);
}

/**
 * The configuration to put: everyone else's entries (topics, queues, other functions,
 * EventBridge) exactly as read, ours replaced in place, added at the end, or left out.
 */
export function mergeNotification(current: NotificationConfiguration, id: string, ours: LambdaFunctionConfiguration | undefined): NotificationConfiguration {
	const lambdas = current.LambdaFunctionConfigurations ?? [];
	const at = lambdas.findIndex(entry => entry.Id === id);
	const merged = ours === undefined
		? lambdas.filter(entry => entry.Id !== id)
		: at === -1 ? [...lambdas, ours] : lambdas.map((entry, index) => (index === at ? ours : entry));
	return {
		...(current.TopicConfigurations?.length ? {TopicConfigurations: current.TopicConfigurations} : {}),
		...(current.QueueConfigurations?.length ? {QueueConfigurations: current.QueueConfigurations} : {}),
		...(merged.length > 0 ? {LambdaFunctionConfigurations: merged} : {}),
		...(current.EventBridgeConfiguration ? {EventBridgeConfiguration: current.EventBridgeConfiguration} : {}),
	};
}

/** s3:ObjectCreated:* covers s3:ObjectCreated:Put; equal names overlap too. */
function eventsOverlap(a: string, b: string): boolean {
	const covers = (wide: string, narrow: string) => wide.endsWith(':*') && narrow.startsWith(wide.slice(0, -1));
	return a === b || covers(a, b) || covers(b, a);
}

interface Rule {
	id?: string | undefined;
	/** In words: "queue arn:aws:sqs:…:jobs". */
	target: string;
	events: string[];
	prefix?: string | undefined;
	suffix?: string | undefined;
}

function rulesIn(configuration: NotificationConfiguration): Rule[] {
	const rule = (entry: {Id?: string | undefined; Events?: string[] | undefined; Filter?: NotificationConfigurationFilter | undefined}, target: string): Rule =>
		({id: entry.Id, target, events: entry.Events ?? [], ...rulesOf(entry.Filter)});
	return [
		...(configuration.TopicConfigurations ?? []).map(entry => rule(entry, `topic ${entry.TopicArn ?? '?'}`)),
		...(configuration.QueueConfigurations ?? []).map(entry => rule(entry, `queue ${entry.QueueArn ?? '?'}`)),
		...(configuration.LambdaFunctionConfigurations ?? []).map(entry => rule(entry, `function ${entry.LambdaFunctionArn ?? '?'}`)),
	];
}

/** "every key", or "keys starting with "in/" and ending with ".jpg"". */
function keys(rule: {prefix?: string | undefined; suffix?: string | undefined}): string {
	const filters = [rule.prefix === undefined ? '' : `starting with "${rule.prefix}"`, rule.suffix === undefined ? '' : `ending with "${rule.suffix}"`].filter(Boolean);
	return filters.length === 0 ? 'every key' : `keys ${filters.join(' and ')}`;
}

/**
 * Someone else's rule that could fire for the same object as ours: S3 refuses the whole
 * configuration then. Keys overlap when one prefix starts the other (no prefix starts
 * every key) and one suffix ends the other.
 */
export function overlappingRule(configuration: NotificationConfiguration, id: string, desired: DesiredNotification): string | undefined {
	for (const other of rulesIn(configuration).filter(rule => rule.id !== id)) {
		const events = desired.events.filter(event => other.events.some(theirs => eventsOverlap(event, theirs)));
		const prefixes = (other.prefix ?? '').startsWith(desired.prefix ?? '') || (desired.prefix ?? '').startsWith(other.prefix ?? '');
		const suffixes = (other.suffix ?? '').endsWith(desired.suffix ?? '') || (desired.suffix ?? '').endsWith(other.suffix ?? '');
		if (events.length > 0 && prefixes && suffixes) {
			return `bucket ${desired.bucket} already has a notification${other.id ? ` "${other.id}"` : ''} that sends ${other.events.join(', ')} for ${keys(other)} to ${other.target}. `
				+ `Ours (${events.join(', ')} for ${keys(desired)}) would fire for some of the same objects, and S3 refuses overlapping rules: `
				+ 'give s3.prefix or s3.suffix values that the other rule cannot match, choose other s3.events, or change that notification';
		}
	}

	return undefined;
}

export interface NotificationTarget {
	functionName: string;
	alias: string;
	region: string;
	/** Needed only to write our entry and its grant. */
	aliasArn?: string | undefined;
	account?: string | undefined;
}

export function planNotification(target: NotificationTarget, desired: DesiredNotification | undefined, observed: ObservedS3): Action[] {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	const id = notificationId(target.functionName, target.alias);
	if (desired && (target.aliasArn === undefined || target.account === undefined)) {
		throw new Error('internal: a bucket notification needs the alias ARN and the account');
	}

	const grants = planGrants(target, desired ? [grantFor(target.region, desired.bucket, target.account!)] : [], observed.grants);
	// The whole configuration to put is computed here from what was read. The plan is applied right after
	// the read phase, but a confirmation may stand in between, and S3 has no condition on this write: so
	// the executor reads the configuration again right before it and stops if it changed (`unchanged`),
	// rather than putting back a configuration that would drop someone else's new entry.
	const write = (change: 'create' | 'update' | 'delete', title: string, bucket: string, read: NotificationConfiguration, merged: NotificationConfiguration, details: string[]) =>
		make.request(change, title, request('s3', 'PutBucketNotificationConfiguration', {Bucket: bucket, NotificationConfiguration: merged}), details, {
			unchanged: {read: request('s3', 'GetBucketNotificationConfiguration', {Bucket: bucket}), members: notificationMembers, was: read},
		});
	const wanted: Action[] = [];
	if (desired) {
		// Everyone else's entries go back as they were read.
		const current = observed.bucket?.configuration ?? {};
		const ours = entryFor(id, target.aliasArn!, desired);
		const existing = current.LambdaFunctionConfigurations?.find(entry => entry.Id === id);
		const others = rulesIn(current).filter(rule => rule.id !== id).length;
		const kept = others === 0 ? [] : [`keeps the ${others} other notification(s) on the bucket as they are`];
		const title = `notification of bucket ${desired.bucket} for ${on}`;
		const what = `${desired.events.join(', ')} for ${keys(desired)}`;
		if (existing && sameEntry(existing, ours)) {
			wanted.push(make.noOp(`The ${title} is unchanged`));
		} else if (existing) {
			const before = {events: existing.Events ?? [], ...rulesOf(existing.Filter)};
			wanted.push(write('update', `Update the ${title}`, desired.bucket, current, mergeNotification(current, id, ours), [`${before.events.join(', ')} for ${keys(before)} → ${what}`, ...kept]));
		} else {
			wanted.push(write('create', `Add the ${title}`, desired.bucket, current, mergeNotification(current, id, ours), [what, ...kept]));
		}
	}

	const why = desired === undefined ? 'no s3.bucket in the config' : `the config uses bucket ${desired.bucket} instead`;
	const removals = observed.previous
		.filter(previous => previous.configuration?.LambdaFunctionConfigurations?.some(entry => entry.Id === id))
		.map(previous => write('delete', `Remove the notification of bucket ${previous.bucket} for ${on}`, previous.bucket, previous.configuration!, mergeNotification(previous.configuration!, id, undefined), [why]));
	// Grant before our entry is written (S3 checks it); our old entries go before their grants.
	return [...grants.add, ...wanted, ...removals, ...grants.remove];
}

/** The members of GetBucketNotificationConfiguration's answer that make up the configuration. */
const notificationMembers = ['TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations', 'EventBridgeConfiguration'] as const;

/** GetBucketLocation says null (or "") for us-east-1 and "EU" for eu-west-1. */
const regionOfLocation = (location: string | undefined) => (location === undefined || location === '' ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location);

async function observeBucket(aws: AwsSender, bucket: string, signal?: AbortSignal): Promise<ObservedBucket> {
	let located: {LocationConstraint?: string | undefined} | undefined;
	try {
		located = await orMissing(aws.send(request('s3', 'GetBucketLocation', {Bucket: bucket}), signal));
	} catch (error) {
		// Asked in the wrong region, S3 may answer with a redirect that names the bucket's region.
		const {name, Region} = error as {name?: string; Region?: string};
		if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
			return {bucket, region: Region ?? 'another region'};
		}

		throw error;
	}

	if (located === undefined) {
		return {bucket};
	}

	const region = regionOfLocation(located.LocationConstraint);
	if (region !== aws.region) {
		return {bucket, region};
	}

	const read = await aws.send(request('s3', 'GetBucketNotificationConfiguration', {Bucket: bucket}), signal);
	// Only the configuration's members, as the executor picks them when it reads again before writing.
	const configuration: NotificationConfiguration = Object.fromEntries(notificationMembers.filter(member => read[member] !== undefined).map(member => [member, read[member]]));
	return {bucket, region, configuration};
}


export const s3Resource: RegionResource<{s3?: ObservedS3}> = {
	name: 'S3 notification',
	async observe({aws}, target, anchor, signal) {
		const {name, alias} = target.function;
		const desired = desiredNotification(target.spec);
		const grants = anchor.function === undefined ? [] : await observeGrants(aws, name, alias, sidPrefix, signal);
		const previousBuckets = [...new Set(grants.map(grant => grant.grant.SourceArn?.split(':').at(-1) ?? ''))].filter(bucket => bucket !== '' && bucket !== desired?.bucket);
		const [bucket, ...previous] = await Promise.all([
			desired === undefined ? undefined : observeBucket(aws, desired.bucket, signal),
			...previousBuckets.map(async bucket => observeBucket(aws, bucket, signal)),
		]);
		return {s3: {bucket, previous: previous.filter(found => found !== undefined), grants}};
	},
	check({s3}, target) {
		const desired = desiredNotification(target.spec);
		const bucket = s3?.bucket;
		if (desired === undefined || bucket === undefined) {
			return undefined;
		}

		if (bucket.region === undefined) {
			return {key: 's3.bucket', message: `names bucket ${bucket.bucket}, which does not exist: create it in ${target.region} first (aws s3 mb s3://${bucket.bucket} --region ${target.region}) or correct the name`};
		}

		if (bucket.region !== target.region) {
			return {
				key: 's3.bucket',
				message: `names bucket ${bucket.bucket}, which is in ${bucket.region}, but this function is in ${target.region}: S3 notifies functions of the bucket's own region only; deploy to ${bucket.region} (deploy.regions), or use a bucket in ${target.region}`,
			};
		}

		const overlap = overlappingRule(bucket.configuration ?? {}, notificationId(target.function.name, target.function.alias), desired);
		return overlap === undefined ? undefined : {key: 's3', message: overlap};
	},
	plan(observed, {target, anchor}) {
		const {name, alias, region} = target.function;
		return planNotification({functionName: name, alias, region, aliasArn: aliasTarget(target, anchor), account: target.account}, desiredNotification(target.spec), observed.s3 ?? {previous: [], grants: []});
	},
	configNotes: spec => (spec.s3 && spec.s3.bucket === undefined
		? ['s3.bucket is not set: the function is deployed, but no bucket invokes it yet. Set s3.bucket (a bucket in the function\'s region) and deploy again.']
		: []),
	needsAccount: spec => spec.s3?.bucket !== undefined,
};
