// Plans the function itself in one region: create it, or update its code and
// its configuration when they differ. Pure. ZIP and image functions differ only
// in their code: the package-type table says how.
import {RunError} from '../errors.js';
import {handler, runtime} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {digestOf, shortDigest} from './image.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {settingsDiff} from './settings.js';
import type {Action, DesiredFunction, FunctionCode, ImageRef, ObservedFunction} from './types.js';

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

const describeImage = (ref: ImageRef) => ('uri' in ref ? shortDigest(digestOf(ref.uri) ?? ref.uri) : 'the image pushed above');

/** What differs in the code, one line each; empty when it is the same. */
function codeChanges(desired: DesiredFunction, current: ObservedFunction, image: ImageRef | undefined): string[] {
	const architecture = current.architecture === desired.architecture ? [] : [`architecture ${current.architecture} → ${desired.architecture}`];
	if (desired.code.packageType === 'Zip') {
		const {sha256} = desired.code.zip;
		return [...(current.codeSha256 === sha256 ? [] : [`CodeSha256 ${current.codeSha256} → ${sha256}`]), ...architecture];
	}

	const wanted = image ?? {pushed: true};
	const running = current.imageUri ?? '';
	const same = 'uri' in wanted && (digestOf(wanted.uri) ?? wanted.uri) === (digestOf(running) ?? running);
	return [...(same ? [] : [`image ${running ? shortDigest(digestOf(running) ?? running) : 'none'} → ${describeImage(wanted)}`]), ...architecture];
}

/** `image` is the image an image function is to run (from the image planner). */
export function planFunction(desired: DesiredFunction, current: ObservedFunction | undefined, image?: ImageRef): Action[] {
	const {name, region} = desired;
	const make = actionsIn(region);
	const vpcNote = desired.settings.vpc ? ['in a VPC: the function stays Pending while Lambda makes its network interfaces'] : [];
	const withImage = image ? {image} : {};
	const {packageType} = desired.code;

	if (current === undefined) {
		const code = packageType === 'Zip' ? desired.settings.runtime : `image ${describeImage(image ?? {pushed: true})}`;
		return [make('create', `Create function ${name}`, {type: 'create-function', desired, ...withImage}, [
			`${code}, ${desired.architecture}, ${desired.settings.memory} MB, ${desired.settings.timeout} s`,
			...vpcNote,
		])];
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
			? make('update', `Update code of ${name}`, {type: 'update-function-code', desired, ...withImage}, codeDetails)
			: noOp(make, `Code of ${name} unchanged`),
		diff.length > 0
			? make('update', `Update configuration of ${name}`, {type: 'update-function-configuration', desired}, [...diff, ...(vpcChanged ? vpcNote : [])])
			: noOp(make, `Configuration of ${name} unchanged`),
	];
}
