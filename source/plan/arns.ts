// ARNs deploy builds itself (the role it manages, the log group, the alias a
// mapping points at): the partition follows the region.

/** AWS's partitions: which regions each holds (by the region name's prefix) and its DNS suffix. */
const partitions: ReadonlyArray<{prefix: RegExp; name: string; dnsSuffix: string}> = [
	{prefix: /^cn-/, name: 'aws-cn', dnsSuffix: 'amazonaws.com.cn'},
	{prefix: /^us-gov-/, name: 'aws-us-gov', dnsSuffix: 'amazonaws.com'},
	{prefix: /^us-iso-/, name: 'aws-iso', dnsSuffix: 'c2s.ic.gov'},
	{prefix: /^us-isob-/, name: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov'},
	{prefix: /^eu-isoe-/, name: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk'},
	{prefix: /^us-isof-/, name: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov'},
];

const commercial = {name: 'aws', dnsSuffix: 'amazonaws.com'};

const partitionRow = (region: string) => partitions.find(row => row.prefix.test(region)) ?? commercial;

/** The partition a region is in: the first part of every ARN there. */
export const partitionOf = (region: string): string => partitionRow(region).name;

/** The domain AWS's endpoints of a region end in (amazonaws.com, amazonaws.com.cn, c2s.ic.gov, …). */
export const dnsSuffixOf = (region: string): string => partitionRow(region).dnsSuffix;

export const roleArn = (region: string, account: string, roleName: string) =>
	`arn:${partitionOf(region)}:iam::${account}:role/${roleName}`;

/** The function's own log group, with the `:*` that covers its log streams. */
export const logGroupArn = (region: string, account: string, functionName: string) =>
	`arn:${partitionOf(region)}:logs:${region}:${account}:log-group:/aws/lambda/${functionName}:*`;

export const aliasArn = (region: string, account: string, functionName: string, alias: string) =>
	`arn:${partitionOf(region)}:lambda:${region}:${account}:function:${functionName}:${alias}`;

/** The service an ARN belongs to: arn:aws:sqs:… is "sqs". */
export const serviceOf = (arn: string) => arn.split(':')[2] ?? '';
