// What the SDK finds on its own: the region for commands given none, and whether there are credentials.
import {LambdaClient} from '@aws-sdk/client-lambda';
import {clientConfig, type AwsOptions} from './options.js';

/** The region the SDK would use on its own (AWS_REGION, the profile's region), if any. */
export async function defaultRegion(options: AwsOptions): Promise<string | undefined> {
	try {
		return await new LambdaClient(clientConfig(undefined, options)).config.region();
	} catch {
		return undefined;
	}
}

/** Whether the SDK finds credentials (environment, profile, SSO, …) without calling AWS for anything else. */
export async function hasCredentials(options: AwsOptions): Promise<boolean> {
	try {
		await new LambdaClient(clientConfig('us-east-1', options)).config.credentials();
		return true;
	} catch {
		return false;
	}
}
