// Creates SQS queues in moto through SQS's query API (the SQS client is not a
// dependency). moto takes the region from the signature's credential scope and
// does not check the signature itself.
export async function createQueue(endpoint: string, region: string, name: string, attributes: Record<string, string> = {}): Promise<string> {
	const attributeParameters = Object.entries(attributes).flatMap(([key, value], index): Array<[string, string]> => [[`Attribute.${index + 1}.Name`, key], [`Attribute.${index + 1}.Value`, value]]);
	const response = await fetch(endpoint, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Authorization: `AWS4-HMAC-SHA256 Credential=testing/20240101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=0`,
		},
		body: new URLSearchParams([['Action', 'CreateQueue'], ['QueueName', name], ['Version', '2012-11-05'], ...attributeParameters] as Array<[string, string]>),
	});
	if (!response.ok) {
		throw new Error(`CreateQueue ${name} in ${region}: HTTP ${response.status} ${await response.text()}`);
	}

	return `arn:aws:sqs:${region}:123456789012:${name}`;
}
