// The region the SDK picks on its own, for commands given none.
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
