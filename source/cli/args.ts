// Command-line words -> a command and its flags, or a UsageError saying what is wrong.
import {parseArgs} from 'node:util';
import {UsageError} from '../errors.js';
import {didYouMean} from '../spec/suggest.js';
import {commands, findCommand, type Command} from './commands.js';
import type {ParsedFlags} from './options.js';

export type Invocation =
	| {kind: 'home'}
	| {kind: 'help'; command?: Command | undefined}
	| {kind: 'version'}
	| {kind: 'run'; command: Command; flags: ParsedFlags; positionals: string[]};

export function parseInvocation(argv: readonly string[]): Invocation {
	const [first, ...rest] = argv;
	if (first === undefined) {
		return {kind: 'home'};
	}

	// Help and version win wherever they stand: `deploy --version`, `--help deploy`, `deploy help`.
	if (first === '--help' || first === '-h' || first === 'help') {
		return {kind: 'help', command: rest[0] === undefined || rest[0].startsWith('-') ? undefined : commandNamed(rest[0])};
	}

	if (argv.includes('--version') || argv.includes('-v') || argv.includes('-V')) {
		return {kind: 'version'};
	}

	if (first.startsWith('-')) {
		const owners = commands.filter(command => command.options.some(option => `--${option.name}` === first.split('=')[0]));
		const example = owners[0] ? `: put options after the command, e.g. rust-lambda-wizard ${owners[0].name} ${first}` : '';
		throw new UsageError(`Unknown option ${first}${example}.`);
	}

	const command = commandNamed(first);
	if (rest.includes('--help') || rest.includes('-h') || rest[0] === 'help') {
		return {kind: 'help', command};
	}

	const {values, positionals} = parseFlags(command, rest);
	const allowed = command.maxArguments ?? 0;
	if (positionals.length > allowed) {
		const takes = allowed === 0 ? 'takes no arguments' : `takes at most ${allowed} argument${allowed === 1 ? '' : 's'}`;
		throw new UsageError(`${command.name} ${takes}, but was given ${positionals.join(' ')}.`, command.name);
	}

	return {kind: 'run', command, flags: values, positionals};
}

function commandNamed(name: string): Command {
	const command = findCommand(name);
	if (command === undefined) {
		throw new UsageError(`Unknown command ${name}${didYouMean(name, commands.map(({name}) => name))}. Commands: ${commands.map(({name}) => name).join(', ')}.`);
	}

	return command;
}

/** cargo-lambda's flags that mean what one of ours means: said as a "did you mean". */
const otherToolsFlags: Readonly<Record<string, string>> = {
	'--iam-role': '--role',
	'--memory-size': '--memory',
	'--binary-name': '--name',
	'--output-format': '--json',
	'--arm64': '--arch',
	'--x86-64': '--arch',
	'--enable-function-url': '--http',
	'--env-var': '--env',
	'--layer-arn': '--layer',
	'--subnet-ids': '--subnet',
	'--security-group-ids': '--security-group',
};

function parseFlags(command: Command, words: string[]): {values: ParsedFlags; positionals: string[]} {
	const options = Object.fromEntries(command.options.map(option => [
		option.name,
		{type: option.type === 'boolean' ? ('boolean' as const) : ('string' as const), ...(option.multiple ? {multiple: true} : {})},
	]));
	try {
		const {values, positionals} = parseArgs({args: words, options, allowPositionals: true, allowNegative: true, strict: true});
		return {values: values as ParsedFlags, positionals};
	} catch (error) {
		const {code, message} = error as {code?: string; message: string};
		const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
		const names = command.options.map(option => `--${option.name}`);
		switch (code) {
			case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
				const theirs = otherToolsFlags[flag.split('=')[0]!];
				const ours = theirs !== undefined && names.includes(theirs) ? ` (did you mean ${theirs}? ${flag} is cargo-lambda's name for it)` : didYouMean(flag, names);
				throw new UsageError(`Unknown option ${flag} for ${command.name}${ours}.`, command.name);
			}

			case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
				const option = command.options.find(candidate => flag === `--${candidate.name}`);
				throw new UsageError(
					option?.type === 'boolean'
						? `${flag} takes no value.`
						: `${flag} needs a value${option?.value ? `: ${flag} ${option.value}` : ''}.`,
					command.name,
				);
			}

			default: {
				throw new UsageError(message, command.name);
			}
		}
	}
}
