// The async invocation settings (retries, event age, destinations) on the
// alias in one region: Put when missing or different, Delete when [async] no
// longer asks for any. Put replaces the whole config, which is what is meant
// (and moto's Update is broken).
import type {FunctionEventInvokeConfig} from '@aws-sdk/client-lambda';
import {lambdaDefaults} from '../spec/defaults.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {orMissing, request} from './request.js';
import type {RegionResource} from './resource.js';
import type {EventInvokeSettings} from './types.js';

/** The settings [async] asks for, with Lambda's defaults filled; undefined when it asks for none. */
export function desiredEventInvokeConfig(spec: Spec, where: Placeholders): EventInvokeSettings | undefined {
	const settings = spec.async;
	if (settings === undefined) {
		return undefined;
	}

	const {max_retry_attempts: retries, max_event_age_seconds: age, on_success: onSuccess, on_failure: onFailure} = settings;
	if (retries === undefined && age === undefined && onSuccess === undefined && onFailure === undefined) {
		return undefined;
	}

	return {
		maximumRetryAttempts: retries ?? lambdaDefaults.maxRetryAttempts,
		maximumEventAgeSeconds: age ?? lambdaDefaults.maxEventAgeSeconds,
		...(onSuccess ? {onSuccess: fillArn(onSuccess, where)} : {}),
		...(onFailure ? {onFailure: fillArn(onFailure, where)} : {}),
	};
}

const fields: Array<{key: keyof EventInvokeSettings; label: string; unit?: string}> = [
	{key: 'maximumRetryAttempts', label: 'retry attempts'},
	{key: 'maximumEventAgeSeconds', label: 'maximum event age', unit: ' s'},
	{key: 'onSuccess', label: 'on success'},
	{key: 'onFailure', label: 'on failure'},
];

const show = (value: string | number | undefined, unit = '') => (value === undefined ? 'none' : `${value}${unit}`);

function eventInvokeConfigDiff(observed: EventInvokeSettings | undefined, desired: EventInvokeSettings): string[] {
	return fields
		.filter(({key}) => observed?.[key] !== desired[key])
		.map(({key, label, unit}) => `${label} ${show(observed?.[key], unit)} → ${show(desired[key], unit)}`);
}

export function planEventInvokeConfig(
	functionName: string,
	alias: string,
	region: string,
	desired: EventInvokeSettings | undefined,
	observed: EventInvokeSettings | undefined,
): Action[] {
	const make = actionsIn(region);
	const target = `${functionName}:${alias}`;
	if (desired === undefined) {
		return observed === undefined
			? []
			: [make.request('delete', `Remove the async invocation settings of ${target}`, request('lambda', 'DeleteFunctionEventInvokeConfig', {FunctionName: functionName, Qualifier: alias}), ['[async] asks for none'], {
				alreadyGone: 'ResourceNotFoundException',
			})];
	}

	const put = request('lambda', 'PutFunctionEventInvokeConfig', {
		FunctionName: functionName,
		Qualifier: alias,
		MaximumRetryAttempts: desired.maximumRetryAttempts,
		MaximumEventAgeInSeconds: desired.maximumEventAgeSeconds,
		DestinationConfig: {
			...(desired.onSuccess ? {OnSuccess: {Destination: desired.onSuccess}} : {}),
			...(desired.onFailure ? {OnFailure: {Destination: desired.onFailure}} : {}),
		},
	});
	const diff = eventInvokeConfigDiff(observed, desired);
	if (observed === undefined) {
		return [make.request('create', `Set the async invocation settings of ${target}`, put, diff)];
	}

	return diff.length === 0
		? [make.noOp(`Async invocation settings of ${target} unchanged`)]
		: [make.request('update', `Update the async invocation settings of ${target}`, put, diff)];
}

function eventInvokeSettings(config: FunctionEventInvokeConfig): EventInvokeSettings {
	const onSuccess = config.DestinationConfig?.OnSuccess?.Destination;
	const onFailure = config.DestinationConfig?.OnFailure?.Destination;
	return {
		maximumRetryAttempts: config.MaximumRetryAttempts ?? lambdaDefaults.maxRetryAttempts,
		maximumEventAgeSeconds: config.MaximumEventAgeInSeconds ?? lambdaDefaults.maxEventAgeSeconds,
		...(onSuccess ? {onSuccess} : {}),
		...(onFailure ? {onFailure} : {}),
	};
}

export const asyncResource: RegionResource<{eventInvokeConfig?: EventInvokeSettings}> = {
	name: 'async invocation settings',
	async observe({aws}, target, anchor, signal) {
		if (anchor.function === undefined) {
			return {};
		}

		// Not found also when the alias does not exist yet.
		const found = await orMissing(aws.send(request('lambda', 'GetFunctionEventInvokeConfig', {FunctionName: target.function.name, Qualifier: target.function.alias}), signal));
		return found === undefined ? {} : {eventInvokeConfig: eventInvokeSettings(found)};
	},
	plan(observed, {target}) {
		const {name, alias, region} = target.function;
		return planEventInvokeConfig(name, alias, region, desiredEventInvokeConfig(target.spec, target), observed.eventInvokeConfig);
	},
};
