// Flags answer the wizard's questions: the answers they give, and the flags the
// other answers rule out (--image-base for a ZIP), which are mistakes, not settings to keep.
import type {Problem} from '../../errors.js';
import {defaults} from '../../spec/defaults.js';
import type {FlagValue} from '../../spec/spec.js';
import {set, type Answers} from './answers.js';
import type {Step} from './step.js';
import {steps} from './steps/index.js';
import {buildsFunction, noFunction} from './steps/project.js';

/** Keys only a flag sets (no question asks them): when each applies, and why not. */
const flagOnly: ReadonlyArray<Pick<Step, 'keys' | 'when' | 'whyNot'>> = [
	{keys: ['function.role'], when: buildsFunction, whyNot: noFunction('publishing a layer needs no execution role')},
];

/** The answers with every flag's value set. */
export function withFlags(answers: Answers, given: readonly FlagValue[]): Answers {
	return given.reduce((result, {path, value}) => set(result, path.join('.'), value), answers);
}

/** Each flag whose question the other flags rule out, as a problem named by the flag. */
export function inapplicableFlags(given: readonly FlagValue[]): Problem[] {
	const answers = withFlags({config: {}}, given);
	return given.flatMap(flag => {
		const key = flag.path.join('.');
		const asked = steps.find(candidate => candidate.keys.includes(key) || candidate.keys.includes(flag.path[0]));
		const step = asked ?? flagOnly.find(candidate => candidate.keys.includes(key));
		const offered = asked?.kind === 'multi' && !asked.keys.includes(key) ? asked.choices(answers).some(choice => choice.value === flag.path[1]) : true;
		const applies = (step?.when?.(answers) ?? true) && offered;
		const why = step?.whyNot?.(answers);
		return applies ? [] : [{where: flag.flag, message: why ? `does not apply: ${why}; leave it out` : `does not apply to this project (${describe(answers)}): leave it out`}];
	});
}

function describe(answers: Answers): string {
	const {project = {}} = answers.config;
	if (!buildsFunction(answers)) {
		return 'an extension on its own';
	}

	return `kind ${String(project['kind'] ?? defaults.project.kind)}, trigger ${String(project['trigger'] ?? defaults.project.trigger)}, packaging ${String(project['packaging'] ?? defaults.project.packaging)}`;
}
