// The process adapter: every external program (cargo, cargo-lambda, docker,
// podman, rustup, zig) runs through here, with argument arrays, never a shell string.
import {execa} from 'execa';
import {InterruptedError, ProgramError, RunError} from '../errors.js';
import {shellLine} from '../shell-words.js';

export interface CommandLine {
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd: string;
}

export interface RunOptions {
	readonly env: NodeJS.ProcessEnv;
	readonly signal?: AbortSignal | undefined;
	/** Each line the program prints (stdout and stderr interleaved), as it prints it. */
	readonly onLine?: (line: string) => void;
	/**
	 * Takes stdout apart, for a program that answers in machine-readable lines there
	 * (cargo --message-format=json): stdout lines come here, and onLine and the failure's
	 * last lines get stderr only (the human output).
	 */
	readonly onStdout?: (line: string) => void;
	/** Written to the program's standard input (a password for `login --password-stdin`). */
	readonly input?: string;
	/** Keeps this many last lines for the failure message. */
	readonly tailLines?: number;
}

/** How a person reruns the command by hand, from any folder. */
function rerunLine(command: CommandLine): string {
	return `cd ${shellLine([command.cwd])} && ${shellLine([command.file, ...command.args])}`;
}

/** Runs a program to the end, streaming its lines; a failure is a RunError with its last lines and the command to rerun. */
export async function runStreaming(command: CommandLine, options: RunOptions): Promise<void> {
	const tail: string[] = [];
	const keep = options.tailLines ?? 15;
	// Its own process group, so that stopping it reaches what it started too (cargo runs
	// cargo-lambda, which runs zig and rustc): killing only the leader would leave them
	// running and holding the output open.
	const apart = options.onStdout !== undefined;
	const subprocess = execa(command.file, command.args, {
		cwd: command.cwd,
		env: options.env,
		extendEnv: false,
		all: !apart,
		buffer: false,
		reject: false,
		detached: true,
		...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
	});
	const stop = () => stopGroup(subprocess.pid);
	options.signal?.addEventListener('abort', stop, {once: true});
	const show = (line: unknown) => {
		const text = String(line);
		tail.push(text);
		if (tail.length > keep) {
			tail.shift();
		}

		options.onLine?.(text);
	};

	const read = async (from: 'all' | 'stdout' | 'stderr', each: (line: unknown) => void) => {
		try {
			for await (const line of subprocess.iterable({from})) {
				each(line);
			}
		} catch {
			// The result below says what happened (not found, killed, failed).
		}
	};

	// Both streams are read at once: an unread pipe would fill up and stall the program.
	await (apart ? Promise.all([read('stdout', line => options.onStdout!(String(line))), read('stderr', show)]) : read('all', show));

	const result = await subprocess;
	options.signal?.removeEventListener('abort', stop);
	if (options.signal?.aborted) {
		throw new InterruptedError();
	}

	if ((result as {code?: string}).code === 'ENOENT') {
		throw new RunError(`${command.file} is not installed (not found on PATH).`, `Install it, then run: ${rerunLine(command)}`);
	}

	if (result.failed) {
		const how = result.exitCode === undefined ? (result.signal ? `was killed by ${result.signal}` : result.shortMessage) : `exited with code ${result.exitCode}`;
		throw new ProgramError(`${shellLine([command.file, ...command.args])} ${how}`, tail, `Fix the cause above, or rerun it by hand to see everything: ${rerunLine(command)}`);
	}
}

/** Sends a signal to a whole process group (a child started with `detached: true`). */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) {
		return;
	}

	try {
		process.kill(-pid, signal);
	} catch {
		// ESRCH: the group is gone already.
	}
}

/** SIGTERM to the whole group, then SIGKILL to whatever ignored it. */
function stopGroup(pid: number | undefined): void {
	signalGroup(pid, 'SIGTERM');
	setTimeout(() => {
		signalGroup(pid, 'SIGKILL');
	}, 3000).unref();
}

export interface Probe {
	/** The program could be started at all. */
	found: boolean;
	ok: boolean;
	stdout: string;
	stderr: string;
}

/** Runs a short query (a --version, an inspect) and captures its answer; never throws for a missing or failing program. */
export async function probe(file: string, args: readonly string[], options: {env: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal | undefined; timeoutMs?: number}): Promise<Probe> {
	const result = await execa(file, args, {
		env: options.env,
		extendEnv: false,
		reject: false,
		stdin: 'ignore',
		timeout: options.timeoutMs ?? 15_000,
		...(options.cwd ? {cwd: options.cwd} : {}),
		...(options.signal ? {cancelSignal: options.signal} : {}),
	});
	if (options.signal?.aborted) {
		throw new InterruptedError();
	}

	const found = (result as {code?: string}).code !== 'ENOENT';
	return {found, ok: !result.failed, stdout: String(result.stdout ?? '').trim(), stderr: String(result.stderr ?? '').trim()};
}
