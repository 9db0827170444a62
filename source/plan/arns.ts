// ARNs deploy builds itself (the role it manages, the log group, the alias a
// mapping points at): the partition follows the region.

export function partitionOf(region: string): string {
	if (region.startsWith('cn-')) {
		return 'aws-cn';
	}

	if (region.startsWith('us-gov-')) {
		return 'aws-us-gov';
	}

	return 'aws';
}

export const roleArn = (region: string, account: string, roleName: string) =>
	`arn:${partitionOf(region)}:iam::${account}:role/${roleName}`;

/** The function's own log group, with the `:*` that covers its log streams. */
export const logGroupArn = (region: string, account: string, functionName: string) =>
	`arn:${partitionOf(region)}:logs:${region}:${account}:log-group:/aws/lambda/${functionName}:*`;

export const aliasArn = (region: string, account: string, functionName: string, alias: string) =>
	`arn:${partitionOf(region)}:lambda:${region}:${account}:function:${functionName}:${alias}`;

/** The service an ARN belongs to: arn:aws:sqs:… is "sqs". */
export const serviceOf = (arn: string) => arn.split(':')[2] ?? '';
