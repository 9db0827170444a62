// Plans a container image in one region: the ECR repository, and the push of
// the image `build` made, skipped when the function already runs that very
// image. Pure. Also the naming rules of image references, shared by build and deploy.
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {partitionOf} from './arns.js';
import type {Action, DesiredImage, ImageRef, ImageSource, ObservedImage, RegistryOverride} from './types.js';

/** The tag `build` gives an image, one per architecture: <repository>:<arch>. */
export const localImageTag = (repository: string, architecture: string) => `${repository}:${architecture}`;

/** ECR's registry host in an account and region: a repository's URI is <host>/<name>. */
export const ecrHost = (account: string, region: string) =>
	`${account}.dkr.ecr.${region}.amazonaws.com${partitionOf(region) === 'aws-cn' ? '.cn' : ''}`;

const ecrHostPattern = /^\d{12}\.dkr\.ecr\.([a-z\d-]+)\.amazonaws\.com(\.cn)?$/;

/** The registry host of a reference: what comes before the first "/". */
export const hostOf = (reference: string) => reference.split('/')[0] ?? '';

/** The region of an ECR image reference, undefined for another registry. */
export const ecrRegionOf = (reference: string) => ecrHostPattern.exec(hostOf(reference))?.[1];

/** "sha256:…" of a reference by digest (host/name@sha256:…), else undefined. */
export const digestOf = (reference: string) => /@(sha256:[a-f\d]{64})$/.exec(reference)?.[1];

/** host/name of a reference, without its tag or digest. */
export function repositoryOf(reference: string): string {
	const name = reference.split('@')[0]!;
	const colon = name.lastIndexOf(':');
	return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/** A digest shortened for people: sha256:0123456789ab. */
export const shortDigest = (digest: string) => digest.slice(0, 'sha256:'.length + 12);

export function desiredImage(spec: Spec, source: ImageSource, registry?: RegistryOverride): DesiredImage {
	return {
		repository: spec.image?.repository ?? spec.project.name,
		architecture: spec.project.architecture,
		source,
		...(registry ? {registry} : {}),
	};
}

export interface ImagePlan {
	actions: Action[];
	/** The image the function is to run. */
	ref: ImageRef;
}

/**
 * `running` is the image the function runs now (by digest), `account` names
 * ECR's host before the repository exists (for the plan's words only: the push
 * asks ECR for the repository's URI).
 */
export function planImage(image: DesiredImage, where: {region: string; account?: string | undefined}, observed: ObservedImage | undefined, running: string | undefined): ImagePlan {
	const {source, repository} = image;
	if (source.kind === 'given') {
		// A given image lives where its owner put it: deploy neither makes its repository nor pushes it.
		return {actions: [], ref: {uri: source.uri}};
	}

	const make = actionsIn(where.region);
	const host = image.registry?.host
		?? (observed?.repositoryUri ? hostOf(observed.repositoryUri) : ecrHost(where.account ?? '<account>', where.region));
	const actions: Action[] = [observed?.repositoryUri
		? noOp(make, `ECR repository ${repository} exists`)
		: make('create', `Create ECR repository ${repository}`, {type: 'create-repository', repository})];

	if (running !== undefined && observed?.runningImageIds.includes(source.imageId)) {
		actions.push(noOp(make, `Image ${source.localTag} already deployed (${shortDigest(digestOf(running) ?? running)})`));
		return {actions, ref: {uri: running}};
	}

	actions.push(make('create', `Push image ${source.localTag} to ${host}/${repository}`, {type: 'push-image', image, registryHost: host}, [
		`local image ${shortDigest(source.imageId)}`,
	]));
	return {actions, ref: {pushed: true}};
}
