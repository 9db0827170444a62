// The API Gateway HTTP API in front of the alias: what a quick create makes (a
// Lambda proxy integration, the $default route, the $default stage deploying
// itself), made step by step so that the route gets its authorization (NONE or
// AWS_IAM) when it is created: a quick create cannot set it, and its route's ID
// is known only by reading it back. Found again by its tags, never duplicated;
// a part that is missing (a run stopped half-way) is added, a changed setting
// updated in place; deleted when the config no longer asks for it.
import {actionsIn, withFacts, type Action, type Fact} from './action.js';
import type {Slot} from './aws-cli.js';
import {tryLines} from './http-url.js';
import {request, type AwsSender} from './request.js';

/** The tags that mark an API deploy made, and for which function and alias. */
const apiTags = (functionName: string, alias: string) => ({'managed-by': 'rust-lambda-wizard', 'rust-lambda-wizard:function': `${functionName}:${alias}`});

export interface ApiSettings {
	/** The integration's target. */
	aliasArn: string;
	authType: 'NONE' | 'AWS_IAM';
	corsOrigins?: readonly string[] | undefined;
}

export interface ObservedApi {
	id: string;
	endpoint: string;
	corsOrigins: string[];
	integrations: Array<{id: string; uri: string}>;
	routes: Array<{id: string; key: string; target?: string | undefined; authType: string}>;
	stages: string[];
}

/** Every page of an API Gateway listing. */
async function allPages<T>(read: (token: string | undefined) => Promise<{Items?: T[] | undefined; NextToken?: string | undefined}>): Promise<T[]> {
	const items: T[] = [];
	let token: string | undefined;
	do {
		const page = await read(token);
		items.push(...(page.Items ?? []));
		token = page.NextToken;
	} while (token);
	return items;
}

/** The HTTP APIs tagged for this function and alias, with their parts. */
export async function observeApis(aws: AwsSender, functionName: string, alias: string, signal?: AbortSignal): Promise<ObservedApi[]> {
	const tags = apiTags(functionName, alias);
	const next = (token: string | undefined) => (token === undefined ? {} : {NextToken: token});
	const apis = (await allPages(async token => aws.send(request('apigatewayv2', 'GetApis', next(token)), signal)))
		.filter(api => api.ProtocolType === 'HTTP' && Object.entries(tags).every(([key, value]) => api.Tags?.[key] === value));
	return Promise.all(apis.map(async api => {
		const ApiId = api.ApiId ?? '';
		const [integrations, routes, stages] = await Promise.all([
			allPages(async token => aws.send(request('apigatewayv2', 'GetIntegrations', {ApiId, ...next(token)}), signal)),
			allPages(async token => aws.send(request('apigatewayv2', 'GetRoutes', {ApiId, ...next(token)}), signal)),
			allPages(async token => aws.send(request('apigatewayv2', 'GetStages', {ApiId, ...next(token)}), signal)),
		]);
		return {
			id: ApiId,
			endpoint: api.ApiEndpoint ?? '',
			corsOrigins: api.CorsConfiguration?.AllowOrigins ?? [],
			integrations: integrations.map(integration => ({id: integration.IntegrationId ?? '', uri: integration.IntegrationUri ?? ''})),
			routes: routes.map(route => ({id: route.RouteId ?? '', key: route.RouteKey ?? '', target: route.Target, authType: route.AuthorizationType ?? 'NONE'})),
			stages: stages.map(stage => stage.StageName ?? ''),
		};
	}));
}

/** The API's ID in a request: known, or made by CreateApi earlier in this run. */
type ApiRef = {id: string} | {made: true};

const apiIdSlot: Slot = {path: ['ApiId'], from: 'output:http-api-id', shown: ['--api-id', '<new API id>']};

/** What the API plan says to the grant planner: the API's ID, or the slot that fills the ARN built from it. */
export interface PlannedApi {
	actions: Action[];
	/** The execute-api ARN (…:<api-id>/*) that may invoke the alias; `slot` fills it when the API is made in this run. */
	sourceArn: string;
	slot?: Slot | undefined;
}

export interface ApiTarget {
	region: string;
	functionName: string;
	alias: string;
	/** arn:<partition>:execute-api:<region>:<account>: — the API's ID and /* follow. */
	executeApiArnPrefix: string;
}

const sortedOrigins = (list: readonly string[] | undefined) => [...(list ?? [])].sort().join(', ') || 'none';

/** Deletes every API deploy made for this alias (the config no longer asks for one). */
export function planApiRemoval(target: ApiTarget, observed: readonly ObservedApi[], why: string): Action[] {
	const make = actionsIn(target.region);
	return observed.map(api => make.request('delete', `Delete the HTTP API ${api.id} of ${target.functionName}:${target.alias}`, request('apigatewayv2', 'DeleteApi', {ApiId: api.id}), [`${api.endpoint} (${why})`]));
}

