// One region's plan, in the order the steps must run: the image (its
// repository and push) when the function is one, the function, its
// reserved concurrency, the version and alias, then what hangs off the alias
// (async settings, the SQS mapping). Pure: (desired, observed) -> actions.
import type {Spec} from '../spec/schema.js';
import {aliasArn} from './arns.js';
import {planConcurrency} from './concurrency.js';
import {desiredEventInvokeConfig, planEventInvokeConfig} from './event-invoke-config.js';
import {desiredSqsMapping, planEventSourceMappings} from './event-source-mapping.js';
import {desiredFunction, planFunction} from './function.js';
import {needsAccount, type Placeholders} from './placeholders.js';
import {planImage} from './image.js';
import type {DesiredRegion, FunctionCode, ObservedRegion, RegionPlan} from './types.js';
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

/** The account is looked up (STS) only when an ARN needs it (a placeholder, the managed role, the alias a mapping points at) or ECR's host does. */
export function accountNeeded(spec: Spec): boolean {
	return needsAccount(configArns(spec)) || spec.function.role === undefined || spec.sqs?.queue_arn !== undefined || spec.project.packaging === 'image';
}

/** `role` is the execution role's ARN for this region. */
export function desiredRegion(spec: Spec, code: FunctionCode, where: Placeholders, role: string): DesiredRegion {
	const desired = desiredFunction(spec, code, where, role);
	const eventInvokeConfig = desiredEventInvokeConfig(spec, where);
	const sqsMapping = desiredSqsMapping(spec, where);
	const reserved = spec.function.reserved_concurrency;
	if (sqsMapping && where.account === undefined) {
		throw new Error('internal: a mapping needs the account, which was not looked up');
	}

	return {
		function: desired,
		...(where.account === undefined ? {} : {account: where.account}),
		...(reserved === undefined ? {} : {reservedConcurrency: reserved}),
		...(eventInvokeConfig ? {eventInvokeConfig} : {}),
		...(sqsMapping ? {sqsMapping, aliasArn: aliasArn(where.region, where.account!, desired.name, desired.alias)} : {}),
	};
}

export function planRegion(desired: DesiredRegion, observed: ObservedRegion): RegionPlan {
	const {name, region, alias, code} = desired.function;
	const image = code.packageType === 'Image'
		? planImage(code.image, {region, account: desired.account}, observed.image, observed.function?.imageUri)
		: undefined;
	const functionActions = planFunction(desired.function, observed.function, image?.ref);
	const changed = (types: readonly string[]) => functionActions.some(action => types.includes(action.operation.type));
	const release = planVersionAndAlias(desired.function, observed, {
		functionChanged: changed(['create-function', 'update-function-code', 'update-function-configuration']),
		codeChanged: changed(['create-function', 'update-function-code']),
	});
	return {
		region,
		functionName: name,
		alias,
		aliasVersion: release.aliasVersion,
		actions: [
			...(image?.actions ?? []),
			...functionActions,
			...planConcurrency(name, region, desired.reservedConcurrency, observed.function?.reservedConcurrency),
			...release.actions,
			...planEventInvokeConfig(name, alias, region, desired.eventInvokeConfig, observed.eventInvokeConfig),
			...planEventSourceMappings({functionName: name, alias, region, aliasArn: desired.aliasArn}, desired.sqsMapping, observed.mappings),
		],
	};
}
