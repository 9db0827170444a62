// SDK and network failures, said as what happened and what to do.
import {InterruptedError, isKnownError, RunError, type KnownError} from '../errors.js';
import {knownRegions, limits} from '../spec/limits.js';
import {closest, didYouMean} from '../spec/suggest.js';

interface SdkLikeError {
	name?: string;
	message?: string;
	code?: string;
	$metadata?: {httpStatusCode?: number};
}

export interface ErrorContext {
	region?: string | undefined;
	endpointUrl?: string | undefined;
	/** Where the region came from, for the fix: "--region", "deploy.regions in r.toml", … */
	regionSource?: string | undefined;
}

/** " (is region us-eest-1 right? did you mean us-east-1?)" for a region this tool does not know; "" otherwise. */
function regionDoubt(region: string | undefined): string {
	if (region === undefined || knownRegions.includes(region)) {
		return '';
	}

	const match = closest(region, knownRegions);
	return ` (is region ${region} right?${match ? ` did you mean ${match}?` : ''})`;
}

export function explainAwsError(error: unknown, context: ErrorContext): KnownError {
	if (isKnownError(error)) {
		return error;
	}

	const failure = (error ?? {}) as SdkLikeError;
	const name = failure.name ?? '';
	const message = failure.message ?? String(error);
	const where = context.region ? ` (${context.region})` : '';
	const fixRegion = `Fix ${context.regionSource ?? 'the region (deploy.regions, --region or AWS_REGION)'}; regions look like us-east-1 or eu-west-1.`;

	if (name === 'AbortError' || (error instanceof Error && error.name === 'AbortError')) {
		return new InterruptedError();
	}

	if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
		return new RunError('No AWS credentials were found.', 'Set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws configure` / `aws sso login`.');
	}

	if (['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'ExpiredTokenException'].includes(name)) {
		return new RunError(`AWS refused the credentials${where}: ${message}`, 'Check AWS_PROFILE / --profile, refresh an SSO session with `aws sso login`, or renew the keys.');
	}

	if (name === 'AccessDeniedException' || name === 'AccessDenied') {
		const action = /not authorized to perform: ([\w:*-]+)/.exec(message)?.[1];
		const managedRole = action?.startsWith('iam:') ? ' Or set function.role to an existing role, so that deploy does not manage one.' : '';
		return new RunError(
			`Access denied${where}${action ? `: the credentials lack ${action}` : `: ${message}`}`,
			action ? `Allow ${action} for these credentials (IAM policy), or use a profile that has it.${managedRole}` : 'Use credentials allowed to manage Lambda in this account.',
		);
	}

	// Lambda checks the execution role when a destination, DLQ, VPC or queue is set.
	const roleLacks = /execution role does not have permissions to call (\w+) on (\w+)/i.exec(message);
	if (roleLacks) {
		const permission = `${roleLacks[2]!.toLowerCase()}:${roleLacks[1]}`;
		return new RunError(
			`The function's execution role lacks ${permission}${where}.`,
			`Allow ${permission} on that resource in the role's policy, or leave function.role unset so that deploy manages a role with exactly what the config needs.`,
		);
	}

	if (/UnreservedConcurrentExecution below its minimum/i.test(message)) {
		// Lambda names the account's own floor ("minimum value of [10]" on a low-quota account).
		const floor = /minimum value of \[(\d+)\]/i.exec(message)?.[1] ?? String(limits.unreservedConcurrencyFloor);
		return new RunError(
			`Lambda refused the reserved concurrency${where}: at least ${floor} concurrent executions must stay unreserved in the account.`,
			'Lower function.reserved_concurrency (or remove it), or ask AWS for a higher concurrency quota.',
		);
	}

	if (name === 'ResourceConflictException' && /already exists?\b/i.test(message)) {
		return new RunError(`It already exists${where}: ${message}`, 'Run the command again: deploy reads what is there and adopts it.');
	}

	if (name === 'ResourceConflictException' || name === 'ResourceInUseException') {
		return new RunError(`The function was still being changed${where}: ${message}`, 'Wait a minute and run the command again.');
	}

	if (['TooManyRequestsException', 'ThrottlingException'].includes(name)) {
		return new RunError(`AWS throttled the requests${where}: ${message}`, 'Run the command again in a minute, or deploy to fewer regions at once.');
	}

	if (['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT'].includes(failure.code ?? '') || /getaddrinfo|ECONNREFUSED/.test(message)) {
		const region = context.region;
		if (!context.endpointUrl && region !== undefined && !knownRegions.includes(region)) {
			return new RunError(
				`There is no AWS endpoint for region ${region}: it is not a region this tool knows${didYouMean(region, knownRegions)}.`,
				fixRegion,
			);
		}

		const target = context.endpointUrl ?? `the AWS endpoint for region ${region ?? '(none)'}`;
		return new RunError(`Cannot reach ${target}: ${message}`, context.endpointUrl
			? 'Check that the endpoint is running and the URL (--endpoint-url / AWS_ENDPOINT_URL) is right.'
			: 'Check the region name and the network connection.');
	}

	// An answer that is not the API's (an HTML page, a proxy's error): the SDK fails to parse it.
	if (name === 'SyntaxError' || /Deserialization error/i.test(message)) {
		const doubt = regionDoubt(context.region);
		const endpoint = context.endpointUrl ?? `The AWS endpoint for region ${context.region ?? '(none)'}`;
		return new RunError(
			`${endpoint} did not answer like the AWS API${doubt || (context.endpointUrl ? where : '')}.`,
			doubt ? fixRegion : context.endpointUrl
				? 'Check that --endpoint-url (or AWS_ENDPOINT_URL) is an AWS API or an emulator of it (LocalStack, moto), and that it serves this region.'
				: 'Check the network: a proxy or captive portal may be answering instead of AWS.',
		);
	}

	if (/role defined for the function cannot be assumed/i.test(message)) {
		return new RunError(`Lambda cannot assume the function's role${where}.`, 'Check that function.role exists and its trust policy allows lambda.amazonaws.com; a role created seconds ago may need a moment, so run again.');
	}

	// S3 checks every destination of a bucket's notifications, everyone else's too, on each write.
	if (name === 'InvalidArgument' && /Unable to validate the following destination configurations/i.test(message)) {
		const said = Object.entries(error as Record<string, unknown>).filter(([key]) => /^ArgumentValue\d*$/.test(key)).map(([, value]) => String(value));
		return new RunError(
			`S3 could not validate a destination of the bucket's notifications${where}${said.length > 0 ? `: ${said.join('; ')}` : ''}.`,
			'S3 checks every destination on the bucket when its notifications are written, not only ours: if one of the other notifications points at a function, queue or topic that is gone or no longer lets S3 send to it, fix or remove that notification; then run deploy again.',
		);
	}

	// PublishVersion guarded by the CodeSha256 this run read: the code changed since (another deploy).
	if (name === 'InvalidParameterValueException' && /is different from current CodeSHA256/i.test(message)) {
		return new RunError(
			`The function's code changed after this run read it${where}, so Lambda published no version there: ${message}`,
			'Someone (another deploy?) changed $LATEST meanwhile. Check what it holds now, then run again: a new run publishes the code it finds then.',
		);
	}

	if (name === 'InvalidParameterValueException' || name === 'ValidationException') {
		return new RunError(`AWS rejected a value${where}: ${message}`, 'Fix the value in rust-lambda.toml (or the flag) and run again.');
	}

	return new RunError(`${name || 'AWS error'}${where}: ${message}`);
}
