// In-memory ECR and container tool for the task tier: they record calls (and,
// apart, what went to a login's standard input), so a test can see the order of
// the image steps and that the password never was an argument.
import type {ContainerTool} from '../../source/tools/container.js';
import type {FakeService} from './fake-lambda.js';

export const fakePassword = 'ecr-password-not-an-argument';

export function fakeEcr(options: {exists?: boolean; journal?: string[]; failOn?: string} = {}) {
	const calls: string[] = [];
	let exists = options.exists ?? false;
	const uri = (name: string) => `111122223333.dkr.ecr.us-east-1.amazonaws.com/${name}`;
	const record = (call: string) => {
		if (options.failOn && call.startsWith(options.failOn)) {
			throw Object.assign(new Error(`User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ecr:${options.failOn}`), {name: 'AccessDeniedException'});
		}

		calls.push(call);
		options.journal?.push(call);
	};

	const api: FakeService = async request => {
		const input = request.input as {repositoryName?: string; repositoryNames?: string[]};
		const name = input.repositoryName ?? input.repositoryNames?.[0] ?? '';
		switch (request.operation) {
			case 'DescribeRepositories': {
				record(`DescribeRepositories ${name}`);
				if (!exists) {
					throw Object.assign(new Error(`The repository with name '${name}' does not exist`), {name: 'RepositoryNotFoundException'});
				}

				return {repositories: [{repositoryUri: uri(name)}]};
			}

			case 'CreateRepository': {
				record(`CreateRepository ${name}`);
				exists = true;
				return {repository: {repositoryUri: uri(name)}};
			}

			case 'GetAuthorizationToken': {
				record('GetAuthorizationToken');
				return {authorizationData: [{authorizationToken: Buffer.from(`AWS:${fakePassword}`).toString('base64'), proxyEndpoint: 'https://111122223333.dkr.ecr.us-east-1.amazonaws.com'}]};
			}

			default: {
				throw new Error(`test: fake ECR has no ${request.operation}`);
			}
		}
	};
	return {api, calls};
}

export function fakeContainer(options: {digest?: string; journal?: string[]} = {}) {
	const calls: string[] = [];
	const stdin: string[] = [];
	const record = (call: string) => {
		calls.push(call);
		options.journal?.push(call);
	};

	const api: ContainerTool = {
		name: 'podman',
		async build() {
			record('build');
		},
		imageSize: async () => 1,
		imageExists: async () => true,
		imageFacts: async () => ({id: `sha256:${'1'.repeat(64)}`, architecture: 'arm64'}),
		async tag(source, target) {
			record(`tag ${source} ${target}`);
		},
		async push(reference, pushOptions) {
			record(`push ${reference}${pushOptions.insecure ? ' (plain HTTP)' : ''}`);
			pushOptions.onLine?.('Writing manifest to image destination');
			return options.digest ?? `sha256:${'d'.repeat(64)}`;
		},
		async login(registry, credentials) {
			record(`login ${registry} --username ${credentials.username}${credentials.insecure ? ' (plain HTTP)' : ''}`);
			stdin.push(credentials.password);
		},
	};
	return {api, calls, stdin};
}
