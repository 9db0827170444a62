// Errors are values with a kind; source/cli turns them into messages and exit codes.

/** One thing wrong with the input: where it is (file and key path, or a flag) and the rule it breaks. */
export interface Problem {
	readonly where: string;
	readonly message: string;
}

/** Bad command line: unknown command or flag, a missing value. Exit code 2. */
export class UsageError extends Error {
	readonly kind = 'usage';
	constructor(
		message: string,
		readonly command?: string,
	) {
		super(message);
	}
}

/** An invalid project config or flag values: every problem at once. Exit code 2. */
export class ConfigError extends Error {
	readonly kind = 'config';
	constructor(
		readonly problems: readonly Problem[],
		readonly source?: string,
	) {
		super(problems.map(p => `${p.where}: ${p.message}`).join('\n'));
	}
}

/** Something outside went wrong (AWS, a file, a tool), with what to do about it. Exit code 1. */
export class RunError extends Error {
	readonly kind = 'run';
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

/**
 * A program (cargo, docker, podman) that failed: what happened, its last lines of
 * output, and how to rerun it. Where its lines were printed as they came (a
 * list without a terminal), `shown()` says so instead of printing them again.
 */
export class ProgramError extends RunError {
	constructor(
		/** "cargo build … exited with code 101", without the full stop. */
		readonly headline: string,
		readonly lastLines: readonly string[],
		hint: string,
		readonly outputShown = false,
	) {
		super(outputShown ? `${headline} (its output is above).` : `${headline}.${lastLines.map(line => `\n  │ ${line}`).join('')}`, hint);
	}

	/** The same failure, for where each of its lines was printed already. */
	shown(): ProgramError {
		return new ProgramError(this.headline, this.lastLines, this.hint ?? '', true);
	}
}

/** The person pressed Ctrl-C or the run was aborted. Exit code 130. */
export class InterruptedError extends Error {
	readonly kind = 'interrupted';
	/** What was left as it was, for the person ("nothing was written"). */
	constructor(readonly outcome?: string) {
		super('Interrupted.');
	}
}

/** Not a failure: the person left a command for the home menu it was started from (Esc on the first question). */
export class BackToHomeMenu extends Error {
	constructor() {
		super('Back to the home menu.');
	}
}

export type KnownError = UsageError | ConfigError | RunError | InterruptedError;

export function isKnownError(error: unknown): error is KnownError {
	return (
		error instanceof UsageError ||
		error instanceof ConfigError ||
		error instanceof RunError ||
		error instanceof InterruptedError
	);
}
