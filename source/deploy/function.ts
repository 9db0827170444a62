// The function itself in one region: read it (GetFunction, its versions), then
// create it, or update its code and its configuration when they differ. ZIP and
// image functions differ only in their code: the package-type table says how.
import type {FunctionConfiguration, GetFunctionResponse} from '@aws-sdk/client-lambda';
import {RunError} from '../errors.js';
import {digestOf, shortDigest} from '../plan/image.js';
import {lambdaDefaults} from '../spec/defaults.js';
import {handler, runtime} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, type Action} from './action.js';
import type {Slot} from './aws-cli.js';
import {settingsDiff} from './function-settings.js';
import {imageRef} from './image.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {vpcStatement} from './policy.js';
import {orMissing, request, type AwsSender, type Input} from './request.js';
import type {Anchor, PlanContext, RegionResource} from './resource.js';
import type {DesiredFunction, FunctionCode, FunctionSettings, ImageRef, ObservedFunction, ObservedVersion} from './types.js';

type PackageType = FunctionCode['packageType'];

const packageTypes: Record<PackageType, {is: string; packaging: string}> = {
	Zip: {is: 'a ZIP function', packaging: 'zip'},
	Image: {is: 'a container image function', packaging: 'image'},
};

/** `role` is the execution role's ARN: function.role filled for the region, or the role deploy manages. */
export function desiredFunction(spec: Spec, code: FunctionCode, where: Placeholders, role: string): DesiredFunction {
	const deadLetter = spec.async?.dead_letter_arn;
	return {
		region: where.region,
		name: spec.function.name,
		architecture: spec.project.architecture,
		code,
		alias: spec.deploy.alias,
		settings: {
			// An image brings its own entrypoint: Lambda takes no runtime or handler with one.
			...(code.packageType === 'Zip' ? {runtime, handler} : {}),
			role,
			memory: spec.function.memory,
			timeout: spec.function.timeout,
			environment: spec.function.environment,
			layers: spec.function.layers.map(layer => fillArn(layer, where)),
			...(spec.vpc ? {vpc: spec.vpc} : {}),
			...(deadLetter ? {deadLetterArn: fillArn(deadLetter, where)} : {}),
		},
	};
}

/** Reads the function and its published versions: what every other resource of the region hangs off. */
export async function observeFunction(aws: AwsSender, functionName: string, signal?: AbortSignal): Promise<Anchor> {
	const found = await orMissing(aws.send(request('lambda', 'GetFunction', {FunctionName: functionName}), signal));
	if (found?.Configuration === undefined) {
		return {versions: []};
	}

	const versions: ObservedVersion[] = [];
	let marker: string | undefined;
	do {
		const page = await aws.send(request('lambda', 'ListVersionsByFunction', {FunctionName: functionName, ...(marker ? {Marker: marker} : {})}), signal);
		for (const configuration of page.Versions ?? []) {
			if (configuration.Version && configuration.Version !== '$LATEST') {
				versions.push({...snapshot(configuration), version: configuration.Version});
			}
		}

		marker = page.NextMarker;
	} while (marker);

	const functionArn = found.Configuration.FunctionArn;
	const reserved = found.Concurrency?.ReservedConcurrentExecutions;
	const observed: ObservedFunction = {
		...snapshot(found.Configuration),
		packageType: found.Configuration.PackageType ?? 'Zip',
		...imageOf(found),
		...(functionArn ? {arn: functionArn} : {}),
		...(reserved === undefined ? {} : {reservedConcurrency: reserved}),
	};
	return {function: observed, versions};
}

function snapshot(configuration: FunctionConfiguration): Omit<ObservedVersion, 'version'> {
	const vpc = configuration.VpcConfig;
	const inVpc = (vpc?.SubnetIds?.length ?? 0) > 0;
	const deadLetter = configuration.DeadLetterConfig?.TargetArn;
	const settings: FunctionSettings = {
		...(configuration.Runtime ? {runtime: configuration.Runtime} : {}),
		...(configuration.Handler ? {handler: configuration.Handler} : {}),
		role: configuration.Role ?? '',
		memory: configuration.MemorySize ?? lambdaDefaults.memoryMb,
		timeout: configuration.Timeout ?? lambdaDefaults.timeoutSeconds,
		environment: configuration.Environment?.Variables ?? {},
		layers: (configuration.Layers ?? []).map(layer => layer.Arn ?? ''),
		...(inVpc ? {vpc: {subnet_ids: vpc?.SubnetIds ?? [], security_group_ids: vpc?.SecurityGroupIds ?? []}} : {}),
		...(deadLetter ? {deadLetterArn: deadLetter} : {}),
	};
	return {
		codeSha256: configuration.CodeSha256 ?? '',
		architecture: configuration.Architectures?.[0] ?? lambdaDefaults.architecture,
		settings,
	};
}

