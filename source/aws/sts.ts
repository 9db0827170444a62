// The STS adapter: which account the credentials belong to (for {account} in ARNs, and doctor).
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {clientConfig, type AwsOptions} from './options.js';

export async function accountId(region: string, options: AwsOptions, signal?: AbortSignal): Promise<string> {
	const client = new STSClient(clientConfig(region, options));
	const identity = await client.send(new GetCallerIdentityCommand({}), signal ? {abortSignal: signal} : {});
	return identity.Account!;
}

export interface CallerIdentity {
	account: string;
	arn: string;
}

/** Who the credentials belong to: proves they exist and AWS accepts them. */
export async function callerIdentity(region: string, options: AwsOptions, signal?: AbortSignal): Promise<CallerIdentity> {
	const client = new STSClient(clientConfig(region, options));
	const identity = await client.send(new GetCallerIdentityCommand({}), signal ? {abortSignal: signal} : {});
	return {account: identity.Account ?? '', arn: identity.Arn ?? ''};
}
