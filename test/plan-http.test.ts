// The http trigger's planner (function URL or HTTP API on the alias, and its
// grants), pure; and its steps carried out through a fake sender, which shows
// that an ID made in the run reaches the later steps and the summary.
import {describe, expect, it} from 'vitest';
import type {Action} from '../source/deploy/action.js';
import type {ObservedApi} from '../source/deploy/http-api.js';
import {httpSids, planHttp, type ObservedHttp} from '../source/deploy/http.js';
import type {ObservedGrant} from '../source/deploy/permissions.js';
import {factsOf, summaryText} from '../source/deploy/report.js';
import type {AnyRequest} from '../source/deploy/request.js';
import {loadSpec} from '../source/spec/spec.js';
import {applyStep, type ApplyContext} from '../source/tasks/apply.js';
import {fakeClock, fakeSender} from './support/fake-lambda.js';
import {inputOf, operations} from './support/plans.js';

const account = '123456789012';
const aliasArn = `arn:aws:lambda:us-east-1:${account}:function:orders:live`;
const url = 'https://abc123.lambda-url.us-east-1.on.aws/';

const spec = (http: string, trigger = 'http') =>
	loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\ntrigger = "${trigger}"\n${trigger === 'http' ? `[http]\n${http}` : ''}`});
const plan = (config: string, observed: ObservedHttp = {}, trigger = 'http') =>
	planHttp(observed, {spec: spec(config, trigger), region: 'us-east-1', account, functionName: 'orders', alias: 'live'});
const summary = (actions: readonly Action[]) => actions.map(action => `${action.change}: ${operations([action])[0]}`);

const publicGrants: ObservedGrant[] = [
	{sid: httpSids.urlPublic, grant: {StatementId: httpSids.urlPublic, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE'}},
	{sid: httpSids.urlInvoke, grant: {StatementId: httpSids.urlInvoke, Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true}},
];
const apiGrant = (id: string): ObservedGrant => ({
	sid: httpSids.api,
	grant: {StatementId: httpSids.api, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:us-east-1:${account}:${id}/*`},
});
const api = (overrides: Partial<ObservedApi> = {}): ObservedApi => ({
	id: 'a1b2c3',
	endpoint: 'https://a1b2c3.execute-api.us-east-1.amazonaws.com',
	corsOrigins: [],
	integrations: [{id: 'int1', uri: aliasArn}],
	routes: [{id: 'r1', key: '$default', target: 'integrations/int1', authType: 'NONE'}],
	stages: ['$default'],
	...overrides,
});

