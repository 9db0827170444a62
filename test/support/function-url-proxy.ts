// moto (5.2.1) falls short of Lambda on function URLs: it keeps one URL per
// function whatever the Qualifier, an empty Cors does not clear CORS, and
// GetPolicy returns AddPermission's FunctionUrlAuthType and InvokedViaFunctionUrl
// as they were sent instead of as conditions. This proxy forwards everything to
// moto except that: it answers the URL-config calls itself, per function and
// qualifier, as Lambda does, and writes the policy's statements as Lambda does.
// It records every request, so a test can assert that a run wrote nothing.
import {once} from 'node:events';
import {createServer, type ServerResponse} from 'node:http';
import type {RecordedRequest} from './moto.js';
import {bodyOf} from './http.js';

export interface FunctionUrlProxy {
	url: string;
	/** Requests since the last call of `requests()` (or since it started). */
	requests(): RecordedRequest[];
	close(): Promise<void>;
}

interface UrlConfig {
	FunctionUrl: string;
	FunctionArn: string;
	AuthType: string;
	Cors?: Record<string, unknown>;
	InvokeMode: string;
	CreationTime: string;
	LastModifiedTime: string;
}

type Statement = Record<string, unknown> & {Condition?: Record<string, Record<string, string>>};

/** FunctionUrlAuthType and InvokedViaFunctionUrl as the conditions Lambda writes for them. */
function asLambdaWritesIt(statement: Statement): Statement {
	const {FunctionUrlAuthType: authType, InvokedViaFunctionUrl: viaUrl, ...rest} = statement;
	const condition = {...rest.Condition};
	if (typeof authType === 'string') {
		condition['StringEquals'] = {...condition['StringEquals'], 'lambda:FunctionUrlAuthType': authType};
	}

	if (viaUrl === true) {
		condition['Bool'] = {...condition['Bool'], 'lambda:InvokedViaFunctionUrl': 'true'};
	}

	return Object.keys(condition).length > 0 ? {...rest, Condition: condition} : rest;
}

export async function functionUrlProxy(target: string, account = '123456789012'): Promise<FunctionUrlProxy> {
	const configs = new Map<string, UrlConfig>();
	let recorded: RecordedRequest[] = [];
	const json = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
		response.writeHead(status, {'Content-Type': 'application/json', ...(errorType ? {'x-amzn-errortype': errorType} : {})});
		response.end(JSON.stringify(body));
	};

	const server = createServer(async (request, response) => {
		const body = await bodyOf(request);
		const address = new URL(request.url ?? '/', 'http://proxy');
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
		recorded.push({method: request.method ?? 'GET', url: `${target}${request.url ?? '/'}`, body: body.toString('latin1'), headers});

		const urlPath = /^\/2021-10-31\/functions\/([^/]+)\/url$/.exec(address.pathname);
		if (urlPath) {
			const name = decodeURIComponent(urlPath[1]!);
			const qualifier = address.searchParams.get('Qualifier') ?? '$LATEST';
			const region = /\/(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\/lambda\//.exec(headers['authorization'] ?? '')?.groups?.['region'] ?? 'us-east-1';
			const key = `${region}/${name}:${qualifier}`;
			const existing = configs.get(key);
			const input = body.length > 0 ? JSON.parse(body.toString()) as {AuthType?: string; Cors?: Record<string, unknown>} : {};
			const now = new Date().toISOString();
			const missing = () => json(response, 404, {Type: 'User', Message: `The resource you requested does not exist. (${key})`}, 'ResourceNotFoundException');
			switch (request.method) {
				case 'GET': {
					return existing ? json(response, 200, existing) : missing();
				}

				case 'POST': {
					if (existing) {
						return json(response, 409, {Type: 'User', Message: `Failed to create function url config for [functionArn = ${existing.FunctionArn}]. Error message:  FunctionUrlConfig exists for this Lambda function`}, 'ResourceConflictException');
					}

					const made: UrlConfig = {
						FunctionUrl: `https://${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}.lambda-url.${region}.on.aws/`,
						FunctionArn: `arn:aws:lambda:${region}:${account}:function:${name}:${qualifier}`,
						AuthType: input.AuthType ?? 'AWS_IAM',
						...(input.Cors && Object.keys(input.Cors).length > 0 ? {Cors: input.Cors} : {}),
						InvokeMode: 'BUFFERED',
						CreationTime: now,
						LastModifiedTime: now,
					};
					configs.set(key, made);
					return json(response, 201, made);
				}

				case 'PUT': {
					if (!existing) {
						return missing();
					}

					const {Cors: _old, ...rest} = existing;
					// A given Cors replaces the old one; an empty one takes it away.
					const cors = input.Cors === undefined ? existing.Cors : input.Cors;
					const updated: UrlConfig = {...rest, AuthType: input.AuthType ?? existing.AuthType, ...(cors && Object.keys(cors).length > 0 ? {Cors: cors} : {}), LastModifiedTime: now};
					configs.set(key, updated);
					return json(response, 200, updated);
				}

				case 'DELETE': {
					if (!existing) {
						return missing();
					}

					configs.delete(key);
					response.writeHead(204);
					response.end();
					return;
				}

				default: {
					return json(response, 400, {Message: 'unexpected method'}, 'InvalidRequestException');
				}
			}
		}

		const answer = await fetch(`${target}${request.url ?? '/'}`, {
			method: request.method ?? 'GET',
			headers,
			...(body.length > 0 ? {body} : {}),
		});
		let answerBody = Buffer.from(await answer.arrayBuffer());
		if (request.method === 'GET' && /^\/2015-03-31\/functions\/[^/]+\/policy\/?$/.test(address.pathname) && answer.ok) {
			const policy = JSON.parse(answerBody.toString()) as {Policy: string};
			const document = JSON.parse(policy.Policy) as {Statement: Statement[]};
			document.Statement = document.Statement.map(statement => asLambdaWritesIt(statement));
			answerBody = Buffer.from(JSON.stringify({...policy, Policy: JSON.stringify(document)}));
		}

		const skip = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
		response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !skip.has(name))));
		response.end(answerBody);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	return {
		url: `http://127.0.0.1:${port}`,
		requests() {
			const all = recorded;
			recorded = [];
			return all;
		},
		async close() {
			server.close();
			await once(server, 'close');
		},
	};
}
