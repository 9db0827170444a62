// `new`: answers (wizard or flags) -> Spec -> project files -> one atomic write.
import {homedir} from 'node:os';
import {basename, join, relative, resolve} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {configFlags, newOptions} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {ConfigError, InterruptedError, RunError, UsageError} from '../errors.js';
import {projectFiles} from '../new/files.js';
import {cargoLambdaOutput} from '../plan/build.js';
import {defaults} from '../spec/defaults.js';
import {names} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {loadSpec, type FlagValue} from '../spec/spec.js';
import {folderProblem, writeProject} from '../tools/project-writer.js';
import {loadTemplates} from '../tools/templates.js';
import {steps} from '../ui/steps/index.js';
import {set, toSpec, type Answers} from '../ui/wizard/answers.js';

export async function newProject({flags, positionals, terminal, signal}: CommandContext): Promise<number> {
	const force = Boolean(flags['force']);
	const given = configFlags(newOptions, flags);
	const folder = positionals[0] === undefined ? undefined : expandHome(positionals[0]);
	const nameFromFolder = folder && names.crate.pattern.test(basename(folder)) ? basename(folder) : undefined;
	if (folder !== undefined) {
		const problem = folderProblem(resolve(terminal.cwd, folder), force);
		if (problem) {
			throw new RunError(problem);
		}
	}

	refuseInapplicable(given);
	let spec: Spec;
	let directory: string;
	if (flags['yes']) {
		const name = (flags['name'] as string | undefined) ?? nameFromFolder;
		if (name === undefined) {
			throw new UsageError('new --yes needs the project name: pass --name NAME (or a folder whose name is a valid crate name).', 'new');
		}

		spec = specFromFlags([...given, {flag: '--name', path: ['project', 'name'], value: name}]);
		directory = folder ?? name;
	} else {
		if (!terminal.interactive) {
			throw new UsageError(
				`new asks its questions in a terminal, and ${terminal.env['CI'] ? 'CI is set (no one to answer)' : 'there is none'}. Pass --yes with the answers as flags: --name NAME (required), `
				+ 'and as needed --kind, --trigger, --packaging, --arch, --extension-kind, --internal, --memory, --timeout, --region, --alias, --role, --strategy (new --help lists them all).',
				'new',
			);
		}

		const answers = await ask(given, folder, nameFromFolder, force, terminal);
		spec = toSpec(answers);
		directory = expandHome(answers.directory!);
	}

	const target = resolve(terminal.cwd, directory);
	await writeProject(target, projectFiles(spec, await loadTemplates()), {force, signal});
	const shown = relative(terminal.cwd, target) || '.';
	terminal.stdout.write([`${paint(terminal.stdout, 'green', '✔')} Wrote ${spec.project.name} to ${shown}`, '', 'Next:', `  cd ${shown}`, ...nextSteps(spec), ''].join('\n'));
	return exitCode.ok;
}

/** The commands that work for this project in this version. */
function nextSteps(spec: Spec): string[] {
	if (spec.project.kind === 'extension') {
		const zip = join('target', 'lambda', cargoLambdaOutput('external-extension', spec.extension!.name, true));
		return [
			'  rust-lambda-wizard build',
			`  aws lambda publish-layer-version --layer-name ${spec.extension!.layer_name} --zip-file fileb://${zip}`,
			'  (rust-lambda-wizard layer publish, which does this in every region, is coming)',
		];
	}

	return ['  rust-lambda-wizard build', '  rust-lambda-wizard deploy --dry-run', '  rust-lambda-wizard deploy'];
}

/** A flag for a question the other answers rule out (--image-base for a ZIP) is a mistake, not a setting to keep. */
function refuseInapplicable(given: readonly FlagValue[]): void {
	let answers: Answers = {config: {}};
	for (const {path, value} of given) {
		answers = set(answers, path.join('.'), value);
	}

	const problems = given.flatMap(flag => {
		const key = flag.path.join('.');
		const step = steps.find(candidate => candidate.keys.includes(key) || candidate.keys.includes(flag.path[0]));
		const offered = step?.kind === 'multi' && !step.keys.includes(key) ? step.choices(answers).some(choice => choice.value === flag.path[1]) : true;
		const applies = (step?.when?.(answers) ?? true) && offered;
		return applies ? [] : [{where: flag.flag, message: `does not apply to this project (${describe(answers)}): leave it out`}];
	});
	if (problems.length > 0) {
		throw new ConfigError(problems);
	}
}

function describe(answers: Answers): string {
	const {project = {}} = answers.config;
	return `kind ${String(project['kind'] ?? defaults.project.kind)}, trigger ${String(project['trigger'] ?? defaults.project.trigger)}, packaging ${String(project['packaging'] ?? defaults.project.packaging)}`;
}

/** --yes: the flags and the wizard's own defaults; problems are named by the flag that sets the key. */
function specFromFlags(given: readonly FlagValue[]): Spec {
	const has = (path: string) => given.some(flag => flag.path.join('.') === path);
	const kind = given.find(flag => flag.path.join('.') === 'project.kind')?.value;
	// The loader requires extension.kind for an extension (a file must say which); here it takes the default.
	const implied: FlagValue[] = kind === 'extension' || kind === 'function+extension'
		? (has('extension.kind') ? [] : [{flag: '--extension-kind', path: ['extension', 'kind'], value: defaults.extension.kind}])
		: [];
	try {
		return loadSpec({file: 'flags', text: undefined, flags: [...implied, ...given]});
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		const byKey = new Map(newOptions.filter(option => option.configPath).map(option => [`flags: ${option.configPath!.join('.')}`, `--${option.name}`]));
		throw new ConfigError(error.problems.map(problem => ({...problem, where: byKey.get(problem.where) ?? problem.where.replace(/^flags: /, '')})));
	}
}

async function ask(given: readonly FlagValue[], folder: string | undefined, nameFromFolder: string | undefined, force: boolean, terminal: CommandContext['terminal']): Promise<Answers> {
	let answers: Answers = {config: {}, directory: folder};
	// A folder named like a crate offers its name as the answer (still asked, not fixed).
	for (const {path, value} of [...(nameFromFolder ? [{path: ['project', 'name'], value: nameFromFolder}] : []), ...given]) {
		answers = set(answers, path.join('.'), value);
	}

	const {runWizard} = await import('../ui/run-wizard.js');
	const result = await runWizard(answers, {
		fixedKeys: new Set([...given.map(flag => flag.path.join('.')), ...(folder === undefined ? [] : ['directory'])]),
		checkDirectory: directory => folderProblem(resolve(terminal.cwd, expandHome(directory)), force),
		colour: terminal.stdout.hasColors?.() ?? false,
	});
	if (result === undefined) {
		throw new InterruptedError('nothing was written.');
	}

	return result;
}

/** ~/orders is the person's home, as a shell would read it. */
function expandHome(path: string): string {
	return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}
