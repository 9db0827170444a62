// Drives a real program in a pseudo-terminal through tmux, as a person would:
// type with send-keys, read the screen with capture-pane, wait by polling the screen.
import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {shellLine} from '../../source/plan/aws-cli.js';

export interface Tmux {
	screen(): string;
	/** Polls the screen until it shows `text`; fails with the screen after `timeoutMs`. */
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	send(...keys: string[]): void;
	stop(): Promise<void>;
}

/** Runs `command` in a fresh tmux server (its own socket); "EXIT=<code>" is printed when it ends. */
export async function startTmux(command: readonly string[], options: {cwd: string; env: NodeJS.ProcessEnv}): Promise<Tmux> {
	execFileSync('tmux', ['-V']); // fails loudly when tmux is missing
	const dir = await mkdtemp(join(tmpdir(), 'rlw-tmux-'));
	const socket = join(dir, 'socket');
	const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8', env: options.env});
	// `read` keeps the pane open after the program ends, so its last screen can be read.
	tmux('new-session', '-d', '-x', '120', '-y', '40', '-c', options.cwd, `${shellLine(command)}; echo "EXIT=$?"; read done`);

	const screen = () => tmux('capture-pane', '-p', '-J');
	return {
		screen,
		async waitFor(text, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const shown = screen();
				if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) {
					return shown;
				}

				if (Date.now() > deadline) {
					throw new Error(`The screen never showed ${String(text)}. It shows:\n${shown}`);
				}

				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		},
		send(...keys) {
			tmux('send-keys', ...keys);
		},
		async stop() {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}

			await rm(dir, {recursive: true, force: true});
		},
	};
}
