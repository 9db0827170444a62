// What `build` makes for a project, and with which commands. Pure: the Spec and
// what was found on the machine in, a list of steps out.
import {join, relative} from 'node:path';
import {RunError} from '../errors.js';
import {defaults} from '../spec/defaults.js';
import {architectureTargets, runtime, runtimeGlibc} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {localImageTag} from './image.js';
import {tools, type Architecture} from '../spec/requirements.js';

/**
 * Where the binary goes in the zip, as Lambda reads it: a function's `bootstrap` at the root, an
 * external extension under extensions/. A Rust internal extension is compiled into the function's
 * own binary (the Spec refuses one on its own), so it has no zip of its own.
 */
export type ZipLayout = 'function' | 'external-extension';

interface LayoutRule {
	readonly describe: string;
	readonly cargoLambdaFlags: readonly string[];
	/** cargo-lambda's output folder under <target>/lambda, and the zip's name in it. */
	readonly folder: (bin: string) => string;
	readonly file: (bin: string) => string;
	readonly entry: (bin: string) => string;
	/** Where cargo-lambda leaves the bare binary (no --output-format zip), under <target>/lambda. */
	readonly binary: (bin: string) => string;
}

// Mirrors cargo-lambda's own layout, so our fallback zip lands where its zip would.
const layouts: Record<ZipLayout, LayoutRule> = {
	function: {describe: 'function', cargoLambdaFlags: [], folder: bin => bin, file: () => 'bootstrap.zip', entry: () => 'bootstrap', binary: bin => `${bin}/bootstrap`},
	'external-extension': {
		describe: 'external extension',
		cargoLambdaFlags: ['--extension'],
		folder: () => 'extensions',
		file: bin => `${bin}.zip`,
		entry: bin => `extensions/${bin}`,
		binary: bin => `extensions/${bin}`,
	},
};

/** One `cargo lambda build`: what it builds, for which architecture, zipped or not. */
export interface CargoLambdaBuild {
	readonly layout: ZipLayout;
	readonly architecture: Architecture;
	/** A zip (what deploy and layers take), or the bare binary (what an image or SAM copies). */
	readonly zip: boolean;
	/** Which binary, when the crate has several. */
	readonly bin?: string | undefined;
}

/**
 * cargo's arguments for one `cargo lambda build`, spelled here only: build runs them, and the
 * generated project's README, Dockerfile, SAM template and LocalStack test print them. `archFlag`
 * replaces the architecture's flag with a shell word that picks it when a script runs ("$arch").
 */
function cargoLambdaBuildArgs(build: CargoLambdaBuild, archFlag: string = architectureTargets[build.architecture].cargoLambdaFlag): string[] {
	return [
		'lambda',
		'build',
		'--release',
		...layouts[build.layout].cargoLambdaFlags,
		archFlag,
		...(build.zip ? ['--output-format', 'zip'] : []),
		...(build.bin === undefined ? [] : ['--bin', build.bin]),
	];
}

/** The same, as the command line a person types: `cargo lambda build --release --arm64 …`. */
export function cargoLambdaBuildCommand(build: CargoLambdaBuild, archFlag?: string): string {
	return ['cargo', ...cargoLambdaBuildArgs(build, archFlag)].join(' ');
}

/** Where that build leaves its zip or binary, relative to <target>/lambda, with / between folders. */
export function cargoLambdaOutput(layout: ZipLayout, bin: string, zip: boolean): string {
	const rule = layouts[layout];
	return zip ? `${rule.folder(bin)}/${rule.file(bin)}` : rule.binary(bin);
}

/** An artifact the project needs, before choosing how to make it. */
export type Wanted =
	| {kind: 'zip'; bin: string; layout: ZipLayout; pickBin: boolean}
	/** The binary alone, for a Dockerfile that copies prebuilt binaries (image.base = "lambda-base"). */
	| {kind: 'binary'; bin: string; layout: ZipLayout; pickBin: boolean}
	| {kind: 'image'};

