// The push step of an image deploy: log in to the repository's registry with
// ECR's password on standard input, tag the local image, push it, and say which
// digest the registry stored: the function is given its image by that digest.
import {indexRefused, RegistryLoginError, registryLogin, repositoryUri as findRepository} from '../deploy/image.js';
import {request, type AwsSender} from '../deploy/request.js';
import type {ManifestReader} from '../deploy/resource.js';
import {isImageIndex} from '../tools/registry.js';
import type {DesiredImage} from '../deploy/types.js';
import {ProgramError, RunError} from '../errors.js';
import {hostOf, shortDigest} from '../plan/image.js';
import type {ContainerTool} from '../tools/container.js';

export interface PushContext {
	aws: AwsSender;
	container: ContainerTool;
	/** The registry adapter: the pushed digest must be one image manifest, not an index. */
	readManifest?: ManifestReader | undefined;
	signal?: AbortSignal | undefined;
	report: (line: string) => void;
}

/** Logs in to the repository's registry (password on stdin), tags and pushes; returns the image URI by digest. */
export async function pushImage(image: DesiredImage, context: PushContext): Promise<string> {
	const {signal, aws, container} = context;
	if (image.source.kind !== 'built') {
		throw new Error('internal: only a built image is pushed');
	}

	// Asked now, not at planning: a repository created in this run has its URI only now.
	const repositoryUri = image.registry ? `${image.registry.host}/${image.repository}` : await findRepository(aws, image.repository, signal);
	if (repositoryUri === undefined) {
		throw new RunError(`ECR repository ${image.repository} does not exist.`, 'Run deploy again: it creates the repository first.');
	}

	const host = hostOf(repositoryUri);
	const insecure = image.registry?.insecure ?? false;
	const login = registryLogin(await aws.send(request('ecr', 'GetAuthorizationToken', {}), signal));
	if (login === undefined) {
		throw new RunError(`ECR returned no usable authorization token (${aws.region}).`, 'Check that the credentials may call ecr:GetAuthorizationToken.');
	}

	context.report(`logging in to ${host}`);
	try {
		await container.login(host, {username: login.username, password: login.password, insecure}, signal);
	} catch (error) {
		// The tool's failure would say to log in by hand, which waits on standard input: said with deploy's own fix instead.
		if (error instanceof ProgramError) {
			const reason = error.lastLines.findLast(line => line.trim() !== '') ?? error.headline;
			throw new RegistryLoginError({tool: container.name, host, insecure, fromFlag: image.registry !== undefined, region: aws.region, reason});
		}

		throw error;
	}

	const remote = `${repositoryUri}:${image.architecture}`;
	await container.tag(image.source.localTag, remote, signal);
	const digest = await container.push(remote, {insecure, signal, onLine: context.report});
	context.report(`pushed ${remote} (${shortDigest(digest)})`);
	const pushed = `${repositoryUri}@${digest}`;
	// Lambda refuses an index (a builder that added attestations): said now, before the function is touched.
	const manifest = await context.readManifest?.({host, insecure, ...login}, image.repository, digest, signal);
	if (isImageIndex(manifest?.mediaType)) {
		throw indexRefused(pushed, manifest!.mediaType!);
	}

	return pushed;
}
