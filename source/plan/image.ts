// The naming rules of image references, shared by build and deploy. Pure.
import {dnsSuffixOf} from './arns.js';

/** The tag `build` gives an image, one per architecture: <repository>:<arch>. */
export const localImageTag = (repository: string, architecture: string) => `${repository}:${architecture}`;

/** ECR's registry host in an account and region: a repository's URI is <host>/<name>. */
export const ecrHost = (account: string, region: string) => `${account}.dkr.ecr.${region}.${dnsSuffixOf(region)}`;

const ecrHostPattern = /^(\d{12})\.dkr\.ecr\.([a-z\d-]+)\.([a-z\d.-]+)$/;

/** The registry host of a reference: what comes before the first "/". */
export const hostOf = (reference: string) => reference.split('/')[0] ?? '';

/** The account and region of an ECR registry host (the region's own DNS suffix), undefined for another registry. */
function ecrHostParts(host: string): {account: string; region: string} | undefined {
	const match = ecrHostPattern.exec(host);
	return match && dnsSuffixOf(match[2]!) === match[3] ? {account: match[1]!, region: match[2]!} : undefined;
}

/** The region of an ECR image reference, undefined for another registry. */
export const ecrRegionOf = (reference: string) => ecrHostParts(hostOf(reference))?.region;

/** The account of an ECR image reference, undefined for another registry. */
export const ecrAccountOf = (reference: string) => ecrHostParts(hostOf(reference))?.account;

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
