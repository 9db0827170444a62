// What deploy ships: the zip, or the image (the one `build` made, or a URI
// given with --image, pinned to its digest).
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import type {Terminal} from '../cli/context.js';
import {RunError, UsageError} from '../errors.js';
import {zipSizeProblem} from '../plan/build-sizes.js';
import {cargoLambdaBuildCommand, cargoLambdaOutput} from '../plan/build.js';
import {functionZipProblem} from '../plan/function-zip.js';
import {digestOf, ecrAccountOf, ecrRegionOf, hostOf, localImageTag, repositoryOf} from '../plan/image.js';
import {indexRefused, registryLogin} from './image.js';
import {request, type AwsSender} from './request.js';
import type {ManifestReader} from './resource.js';
import type {ImageSource, RegistryOverride, ZipArtifact} from './types.js';
import {architectureTargets} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {cargoTargetDir} from '../tools/cargo.js';
import {chooseContainerTool, containerFacts, containerTool, noContainerTool, type ContainerTool} from '../tools/container.js';
import {readZip} from '../tools/files.js';
import {isImageIndex} from '../tools/registry.js';
import {listZip, zipEntryHead} from '../tools/zip.js';

/** `assumed`: what a --dry-run stood in for, said with the plan (the artifact is not built yet). */
export type Shipment = (
	| {packageType: 'Zip'; zip: ZipArtifact; bytes: Uint8Array}
	| {packageType: 'Image'; source: ImageSource; registry?: RegistryOverride | undefined; container?: ContainerTool | undefined}
) & {assumed?: string};

/** What stands for an artifact a --dry-run plans without: it matches no code AWS has. */
const notBuilt = '<not built yet>';

interface ShipmentInput {
	spec: Spec;
	flags: {readonly image?: string | undefined; readonly zip?: string | undefined; readonly registry?: string | undefined};
	terminal: Pick<Terminal, 'cwd' | 'env'>;
	/** The folder holding rust-lambda.toml: the Cargo project, whose target/ build writes to. */
	projectDir: string;
	regions: readonly string[];
	/** --dry-run: a missing artifact is planned as new code instead of refused. */
	planOnly?: boolean;
	/** The first region's sender, for an --image: the account (STS) and ECR's login. */
	aws: () => AwsSender;
	/** The registry adapter: an --image's manifest (its digest, and whether it is an index). */
	readManifest: ManifestReader;
	signal: AbortSignal;
}

export async function shipment(input: ShipmentInput): Promise<Shipment> {
	const {spec, flags} = input;
	const {image} = flags;
	if (spec.project.packaging === 'zip') {
		if (image !== undefined) {
			throw new UsageError('--image deploys a container image, but project.packaging is "zip": set packaging = "image" in rust-lambda.toml.', 'deploy');
		}

		return zipShipment(spec, flags, input);
	}

	if (flags.zip !== undefined) {
		throw new UsageError('--zip deploys a ZIP, but project.packaging is "image": pass --image URI, or let deploy push the image `build` made.', 'deploy');
	}

	const registry = registryOverride(flags.registry);
	if (image !== undefined) {
		return {packageType: 'Image', source: await givenImage(image, input, registry), registry};
	}

	return builtImage(spec, input, registry);
}

async function zipShipment(spec: Spec, flags: ShipmentInput['flags'], {terminal, projectDir, signal, planOnly}: ShipmentInput): Promise<Shipment> {
	const given = flags.zip;
	// Where `build` (and cargo lambda) put it: the target directory build asked cargo for; without cargo, where cargo would put it.
	const zipPath = given === undefined
		? join((await cargoTargetDir({env: terminal.env, cwd: projectDir, signal})).dir, 'lambda', cargoLambdaOutput('function', spec.project.name, true))
		: resolve(terminal.cwd, given);
	if (planOnly && !existsSync(zipPath)) {
		return {
			packageType: 'Zip',
			zip: {path: zipPath, sha256: notBuilt, bytes: 0},
			bytes: new Uint8Array(),
			assumed: `${zipPath} is not built yet: the plan shows it as new code (build it with \`rust-lambda-wizard build\` before deploying).`,
		};
	}

	const {bytesRead, ...zip} = await readZip(zipPath, `Build it with \`rust-lambda-wizard build\` (or \`${cargoLambdaBuildCommand({layout: 'function', architecture: spec.project.architecture, zip: true})}\`), or pass --zip PATH.`);
	const entries = listZip(bytesRead);
	const problem = zipSizeProblem(zipPath, zip.bytes, entries.reduce((sum, entry) => sum + entry.size, 0))
		?? functionZipProblem(zipPath, entries, zipEntryHead(bytesRead, 'bootstrap'), spec.project.architecture);
	if (problem) {
		throw problem;
	}

	return {packageType: 'Zip', zip, bytes: bytesRead};
}

/** --registry URL: where images go instead of ECR's own host; http:// marks a plain-HTTP registry. */
export function registryOverride(value: string | undefined): RegistryOverride | undefined {
	if (value === undefined) {
		return undefined;
	}

	const match = /^(?:(https?):\/\/)?([\w.-]+(?::\d+)?)\/?$/.exec(value.trim());
	if (!match) {
		throw new UsageError(`--registry ${value}: expected a registry host, like http://127.0.0.1:5000 or registry.example.com.`, 'deploy');
	}

	return {host: match[2]!, insecure: match[1] === 'http'};
}

