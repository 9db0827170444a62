// A container image in one region: the ECR repository, and the push of the
// image `build` made, skipped when the function already runs that very image
// (the registry says which image a digest holds: its config digest is the local
// image's ID). A given image (--image) lives where its owner put it: nothing to do.
import {RunError} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {digestOf, ecrHost, ecrRegionOf, hostOf, localImageTag, repositoryOf, shortDigest} from '../plan/image.js';
import {actionsIn, type Action} from './action.js';
import {andThen, pipeTo, shellLine, withAwsArgs} from './aws-cli.js';
import {orMissing, request, type AwsSender, type Output} from './request.js';
import type {Anchor, ManifestReader, RegionResource, RegionTarget} from './resource.js';
import type {DesiredFunction, DesiredImage, ImageRef, ImageSource, ObservedImage, RegistryOverride} from './types.js';

export function desiredImage(spec: Spec, source: ImageSource, registry?: RegistryOverride): DesiredImage {
	return {
		repository: spec.image?.repository ?? spec.project.name,
		architecture: spec.project.architecture,
		source,
		...(registry ? {registry} : {}),
	};
}

export interface RegistryLogin {
	username: string;
	password: string;
}

/** ECR's token is base64 of "AWS:<password>"; the password stays in memory, for a login on standard input. */
export function registryLogin(answer: Output<'ecr', 'GetAuthorizationToken'>): RegistryLogin | undefined {
	const decoded = Buffer.from(answer.authorizationData?.[0]?.authorizationToken ?? '', 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : {username: decoded.slice(0, colon), password: decoded.slice(colon + 1)};
}

/** What a failed registry login knows; deploy adds what only it knows (the emulator, the command line). */
export interface LoginFailure {
	tool: 'docker' | 'podman';
	host: string;
	/** The login went over plain HTTP (--registry http://…). */
	insecure: boolean;
	/** The host came from --registry, not from ECR's repository URI. */
	fromFlag: boolean;
	region: string;
	/** The tool's own words. */
	reason: string;
}

export interface LoginContext {
	/** AWS calls go to an emulator (--endpoint-url, AWS_ENDPOINT_URL). */
	endpointUrl?: string | undefined;
	/** Added to an `aws` command so it reaches the same place (--profile, --endpoint-url). */
	awsArgs?: readonly string[];
	/** This deploy's command line with `--registry URL`. */
	rerunWith?: (registryUrl: string) => string;
}

/** The plain-HTTP answer a TLS client gets. */
const plainHttpAnswer = /HTTP response to HTTPS client/i;

/**
 * How to go on after a failed login. Never the login by hand that the tool's
 * own hint would give: it waits on standard input for a password nobody has.
 * Against an emulator the fix is deploy's own --registry, on the line to run again.
 */
function loginFix({tool, host, insecure, fromFlag, region, reason}: LoginFailure, context: LoginContext): string {
	const again = (url: string) => (context.rerunWith ? `: ${context.rerunWith(url)}` : '');
	const plain = plainHttpAnswer.test(reason);
	if (fromFlag) {
		const url = `${insecure ? 'http' : 'https'}://${host}`;
		return !insecure && plain
			? `${host} speaks plain HTTP: give it as --registry http://${host}${again(`http://${host}`)}`
			: `Check that a registry answers at ${url} (curl ${url}/v2/), or point --registry at one that does, then run again${again(url)}`;
	}

	if (ecrRegionOf(host) === undefined) {
		return `${host} is not ECR's own host but an emulator's registry${plain ? ', and it speaks plain HTTP' : ''}: push to it with --registry http://${host} (no TLS)${again(`http://${host}`)}`;
	}

	if (context.endpointUrl) {
		return `The emulator at ${context.endpointUrl} names ECR's real host, where it runs no registry: push to a registry beside it, e.g. a local one (\`${tool} run -d -p 5001:5000 docker.io/library/registry:2\`: moto's own default port is 5000), with --registry http://127.0.0.1:5001${again('http://127.0.0.1:5001')}`;
	}

	const login = shellLine(withAwsArgs(['aws', 'ecr', 'get-login-password', '--region', region, pipeTo, tool, 'login', '--username', 'AWS', '--password-stdin', host], context.awsArgs ?? []));
	return `Check that ${tool} reaches ${host} and that the credentials may call ecr:GetAuthorizationToken; to try the login alone: ${login}`;
}

/** A registry login that failed: what the tool said, and the fix for where the push went. */
export class RegistryLoginError extends RunError {
	constructor(
		readonly failure: LoginFailure,
		context: LoginContext = {},
	) {
		super(`${failure.tool} could not log in to ${failure.host}: ${failure.reason}`, loginFix(failure, context));
	}

	/** Said with what deploy knows: the emulator, and its command line to run again. */
	explained(context: LoginContext): RegistryLoginError {
		return new RegistryLoginError(this.failure, context);
	}
}

/** Lambda takes one image manifest, not an index (several platforms, or an image with docker's attestations). */
export function indexRefused(uri: string, mediaType: string): RunError {
	return new RunError(
		`Image ${uri} is an image index (${mediaType}), which Lambda does not take: it needs a single image manifest.`,
		'Build it with `docker build --provenance=false --sbom=false` (as `rust-lambda-wizard build` does) and push again, or give the digest of the one platform\'s manifest (`docker buildx imagetools inspect URI` lists them).',
	);
}

/** The repository's URI (host/name), or undefined when it does not exist. */
export async function repositoryUri(aws: AwsSender, repository: string, signal?: AbortSignal): Promise<string | undefined> {
	const found = await orMissing(aws.send(request('ecr', 'DescribeRepositories', {repositoryNames: [repository]}), signal));
	return found?.repositories?.[0]?.repositoryUri;
}

/** The image side of one region's read phase: the repository, and whether the function runs the image deploy would push. */
async function observeImage(image: DesiredImage, running: string | undefined, aws: AwsSender, readManifest: ManifestReader, signal?: AbortSignal): Promise<ObservedImage> {
	const uri = await repositoryUri(aws, image.repository, signal);
	const home = image.registry ? `${image.registry.host}/${image.repository}` : uri;
	const digest = running === undefined ? undefined : digestOf(running);
	if (uri === undefined || home === undefined || digest === undefined || repositoryOf(running!) !== home) {
		return {repositoryUri: uri, runningImageIds: []};
	}

	const login = registryLogin(await aws.send(request('ecr', 'GetAuthorizationToken', {}), signal));
	if (login === undefined) {
		return {repositoryUri: uri, runningImageIds: []};
	}

	const manifest = await readManifest({host: hostOf(home), insecure: image.registry?.insecure ?? false, ...login}, image.repository, digest, signal);
	return {repositoryUri: uri, runningImageIds: [digest, ...(manifest?.configDigest ? [manifest.configDigest] : [])]};
}

const imageOf = (desired: DesiredFunction) => (desired.code.packageType === 'Image' ? desired.code.image : undefined);

/** Whether the push can be skipped: the function already runs the image `build` made. */
const alreadyRunning = (image: DesiredImage, observed: ObservedImage | undefined, running: string | undefined) =>
	running !== undefined && image.source.kind === 'built' && (observed?.runningImageIds.includes(image.source.imageId) ?? false);

/** The image the function is to run: a given one, the one it runs already, or the one pushed earlier in this plan. */
export function imageRef(desired: DesiredFunction, anchor: Anchor, before: readonly Action[]): ImageRef {
	const image = imageOf(desired);
	if (image?.source.kind === 'given') {
		return {uri: image.source.uri};
	}

	const pushed = before.some(action => action.step?.kind === 'push-image');
	const running = anchor.function?.imageUri;
	return pushed || running === undefined ? {pushed: true} : {uri: running};
}

/** The push as a person would type it. */
function pushWords(image: DesiredImage, region: string, registryHost: string): string[] {
	const local = image.source.kind === 'built' ? image.source.localTag : localImageTag(image.repository, image.architecture);
	const remote = `${registryHost}/${localImageTag(image.repository, image.architecture)}`;
	return [
		'aws', 'ecr', 'get-login-password', '--region', region, pipeTo,
		'docker', 'login', '--username', 'AWS', '--password-stdin', registryHost, andThen,
		'docker', 'tag', local, remote, andThen,
		'docker', 'push', remote,
	];
}

function planImage(image: DesiredImage, where: {region: string; account?: string | undefined}, observed: ObservedImage | undefined, running: string | undefined): Action[] {
	const {source, repository} = image;
	if (source.kind === 'given') {
		return [];
	}

	const make = actionsIn(where.region);
	const host = image.registry?.host
		?? (observed?.repositoryUri ? hostOf(observed.repositoryUri) : ecrHost(where.account ?? '<account>', where.region));
	const actions: Action[] = [observed?.repositoryUri
		? make.noOp(`ECR repository ${repository} exists`)
		: make.request('create', `Create ECR repository ${repository}`, request('ecr', 'CreateRepository', {repositoryName: repository}), [], {
			alreadyExists: 'RepositoryAlreadyExistsException',
		})];

	if (alreadyRunning(image, observed, running)) {
		actions.push(make.noOp(`Image ${source.localTag} already deployed (${shortDigest(digestOf(running!) ?? running!)})`));
		return actions;
	}

	actions.push(make.step('create', `Push image ${source.localTag} to ${host}/${repository}`, {kind: 'push-image', image, registryHost: host}, pushWords(image, where.region, host), [
		`local image ${shortDigest(source.imageId)}`,
	]));
	return actions;
}

export const imageResource: RegionResource<{image?: ObservedImage}> = {
	name: 'image',
	async observe({aws, readManifest}, target: RegionTarget, anchor, signal) {
		const image = imageOf(target.function);
		return image?.source.kind === 'built' ? {image: await observeImage(image, anchor.function?.imageUri, aws, readManifest, signal)} : {};
	},
	plan(observed, {target, anchor}) {
		const image = imageOf(target.function);
		return image ? planImage(image, target, observed.image, anchor.function?.imageUri) : [];
	},
	// ECR's host names the account.
	needsAccount: spec => spec.project.packaging === 'image',
};
