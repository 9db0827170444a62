// The CLI entry: parses the command line, runs the command, and owns every exit code.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import process from 'node:process';
import packageJson from '../../package.json' with {type: 'json'};
import {BackToHomeMenu, InterruptedError, isKnownError, UsageError} from '../errors.js';
import {parseInvocation} from './args.js';
import type {Terminal} from './context.js';
import {commandHelp, globalHelp} from './help.js';
import {chooseCommand} from './home.js';
import {howToRun, invokedAs} from './invoked.js';
import {flagValueProblem} from './options.js';
import {codeFor, describeError, describeUnexpected, errorJson, exitCode} from './report.js';

export function currentTerminal(): Terminal {
	const {stdin, stdout, stderr, env} = process;
	const ci = Boolean(env['CI']) && env['CI'] !== 'false';
	const cwd = process.cwd();
	return {interactive: Boolean(stdin.isTTY && stdout.isTTY) && !ci, stdout, stderr, env, cwd, self: howToRun(invokedAs(process.argv[1] ?? '', env), cwd)};
}

export async function main(argv: readonly string[], terminal: Terminal = currentTerminal()): Promise<number> {
	const controller = new AbortController();
	const again = new AbortController();
	const interrupt = () => {
		if (controller.signal.aborted) {
			again.abort();
		} else {
			controller.abort();
		}
	};
	// `on`, not `once`: a once-listener removes itself before other handlers (execa's
	// signal-exit) count listeners, and they would then re-raise the signal and kill
	// the process before children are stopped and the message is printed.
	process.on('SIGINT', interrupt);
	process.on('SIGTERM', interrupt);
	// Set once the flags are read: a failure then goes to stdout as JSON too, so `--json > out.json` is never empty.
	let json = false;
	try {
		const invocation = parseInvocation(argv);
		switch (invocation.kind) {
			case 'version': {
				terminal.stdout.write(`${packageJson.version}\n`);
				return exitCode.ok;
			}

			case 'home': {
				// With a person at the terminal, the home menu; otherwise the help, as before.
				const hasProject = existsSync(join(terminal.cwd, 'rust-lambda.toml'));
				if (!terminal.interactive) {
					terminal.stdout.write(`${globalHelp(packageJson.version)}\n`);
					return exitCode.ok;
				}

				for (;;) {
					const command = await chooseCommand(controller.signal, hasProject);
					if (command === 'quit') {
						return exitCode.ok;
					}

					if (command === undefined) {
						throw new InterruptedError('nothing was done.');
					}

					try {
						return await command.run({flags: {}, positionals: [], terminal, signal: controller.signal, again: again.signal, interrupt, fromHome: true});
					} catch (error) {
						if (!(error instanceof BackToHomeMenu)) {
							throw error;
						}
					}
				}
			}

			case 'help': {
				terminal.stdout.write(`${invocation.command ? commandHelp(invocation.command) : globalHelp(packageJson.version)}\n`);
				return exitCode.ok;
			}

			case 'run': {
				json = Boolean(invocation.flags['json']);
				const problem = flagValueProblem(invocation.command.options, invocation.flags);
				if (problem) {
					throw new UsageError(problem, invocation.command.name);
				}

				return await invocation.command.run({
					flags: invocation.flags,
					positionals: invocation.positionals,
					terminal,
					signal: controller.signal,
					again: again.signal,
					interrupt,
				});
			}
		}
	} catch (error) {
		if (json) {
			terminal.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
		}

		if (isKnownError(error)) {
			terminal.stderr.write(`${describeError(error, terminal.stderr)}\n`);
			return codeFor(error);
		}

		terminal.stderr.write(`${describeUnexpected(error, terminal.env)}\n`);
		return exitCode.failed;
	} finally {
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
	}
}

/** The one place the process's exit code is set. */
export async function run(): Promise<void> {
	process.exitCode = await main(process.argv.slice(2));
}
