// Command lines shown to people: words quoted for a POSIX shell, and lines of
// several commands joined by | and &&. Pure; used by deploy's plan and by the
// process adapter's "rerun it by hand" hints.

/** Join commands in one line (`a | b && c`); marked apart from words, so that no value is taken for one. */
export const pipeTo = '\u0000|';
export const andThen = '\u0000&&';
const separators = new Map([[pipeTo, '|'], [andThen, '&&']]);

/** Quotes words for a POSIX shell, for display. */
export function shellLine(words: readonly string[]): string {
	return words.map(word => separators.get(word) ?? (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Adds words (--endpoint-url, --profile) to each `aws` command of a line, so that every one reaches the same place. */
export function withAwsArgs(words: readonly string[], extra: readonly string[]): string[] {
	const result: string[] = [];
	let segment: string[] = [];
	const flush = () => {
		result.push(...segment, ...(segment[0] === 'aws' ? extra : []));
		segment = [];
	};

	for (const word of words) {
		if (separators.has(word)) {
			flush();
			result.push(word);
		} else {
			segment.push(word);
		}
	}

	flush();
	return result;
}
