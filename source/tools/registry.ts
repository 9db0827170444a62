// The registry adapter: reads an image manifest over the registry's HTTP API
// (OCI distribution, which ECR speaks with basic auth), to learn which image a
// digest or tag holds without pulling it. Read-only.
import {createHash} from 'node:crypto';
import {InterruptedError, RunError} from '../errors.js';

export interface RegistryAccess {
	/** host[:port] */
	host: string;
	/** Plain HTTP instead of HTTPS. */
	insecure: boolean;
	username: string;
	password: string;
}

export interface ManifestFacts {
	/** The manifest's own digest: what a reference by digest names. */
	digest: string;
	/** The image's config digest, which is its image ID in docker and podman; absent for a multi-platform index. */
	configDigest?: string | undefined;
	/** The manifest's media type: an image manifest, or an index (a list of them), which Lambda does not take. */
	mediaType?: string | undefined;
}

/** An image index: a list of manifests (several platforms, or an image with its attestations). */
const indexMediaTypes = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

export const isImageIndex = (mediaType: string | undefined) => mediaType !== undefined && indexMediaTypes.includes(mediaType);

const accept = [
	'application/vnd.oci.image.manifest.v1+json',
	'application/vnd.docker.distribution.manifest.v2+json',
	'application/vnd.oci.image.index.v1+json',
	'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** `reference` is a tag or a digest; undefined when the registry has no such manifest. */
export async function readManifest(access: RegistryAccess, repository: string, reference: string, signal?: AbortSignal): Promise<ManifestFacts | undefined> {
	const url = `${access.insecure ? 'http' : 'https'}://${access.host}/v2/${repository}/manifests/${reference}`;
	let response: Response;
	try {
		response = await fetch(url, {
			headers: {
				accept,
				authorization: `Basic ${Buffer.from(`${access.username}:${access.password}`).toString('base64')}`,
			},
			...(signal ? {signal} : {}),
		});
	} catch (error) {
		if (signal?.aborted) {
			throw new InterruptedError();
		}

		throw new RunError(`Cannot reach the image registry ${access.host}: ${(error as Error).cause ?? (error as Error).message}`, 'Check the network, or the --registry URL (http:// for a plain-HTTP registry).');
	}

	if (response.status === 404) {
		return undefined;
	}

	if (!response.ok) {
		throw new RunError(`The image registry ${access.host} answered ${response.status} for ${repository}:${reference}.`, response.status === 401 || response.status === 403
			? 'The registry refused the ECR login: check that the credentials may call ecr:BatchGetImage on the repository.'
			: undefined);
	}

	const body = Buffer.from(await response.arrayBuffer());
	const digest = response.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
	let manifest: {config?: {digest?: string}; mediaType?: string; manifests?: unknown};
	try {
		manifest = JSON.parse(body.toString('utf8')) as typeof manifest;
	} catch {
		manifest = {};
	}

	// The body's own mediaType, else the header's; an OCI index may carry neither but lists manifests.
	const header = response.headers.get('content-type')?.split(';')[0]?.trim();
	const mediaType = manifest.mediaType ?? header ?? (Array.isArray(manifest.manifests) ? indexMediaTypes[0] : undefined);
	return {digest, configDigest: manifest.config?.digest, ...(mediaType ? {mediaType} : {})};
}