async function builtImage(spec: Spec, input: ShipmentInput, registry: RegistryOverride | undefined): Promise<Shipment> {
	const facts = await containerFacts(input.terminal.env, input.signal);
	const name = chooseContainerTool(facts);
	const localTag = localImageTag(spec.image?.repository ?? spec.project.name, spec.project.architecture);
	const unbuilt = (why: string): Shipment => ({
		packageType: 'Image',
		source: {kind: 'built', localTag, imageId: notBuilt},
		registry,
		assumed: `${why}: the plan shows ${localTag} as a new image to push (build it with \`rust-lambda-wizard build\` before deploying).`,
	});
	if (name === undefined) {
		if (input.planOnly) {
			return unbuilt('neither docker nor podman is here to look for the image');
		}

		throw noContainerTool(facts);
	}

	const container = containerTool(name, input.terminal.env);
	const local = await container.imageFacts(localTag, input.signal);
	if (local === undefined && input.planOnly) {
		return unbuilt(`there is no image ${localTag} in ${name}'s store yet`);
	}

	if (local === undefined) {
		throw new RunError(`There is no image ${localTag} in ${name}'s local image store.`, 'Build it with `rust-lambda-wizard build`, or deploy an image from a registry with --image URI.');
	}

	const wanted = architectureTargets[spec.project.architecture].container;
	if (local.architecture !== wanted) {
		throw new RunError(
			`Image ${localTag} is for ${local.architecture}, but project.architecture is ${spec.project.architecture} (${wanted}).`,
			'Build it again with `rust-lambda-wizard build` (it builds for project.architecture).',
		);
	}

	return {packageType: 'Image', source: {kind: 'built', localTag, imageId: local.id}, registry, container};
}

/**
 * An image given by URI: it must be where Lambda can pull it from (ECR in the
 * function's region), or on the --registry host that stands in for ECR. ECR's
 * login goes only to a host it was issued for: this account's ECR in that
 * region, or --registry; any other host is refused before any call. The
 * manifest is read to pin a tag to its digest and to refuse an image index.
 */
async function givenImage(uri: string, input: ShipmentInput, registry: RegistryOverride | undefined): Promise<ImageSource> {
	if (!/^[\w.-]+(:\d+)?\/[a-z\d._/-]+(:[\w.-]+|@sha256:[a-f\d]{64})$/.test(uri)) {
		throw new UsageError(`--image ${uri}: expected an image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:arm64 or …/orders@sha256:…`, 'deploy');
	}

	const host = hostOf(uri);
	const onRegistry = registry?.host === host;
	const home = ecrRegionOf(uri);
	if (!onRegistry && home === undefined) {
		throw new UsageError(
			`--image ${uri}: ${host} is not ECR${registry ? ` nor the --registry host ${registry.host}` : ''}. Lambda pulls images only from ECR, and deploy sends ECR's login to no other host.`,
			'deploy',
		);
	}

	if (!onRegistry && home !== undefined && input.regions.some(region => region !== home)) {
		throw new RunError(
			`Image ${uri} is in ECR in ${home}; Lambda pulls an image only from ECR in the function's own region, and this deploy goes to ${input.regions.join(', ')}.`,
			`Deploy it to ${home} alone (--region ${home}), or let deploy push the image \`build\` made to every region (leave out --image).`,
		);
	}

	const aws = input.aws();
	if (!onRegistry) {
		const account = (await aws.send(request('sts', 'GetCallerIdentity', {}), input.signal)).Account;
		if (account !== ecrAccountOf(uri)) {
			throw new RunError(
				`Image ${uri} is in the ECR registry of account ${ecrAccountOf(uri)}, not of this account (${account ?? 'unknown'}): deploy sends this account's ECR login only to its own registry.`,
				'Copy the image into this account\'s ECR repository in that region and give its URI, or let deploy push the image `build` made (leave out --image).',
			);
		}
	}

	const login = registryLogin(await aws.send(request('ecr', 'GetAuthorizationToken', {}), input.signal));
	if (login === undefined) {
		throw new RunError('ECR returned no usable authorization token.', 'Check that the credentials may call ecr:GetAuthorizationToken.');
	}

	const repository = repositoryOf(uri).slice(host.length + 1);
	const reference = digestOf(uri) ?? uri.slice(repositoryOf(uri).length + 1);
	const manifest = await input.readManifest({host, insecure: onRegistry && registry.insecure, username: login.username, password: login.password}, repository, reference, input.signal);
	if (manifest === undefined) {
		throw new RunError(`There is no image ${uri} in its registry.`, 'Push it first, or check the repository and tag.');
	}

	if (isImageIndex(manifest.mediaType)) {
		throw indexRefused(uri, manifest.mediaType!);
	}

	// By tag: Lambda would pin whatever the tag holds when it is called; deploy pins it now, so a rerun compares digests.
	return {kind: 'given', uri: `${repositoryOf(uri)}@${manifest.digest}`};
}
