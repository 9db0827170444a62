// Plans the function itself in one region: create it, or update its code and
// its configuration when they differ. Pure.
import {RunError} from '../errors.js';
import {handler, runtime} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {actionsIn, noOp} from './action.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {settingsDiff} from './settings.js';
import type {Action, DesiredFunction, ObservedFunction, ZipArtifact} from './types.js';

/** `role` is the execution role's ARN: function.role filled for the region, or the role deploy manages. */
export function desiredFunction(spec: Spec, zip: ZipArtifact, where: Placeholders, role: string): DesiredFunction {
	const deadLetter = spec.async?.dead_letter_arn;
	return {
		region: where.region,
		name: spec.function.name,
		architecture: spec.project.architecture,
		zip,
		alias: spec.deploy.alias,
		settings: {
			runtime,
			handler,
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

export function planFunction(desired: DesiredFunction, current: ObservedFunction | undefined): Action[] {
	const {name, region} = desired;
	const make = actionsIn(region);
	const vpcNote = desired.settings.vpc ? ['in a VPC: the function stays Pending while Lambda makes its network interfaces'] : [];

	if (current === undefined) {
		return [make('create', `Create function ${name}`, {type: 'create-function', desired}, [
			`${desired.settings.runtime}, ${desired.architecture}, ${desired.settings.memory} MB, ${desired.settings.timeout} s`,
			...vpcNote,
		])];
	}

	if (current.packageType !== 'Zip') {
		throw new RunError(
			`Function ${name} in ${region} is a container image function; it cannot take a ZIP.`,
			'Set project.packaging = "image", or deploy under another function.name.',
		);
	}

	const codeDetails = [
		...(current.codeSha256 === desired.zip.sha256 ? [] : [`CodeSha256 ${current.codeSha256} → ${desired.zip.sha256}`]),
		...(current.architecture === desired.architecture ? [] : [`architecture ${current.architecture} → ${desired.architecture}`]),
	];
	const diff = settingsDiff(current.settings, desired.settings);
	const vpcChanged = diff.some(line => line.startsWith('VPC '));
	return [
		codeDetails.length > 0
			? make('update', `Update code of ${name}`, {type: 'update-function-code', desired}, codeDetails)
			: noOp(make, `Code of ${name} unchanged`),
		diff.length > 0
			? make('update', `Update configuration of ${name}`, {type: 'update-function-configuration', desired}, [...diff, ...(vpcChanged ? vpcNote : [])])
			: noOp(make, `Configuration of ${name} unchanged`),
	];
}