/** The image by digest: ImageUri when it was given by digest (deploy gives it so), else ResolvedImageUri. */
function imageOf(found: GetFunctionResponse): {imageUri?: string} {
	const given = found.Code?.ImageUri;
	const resolved = found.Code?.ResolvedImageUri;
	const imageUri = given?.includes('@') ? given : resolved ?? given;
	return imageUri ? {imageUri} : {};
}

type ConfigurationInput = Omit<Input<'lambda', 'UpdateFunctionConfiguration'>, 'FunctionName'> & {Role: string};

/** The configuration members, as CreateFunction and UpdateFunctionConfiguration take them. */
function configurationInput(desired: DesiredFunction): ConfigurationInput {
	const {settings} = desired;
	return {
		// An image function takes neither.
		...(settings.runtime ? {Runtime: settings.runtime as ConfigurationInput['Runtime']} : {}),
		...(settings.handler ? {Handler: settings.handler} : {}),
		Role: settings.role,
		MemorySize: settings.memory,
		Timeout: settings.timeout,
		Environment: {Variables: settings.environment},
		// An image function takes no layers: AWS may refuse even an empty list for one.
		...(desired.code.packageType === 'Zip' ? {Layers: settings.layers} : {}),
		VpcConfig: {SubnetIds: settings.vpc?.subnet_ids ?? [], SecurityGroupIds: settings.vpc?.security_group_ids ?? []},
	};
}

/** Where the code goes in the request, and what stands in for it until apply time. */
function codeSlots(desired: DesiredFunction, image: ImageRef, path: readonly string[], update: boolean): Slot[] {
	if (desired.code.packageType === 'Zip') {
		return [{path: [...path, 'ZipFile'], from: 'zip', shown: ['--zip-file', `fileb://${desired.code.zip.path}`]}];
	}

	return 'uri' in image ? [] : [{path: [...path, 'ImageUri'], from: 'pushed-image', shown: update ? ['--image-uri', '<pushed image URI>'] : ['--code', 'ImageUri=<pushed image URI>']}];
}

const imageUriOf = (image: ImageRef) => ('uri' in image ? {ImageUri: image.uri} : {});

const describeImage = (ref: ImageRef) => ('uri' in ref ? shortDigest(digestOf(ref.uri) ?? ref.uri) : 'the image pushed above');

/** What differs in the code, one line each; empty when it is the same. */
function codeChanges(desired: DesiredFunction, current: ObservedFunction, image: ImageRef): string[] {
	const architecture = current.architecture === desired.architecture ? [] : [`architecture ${current.architecture} → ${desired.architecture}`];
	if (desired.code.packageType === 'Zip') {
		const {sha256} = desired.code.zip;
		return [...(current.codeSha256 === sha256 ? [] : [`CodeSha256 ${current.codeSha256} → ${sha256}`]), ...architecture];
	}

	const running = current.imageUri ?? '';
	const same = 'uri' in image && (digestOf(image.uri) ?? image.uri) === (digestOf(running) ?? running);
	return [...(same ? [] : [`image ${running ? shortDigest(digestOf(running) ?? running) : 'none'} → ${describeImage(image)}`]), ...architecture];
}

/** The operations that change the function itself: after one, no published version can match. */
export const functionWrites: ReadonlySet<string> = new Set(['CreateFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration']);

