// Help says only what is true: every flag a command's help, description or
// examples mention is one of its options, and every option is listed. Pure.
import {describe, expect, it} from 'vitest';
import {commands} from '../source/cli/commands.js';
import {commandHelp} from '../source/cli/help.js';

/** The flags a text names as ours: what follows another program's name on a line (cargo, docker, podman) is that program's. */
const flagsIn = (text: string) => text.split('\n')
	.map(line => line.split(/\b(?:cargo|docker|podman)\b/)[0]!)
	.flatMap(line => [...line.matchAll(/(?<![\w-])--(?:no-)?([a-z][a-z\d-]*)/g)].map(match => match[1]!));

describe.each(commands.map(command => [command.name, command] as const))('%s --help', (_name, command) => {
	const help = commandHelp(command);
	const names = new Set([...command.options.map(option => option.name), 'help']);

	it('lists every option', () => {
		for (const option of command.options) {
			expect(help).toContain(option.showAs ?? `--${option.name}`);
		}
	});

	it('mentions, in its description and examples, only flags the command takes', () => {
		const mentioned = flagsIn([command.description, ...command.examples].join('\n'));
		expect(mentioned.filter(flag => !names.has(flag))).toEqual([]);
	});

	it('has examples that parse', async () => {
		const {parseInvocation} = await import('../source/cli/args.js');
		for (const example of command.examples) {
			// The command itself: no shell redirection or comment after it.
			const words = example.replace(/^rust-lambda-wizard /, '').replace(/\s*(?:>|#).*$/, '').split(/\s+/).filter(Boolean);
			expect(() => parseInvocation(words), example).not.toThrow();
		}
	});
});
