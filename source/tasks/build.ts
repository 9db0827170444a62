// The build task list: one task per step, in order; each streams its program's
// output into the task's output area and ends with the artifact's size checked.
import {relative} from 'node:path';
import {Listr, ListrLogger, ProcessOutput, type ListrBaseClassOptions} from 'listr2';
import {isKnownError, ProgramError, RunError, type KnownError} from '../errors.js';
import {type BuildPlan, type BuildStep, type Command, type ZipLayout} from '../plan/build.js';
import {imageSizeProblem, megabytes, togetherSizeProblem, zipSizeProblem} from '../plan/build-sizes.js';
import {builtExecutable} from '../tools/cargo.js';
import type {ContainerTool} from '../tools/container.js';
import {codeSha256} from '../tools/files.js';
import {listZip, zipEntries} from '../tools/zip.js';

export type BuiltArtifact =
	| {kind: 'zip'; bin: string; layout: ZipLayout; path: string; bytes: number; unzippedBytes: number; codeSha256: string; entries: string[]; builtWith: string}
	| {kind: 'binary'; bin: string; path: string; bytes: number; builtWith: string}
	| {kind: 'image'; tag: string; platform: string; bytes: number; builtWith: string};

/** The side effects a build needs; tests swap them. */
export interface BuildTools {
	/** Runs a program, its output line by line to onLine; with onStdout, stdout goes there instead (cargo's JSON messages). */
	run(command: Command, options: {onLine: (line: string) => void; onStdout?: (line: string) => void; signal?: AbortSignal | undefined}): Promise<void>;
	readFile(path: string): Promise<Uint8Array>;
	writeFile(path: string, data: Uint8Array, mode?: number): Promise<void>;
	container?: ContainerTool | undefined;
}

export interface BuildTaskOptions {
	tools: BuildTools;
	projectDir: string;
	signal?: AbortSignal | undefined;
	renderer: 'default' | 'simple';
	stream: NodeJS.WriteStream;
}

/** Runs the steps in order; the first failure stops the list and is thrown with its full explanation. */
export async function runBuildTasks(plan: BuildPlan, options: BuildTaskOptions): Promise<BuiltArtifact[]> {
	const built: BuiltArtifact[] = [];
	let failure: KnownError | undefined;
	const processOutput = new ProcessOutput(options.stream, options.stream);
	const logger = new ListrLogger({useIcons: true, processOutput});
	const show = (path: string) => relative(options.projectDir, path) || path;
	const list = new Listr(
		plan.steps.map(step => ({
			title: step.type === 'image' && options.tools.container ? `${step.title} with ${options.tools.container.name}` : step.title,
			task: async (_context: unknown, task: {output: string; title: string}) => {
				const onLine = (line: string) => {
					task.output = line;
				};

				try {
					const artifact = await runStep(step, options, onLine);
					built.push(artifact);
					const together = togetherSizeProblem(built.filter(done => done.kind === 'zip'));
					if (together) {
						throw together;
					}

					task.title = doneTitle(artifact, show);
				} catch (error) {
					const known = isKnownError(error) ? error : new RunError(error instanceof Error ? error.message : String(error));
					// Without a terminal each line of the program's was printed as it came: the failure does not print them again.
					failure = options.renderer === 'simple' && known instanceof ProgramError ? known.shown() : known;
					throw new Error(failure.message.split('\n')[0]);
				}
			},
			rendererOptions: {outputBar: 5},
		})),
		{
			concurrent: false,
			exitOnError: true,
			registerSignalListeners: false,
			renderer: options.renderer,
			fallbackRenderer: 'simple',
			// The failed task keeps its title; the full reason (last lines, command to rerun) is printed once, after the list.
			rendererOptions: {collapseSubtasks: false, showErrorMessage: false, logger},
			fallbackRendererOptions: {logger},
			processOutput,
			// listr2's option types lack processOutput, which it reads; the renderer is chosen at run time.
		} as unknown as ListrBaseClassOptions<unknown, typeof options.renderer, 'simple'>,
	);

	try {
		await list.run();
	} catch (error) {
		throw failure ?? error;
	}

	if (failure) {
		throw failure;
	}

	return built;
}

function doneTitle(artifact: BuiltArtifact, show: (path: string) => string): string {
	switch (artifact.kind) {
		case 'zip': {
			return `Built ${show(artifact.path)} — ${megabytes(artifact.bytes)} zipped, ${megabytes(artifact.unzippedBytes)} unzipped`;
		}

		case 'binary': {
			return `Built ${show(artifact.path)} — ${megabytes(artifact.bytes)}`;
		}

		case 'image': {
			return `Built image ${artifact.tag} (${artifact.platform}) — ${megabytes(artifact.bytes)}`;
		}
	}
}

