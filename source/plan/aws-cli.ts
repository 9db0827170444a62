// The `aws` CLI command equivalent to each operation, so a person can see (and
// redo by hand) exactly what a deploy does.
import type {DesiredFunction, Operation, VersionRef} from './types.js';

const version = (ref: VersionRef) => ('version' in ref ? ref.version : '<published version>');

function settingsArgs(desired: DesiredFunction): string[] {
	const {settings} = desired;
	const args = [
		'--runtime', settings.runtime,
		'--handler', settings.handler,
		'--role', settings.role,
		'--memory-size', String(settings.memory),
		'--timeout', String(settings.timeout),
		'--environment', JSON.stringify({Variables: settings.environment}),
		'--layers', ...(settings.layers.length > 0 ? settings.layers : ['[]']),
	];
	const vpc = settings.vpc ?? {subnet_ids: [], security_group_ids: []};
	args.push('--vpc-config', `SubnetIds=[${vpc.subnet_ids.join(',')}],SecurityGroupIds=[${vpc.security_group_ids.join(',')}]`);
	return args;
}

export function awsCommand(operation: Operation, region: string): string[] {
	const lambda = (subcommand: string, ...args: string[]) => ['aws', 'lambda', subcommand, ...args, '--region', region];
	switch (operation.type) {
		case 'create-function': {
			const {desired} = operation;
			return lambda(
				'create-function',
				'--function-name', desired.name,
				'--architectures', desired.architecture,
				'--zip-file', `fileb://${desired.zip.path}`,
				...settingsArgs(desired),
			);
		}

		case 'update-function-code': {
			const {desired} = operation;
			return lambda(
				'update-function-code',
				'--function-name', desired.name,
				'--architectures', desired.architecture,
				'--zip-file', `fileb://${desired.zip.path}`,
			);
		}

		case 'update-function-configuration': {
			return lambda('update-function-configuration', '--function-name', operation.desired.name, ...settingsArgs(operation.desired));
		}

		case 'publish-version': {
			return lambda('publish-version', '--function-name', operation.functionName, '--code-sha256', operation.codeSha256);
		}

		case 'create-alias':
		case 'update-alias': {
			return lambda(
				operation.type,
				'--function-name', operation.functionName,
				'--name', operation.alias,
				'--function-version', version(operation.version),
				...(operation.type === 'update-alias' ? ['--routing-config', 'AdditionalVersionWeights={}'] : []),
			);
		}

		case 'none': {
			return [];
		}
	}
}

/** Quotes words for a POSIX shell, for display. */
export function shellLine(words: readonly string[]): string {
	return words.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}
