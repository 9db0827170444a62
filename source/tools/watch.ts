// A long-running child (cargo lambda watch) in its own process group, so that
// stopping it stops everything it started (cargo, the function binary) and the
// terminal's Ctrl-C reaches only us: we decide when and how it stops.
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {execa} from 'execa';
import {signalGroup, type CommandLine} from './process.js';

export interface Watcher {
	readonly pid: number | undefined;
	/** Lines printed since the last call (only when its output is piped). */
	takeLines(): string[];
	/** Settles when the watcher ends, by itself or stopped. */
	readonly exited: Promise<{exitCode?: number | undefined; signal?: string | undefined; missing: boolean}>;
	/** Stops the whole process group: SIGTERM, then SIGKILL for anything still there. */
	stop(): Promise<void>;
}

export function startWatcher(command: CommandLine, options: {env: NodeJS.ProcessEnv; output: 'pipe' | 'inherit'}): Watcher {
	const subprocess = execa(command.file, command.args, {
		cwd: command.cwd,
		env: options.env,
		extendEnv: false,
		detached: true,
		stdin: 'ignore',
		stdout: options.output,
		stderr: options.output,
		all: options.output === 'pipe',
		buffer: false,
		reject: false,
	});
	const {pid} = subprocess;
	let pending: string[] = [];
	let running = true;
	const exited = (async () => {
		if (options.output === 'pipe') {
			try {
				for await (const line of subprocess.iterable({from: 'all'})) {
					pending.push(String(line));
				}
			} catch {
				// The result says how it ended.
			}
		}

		const result = await subprocess;
		running = false;
		return {exitCode: result.exitCode, signal: result.signal, missing: (result as {code?: string}).code === 'ENOENT'};
	})();

	const killGroup = (signal: NodeJS.Signals) => signalGroup(pid, signal);

	// Should we crash or exit without stop(), the group must not outlive us.
	const onExit = () => killGroup('SIGKILL');
	process.once('exit', onExit);

	return {
		pid,
		takeLines() {
			const lines = pending;
			pending = [];
			return lines;
		},
		exited,
		async stop() {
			process.off('exit', onExit);
			if (running) {
				killGroup('SIGTERM');
				const timeout = new AbortController();
				const ended = await Promise.race([exited.then(() => true), delay(5000, false, {signal: timeout.signal}).catch(() => false)]);
				timeout.abort();
				if (!ended) {
					killGroup('SIGKILL');
					await exited;
				}
			}

			// The leader is gone; anything it started that ignored SIGTERM goes now.
			killGroup('SIGKILL');
		},
	};
}