async function runStep(step: BuildStep, options: BuildTaskOptions, onLine: (line: string) => void): Promise<BuiltArtifact> {
	const {tools, signal} = options;
	switch (step.type) {
		case 'zip': {
			const builtWith = step.package ? 'cargo' : 'cargo-lambda';
			if (step.package) {
				const executable = await cargoBuild(step.command, step.bin, tools, onLine, signal);
				onLine(`zipping ${executable} as ${step.package.entry}`);
				const binary = await readArtifact(tools, executable, step.command);
				await tools.writeFile(step.zipPath, zipEntries([{name: step.package.entry, data: binary, mode: 0o755}]));
			} else {
				await tools.run(step.command, {onLine, signal});
			}

			const zip = await readArtifact(tools, step.zipPath, step.command);
			let entries;
			try {
				entries = listZip(zip);
			} catch (error) {
				throw new RunError(`${step.zipPath} is not a readable zip: ${(error as Error).message}`, `Delete it and build again.`);
			}

			const unzippedBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
			const problem = zipSizeProblem(step.zipPath, zip.length, unzippedBytes);
			if (problem) {
				throw problem;
			}

			return {
				kind: 'zip', bin: step.bin, layout: step.layout, path: step.zipPath, bytes: zip.length, unzippedBytes,
				codeSha256: codeSha256(zip), entries: entries.map(entry => entry.name), builtWith,
			};
		}

		case 'binary': {
			if (step.copyBuilt) {
				const executable = await cargoBuild(step.command, step.bin, tools, onLine, signal);
				await tools.writeFile(step.binaryPath, await readArtifact(tools, executable, step.command), 0o755);
			} else {
				await tools.run(step.command, {onLine, signal});
			}

			const binary = await readArtifact(tools, step.binaryPath, step.command);
			return {kind: 'binary', bin: step.bin, path: step.binaryPath, bytes: binary.length, builtWith: step.copyBuilt ? 'cargo' : 'cargo-lambda'};
		}

		case 'image': {
			const {container} = tools;
			if (!container) {
				throw new Error('internal: an image step ran without a container tool');
			}

			await container.build(step.args, step.cwd, {onLine, signal});
			const wanted = step.platform.split('/')[1];
			let built = await container.imageFacts(step.tag, signal);
			if (built !== undefined && built.architecture !== wanted) {
				// podman's layer cache matches a step built for the other platform and hands that image back under this tag.
				onLine(`${container.name} gave back a cached ${built.architecture} image; building again without the cache`);
				await container.build(step.uncachedArgs, step.cwd, {onLine, signal});
				built = await container.imageFacts(step.tag, signal);
			}

			if (built === undefined) {
				throw new RunError(`${container.name} finished the build but has no image ${step.tag}.`, `Run it by hand to see why: cd ${step.cwd} && ${container.name} ${step.args.join(' ')}`);
			}

			if (built.architecture !== wanted) {
				throw new RunError(
					`Image ${step.tag} was built for ${built.architecture}, not ${step.platform}: a function of this architecture would not start it.`,
					'Check the Dockerfile: its last FROM must not pin another platform (use FROM --platform=linux/$TARGETARCH, or no --platform).',
				);
			}

			const bytes = await container.imageSize(step.tag, signal);
			const problem = imageSizeProblem(step.tag, bytes);
			if (problem) {
				throw problem;
			}

			return {kind: 'image', tag: step.tag, platform: step.platform, bytes, builtWith: container.name};
		}
	}
}

/** Runs plain `cargo build` and returns the executable it built for bin, where cargo's JSON messages say it put it. */
async function cargoBuild(command: Command, bin: string, tools: BuildTools, onLine: (line: string) => void, signal: AbortSignal | undefined): Promise<string> {
	const messages: string[] = [];
	await tools.run(command, {onLine, signal, onStdout: line => messages.push(line)});
	const executable = builtExecutable(messages, bin);
	if (executable === undefined) {
		throw new RunError(
			`${command.file} ${command.args.join(' ')} finished but did not report an executable for ${bin}.`,
			'Check that the crate\'s binary is named after project.name in rust-lambda.toml (or set [[bin]] name in Cargo.toml).',
		);
	}

	return executable;
}

async function readArtifact(tools: BuildTools, path: string, command: Command): Promise<Uint8Array> {
	try {
		return await tools.readFile(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			throw new RunError(
				`${command.file} ${command.args.join(' ')} finished but left no ${path}.`,
				'Check that the crate\'s binary is named after project.name in rust-lambda.toml (or set [[bin]] name in Cargo.toml).',
			);
		}

		throw new RunError(`Cannot read ${path}: ${(error as Error).message}`);
	}
}
