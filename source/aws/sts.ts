// The STS adapter for doctor: who the credentials belong to (deploy asks STS through its sender).
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {clientConfig, type AwsOptions} from './options.js';

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
