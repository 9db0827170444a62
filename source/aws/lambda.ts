// The Lambda adapter: the only place that talks to the Lambda API.
import {
	CreateAliasCommand,
	CreateFunctionCommand,
	GetAliasCommand,
	GetFunctionCommand,
	GetFunctionConfigurationCommand,
	LambdaClient,
	type FunctionConfiguration,
	paginateListVersionsByFunction,
	PublishVersionCommand,
	ResourceNotFoundException,
	UpdateAliasCommand,
	UpdateFunctionCodeCommand,
	UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type {DesiredFunction, FunctionSettings, ObservedRegion, ObservedVersion} from '../plan/types.js';
import {clientConfig, type AwsOptions} from './options.js';

export interface FunctionState {
	state: string;
	lastUpdateStatus: string;
	reason?: string | undefined;
}

export interface LambdaApi {
	observe(functionName: string, alias: string, signal?: AbortSignal): Promise<ObservedRegion>;
	createFunction(desired: DesiredFunction, zipFile: Uint8Array, signal?: AbortSignal): Promise<void>;
	updateFunctionCode(desired: DesiredFunction, zipFile: Uint8Array, signal?: AbortSignal): Promise<void>;
	updateFunctionConfiguration(desired: DesiredFunction, signal?: AbortSignal): Promise<void>;
	functionState(functionName: string, signal?: AbortSignal): Promise<FunctionState>;
	publishVersion(functionName: string, codeSha256: string, signal?: AbortSignal): Promise<string>;
	createAlias(functionName: string, alias: string, version: string, signal?: AbortSignal): Promise<void>;
	updateAlias(functionName: string, alias: string, version: string, signal?: AbortSignal): Promise<void>;
}

export function lambdaApi(region: string, options: AwsOptions): LambdaApi {
	const client = new LambdaClient(clientConfig(region, options));
	const send = client.send.bind(client) as (command: unknown, options?: {abortSignal?: AbortSignal}) => Promise<any>;
	const call = <T>(command: unknown, signal?: AbortSignal): Promise<T> => send(command, signal ? {abortSignal: signal} : {});

	return {
		async observe(functionName, alias, signal) {
			const found = await orUndefined(call<{Configuration?: FunctionConfiguration}>(new GetFunctionCommand({FunctionName: functionName}), signal));
			if (found?.Configuration === undefined) {
				return {versions: []};
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
			return {
				function: {...snapshot(found.Configuration), packageType: found.Configuration.PackageType ?? 'Zip'},
				versions,
				...(aliasFound
					? {alias: {functionVersion: aliasFound.FunctionVersion ?? '', additionalWeights: aliasFound.RoutingConfig?.AdditionalVersionWeights ?? {}}}
					: {}),
			};
		},

		async createFunction(desired, zipFile, signal) {
			await call(new CreateFunctionCommand({
				FunctionName: desired.name,
				PackageType: 'Zip',
				Architectures: [desired.architecture as 'arm64'],
				Code: {ZipFile: zipFile},
				Publish: false,
				...settingsInput(desired.settings),
			}), signal);
		},

		async updateFunctionCode(desired, zipFile, signal) {
			await call(new UpdateFunctionCodeCommand({
				FunctionName: desired.name,
				ZipFile: zipFile,
				Architectures: [desired.architecture as 'arm64'],
			}), signal);
		},

		async updateFunctionConfiguration(desired, signal) {
			await call(new UpdateFunctionConfigurationCommand({FunctionName: desired.name, ...settingsInput(desired.settings)}), signal);
		},

		async functionState(functionName, signal) {
			const configuration = await call<FunctionConfiguration>(new GetFunctionConfigurationCommand({FunctionName: functionName}), signal);
			return {
				state: configuration.State ?? 'Active',
				lastUpdateStatus: configuration.LastUpdateStatus ?? 'Successful',
				reason: configuration.LastUpdateStatusReason ?? configuration.StateReason,
			};
		},

		async publishVersion(functionName, codeSha256, signal) {
			const published = await call<FunctionConfiguration>(new PublishVersionCommand({FunctionName: functionName, CodeSha256: codeSha256}), signal);
			return published.Version!;
		},

		async createAlias(functionName, alias, version, signal) {
			await call(new CreateAliasCommand({FunctionName: functionName, Name: alias, FunctionVersion: version}), signal);
		},

		async updateAlias(functionName, alias, version, signal) {
			await call(new UpdateAliasCommand({
				FunctionName: functionName,
				Name: alias,
				FunctionVersion: version,
				RoutingConfig: {AdditionalVersionWeights: {}},
			}), signal);
		},
	};
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
	const settings: FunctionSettings = {
		runtime: configuration.Runtime ?? '',
		handler: configuration.Handler ?? '',
		role: configuration.Role ?? '',
		memory: configuration.MemorySize ?? 128,
		timeout: configuration.Timeout ?? 3,
		environment: configuration.Environment?.Variables ?? {},
		layers: (configuration.Layers ?? []).map(layer => layer.Arn ?? ''),
		...(inVpc ? {vpc: {subnet_ids: vpc?.SubnetIds ?? [], security_group_ids: vpc?.SecurityGroupIds ?? []}} : {}),
	};
	return {
		codeSha256: configuration.CodeSha256 ?? '',
		architecture: configuration.Architectures?.[0] ?? 'x86_64',
		settings,
	};
}

function settingsInput(settings: FunctionSettings) {
	return {
		Runtime: settings.runtime as 'provided.al2023',
		Handler: settings.handler,
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