export function wantedArtifacts(spec: Spec): Wanted[] {
	const bin = spec.project.name;
	const extension = spec.extension;
	if (spec.project.kind === 'extension') {
		// Extensions ship as layers, and layers are zips, whatever the function's packaging.
		return [{kind: 'zip', bin: extension?.name ?? bin, layout: 'external-extension', pickBin: false}];
	}

	// An internal extension runs inside the function's own process: one binary, one zip.
	const external = spec.project.kind === 'function+extension' && extension !== undefined && !extension.internal;
	if (spec.project.packaging === 'image') {
		if (spec.image?.base !== 'lambda-base') {
			return [{kind: 'image'}];
		}

		// The single-stage Dockerfile copies what was built here: the function, and its external extension to /opt/extensions.
		return [
			{kind: 'binary', bin, layout: 'function', pickBin: external},
			...(external ? [{kind: 'binary', bin: extension.name, layout: 'external-extension', pickBin: true} as const] : []),
			{kind: 'image'},
		];
	}

	if (external) {
		return [
			{kind: 'zip', bin, layout: 'function', pickBin: true},
			{kind: 'zip', bin: extension.name, layout: 'external-extension', pickBin: true},
		];
	}

	return [{kind: 'zip', bin, layout: 'function', pickBin: false}];
}

/** Makes cargo report what it built as JSON lines on stdout (the executable's path among them), while its human diagnostics still go to stderr. */
const cargoJsonMessages = '--message-format=json-render-diagnostics';

export interface Command {
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd: string;
}

export type BuildStep =
	| {
		type: 'zip';
		title: string;
		bin: string;
		layout: ZipLayout;
		zipPath: string;
		command: Command;
		/** Set when we build with plain cargo and zip the binary ourselves: cargo's JSON messages say where the binary is. */
		package?: {entry: string};
	}
	| {
		type: 'binary';
		title: string;
		bin: string;
		/** Where the Dockerfile finds it, as cargo-lambda puts it: <target>/lambda/<bin>/bootstrap, or extensions/<bin> for an extension. */
		binaryPath: string;
		command: Command;
		/** Set when we build with plain cargo and copy the binary into place ourselves, from where cargo's JSON messages say it is. */
		copyBuilt?: true;
	}
	| {
		type: 'image';
		title: string;
		tag: string;
		platform: string;
		dockerfile: string;
		args: readonly string[];
		/** The same build without the layer cache: podman's cache can hand back an image built for the other platform. */
		uncachedArgs: readonly string[];
		cwd: string;
	};

export interface BuildPlan {
	architecture: Architecture;
	/** 'cargo-lambda', or 'cargo' for the fallback; undefined when only an image is built. */
	builder?: 'cargo-lambda' | 'cargo';
	steps: BuildStep[];
	/** Said to the person once: the fallback and what it means. */
	notes: string[];
}

export interface BuildFacts {
	projectDir: string;
	/** cargo's target directory (cargo metadata), where cargo-lambda writes target/lambda. */
	targetDir: string;
	host: Architecture | undefined;
	hostName: string;
	cargoLambda: boolean;
	/** zig is there (on PATH, or as python3 -m ziglang): cargo-lambda links with it. */
	zig: boolean;
	rustflags: string | undefined;
}

/** What building a project takes on this machine. build chooses its builder by it, and doctor judges the machine by it. */
export interface BuildNeeds {
	/** Something is compiled on this machine: a zip, or the binary a lambda-base image copies. A multi-stage image compiles inside the image. */
	compiles: boolean;
	/** It is compiled for another architecture than this machine's (or this machine is not Linux): only cargo-lambda, with zig, does that; plain cargo does the rest. */
	crossCompiles: boolean;
	/** docker or podman builds an image. */
	container: boolean;
}

export function buildNeeds(spec: Spec, host: Architecture | undefined): BuildNeeds {
	const wanted = wantedArtifacts(spec);
	const compiles = wanted.some(artifact => artifact.kind !== 'image');
	return {compiles, crossCompiles: compiles && host !== spec.project.architecture, container: wanted.some(artifact => artifact.kind === 'image')};
}

