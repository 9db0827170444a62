// A small YAML writer for the templates that vary by structure (SAM's
// template.yaml): maps, lists, scalars and CloudFormation's short tags.
// Text templates with placeholders would need indentation-aware splicing.

/** A CloudFormation short-form intrinsic: `!Ref Topic`, `!GetAtt Queue.Arn`, `!Sub "arn:aws:sns:${AWS::Region}:…"`. */
export class Tag {
	constructor(
		readonly tag: '!Ref' | '!GetAtt' | '!Sub',
		readonly value: string,
	) {}
}

/** null: JSON's, in a document taken from JSON text (an SNS filter policy). */
export type YamlValue = string | number | boolean | null | Tag | readonly YamlValue[] | YamlMap;
export interface YamlMap {
	readonly [key: string]: YamlValue;
}

// Plain (unquoted) only where YAML cannot read it as anything but this string.
const plain = /^[A-Za-z_/][\w./:*+-]*$/;
const wordsYamlReads = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

function scalar(value: string | number | boolean | null | Tag): string {
	if (value instanceof Tag) {
		return `${value.tag} ${scalar(value.value)}`;
	}

	if (typeof value !== 'string') {
		return String(value);
	}

	return plain.test(value) && !value.endsWith(':') && !wordsYamlReads.test(value) ? value : JSON.stringify(value);
}

const isMap = (value: YamlValue): value is YamlMap =>
	typeof value === 'object' && value !== null && !(value instanceof Tag) && !Array.isArray(value);

/** Empty collections and scalars fit on the key's line. */
function inline(value: YamlValue): string | undefined {
	if (Array.isArray(value)) {
		return value.length === 0 ? '[]' : undefined;
	}

	if (isMap(value)) {
		return Object.keys(value).length === 0 ? '{}' : undefined;
	}

	return scalar(value as string | number | boolean | null | Tag);
}

function lines(value: YamlValue, indent: string): string[] {
	if (Array.isArray(value)) {
		return value.flatMap((item: YamlValue) => {
			const short = inline(item);
			if (short !== undefined) {
				return [`${indent}- ${short}`];
			}

			// The item's first line takes the dash; the rest line up under it.
			const [first = '', ...rest] = lines(item, `${indent}  `);
			return [`${indent}- ${first.trimStart()}`, ...rest];
		});
	}

	if (isMap(value)) {
		return Object.entries(value).flatMap(([key, item]) => {
			const short = inline(item);
			return short === undefined ? [`${indent}${scalar(key)}:`, ...lines(item, `${indent}  `)] : [`${indent}${scalar(key)}: ${short}`];
		});
	}

	return [`${indent}${inline(value)}`];
}

export function toYaml(document: YamlMap): string {
	return `${lines(document, '').join('\n')}\n`;
}
