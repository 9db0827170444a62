// The shape of a generated project, derived once from the Spec: which binaries
// it has, what they are built with, which catalog rows apply.
import {ConfigError} from '../errors.js';
import {cargoLambdaBuildCommand, cargoLambdaOutput} from '../plan/build.js';
import {extensionAloneIsZip} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {
	extensionKinds,
	roles,
	triggers,
	type EventSample,
	type ExtensionEntry,
	type Role,
	type TriggerEntry,
} from './catalog.js';

/** A binary of the crate: cargo lambda builds it by name. */
export interface Artifact {
	readonly role: Role;
	readonly bin: string;
	/** Its entry point in the project. */
	readonly entry: string;
}

export interface FunctionPart extends TriggerEntry {
	readonly bin: string;
	/** The sample the README, the tests and the LocalStack test use first. */
	readonly main: EventSample;
}

interface ExtensionPart extends ExtensionEntry {
	readonly name: string;
	/** Internal: compiled into the function's binary, running in its process. */
	readonly internal: boolean;
}

export interface Layout {
	readonly name: string;
	/** The library crate's name in Rust code. */
	readonly crate: string;
	readonly summary: string;
	readonly function?: FunctionPart;
	readonly extension?: ExtensionPart;
	readonly artifacts: readonly Artifact[];
}

export function layout(spec: Spec): Layout {
	const {name, kind, trigger, packaging, architecture} = spec.project;
	const hasFunction = kind !== 'extension';
	const hasExtension = kind !== 'function';
	const extensionSpec = hasExtension ? spec.extension : undefined;
	if (hasExtension && extensionSpec === undefined) {
		throw new ConfigError([{where: 'extension.kind', message: `is required when project.kind is "${kind}"`}]);
	}

	// The same rule spec.ts checks; repeated so a hand-made Spec cannot produce a project that cannot work.
	if (kind === 'extension' && extensionSpec?.internal) {
		throw new ConfigError([
			{where: 'extension.internal', message: 'an internal extension runs inside a function\'s process: set project.kind = "function+extension", or internal = false'},
		]);
	}

	if (kind === 'extension' && packaging === 'image') {
		throw new ConfigError([{where: 'project.packaging', message: `must be "zip" when project.kind is "extension": ${extensionAloneIsZip}`}]);
	}

	const functionPart = hasFunction ? functionOf(spec, trigger) : undefined;
	const extensionEntry = extensionSpec && extensionKinds[extensionSpec.kind];
	const extension: ExtensionPart | undefined = extensionSpec && extensionEntry && {
		...extensionEntry,
		handler: (extensionSpec.internal ? extensionEntry.internalHandler : undefined) ?? extensionEntry.handler,
		name: extensionSpec.name,
		internal: extensionSpec.internal,
	};

	const artifacts: Artifact[] = [];
	if (functionPart) {
		artifacts.push({role: 'function', bin: functionPart.bin, entry: 'src/main.rs'});
	}

	if (extension && !extension.internal) {
		artifacts.push({role: 'extension', bin: extension.name, entry: functionPart ? 'src/bin/extension.rs' : 'src/main.rs'});
	}

	return {
		name,
		crate: name.replaceAll('-', '_'),
		summary: summary(functionPart, extension, packaging, architecture),
		...(functionPart ? {function: functionPart} : {}),
		...(extension ? {extension} : {}),
		artifacts,
	};
}

function functionOf(spec: Spec, trigger: Spec['project']['trigger']): FunctionPart {
	const entry = triggers[trigger];
	const endpoint = spec.http?.endpoint;
	const main = entry.samples.find(sample => sample.endpoint === endpoint) ?? entry.samples[0]!;
	const handler = (spec.sqs?.fifo ? entry.fifoHandler : undefined) ?? entry.handler;
	return {...entry, handler, bin: spec.project.name, main};
}

function summary(
	fn: FunctionPart | undefined,
	extension: ExtensionPart | undefined,
	packaging: Spec['project']['packaging'],
	architecture: Spec['project']['architecture'],
): string {
	const what = fn
		? `A Rust Lambda function ${fn.title}${extension ? `, and an ${extension.internal ? 'internal' : 'external'} ${extension.title}` : ''}`
		: `A Rust Lambda ${extension!.title}, run as its own process`;
	const packed = packaging === 'image' ? 'a container image' : fn ? 'a ZIP' : 'a layer';
	return `${what}. Packaged as ${packed} for ${architecture}.`;
}

/** cargo lambda's output folder, as a generated project names it: the project's own target/. */
export const lambdaOutput = 'target/lambda';

/**
 * The build planner's `cargo lambda build` for one binary of the project: bare (what SAM and an image
 * copy), or zipped; for the project's architecture, or for the one a shell word picks ("$arch").
 */
export function buildCommand(spec: Spec, artifact: Artifact, options: {zip?: boolean; archFlag?: string} = {}): string {
	const build = {layout: roles[artifact.role].layout, architecture: spec.project.architecture, zip: options.zip ?? false, bin: artifact.bin};
	return cargoLambdaBuildCommand(build, options.archFlag);
}

/** Where that command leaves the binary (or with zip, the zip), from the project's folder. */
export function builtPath(artifact: Artifact, zip = false): string {
	return `${lambdaOutput}/${cargoLambdaOutput(roles[artifact.role].layout, artifact.bin, zip)}`;
}
