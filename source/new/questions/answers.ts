// The wizard's answers: a config in the making (rust-lambda.toml's shape) plus
// the folder to write to. Pure helpers; validation uses the config loader's own
// rules, so the wizard and rust-lambda.toml can never disagree.
import {ConfigError, type Problem} from '../../errors.js';
import type {Overlay, Spec} from '../../spec/schema.js';
import {specFromConfig} from '../../spec/spec.js';

type Config = Record<string, Record<string, unknown>>;

export interface Answers {
	readonly config: Config;
	readonly directory?: string | undefined;
}

/** `get(answers, 'function.memory')` */
export function get(answers: Answers, key: string): unknown {
	const [section, field] = key.split('.') as [string, string | undefined];
	const table = answers.config[section];
	return field === undefined ? table : table?.[field];
}

/** A copy with one key set; `undefined` removes it (and an emptied table stays, as a choice made). */
export function set(answers: Answers, key: string, value: unknown): Answers {
	const [section, field] = key.split('.') as [string, string | undefined];
	const config = {...answers.config};
	if (field === undefined) {
		if (value === undefined) {
			delete config[section];
		} else {
			config[section] = value as Record<string, unknown>;
		}
	} else {
		const table = {...config[section]};
		if (value === undefined) {
			delete table[field];
		} else {
			table[field] = value;
		}

		config[section] = table;
	}

	return {...answers, config};
}

const label = 'answers';

/** Problems with exactly the given keys (or their list items), in the loader's words. */
export function problemsWith(answers: Answers, keys: readonly string[]): Problem[] {
	try {
		specFromConfig(answers.config, {file: label});
		return [];
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		return error.problems
			.map(problem => ({...problem, where: problem.where.replace(`${label}: `, '')}))
			.filter(problem => keys.some(key => problem.where === key || problem.where.startsWith(`${key}[`)));
	}
}

export function toSpec(answers: Answers): Spec {
	return specFromConfig(answers.config as Overlay, {file: label});
}
