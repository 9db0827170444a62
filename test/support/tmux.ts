// A real pseudo-terminal through tmux: start the built CLI, type as a person,
// read the screen. Each terminal gets its own tmux server, so tests never meet.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {expect} from 'vitest';

export interface Terminal {
	send(...keys: string[]): void;
	/** Literal text, as typed. */
	type(text: string): void;
	screen(): string;
	waitFor(check: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	kill(): void;
}

export function openTerminal(command: readonly string[], options: {cwd: string; env?: Record<string, string>}): Terminal {
	try {
		execFileSync('tmux', ['-V']);
	} catch {
		throw new Error('tmux is not installed: the pseudo-terminal tests need it (apt-get install tmux).');
	}

	const socket = `rlw-${process.pid}-${randomBytes(3).toString('hex')}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const env = Object.entries({TERM: 'xterm-256color', NO_COLOR: '1', ...options.env}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	// CI=true (as on the build machines) would make the program treat the terminal as
	// unattended; a person at a terminal has no CI variable. The shell prints the exit
	// code after the program ends, and stays so the screen can be read.
	const quoted = ['env', '-u', 'CI', ...command].map(word => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
	tmux('new-session', '-d', '-s', 'test', '-x', '120', '-y', '50', '-c', options.cwd, ...env, `${quoted}; echo "[exit $?]"; sleep 600`);

	const screen = () => tmux('capture-pane', '-p', '-t', 'test');
	return {
		send: (...keys) => {
			tmux('send-keys', '-t', 'test', ...keys);
		},
		type: text => {
			tmux('send-keys', '-t', 'test', '-l', text);
		},
		screen,
		async waitFor(check, what, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const now = screen();
				if (check(now)) {
					return now;
				}

				if (Date.now() > deadline) {
					expect.fail(`Timed out waiting for ${what}. Screen:\n${now}`);
				}

				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		},
		kill: () => {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}
		},
	};
}
