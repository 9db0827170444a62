// The wizard as a pure state machine: which step is asked, what was answered,
// going back, the fast path (the essential questions, then the defaults for the
// rest), changing an answer from the summary, and validation with the config
// loader's rules. Ink only draws it (source/ui).
import {get, problemsWith, set, type Answers} from './answers.js';
import type {SelectStep, Step, TextStep} from './step.js';

export interface FlowOptions {
	/** Keys given as flags: steps that set only these are not asked. */
	readonly fixedKeys: ReadonlySet<string>;
	/** A problem with the folder to write to (it exists and is not empty…), from the caller. */
	readonly checkDirectory?: (directory: string) => string | undefined;
	/** Started from the home menu: Esc on the first question goes back to it. */
	readonly fromHome?: boolean;
}

/** What the wizard ends with: the answers; 'home' (Esc on the first question, from the home menu); undefined: Ctrl-C. */
export type Asked = Answers | 'home' | undefined;

/** Asks the questions on a screen. */
export type AskQuestions = (answers: Answers, options: FlowOptions & {colour: boolean}) => Promise<Asked>;

/** After the essential questions: the defaults for everything else, or each question asked. */
type Pace = 'defaults' | 'each';

/** A question answered, as it is printed once above the current one. */
interface Answered {
	readonly key: number;
	readonly title: string;
	readonly text: string;
}

interface Place {
	readonly index: number;
	/** The pace question, asked before the step at `index`. */
	readonly pacing: boolean;
}

export interface Flow {
	readonly steps: readonly Step[];
	readonly options: FlowOptions;
	readonly answers: Answers;
	/** Index of the step being asked, or 'summary' once every step is answered. */
	readonly current: number | 'summary';
	/** The pace question comes before the step at `current`. */
	readonly pacing: boolean;
	readonly pace?: Pace | undefined;
	/** The places asked so far, in order: what Esc walks back through. */
	readonly history: readonly Place[];
	/** Ids of the steps with an answer (given, or a default taken). */
	readonly answered: ReadonlySet<string>;
	/** A step opened from the summary: Esc returns there, and so does Enter once nothing new is needed. */
	readonly editing: boolean;
	/** Every answer given, in order, for the lines above the question (printed once, never redrawn). */
	readonly log: readonly Answered[];
	readonly error?: string | undefined;
}

const paceChoices = [
	{value: 'defaults', label: 'Use the defaults', hint: 'straight to the summary, where any answer can be changed'},
	{value: 'each', label: 'Ask me each question'},
] as const satisfies ReadonlyArray<{value: Pace; label: string; hint?: string}>;

/** The question between the essential ones and the rest, naming what the rest are. */
function paceStep(flow: Flow): SelectStep {
	const rest = flow.current === 'summary' ? [] : flow.steps.slice(flow.current).filter(step => !step.essential && asks(flow, step, flow.answers));
	return {
		id: 'pace',
		kind: 'select',
		title: 'The other questions',
		label: 'The rest',
		keys: [],
		note: () => `Each has a default: ${rest.map(step => step.label).join(', ')}.`,
		choices: () => paceChoices,
		initial: () => 'defaults',
		apply: answers => answers,
		show: () => '',
	};
}

/** The step is asked (or shown on the summary) for these answers. */
export const applies = (step: Step, answers: Answers) => step.when?.(answers) ?? true;

function isFixed(step: Step, fixed: ReadonlySet<string>): boolean {
	return step.keys.length > 0 && step.keys.every(key => [...fixed].some(set => set === key || set.startsWith(`${key}.`)));
}

/** It applies and no flag answered it. */
const asks = (flow: Flow, step: Step, answers: Answers) => applies(step, answers) && !isFixed(step, flow.options.fixedKeys);

/**
 * The step's answer applied and checked: what it is, or what is wrong with it. Answers to questions
 * that no longer apply are dropped on the way.
 */
function accept(flow: Flow, step: Step, value: string | readonly string[]): {answers: Answers} | {error: string} {
	const applied = step.kind === 'multi' ? step.apply(flow.answers, value as readonly string[]) : step.apply(flow.answers, value as string);
	if ('error' in applied) {
		return {error: applied.error as string};
	}

	const answers = withoutStale(flow.steps, applied as Answers, flow.options.fixedKeys);
	const problem = problemsWith(answers, step.keys)[0];
	const directoryProblem = step.keys.includes('directory') && answers.directory !== undefined
		? flow.options.checkDirectory?.(answers.directory)
		: undefined;
	return problem || directoryProblem ? {error: directoryProblem ?? problem!.message} : {answers};
}

/**
 * The next place to ask after the step at `after`. On the way, with the defaults chosen, each
 * remaining step takes its initial answer; one whose default does not hold is asked. When a step
 * was opened from the summary, only what that change made newly needed is asked.
 */
