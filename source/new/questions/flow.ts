// The wizard as a pure state machine: which step is asked, what was answered,
// going back, and validation with the config loader's rules. Ink only draws it
// (source/ui).
import {get, problemsWith, set, toSpec, type Answers} from './answers.js';
import {ConfigError} from '../../errors.js';
import type {Step} from './step.js';

export interface FlowOptions {
	/** Keys given as flags: steps that set only these are not asked. */
	readonly fixedKeys: ReadonlySet<string>;
	/** A problem with the folder to write to (it exists and is not empty…), from the caller. */
	readonly checkDirectory?: (directory: string) => string | undefined;
}

/** Asks the questions on a screen: the answers, or undefined when the person quit (Ctrl-C). */
export type AskQuestions = (answers: Answers, options: FlowOptions & {colour: boolean}) => Promise<Answers | undefined>;

export interface Flow {
	readonly steps: readonly Step[];
	readonly options: FlowOptions;
	readonly answers: Answers;
	/** Index of the step being asked, or 'summary' once every step is answered. */
	readonly current: number | 'summary';
	/** Indexes of the steps answered so far, in order: what Esc walks back through. */
	readonly history: readonly number[];
	readonly error?: string | undefined;
}

function isFixed(step: Step, fixed: ReadonlySet<string>): boolean {
	return step.keys.length > 0 && step.keys.every(key => [...fixed].some(set => set === key || set.startsWith(`${key}.`)));
}

function nextStep(flow: Pick<Flow, 'steps' | 'options' | 'answers'>, after: number): number | 'summary' {
	for (let index = after + 1; index < flow.steps.length; index++) {
		const step = flow.steps[index]!;
		if ((step.when?.(flow.answers) ?? true) && !isFixed(step, flow.options.fixedKeys)) {
			return index;
		}
	}

	return 'summary';
}

export function startFlow(steps: readonly Step[], answers: Answers, options: FlowOptions): Flow {
	const base = {steps, options, answers};
	return {...base, current: nextStep(base, -1), history: []};
}

export function currentStep(flow: Flow): Step | undefined {
	return flow.current === 'summary' ? undefined : flow.steps[flow.current];
}

/** Applies an answer: moves on, or stays with a message saying what is wrong. */
export function submit(flow: Flow, value: string | readonly string[]): Flow {
	const step = currentStep(flow);
	if (step === undefined || flow.current === 'summary') {
		return flow;
	}

	const applied = step.kind === 'multi' ? step.apply(flow.answers, value as readonly string[]) : step.apply(flow.answers, value as string);
	if ('error' in applied) {
		return {...flow, error: applied.error as string};
	}

	const answers = withoutStale(flow.steps, applied as Answers, flow.options.fixedKeys);
	const problem = problemsWith(answers, step.keys)[0];
	const directoryProblem = step.keys.includes('directory') && answers.directory !== undefined
		? flow.options.checkDirectory?.(answers.directory)
		: undefined;
	if (problem || directoryProblem) {
		return {...flow, error: directoryProblem ?? problem!.message};
	}

	return {...flow, answers, current: nextStep({...flow, answers}, flow.current), history: [...flow.history, flow.current], error: undefined};
}

/**
 * Answers to questions that no longer apply (an HTTP endpoint after the trigger became SQS,
 * a batching window after the queue became FIFO) are dropped, and tables left empty with them,
 * so going back and changing an answer never leaves a contradiction behind. Flags stay.
 */
function withoutStale(steps: readonly Step[], answers: Answers, fixed: ReadonlySet<string>): Answers {
	let result = answers;
	const stale = steps.filter(step => !(step.when?.(answers) ?? true));
	for (const key of stale.flatMap(step => step.keys)) {
		if (key !== 'directory' && !fixed.has(key) && get(result, key) !== undefined) {
			result = set(result, key, undefined);
		}
	}

	const live = new Set(steps.filter(step => step.when?.(answers) ?? true).flatMap(step => step.keys));
	for (const [section, table] of Object.entries(result.config)) {
		if (Object.keys(table).length === 0 && !live.has(section)) {
			result = set(result, section, undefined);
		}
	}

	return result;
}

/** The whole config's problems, for the summary: the last chance before anything is written. */
export function summaryProblems(flow: Flow): string[] {
	try {
		toSpec(flow.answers);
		return [];
	} catch (error) {
		if (error instanceof ConfigError) {
			return error.problems.map(problem => `${problem.where.replace(/^answers: /, '')}: ${problem.message}`);
		}

		throw error;
	}
}

/** Esc: back to the previous question, keeping the answers given so far. */
export function back(flow: Flow): Flow {
	const previous = flow.history.at(-1);
	if (previous === undefined) {
		return {...flow, error: undefined};
	}

	return {...flow, current: previous, history: flow.history.slice(0, -1), error: undefined};
}
