// The extension's layer in one region: its newest version is read (code hash,
// settings, grants), and a new version is published only when the zip or the
// layer's settings differ; otherwise the newest one is reused. Sharing is a
// grant per account or organization on the version the run ends with. The
// reads go through the injected sender; planning is pure.
import type {Spec} from '../spec/schema.js';
import {architectureLayerName, limits, runtime} from '../spec/limits.js';
import {actionsIn, withFacts, type Action} from './action.js';
import type {Made, Slot} from './aws-cli.js';
import {orMissing, request, type AwsSender} from './request.js';

/** The layer as `layer publish` (or deploy, for a companion extension) wants it in a region. */
export interface DesiredLayer {
	name: string;
	architecture: 'arm64' | 'x86_64';
	runtimes: ReadonlyArray<typeof runtime | 'provided.al2'>;
	description?: string | undefined;
	license?: string | undefined;
	/** The zip as Lambda hashes it (base64 SHA-256), and where it is, for the aws line. */
	codeSha256: string;
	zipPath: string;
	/** Account IDs and organization IDs (o-…) that may use it. */
	shareWith: readonly string[];
}

interface ObservedLayerVersion {
	version: number;
	arn: string;
	codeSha256: string;
	description?: string | undefined;
	license?: string | undefined;
	architectures: string[];
	runtimes: string[];
	/** The grants this tool made on it (statement ID share-<principal>), by principal. */
	shared: string[];
}

export interface ObservedLayer {
	/** Undefined: the layer has no version here yet. */
	newest?: ObservedLayerVersion | undefined;
}

/** The layer's name: [layer].name, else the extension's layer_name (which defaults to its name). */
export function layerNameOf(spec: Spec): string | undefined {
	return spec.layer?.name ?? spec.extension?.layer_name;
}

/**
 * Every layer the config publishes, one per architecture of layer.architectures (default: the
 * project's): with two, each is named <layer>-<architecture>; with one, <layer>. Empty without an extension.
 */
export function layersOf(spec: Spec): Array<{name: string; architecture: Spec['project']['architecture']}> {
	const name = layerNameOf(spec);
	const architectures = spec.layer?.architectures ?? [spec.project.architecture];
	return name === undefined ? [] : architectures.map(architecture => ({name: architectures.length > 1 ? architectureLayerName(name, architecture) : name, architecture}));
}

/** The layer the project's architecture is published as (layer publish builds each one as the project's). */
export function layerNameFor(spec: Spec): string | undefined {
	return layersOf(spec).find(layer => layer.architecture === spec.project.architecture)?.name ?? layerNameOf(spec);
}

export function desiredLayer(spec: Spec, zip: {path: string; sha256: string}): DesiredLayer {
	const name = layerNameFor(spec);
	if (name === undefined) {
		throw new Error('internal: a layer is planned for a project without an extension');
	}

	return {
		name,
		architecture: spec.project.architecture,
		runtimes: spec.layer?.compatible_runtimes ?? [runtime],
		description: spec.layer?.description,
		license: spec.layer?.license,
		codeSha256: zip.sha256,
		zipPath: zip.path,
		shareWith: spec.layer?.share_with ?? [],
	};
}

const sharePrefix = 'share-';
/** Where a publish in this run keeps the new version's ARN and number, for the grants and the summary. */
const madeArn: Made = 'output:layer-version-arn';
const madeVersion: Made = 'output:layer-version';

/** The newest version's code, settings and this tool's grants; ListLayerVersions lists newest first, page by page. */
export async function observeLayer(aws: AwsSender, name: string, signal?: AbortSignal): Promise<ObservedLayer> {
	let newest: {Version?: number | undefined} | undefined;
	let marker: string | undefined;
	do {
		const page = await orMissing(aws.send(request('lambda', 'ListLayerVersions', {LayerName: name, ...(marker ? {Marker: marker} : {})}), signal));
		for (const version of page?.LayerVersions ?? []) {
			if ((version.Version ?? 0) > (newest?.Version ?? 0)) {
				newest = version;
			}
		}

		marker = page?.NextMarker;
	} while (marker);

	if (newest?.Version === undefined) {
		return {};
	}

	const [got, policy] = await Promise.all([
		aws.send(request('lambda', 'GetLayerVersion', {LayerName: name, VersionNumber: newest.Version}), signal),
		orMissing(aws.send(request('lambda', 'GetLayerVersionPolicy', {LayerName: name, VersionNumber: newest.Version}), signal)),
	]);
	const statements = (JSON.parse(policy?.Policy ?? '{}') as {Statement?: Array<{Sid?: string}>}).Statement ?? [];
	return {
		newest: {
			version: newest.Version,
			arn: got.LayerVersionArn ?? '',
			codeSha256: got.Content?.CodeSha256 ?? '',
			description: got.Description || undefined,
			license: got.LicenseInfo || undefined,
			architectures: got.CompatibleArchitectures ?? [],
			runtimes: got.CompatibleRuntimes ?? [],
			shared: statements.flatMap(({Sid}) => (Sid?.startsWith(sharePrefix) ? [Sid.slice(sharePrefix.length)] : [])),
		},
	};
}

