// The `aws` CLI command equivalent to each operation, so a person can see (and
// redo by hand) exactly what a deploy does.
import {localImageTag} from './image.js';
import type {DesiredFunction, EventInvokeSettings, ImageRef, Operation, SqsMappingSettings, VersionRef} from './types.js';

const version = (ref: VersionRef) => ('version' in ref ? ref.version : '<published version>');
const imageUri = (ref: ImageRef | undefined) => (ref && 'uri' in ref ? ref.uri : '<pushed image URI>');

/** Join commands in one line (`a | b && c`); marked apart from words, so that no value is taken for one. */
export const pipeTo = '\u0000|';
export const andThen = '\u0000&&';
const separators = new Map([[pipeTo, '|'], [andThen, '&&']]);

/** The function's code, as create-function and update-function-code take it. */
function codeArgs(desired: DesiredFunction, image: ImageRef | undefined, update: boolean): string[] {
	if (desired.code.packageType === 'Zip') {
		return ['--zip-file', `fileb://${desired.code.zip.path}`];
	}

	return update ? ['--image-uri', imageUri(image)] : ['--package-type', 'Image', '--code', `ImageUri=${imageUri(image)}`];
}

/** Configuration flags; `clearing` adds the empty values that remove a setting on update. */
function settingsArgs(desired: DesiredFunction, clearing: boolean): string[] {
	const {settings} = desired;
	const vpc = settings.vpc ?? {subnet_ids: [], security_group_ids: []};
	return [
		...(settings.runtime ? ['--runtime', settings.runtime] : []),
		...(settings.handler ? ['--handler', settings.handler] : []),
		'--role', settings.role,
		'--memory-size', String(settings.memory),
		'--timeout', String(settings.timeout),
		'--environment', JSON.stringify({Variables: settings.environment}),
		'--layers', ...(settings.layers.length > 0 ? settings.layers : ['[]']),
		'--vpc-config', `SubnetIds=[${vpc.subnet_ids.join(',')}],SecurityGroupIds=[${vpc.security_group_ids.join(',')}]`,
		...(settings.deadLetterArn || clearing ? ['--dead-letter-config', `TargetArn=${settings.deadLetterArn ?? ''}`] : []),
	];
}

function eventInvokeArgs(config: EventInvokeSettings): string[] {
	const destinations = {
		...(config.onSuccess ? {OnSuccess: {Destination: config.onSuccess}} : {}),
		...(config.onFailure ? {OnFailure: {Destination: config.onFailure}} : {}),
	};
	return [
		'--maximum-retry-attempts', String(config.maximumRetryAttempts),
		'--maximum-event-age-in-seconds', String(config.maximumEventAgeSeconds),
		'--destination-config', JSON.stringify(destinations),
	];
}

/** Mapping flags; `clearing` adds the empty values that remove a setting on update. */
function mappingArgs(mapping: SqsMappingSettings, clearing: boolean): string[] {
	const responseTypes = mapping.reportBatchItemFailures ? 'ReportBatchItemFailures' : clearing ? '[]' : undefined;
	const scaling = mapping.maxConcurrency === undefined ? (clearing ? '{}' : undefined) : `MaximumConcurrency=${mapping.maxConcurrency}`;
	return [
		'--batch-size', String(mapping.batchSize),
		'--maximum-batching-window-in-seconds', String(mapping.batchingWindowSeconds),
		...(responseTypes === undefined ? [] : ['--function-response-types', responseTypes]),
		...(scaling === undefined ? [] : ['--scaling-config', scaling]),
	];
}

