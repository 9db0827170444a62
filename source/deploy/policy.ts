// The execution role's policy, computed from the config: least privilege, one
// statement per kind of access, each on exactly the resources the config names.
// IAM is global, so one policy covers every region the deploy reaches.
import type {Spec} from '../spec/schema.js';
import {logGroupArn, serviceOf} from '../plan/arns.js';
import {fillArn} from './placeholders.js';
import type {PolicyDocument} from './types.js';

export const trustPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}],
};

/** What AWSLambdaVPCAccessExecutionRole grants (v3, 2024, added DescribeSubnets); EC2 takes no resource-level limits for these, so Resource is "*". */
export const vpcStatement = (): Statement => ({Sid: 'VpcNetworkInterfaces', Effect: 'Allow', Action: [...vpcActions], Resource: '*'});

const vpcActions = [
	'ec2:CreateNetworkInterface',
	'ec2:DescribeNetworkInterfaces',
	'ec2:DescribeSubnets',
	'ec2:DeleteNetworkInterface',
	'ec2:AssignPrivateIpAddresses',
	'ec2:UnassignPrivateIpAddresses',
];

/**
 * Sending to a destination or dead-letter target, by the target's service: one
 * statement per row. Lambda's documentation asks for s3:PutObject and
 * s3:ListBucket for an S3 on-failure destination; PutObject acts on objects
 * (<bucket>/*), ListBucket on the bucket itself.
 */
const sendTo: ReadonlyArray<{service: string; sid: string; action: string; resource: (arn: string) => string}> = [
	{service: 'sqs', sid: 'SendToQueues', action: 'sqs:SendMessage', resource: arn => arn},
	{service: 'sns', sid: 'PublishToTopics', action: 'sns:Publish', resource: arn => arn},
	{service: 'lambda', sid: 'InvokeFunctions', action: 'lambda:InvokeFunction', resource: arn => arn},
	{service: 'events', sid: 'PutEventsOnBuses', action: 'events:PutEvents', resource: arn => arn},
	{service: 's3', sid: 'PutObjectsInBuckets', action: 's3:PutObject', resource: arn => `${arn}/*`},
	{service: 's3', sid: 'ListDestinationBuckets', action: 's3:ListBucket', resource: arn => arn},
];

export type Statement = PolicyDocument['Statement'][number];

/** The regions the role serves, with the account (IAM role ARNs are account-wide). */
export interface PolicyScope {
	regions: readonly string[];
	account: string;
}

const unique = (items: readonly string[]) => [...new Set(items)];

/** `grants`: the statements the deployed resources ask for (resource.ts `grants`). */
export function executionPolicy(spec: Spec, scope: PolicyScope, grants: readonly Statement[] = []): PolicyDocument {
	const perRegion = (arn: string | undefined) =>
		arn === undefined ? [] : unique(scope.regions.map(region => fillArn(arn, {region, account: scope.account})));
	const statements: PolicyDocument['Statement'] = [{
		Sid: 'Logs',
		Effect: 'Allow',
		Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
		Resource: scope.regions.map(region => logGroupArn(region, scope.account, spec.function.name)),
	}];

	// What the resources of the registry need (the VPC's network interfaces, an event source's reads), in registry order.
	statements.push(...grants);

	const targets = [spec.async?.on_success, spec.async?.on_failure, spec.async?.dead_letter_arn].flatMap(perRegion);
	statements.push(...sendStatements(targets));
	return {Version: '2012-10-17', Statement: statements};
}

/** Sending to destinations (ARNs filled): one statement per kind of target; `sidPrefix` keeps Sids apart when a resource asks for its own. */
export function sendStatements(targets: readonly string[], sidPrefix = ''): Statement[] {
	return sendTo.flatMap(send => {
		const resources = unique(targets.filter(arn => serviceOf(arn) === send.service).map(send.resource));
		return resources.length > 0 ? [{Sid: `${sidPrefix}${send.sid}`, Effect: 'Allow' as const, Action: [send.action], Resource: resources}] : [];
	});
}

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat().sort());

/**
 * One text per meaning: IAM keeps a document as it was given, so order of
 * actions, resources and statements, and "x" versus ["x"], must not count as a change.
 */
export function canonicalPolicy(document: string | PolicyDocument): string {
	const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as {Version?: string; Statement?: unknown};
	const statements = [parsed.Statement ?? []].flat() as Array<Record<string, unknown>>;
	const canonical = statements.map(statement => {
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(statement).sort()) {
			const value = statement[key];
			sorted[key] = key === 'Action' || key === 'Resource' || key === 'NotAction' || key === 'NotResource'
				? asList(value as string | string[])
				: value;
		}

		return JSON.stringify(sorted);
	});
	return JSON.stringify({Version: parsed.Version, Statement: canonical.sort()});
}

export function samePolicy(a: string | PolicyDocument, b: string | PolicyDocument): boolean {
	try {
		return canonicalPolicy(a) === canonicalPolicy(b);
	} catch {
		// A document that does not parse is not ours: replace it.
		return false;
	}
}
