// The IAM adapter: the execution role deploy manages. IAM is global, so one
// client serves every region.
import {
	CreateRoleCommand,
	GetRoleCommand,
	GetRolePolicyCommand,
	IAMClient,
	NoSuchEntityException,
	PutRolePolicyCommand,
	UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {roleDescription} from '../plan/aws-cli.js';
import type {DesiredRole, ObservedRole} from '../plan/types.js';
import {clientConfig, type AwsOptions} from './options.js';

export interface IamApi {
	observeRole(roleName: string, policyName: string, signal?: AbortSignal): Promise<ObservedRole | undefined>;
	createRole(role: DesiredRole, signal?: AbortSignal): Promise<void>;
	updateTrustPolicy(role: DesiredRole, signal?: AbortSignal): Promise<void>;
	putRolePolicy(role: DesiredRole, signal?: AbortSignal): Promise<void>;
}

/** `region` only picks the partition's endpoint (aws, aws-cn, aws-us-gov). */
export function iamApi(region: string, options: AwsOptions): IamApi {
	const client = new IAMClient(clientConfig(region, options));
	const send = client.send.bind(client) as (command: unknown, options?: {abortSignal?: AbortSignal}) => Promise<any>;
	const call = <T>(command: unknown, signal?: AbortSignal): Promise<T> => send(command, signal ? {abortSignal: signal} : {});

	return {
		async observeRole(roleName, policyName, signal) {
			const found = await orUndefined(call<{Role?: {Arn?: string; AssumeRolePolicyDocument?: string}}>(new GetRoleCommand({RoleName: roleName}), signal));
			if (found?.Role === undefined) {
				return undefined;
			}

			const policy = await orUndefined(call<{PolicyDocument?: string}>(new GetRolePolicyCommand({RoleName: roleName, PolicyName: policyName}), signal));
			return {
				arn: found.Role.Arn ?? '',
				trustPolicy: decode(found.Role.AssumeRolePolicyDocument ?? '{}'),
				policy: policy?.PolicyDocument === undefined ? undefined : decode(policy.PolicyDocument),
			};
		},

		async createRole(role, signal) {
			await call(new CreateRoleCommand({
				RoleName: role.name,
				AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
				Description: roleDescription,
			}), signal);
		},

		async updateTrustPolicy(role, signal) {
			await call(new UpdateAssumeRolePolicyCommand({RoleName: role.name, PolicyDocument: JSON.stringify(role.trustPolicy)}), signal);
		},

		async putRolePolicy(role, signal) {
			await call(new PutRolePolicyCommand({RoleName: role.name, PolicyName: role.policyName, PolicyDocument: JSON.stringify(role.policy)}), signal);
		},
	};
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
function decode(document: string): string {
	return document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
}

async function orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof NoSuchEntityException) {
			return undefined;
		}

		throw error;
	}
}
