// Every flag, once: its help line, its type, and the config key it overrides.
import type {FlagValue} from '../spec/spec.js';

export interface Option {
	readonly name: string;
	readonly type: 'boolean' | 'string' | 'integer';
	readonly multiple?: boolean;
	readonly value?: string;
	readonly help: string;
	/** The rust-lambda.toml key this flag overrides. */
	readonly configPath?: readonly [string, string];
}

export const awsOptions: readonly Option[] = [
	{name: 'config', type: 'string', value: 'PATH', help: 'project config file (default: ./rust-lambda.toml)'},
	{name: 'env', type: 'string', value: 'NAME', help: 'apply the [env.NAME] overrides from the config'},
	{name: 'region', type: 'string', multiple: true, value: 'REGION', help: 'region to act in; repeat for several (replaces deploy.regions)', configPath: ['deploy', 'regions']},
	{name: 'profile', type: 'string', value: 'NAME', help: 'AWS profile (default: AWS_PROFILE)'},
	{name: 'endpoint-url', type: 'string', value: 'URL', help: 'send AWS calls to this endpoint, e.g. LocalStack or moto (default: AWS_ENDPOINT_URL)'},
	{name: 'dry-run', type: 'boolean', help: 'print the plan and the equivalent aws commands; change nothing'},
	{name: 'yes', type: 'boolean', help: 'ask nothing: take every answer from flags and the config'},
	{name: 'json', type: 'boolean', help: 'print the plan or the summary as JSON on stdout'},
];

export const deployOptions: readonly Option[] = [
	...awsOptions,
	{name: 'zip', type: 'string', value: 'PATH', help: 'the function zip (default: target/lambda/<project>/bootstrap.zip)'},
	{name: 'image', type: 'string', value: 'URI', help: 'a container image URI (for packaging = "image")'},
	{name: 'memory', type: 'integer', value: 'MB', help: 'memory in MB, 128–10240', configPath: ['function', 'memory']},
	{name: 'timeout', type: 'integer', value: 'SECONDS', help: 'timeout in seconds, 1–900', configPath: ['function', 'timeout']},
	{name: 'role', type: 'string', value: 'ARN', help: 'execution role ARN', configPath: ['function', 'role']},
	{name: 'alias', type: 'string', value: 'NAME', help: 'alias to point at the new version (default: live)', configPath: ['deploy', 'alias']},
];

const shared = (...names: string[]): Option[] => names.map(name => {
	const option = awsOptions.find(candidate => candidate.name === name);
	if (option === undefined) {
		throw new Error(`internal: no shared option --${name}`);
	}

	return option;
});

export const buildOptions: readonly Option[] = [
	...shared('config', 'env'),
	{name: 'arch', type: 'string', value: 'ARCH', help: 'build for arm64 or x86_64 (default: project.architecture)', configPath: ['project', 'architecture']},
	{name: 'json', type: 'boolean', help: 'print what was built as JSON on stdout (the task list goes to stderr)'},
];

export const devOptions: readonly Option[] = [
	...shared('config', 'env'),
	{name: 'no-interactive', type: 'boolean', help: 'only run cargo lambda watch, without the event picker'},
];

export const doctorOptions: readonly Option[] = [
	...shared('config', 'env', 'region', 'profile', 'endpoint-url'),
	{name: 'json', type: 'boolean', help: 'print the checks as JSON on stdout (for CI)'},
];

export type ParsedFlags = Record<string, string | boolean | string[] | undefined>;

/** Flags that override config keys, as the config loader takes them. */
export function configFlags(options: readonly Option[], flags: ParsedFlags): FlagValue[] {
	return options.flatMap(option => {
		const raw = flags[option.name];
		if (raw === undefined || option.configPath === undefined) {
			return [];
		}

		const value = option.type === 'integer' && typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
		return [{flag: `--${option.name}`, path: option.configPath, value}];
	});
}
