// The container-tool adapter: docker or podman, whichever the machine has. Both
// take the same words for what we do (build, inspect, tag, push, login).
import {RunError} from '../errors.js';
import {tools} from '../plan/requirements.js';
import {firstLine} from './cargo.js';
import {probe, runStreaming} from './process.js';

export type ContainerToolName = 'docker' | 'podman';

export interface ContainerFacts {
	/** docker's client version line, and its engine's version when the engine answers. */
	docker?: {client: string; engine?: string | undefined} | undefined;
	podman?: string | undefined;
}

export interface StreamOptions {
	onLine?: (line: string) => void;
	signal?: AbortSignal | undefined;
}

export interface ContainerTool {
	readonly name: ContainerToolName;
	build(args: readonly string[], cwd: string, options: StreamOptions): Promise<void>;
	/** The image's size in bytes as the local store reports it. */
	imageSize(reference: string, signal?: AbortSignal): Promise<number>;
	imageExists(reference: string, signal?: AbortSignal): Promise<boolean>;
	tag(source: string, target: string, signal?: AbortSignal): Promise<void>;
	push(reference: string, options: StreamOptions & {insecure?: boolean}): Promise<void>;
	/** Logs in to a registry; the password goes on standard input, never on the command line. */
	login(registry: string, credentials: {username: string; password: string; insecure?: boolean}, signal?: AbortSignal): Promise<void>;
}

export async function containerFacts(env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ContainerFacts> {
	const options = {env, signal, timeoutMs: 10_000};
	const [dockerClient, dockerEngine, podman] = await Promise.all([
		probe('docker', ['--version'], options),
		probe('docker', ['version', '--format', '{{.Server.Version}}'], options),
		probe('podman', ['--version'], options),
	]);
	return {
		docker: dockerClient.ok ? {client: firstLine(dockerClient.stdout), engine: dockerEngine.ok && dockerEngine.stdout ? firstLine(dockerEngine.stdout) : undefined} : undefined,
		podman: podman.ok ? firstLine(podman.stdout) : undefined,
	};
}

/** docker when its engine answers, else podman (which needs no engine). */
export function chooseContainerTool(facts: ContainerFacts): ContainerToolName | undefined {
	if (facts.docker?.engine) {
		return 'docker';
	}

	return facts.podman ? 'podman' : undefined;
}

export function noContainerTool(facts: ContainerFacts): RunError {
	const docker = facts.docker ? `docker is installed but its engine does not answer (${facts.docker.client})` : 'docker is not installed';
	return new RunError(`No container tool to build the image: ${docker}, and podman is not installed.`, tools.container.fix);
}

export function containerTool(name: ContainerToolName, env: NodeJS.ProcessEnv): ContainerTool {
	const run = (args: readonly string[], options: StreamOptions & {cwd?: string; input?: string}) =>
		runStreaming({file: name, args, cwd: options.cwd ?? process.cwd()}, {env, signal: options.signal, onLine: options.onLine, input: options.input});
	// podman asks per command to skip TLS for a plain-HTTP registry; docker reads it from the engine's config.
	const insecure = (yes: boolean | undefined) => (yes && name === 'podman' ? ['--tls-verify=false'] : []);

	return {
		name,
		async build(args, cwd, options) {
			await run(args, {...options, cwd});
		},

		async imageSize(reference, signal) {
			const answer = await probe(name, ['image', 'inspect', '--format', '{{.Size}}', reference], {env, signal});
			const size = Number(answer.stdout);
			if (!answer.ok || !Number.isFinite(size)) {
				throw new RunError(`${name} cannot inspect image ${reference}: ${answer.stderr || answer.stdout}`);
			}

			return size;
		},

		async imageExists(reference, signal) {
			return (await probe(name, ['image', 'inspect', '--format', '{{.Id}}', reference], {env, signal})).ok;
		},

		async tag(source, target, signal) {
			await run(['tag', source, target], {signal});
		},

		async push(reference, options) {
			await run(['push', ...insecure(options.insecure), reference], options);
		},

		async login(registry, credentials, signal) {
			await run(['login', '--username', credentials.username, '--password-stdin', ...insecure(credentials.insecure), registry], {signal, input: credentials.password});
		},
	};
}
