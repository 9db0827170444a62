// Where it runs and how new versions reach traffic; which local files to write.
import {defaults, suggestions} from '../../../spec/defaults.js';
import {get, set, type Answers} from '../answers.js';
import {listStep, selectStep, textStep} from '../kinds.js';
import type {MultiStep} from '../step.js';
import {buildsFunction, noFunction} from './project.js';

export const regions = listStep({
	id: 'regions',
	label: 'Regions',
	title: 'AWS regions',
	key: 'deploy.regions',
	fallback: () => [...suggestions.regions],
	note: answers => (buildsFunction(answers) ? 'One or several; deploy updates them all at once.' : 'Where the extension\'s layer will be published.'),
});

export const alias = textStep({
	id: 'alias',
	label: 'Alias',
	title: 'Alias that serves traffic',
	key: 'deploy.alias',
	fallback: () => defaults.deploy.alias,
	when: buildsFunction,
	whyNot: noFunction('aliases point at function versions (a layer has numbered versions of its own)'),
	note: () => 'Callers use the alias; each deploy publishes a version and moves the alias to it.',
});

export const strategy = selectStep({
	id: 'strategy',
	label: 'Roll-out',
	title: 'How should a new version take traffic?',
	key: 'rollout.strategy',
	fallback: defaults.rollout.strategy,
	when: buildsFunction,
	whyNot: noFunction('a roll-out moves a function\'s alias to a new version'),
	choices: [
		{value: 'all-at-once', label: 'All at once'},
		{value: 'canary', label: 'Canary', hint: '10% first, then all, with health checks'},
		{value: 'linear', label: 'Linear', hint: '10% more every interval'},
		{value: 'manual', label: 'Manual steps', hint: 'you confirm each step'},
	],
});

const localFiles = [
	{value: 'sam', label: 'SAM template.yaml', hint: 'sam local invoke / start-api'},
	{value: 'localstack', label: 'LocalStack integration test'},
	{value: 'artillery', label: 'artillery.yml load test', hint: 'HTTP functions'},
] as const;

const isHttp = (answers: Answers) => get(answers, 'project.trigger') === 'http' && get(answers, 'project.kind') !== 'extension';
const offered = (answers: Answers) => localFiles.filter(file => file.value !== 'artillery' || isHttp(answers));

export const local: MultiStep = {
	id: 'local',
	label: 'Local files',
	kind: 'multi',
	title: 'Files for local development',
	keys: ['local'],
	// Nothing runs locally on its own for an extension: these files are for functions.
	when: buildsFunction,
	whyNot: noFunction('SAM, LocalStack and artillery invoke a function, so none of their files is written'),
	choices: offered,
	initial: answers => offered(answers)
		.filter(file => (get(answers, `local.${file.value}`) as boolean | undefined) ?? (file.value !== 'artillery' || isHttp(answers)))
		.map(file => file.value),
	apply: (answers, values) => set(answers, 'local', Object.fromEntries(offered(answers).map(file => [file.value, values.includes(file.value)]))),
	show: answers => offered(answers).filter(file => get(answers, `local.${file.value}`) === true).map(file => file.label).join(', ') || '(none)',
};
