// The edge where errors become words and exit codes.
import {isKnownError, ProgramError, type ConfigError, type InterruptedError, type KnownError, type UsageError} from '../errors.js';
import {paint} from './style.js';

export const exitCode = {ok: 0, failed: 1, usage: 2, interrupted: 130} as const;

export function codeFor(error: KnownError): number {
	switch (error.kind) {
		case 'usage':
		case 'config': {
			return exitCode.usage;
		}

		case 'interrupted': {
			return exitCode.interrupted;
		}

		case 'run': {
			return exitCode.failed;
		}
	}
}

export function describeError(error: KnownError, stream: NodeJS.WriteStream): string {
	const label = paint(stream, ['bold', 'red'], 'error:');
	switch (error.kind) {
		case 'usage': {
			return `${label} ${error.message}\n${usageHint(error)}`;
		}

		case 'config': {
			return [`${label} ${configHeading(error)}:`, ...error.problems.map(problem => `  ${paint(stream, 'bold', problem.where)}: ${problem.message}`)].join('\n');
		}

		case 'run': {
			return error.hint ? `${label} ${error.message}\n  ${paint(stream, 'dim', 'fix:')} ${error.hint}` : `${label} ${error.message}`;
		}

		case 'interrupted': {
			return interruptedText(error);
		}
	}
}

function usageHint(error: UsageError): string {
	return `See ${error.command ? `rust-lambda-wizard ${error.command} --help` : 'rust-lambda-wizard --help'} for the options.`;
}

function interruptedText(error: InterruptedError): string {
	return `Interrupted: ${error.outcome ?? 'stopped before finishing. Run the command again to carry on; finished steps are not repeated.'}`;
}

/** Whose problems they are: the file's, the command line's (flags, where says --name), or both. */
function configHeading(error: ConfigError): string {
	const count = error.problems.length;
	const fromFlags = error.problems.filter(problem => problem.where.startsWith('--')).length;
	const file = error.source ?? 'the config';
	const whose = fromFlags === count ? 'the command line has' : fromFlags > 0 ? `${file} and the command line have` : `${file} has`;
	return `${whose} ${count} problem${count === 1 ? '' : 's'}`;
}

/** The error as JSON, for a command run with --json: stdout then still holds one JSON document. */
export function errorJson(error: unknown): {ok: false; error: Record<string, unknown>} {
	if (!isKnownError(error)) {
		return {ok: false, error: {kind: 'unexpected', message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`}};
	}

	switch (error.kind) {
		case 'usage': {
			return {ok: false, error: {kind: error.kind, message: error.message, hint: usageHint(error)}};
		}

		case 'interrupted': {
			return {ok: false, error: {kind: error.kind, message: interruptedText(error)}};
		}

		case 'config': {
			return {ok: false, error: {kind: error.kind, message: `${configHeading(error)}.`, problems: error.problems}};
		}

		case 'run': {
			// A program's failure: its last lines as data, apart from what happened.
			const program = error instanceof ProgramError ? {message: `${error.headline}.`, output: error.lastLines} : {message: error.message};
			return {ok: false, error: {kind: error.kind, ...program, ...(error.hint ? {hint: error.hint} : {})}};
		}
	}
}

/** An error nobody planned for: one line, no stack trace unless asked for. */
export function describeUnexpected(error: unknown, env: NodeJS.ProcessEnv): string {
	if (isKnownError(error)) {
		throw new Error('internal: describeUnexpected was given a known error');
	}

	const message = error instanceof Error ? error.message : String(error);
	const stack = env['RUST_LAMBDA_WIZARD_DEBUG'] && error instanceof Error ? `\n${error.stack}` : '';
	return `error: unexpected failure: ${message}\nThis is a bug in rust-lambda-wizard; set RUST_LAMBDA_WIZARD_DEBUG=1 for details and report it.${stack}`;
}