describe('the function URL', () => {
	it('opens a public URL on the alias: both public grants first, then the URL', () => {
		const actions = plan('endpoint = "function-url"\nauth = "none"');
		expect(summary(actions)).toEqual(['create: AddPermission', 'create: AddPermission', 'create: CreateFunctionUrlConfig']);
		expect(actions.filter(action => action.step?.kind === 'request').map(action => (action.step as {request: AnyRequest}).request.input)).toEqual([
			{FunctionName: 'orders', Qualifier: 'live', StatementId: httpSids.urlPublic, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE'},
			{FunctionName: 'orders', Qualifier: 'live', StatementId: httpSids.urlInvoke, Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true},
			{FunctionName: 'orders', Qualifier: 'live', AuthType: 'NONE'},
		]);
		expect(actions[2]!.awsCommand.join(' ')).toBe('aws lambda create-function-url-config --function-name orders --qualifier live --auth-type NONE --region us-east-1');
	});

	it('opens an iam URL with no public grant, and CORS origins when set', () => {
		const actions = plan('endpoint = "function-url"\nauth = "iam"\ncors_allow_origins = ["https://example.com"]');
		expect(summary(actions)).toEqual(['create: CreateFunctionUrlConfig']);
		expect(inputOf(actions, 'CreateFunctionUrlConfig')).toEqual({FunctionName: 'orders', Qualifier: 'live', AuthType: 'AWS_IAM', Cors: {AllowOrigins: ['https://example.com']}});
	});

	it('changes nothing when the URL and its grants are as wanted, and reports the URL with a curl line', () => {
		const actions = plan('endpoint = "function-url"', {functionUrl: {url, authType: 'NONE'}, httpGrants: publicGrants});
		expect(summary(actions)).toEqual(['no-op: -', 'no-op: -', 'no-op: -']);
		expect(factsOf(actions, {})).toEqual([{key: 'functionUrl', label: 'function URL', value: url, hints: [`try: curl ${url}`]}]);
	});

	it('switching to iam updates the URL first, then takes both public grants away', () => {
		const actions = plan('endpoint = "function-url"\nauth = "iam"', {functionUrl: {url, authType: 'NONE'}, httpGrants: publicGrants});
		expect(summary(actions)).toEqual(['update: UpdateFunctionUrlConfig', 'delete: RemovePermission', 'delete: RemovePermission']);
		expect(actions[0]!.details).toEqual(['auth NONE → AWS_IAM']);
		expect(actions.slice(1).map(action => inputOf([action], 'RemovePermission')?.['StatementId'])).toEqual([httpSids.urlPublic, httpSids.urlInvoke]);
		// The summary says the URL now needs signing.
		expect(factsOf(actions, {})[0]!.hints.join('\n')).toContain('--aws-sigv4 "aws:amz:us-east-1:lambda"');
	});

	it('removing the CORS origins sends an empty Cors', () => {
		const actions = plan('endpoint = "function-url"\nauth = "iam"', {functionUrl: {url, authType: 'AWS_IAM', corsOrigins: ['https://example.com']}});
		expect(summary(actions)).toEqual(['update: UpdateFunctionUrlConfig']);
		expect(inputOf(actions, 'UpdateFunctionUrlConfig')).toEqual({FunctionName: 'orders', Qualifier: 'live', AuthType: 'AWS_IAM', Cors: {}});
		expect(actions[0]!.details).toEqual(['CORS origins https://example.com → none']);
	});

	it('a public grant that differs is removed and added again (Lambda cannot change one)', () => {
		const changed: ObservedGrant[] = [publicGrants[0]!, {sid: httpSids.urlInvoke, grant: {StatementId: httpSids.urlInvoke, Action: 'lambda:InvokeFunction', Principal: '*'}}];
		expect(summary(plan('endpoint = "function-url"', {functionUrl: {url, authType: 'NONE'}, httpGrants: changed})))
			.toEqual(['no-op: -', 'delete: RemovePermission', 'create: AddPermission', 'no-op: -']);
	});

	it('another trigger removes the URL, then its grants', () => {
		const actions = plan('', {functionUrl: {url, authType: 'NONE'}, httpGrants: publicGrants}, 'sqs');
		expect(summary(actions)).toEqual(['delete: DeleteFunctionUrlConfig', 'delete: RemovePermission', 'delete: RemovePermission']);
		expect(actions[0]!.details).toEqual([`${url} (the config asks for no function URL)`]);
	});

	it('plans nothing for a function with no http trigger and nothing made for one', () => {
		expect(plan('', {}, 'sqs')).toEqual([]);
	});
});

describe('the HTTP API', () => {
	it('makes the API, its integration, $default route and stage, then the grant scoped to the new API', () => {
		const actions = plan('endpoint = "http-api"\nauth = "iam"\ncors_allow_origins = ["https://b.example", "https://a.example"]');
		expect(summary(actions)).toEqual(['create: CreateApi', 'create: CreateIntegration', 'create: CreateRoute', 'create: CreateStage', 'create: AddPermission']);
		expect(inputOf(actions, 'CreateApi')).toEqual({
			Name: 'orders-live',
			ProtocolType: 'HTTP',
			Tags: {'managed-by': 'rust-lambda-wizard', 'rust-lambda-wizard:function': 'orders:live'},
			CorsConfiguration: {AllowOrigins: ['https://a.example', 'https://b.example']},
		});
		expect(inputOf(actions, 'CreateIntegration')).toMatchObject({IntegrationType: 'AWS_PROXY', IntegrationUri: aliasArn, PayloadFormatVersion: '2.0'});
		expect(inputOf(actions, 'CreateRoute')).toMatchObject({RouteKey: '$default', AuthorizationType: 'AWS_IAM'});
		expect(inputOf(actions, 'CreateStage')).toMatchObject({StageName: '$default', AutoDeploy: true});
		// The dry run shows what stands for the IDs made on the way.
		expect(actions[2]!.awsCommand.join(' ')).toBe('aws apigatewayv2 create-route --route-key $default --authorization-type AWS_IAM --api-id <new API id> --target integrations/<new integration id> --region us-east-1');
		expect(actions[4]!.awsCommand.join(' ')).toBe(`aws lambda add-permission --function-name orders --qualifier live --statement-id ${httpSids.api} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:us-east-1:${account}:<new API id>/* --region us-east-1`);
	});

	it('carries the new IDs into the later steps and the endpoint into the summary', async () => {
		const actions = plan('endpoint = "http-api"');
		const sent: AnyRequest[] = [];
		const answers: Record<string, object> = {
			CreateApi: {ApiId: 'xyz789', ApiEndpoint: 'https://xyz789.execute-api.us-east-1.amazonaws.com'},
			CreateIntegration: {IntegrationId: 'int9'},
		};
		const answer = async (request: AnyRequest) => {
			sent.push(request);
			return answers[request.operation] ?? {};
		};

		const context: ApplyContext = {aws: fakeSender('us-east-1', {apigatewayv2: {api: answer}, lambda: {api: answer}}), made: {}, clock: fakeClock().clock, report: () => undefined};
		for (const action of actions) {
			await applyStep(action.step!, context);
		}

		expect(sent.map(request => request.input)).toEqual([
			expect.objectContaining({Name: 'orders-live'}),
			expect.objectContaining({ApiId: 'xyz789', IntegrationUri: aliasArn}),
			expect.objectContaining({ApiId: 'xyz789', Target: 'integrations/int9', AuthorizationType: 'NONE'}),
			expect.objectContaining({ApiId: 'xyz789', StageName: '$default'}),
			expect.objectContaining({StatementId: httpSids.api, SourceArn: `arn:aws:execute-api:us-east-1:${account}:xyz789/*`}),
		]);
		const facts = factsOf(actions, context.made);
		expect(facts).toEqual([{key: 'httpApiEndpoint', label: 'HTTP API endpoint', value: 'https://xyz789.execute-api.us-east-1.amazonaws.com', hints: ['try: curl https://xyz789.execute-api.us-east-1.amazonaws.com/']}]);
		expect(summaryText({roles: [], regions: [{region: 'us-east-1', functionName: 'orders', alias: 'live', version: '1', status: 'changed', done: {create: ['x'], update: [], delete: [], 'no-op': []}, facts}]}, {paint: (_format, text) => text}))
			.toBe('✔ us-east-1: orders: 1 created (alias live → version 1)\n    invoke: aws lambda invoke --function-name orders:live --region us-east-1 response.json\n    HTTP API endpoint: https://xyz789.execute-api.us-east-1.amazonaws.com\n      try: curl https://xyz789.execute-api.us-east-1.amazonaws.com/');
	});

	it('changes nothing for the API as wanted, its grant scoped to it', () => {
		const actions = plan('endpoint = "http-api"', {apis: [api()], httpGrants: [apiGrant('a1b2c3')]});
		expect(summary(actions)).toEqual(['no-op: -', 'no-op: -']);
		expect(factsOf(actions, {}).map(fact => fact.value)).toEqual(['https://a1b2c3.execute-api.us-east-1.amazonaws.com']);
	});

	it('switching to iam updates the route in place', () => {
		const actions = plan('endpoint = "http-api"\nauth = "iam"', {apis: [api()], httpGrants: [apiGrant('a1b2c3')]});
		expect(summary(actions)).toEqual(['no-op: -', 'update: UpdateRoute', 'no-op: -']);
		expect(inputOf(actions, 'UpdateRoute')).toEqual({ApiId: 'a1b2c3', RouteId: 'r1', Target: 'integrations/int1', AuthorizationType: 'AWS_IAM'});
		expect(actions[1]!.details).toEqual(['authorization NONE → AWS_IAM']);
	});

	it('CORS origins are updated, or their configuration deleted', () => {
		const set = plan('endpoint = "http-api"\ncors_allow_origins = ["https://example.com"]', {apis: [api()], httpGrants: [apiGrant('a1b2c3')]});
		expect(inputOf(set, 'UpdateApi')).toEqual({ApiId: 'a1b2c3', CorsConfiguration: {AllowOrigins: ['https://example.com']}});
		const unset = plan('endpoint = "http-api"', {apis: [api({corsOrigins: ['https://example.com']})], httpGrants: [apiGrant('a1b2c3')]});
		expect(summary(unset)).toEqual(['delete: DeleteCorsConfiguration', 'no-op: -']);
	});

	it('completes an API a stopped run left half-made', () => {
		const actions = plan('endpoint = "http-api"', {apis: [api({routes: [], stages: []})]});
		expect(summary(actions)).toEqual(['no-op: -', 'create: CreateRoute', 'create: CreateStage', 'create: AddPermission']);
		expect(inputOf(actions, 'CreateRoute')).toEqual({ApiId: 'a1b2c3', RouteKey: '$default', Target: 'integrations/int1', AuthorizationType: 'NONE'});
		expect(inputOf(actions, 'AddPermission')).toMatchObject({SourceArn: `arn:aws:execute-api:us-east-1:${account}:a1b2c3/*`});
	});

	it('keeps one API: a second one tagged for the same alias is deleted', () => {
		const actions = plan('endpoint = "http-api"', {apis: [api(), api({id: 'dup999'})], httpGrants: [apiGrant('a1b2c3')]});
		expect(summary(actions)).toEqual(['no-op: -', 'delete: DeleteApi', 'no-op: -']);
		expect(inputOf(actions, 'DeleteApi')).toEqual({ApiId: 'dup999'});
	});

	it('switching to a function URL makes the URL, then deletes the API and its grant', () => {
		const actions = plan('endpoint = "function-url"\nauth = "iam"', {apis: [api()], httpGrants: [apiGrant('a1b2c3')]});
		expect(summary(actions)).toEqual(['create: CreateFunctionUrlConfig', 'delete: DeleteApi', 'delete: RemovePermission']);
		expect(actions[1]!.details).toEqual(['https://a1b2c3.execute-api.us-east-1.amazonaws.com ([http] endpoint is function-url)']);
	});

	it('another trigger deletes the API and its grant', () => {
		expect(summary(plan('', {apis: [api()], httpGrants: [apiGrant('a1b2c3')]}, 'sqs'))).toEqual(['delete: DeleteApi', 'delete: RemovePermission']);
	});
});
