// moto (5.x) does not implement Lambda's GetAccountSettings. This forwards every
// request to moto unchanged and answers only that one call, with the account
// limits a test chooses, so the built CLI can meet an account near its
// unreserved-concurrency floor while everything else is real moto.
import {createServer} from 'node:http';
import {bodyOf, forward, listenLocally} from './http.js';

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

		await forward(target, request, await bodyOf(request), response);
	});
	return listenLocally(server);
}
