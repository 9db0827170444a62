// The container-tool adapter: docker or podman, whichever the machine has. Both
// take the same words for what we do (build, inspect, tag, push, login).
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {RunError} from '../errors.js';
import {tools} from '../spec/requirements.js';
import {firstLine} from './cargo.js';
import {probe, runStreaming} from './process.js';

export type ContainerToolName = 'docker' | 'podman';

export interface ContainerFacts {
	/** docker's client version line, and its engine's version when the engine answers. */
	docker?: {client: string; engine?: string | undefined} | undefined;
	podman?: string | undefined;
}

interface StreamOptions {
	onLine?: (line: string) => void;
	signal?: AbortSignal | undefined;
}

export interface ContainerTool {
	readonly name: ContainerToolName;
	build(args: readonly string[], cwd: string, options: StreamOptions): Promise<void>;
	/** The image's size in bytes as the local store reports it. */
	imageSize(reference: string, signal?: AbortSignal): Promise<number>;
	imageExists(reference: string, signal?: AbortSignal): Promise<boolean>;
	/** The image's ID (sha256:…, its config digest) and platform architecture (amd64, arm64); undefined when it is not in the local store. */
	imageFacts(reference: string, signal?: AbortSignal): Promise<{id: string; architecture: string} | undefined>;
	tag(source: string, target: string, signal?: AbortSignal): Promise<void>;
	/** Pushes and returns the digest the registry stored (sha256:…), as the tool reports it. */
	push(reference: string, options: StreamOptions & {insecure?: boolean}): Promise<string>;
	/** Logs in to a registry; the password goes on standard input, never on the command line. One login at a time: they share one credentials file. */
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

/**
 * docker's BuildKit adds provenance (and SBOM) attestations, so a push stores an
 * image index, which Lambda refuses: build one plain manifest instead. podman
 * adds none (and its build knows neither flag).
 */
const dockerSingleManifest = ['--provenance=false', '--sbom=false'];

export function containerTool(name: ContainerToolName, env: NodeJS.ProcessEnv): ContainerTool {
	const run = (args: readonly string[], options: StreamOptions & {cwd?: string; input?: string}) =>
		runStreaming({file: name, args, cwd: options.cwd ?? process.cwd()}, {env, signal: options.signal, ...(options.onLine ? {onLine: options.onLine} : {}), ...(options.input === undefined ? {} : {input: options.input})});
	// podman asks per command to skip TLS for a plain-HTTP registry; docker reads it from the engine's config.
	const insecure = (yes: boolean | undefined) => (yes && name === 'podman' ? ['--tls-verify=false'] : []);
	// Logins read and rewrite one credentials file: concurrent regions would lose each other's entries.
	let logins: Promise<unknown> = Promise.resolve();
	const tags = new Map<string, Promise<void>>();
	const pushes = new Map<string, Promise<string>>();

	return {
		name,
		async build(args, cwd, options) {
			await run(name === 'docker' && args[0] === 'build' ? ['build', ...dockerSingleManifest, ...args.slice(1)] : args, {...options, cwd});
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

		async imageFacts(reference, signal) {
			const answer = await probe(name, ['image', 'inspect', '--format', '{{.Id}}|{{.Architecture}}', reference], {env, signal});
			if (!answer.ok) {
				return undefined;
			}

			const [id = '', architecture = ''] = answer.stdout.split('|');
			// podman prints the bare hex, docker prefixes sha256:.
			return {id: id.startsWith('sha256:') ? id : `sha256:${id}`, architecture};
		},

		async tag(source, target, signal) {
			await once(tags, `${source} ${target}`, () => run(['tag', source, target], {signal}));
		},

		async push(reference, options) {
			// Regions that share a registry (an emulator's, through --registry) push the same
			// reference: once is enough, and two pushes of one repository at once can collide.
			return once(pushes, reference, () => pushOnce(reference, options));
		},

		async login(registry, credentials, signal) {
			const args = ['login', '--username', credentials.username, '--password-stdin', ...insecure(credentials.insecure), registry];
			const login = logins.then(async () => run(args, {signal, input: credentials.password}));
			logins = login.catch(() => undefined);
			await login;
		},
	};

	async function pushOnce(reference: string, options: Parameters<ContainerTool['push']>[1]): Promise<string> {
		if (name === 'podman') {
			const dir = await mkdtemp(join(tmpdir(), 'rlw-push-'));
			try {
				const file = join(dir, 'digest');
				await run(['push', ...insecure(options.insecure), '--digestfile', file, reference], options);
				return pushedDigest(await readFile(file, 'utf8'), reference);
			} finally {
				await rm(dir, {recursive: true, force: true});
			}
		}

		// docker prints "<tag>: digest: sha256:… size: N" when the push is done.
		let reported = '';
		await run(['push', reference], {...options, onLine: line => {
			reported = /digest: (sha256:[a-f\d]{64})/.exec(line)?.[1] ?? reported;
			options.onLine?.(line);
		}});
		return pushedDigest(reported, reference);
	}
}

/** Runs `work` once per key: callers with the same key share its result (a failure is retried by the next caller). */
async function once<T>(cache: Map<string, Promise<T>>, key: string, work: () => Promise<T>): Promise<T> {
	let pending = cache.get(key);
	if (pending === undefined) {
		pending = work();
		cache.set(key, pending);
		pending.catch(() => cache.delete(key));
	}

	return pending;
}

function pushedDigest(text: string, reference: string): string {
	const digest = /sha256:[a-f\d]{64}/.exec(text)?.[0];
	if (digest === undefined) {
		throw new RunError(`Pushed ${reference}, but the container tool did not say which digest the registry stored.`, 'Deploy by digest yourself: --image <repository URI>@sha256:…');
	}

	return digest;
}