export function awsCommand(operation: Operation, region: string): string[] {
	const lambda = (subcommand: string, ...args: string[]) => ['aws', 'lambda', subcommand, ...args, '--region', region];
	const iam = (subcommand: string, ...args: string[]) => ['aws', 'iam', subcommand, ...args];
	switch (operation.type) {
		case 'create-role': {
			const {role} = operation;
			return iam('create-role', '--role-name', role.name, '--assume-role-policy-document', JSON.stringify(role.trustPolicy), '--description', roleDescription, '--tags', `Key=${roleTag.key},Value=${roleTag.value}`);
		}

		case 'update-trust-policy': {
			return iam('update-assume-role-policy', '--role-name', operation.role.name, '--policy-document', JSON.stringify(operation.role.trustPolicy));
		}

		case 'put-role-policy': {
			const {role} = operation;
			return iam('put-role-policy', '--role-name', role.name, '--policy-name', role.policyName, '--policy-document', JSON.stringify(role.policy));
		}

		case 'create-repository': {
			return ['aws', 'ecr', 'create-repository', '--repository-name', operation.repository, '--region', region];
		}

		case 'push-image': {
			const {image, registryHost} = operation;
			const local = image.source.kind === 'built' ? image.source.localTag : localImageTag(image.repository, image.architecture);
			const remote = `${registryHost}/${localImageTag(image.repository, image.architecture)}`;
			return [
				'aws', 'ecr', 'get-login-password', '--region', region, pipeTo,
				'docker', 'login', '--username', 'AWS', '--password-stdin', registryHost, andThen,
				'docker', 'tag', local, remote, andThen,
				'docker', 'push', remote,
			];
		}

		case 'create-function': {
			const {desired} = operation;
			return lambda(
				'create-function',
				'--function-name', desired.name,
				'--architectures', desired.architecture,
				...codeArgs(desired, operation.image, false),
				...settingsArgs(desired, false),
			);
		}

		case 'update-function-code': {
			const {desired} = operation;
			return lambda(
				'update-function-code',
				'--function-name', desired.name,
				'--architectures', desired.architecture,
				...codeArgs(desired, operation.image, true),
			);
		}

		case 'update-function-configuration': {
			return lambda('update-function-configuration', '--function-name', operation.desired.name, ...settingsArgs(operation.desired, true));
		}

		case 'put-function-concurrency': {
			return lambda('put-function-concurrency', '--function-name', operation.functionName, '--reserved-concurrent-executions', String(operation.reserved));
		}

		case 'delete-function-concurrency': {
			return lambda('delete-function-concurrency', '--function-name', operation.functionName);
		}

		case 'publish-version': {
			return lambda('publish-version', '--function-name', operation.functionName, ...(operation.codeSha256 ? ['--code-sha256', operation.codeSha256] : []));
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

		case 'put-event-invoke-config': {
			return lambda('put-function-event-invoke-config', '--function-name', operation.functionName, '--qualifier', operation.alias, ...eventInvokeArgs(operation.config));
		}

		case 'delete-event-invoke-config': {
			return lambda('delete-function-event-invoke-config', '--function-name', operation.functionName, '--qualifier', operation.alias);
		}

		case 'create-event-source-mapping': {
			const {mapping} = operation;
			return lambda(
				'create-event-source-mapping',
				'--function-name', operation.aliasArn,
				'--event-source-arn', mapping.queueArn,
				...mappingArgs(mapping, false),
			);
		}

		case 'update-event-source-mapping': {
			return lambda('update-event-source-mapping', '--uuid', operation.uuid, ...mappingArgs(operation.mapping, true));
		}

		case 'delete-event-source-mapping': {
			return lambda('delete-event-source-mapping', '--uuid', operation.uuid);
		}

		case 'none': {
			return [];
		}
	}
}

export const roleDescription = 'Execution role of a Lambda function; its policy is managed by rust-lambda-wizard deploy';

/** The tag on every role deploy creates: deploy changes no role without it (or the description above, from older versions). */
export const roleTag = {key: 'managed-by', value: 'rust-lambda-wizard'} as const;

/** Quotes words for a POSIX shell, for display. */
export function shellLine(words: readonly string[]): string {
	return words.map(word => separators.get(word) ?? (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Adds words (--endpoint-url, --profile) to each `aws` command of a line, so that every one reaches the same place. */
export function withAwsArgs(words: readonly string[], extra: readonly string[]): string[] {
	const result: string[] = [];
	let segment: string[] = [];
	const flush = () => {
		result.push(...segment, ...(segment[0] === 'aws' ? extra : []));
		segment = [];
	};

	for (const word of words) {
		if (separators.has(word)) {
			flush();
			result.push(word);
		} else {
			segment.push(word);
		}
	}

	flush();
	return result;
}
