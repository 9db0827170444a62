// One region's plan, in the order the steps must run: the function, its
// reserved concurrency, the version and alias, then what hangs off the alias
// (async settings, the SQS mapping). Pure: (desired, observed) -> actions.
import type {Spec} from '../spec/schema.js';
import {aliasArn} from './arns.js';
import {planConcurrency} from './concurrency.js';
import {desiredEventInvokeConfig, planEventInvokeConfig} from './event-invoke-config.js';
import {desiredSqsMapping, planEventSourceMappings} from './event-source-mapping.js';
import {desiredFunction, planFunction} from './function.js';
import {needsAccount, type Placeholders} from './placeholders.js';
import type {DesiredRegion, ObservedRegion, RegionPlan, ZipArtifact} from './types.js';
import {planVersionAndAlias} from './version-alias.js';

/** Every ARN the config holds, for {account} and {region}. */
export function configArns(spec: Spec): string[] {
	return [
		spec.function.role,
		...spec.function.layers,
		spec.async?.on_success,
		spec.async?.on_failure,
		spec.async?.dead_letter_arn,
		spec.sqs?.queue_arn,
	].filter((arn): arn is string => arn !== undefined);
}

/** The account is looked up (STS) only when an ARN needs it: a placeholder, the managed role, or the alias a mapping points at. */
export function accountNeeded(spec: Spec): boolean {
	return needsAccount(configArns(spec)) || spec.function.role === undefined || spec.sqs?.queue_arn !== undefined;
}

/** `role` is the execution role's ARN for this region. */
export function desiredRegion(spec: Spec, zip: ZipArtifact, where: Placeholders, role: string): DesiredRegion {
	const desired = desiredFunction(spec, zip, where, role);
	const eventInvokeConfig = desiredEventInvokeConfig(spec, where);
	const sqsMapping = desiredSqsMapping(spec, where);
	const reserved = spec.function.reserved_concurrency;
	if (sqsMapping && where.account === undefined) {
		throw new Error('internal: a mapping needs the account, which was not looked up');
	}

	return {
		function: desired,
		...(reserved === undefined ? {} : {reservedConcurrency: reserved}),
		...(eventInvokeConfig ? {eventInvokeConfig} : {}),
		...(sqsMapping ? {sqsMapping, aliasArn: aliasArn(where.region, where.account!, desired.name, desired.alias)} : {}),
	};
}

export function planRegion(desired: DesiredRegion, observed: ObservedRegion): RegionPlan {
	const {name, region, alias} = desired.function;
	const functionActions = planFunction(desired.function, observed.function);
	const functionChanged = functionActions.some(action => action.change !== 'no-op');
	const release = planVersionAndAlias(desired.function, observed, functionChanged);
	return {
		region,
		functionName: name,
		alias,
		aliasVersion: release.aliasVersion,
		actions: [
			...functionActions,
			...planConcurrency(name, region, desired.reservedConcurrency, observed.function?.reservedConcurrency),
			...release.actions,
			...planEventInvokeConfig(name, alias, region, desired.eventInvokeConfig, observed.eventInvokeConfig),
			...planEventSourceMappings({functionName: name, alias, region, aliasArn: desired.aliasArn}, desired.sqsMapping, observed.mappings),
		],
	};
}
