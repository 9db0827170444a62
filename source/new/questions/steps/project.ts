// Name, folder and what to build.
import {defaults} from '../../../spec/defaults.js';
import {names} from '../../../spec/limits.js';
import {get, type Answers} from '../answers.js';
import {selectStep, textStep} from '../kinds.js';
import type {TextStep} from '../step.js';

export const name = textStep({
	id: 'name',
	label: 'Name',
	title: 'Project name',
	key: 'project.name',
	note: () => `The crate's name, and the function's: ${names.crate.rule.replace(/^a crate name: /, '')}.`,
});

export const directory: TextStep = {
	id: 'directory',
	label: 'Folder',
	kind: 'text',
	title: 'Folder to create',
	keys: ['directory'],
	note: () => 'An existing folder must be empty (or pass --force).',
	initial: answers => answers.directory ?? `./${String(get(answers, 'project.name') ?? '')}`,
	apply: (answers, text) => (text.trim() === '' ? {error: 'A folder is needed.'} : {...answers, directory: text.trim()}),
	show: answers => answers.directory ?? '',
};

export const kind = selectStep({
	id: 'kind',
	label: 'Builds',
	title: 'What do you want to build?',
	key: 'project.kind',
	fallback: defaults.project.kind,
	choices: [
		{value: 'function', label: 'A function', hint: 'Rust code that Lambda runs on each event'},
		{value: 'extension', label: 'An extension', hint: 'a companion process beside functions: logs, telemetry, shutdown hooks'},
		{value: 'function+extension', label: 'A function with its own extension'},
	],
});

export const buildsFunction = (answers: Answers) => get(answers, 'project.kind') !== 'extension';

/** Why a function's setting is not asked for an extension on its own (a flag that sets it is refused with this). */
export const noFunction = (what: string) => (answers: Answers) =>
	(buildsFunction(answers) ? undefined : `an extension on its own is published as a layer and has no function: ${what}`);
export const buildsExtension = (answers: Answers) => (get(answers, 'project.kind') ?? defaults.project.kind) !== 'function';