/** What makes the newest version not the one wanted, a line each; empty: reuse it. */
function layerDifferences(desired: DesiredLayer, newest: ObservedLayerVersion): string[] {
	const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join(',') === [...b].sort().join(',');
	return [
		...(newest.codeSha256 === desired.codeSha256 ? [] : [`code ${newest.codeSha256} → ${desired.codeSha256}`]),
		...(same(newest.architectures, [desired.architecture]) ? [] : [`architectures ${newest.architectures.join(', ') || 'none'} → ${desired.architecture}`]),
		...(same(newest.runtimes, desired.runtimes) ? [] : [`runtimes ${newest.runtimes.join(', ') || 'none'} → ${desired.runtimes.join(', ')}`]),
		...((newest.description ?? '') === (desired.description ?? '') ? [] : [`description "${newest.description ?? ''}" → "${desired.description ?? ''}"`]),
		...((newest.license ?? '') === (desired.license ?? '') ? [] : [`license "${newest.license ?? ''}" → "${desired.license ?? ''}"`]),
	];
}

/** A grant to an account, or to every account of an organization. */
function grantInput(name: string, version: number, principal: string) {
	const organization = principal.startsWith('o-');
	return {
		LayerName: name,
		VersionNumber: version,
		StatementId: `${sharePrefix}${principal}`,
		Action: 'lambda:GetLayerVersion',
		Principal: organization ? '*' : principal,
		...(organization ? {OrganizationId: principal} : {}),
	};
}

const versionSlot: Slot = {path: ['VersionNumber'], from: madeVersion, shown: ['--version-number', '<the version published above>']};

export function planLayer(desired: DesiredLayer, observed: ObservedLayer, region: string): Action[] {
	const make = actionsIn(region);
	const {name} = desired;
	const {newest} = observed;
	const differences = newest ? layerDifferences(desired, newest) : [];
	const fact = (value: string | {made: Made}) => [{key: 'layerVersionArn', label: `layer ${name}`, value}];

	if (newest && differences.length === 0) {
		const granted = new Set(newest.shared);
		const wanted = new Set(desired.shareWith);
		return [
			withFacts(make.noOp(`Layer ${name} version ${newest.version} has this code (CodeSha256 ${desired.codeSha256}): reused`), fact(newest.arn)),
			...desired.shareWith.map(principal => (granted.has(principal)
				? make.noOp(`Layer ${name}:${newest.version} shared with ${principal}`)
				: make.request('create', `Share layer ${name}:${newest.version} with ${principal}`, request('lambda', 'AddLayerVersionPermission', grantInput(name, newest.version, principal)), [], {
					alreadyExists: 'ResourceConflictException',
				}))),
			...newest.shared.filter(principal => !wanted.has(principal)).map(principal => make.request(
				'delete',
				`Stop sharing layer ${name}:${newest.version} with ${principal}`,
				request('lambda', 'RemoveLayerVersionPermission', {LayerName: name, VersionNumber: newest.version, StatementId: `${sharePrefix}${principal}`}),
				['no longer in layer.share_with'],
				{alreadyGone: 'ResourceNotFoundException'},
			)),
		];
	}

	const publish = make.request(
		newest ? 'update' : 'create',
		newest ? `Publish a new version of layer ${name} (newest now: ${newest.version})` : `Publish layer ${name}`,
		request('lambda', 'PublishLayerVersion', {
			LayerName: name,
			...(desired.description ? {Description: desired.description} : {}),
			...(desired.license ? {LicenseInfo: desired.license} : {}),
			CompatibleRuntimes: [...desired.runtimes],
			CompatibleArchitectures: [desired.architecture],
			Content: {},
		}),
		newest ? differences : [`CodeSha256 ${desired.codeSha256}`],
		{
			slots: [{path: ['Content', 'ZipFile'], from: 'zip', shown: ['--zip-file', `fileb://${desired.zipPath}`]}],
			keep: [{member: 'LayerVersionArn', as: madeArn}, {member: 'Version', as: madeVersion}],
		},
	);
	return [
		withFacts(publish, fact({made: madeArn})),
		// A new version starts with no grants: each one is made again on it.
		...desired.shareWith.map(principal => make.request('create', `Share the new layer version with ${principal}`, request('lambda', 'AddLayerVersionPermission', grantInput(name, 0, principal)), [], {
			slots: [versionSlot],
			alreadyExists: 'ResourceConflictException',
		})),
	];
}

/** A layer version ARN without its version: what names the layer. */
const layerOf = (arn: string) => arn.slice(0, arn.lastIndexOf(':'));

/**
 * The function's layers with this version of a layer: an older version of the same layer is
 * replaced where it stands, the others keep their order; a new one goes last. More than
 * Lambda's 5 is a problem, said as the reason.
 */
export function withLayerVersion(layers: readonly string[], arn: string): {layers: string[]} | {problem: string} {
	const at = layers.findIndex(layer => layerOf(layer) === layerOf(arn));
	if (at >= 0) {
		return {layers: layers.map((layer, index) => (index === at ? arn : layer))};
	}

	if (layers.length >= limits.layersPerFunction) {
		return {problem: `it has ${layers.length} layers already, and Lambda takes at most ${limits.layersPerFunction} per function`};
	}

	return {layers: [...layers, arn]};
}