function advance(flow: Flow, after: number): Flow {
	let current = flow;
	for (let index = after + 1; index < flow.steps.length; index++) {
		const step = flow.steps[index]!;
		if (!asks(current, step, current.answers) || (current.editing && current.answered.has(step.id))) {
			continue;
		}

		if (step.essential || current.pace === 'each') {
			return {...current, current: index, pacing: false};
		}

		if (current.pace === undefined) {
			return {...current, current: index, pacing: true};
		}

		if (current.answered.has(step.id)) {
			continue;
		}

		// The answer it starts with, as Enter would confirm it.
		const taken = accept(current, step, step.initial(current.answers));
		if ('error' in taken) {
			return {...current, current: index, pacing: false, error: taken.error};
		}

		current = {...current, answers: taken.answers, answered: stillAnswered(flow.steps, current.answered, taken.answers, step.id)};
	}

	return {...current, current: 'summary', pacing: false, editing: false};
}

/** The answered ids plus `id`, less the steps that no longer apply (their answers were dropped). */
function stillAnswered(steps: readonly Step[], answered: ReadonlySet<string>, answers: Answers, id: string): ReadonlySet<string> {
	return new Set([...answered, id].filter(each => applies(steps.find(step => step.id === each)!, answers)));
}

export function startFlow(steps: readonly Step[], answers: Answers, options: FlowOptions): Flow {
	return advance({steps, options, answers, current: 'summary', pacing: false, history: [], answered: new Set(), editing: false, log: []}, -1);
}

export function currentStep(flow: Flow): Step | undefined {
	if (flow.current === 'summary') {
		return undefined;
	}

	return flow.pacing ? paceStep(flow) : flow.steps[flow.current];
}

/** Esc here leaves the wizard: the first question, with nothing asked before it. */
export const atStart = (flow: Flow) => flow.current !== 'summary' && !flow.editing && flow.history.length === 0;

/** Applies an answer: moves on, or stays with a message saying what is wrong. */
export function submit(flow: Flow, value: string | readonly string[]): Flow {
	const step = currentStep(flow);
	if (step === undefined || flow.current === 'summary') {
		return flow;
	}

	const here: Place = {index: flow.current, pacing: flow.pacing};
	if (flow.pacing) {
		const pace = value as Pace;
		const chosen = paceChoices.find(choice => choice.value === pace)!;
		return advance({...flow, pace, pacing: false, history: [...flow.history, here], log: logged(flow, step, chosen.label), error: undefined}, flow.current - 1);
	}

	const taken = accept(flow, step, value);
	if ('error' in taken) {
		return {...flow, error: taken.error};
	}

	return advance({
		...flow,
		answers: taken.answers,
		answered: stillAnswered(flow.steps, flow.answered, taken.answers, step.id),
		history: flow.editing ? flow.history : [...flow.history, here],
		log: logged(flow, step, step.show(taken.answers)),
		error: undefined,
	}, flow.current);
}

const logged = (flow: Flow, step: Step, text: string): readonly Answered[] => [...flow.log, {key: flow.log.length, title: step.title, text}];

/** Esc: back to the previous question, keeping the answers given so far; from a step opened on the summary, back to it. */
export function back(flow: Flow): Flow {
	if (flow.editing) {
		return {...flow, current: 'summary', pacing: false, editing: false, error: undefined};
	}

	const previous = flow.history.at(-1);
	if (previous === undefined) {
		return {...flow, error: undefined};
	}

	// Back at (or before) the pace question, it is asked again.
	return {...flow, current: previous.index, pacing: previous.pacing, pace: previous.pacing ? undefined : flow.pace, history: flow.history.slice(0, -1), error: undefined};
}

/** From the summary: opens one step to change its answer. */
export function edit(flow: Flow, index: number): Flow {
	return flow.current === 'summary' ? {...flow, current: index, pacing: false, editing: true, error: undefined} : flow;
}

/** What is typed, checked as it is typed: the step's own preview, then the folder's problem. */
export function checkTyped(flow: Flow, step: TextStep, text: string): ReturnType<NonNullable<TextStep['preview']>> {
	const preview = step.preview?.(flow.answers, text);
	if (preview?.tone === 'bad' || !step.keys.includes('directory') || text.trim() === '') {
		return preview;
	}

	const problem = flow.options.checkDirectory?.(text.trim());
	return problem === undefined ? preview : {tone: 'bad', text: problem};
}

/**
 * Answers to questions that no longer apply (an HTTP endpoint after the trigger became SQS,
 * a batching window after the queue became FIFO) are dropped, and tables left empty with them,
 * so going back and changing an answer never leaves a contradiction behind. Flags stay.
 */
function withoutStale(steps: readonly Step[], answers: Answers, fixed: ReadonlySet<string>): Answers {
	let result = answers;
	const stale = steps.filter(step => !applies(step, answers));
	for (const key of stale.flatMap(step => step.keys)) {
		if (key !== 'directory' && !fixed.has(key) && get(result, key) !== undefined) {
			result = set(result, key, undefined);
		}
	}

	const live = new Set(steps.filter(step => applies(step, answers)).flatMap(step => step.keys));
	for (const [section, table] of Object.entries(result.config)) {
		if (Object.keys(table).length === 0 && !live.has(section)) {
			result = set(result, section, undefined);
		}
	}

	return result;
}