function planFunction(desired: DesiredFunction, current: ObservedFunction | undefined, image: ImageRef): Action[] {
	const {name, region} = desired;
	const make = actionsIn(region);
	const vpcNote = desired.settings.vpc ? ['in a VPC: the function stays Pending while Lambda makes its network interfaces'] : [];
	const {packageType} = desired.code;
	const settle = {functionName: name, ...(desired.settings.vpc ? {inVpc: true} : {})};

	if (current === undefined) {
		const code = packageType === 'Zip' ? desired.settings.runtime : `image ${describeImage(image)}`;
		const deadLetter = desired.settings.deadLetterArn;
		return [make.request('create', `Create function ${name}`, request('lambda', 'CreateFunction', {
			FunctionName: name,
			PackageType: packageType,
			Architectures: [desired.architecture],
			Code: imageUriOf(image),
			Publish: false,
			...configurationInput(desired),
			...(deadLetter ? {DeadLetterConfig: {TargetArn: deadLetter}} : {}),
		}), [
			`${code}, ${desired.architecture}, ${desired.settings.memory} MB, ${desired.settings.timeout} s`,
			...vpcNote,
		], {
			slots: codeSlots(desired, image, ['Code'], false),
			settle: 'function-active',
			// A retry after a dropped connection finds the function the first try made.
			alreadyExists: 'ResourceConflictException',
			...settle,
		})];
	}

	if (current.packageType !== packageType) {
		const now = packageTypes[current.packageType as PackageType] ?? {is: `a ${current.packageType} function`, packaging: current.packageType.toLowerCase()};
		throw new RunError(
			`Function ${name} in ${region} is ${now.is}; Lambda cannot change a function's package type, so it cannot become ${packageTypes[packageType].is}.`,
			`Set project.packaging = "${now.packaging}", or deploy under another function.name.`,
		);
	}

	const codeDetails = codeChanges(desired, current, image);
	const diff = settingsDiff(current.settings, desired.settings);
	const vpcChanged = diff.some(line => line.startsWith('VPC '));
	return [
		codeDetails.length > 0
			? make.request('update', `Update code of ${name}`, request('lambda', 'UpdateFunctionCode', {
				FunctionName: name,
				...imageUriOf(image),
				Architectures: [desired.architecture],
			}), codeDetails, {slots: codeSlots(desired, image, [], true), settle: 'function-updated', ...settle})
			: make.noOp(`Code of ${name} unchanged`),
		diff.length > 0
			? make.request('update', `Update configuration of ${name}`, request('lambda', 'UpdateFunctionConfiguration', {
				FunctionName: name,
				...configurationInput(desired),
				// An empty TargetArn removes a dead-letter queue that the config no longer names.
				DeadLetterConfig: {TargetArn: desired.settings.deadLetterArn ?? ''},
			}), [...diff, ...(vpcChanged ? vpcNote : [])], {settle: 'function-updated', ...settle})
			: make.noOp(`Configuration of ${name} unchanged`),
	];
}

/**
 * What of the function still runs in a VPC: $LATEST or published versions.
 * Lambda deletes a function's network interfaces asynchronously (up to about 20
 * minutes after the last version using them leaves the VPC), with the execution
 * role: revoking the role's EC2 permissions before then orphans them.
 */
function stillInVpc(anchor: Anchor): string[] {
	return [
		...(anchor.function?.settings.vpc ? ['$LATEST'] : []),
		...anchor.versions.filter(version => version.settings.vpc !== undefined).map(version => `version ${version.version}`),
	];
}

/** The function's own resource: the anchor is its observation, read before the others. */
export const functionResource: RegionResource<object> = {
	name: 'function',
	observe: async () => ({}),
	plan(_observed, {target, anchor, before}: PlanContext) {
		return planFunction(target.function, anchor.function, imageRef(target.function, anchor, before));
	},
	// The VPC statement stays while any version of the function in a region still has a VpcConfig.
	grants: (spec, _scope, seen) => (spec.vpc !== undefined || seen.some(anchor => stillInVpc(anchor).length > 0) ? [vpcStatement()] : []),
	notes(_observed, {spec, region}, anchor) {
		const inVpc = stillInVpc(anchor);
		if (spec.vpc !== undefined || spec.function.role !== undefined || inVpc.length === 0) {
			return [];
		}

		return [`[vpc] is gone from the config, but ${inVpc.join(', ')} of ${spec.function.name} in ${region} still ${inVpc.length === 1 ? 'has' : 'have'} a VpcConfig: `
			+ `the role keeps its network-interface permissions, which Lambda needs to delete the interfaces (up to 20 minutes after the last version leaves the VPC). `
			+ 'They go on the first deploy after no version has a VpcConfig (delete old versions with `aws lambda delete-function --function-name NAME --qualifier VERSION`).'];
	},
};
