// A proxy in front of moto that checks PublishVersion's CodeSha256 as Lambda does (moto
// ignores it): a hash that is not $LATEST's is refused with Lambda's own error, and no
// version is made. `beforePublish` runs first: a test changes the code there, as another
// deploy racing this one would.
import {createServer} from 'node:http';
import {bodyOf, forward, listenLocally} from './http.js';

export interface CodeShaProxy {
	url: string;
	/** The PublishVersion calls refused. */
	refused: number;
	close(): Promise<void>;
}

const publishPath = /^\/2015-03-31\/functions\/([^/]+)\/versions$/;

/** `currentCodeSha256`: what $LATEST of the function holds now, read from moto by the test's own client (moto routes by the signature). */
export async function codeShaProxy(target: string, hooks: {beforePublish: () => Promise<void>; currentCodeSha256: (functionName: string) => Promise<string | undefined>}): Promise<CodeShaProxy> {
	const state = {refused: 0};
	const server = createServer(async (request, response) => {
		const body = await bodyOf(request);
		const path = new URL(request.url ?? '/', 'http://proxy').pathname;
		const publish = request.method === 'POST' ? publishPath.exec(path) : null;
		if (publish) {
			await hooks.beforePublish();
			const asked = (JSON.parse(body.toString('utf8') || '{}') as {CodeSha256?: string}).CodeSha256;
			const current = await hooks.currentCodeSha256(decodeURIComponent(publish[1]!));
			if (asked !== undefined && asked !== current) {
				state.refused++;
				response.writeHead(400, {'content-type': 'application/json', 'x-amzn-errortype': 'InvalidParameterValueException'});
				response.end(JSON.stringify({Type: 'User', message: `CodeSHA256 (${asked}) is different from current CodeSHA256 in $LATEST (${current ?? ''}). Please try again with the CodeSHA256 in $LATEST.`}));
				return;
			}
		}

		await forward(target, request, body, response);
	});
	const {url, close} = await listenLocally(server);
	return {
		url,
		get refused() {
			return state.refused;
		},
		close,
	};
}
