// A real pseudo-terminal through tmux: start a program, type as a person, read the
// screen, wait by polling it. Each terminal has its own tmux server (socket), so
// tests never meet; "[exit N]" shows when the program ends.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {expect} from 'vitest';
import {shellLine} from '../../source/shell-words.js';

export interface Terminal {
	send(...keys: string[]): void;
	/** Literal text, as typed. */
	type(text: string): void;
	screen(): string;
	/** Everything the terminal printed: the scrollback above the screen, then the screen; `rows`: as the terminal's rows, long lines not joined. */
	history(options?: {rows: boolean}): string;
	/** The screen with its escape codes (colours), to check there are none. */
	rawScreen(): string;
	/** Polls the screen until it shows the text (or passes the check); fails with the screen after the timeout. */
	waitFor(expected: string | RegExp | ((screen: string) => boolean), what?: string, timeoutMs?: number): Promise<string>;
	kill(): Promise<void>;
}

/** `size`: columns × rows (120 × 50 unless given). */
export function openTerminal(command: readonly string[], options: {cwd: string; env?: NodeJS.ProcessEnv; size?: {columns: number; rows: number}}): Terminal {
	try {
		execFileSync('tmux', ['-V']);
	} catch {
		throw new Error('tmux is not installed: the pseudo-terminal tests need it (apt-get install tmux).');
	}

	// The server takes its environment from the process that starts it. CI=true (as on
	// the build machines) would make the CLI treat the terminal as unattended; a person
	// at a terminal has no CI variable.
	const {CI: _ci, ...inherited} = process.env;
	const env: NodeJS.ProcessEnv = {...inherited, TERM: 'xterm-256color', NO_COLOR: '1', ...options.env};
	delete env['CI'];
	const socket = `rlw-${process.pid}-${randomBytes(3).toString('hex')}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', env});
	// `sleep` keeps the pane open after the program ends, so its last screen can be read.
	const {columns, rows} = options.size ?? {columns: 120, rows: 50};
	tmux('new-session', '-d', '-s', 'test', '-x', String(columns), '-y', String(rows), '-c', options.cwd, `${shellLine(command)}; echo "[exit $?]"; sleep 600`);

	const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'test');
	return {
		send: (...keys) => {
			tmux('send-keys', '-t', 'test', ...keys);
		},
		type: text => {
			tmux('send-keys', '-t', 'test', '-l', text);
		},
		screen,
		history: options => tmux('capture-pane', '-p', ...(options?.rows ? [] : ['-J']), '-S', '-', '-t', 'test'),
		rawScreen: () => tmux('capture-pane', '-p', '-e', '-J', '-t', 'test'),
		async waitFor(expected, what, timeoutMs = 20_000) {
			const check = typeof expected === 'function' ? expected : (shown: string) => (typeof expected === 'string' ? shown.includes(expected) : expected.test(shown));
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const shown = screen();
				if (check(shown)) {
					return shown;
				}

				if (Date.now() > deadline) {
					expect.fail(`Timed out waiting for ${what ?? String(expected)}. Screen:\n${shown}`);
				}

				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		},
		async kill() {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}
		},
	};
}