export function planApi(target: ApiTarget, desired: ApiSettings, observed: readonly ObservedApi[]): PlannedApi {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	const [kept, ...extra] = observed;
	const api: ApiRef = kept === undefined ? {made: true} : {id: kept.id};
	const withApi = (slots: Slot[] = []) => ('id' in api ? {slots} : {slots: [apiIdSlot, ...slots]});
	const apiId = 'id' in api ? api.id : '<new API id>';
	const cors = desired.corsOrigins?.length ? {AllowOrigins: [...desired.corsOrigins].sort()} : undefined;
	const actions: Action[] = [];
	const tryIt = tryLines(desired.authType, target.region, 'execute-api', '/');
	const fact = (value: Fact['value']): Fact[] => [{key: 'httpApiEndpoint', label: 'HTTP API endpoint', value, hints: tryIt}];

	if (kept === undefined) {
		actions.push(withFacts(make.request('create', `Create the HTTP API ${target.functionName}-${target.alias} for ${on}`, request('apigatewayv2', 'CreateApi', {
			Name: `${target.functionName}-${target.alias}`,
			ProtocolType: 'HTTP',
			Tags: apiTags(target.functionName, target.alias),
			...(cors ? {CorsConfiguration: cors} : {}),
		}), [`CORS origins ${sortedOrigins(desired.corsOrigins)}`], {keep: [{member: 'ApiId', as: 'output:http-api-id'}, {member: 'ApiEndpoint', as: 'output:http-api-endpoint'}]}), fact({made: 'output:http-api-endpoint'})));
	} else if (sortedOrigins(kept.corsOrigins) === sortedOrigins(desired.corsOrigins)) {
		actions.push(withFacts(make.noOp(`The HTTP API ${kept.id} of ${on} is unchanged`), fact(kept.endpoint)));
	} else {
		const detail = `CORS origins ${sortedOrigins(kept.corsOrigins)} → ${sortedOrigins(desired.corsOrigins)}`;
		actions.push(withFacts(cors
			? make.request('update', `Update the HTTP API ${kept.id} of ${on}`, request('apigatewayv2', 'UpdateApi', {ApiId: kept.id, CorsConfiguration: cors}), [detail])
			: make.request('delete', `Remove the CORS configuration of the HTTP API ${kept.id}`, request('apigatewayv2', 'DeleteCorsConfiguration', {ApiId: kept.id}), [detail]), fact(kept.endpoint)));
	}

	// The integration: a Lambda proxy (payload 2.0) to the alias.
	const integration = kept?.integrations.find(candidate => candidate.uri === desired.aliasArn);
	if (integration === undefined) {
		actions.push(make.request('create', `Connect the HTTP API to ${on}`, request('apigatewayv2', 'CreateIntegration', {
			ApiId: apiId,
			IntegrationType: 'AWS_PROXY',
			IntegrationUri: desired.aliasArn,
			PayloadFormatVersion: '2.0',
		}), ['Lambda proxy integration, payload format 2.0'], {...withApi(), keep: {member: 'IntegrationId', as: 'output:http-api-integration-id'}}));
	}

	const routeTarget = integration === undefined ? '<new integration id>' : `integrations/${integration.id}`;
	const targetSlot: Slot[] = integration === undefined ? [{path: ['Target'], from: 'output:http-api-integration-id', around: ['integrations/', ''], shown: ['--target', 'integrations/<new integration id>']}] : [];
	const route = kept?.routes.find(candidate => candidate.key === '$default');
	if (route === undefined) {
		actions.push(make.request('create', `Route every request of the HTTP API to ${on}`, request('apigatewayv2', 'CreateRoute', {
			ApiId: apiId,
			RouteKey: '$default',
			Target: routeTarget,
			AuthorizationType: desired.authType,
		}), [`$default route, authorization ${desired.authType}`], withApi(targetSlot)));
	} else if (route.authType !== desired.authType || route.target !== routeTarget) {
		actions.push(make.request('update', `Update the $default route of the HTTP API ${apiId}`, request('apigatewayv2', 'UpdateRoute', {
			ApiId: apiId,
			RouteId: route.id,
			Target: routeTarget,
			AuthorizationType: desired.authType,
		}), [
			...(route.authType === desired.authType ? [] : [`authorization ${route.authType} → ${desired.authType}`]),
			...(route.target === routeTarget ? [] : [`target ${route.target ?? 'none'} → ${on}`]),
		], withApi(targetSlot)));
	}

	if (!kept?.stages.includes('$default')) {
		actions.push(make.request('create', `Publish the HTTP API (stage $default, deployed on every change)`, request('apigatewayv2', 'CreateStage', {ApiId: apiId, StageName: '$default', AutoDeploy: true}), [], withApi()));
	}

	actions.push(...planApiRemoval(target, extra, `a second API for ${on}: one is kept`));
	return {
		actions,
		sourceArn: `${target.executeApiArnPrefix}${apiId}/*`,
		...('id' in api ? {} : {slot: {path: ['SourceArn'], from: 'output:http-api-id', around: [target.executeApiArnPrefix, '/*'], shown: ['--source-arn', `${target.executeApiArnPrefix}<new API id>/*`]} satisfies Slot}),
	};
}
