// The Lambda adapter: the only place that talks to the Lambda API.
import {
	CreateAliasCommand,
	CreateEventSourceMappingCommand,
	CreateFunctionCommand,
	DeleteEventSourceMappingCommand,
	DeleteFunctionConcurrencyCommand,
	DeleteFunctionEventInvokeConfigCommand,
	GetFunctionConfigurationCommand,
	LambdaClient,
	type FunctionConfiguration,
	PublishVersionCommand,
	PutFunctionConcurrencyCommand,
	PutFunctionEventInvokeConfigCommand,
	UpdateAliasCommand,
	UpdateEventSourceMappingCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type {DesiredFunction, EventInvokeSettings, FunctionSettings, ObservedRegion, SqsMappingSettings} from '../plan/types.js';
import {observeRegion, type Call, type ObserveQuery} from './lambda-observe.js';
import {clientConfig, type AwsOptions} from './options.js';

export type {ObserveQuery} from './lambda-observe.js';

export interface FunctionState {
	state: string;
	lastUpdateStatus: string;
	reason?: string | undefined;
}

/** The function's code as the calls take it: the zip's bytes, or an image URI (by digest). */
export type CodeInput = {zipFile: Uint8Array} | {imageUri: string};

export interface LambdaApi {
	observe(query: ObserveQuery, signal?: AbortSignal): Promise<ObservedRegion>;
	createFunction(desired: DesiredFunction, code: CodeInput, signal?: AbortSignal): Promise<void>;
	updateFunctionCode(desired: DesiredFunction, code: CodeInput, signal?: AbortSignal): Promise<void>;
	updateFunctionConfiguration(desired: DesiredFunction, signal?: AbortSignal): Promise<void>;
	functionState(functionName: string, signal?: AbortSignal): Promise<FunctionState>;
	putFunctionConcurrency(functionName: string, reserved: number, signal?: AbortSignal): Promise<void>;
	deleteFunctionConcurrency(functionName: string, signal?: AbortSignal): Promise<void>;
	publishVersion(functionName: string, codeSha256: string | undefined, signal?: AbortSignal): Promise<string>;
	createAlias(functionName: string, alias: string, version: string, signal?: AbortSignal): Promise<void>;
	updateAlias(functionName: string, alias: string, version: string, signal?: AbortSignal): Promise<void>;
	/** Replaces the whole config (Put, not Update: moto's Update is broken, and Put is what we mean). */
	putEventInvokeConfig(functionName: string, alias: string, config: EventInvokeSettings, signal?: AbortSignal): Promise<void>;
	deleteEventInvokeConfig(functionName: string, alias: string, signal?: AbortSignal): Promise<void>;
	createEventSourceMapping(aliasArn: string, mapping: SqsMappingSettings, signal?: AbortSignal): Promise<void>;
	updateEventSourceMapping(uuid: string, mapping: SqsMappingSettings, signal?: AbortSignal): Promise<void>;
	deleteEventSourceMapping(uuid: string, signal?: AbortSignal): Promise<void>;
}

export function lambdaApi(region: string, options: AwsOptions): LambdaApi {
	const client = new LambdaClient(clientConfig(region, options));
	const send = client.send.bind(client) as (command: unknown, options?: {abortSignal?: AbortSignal}) => Promise<any>;
	const call: Call = (command, signal) => send(command, signal ? {abortSignal: signal} : {});
	const write = async (command: unknown, signal?: AbortSignal) => {
		await call(command, signal);
	};

	return {
		observe: (query, signal) => observeRegion(client, call, query, signal),

		createFunction: (desired, code, signal) => write(new CreateFunctionCommand({
			FunctionName: desired.name,
			PackageType: 'zipFile' in code ? 'Zip' : 'Image',
			Architectures: [desired.architecture as 'arm64'],
			Code: 'zipFile' in code ? {ZipFile: code.zipFile} : {ImageUri: code.imageUri},
			Publish: false,
			...settingsInput(desired.settings),
			...(desired.settings.deadLetterArn ? {DeadLetterConfig: {TargetArn: desired.settings.deadLetterArn}} : {}),
		}), signal),

		updateFunctionCode: (desired, code, signal) => write(new UpdateFunctionCodeCommand({
			FunctionName: desired.name,
			...('zipFile' in code ? {ZipFile: code.zipFile} : {ImageUri: code.imageUri}),
			Architectures: [desired.architecture as 'arm64'],
		}), signal),

		// An empty TargetArn removes a dead-letter queue that the config no longer names.
		updateFunctionConfiguration: (desired, signal) => write(new UpdateFunctionConfigurationCommand({
			FunctionName: desired.name,
			...settingsInput(desired.settings),
			DeadLetterConfig: {TargetArn: desired.settings.deadLetterArn ?? ''},
		}), signal),

		async functionState(functionName, signal) {
			const configuration = await call<FunctionConfiguration>(new GetFunctionConfigurationCommand({FunctionName: functionName}), signal);
			return {
				state: configuration.State ?? 'Active',
				lastUpdateStatus: configuration.LastUpdateStatus ?? 'Successful',
				reason: configuration.LastUpdateStatusReason ?? configuration.StateReason,
			};
		},

		putFunctionConcurrency: (functionName, reserved, signal) =>
			write(new PutFunctionConcurrencyCommand({FunctionName: functionName, ReservedConcurrentExecutions: reserved}), signal),

		deleteFunctionConcurrency: (functionName, signal) => write(new DeleteFunctionConcurrencyCommand({FunctionName: functionName}), signal),

		async publishVersion(functionName, codeSha256, signal) {
			const published = await call<FunctionConfiguration>(new PublishVersionCommand({FunctionName: functionName, ...(codeSha256 ? {CodeSha256: codeSha256} : {})}), signal);
			return published.Version!;
		},

		createAlias: (functionName, alias, version, signal) =>
			write(new CreateAliasCommand({FunctionName: functionName, Name: alias, FunctionVersion: version}), signal),

		updateAlias: (functionName, alias, version, signal) => write(new UpdateAliasCommand({
			FunctionName: functionName,
			Name: alias,
			FunctionVersion: version,
			RoutingConfig: {AdditionalVersionWeights: {}},
		}), signal),

		putEventInvokeConfig: (functionName, alias, config, signal) => write(new PutFunctionEventInvokeConfigCommand({
			FunctionName: functionName,
			Qualifier: alias,
			MaximumRetryAttempts: config.maximumRetryAttempts,
			MaximumEventAgeInSeconds: config.maximumEventAgeSeconds,
			DestinationConfig: {
				...(config.onSuccess ? {OnSuccess: {Destination: config.onSuccess}} : {}),
				...(config.onFailure ? {OnFailure: {Destination: config.onFailure}} : {}),
			},
		}), signal),

		deleteEventInvokeConfig: (functionName, alias, signal) =>
			write(new DeleteFunctionEventInvokeConfigCommand({FunctionName: functionName, Qualifier: alias}), signal),

		createEventSourceMapping: (aliasArn, mapping, signal) => write(new CreateEventSourceMappingCommand({
			FunctionName: aliasArn,
			EventSourceArn: mapping.queueArn,
			Enabled: true,
			BatchSize: mapping.batchSize,
			MaximumBatchingWindowInSeconds: mapping.batchingWindowSeconds,
			...(mapping.reportBatchItemFailures ? {FunctionResponseTypes: ['ReportBatchItemFailures' as const]} : {}),
			...(mapping.maxConcurrency === undefined ? {} : {ScalingConfig: {MaximumConcurrency: mapping.maxConcurrency}}),
		}), signal),

		// Empty values remove what the config no longer asks for.
		updateEventSourceMapping: (uuid, mapping, signal) => write(new UpdateEventSourceMappingCommand({
			UUID: uuid,
			BatchSize: mapping.batchSize,
			MaximumBatchingWindowInSeconds: mapping.batchingWindowSeconds,
			FunctionResponseTypes: mapping.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
			ScalingConfig: mapping.maxConcurrency === undefined ? {} : {MaximumConcurrency: mapping.maxConcurrency},
		}), signal),

		deleteEventSourceMapping: (uuid, signal) => write(new DeleteEventSourceMappingCommand({UUID: uuid}), signal),
	};
}

function settingsInput(settings: FunctionSettings) {
	return {
		// An image function takes neither.
		...(settings.runtime ? {Runtime: settings.runtime as 'provided.al2023'} : {}),
		...(settings.handler ? {Handler: settings.handler} : {}),
		Role: settings.role,
		MemorySize: settings.memory,
		Timeout: settings.timeout,
		Environment: {Variables: settings.environment},
		Layers: settings.layers,
		VpcConfig: {SubnetIds: settings.vpc?.subnet_ids ?? [], SecurityGroupIds: settings.vpc?.security_group_ids ?? []},
	};
}

/** The region the SDK would use on its own (AWS_REGION, the profile's region), if any. */
export async function defaultRegion(options: AwsOptions): Promise<string | undefined> {
	try {
		return await new LambdaClient(clientConfig(undefined, options)).config.region();
	} catch {
		return undefined;
	}
}
