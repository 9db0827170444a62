// The IAM adapter: the execution role deploy manages. IAM is global, so one
// client serves every region.
import {
	CreateRoleCommand,
	GetRoleCommand,
	GetRolePolicyCommand,
	IAMClient,
	ListAttachedRolePoliciesCommand,
	ListRolePoliciesCommand,
	NoSuchEntityException,
	PutRolePolicyCommand,
	UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {roleDescription, roleTag} from '../plan/aws-cli.js';
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
			type Role = {Arn?: string; AssumeRolePolicyDocument?: string; Description?: string; Tags?: Array<{Key?: string; Value?: string}>};
			const found = await orUndefined(call<{Role?: Role}>(new GetRoleCommand({RoleName: roleName}), signal));
			if (found?.Role === undefined) {
				return undefined;
			}

			type Page = {IsTruncated?: boolean; Marker?: string};
			const pages = async <T extends Page>(command: (marker?: string) => unknown) => {
				const all: T[] = [];
				let marker: string | undefined;
				do {
					const page = await call<T>(command(marker), signal);
					all.push(page);
					marker = page.IsTruncated ? page.Marker : undefined;
				} while (marker);
				return all;
			};

			const [policy, inline, attached] = await Promise.all([
				orUndefined(call<{PolicyDocument?: string}>(new GetRolePolicyCommand({RoleName: roleName, PolicyName: policyName}), signal)),
				pages<Page & {PolicyNames?: string[]}>(marker => new ListRolePoliciesCommand({RoleName: roleName, Marker: marker})),
				pages<Page & {AttachedPolicies?: Array<{PolicyName?: string}>}>(marker => new ListAttachedRolePoliciesCommand({RoleName: roleName, Marker: marker})),
			]);
			const {Role: role} = found;
			return {
				arn: role.Arn ?? '',
				trustPolicy: decode(role.AssumeRolePolicyDocument ?? '{}'),
				policy: policy?.PolicyDocument === undefined ? undefined : decode(policy.PolicyDocument),
				description: role.Description,
				tags: Object.fromEntries((role.Tags ?? []).map(tag => [tag.Key ?? '', tag.Value ?? ''])),
				otherPolicies: [
					...attached.flatMap(page => page.AttachedPolicies ?? []).map(attachedPolicy => attachedPolicy.PolicyName ?? '?'),
					...inline.flatMap(page => page.PolicyNames ?? []).filter(name => name !== policyName).map(name => `${name} (inline)`),
				],
			};
		},

		async createRole(role, signal) {
			await call(new CreateRoleCommand({
				RoleName: role.name,
				AssumeRolePolicyDocument: JSON.stringify(role.trustPolicy),
				Description: roleDescription,
				Tags: [{Key: roleTag.key, Value: roleTag.value}],
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