export function planBuild(spec: Spec, facts: BuildFacts): BuildPlan {
	const architecture = spec.project.architecture;
	const wanted = wantedArtifacts(spec);
	const needs = buildNeeds(spec, facts.host);
	const plan: BuildPlan = {architecture, steps: [], notes: []};
	let fallback = '';
	if (needs.compiles) {
		const choice = chooseBuilder(needs, architecture, facts);
		plan.builder = choice.builder;
		if (choice.builder === 'cargo') {
			fallback = choice.why;
			plan.notes.push(`${choice.why}: will build with plain \`cargo build --release\` for this machine (${architecture}) and package the zip here.`);
			if (!/crt-static/.test(facts.rustflags ?? '')) {
				plan.notes.push(`The binary will link against this machine's glibc; Lambda's ${runtime} has glibc ${runtimeGlibc}. If it does not start there, build it static (RUSTFLAGS="-C target-feature=+crt-static") or install cargo-lambda and zig.`);
			}
		}
	}

	const lambdaDir = join(facts.targetDir, 'lambda');
	const cargo = (args: string[]): Command => ({file: 'cargo', args, cwd: facts.projectDir});
	const plainBuild = (bin: string) => cargo(['build', '--release', '--bin', bin, cargoJsonMessages]);
	const how = plan.builder === 'cargo' ? `with cargo (${fallback})` : 'with cargo lambda';

	for (const artifact of wanted) {
		switch (artifact.kind) {
			case 'zip': {
				const rule = layouts[artifact.layout];
				const step: BuildStep = {
					type: 'zip',
					title: `Build ${artifact.bin} (${rule.describe}, ${architecture}) ${how}`,
					bin: artifact.bin,
					layout: artifact.layout,
					zipPath: join(lambdaDir, cargoLambdaOutput(artifact.layout, artifact.bin, true)),
					command: plan.builder === 'cargo'
						? plainBuild(artifact.bin)
						: cargo(cargoLambdaBuildArgs({layout: artifact.layout, architecture, zip: true, bin: artifact.pickBin ? artifact.bin : undefined})),
				};
				if (plan.builder === 'cargo') {
					step.package = {entry: rule.entry(artifact.bin)};
				}

				plan.steps.push(step);
				break;
			}

			case 'binary': {
				const step: BuildStep = {
					type: 'binary',
					title: `Build ${artifact.bin} (${layouts[artifact.layout].describe}, ${architecture}) for the image ${how}`,
					bin: artifact.bin,
					binaryPath: join(lambdaDir, cargoLambdaOutput(artifact.layout, artifact.bin, false)),
					command: plan.builder === 'cargo'
						? plainBuild(artifact.bin)
						: cargo(cargoLambdaBuildArgs({layout: artifact.layout, architecture, zip: false, bin: artifact.pickBin ? artifact.bin : undefined})),
				};
				if (plan.builder === 'cargo') {
					step.copyBuilt = true;
				}

				plan.steps.push(step);
				break;
			}

			case 'image': {
				const image = spec.image ?? {repository: spec.project.name, dockerfile: defaults.image.dockerfile};
				const tag = localImageTag(image.repository, architecture);
				const {platform} = architectureTargets[architecture];
				const dockerfile = join(facts.projectDir, image.dockerfile);
				const buildArgs = ['--platform', platform, '--tag', tag, '--file', relative(facts.projectDir, dockerfile) || dockerfile, '.'];
				plan.steps.push({
					type: 'image',
					title: `Build image ${tag} (${platform})`,
					tag,
					platform,
					dockerfile,
					args: ['build', ...buildArgs],
					uncachedArgs: ['build', '--no-cache', ...buildArgs],
					cwd: facts.projectDir,
				});
				break;
			}
		}
	}

	return plan;
}

/** cargo-lambda when it can (it needs zig to link); plain cargo for this machine's own architecture; else what to install. */
function chooseBuilder(needs: BuildNeeds, architecture: Architecture, facts: BuildFacts): {builder: 'cargo-lambda'} | {builder: 'cargo'; why: string} {
	if (facts.cargoLambda && facts.zig) {
		return {builder: 'cargo-lambda'};
	}

	const why = facts.cargoLambda ? 'zig is not installed (cargo-lambda links with it)' : 'cargo-lambda is not installed';
	if (!needs.crossCompiles) {
		return {builder: 'cargo', why};
	}

	// cargo-lambda's installs bring zig along; zig alone is the gap only when cargo-lambda is there.
	const fixes = (facts.cargoLambda ? tools.zig : tools['cargo-lambda']).fix;
	throw new RunError(
		`${why}, and building for ${architecture} on this ${facts.host ?? facts.hostName} machine needs it (plain cargo only builds for the machine it runs on).`,
		facts.host
			? `${fixes}. Or build for this machine: set project.architecture = "${facts.host}" in rust-lambda.toml (the function then runs on ${facts.host}).`
			: fixes,
	);
}
