// A request to AWS as plain data: the service, the operation and the SDK's own
// input for it. The planner emits these, --dry-run renders them as `aws`
// commands, and the executor sends them: one value, so the three cannot drift.
// Only types come from the SDK here; the adapter (aws/send.ts) holds the clients.
import type * as ApiGatewayV2 from '@aws-sdk/client-apigatewayv2';
import type * as CloudWatch from '@aws-sdk/client-cloudwatch';
import type * as DynamoDb from '@aws-sdk/client-dynamodb';
import type * as Ecr from '@aws-sdk/client-ecr';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Kinesis from '@aws-sdk/client-kinesis';
import type * as Lambda from '@aws-sdk/client-lambda';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Scheduler from '@aws-sdk/client-scheduler';
import type * as Sns from '@aws-sdk/client-sns';
import type * as Sqs from '@aws-sdk/client-sqs';
import type * as Sts from '@aws-sdk/client-sts';

/** Every operation deploy sends, by service: [input, output] as the SDK types them. */
interface Operations {
	lambda: {
		GetFunction: [Lambda.GetFunctionCommandInput, Lambda.GetFunctionCommandOutput];
		GetFunctionConfiguration: [Lambda.GetFunctionConfigurationCommandInput, Lambda.GetFunctionConfigurationCommandOutput];
		ListVersionsByFunction: [Lambda.ListVersionsByFunctionCommandInput, Lambda.ListVersionsByFunctionCommandOutput];
		GetAlias: [Lambda.GetAliasCommandInput, Lambda.GetAliasCommandOutput];
		GetAccountSettings: [Lambda.GetAccountSettingsCommandInput, Lambda.GetAccountSettingsCommandOutput];
		GetFunctionEventInvokeConfig: [Lambda.GetFunctionEventInvokeConfigCommandInput, Lambda.GetFunctionEventInvokeConfigCommandOutput];
		ListEventSourceMappings: [Lambda.ListEventSourceMappingsCommandInput, Lambda.ListEventSourceMappingsCommandOutput];
		CreateFunction: [Lambda.CreateFunctionCommandInput, Lambda.CreateFunctionCommandOutput];
		UpdateFunctionCode: [Lambda.UpdateFunctionCodeCommandInput, Lambda.UpdateFunctionCodeCommandOutput];
		UpdateFunctionConfiguration: [Lambda.UpdateFunctionConfigurationCommandInput, Lambda.UpdateFunctionConfigurationCommandOutput];
		PutFunctionConcurrency: [Lambda.PutFunctionConcurrencyCommandInput, Lambda.PutFunctionConcurrencyCommandOutput];
		DeleteFunctionConcurrency: [Lambda.DeleteFunctionConcurrencyCommandInput, Lambda.DeleteFunctionConcurrencyCommandOutput];
		PublishVersion: [Lambda.PublishVersionCommandInput, Lambda.PublishVersionCommandOutput];
		CreateAlias: [Lambda.CreateAliasCommandInput, Lambda.CreateAliasCommandOutput];
		UpdateAlias: [Lambda.UpdateAliasCommandInput, Lambda.UpdateAliasCommandOutput];
		PutFunctionEventInvokeConfig: [Lambda.PutFunctionEventInvokeConfigCommandInput, Lambda.PutFunctionEventInvokeConfigCommandOutput];
		DeleteFunctionEventInvokeConfig: [Lambda.DeleteFunctionEventInvokeConfigCommandInput, Lambda.DeleteFunctionEventInvokeConfigCommandOutput];
		CreateEventSourceMapping: [Lambda.CreateEventSourceMappingCommandInput, Lambda.CreateEventSourceMappingCommandOutput];
		UpdateEventSourceMapping: [Lambda.UpdateEventSourceMappingCommandInput, Lambda.UpdateEventSourceMappingCommandOutput];
		DeleteEventSourceMapping: [Lambda.DeleteEventSourceMappingCommandInput, Lambda.DeleteEventSourceMappingCommandOutput];
		GetPolicy: [Lambda.GetPolicyCommandInput, Lambda.GetPolicyCommandOutput];
		Invoke: [Lambda.InvokeCommandInput, Lambda.InvokeCommandOutput];
		AddPermission: [Lambda.AddPermissionCommandInput, Lambda.AddPermissionCommandOutput];
		RemovePermission: [Lambda.RemovePermissionCommandInput, Lambda.RemovePermissionCommandOutput];
		GetFunctionUrlConfig: [Lambda.GetFunctionUrlConfigCommandInput, Lambda.GetFunctionUrlConfigCommandOutput];
		CreateFunctionUrlConfig: [Lambda.CreateFunctionUrlConfigCommandInput, Lambda.CreateFunctionUrlConfigCommandOutput];
		UpdateFunctionUrlConfig: [Lambda.UpdateFunctionUrlConfigCommandInput, Lambda.UpdateFunctionUrlConfigCommandOutput];
		DeleteFunctionUrlConfig: [Lambda.DeleteFunctionUrlConfigCommandInput, Lambda.DeleteFunctionUrlConfigCommandOutput];
		// Layers (`layer` and a companion extension deployed with its function).
		ListLayerVersions: [Lambda.ListLayerVersionsCommandInput, Lambda.ListLayerVersionsCommandOutput];
		GetLayerVersion: [Lambda.GetLayerVersionCommandInput, Lambda.GetLayerVersionCommandOutput];
		GetLayerVersionPolicy: [Lambda.GetLayerVersionPolicyCommandInput, Lambda.GetLayerVersionPolicyCommandOutput];
		PublishLayerVersion: [Lambda.PublishLayerVersionCommandInput, Lambda.PublishLayerVersionCommandOutput];
		AddLayerVersionPermission: [Lambda.AddLayerVersionPermissionCommandInput, Lambda.AddLayerVersionPermissionCommandOutput];
		RemoveLayerVersionPermission: [Lambda.RemoveLayerVersionPermissionCommandInput, Lambda.RemoveLayerVersionPermissionCommandOutput];
		DeleteLayerVersion: [Lambda.DeleteLayerVersionCommandInput, Lambda.DeleteLayerVersionCommandOutput];
		ListFunctions: [Lambda.ListFunctionsCommandInput, Lambda.ListFunctionsCommandOutput];
	};
	apigatewayv2: {
		GetApis: [ApiGatewayV2.GetApisCommandInput, ApiGatewayV2.GetApisCommandOutput];
		GetIntegrations: [ApiGatewayV2.GetIntegrationsCommandInput, ApiGatewayV2.GetIntegrationsCommandOutput];
		GetRoutes: [ApiGatewayV2.GetRoutesCommandInput, ApiGatewayV2.GetRoutesCommandOutput];
		GetStages: [ApiGatewayV2.GetStagesCommandInput, ApiGatewayV2.GetStagesCommandOutput];
		CreateApi: [ApiGatewayV2.CreateApiCommandInput, ApiGatewayV2.CreateApiCommandOutput];
		UpdateApi: [ApiGatewayV2.UpdateApiCommandInput, ApiGatewayV2.UpdateApiCommandOutput];
		DeleteApi: [ApiGatewayV2.DeleteApiCommandInput, ApiGatewayV2.DeleteApiCommandOutput];
		DeleteCorsConfiguration: [ApiGatewayV2.DeleteCorsConfigurationCommandInput, ApiGatewayV2.DeleteCorsConfigurationCommandOutput];
		CreateIntegration: [ApiGatewayV2.CreateIntegrationCommandInput, ApiGatewayV2.CreateIntegrationCommandOutput];
		CreateRoute: [ApiGatewayV2.CreateRouteCommandInput, ApiGatewayV2.CreateRouteCommandOutput];
		UpdateRoute: [ApiGatewayV2.UpdateRouteCommandInput, ApiGatewayV2.UpdateRouteCommandOutput];
		CreateStage: [ApiGatewayV2.CreateStageCommandInput, ApiGatewayV2.CreateStageCommandOutput];
	};
	iam: {
		GetRole: [Iam.GetRoleCommandInput, Iam.GetRoleCommandOutput];
		GetRolePolicy: [Iam.GetRolePolicyCommandInput, Iam.GetRolePolicyCommandOutput];
		ListRolePolicies: [Iam.ListRolePoliciesCommandInput, Iam.ListRolePoliciesCommandOutput];
		ListAttachedRolePolicies: [Iam.ListAttachedRolePoliciesCommandInput, Iam.ListAttachedRolePoliciesCommandOutput];
		CreateRole: [Iam.CreateRoleCommandInput, Iam.CreateRoleCommandOutput];
		UpdateAssumeRolePolicy: [Iam.UpdateAssumeRolePolicyCommandInput, Iam.UpdateAssumeRolePolicyCommandOutput];
		PutRolePolicy: [Iam.PutRolePolicyCommandInput, Iam.PutRolePolicyCommandOutput];
		DeleteRolePolicy: [Iam.DeleteRolePolicyCommandInput, Iam.DeleteRolePolicyCommandOutput];
		DeleteRole: [Iam.DeleteRoleCommandInput, Iam.DeleteRoleCommandOutput];
	};
	scheduler: {
		GetSchedule: [Scheduler.GetScheduleCommandInput, Scheduler.GetScheduleCommandOutput];
		ListSchedules: [Scheduler.ListSchedulesCommandInput, Scheduler.ListSchedulesCommandOutput];
		CreateSchedule: [Scheduler.CreateScheduleCommandInput, Scheduler.CreateScheduleCommandOutput];
		UpdateSchedule: [Scheduler.UpdateScheduleCommandInput, Scheduler.UpdateScheduleCommandOutput];
		DeleteSchedule: [Scheduler.DeleteScheduleCommandInput, Scheduler.DeleteScheduleCommandOutput];
	};
	ecr: {
		DescribeRepositories: [Ecr.DescribeRepositoriesCommandInput, Ecr.DescribeRepositoriesCommandOutput];
		CreateRepository: [Ecr.CreateRepositoryCommandInput, Ecr.CreateRepositoryCommandOutput];
		GetAuthorizationToken: [Ecr.GetAuthorizationTokenCommandInput, Ecr.GetAuthorizationTokenCommandOutput];
	};
	sts: {
		GetCallerIdentity: [Sts.GetCallerIdentityCommandInput, Sts.GetCallerIdentityCommandOutput];
	};
	dynamodb: {
		DescribeTable: [DynamoDb.DescribeTableCommandInput, DynamoDb.DescribeTableCommandOutput];
	};
	kinesis: {
		DescribeStreamSummary: [Kinesis.DescribeStreamSummaryCommandInput, Kinesis.DescribeStreamSummaryCommandOutput];
	};
	sns: {
		GetTopicAttributes: [Sns.GetTopicAttributesCommandInput, Sns.GetTopicAttributesCommandOutput];
		ListSubscriptionsByTopic: [Sns.ListSubscriptionsByTopicCommandInput, Sns.ListSubscriptionsByTopicCommandOutput];
		GetSubscriptionAttributes: [Sns.GetSubscriptionAttributesCommandInput, Sns.GetSubscriptionAttributesCommandOutput];
		Subscribe: [Sns.SubscribeCommandInput, Sns.SubscribeCommandOutput];
		SetSubscriptionAttributes: [Sns.SetSubscriptionAttributesCommandInput, Sns.SetSubscriptionAttributesCommandOutput];
		Unsubscribe: [Sns.UnsubscribeCommandInput, Sns.UnsubscribeCommandOutput];
	};
	s3: {
		GetBucketLocation: [S3.GetBucketLocationCommandInput, S3.GetBucketLocationCommandOutput];
		GetBucketNotificationConfiguration: [S3.GetBucketNotificationConfigurationCommandInput, S3.GetBucketNotificationConfigurationCommandOutput];
		PutBucketNotificationConfiguration: [S3.PutBucketNotificationConfigurationCommandInput, S3.PutBucketNotificationConfigurationCommandOutput];
	};
	cloudwatch: {
		GetMetricData: [CloudWatch.GetMetricDataCommandInput, CloudWatch.GetMetricDataCommandOutput];
		DescribeAlarms: [CloudWatch.DescribeAlarmsCommandInput, CloudWatch.DescribeAlarmsCommandOutput];
	};
	sqs: {
		GetQueueUrl: [Sqs.GetQueueUrlCommandInput, Sqs.GetQueueUrlCommandOutput];
		GetQueueAttributes: [Sqs.GetQueueAttributesCommandInput, Sqs.GetQueueAttributesCommandOutput];
	};
}

