// The home menu: `rust-lambda-wizard` alone, at a terminal, asks what to do.
// The prompt library loads only here, so --help stays light.
import {commands, type Command} from './commands.js';

/** The command picked, or undefined when the person left (Ctrl-C, Esc). */
export async function chooseCommand(signal: AbortSignal): Promise<Command | undefined> {
	const {select} = await import('@inquirer/prompts');
	try {
		return await select<Command>({
			message: 'What do you want to do?',
			choices: commands.map(command => ({name: command.name, value: command, description: command.summary})),
		}, {signal});
	} catch {
		return undefined;
	}
}
