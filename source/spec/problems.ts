// Turns schema issues into Problems a person can act on: where, the value, the rule.
import type {z} from 'zod';
import type {Problem} from '../errors.js';
import {sectionNames, sections, type SectionName} from './schema.js';
import {didYouMean} from './suggest.js';

export type Path = readonly PropertyKey[];

/** function.layers[0], the way TOML people read a key. */
export function keyPath(path: Path): string {
	return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`)).join('');
}

export function show(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.map(show).join(', ')}]` : String(value);
}

/** The keys a table may hold, for "did you mean": a section's fields, or the section names. */
function keysAt(path: Path): string[] {
	const inner = path[0] === 'env' ? path.slice(2) : path;
	if (inner.length === 0) {
		return path[0] === 'env' ? sectionNames : [...sectionNames, 'env'];
	}

	const section = inner[0] as SectionName;
	return section in sections ? Object.keys(sections[section]) : [];
}

export function issueToProblems(issue: z.core.$ZodIssue, where: (path: Path) => string): Problem[] {
	const path = issue.path;
	const value = 'input' in issue ? issue.input : undefined;
	switch (issue.code) {
		case 'unrecognized_keys': {
			return issue.keys.map(key => ({
				where: where([...path, key]),
				message: `unknown key${didYouMean(key, keysAt(path))}`,
			}));
		}

		case 'invalid_value': {
			const options = issue.values.map(String);
			return [{
				where: where(path),
				message: `${show(value)} must be one of ${options.join(', ')}${typeof value === 'string' ? didYouMean(value, options) : ''}`,
			}];
		}

		case 'invalid_type': {
			const message = value === undefined ? 'is required' : `${show(value)} must be ${article(issue.expected)}`;
			return [{where: where(path), message}];
		}

		case 'invalid_key': {
			return [{where: where(path), message: `key ${show(value)} ${issue.issues[0]?.message ?? 'is not allowed'}`}];
		}

		default: {
			return [{where: where(path), message: value === undefined ? issue.message : `${show(value)} ${issue.message}`}];
		}
	}
}

function article(expected: string): string {
	switch (expected) {
		case 'object': {
			return 'a table';
		}

		case 'array': {
			return 'a list';
		}

		case 'record': {
			return 'a table';
		}

		default: {
			return `a ${expected}`;
		}
	}
}
