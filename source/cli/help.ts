// Help text, from the command table.
import {commands, type Command} from './commands.js';
import type {Option} from './options.js';

const exitCodes = 'Exit codes: 0 done, 1 failed, 2 bad usage or invalid config, 130 interrupted.';

function optionLines(options: readonly Option[]): string[] {
	const left = options.map(option => `  ${option.showAs ?? `--${option.name}`}${option.value ? ` ${option.value}` : ''}`);
	const width = Math.max(...left.map(line => line.length)) + 2;
	return options.map((option, index) => `${left[index]!.padEnd(width)}${option.help}`);
}

export function globalHelp(version: string): string {
	const width = Math.max(...commands.map(command => command.name.length)) + 4;
	return [
		`rust-lambda-wizard ${version} — a Rust function on AWS Lambda, from first question to a safe release`,
		'',
		'Usage: rust-lambda-wizard <command> [options]',
		'       rust-lambda-wizard            (at a terminal: a menu of the commands)',
		'',
		'Commands:',
		...commands.map(command => `  ${command.name.padEnd(width)}${command.summary}`),
		'',
		'Options:',
		'  --help, -h         show help (also: rust-lambda-wizard <command> --help)',
		'  --version, -v, -V  show the version',
		'',
		'AWS settings come from the SDK\'s usual places (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL,',
		'~/.aws/config) unless --profile, --region or --endpoint-url say otherwise.',
		exitCodes,
	].join('\n');
}

export function commandHelp(command: Command): string {
	return [
		`Usage: ${command.usage}`,
		'',
		command.description,
		'',
		'Options:',
		...optionLines([...command.options, {name: 'help', type: 'boolean', help: 'show this help (also -h)'}]),
		'',
		'Examples:',
		...command.examples.map(example => `  ${example}`),
		'',
		exitCodes,
	].join('\n');
}
