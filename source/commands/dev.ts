// `dev`: cargo lambda watch in the background, and a picker that invokes it with
// the project's event files. The watcher never reads the terminal: the picker
// owns it while it is open; without the picker the watcher prints straight to it.
import {join} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {devOptions, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {InterruptedError, RunError} from '../errors.js';
import {tools} from '../spec/requirements.js';
import {cargoLambdaVersion} from '../tools/cargo.js';
import {listFiles} from '../tools/files.js';
import {probe} from '../tools/process.js';
import {startWatcher, type Watcher} from '../tools/watch.js';
import {loadProject} from './project.js';

const showOutput = Symbol('show output');
const quit = Symbol('quit');

export async function dev({flags, terminal, signal}: CommandContext<FlagsOf<typeof devOptions>>): Promise<number> {
	const {spec, dir} = await loadProject(flags, terminal.cwd, devOptions);
	const {env, stdout} = terminal;
	const say = (text: string) => stdout.write(`${text}\n`);
	if (await cargoLambdaVersion({env, cwd: dir, signal}) === undefined) {
		throw new RunError('cargo-lambda is not installed: dev runs `cargo lambda watch` and `cargo lambda invoke`.', tools['cargo-lambda'].fix);
	}

	const events = await listFiles(join(dir, 'events'), '.json');
	const wantsPicker = terminal.interactive && flags['interactive'] !== false;
	if (wantsPicker && events.length === 0) {
		say(`${paint(stdout, 'yellow', 'note:')} no event files in events/: running the watcher only. Put JSON payloads there to invoke them from here.`);
	}

	const picker = wantsPicker && events.length > 0;
	say(`Starting cargo lambda watch for ${spec.project.name} (Ctrl-C stops it).`);
	const watcher = startWatcher({file: 'cargo', args: ['lambda', 'watch'], cwd: dir}, {env, output: picker ? 'pipe' : 'inherit'});
	try {
		if (picker) {
			await pickAndInvoke({watcher, events, bin: spec.project.name, dir, env, signal, stdout});
		} else {
			await untilStopped(watcher, signal);
		}
	} finally {
		await watcher.stop();
		say('Stopped the watcher.');
	}

	return exitCode.ok;
}

/** Without the picker: the watcher runs until Ctrl-C (or SIGTERM), or until it ends by itself. */
async function untilStopped(watcher: Watcher, signal: AbortSignal): Promise<void> {
	const stopped = new Promise<'stopped'>(resolve => {
		if (signal.aborted) {
			resolve('stopped');
		}

		signal.addEventListener('abort', () => resolve('stopped'), {once: true});
	});
	const ended = await Promise.race([watcher.exited, stopped]);
	if (ended !== 'stopped') {
		throw watcherEnded(ended, []);
	}
}

interface PickOptions {
	watcher: Watcher;
	events: readonly string[];
	bin: string;
	dir: string;
	env: NodeJS.ProcessEnv;
	signal: AbortSignal;
	stdout: NodeJS.WriteStream;
}

async function pickAndInvoke({watcher, events, bin, dir, env, signal, stdout}: PickOptions): Promise<void> {
	const {select, Separator} = await import('@inquirer/prompts');
	const say = (text: string) => stdout.write(`${text}\n`);
	let ended: Awaited<Watcher['exited']> | undefined;
	let prompt = new AbortController();
	void watcher.exited.then(result => {
		ended = result;
		prompt.abort();
	});
	const stopPrompt = () => prompt.abort();
	signal.addEventListener('abort', stopPrompt, {once: true});
	try {
		for (;;) {
			prompt = new AbortController();
			if (ended || signal.aborted) {
				prompt.abort();
			}

			let choice: string | typeof showOutput | typeof quit;
			try {
				choice = await select<string | typeof showOutput | typeof quit>({
					message: `Invoke ${bin} with`,
					choices: [
						...events.map(name => ({name: `events/${name}`, value: name})),
						new Separator(),
						{name: 'Show the watcher\'s output', value: showOutput},
						{name: 'Quit (stops the watcher)', value: quit},
					],
					pageSize: Math.min(events.length + 3, 15),
				}, {signal: prompt.signal, output: stdout});
			} catch (error) {
				if (ended) {
					throw watcherEnded(ended, watcher.takeLines());
				}

				// Ctrl-C in the picker (ExitPromptError) or a SIGINT/SIGTERM (AbortPromptError): stop cleanly.
				if (['ExitPromptError', 'AbortPromptError'].includes((error as Error).name)) {
					return;
				}

				throw error;
			}

			if (choice === quit) {
				return;
			}

			if (choice === showOutput) {
				printWatcherLines(watcher.takeLines(), stdout, '(nothing new from the watcher)');
				continue;
			}

			const dataFile = join('events', choice);
			say(paint(stdout, 'dim', `$ cargo lambda invoke ${bin} --data-file ${dataFile}`));
			let answer;
			try {
				answer = await probe('cargo', ['lambda', 'invoke', bin, '--data-file', dataFile], {env, cwd: dir, signal, timeoutMs: 15 * 60_000});
			} catch (error) {
				if (error instanceof InterruptedError) {
					return;
				}

				throw error;
			}

			printWatcherLines(watcher.takeLines(), stdout);
			if (answer.ok) {
				say(paint(stdout, 'bold', 'Response:'));
				say(pretty(answer.stdout));
			} else {
				say(`${paint(stdout, 'red', 'Invoke failed:')}\n${answer.stderr || answer.stdout}`);
				say(paint(stdout, 'dim', 'If the function is still compiling, look at the watcher\'s output and try again.'));
			}
		}
	} finally {
		signal.removeEventListener('abort', stopPrompt);
	}
}

function printWatcherLines(lines: readonly string[], stdout: NodeJS.WriteStream, empty?: string): void {
	if (lines.length > 0) {
		stdout.write(`${lines.map(line => paint(stdout, 'dim', `watch │ ${line}`)).join('\n')}\n`);
	} else if (empty) {
		stdout.write(`${empty}\n`);
	}
}

function pretty(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		return text;
	}
}

function watcherEnded(ended: Awaited<Watcher['exited']>, lines: readonly string[]): RunError {
	if (ended.missing) {
		return new RunError('cargo is not installed (not found on PATH).', tools.rust.fix);
	}

	const how = ended.exitCode === undefined ? `was killed by ${ended.signal ?? 'a signal'}` : `exited with code ${ended.exitCode}`;
	const last = lines.slice(-15).map(line => `  │ ${line}`).join('\n');
	return new RunError(`cargo lambda watch ${how}.${last ? `\n${last}` : ''}`, 'Fix the cause above, then run dev again (or run cargo lambda watch by hand to see everything).');
}
