// `new`: answers (wizard or flags) -> Spec -> project files -> one atomic write.
import {homedir} from 'node:os';
import {basename, join, resolve} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {configFlags, newOptions, type FlagsOf, type Option} from '../cli/options.js';
import {showPath} from '../cli/invoked.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {BackToHomeMenu, ConfigError, InterruptedError, RunError, UsageError} from '../errors.js';
import {connection} from '../new/connect.js';
import {projectFiles} from '../new/files.js';
import {set, toSpec, type Answers} from '../new/questions/answers.js';
import {inapplicableFlags, withFlags} from '../new/questions/flags.js';
import {windowForBatch} from '../new/questions/steps/sqs.js';
import type {AskQuestions} from '../new/questions/flow.js';
import {cargoLambdaOutput} from '../plan/build.js';
import {defaults} from '../spec/defaults.js';
import {names} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {loadSpec, type FlagValue} from '../spec/spec.js';
import {folderProblem, writeProject} from '../tools/project-writer.js';
import {loadTemplates} from '../tools/templates.js';

/**
 * `askQuestions` shows the wizard (source/ui/run-wizard.tsx, which the command table loads only when
 * it is called): everything else here, --yes included, runs without the Ink screen.
 */
export async function newProject({flags, positionals, terminal, signal, fromHome}: CommandContext<FlagsOf<typeof newOptions>>, askQuestions: AskQuestions): Promise<number> {
	const force = Boolean(flags['force']);
	const given = configFlags(newOptions, flags);
	const folder = positionals[0] === undefined ? undefined : expandHome(positionals[0]);
	const nameFromFolder = folder && names.crate.pattern.test(basename(folder)) ? basename(folder) : undefined;
	if (folder !== undefined) {
		const problem = folderProblem(resolve(terminal.cwd, folder), force, path => showPath(path, terminal.cwd));
		if (problem) {
			throw new RunError(problem);
		}
	}

	const inapplicable = inapplicableFlags(given);
	if (inapplicable.length > 0) {
		throw new ConfigError(inapplicable);
	}

	let spec: Spec;
	let directory: string;
	if (flags['yes']) {
		const name = flags.name ?? nameFromFolder;
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

		const answers = await ask(askQuestions, given, folder, nameFromFolder, force, terminal, fromHome ?? false);
		spec = toSpec(answers);
		directory = expandHome(answers.directory!);
	}

	const target = resolve(terminal.cwd, directory);
	await writeProject(target, projectFiles(spec, await loadTemplates()), {force, signal});
	const shown = showPath(target, terminal.cwd);
	terminal.stdout.write([`${paint(terminal.stdout, 'green', '✔')} Wrote ${spec.project.name} to ${shown}`, '', 'Next:', ...(shown === '.' ? [] : [`  cd ${shown}`]), ...nextSteps(spec, terminal.self), ''].join('\n'));
	return exitCode.ok;
}

/** The commands that work for this project in this version, started as this run was (`self`). */
function nextSteps(spec: Spec, self: string): string[] {
	if (spec.project.kind === 'extension') {
		const zip = join('target', 'lambda', cargoLambdaOutput('external-extension', spec.extension!.name, true));
		return [
			`  ${self} build`,
			`  ${self} layer publish --dry-run   (publishes ${zip} as layer ${spec.extension!.layer_name} in every region)`,
			`  ${self} layer publish`,
		];
	}

	const {missing} = connection(spec);
	return [
		`  ${self} build`,
		...(missing ? [`  (set ${missing} in rust-lambda.toml: deploy connects the trigger once it is there)`] : []),
		`  ${self} deploy --dry-run`,
		`  ${self} deploy`,
	];
}

/** --yes: the flags and the wizard's own defaults; problems are named by the flag that sets the key. */
function specFromFlags(given: readonly FlagValue[]): Spec {
	const has = (path: string) => given.some(flag => flag.path.join('.') === path);
	const kind = given.find(flag => flag.path.join('.') === 'project.kind')?.value;
	// The loader requires extension.kind for an extension (a file must say which); here it takes the default.
	const implied: FlagValue[] = kind === 'extension' || kind === 'function+extension'
		? (has('extension.kind') ? [] : [{flag: '--extension-kind', path: ['extension', 'kind'], value: defaults.extension.kind}])
		: [];
	// As the wizard does: a batch over 10 on a standard queue, with no window given, gets the 1 s AWS requires.
	const batch = given.find(flag => flag.path.join('.') === 'sqs.batch_size')?.value;
	const fifoQueue = given.some(flag => (flag.path.join('.') === 'sqs.fifo' && flag.value === true) || (flag.path.join('.') === 'sqs.queue_arn' && String(flag.value).endsWith('.fifo')));
	const window = typeof batch === 'number' && !fifoQueue && !has('sqs.batching_window_seconds') ? windowForBatch(batch) : undefined;
	if (window !== undefined) {
		implied.push({flag: '--batching-window', path: ['sqs', 'batching_window_seconds'], value: window});
	}
	try {
		return loadSpec({file: 'flags', text: undefined, flags: [...implied, ...given]});
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		const byKey = new Map<string, string>((newOptions as readonly Option[]).flatMap(option =>
			[option.configPath, ...Object.values(option.configPathByTrigger ?? {})].flatMap(path => (path ? [[`flags: ${path.join('.')}`, `--${option.name}`] as const] : []))));
		throw new ConfigError(error.problems.map(problem => ({...problem, where: byKey.get(problem.where) ?? problem.where.replace(/^flags: /, '')})));
	}
}

async function ask(
	askQuestions: AskQuestions,
	given: readonly FlagValue[],
	folder: string | undefined,
	nameFromFolder: string | undefined,
	force: boolean,
	terminal: CommandContext['terminal'],
	fromHome: boolean,
): Promise<Answers> {
	// A folder named like a crate offers its name as the answer (still asked, not fixed).
	const suggested: Answers = nameFromFolder ? set({config: {}}, 'project.name', nameFromFolder) : {config: {}};
	const answers = withFlags({...suggested, directory: folder}, given);
	const result = await askQuestions(answers, {
		fixedKeys: new Set([...given.map(flag => flag.path.join('.')), ...(folder === undefined ? [] : ['directory'])]),
		checkDirectory: directory => folderProblem(resolve(terminal.cwd, expandHome(directory)), force, path => showPath(path, terminal.cwd)),
		fromHome,
		colour: terminal.stdout.hasColors?.() ?? false,
	});
	if (result === undefined) {
		throw new InterruptedError('nothing was written.');
	}

	if (result === 'home') {
		throw new BackToHomeMenu();
	}

	return result;
}

/** ~/orders is the person's home, as a shell would read it. */
function expandHome(path: string): string {
	return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}
