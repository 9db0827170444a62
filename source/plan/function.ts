// Plans one region of a ZIP function deploy: function, version, alias.
// Pure: (desired state, what Get* observed) -> ordered actions.
import {RunError} from '../errors.js';
import {handler, runtime} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {awsCommand} from './aws-cli.js';
import {fillArn, type Placeholders} from './placeholders.js';
import {sameSettings, settingsDiff} from './settings.js';
import type {Action, Change, DesiredFunction, ObservedRegion, Operation, RegionPlan, ZipArtifact} from './types.js';

export function desiredFunction(spec: Spec, zip: ZipArtifact, where: Placeholders): DesiredFunction {
	const role = spec.function.role;
	if (role === undefined) {
		throw new RunError(
			'function.role is not set: deploy needs an execution role for the function.',
			'Set role = "arn:aws:iam::<account>:role/<name>" under [function] in rust-lambda.toml, or pass --role ARN.',
		);
	}

	return {
		region: where.region,
		name: spec.function.name,
		architecture: spec.project.architecture,
		zip,
		alias: spec.deploy.alias,
		settings: {
			runtime,
			handler,
			role: fillArn(role, where),
			memory: spec.function.memory,
			timeout: spec.function.timeout,
			environment: spec.function.environment,
			layers: spec.function.layers.map(layer => fillArn(layer, where)),
			...(spec.vpc ? {vpc: spec.vpc} : {}),
		},
	};
}

export function planFunctionRegion(desired: DesiredFunction, observed: ObservedRegion): RegionPlan {
	const {name, region} = desired;
	const action = (change: Change, title: string, operation: Operation, details: string[] = []): Action => ({
		change,
		title,
		details,
		awsCommand: change === 'no-op' ? [] : awsCommand(operation, region),
		operation: change === 'no-op' ? {type: 'none'} : operation,
	});
	const actions: Action[] = [];
	const current = observed.function;

	if (current === undefined) {
		actions.push(action('create', `Create function ${name}`, {type: 'create-function', desired}, [
			`${desired.settings.runtime}, ${desired.architecture}, ${desired.settings.memory} MB, ${desired.settings.timeout} s`,
		]));
	} else {
		if (current.packageType !== 'Zip') {
			throw new RunError(
				`Function ${name} in ${region} is a container image function; it cannot take a ZIP.`,
				'Set project.packaging = "image", or deploy under another function.name.',
			);
		}

		const codeChanged = current.codeSha256 !== desired.zip.sha256 || current.architecture !== desired.architecture;
		const codeDetails = [
			...(current.codeSha256 === desired.zip.sha256 ? [] : [`CodeSha256 ${current.codeSha256} → ${desired.zip.sha256}`]),
			...(current.architecture === desired.architecture ? [] : [`architecture ${current.architecture} → ${desired.architecture}`]),
		];
		actions.push(codeChanged
			? action('update', `Update code of ${name}`, {type: 'update-function-code', desired}, codeDetails)
			: action('no-op', `Code of ${name} unchanged`, {type: 'none'}));

		const diff = settingsDiff(current.settings, desired.settings);
		actions.push(diff.length > 0
			? action('update', `Update configuration of ${name}`, {type: 'update-function-configuration', desired}, diff)
			: action('no-op', `Configuration of ${name} unchanged`, {type: 'none'}));
	}

	const functionChanged = actions.some(({change}) => change !== 'no-op');
	const matching = functionChanged ? undefined : matchingVersion(desired, observed);
	actions.push(matching === undefined
		? action('create', `Publish a version of ${name}`, {type: 'publish-version', functionName: name, codeSha256: desired.zip.sha256})
		: action('no-op', `Version ${matching} of ${name} already matches`, {type: 'none'}));

	const version = matching === undefined ? {published: true as const} : {version: matching};
	const target = matching === undefined ? 'the new version' : `version ${matching}`;
	const alias = observed.alias;
	if (alias === undefined) {
		actions.push(action('create', `Create alias ${desired.alias} → ${target}`, {type: 'create-alias', functionName: name, alias: desired.alias, version}));
	} else if (alias.functionVersion === matching && Object.keys(alias.additionalWeights).length === 0) {
		actions.push(action('no-op', `Alias ${desired.alias} already on version ${matching}`, {type: 'none'}));
	} else {
		actions.push(action('update', `Point alias ${desired.alias} at ${target}`, {type: 'update-alias', functionName: name, alias: desired.alias, version}, [
			`version ${alias.functionVersion} → ${matching ?? 'new'}`,
		]));
	}

	return {region, functionName: name, alias: desired.alias, aliasVersion: version, actions};
}

/** The newest published version with exactly the desired code and settings, if any. */
function matchingVersion(desired: DesiredFunction, observed: ObservedRegion): string | undefined {
	const candidates = observed.versions
		.filter(version =>
			version.codeSha256 === desired.zip.sha256 &&
			version.architecture === desired.architecture &&
			sameSettings(version.settings, desired.settings))
		.sort((a, b) => Number(b.version) - Number(a.version));
	return candidates[0]?.version;
}
