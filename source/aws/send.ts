// The one door to AWS for deploy: a request (service, operation, input) becomes
// the SDK command of that name, sent with the caller's abort signal. One client
// per service and region, made on first use.
import * as ApiGatewayV2 from '@aws-sdk/client-apigatewayv2';
import * as CloudWatch from '@aws-sdk/client-cloudwatch';
import * as DynamoDb from '@aws-sdk/client-dynamodb';
import * as Ecr from '@aws-sdk/client-ecr';
import * as Iam from '@aws-sdk/client-iam';
import * as Kinesis from '@aws-sdk/client-kinesis';
import * as Lambda from '@aws-sdk/client-lambda';
import * as S3 from '@aws-sdk/client-s3';
import * as Scheduler from '@aws-sdk/client-scheduler';
import * as Sns from '@aws-sdk/client-sns';
import * as Sqs from '@aws-sdk/client-sqs';
import * as Sts from '@aws-sdk/client-sts';
import {NodeHttpHandler} from '@smithy/node-http-handler';
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
		GetPolicy: Lambda.GetPolicyCommand,
		Invoke: Lambda.InvokeCommand,
		AddPermission: Lambda.AddPermissionCommand,
		RemovePermission: Lambda.RemovePermissionCommand,
		GetFunctionUrlConfig: Lambda.GetFunctionUrlConfigCommand,
		CreateFunctionUrlConfig: Lambda.CreateFunctionUrlConfigCommand,
		UpdateFunctionUrlConfig: Lambda.UpdateFunctionUrlConfigCommand,
		DeleteFunctionUrlConfig: Lambda.DeleteFunctionUrlConfigCommand,
		ListLayerVersions: Lambda.ListLayerVersionsCommand,
		GetLayerVersion: Lambda.GetLayerVersionCommand,
		GetLayerVersionPolicy: Lambda.GetLayerVersionPolicyCommand,
		PublishLayerVersion: Lambda.PublishLayerVersionCommand,
		AddLayerVersionPermission: Lambda.AddLayerVersionPermissionCommand,
		RemoveLayerVersionPermission: Lambda.RemoveLayerVersionPermissionCommand,
		DeleteLayerVersion: Lambda.DeleteLayerVersionCommand,
		ListFunctions: Lambda.ListFunctionsCommand,
	},
	apigatewayv2: {
		GetApis: ApiGatewayV2.GetApisCommand,
		GetIntegrations: ApiGatewayV2.GetIntegrationsCommand,
		GetRoutes: ApiGatewayV2.GetRoutesCommand,
		GetStages: ApiGatewayV2.GetStagesCommand,
		CreateApi: ApiGatewayV2.CreateApiCommand,
		UpdateApi: ApiGatewayV2.UpdateApiCommand,
		DeleteApi: ApiGatewayV2.DeleteApiCommand,
		DeleteCorsConfiguration: ApiGatewayV2.DeleteCorsConfigurationCommand,
		CreateIntegration: ApiGatewayV2.CreateIntegrationCommand,
		CreateRoute: ApiGatewayV2.CreateRouteCommand,
		UpdateRoute: ApiGatewayV2.UpdateRouteCommand,
		CreateStage: ApiGatewayV2.CreateStageCommand,
	},
	iam: {
		GetRole: Iam.GetRoleCommand,
		GetRolePolicy: Iam.GetRolePolicyCommand,
		ListRolePolicies: Iam.ListRolePoliciesCommand,
		ListAttachedRolePolicies: Iam.ListAttachedRolePoliciesCommand,
		CreateRole: Iam.CreateRoleCommand,
		UpdateAssumeRolePolicy: Iam.UpdateAssumeRolePolicyCommand,
		PutRolePolicy: Iam.PutRolePolicyCommand,
		DeleteRolePolicy: Iam.DeleteRolePolicyCommand,
		DeleteRole: Iam.DeleteRoleCommand,
	},
	scheduler: {
		GetSchedule: Scheduler.GetScheduleCommand,
		ListSchedules: Scheduler.ListSchedulesCommand,
		CreateSchedule: Scheduler.CreateScheduleCommand,
		UpdateSchedule: Scheduler.UpdateScheduleCommand,
		DeleteSchedule: Scheduler.DeleteScheduleCommand,
	},
	ecr: {
		DescribeRepositories: Ecr.DescribeRepositoriesCommand,
		CreateRepository: Ecr.CreateRepositoryCommand,
		GetAuthorizationToken: Ecr.GetAuthorizationTokenCommand,
	},
	sts: {
		GetCallerIdentity: Sts.GetCallerIdentityCommand,
	},
	dynamodb: {
		DescribeTable: DynamoDb.DescribeTableCommand,
	},
	kinesis: {
		DescribeStreamSummary: Kinesis.DescribeStreamSummaryCommand,
	},
	sns: {
		GetTopicAttributes: Sns.GetTopicAttributesCommand,
		ListSubscriptionsByTopic: Sns.ListSubscriptionsByTopicCommand,
		GetSubscriptionAttributes: Sns.GetSubscriptionAttributesCommand,
		Subscribe: Sns.SubscribeCommand,
		SetSubscriptionAttributes: Sns.SetSubscriptionAttributesCommand,
		Unsubscribe: Sns.UnsubscribeCommand,
	},
	s3: {
		GetBucketLocation: S3.GetBucketLocationCommand,
		GetBucketNotificationConfiguration: S3.GetBucketNotificationConfigurationCommand,
		PutBucketNotificationConfiguration: S3.PutBucketNotificationConfigurationCommand,
	},
	cloudwatch: {
		GetMetricData: CloudWatch.GetMetricDataCommand,
		DescribeAlarms: CloudWatch.DescribeAlarmsCommand,
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

/**
 * Kinesis's client speaks HTTP/2 by default (for SubscribeToShard, which deploy
 * never calls); an --endpoint-url over plain http (moto, LocalStack) cannot, so
 * it uses HTTP/1.1 like every other client.
 */
class KinesisHttp1Client extends Kinesis.KinesisClient {
	constructor(config: ReturnType<typeof clientConfig>) {
		super({...config, requestHandler: new NodeHttpHandler()});
	}
}

const clients: Record<Service, new (config: ReturnType<typeof clientConfig>) => Client> = {
	lambda: Lambda.LambdaClient,
	apigatewayv2: ApiGatewayV2.ApiGatewayV2Client,
	iam: Iam.IAMClient,
	ecr: Ecr.ECRClient,
	sts: Sts.STSClient,
	dynamodb: DynamoDb.DynamoDBClient,
	kinesis: KinesisHttp1Client,
	sns: Sns.SNSClient,
	s3: S3.S3Client,
	cloudwatch: CloudWatch.CloudWatchClient,
	sqs: Sqs.SQSClient,
	scheduler: Scheduler.SchedulerClient,
};

export function awsSender(region: string, options: AwsOptions): AwsSender {
	const made = new Map<Service, Client>();
	const clientFor = (service: Service): Client => {
		let client = made.get(service);
		if (client === undefined) {
			// Behind an endpoint override (LocalStack, moto) a bucket is a path, not a host name.
			const pathStyle = service === 's3' && options.endpointUrl !== undefined ? {forcePathStyle: true} : {};
			client = new clients[service]({...clientConfig(region, options), ...pathStyle});
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

