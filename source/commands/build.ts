// `build`: config -> what is on the machine -> a build plan -> the task list -> what was built.
import {readFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import type {CommandContext, Terminal} from '../cli/context.js';
import {buildOptions, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {buildNeeds, planBuild, type BuildPlan, type BuildStep} from '../plan/build.js';
import type {Spec} from '../spec/schema.js';
import {hostArchitecture} from '../spec/requirements.js';
import {runBuildTasks, type BuiltArtifact} from '../tasks/build.js';
import {cargoLambdaVersion, cargoTargetDir, zigVersion} from '../tools/cargo.js';
import {chooseContainerTool, containerFacts, containerTool, noContainerTool, type ContainerTool} from '../tools/container.js';
import {writeFileAtomic} from '../tools/files.js';
import {runStreaming} from '../tools/process.js';
import {loadProject} from './project.js';

export async function build({flags, terminal, signal}: CommandContext<FlagsOf<typeof buildOptions>>): Promise<number> {
	const json = Boolean(flags['json']);
	// With --json, stdout carries only JSON: the task list and notes go to stderr.
	const people = json ? terminal.stderr : terminal.stdout;
	const {spec, dir} = await loadProject(flags, terminal.cwd, buildOptions);
	const {plan, built} = await buildProject({spec, dir, terminal, signal, people, json});

	if (json) {
		terminal.stdout.write(`${JSON.stringify(buildJson(plan, built), null, 2)}\n`);
	} else {
		people.write(`${buildSummary(built, dir)}\n`);
	}

	return exitCode.ok;
}

interface BuildInput {
	spec: Spec;
	dir: string;
	terminal: Terminal;
	signal: AbortSignal;
	/** Where the notes and the task list go. */
	people: NodeJS.WriteStream;
	json: boolean;
	/** Only these steps (`layer publish` builds just the extension's zip). */
	only?: (step: BuildStep) => boolean;
}

/** Plans the build for this machine and runs it: what `build` does, and what `layer publish` builds the extension with. */
export async function buildProject({spec, dir, terminal, signal, people, json, only}: BuildInput): Promise<{plan: BuildPlan; built: BuiltArtifact[]}> {
	const {env} = terminal;
	const host = hostArchitecture(process.platform, process.arch);
	const {compiles} = buildNeeds(spec, host);
	const cargo = {env, cwd: dir, signal};
	const [cargoLambda, zig, target] = compiles
		? await Promise.all([cargoLambdaVersion(cargo), zigVersion(cargo), cargoTargetDir(cargo)])
		: [undefined, undefined, {dir: join(dir, 'target')}];
	if (target.problem) {
		throw target.problem;
	}

	const plan = planBuild(spec, {
		projectDir: dir,
		targetDir: target.dir,
		host,
		hostName: `${process.platform}/${process.arch}`,
		cargoLambda: cargoLambda !== undefined,
		zig: zig !== undefined,
		rustflags: env['RUSTFLAGS'],
	});
	if (only) {
		plan.steps = plan.steps.filter(step => only(step));
	}

	let container: ContainerTool | undefined;
	if (plan.steps.some(step => step.type === 'image')) {
		const facts = await containerFacts(env, signal);
		const name = chooseContainerTool(facts);
		if (name === undefined) {
			throw noContainerTool(facts);
		}

		container = containerTool(name, env);
	}

	for (const note of plan.notes) {
		people.write(`${paint(people, 'yellow', 'note:')} ${note}\n`);
	}

	const built = await runBuildTasks(plan, {
		tools: {
			run: async (command, options) => runStreaming(command, {env, signal: options.signal, onLine: options.onLine, ...(options.onStdout ? {onStdout: options.onStdout} : {})}),
			readFile: async path => readFile(path),
			writeFile: writeFileAtomic,
			container,
		},
		projectDir: dir,
		signal,
		renderer: terminal.interactive && !json ? 'default' : 'simple',
		stream: people,
	});
	return {plan, built};
}

function buildJson(plan: BuildPlan, built: readonly BuiltArtifact[]) {
	return {architecture: plan.architecture, builder: plan.builder ?? null, notes: plan.notes, artifacts: built};
}

function buildSummary(built: readonly BuiltArtifact[], dir: string): string {
	const lines = built.flatMap(artifact => {
		switch (artifact.kind) {
			case 'zip': {
				return [`${relative(dir, artifact.path)}  (${artifact.entries.join(', ')}; CodeSha256 ${artifact.codeSha256})`];
			}

			case 'binary': {
				return [];
			}

			case 'image': {
				return [`image ${artifact.tag}  (${artifact.platform}, in ${artifact.builtWith}'s local image store)`];
			}
		}
	});
	return ['Ready to deploy:', ...lines.map(line => `  ${line}`)].join('\n');
}
