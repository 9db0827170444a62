// moto (5.x) does not implement Lambda's GetAccountSettings. This forwards every
// request to moto unchanged and answers only that one call, with the account
// limits a test chooses, so the built CLI can meet an account near its
// unreserved-concurrency floor while everything else is real moto.
import {once} from 'node:events';
import {createServer} from 'node:http';
import {bodyOf} from './http.js';

export interface AccountLimits {
	concurrentExecutions: number;
	unreservedConcurrentExecutions: number;
}

export interface AccountSettingsProxy {
	url: string;
	close(): Promise<void>;
}

export async function accountSettingsProxy(target: string, limits: AccountLimits): Promise<AccountSettingsProxy> {
	const server = createServer(async (request, response) => {
		if (/^\/2016-08-19\/account-settings\/?$/.test(request.url ?? '')) {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end(JSON.stringify({
				AccountLimit: {
					ConcurrentExecutions: limits.concurrentExecutions,
					UnreservedConcurrentExecutions: limits.unreservedConcurrentExecutions,
					TotalCodeSize: 80_530_636_800,
					CodeSizeUnzipped: 262_144_000,
					CodeSizeZipped: 52_428_800,
				},
				AccountUsage: {TotalCodeSize: 0, FunctionCount: 0},
			}));
			return;
		}

		const body = await bodyOf(request);
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
		const answer = await fetch(`${target}${request.url ?? '/'}`, {
			method: request.method ?? 'GET',
			headers,
			...(body.length > 0 ? {body} : {}),
		});
		const skip = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
		response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !skip.has(name))));
		response.end(Buffer.from(await answer.arrayBuffer()));
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			server.close();
			await once(server, 'close');
		},
	};
}
