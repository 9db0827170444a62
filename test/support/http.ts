// Small pieces the test proxies in front of moto share.
import {once} from 'node:events';
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** A request's whole body. */
export async function bodyOf(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks);
}

/** Sends a request on to `target` as it came (body already read), and its answer back. */
export async function forward(target: string, request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
	const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
	const answer = await fetch(`${target}${request.url ?? '/'}`, {method: request.method ?? 'GET', headers, ...(body.length > 0 ? {body} : {})});
	const skip = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
	response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !skip.has(name))));
	response.end(Buffer.from(await answer.arrayBuffer()));
}

/** Starts a test server on a free local port: its URL, and how to stop it (open connections too). */
export async function listenLocally(server: Server): Promise<{url: string; close: () => Promise<void>}> {
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
