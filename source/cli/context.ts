// What a command is given: its parsed flags and the terminal it runs in.
import type {ParsedFlags} from './options.js';

export interface Terminal {
	/** A person is at a terminal: answers can be asked and lists redrawn. */
	readonly interactive: boolean;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
	/** How to run this tool again, as a person types it (rust-lambda-wizard, npx …, node <path>). */
	readonly self: string;
}

/** `Flags`: the command's own flags, typed from its option table (FlagsOf). */
export interface CommandContext<Flags = ParsedFlags> {
	readonly flags: Flags;
	readonly positionals: readonly string[];
	readonly terminal: Terminal;
	/** Aborted on Ctrl-C: passed to every AWS call and child process. */
	readonly signal: AbortSignal;
	/** Aborted on a second Ctrl-C: what a first Ctrl-C still lets finish (a rollback) stops then. */
	readonly again?: AbortSignal;
	/** Started from the home menu: a command may go back to it (the wizard, on Esc at its first question). */
	readonly fromHome?: boolean;
	/** Counts as Ctrl-C: a prompt reads Ctrl-C as a key (the terminal is raw), so no SIGINT comes. */
	readonly interrupt?: () => void;
}
