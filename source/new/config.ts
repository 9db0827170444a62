// rust-lambda.toml from a Spec: every answer, written out in full, so that
// loadSpec reads back the very same Spec and later commands ask nothing.
import {stringify} from 'smol-toml';
import {sectionNames, type Spec} from '../spec/schema.js';

const header = [
	'# rust-lambda.toml: every answer `rust-lambda-wizard new` was given.',
	'# build, deploy and the other commands read it; their flags override it.',
	'# Keys and rules: see the rust-lambda-wizard README ("The project config").',
	'',
	'',
].join('\n');

/** TOML has no undefined: optional keys that are not set are left out. */
function defined(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map(item => defined(item));
	}

	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, item]) => item !== undefined)
				.map(([key, item]) => [key, defined(item)]),
		);
	}

	return value;
}

/**
 * What an extension on its own does not use: it is published as a layer (always a ZIP), so a
 * function's settings, a trigger, an alias, a roll-out and the local files for invoking a function
 * are not asked (the wizard) and not written; the loader still fills their defaults when reading.
 */
const notForAnExtension = {sections: ['function', 'local', 'rollout'], keys: [['project', 'trigger'], ['project', 'packaging'], ['deploy', 'alias']]} as const;

export function configToml(spec: Spec): string {
	const alone = spec.project.kind === 'extension';
	// Sections in the schema's order (project, function, …), whatever order the Spec was built in.
	const ordered = Object.fromEntries(
		sectionNames
			.filter(name => spec[name] !== undefined && !(alone && (notForAnExtension.sections as readonly string[]).includes(name)))
			.map(name => [name, defined(spec[name])]),
	) as Record<string, Record<string, unknown>>;
	if (alone) {
		for (const [section, key] of notForAnExtension.keys) {
			delete ordered[section]![key];
		}
	}

	// No regions yet means "not answered": written out, [] would break the rule of at least one.
	if (spec.deploy.regions.length === 0) {
		delete ordered['deploy']!['regions'];
	}

	// An extension with no regions yet has an empty [deploy]: nothing to say.
	if (Object.keys(ordered['deploy']!).length === 0) {
		delete ordered['deploy'];
	}

	// A blank line before every table, for the eye: [function.environment] too.
	return header + stringify(ordered).replaceAll(/\n+\[/g, '\n\n[');
}
