// The edge where errors become words and exit codes.
import {isKnownError, type KnownError} from '../errors.js';
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
			const help = error.command ? `rust-lambda-wizard ${error.command} --help` : 'rust-lambda-wizard --help';
			return `${label} ${error.message}\nSee ${help} for the options.`;
		}

		case 'config': {
			const count = error.problems.length;
			const heading = `${label} ${error.source ?? 'the config'} has ${count} problem${count === 1 ? '' : 's'}:`;
			return [heading, ...error.problems.map(problem => `  ${paint(stream, 'bold', problem.where)}: ${problem.message}`)].join('\n');
		}

		case 'run': {
			return error.hint ? `${label} ${error.message}\n  ${paint(stream, 'dim', 'fix:')} ${error.hint}` : `${label} ${error.message}`;
		}

		case 'interrupted': {
			return `Interrupted: ${error.outcome ?? 'stopped before finishing. Run the command again to carry on; finished steps are not repeated.'}`;
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
