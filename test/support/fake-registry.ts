// A registry that serves only manifests (the part of the OCI distribution API
// deploy reads), on a free loopback port, plain HTTP. It records each request
// with the credentials it carried, so a test can see who got ECR's login.
import {createHash} from 'node:crypto';
import {createServer} from 'node:http';
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';

export const mediaTypes = {
	manifest: 'application/vnd.docker.distribution.manifest.v2+json',
	ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

export interface FakeRegistry {
	/** host:port, as image references name it. */
	host: string;
	/** Stores a manifest of that media type under a tag; returns its digest. */
	put(repository: string, tag: string, mediaType: string): string;
	/** "GET /v2/<repository>/manifests/<reference> as <user>", in order. */
	requests: string[];
	stop(): Promise<void>;
}

export async function startFakeRegistry(): Promise<FakeRegistry> {
	const manifests = new Map<string, {body: string; digest: string; mediaType: string}>();
	const requests: string[] = [];
	const server = createServer((request, response) => {
		const auth = request.headers.authorization ?? '';
		const user = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] : 'nobody';
		requests.push(`${request.method} ${request.url} as ${user}`);
		const found = manifests.get(request.url ?? '');
		if (found === undefined) {
			response.writeHead(404).end();
			return;
		}

		response.writeHead(200, {'content-type': found.mediaType, 'docker-content-digest': found.digest}).end(found.body);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		host,
		requests,
		put(repository, tag, mediaType) {
			const isIndex = mediaType === mediaTypes.ociIndex;
			const body = JSON.stringify(isIndex
				? {schemaVersion: 2, mediaType, manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'1'.repeat(64)}`, platform: {architecture: 'arm64', os: 'linux'}}]}
				: {schemaVersion: 2, mediaType, config: {mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'2'.repeat(64)}`}, layers: []});
			const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
			const entry = {body, digest, mediaType};
			manifests.set(`/v2/${repository}/manifests/${tag}`, entry);
			manifests.set(`/v2/${repository}/manifests/${digest}`, entry);
			return digest;
		},
		async stop() {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
