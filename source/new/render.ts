// Templates are real files under templates/ with a few {{name}} placeholders.
// Only {{lowercase_name}} is a placeholder, so text such as Artillery's
// {{ $env.X }} or Rust's `{{` passes through untouched.

/** The templates/ folder, already read (see source/tools/templates.ts): paths are relative to it. */
export interface Templates {
	read(path: string): string;
}

export type Values = Readonly<Record<string, string>>;

const placeholder = /\{\{([a-z][a-z\d_]*)\}\}/g;

/** Fills every placeholder; a placeholder without a value is a bug in the generator, so it throws. */
function fill(text: string, values: Values, source = 'template'): string {
	return text.replaceAll(placeholder, (_match, name: string) => {
		const value = values[name];
		if (value === undefined) {
			throw new Error(`${source} has {{${name}}} but the generator gave no value for it`);
		}

		return value;
	});
}

export function render(templates: Templates, path: string, values: Values = {}): string {
	return fill(templates.read(path), values, `templates/${path}`);
}
