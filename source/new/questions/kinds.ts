// Step makers for the common shapes: one config key, typed as text, a number,
// a list, or a choice. Step files use these so that no step repeats another.
import {get, problemsWith, set, type Answers} from './answers.js';
import type {Choice, SelectStep, TextStep} from './step.js';

type Common = {
	id: string;
	title: string;
	label: string;
	key: string;
	note?: (answers: Answers) => string | undefined;
	when?: (answers: Answers) => boolean;
	whyNot?: (answers: Answers) => string | undefined;
};

/**
 * Checks the text as it is typed, with the config loader's rules for the key: what is wrong
 * with it, or (when it passes) the answer in plain words, if `words` has any.
 */
function asTyped(key: string, apply: TextStep['apply'], words?: (text: string) => string | undefined): NonNullable<TextStep['preview']> {
	return (answers, text) => {
		if (text.trim() === '') {
			return undefined;
		}

		const applied = apply(answers, text);
		const problem = 'error' in applied ? applied.error as string : problemsWith(applied, [key])[0]?.message;
		if (problem !== undefined) {
			return {tone: 'bad', text: problem};
		}

		const said = words?.(text.trim());
		return said === undefined ? undefined : {tone: 'good', text: said};
	};
}

type Typed = {words?: (text: string) => string | undefined};

const shown = (value: unknown) =>
	value === undefined || value === '' ? '(none)' : Array.isArray(value) ? value.join(', ') || '(none)' : String(value);

export function textStep(common: Common & Typed & {fallback?: (answers: Answers) => string; optional?: boolean; placeholder?: string; show?: TextStep['show']}): TextStep {
	const {words, ...rest} = common;
	const apply: TextStep['apply'] = (answers, text) => set(answers, common.key, common.optional && text.trim() === '' ? undefined : text.trim());
	return {
		...rest,
		kind: 'text',
		keys: [common.key],
		initial: answers => String(get(answers, common.key) ?? common.fallback?.(answers) ?? ''),
		apply,
		show: common.show ?? (answers => shown(get(answers, common.key))),
		preview: asTyped(common.key, apply, words),
	};
}

/** `unit`: what the number counts ("MB", "s"), said after it in the summary. */
export function numberStep(common: Common & {fallback?: (answers: Answers) => number; optional?: boolean; unit?: string}): TextStep {
	const {unit, ...rest} = common;
	const apply: TextStep['apply'] = (answers, text) => {
		const trimmed = text.trim();
		if (trimmed === '' && common.optional) {
			return set(answers, common.key, undefined);
		}

		return /^-?\d+$/.test(trimmed)
			? set(answers, common.key, Number(trimmed))
			: {error: `A whole number is needed${trimmed === '' ? '' : `, and "${trimmed}" is not one`}${common.optional ? ' (or leave it empty for none)' : ''}.`};
	};
	return {
		...rest,
		kind: 'text',
		keys: [common.key],
		initial: answers => String(get(answers, common.key) ?? common.fallback?.(answers) ?? ''),
		apply,
		preview: asTyped(common.key, apply),
		show(answers) {
			const value = get(answers, common.key);
			return value === undefined || unit === undefined ? shown(value) : `${String(value)} ${unit}`;
		},
	};
}

/** A comma- or space-separated list ("subnet-1, subnet-2"); when optional, an empty answer leaves the key out. */
export function listStep(common: Common & Typed & {fallback?: (answers: Answers) => string[]; optional?: boolean}): TextStep {
	const {words, ...rest} = common;
	const apply: TextStep['apply'] = (answers, text) => {
		const items = text.split(/[\s,]+/).filter(Boolean);
		return set(answers, common.key, common.optional && items.length === 0 ? undefined : items);
	};
	return {
		...rest,
		kind: 'text',
		keys: [common.key],
		placeholder: 'separate several with commas',
		initial: answers => ((get(answers, common.key) as string[] | undefined) ?? common.fallback?.(answers) ?? []).join(', '),
		apply,
		preview: asTyped(common.key, apply, words),
		show: answers => shown(get(answers, common.key)),
	};
}

export function selectStep(common: Common & {choices: readonly Choice[] | ((answers: Answers) => readonly Choice[]); fallback: string}): SelectStep {
	const choices = typeof common.choices === 'function' ? common.choices : () => common.choices as readonly Choice[];
	return {
		...common,
		kind: 'select',
		keys: [common.key],
		choices,
		initial: answers => String(get(answers, common.key) ?? common.fallback),
		apply: (answers, value) => set(answers, common.key, value),
		show: answers => choices(answers).find(choice => choice.value === String(get(answers, common.key) ?? common.fallback))?.label ?? shown(get(answers, common.key)),
	};
}

/** A yes/no question stored as a boolean key. */
export function yesNoStep(common: Common & {fallback: boolean; yes: string; no: string}): SelectStep {
	const choices = [{value: 'yes', label: common.yes}, {value: 'no', label: common.no}];
	const current = (answers: Answers) => (get(answers, common.key) as boolean | undefined) ?? common.fallback;
	return {
		...common,
		kind: 'select',
		keys: [common.key],
		choices: () => choices,
		initial: answers => (current(answers) ? 'yes' : 'no'),
		apply: (answers, value) => set(answers, common.key, value === 'yes'),
		show: answers => (current(answers) ? common.yes : common.no),
	};
}

/** Whether an optional section is used at all: "none" removes it. */
export function sectionStep(common: Omit<Common, 'key'> & {section: string; yes: string; no: string}): SelectStep {
	const choices = [{value: 'no', label: common.no}, {value: 'yes', label: common.yes}];
	const used = (answers: Answers) => get(answers, common.section) !== undefined;
	return {
		...common,
		kind: 'select',
		keys: [common.section],
		choices: () => choices,
		initial: answers => (used(answers) ? 'yes' : 'no'),
		apply: (answers, value) => (value === 'yes' ? set(answers, common.section, get(answers, common.section) ?? {}) : set(answers, common.section, undefined)),
		show: answers => (used(answers) ? common.yes : common.no),
	};
}