export type Service = keyof Operations;
export type OperationName<S extends Service> = keyof Operations[S] & string;
export type Input<S extends Service, O extends OperationName<S>> = Operations[S][O] extends [infer I, unknown] ? I : never;
export type Output<S extends Service, O extends OperationName<S>> = Operations[S][O] extends [unknown, infer R] ? R : never;

export interface Request<S extends Service = Service, O extends OperationName<S> = OperationName<S>> {
	service: S;
	operation: O;
	input: Input<S, O>;
}

/** Any one request deploy makes: a union, so that service and operation narrow the input. */
export type AnyRequest = {[S in Service]: {[O in OperationName<S>]: Request<S, O>}[OperationName<S>]}[Service];

export const request = <S extends Service, O extends OperationName<S>>(service: S, operation: O, input: Input<S, O>): Request<S, O> =>
	({service, operation, input});

/** Sends requests in one region (IAM and STS: the region's partition). The one door to AWS. */
export interface AwsSender {
	readonly region: string;
	send<S extends Service, O extends OperationName<S>>(request: Request<S, O>, signal?: AbortSignal): Promise<Output<S, O>>;
	/** The same, for a request whose operation is known only as data (a planned step). */
	sendAny(request: AnyRequest, signal?: AbortSignal): Promise<unknown>;
}

/** The error names AWS uses for "there is no such thing" (Lambda, IAM, ECR, API Gateway, Scheduler; SNS's topic, S3's bucket, SQS's queue). */
const missingNames = new Set(['ResourceNotFoundException', 'NoSuchEntityException', 'NoSuchEntity', 'RepositoryNotFoundException', 'NotFoundException', 'NotFound', 'NoSuchBucket', 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

/** The answer, or undefined when AWS says the thing does not exist. */
export async function orMissing<T>(answer: Promise<T>): Promise<T | undefined> {
	try {
		return await answer;
	} catch (error) {
		if (missingNames.has((error as {name?: string} | undefined)?.name ?? '')) {
			return undefined;
		}

		throw error;
	}
}
