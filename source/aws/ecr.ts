// The ECR adapter: the repository an image function's image goes to, and the
// registry password. The password stays in memory: callers hand it to a
// login on standard input, never to a command line or a log.
import {
	CreateRepositoryCommand,
	DescribeRepositoriesCommand,
	ECRClient,
	GetAuthorizationTokenCommand,
	RepositoryAlreadyExistsException,
	RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import {RunError} from '../errors.js';
import {clientConfig, type AwsOptions} from './options.js';

export interface RegistryLogin {
	username: string;
	password: string;
	/** The registry's host (proxyEndpoint without its scheme). */
	host: string;
}

export interface EcrApi {
	/** The repository's URI (host/name), or undefined when it does not exist. */
	repositoryUri(name: string, signal?: AbortSignal): Promise<string | undefined>;
	/** Creates it (keeping one made meanwhile) and returns its URI. */
	createRepository(name: string, signal?: AbortSignal): Promise<string>;
	login(signal?: AbortSignal): Promise<RegistryLogin>;
}

export function ecrApi(region: string, options: AwsOptions): EcrApi {
	const client = new ECRClient(clientConfig(region, options));
	const send = client.send.bind(client) as (command: unknown, options?: {abortSignal?: AbortSignal}) => Promise<any>;
	const call = <T>(command: unknown, signal?: AbortSignal): Promise<T> => send(command, signal ? {abortSignal: signal} : {});
	const describe = async (name: string, signal?: AbortSignal) => {
		try {
			const found = await call<{repositories?: Array<{repositoryUri?: string}>}>(new DescribeRepositoriesCommand({repositoryNames: [name]}), signal);
			return found.repositories?.[0]?.repositoryUri;
		} catch (error) {
			if (error instanceof RepositoryNotFoundException) {
				return undefined;
			}

			throw error;
		}
	};

	return {
		repositoryUri: describe,

		async createRepository(name, signal) {
			try {
				const created = await call<{repository?: {repositoryUri?: string}}>(new CreateRepositoryCommand({repositoryName: name}), signal);
				if (created.repository?.repositoryUri) {
					return created.repository.repositoryUri;
				}
			} catch (error) {
				if (!(error instanceof RepositoryAlreadyExistsException)) {
					throw error;
				}
			}

			const uri = await describe(name, signal);
			if (uri === undefined) {
				throw new RunError(`ECR did not return the URI of repository ${name} (${region}).`);
			}

			return uri;
		},

		async login(signal) {
			const answer = await call<{authorizationData?: Array<{authorizationToken?: string; proxyEndpoint?: string}>}>(new GetAuthorizationTokenCommand({}), signal);
			const data = answer.authorizationData?.[0];
			// The token is base64 of "AWS:<password>".
			const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0 || !data?.proxyEndpoint) {
				throw new RunError(`ECR returned no usable authorization token (${region}).`, 'Check that the credentials may call ecr:GetAuthorizationToken.');
			}

			return {username: decoded.slice(0, colon), password: decoded.slice(colon + 1), host: data.proxyEndpoint.replace(/^https?:\/\//, '').replace(/\/$/, '')};
		},
	};
}
