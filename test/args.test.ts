// parseInvocation: command-line words -> help, version, or a command with its flags; or a UsageError.
import {describe, expect, test} from 'vitest';
import {parseInvocation, type Invocation} from '../source/cli/args.js';
import {UsageError} from '../source/errors.js';

/** The UsageError parseInvocation throws; fails the test when it does not throw one. */
function usageErrorOf(argv: readonly string[]): UsageError {
	try {
		parseInvocation(argv);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return error as UsageError;
	}

	expect.fail(`parseInvocation accepted ${JSON.stringify(argv)}`);
}

/** The invocation with the command reduced to its name, so results compare as plain data. */
function summary(invocation: Invocation) {
	switch (invocation.kind) {
		case 'help': {
			return {kind: 'help', command: invocation.command?.name};
		}

		case 'version':
		case 'home': {
			return {kind: invocation.kind};
		}

		case 'run': {
			return {kind: 'run', command: invocation.command.name, flags: {...invocation.flags}, positionals: invocation.positionals};
		}
	}
}

describe('help and version', () => {
	test.each<[string, string[], {kind: string; command?: string | undefined}]>([
		['no arguments: the home menu (help without a terminal)', [], {kind: 'home'}],
		['--help', ['--help'], {kind: 'help', command: undefined}],
		['-h', ['-h'], {kind: 'help', command: undefined}],
		['help', ['help'], {kind: 'help', command: undefined}],
		['help deploy', ['help', 'deploy'], {kind: 'help', command: 'deploy'}],
		['deploy --help', ['deploy', '--help'], {kind: 'help', command: 'deploy'}],
		['deploy -h', ['deploy', '-h'], {kind: 'help', command: 'deploy'}],
		['deploy --help among other flags', ['deploy', '--yes', '--help', '--zip', 'x.zip'], {kind: 'help', command: 'deploy'}],
		['deploy --help with a flag that would fail', ['deploy', '--zpi', '--help'], {kind: 'help', command: 'deploy'}],
		['--version', ['--version'], {kind: 'version'}],
		['-v', ['-v'], {kind: 'version'}],
		['-V', ['-V'], {kind: 'version'}],
	])('%s', (_name, argv, expected) => {
		expect(summary(parseInvocation(argv))).toEqual(expected);
	});
});

describe('running a command', () => {
	test.each<[string, string[], Record<string, unknown>]>([
		['deploy with no flags', ['deploy'], {}],
		['boolean flags', ['deploy', '--yes', '--dry-run', '--json'], {yes: true, 'dry-run': true, json: true}],
		['string flags', ['deploy', '--zip', 'target/lambda/orders/bootstrap.zip', '--alias', 'blue'], {zip: 'target/lambda/orders/bootstrap.zip', alias: 'blue'}],
		['a flag with =', ['deploy', '--memory=512'], {memory: '512'}],
		['integer flags stay strings here (the config loader checks them)', ['deploy', '--memory', 'abc', '--timeout', '30'], {memory: 'abc', timeout: '30'}],
		['one --region gives a list', ['deploy', '--region', 'us-east-1'], {region: ['us-east-1']}],
		['--region twice gives both, in order', ['deploy', '--region', 'a', '--region', 'b'], {region: ['a', 'b']}],
		['--config, --env, --profile and --endpoint-url', ['deploy', '--config', 'cfg.toml', '--env', 'prod', '--profile', 'dev', '--endpoint-url', 'http://127.0.0.1:5000'], {config: 'cfg.toml', env: 'prod', profile: 'dev', 'endpoint-url': 'http://127.0.0.1:5000'}],
	])('%s', (_name, argv, flags) => {
		expect(summary(parseInvocation(argv))).toEqual({kind: 'run', command: 'deploy', flags, positionals: []});
	});
});

describe('usage errors', () => {
	test.each<[string, string[], string[], string | undefined]>([
		// [name, argv, fragments of the message, the command the error belongs to]
		['an unknown command', ['deplyo'], ['Unknown command deplyo', 'did you mean deploy?', 'Commands: new, build, deploy, rollout, rollback, export, dev, doctor'], undefined],
		['an unknown command after help', ['help', 'deplyo'], ['Unknown command deplyo', 'did you mean deploy?'], undefined],
		['an unknown command far from every one', ['frobnicate'], ['Unknown command frobnicate', 'Commands: new, build, deploy, rollout, rollback, export, dev, doctor'], undefined],
		['an option before the command', ['--zip', 'x.zip'], ['Unknown option --zip', 'after the command'], undefined],
		['an unknown flag', ['deploy', '--zpi', 'x.zip'], ['Unknown option --zpi for deploy', 'did you mean --zip?'], 'deploy'],
		['a mistyped flag', ['deploy', '--dryrun'], ['Unknown option --dryrun', 'did you mean --dry-run?'], 'deploy'],
		['a mistyped flag with a value after =', ['deploy', '--regoin=us-east-1'], ['Unknown option --regoin', 'did you mean --region?'], 'deploy'],
		['an unknown short flag', ['deploy', '-x'], ['Unknown option -x for deploy'], 'deploy'],
		['a string flag without a value at the end', ['deploy', '--zip'], ['--zip needs a value', '--zip PATH'], 'deploy'],
		['a string flag followed by another flag', ['deploy', '--memory', '--yes'], ['--memory needs a value', '--memory MB'], 'deploy'],
		['--region without a value', ['deploy', '--region'], ['--region needs a value', '--region REGION'], 'deploy'],
		['a boolean flag with a value', ['deploy', '--yes=1'], ['--yes takes no value'], 'deploy'],
		['a positional argument', ['deploy', 'orders'], ['deploy takes no arguments', 'orders'], 'deploy'],
		['several positional arguments', ['deploy', '--yes', 'a', 'b'], ['deploy takes no arguments, but was given a b'], 'deploy'],
		['cargo-lambda\'s --iam-role', ['deploy', '--iam-role', 'arn'], ['Unknown option --iam-role for deploy', 'did you mean --role? --iam-role is cargo-lambda\'s name for it'], 'deploy'],
		['cargo-lambda\'s --memory-size', ['deploy', '--memory-size=512'], ['did you mean --memory?'], 'deploy'],
		['cargo-lambda\'s --arm64 for build', ['build', '--arm64'], ['did you mean --arch?'], 'build'],
	])('%s', (_name, argv, fragments, command) => {
		const error = usageErrorOf(argv);
		expect(error.kind).toBe('usage');
		for (const fragment of fragments) {
			expect(error.message).toContain(fragment);
		}

		expect(error.command).toBe(command);
	});

	test('a far-off flag gets no guess', () => {
		expect(usageErrorOf(['deploy', '--banana']).message).toBe('Unknown option --banana for deploy.');
	});
});
