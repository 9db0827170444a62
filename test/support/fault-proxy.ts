// A proxy in front of moto that misbehaves like a bad network and a busy AWS:
// a quarter of the requests get a 500, a throttle (429), or, for a write, the
// connection dropped after moto already acted on it, so the SDK retries a write
// that was done. Faults follow a fixed pattern (every fourth request, never two
// in a row, so the SDK's own retries get through), and the first time each
// named write passes, the connection can be dropped after it on purpose.
import {once} from 'node:events';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {bodyOf} from './http.js';

type Fault = '500' | '429' | 'drop-after-write';

export interface FaultProxy {
	url: string;
	/** "<fault> <operation>", in order. */
	injected: string[];
	close(): Promise<void>;
}

/** Lambda's REST paths, by what they do. */
const lambdaOperations: ReadonlyArray<[method: string, path: RegExp, name: string]> = [
	['POST', /^\/2015-03-31\/functions\/?$/, 'CreateFunction'],
	['POST', /^\/2015-03-31\/functions\/[^/]+\/versions$/, 'PublishVersion'],
	['POST', /^\/2015-03-31\/functions\/[^/]+\/aliases$/, 'CreateAlias'],
	['PUT', /^\/2015-03-31\/functions\/[^/]+\/aliases\/[^/]+$/, 'UpdateAlias'],
	['PUT', /^\/2015-03-31\/functions\/[^/]+\/code$/, 'UpdateFunctionCode'],
	['PUT', /^\/2015-03-31\/functions\/[^/]+\/configuration$/, 'UpdateFunctionConfiguration'],
	['POST', /^\/2015-03-31\/event-source-mappings\/?$/, 'CreateEventSourceMapping'],
	['DELETE', /^\/2015-03-31\/event-source-mappings\/[^/]+$/, 'DeleteEventSourceMapping'],
];

/** The operation a request is, as far as the proxy needs to know; and whether it writes. */
function operationOf(request: IncomingMessage, body: Buffer): {name: string; write: boolean; protocol: 'rest' | 'json' | 'query'} {
	const path = new URL(request.url ?? '/', 'http://proxy').pathname;
	const target = request.headers['x-amz-target'];
	if (typeof target === 'string') {
		const name = target.split('.').at(-1) ?? target;
		return {name, write: !/^(Get|List|Describe|BatchGet)/.test(name), protocol: 'json'};
	}

	const action = new URLSearchParams(body.toString('utf8')).get('Action');
	if (action) {
		return {name: action, write: !/^(Get|List|Describe)/.test(action), protocol: 'query'};
	}

	const method = request.method ?? 'GET';
	const known = lambdaOperations.find(([verb, pattern]) => verb === method && pattern.test(path));
	return {name: known?.[2] ?? `${method} ${path}`, write: method !== 'GET', protocol: 'rest'};
}

/** An error as the service's protocol says it, so the SDK reads it as AWS's own. */
function answerError(response: ServerResponse, status: number, protocol: 'rest' | 'json' | 'query'): void {
	const [code, message] = status === 429 ? ['Throttling', 'Rate exceeded'] : ['InternalFailure', 'We encountered an internal error. Please try again.'];
	if (protocol === 'query') {
		response.writeHead(status, {'Content-Type': 'text/xml'});
		response.end(`<ErrorResponse><Error><Type>${status === 429 ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>`);
		return;
	}

	const type = protocol === 'rest' ? (status === 429 ? 'TooManyRequestsException' : 'ServiceException') : code;
	response.writeHead(status, {'Content-Type': 'application/json', 'x-amzn-ErrorType': type});
	response.end(JSON.stringify({__type: type, message, Message: message}));
}

export interface FaultOptions {
	/** Writes whose first pass is dropped after moto acted on it, whatever the pattern says. */
	dropFirst?: readonly string[];
	/** The every-fourth-request faults (on unless false): off, only `dropFirst` happens. */
	pattern?: boolean;
}

/**
 * Where moto names an error otherwise than AWS does, AWS's name: a retried CreateAlias meets an
 * alias that exists, which AWS answers ResourceConflictException (the SDK model) and moto ConflictException.
 */
function asAws(operation: string, errorType: string | undefined, payload: Buffer): [string | undefined, Buffer] {
	if (operation === 'CreateAlias' && errorType?.split(':')[0] === 'ConflictException') {
		return ['ResourceConflictException', Buffer.from(payload.toString('utf8').replaceAll('"ConflictException"', '"ResourceConflictException"'))];
	}

	return [undefined, payload];
}

export async function faultProxy(target: string, options: FaultOptions = {}): Promise<FaultProxy> {
	const injected: string[] = [];
	const dropped = new Set<string>();
	const kinds: Fault[] = ['500', '429', 'drop-after-write'];
	let count = 0;
	let faults = 0;
	let lastFaulted = false;

	const forward = async (request: IncomingMessage, body: Buffer) => {
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
		return fetch(`${target}${request.url ?? '/'}`, {method: request.method ?? 'GET', headers, ...(body.length > 0 ? {body} : {})});
	};

	const server = createServer(async (request, response) => {
		const body = await bodyOf(request);
		const operation = operationOf(request, body);
		count++;
		const forced = operation.write && (options.dropFirst ?? []).includes(operation.name) && !dropped.has(operation.name);
		const scheduled = (options.pattern ?? true) && !lastFaulted && count % 4 === 0;
		let fault: Fault | undefined = forced ? 'drop-after-write' : scheduled ? kinds[faults++ % kinds.length] : undefined;
		if (fault === 'drop-after-write' && !operation.write) {
			fault = '500';
		}

		lastFaulted = fault !== undefined;
		if (fault !== undefined) {
			injected.push(`${fault} ${operation.name}`);
		}

		if (fault === '500' || fault === '429') {
			answerError(response, Number(fault), operation.protocol);
			return;
		}

		const answer = await forward(request, body);
		const payload = Buffer.from(await answer.arrayBuffer());
		if (fault === 'drop-after-write') {
			// moto has acted; the client never hears it.
			dropped.add(operation.name);
			request.socket.destroy();
			return;
		}

		const skip = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
		const headers = Object.fromEntries([...answer.headers].filter(([name]) => !skip.has(name)));
		const [name, text] = asAws(operation.name, headers['x-amzn-errortype'], payload);
		response.writeHead(answer.status, name === undefined ? headers : {...headers, 'x-amzn-errortype': name});
		response.end(text);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	return {
		url: `http://127.0.0.1:${port}`,
		injected,
		async close() {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
