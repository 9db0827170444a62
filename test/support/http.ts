// Small pieces the test proxies in front of moto share.
import type {IncomingMessage} from 'node:http';

/** A request's whole body. */
export async function bodyOf(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks);
}
