// What a failed registry login says to do: deploy's own --registry on the line to
// run again, never a by-hand `login --password-stdin` that waits for a password.
import {describe, expect, it} from 'vitest';
import {deployOptions, flagWords} from '../source/cli/options.js';
import {RegistryLoginError, type LoginFailure} from '../source/deploy/image.js';
import {shellLine} from '../source/shell-words.js';

const self = 'npx rust-lambda-wizard';
const rerunWith = (registry: string) => `${self} deploy --endpoint-url http://localhost:4566 --yes --registry ${registry}`;
const failure = (facts: Partial<LoginFailure>): LoginFailure => ({
	tool: 'podman',
	host: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
	insecure: false,
	fromFlag: false,
	region: 'us-east-1',
	reason: 'Error: authenticating creds for "…": pinging container registry …: dial tcp: lookup …: no such host',
	...facts,
});

/** A by-hand login whose password would come from the terminal: the person would wait on a prompt that never says so. */
const waitsOnStdin = (hint: string) => /(^|[^|] )(podman|docker) login [^|]*--password-stdin/.test(hint) && !hint.includes('get-login-password |');

describe('a failed registry login', () => {
	it('against an emulator\'s own registry (LocalStack): --registry http://<its host>, on the whole command line', () => {
		const error = new RegistryLoginError(failure({host: 'localhost.localstack.cloud:4566', reason: 'Error: … Get "https://localhost.localstack.cloud:4566/v2/": http: server gave HTTP response to HTTPS client'}))
			.explained({endpointUrl: 'http://localhost:4566', rerunWith});
		expect(error.message).toBe('podman could not log in to localhost.localstack.cloud:4566: Error: … Get "https://localhost.localstack.cloud:4566/v2/": http: server gave HTTP response to HTTPS client');
		expect(error.hint).toBe('localhost.localstack.cloud:4566 is not ECR\'s own host but an emulator\'s registry, and it speaks plain HTTP: push to it with --registry http://localhost.localstack.cloud:4566 (no TLS): '
			+ 'npx rust-lambda-wizard deploy --endpoint-url http://localhost:4566 --yes --registry http://localhost.localstack.cloud:4566');
		expect(waitsOnStdin(error.hint!)).toBe(false);
	});

	it('against an emulator that names ECR\'s real host (moto): a registry beside it, with --registry', () => {
		const error = new RegistryLoginError(failure({})).explained({endpointUrl: 'http://127.0.0.1:5000', rerunWith});
		expect(error.hint).toContain('The emulator at http://127.0.0.1:5000 names ECR\'s real host, where it runs no registry');
		expect(error.hint).toMatch(/: npx rust-lambda-wizard deploy --endpoint-url http:\/\/localhost:4566 --yes --registry http:\/\/127\.0\.0\.1:5001$/);
		expect(waitsOnStdin(error.hint!)).toBe(false);
	});

	it('at a --registry given without http:// that speaks plain HTTP: the same host with http://', () => {
		const error = new RegistryLoginError(failure({host: '127.0.0.1:5001', fromFlag: true, reason: 'Error: … http: server gave HTTP response to HTTPS client'})).explained({endpointUrl: 'http://127.0.0.1:5000', rerunWith});
		expect(error.hint).toBe('127.0.0.1:5001 speaks plain HTTP: give it as --registry http://127.0.0.1:5001: npx rust-lambda-wizard deploy --endpoint-url http://localhost:4566 --yes --registry http://127.0.0.1:5001');
	});

	it('at a --registry where nothing answers: check it, and the line to run again', () => {
		const error = new RegistryLoginError(failure({host: '127.0.0.1:5001', fromFlag: true, insecure: true, reason: 'Error: … connect: connection refused'})).explained({rerunWith});
		expect(error.hint).toBe('Check that a registry answers at http://127.0.0.1:5001 (curl http://127.0.0.1:5001/v2/), or point --registry at one that does, then run again: '
			+ 'npx rust-lambda-wizard deploy --endpoint-url http://localhost:4566 --yes --registry http://127.0.0.1:5001');
		expect(waitsOnStdin(error.hint!)).toBe(false);
	});

	it('at ECR itself: a login to try that gets its password piped from aws, not typed', () => {
		const error = new RegistryLoginError(failure({tool: 'docker'})).explained({awsArgs: ['--profile', 'prod'], rerunWith});
		expect(error.hint).toBe('Check that docker reaches 123456789012.dkr.ecr.us-east-1.amazonaws.com and that the credentials may call ecr:GetAuthorizationToken; to try the login alone: '
			+ 'aws ecr get-login-password --region us-east-1 --profile prod | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com');
		expect(error.hint).not.toContain('--registry');
		expect(waitsOnStdin(error.hint!)).toBe(false);
	});

	it('before deploy adds its command line, still names the flag and its value', () => {
		expect(new RegistryLoginError(failure({host: '127.0.0.1:4510'})).hint).toMatch(/push to it with --registry http:\/\/127\.0\.0\.1:4510 \(no TLS\)$/);
		expect(new RegistryLoginError(failure({})).explained({endpointUrl: 'http://127.0.0.1:5000'}).hint).toMatch(/with --registry http:\/\/127\.0\.0\.1:5001$/);
	});

	it('gives back the flags deploy was run with, as typed (repeated, negated, quoted), with the --registry it proposes', () => {
		const flags = {'region': ['us-east-1', 'eu-west-1'], 'endpoint-url': 'http://127.0.0.1:5000', 'yes': true, 'rollout': false, 'zip': 'my build/bootstrap.zip', 'registry': '127.0.0.1:5001'};
		expect(shellLine(['deploy', ...flagWords(deployOptions, {...flags, registry: 'http://127.0.0.1:5001'})]))
			.toBe('deploy --region us-east-1 --region eu-west-1 --endpoint-url http://127.0.0.1:5000 --yes --zip \'my build/bootstrap.zip\' --registry http://127.0.0.1:5001 --no-rollout');
	});
});
