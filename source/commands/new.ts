// `new`: answers (wizard or flags) -> Spec -> project files -> one atomic write.
import {basename, relative, resolve} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {configFlags, newOptions} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {InterruptedError, RunError, UsageError} from '../errors.js';
import {projectFiles} from '../new/files.js';
import {names} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {loadSpec} from '../spec/spec.js';
import {folderProblem, writeProject} from '../tools/project-writer.js';
import {loadTemplates} from '../tools/templates.js';
import {set, toSpec, type Answers} from '../ui/wizard/answers.js';

export async function newProject({flags, positionals, terminal, signal}: CommandContext): Promise<number> {
	const force = Boolean(flags['force']);
	const given = configFlags(newOptions, flags);
	const folder = positionals[0];
	if (folder !== undefined) {
		const problem = folderProblem(resolve(terminal.cwd, folder), force);
		if (problem) {
			throw new RunError(problem);
		}
	}

	let spec: Spec;
	let directory: string;
	if (flags['yes']) {
		const name = (flags['name'] as string | undefined) ?? (folder && names.crate.pattern.test(basename(folder)) ? basename(folder) : undefined);
		if (name === undefined) {
			throw new UsageError('new --yes needs the project name: pass --name NAME (or a folder whose name is a valid crate name).', 'new');
		}

		spec = loadSpec({file: 'flags', text: undefined, flags: [...given, {flag: '--name', path: ['project', 'name'], value: name}]});
		directory = folder ?? name;
	} else {
		if (!terminal.interactive) {
			throw new UsageError(
				'new asks its questions in a terminal, and there is none. Pass --yes with the answers as flags: --name NAME (required), '
				+ 'and as needed --kind, --trigger, --packaging, --arch, --extension-kind, --internal, --memory, --timeout, --region, --alias, --role, --strategy.',
				'new',
			);
		}

		const answers = await ask(given, folder, force, terminal.cwd);
		spec = toSpec(answers);
		directory = answers.directory!;
	}

	const target = resolve(terminal.cwd, directory);
	await writeProject(target, projectFiles(spec, await loadTemplates()), {force, signal});
	const shown = relative(terminal.cwd, target) || '.';
	terminal.stdout.write([
		`${paint(terminal.stdout, 'green', '✔')} Wrote ${spec.project.name} to ${shown}`,
		'',
		'Next:',
		`  cd ${shown}`,
		'  rust-lambda-wizard build',
		'  rust-lambda-wizard deploy --dry-run',
		'  rust-lambda-wizard deploy',
		'',
	].join('\n'));
	return exitCode.ok;
}

async function ask(given: ReturnType<typeof configFlags>, folder: string | undefined, force: boolean, cwd: string): Promise<Answers> {
	let answers: Answers = {config: {}, directory: folder};
	for (const {path, value} of given) {
		answers = set(answers, path.join('.'), value);
	}

	const {runWizard} = await import('../ui/run-wizard.js');
	const result = await runWizard(answers, {
		fixedKeys: new Set([...given.map(flag => flag.path.join('.')), ...(folder === undefined ? [] : ['directory'])]),
		checkDirectory: directory => folderProblem(resolve(cwd, directory), force),
	});
	if (result === undefined) {
		throw new InterruptedError('nothing was written.');
	}

	return result;
}
