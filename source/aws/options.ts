// How to reach AWS: shared by every client. Unset fields fall back to the SDK's
// own environment (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, shared config files).
export interface AwsOptions {
	endpointUrl?: string | undefined;
	profile?: string | undefined;
}

export function clientConfig(region: string | undefined, options: AwsOptions) {
	return {
		...(region ? {region} : {}),
		...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
		...(options.profile ? {profile: options.profile} : {}),
		maxAttempts: 5,
	};
}
