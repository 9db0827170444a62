// The `http` trigger in one region: a function URL on the alias, or an API
// Gateway HTTP API in front of it ([http] endpoint), and the alias's grants
// for them (Sids starting with rust-lambda-wizard-http-). Whatever the config
// no longer asks for (the other endpoint, the trigger switched, a public grant
// after auth went to iam) is removed after the wanted one is in place.
import {aliasArn, partitionOf} from '../plan/arns.js';
import type {Spec} from '../spec/schema.js';
import type {Action} from './action.js';
import {observeApis, planApi, planApiRemoval, type ObservedApi} from './http-api.js';
import {observeUrl, planUrl, type ObservedUrl, type UrlSettings} from './http-url.js';
import {observeGrants, planGrants, type Grant, type ObservedGrant, type WantedGrant} from './permissions.js';
import type {RegionResource} from './resource.js';

const sidPrefix = 'rust-lambda-wizard-http-';
export const httpSids = {
	urlPublic: `${sidPrefix}url-public`,
	urlInvoke: `${sidPrefix}url-invoke`,
	api: `${sidPrefix}api`,
} as const;

/** An auth-NONE function URL needs both (AWS requires the second since October 2025). */
const publicUrlGrants: readonly Grant[] = [
	{StatementId: httpSids.urlPublic, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE'},
	{StatementId: httpSids.urlInvoke, Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true},
];

/** Optional members: a region read before this resource existed (a test's fixture) has none of it. */
export interface ObservedHttp {
	functionUrl?: ObservedUrl | undefined;
	apis?: ObservedApi[] | undefined;
	httpGrants?: ObservedGrant[] | undefined;
}

const authOf = (spec: Spec) => (spec.http?.auth === 'iam' ? 'AWS_IAM' : 'NONE');

export function planHttp(observed: ObservedHttp, target: {spec: Spec; region: string; account?: string | undefined; functionName: string; alias: string}): Action[] {
	const {spec, region, functionName, alias} = target;
	const where = {region, functionName, alias};
	const endpoint = spec.http?.endpoint;
	const why = spec.http === undefined ? 'the trigger is not http' : `[http] endpoint is ${endpoint}`;
	const corsOrigins = spec.http?.cors_allow_origins;
	const url: UrlSettings | undefined = endpoint === 'function-url' ? {authType: authOf(spec), corsOrigins} : undefined;
	const writes: Action[] = planUrl(where, url, observed.functionUrl);
	const wanted: WantedGrant[] = url?.authType === 'NONE' ? [...publicUrlGrants] : [];
	let apiWrites: Action[] = [];
	const executeApiArnPrefix = `arn:${partitionOf(region)}:execute-api:${region}:${target.account ?? '<account>'}:`;
	if (endpoint === 'http-api') {
		if (target.account === undefined) {
			throw new Error('internal: an HTTP API needs the account (needsAccount)');
		}

		const planned = planApi({...where, executeApiArnPrefix}, {aliasArn: aliasArn(region, target.account, functionName, alias), authType: authOf(spec), corsOrigins}, observed.apis ?? []);
		apiWrites = planned.actions;
		wanted.push({StatementId: httpSids.api, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: planned.sourceArn, ...(planned.slot ? {slots: [planned.slot]} : {})});
	} else {
		apiWrites = planApiRemoval({...where, executeApiArnPrefix}, observed.apis ?? [], why);
	}

	const grants = planGrants(where, wanted, observed.httpGrants ?? []);
	// The URL's public grants come before it opens; the API's grant names the API, so it follows the API.
	return endpoint === 'http-api'
		? [...apiWrites, ...grants.add, ...writes, ...grants.remove]
		: [...grants.add, ...writes, ...apiWrites, ...grants.remove];
}

export const httpResource: RegionResource<ObservedHttp> = {
	name: 'HTTP endpoint',
	async observe({aws}, target, anchor, signal) {
		if (anchor.function === undefined) {
			return {apis: [], httpGrants: []};
		}

		const {name, alias} = target.function;
		const [functionUrl, httpGrants] = await Promise.all([observeUrl(aws, name, alias, signal), observeGrants(aws, name, alias, sidPrefix, signal)]);
		// API Gateway is read only when an API is wanted or deploy's grant shows it made one: a deployer
		// without an HTTP API needs no API Gateway permission.
		const apiSeen = target.spec.http?.endpoint === 'http-api' || httpGrants.some(grant => grant.sid === httpSids.api);
		const apis = apiSeen ? await observeApis(aws, name, alias, signal) : [];
		return {functionUrl, apis, httpGrants};
	},
	plan(observed, {target}) {
		return planHttp(observed, {spec: target.spec, region: target.region, account: target.account, functionName: target.function.name, alias: target.function.alias});
	},
	needsAccount: spec => spec.http?.endpoint === 'http-api',
};
