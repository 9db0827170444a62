// What a wizard step is: data and pure functions, no React. Each file in
// ./steps defines one step (or one small group) with these shapes.
import type {Answers} from './answers.js';

export interface Choice {
	readonly value: string;
	readonly label: string;
	readonly hint?: string;
}

interface BaseStep {
	readonly id: string;
	/** The question, as shown. */
	readonly title: string;
	/** A short name for the answer: the summary's left column. */
	readonly label: string;
	/**
	 * One of the few questions every project needs answered by a person (name, what to build, the
	 * trigger and its source, packaging): asked first; the others may all take their defaults.
	 */
	readonly essential?: boolean;
	/** The config keys this step sets: a flag for all of them skips it; its problems show under it. */
	readonly keys: readonly string[];
	/** Short guidance under the question. */
	readonly note?: (answers: Answers) => string | undefined;
	/** Asked only when this holds (e.g. SQS settings for an SQS trigger). */
	readonly when?: (answers: Answers) => boolean;
	/** Why it is not asked, when that needs saying (a flag that answers it is refused with this). */
	readonly whyNot?: (answers: Answers) => string | undefined;
	/** The answer in one line, for the list of finished steps and the summary. */
	readonly show: (answers: Answers) => string;
}

/** A line under a text field that follows what is typed: the answer in plain words, or what is wrong with it. */
interface Preview {
	readonly tone: 'good' | 'bad';
	readonly text: string;
}

export interface TextStep extends BaseStep {
	readonly kind: 'text';
	readonly initial: (answers: Answers) => string;
	readonly placeholder?: string;
	/** Shown under the field as it is typed (before Enter); undefined: nothing to show. */
	readonly preview?: (answers: Answers, text: string) => Preview | undefined;
	/** The answers with this text applied, or a message when it cannot be read at all. */
	readonly apply: (answers: Answers, text: string) => Answers | {error: string};
}

export interface SelectStep extends BaseStep {
	readonly kind: 'select';
	readonly choices: (answers: Answers) => readonly Choice[];
	readonly initial: (answers: Answers) => string;
	readonly apply: (answers: Answers, value: string) => Answers;
}

export interface MultiStep extends BaseStep {
	readonly kind: 'multi';
	readonly choices: (answers: Answers) => readonly Choice[];
	readonly initial: (answers: Answers) => readonly string[];
	readonly apply: (answers: Answers, values: readonly string[]) => Answers;
}

export type Step = TextStep | SelectStep | MultiStep;
