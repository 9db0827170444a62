// The starting point of the roll-out tests: function orders with published
// versions in moto, the config's [rollout], and the alias as moto has it.
import {CreateAliasCommand, CreateFunctionCommand, GetAliasCommand, LambdaClient, PublishVersionCommand, UpdateFunctionCodeCommand} from '@aws-sdk/client-lambda';
import {zipEntries} from '../../source/tools/zip.js';
import {clientOptions, createRole} from './aws.js';
import type {Moto} from './moto.js';

const zip = (text: string) => zipEntries([{name: 'bootstrap', data: Buffer.from(text), mode: 0o755}]);

/** A project config for orders, with the given [rollout] lines. */
export const rolloutConfig = (rollout: string) => `
[project]
name = "orders"

[function]
role = "arn:aws:iam::{account}:role/orders-role"

[deploy]
regions = ["us-east-1"]
alias = "live"

[rollout]
${rollout}
`;

/** Function orders with versions 1…count published (each of other code), and alias live on `aliasOn` when given. */
export async function publishedVersions(moto: Moto, count: number, aliasOn?: string): Promise<void> {
	const lambda = new LambdaClient(clientOptions(moto));
	const role = await createRole(moto, 'orders-role');
	await lambda.send(new CreateFunctionCommand({FunctionName: 'orders', Runtime: 'provided.al2023', Handler: 'bootstrap', Role: role, Code: {ZipFile: zip('v1')}}));
	await lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
	for (let version = 2; version <= count; version++) {
		await lambda.send(new UpdateFunctionCodeCommand({FunctionName: 'orders', ZipFile: zip(`v${version}`)}));
		await lambda.send(new PublishVersionCommand({FunctionName: 'orders'}));
	}

	if (aliasOn !== undefined) {
		await lambda.send(new CreateAliasCommand({FunctionName: 'orders', Name: 'live', FunctionVersion: aliasOn}));
	}
}

/** Alias live as moto has it: its version and routing weights; undefined when it does not exist. */
export async function aliasState(moto: Moto): Promise<{version: string | undefined; weights: Record<string, number>} | undefined> {
	try {
		const found = await new LambdaClient(clientOptions(moto)).send(new GetAliasCommand({FunctionName: 'orders', Name: 'live'}));
		return {version: found.FunctionVersion, weights: found.RoutingConfig?.AdditionalVersionWeights ?? {}};
	} catch (error) {
		if ((error as Error).name === 'ResourceNotFoundException') {
			return undefined;
		}

		throw error;
	}
}
