// SDK clients pointed at the test's moto server, and the IAM role a function needs.
import {CreateRoleCommand, IAMClient} from '@aws-sdk/client-iam';
import type {Moto} from './moto.js';

export const clientOptions = (moto: Moto, region = 'us-east-1') => ({
	region,
	endpoint: moto.url,
	credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'},
});

const trust = JSON.stringify({
	Version: '2012-10-17',
	Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}],
});

/** Creates a role Lambda can assume; returns its ARN. */
export async function createRole(moto: Moto, name: string): Promise<string> {
	const role = await new IAMClient(clientOptions(moto)).send(new CreateRoleCommand({RoleName: name, AssumeRolePolicyDocument: trust}));
	return role.Role!.Arn!;
}
