// Finding and loading the project's rust-lambda.toml, shared by every command that reads it.
import {dirname, resolve} from 'node:path';
import {configFlags, type Option, type ParsedFlags} from '../cli/options.js';
import {RunError} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {loadSpec} from '../spec/spec.js';
import {readTextIfExists} from '../tools/files.js';

export interface Project {
	spec: Spec;
	/** The config file as the person named it. */
	file: string;
	/** The folder holding the config: the Cargo project, events/ and the Dockerfile are found from here. */
	dir: string;
}

const defaultFile = 'rust-lambda.toml';

/** What every command that reads the config takes: --config, --env, and the flags that override keys. */
type ProjectFlags = ParsedFlags & {readonly config?: string | undefined; readonly env?: string | undefined};

/** The project, or undefined when there is no config and none was asked for (doctor checks the machine only). */
export async function findProject(flags: ProjectFlags, cwd: string, options: readonly Option[]): Promise<Project | undefined> {
	const named = flags.config;
	const file = named ?? defaultFile;
	const path = resolve(cwd, file);
	const text = await readTextIfExists(path);
	if (text === undefined) {
		if (named === undefined) {
			return undefined;
		}

		throw new RunError(`--config ${file}: there is no such file (${path}).`, `Check the path: a relative one starts from the folder the command runs in (${cwd}).`);
	}

	const spec = loadSpec({file, text, env: flags.env, flags: configFlags(options, flags)});
	return {spec, file, dir: dirname(path)};
}

export async function loadProject(flags: ProjectFlags, cwd: string, options: readonly Option[]): Promise<Project> {
	const project = await findProject(flags, cwd, options);
	if (project === undefined) {
		throw missing(defaultFile, cwd);
	}

	return project;
}

function missing(file: string, cwd: string): RunError {
	return new RunError(`No ${file} found in ${cwd}.`, 'Run the command in a project made by `rust-lambda-wizard new`, or pass --config PATH.');
}
