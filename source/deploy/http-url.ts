// The function URL on the alias (Qualifier): created, updated in place (auth
// type, CORS origins) or deleted when the config no longer asks for one. deploy
// owns the alias's URL, as it owns the alias's SQS mappings. The two public
// grants an auth-NONE URL needs are planned with the others (http.ts).
import type {Cors, FunctionUrlAuthType} from '@aws-sdk/client-lambda';
import {actionsIn, withFacts, type Action, type Fact} from './action.js';
import {orMissing, request, type AwsSender} from './request.js';

export interface UrlSettings {
	authType: FunctionUrlAuthType;
	/** Undefined or empty: no CORS. */
	corsOrigins?: readonly string[] | undefined;
}

export interface ObservedUrl extends UrlSettings {
	url: string;
}

export async function observeUrl(aws: AwsSender, functionName: string, alias: string, signal?: AbortSignal): Promise<ObservedUrl | undefined> {
	const found = await orMissing(aws.send(request('lambda', 'GetFunctionUrlConfig', {FunctionName: functionName, Qualifier: alias}), signal));
	return found?.FunctionUrl === undefined ? undefined : {
		url: found.FunctionUrl,
		authType: found.AuthType ?? 'AWS_IAM',
		...(found.Cors?.AllowOrigins?.length ? {corsOrigins: found.Cors.AllowOrigins} : {}),
	};
}

const origins = (settings: UrlSettings) => [...(settings.corsOrigins ?? [])].sort();
const shown = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));

function urlDiff(observed: UrlSettings, desired: UrlSettings): string[] {
	return [
		...(observed.authType === desired.authType ? [] : [`auth ${observed.authType} → ${desired.authType}`]),
		...(shown(origins(observed)) === shown(origins(desired)) ? [] : [`CORS origins ${shown(origins(observed))} → ${shown(origins(desired))}`]),
	];
}

/** How to call it: plainly, or signed for an AWS_IAM URL (curl signs with SigV4 itself). */
export function tryLines(authType: 'NONE' | 'AWS_IAM', region: string, service: 'lambda' | 'execute-api', path = ''): string[] {
	return authType === 'NONE'
		? [`try: curl {value}${path}`]
		: [
			'try (AWS_IAM: the request must be SigV4-signed):',
			`  curl --aws-sigv4 "aws:amz:${region}:${service}" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" {value}${path}`,
		];
}

const urlFact = (value: Fact['value'], authType: 'NONE' | 'AWS_IAM', region: string): Fact =>
	({key: 'functionUrl', label: 'function URL', value, hints: tryLines(authType, region, 'lambda')});

export function planUrl(target: {region: string; functionName: string; alias: string}, desired: UrlSettings | undefined, observed: ObservedUrl | undefined): Action[] {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	const where = {FunctionName: target.functionName, Qualifier: target.alias};
	if (desired === undefined) {
		return observed === undefined ? [] : [make.request('delete', `Remove the function URL of ${on}`, request('lambda', 'DeleteFunctionUrlConfig', where), [`${observed.url} (the config asks for no function URL)`])];
	}

	const cors: Cors | undefined = origins(desired).length > 0 ? {AllowOrigins: origins(desired)} : undefined;
	if (observed === undefined) {
		const create = make.request('create', `Create the function URL of ${on}`, request('lambda', 'CreateFunctionUrlConfig', {...where, AuthType: desired.authType, ...(cors ? {Cors: cors} : {})}), [
			`auth ${desired.authType}, CORS origins ${shown(origins(desired))}`,
		], {keep: {member: 'FunctionUrl', as: 'output:function-url'}, alreadyExists: 'ResourceConflictException'});
		return [withFacts(create, [urlFact({made: 'output:function-url'}, desired.authType, target.region)])];
	}

	const diff = urlDiff(observed, desired);
	const fact = [urlFact(observed.url, desired.authType, target.region)];
	return [withFacts(diff.length === 0
		? make.noOp(`The function URL of ${on} is unchanged`)
		// An empty Cors takes away what the config no longer lists.
		: make.request('update', `Update the function URL of ${on}`, request('lambda', 'UpdateFunctionUrlConfig', {...where, AuthType: desired.authType, Cors: cors ?? {}}), diff), fact)];
}
