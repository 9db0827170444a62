// The home menu: `rust-lambda-wizard` alone, at a terminal, asks what to do.
// The prompt library loads only here, so --help stays light.
import {commands, type Command} from './commands.js';

/**
 * The command picked; 'quit' when the person chose Quit; undefined when they left (Ctrl-C, Esc).
 * Without a project here, the commands that read one are left out (the message says so).
 */
export async function chooseCommand(signal: AbortSignal, hasProject: boolean): Promise<Command | 'quit' | undefined> {
	const {select} = await import('@inquirer/prompts');
	// Back from the wizard, Ink has let go of standard input (unref): without this the
	// process would have nothing left to wait for and end under the menu.
	process.stdin.ref();
	try {
		const offered = commands.filter(command => hasProject || !command.needsProject);
		return await select<Command | 'quit'>({
			message: hasProject ? 'What do you want to do?' : 'What do you want to do? (no rust-lambda.toml here: build, deploy and the rest come after new)',
			choices: [
				...offered.map(command => ({name: command.name, value: command, description: command.summary})),
				{name: 'quit', value: 'quit' as const, description: 'leave without doing anything'},
			],
			pageSize: offered.length + 1,
		}, {signal});
	} catch {
		return undefined;
	}
}
