// Plans the async invocation settings (retries, event age, destinations) on the
// alias in one region: Put when missing or different, Delete when [async] no
// longer asks for any. Pure.
import {limits} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {fillArn, type Placeholders} from './placeholders.js';
import type {Action, EventInvokeSettings} from './types.js';

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
		maximumRetryAttempts: retries ?? limits.defaultMaxRetryAttempts,
		maximumEventAgeSeconds: age ?? limits.maxEventAgeSeconds.max,
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

export function eventInvokeConfigDiff(observed: EventInvokeSettings | undefined, desired: EventInvokeSettings): string[] {
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
			: [make('delete', `Remove the async invocation settings of ${target}`, {type: 'delete-event-invoke-config', functionName, alias}, ['[async] asks for none'])];
	}

	const put = {type: 'put-event-invoke-config' as const, functionName, alias, config: desired};
	const diff = eventInvokeConfigDiff(observed, desired);
	if (observed === undefined) {
		return [make('create', `Set the async invocation settings of ${target}`, put, diff)];
	}

	return diff.length === 0
		? [noOp(make, `Async invocation settings of ${target} unchanged`)]
		: [make('update', `Update the async invocation settings of ${target}`, put, diff)];
}
