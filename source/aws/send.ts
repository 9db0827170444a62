// The one door to AWS for deploy: a request (service, operation, input) becomes
// the SDK command of that name, sent with the caller's abort signal. One client
// per service and region, made on first use.
import * as Ecr from '@aws-sdk/client-ecr';
import * as Iam from '@aws-sdk/client-iam';
import * as Lambda from '@aws-sdk/client-lambda';
import * as Sqs from '@aws-sdk/client-sqs';
import * as Sts from '@aws-sdk/client-sts';
import type {AwsSender, Input, OperationName, Output, Request, Service} from '../deploy/request.js';
import {clientConfig, type AwsOptions} from './options.js';

/** The SDK command class of each operation, checked against the request model's types. */
type CommandTable = {[S in Service]: {[O in OperationName<S>]: new (input: Input<S, O>) => object}};

const commands: CommandTable = {
	lambda: {
		GetFunction: Lambda.GetFunctionCommand,
		GetFunctionConfiguration: Lambda.GetFunctionConfigurationCommand,
		ListVersionsByFunction: Lambda.ListVersionsByFunctionCommand,
		GetAlias: Lambda.GetAliasCommand,
		GetAccountSettings: Lambda.GetAccountSettingsCommand,
		GetFunctionEventInvokeConfig: Lambda.GetFunctionEventInvokeConfigCommand,
		ListEventSourceMappings: Lambda.ListEventSourceMappingsCommand,
		CreateFunction: Lambda.CreateFunctionCommand,
		UpdateFunctionCode: Lambda.UpdateFunctionCodeCommand,
		UpdateFunctionConfiguration: Lambda.UpdateFunctionConfigurationCommand,
		PutFunctionConcurrency: Lambda.PutFunctionConcurrencyCommand,
		DeleteFunctionConcurrency: Lambda.DeleteFunctionConcurrencyCommand,
		PublishVersion: Lambda.PublishVersionCommand,
		CreateAlias: Lambda.CreateAliasCommand,
		UpdateAlias: Lambda.UpdateAliasCommand,
		PutFunctionEventInvokeConfig: Lambda.PutFunctionEventInvokeConfigCommand,
		DeleteFunctionEventInvokeConfig: Lambda.DeleteFunctionEventInvokeConfigCommand,
		CreateEventSourceMapping: Lambda.CreateEventSourceMappingCommand,
		UpdateEventSourceMapping: Lambda.UpdateEventSourceMappingCommand,
		DeleteEventSourceMapping: Lambda.DeleteEventSourceMappingCommand,
	},
	iam: {
		GetRole: Iam.GetRoleCommand,
		GetRolePolicy: Iam.GetRolePolicyCommand,
		ListRolePolicies: Iam.ListRolePoliciesCommand,
		ListAttachedRolePolicies: Iam.ListAttachedRolePoliciesCommand,
		CreateRole: Iam.CreateRoleCommand,
		UpdateAssumeRolePolicy: Iam.UpdateAssumeRolePolicyCommand,
		PutRolePolicy: Iam.PutRolePolicyCommand,
	},
	ecr: {
		DescribeRepositories: Ecr.DescribeRepositoriesCommand,
		CreateRepository: Ecr.CreateRepositoryCommand,
		GetAuthorizationToken: Ecr.GetAuthorizationTokenCommand,
	},
	sts: {
		GetCallerIdentity: Sts.GetCallerIdentityCommand,
	},
	sqs: {
		GetQueueUrl: Sqs.GetQueueUrlCommand,
		GetQueueAttributes: Sqs.GetQueueAttributesCommand,
	},
};

/** What every SDK client has: send(command, {abortSignal}). */
interface Client {
	send(command: object, options: {abortSignal?: AbortSignal}): Promise<unknown>;
}

const clients: Record<Service, new (config: ReturnType<typeof clientConfig>) => Client> = {
	lambda: Lambda.LambdaClient,
	iam: Iam.IAMClient,
	ecr: Ecr.ECRClient,
	sts: Sts.STSClient,
	sqs: Sqs.SQSClient,
};

export function awsSender(region: string, options: AwsOptions): AwsSender {
	const made = new Map<Service, Client>();
	const clientFor = (service: Service): Client => {
		let client = made.get(service);
		if (client === undefined) {
			client = new clients[service](clientConfig(region, options));
			made.set(service, client);
		}

		return client;
	};

	const sender: AwsSender = {
		region,
		sendAny: async (request, signal) => sender.send(request as Request, signal),
		async send<S extends Service, O extends OperationName<S>>(request: Request<S, O>, signal?: AbortSignal): Promise<Output<S, O>> {
			const table: {[K in OperationName<S>]: new (input: Input<S, K>) => object} = commands[request.service];
			const command = new table[request.operation](request.input);
			// The table above ties each operation to its command class, and the class to Operations' output type.
			return await clientFor(request.service).send(command, signal ? {abortSignal: signal} : {}) as Output<S, O>;
		},
	};
	return sender;
}

