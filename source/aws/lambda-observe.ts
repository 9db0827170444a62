// Reads one region's state for the planner: the function, its versions, the
// alias, and what hangs off the alias. Only Get/List calls.
import {
	type EventSourceMappingConfiguration,
	type FunctionConfiguration,
	type FunctionEventInvokeConfig,
	GetAccountSettingsCommand,
	GetAliasCommand,
	GetFunctionCommand,
	GetFunctionEventInvokeConfigCommand,
	type GetFunctionResponse,
	type LambdaClient,
	paginateListEventSourceMappings,
	paginateListVersionsByFunction,
	ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import {serviceOf} from '../plan/arns.js';
import type {AccountConcurrency, EventInvokeSettings, FunctionSettings, ObservedMapping, ObservedRegion, ObservedVersion} from '../plan/types.js';
import {limits} from '../spec/limits.js';

export interface ObserveQuery {
	functionName: string;
	alias: string;
	/** Read GetAccountSettings too (the config reserves concurrency). */
	accountConcurrency: boolean;
}

export type Call = <T>(command: unknown, signal?: AbortSignal) => Promise<T>;

export async function observeRegion(client: LambdaClient, call: Call, query: ObserveQuery, signal?: AbortSignal): Promise<ObservedRegion> {
	const {functionName, alias} = query;
	const accountConcurrency = query.accountConcurrency ? await readAccountConcurrency(call, signal) : undefined;
	const withAccount = accountConcurrency === undefined ? {} : {accountConcurrency};
	const found = await orUndefined(call<GetFunctionResponse>(new GetFunctionCommand({FunctionName: functionName}), signal));
	if (found?.Configuration === undefined) {
		return {versions: [], mappings: [], ...withAccount};
	}

	const versions: ObservedVersion[] = [];
	for await (const page of paginateListVersionsByFunction({client}, {FunctionName: functionName})) {
		for (const configuration of page.Versions ?? []) {
			if (configuration.Version && configuration.Version !== '$LATEST') {
				versions.push({...snapshot(configuration), version: configuration.Version});
			}
		}
	}

	const aliasFound = await orUndefined(call<{FunctionVersion?: string; RoutingConfig?: {AdditionalVersionWeights?: Record<string, number>}}>(
		new GetAliasCommand({FunctionName: functionName, Name: alias}), signal));
	const functionArn = found.Configuration.FunctionArn;
	const reserved = found.Concurrency?.ReservedConcurrentExecutions;
	const observed: ObservedRegion = {
		function: {
			...snapshot(found.Configuration),
			packageType: found.Configuration.PackageType ?? 'Zip',
			...imageOf(found),
			...(functionArn ? {arn: functionArn} : {}),
			...(reserved === undefined ? {} : {reservedConcurrency: reserved}),
		},
		versions,
		mappings: [],
		...withAccount,
	};
	if (aliasFound === undefined) {
		return observed;
	}

	observed.alias = {functionVersion: aliasFound.FunctionVersion ?? '', additionalWeights: aliasFound.RoutingConfig?.AdditionalVersionWeights ?? {}};
	const invokeConfig = await orUndefined(call<FunctionEventInvokeConfig>(new GetFunctionEventInvokeConfigCommand({FunctionName: functionName, Qualifier: alias}), signal));
	if (invokeConfig) {
		observed.eventInvokeConfig = eventInvokeSettings(invokeConfig);
	}

	// Listed by the alias ARN, the same string the mapping was created with.
	if (functionArn) {
		for await (const page of paginateListEventSourceMappings({client}, {FunctionName: `${functionArn}:${alias}`})) {
			observed.mappings.push(...(page.EventSourceMappings ?? []).filter(mapping => serviceOf(mapping.EventSourceArn ?? '') === 'sqs').map(sqsMapping));
		}
	}

	return observed;
}

async function readAccountConcurrency(call: Call, signal?: AbortSignal): Promise<AccountConcurrency | 'unsupported'> {
	try {
		const settings = await call<{AccountLimit?: {ConcurrentExecutions?: number; UnreservedConcurrentExecutions?: number}}>(new GetAccountSettingsCommand({}), signal);
		const limit = settings.AccountLimit?.ConcurrentExecutions;
		const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions;
		return limit === undefined || unreserved === undefined ? 'unsupported' : {limit, unreserved};
	} catch (error) {
		// An emulator (moto) may not implement it: a 404 that is not a Lambda error. AWS always has it.
		const failure = error as {name?: string; $metadata?: {httpStatusCode?: number}};
		if (failure.$metadata?.httpStatusCode === 404 && failure.name !== 'ResourceNotFoundException') {
			return 'unsupported';
		}

		throw error;
	}
}

async function orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof ResourceNotFoundException) {
			return undefined;
		}

		throw error;
	}
}

function snapshot(configuration: FunctionConfiguration): Omit<ObservedVersion, 'version'> {
	const vpc = configuration.VpcConfig;
	const inVpc = (vpc?.SubnetIds?.length ?? 0) > 0;
	const deadLetter = configuration.DeadLetterConfig?.TargetArn;
	const settings: FunctionSettings = {
		...(configuration.Runtime ? {runtime: configuration.Runtime} : {}),
		...(configuration.Handler ? {handler: configuration.Handler} : {}),
		role: configuration.Role ?? '',
		memory: configuration.MemorySize ?? 128,
		timeout: configuration.Timeout ?? 3,
		environment: configuration.Environment?.Variables ?? {},
		layers: (configuration.Layers ?? []).map(layer => layer.Arn ?? ''),
		...(inVpc ? {vpc: {subnet_ids: vpc?.SubnetIds ?? [], security_group_ids: vpc?.SecurityGroupIds ?? []}} : {}),
		...(deadLetter ? {deadLetterArn: deadLetter} : {}),
	};
	return {
		codeSha256: configuration.CodeSha256 ?? '',
		architecture: configuration.Architectures?.[0] ?? 'x86_64',
		settings,
	};
}

/** The image by digest: ImageUri when it was given by digest (deploy gives it so), else ResolvedImageUri. */
function imageOf(found: GetFunctionResponse): {imageUri?: string} {
	const given = found.Code?.ImageUri;
	const resolved = found.Code?.ResolvedImageUri;
	const imageUri = given?.includes('@') ? given : resolved ?? given;
	return imageUri ? {imageUri} : {};
}

function eventInvokeSettings(config: FunctionEventInvokeConfig): EventInvokeSettings {
	const onSuccess = config.DestinationConfig?.OnSuccess?.Destination;
	const onFailure = config.DestinationConfig?.OnFailure?.Destination;
	return {
		maximumRetryAttempts: config.MaximumRetryAttempts ?? limits.defaultMaxRetryAttempts,
		maximumEventAgeSeconds: config.MaximumEventAgeInSeconds ?? limits.maxEventAgeSeconds.max,
		...(onSuccess ? {onSuccess} : {}),
		...(onFailure ? {onFailure} : {}),
	};
}

function sqsMapping(mapping: EventSourceMappingConfiguration): ObservedMapping {
	const maxConcurrency = mapping.ScalingConfig?.MaximumConcurrency;
	return {
		uuid: mapping.UUID ?? '',
		state: mapping.State ?? '',
		queueArn: mapping.EventSourceArn ?? '',
		batchSize: mapping.BatchSize ?? 10,
		batchingWindowSeconds: mapping.MaximumBatchingWindowInSeconds ?? 0,
		reportBatchItemFailures: (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
		...(maxConcurrency === undefined ? {} : {maxConcurrency}),
	};
}
