// A real moto server per test file, on a free loopback port.
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll} from 'vitest';

export interface Moto {
	url: string;
	/** Clears every resource in every region. */
	reset(): Promise<void>;
	/** Records requests from now on; `requests()` returns them. */
	record(): Promise<void>;
	requests(): Promise<RecordedRequest[]>;
	stop(): Promise<void>;
}

export interface RecordedRequest {
	method: string;
	url: string;
	body: string;
	headers: Record<string, string>;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	server.close();
	await once(server, 'close');
	return port;
}

export async function startMoto(): Promise<Moto> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// moto's recorder writes its file into the working folder: keep it out of the checkout.
	const workDir = await mkdtemp(join(tmpdir(), 'moto-'));
	const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {cwd: workDir, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr?.on('data', chunk => {
		stderr += String(chunk);
	});
	const failed = new Promise<never>((_, reject) => {
		child.once('error', error => {
			reject((error as NodeJS.ErrnoException).code === 'ENOENT'
				? new Error('moto_server is not installed or not on PATH: these tests need a real moto server (pipx install "moto[server]>=5"; npm test checks it first).')
				: error);
		});
		child.once('exit', code => {
			reject(new Error(`moto_server exited with code ${code} before it was ready:\n${stderr}`));
		});
	});

	await Promise.race([failed, ready(url)]);
	failed.catch(() => undefined);
	const post = async (path: string) => {
		const response = await fetch(`${url}${path}`, {method: 'POST'});
		if (!response.ok) {
			throw new Error(`moto ${path}: HTTP ${response.status}`);
		}
	};

	return {
		url,
		reset: () => post('/moto-api/reset'),
		async record() {
			await post('/moto-api/recorder/reset-recording');
			await post('/moto-api/recorder/start-recording');
		},
		async requests() {
			await post('/moto-api/recorder/stop-recording');
			const text = await (await fetch(`${url}/moto-api/recorder/download-recording`)).text();
			return text.split('\n').filter(Boolean).map(line => {
				const entry = JSON.parse(line) as {method: string; url: string; body: string; body_encoded?: boolean; headers?: Record<string, string>};
				const body = entry.body_encoded ? Buffer.from(entry.body, 'base64').toString('latin1') : entry.body ?? '';
				return {method: entry.method, url: entry.url, body, headers: entry.headers ?? {}};
			});
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await once(child, 'exit');
			}

			await rm(workDir, {recursive: true, force: true});
		},
	};
}

async function ready(url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			const response = await fetch(`${url}/moto-api/`);
			if (response.ok) {
				return;
			}
		} catch {
			// Not listening yet.
		}

		if (Date.now() > deadline) {
			throw new Error(`moto_server did not answer on ${url} within 30 s`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}
}

/** The operation of a JSON-protocol call (ECR): X-Amz-Target is "<service>.<Operation>". */
const targetOf = (request: RecordedRequest) =>
	Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1]?.split('.').at(-1);

/** The service a request was signed for (its credential scope): "s3", "lambda", … */
const signedFor = (request: RecordedRequest) =>
	/Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '')?.[1];

/** The AWS API a recorded request called: Lambda's REST path, S3's path and sub-resource, the Action of a query-protocol call (IAM, STS, SQS, SNS), or a JSON-protocol target (ECR). */
export function describeRequest(request: RecordedRequest): string {
	const action = targetOf(request) ?? new URLSearchParams(request.body).get('Action');
	const url = new URL(request.url);
	// S3: "PUT /uploads?notification", as the SDK's "/uploads/?notification=" means it.
	const path = signedFor(request) === 's3' ? `${url.pathname.replace(/(.)\/$/, '$1')}${url.search.replace(/=$/, '')}` : url.pathname;
	return action ?? `${request.method} ${path}`;
}

/**
 * Calls that change something: Lambda, API Gateway v2 and S3 calls other than GET (HEAD) on their REST paths,
 * query- or JSON-protocol calls (IAM, ECR, …) that are not a Get/List/Describe,
 * and other REST calls (Scheduler) other than GET.
 */
export function awsWrites(requests: readonly RecordedRequest[]): RecordedRequest[] {
	return requests.filter(request => {
		// S3 is REST too, on bucket paths: anything but GET and HEAD writes.
		if (signedFor(request) === 's3') {
			return request.method !== 'GET' && request.method !== 'HEAD';
		}

		if (/\/20\d\d-\d\d-\d\d\/|^\/v2\//.test(new URL(request.url).pathname)) {
			return request.method !== 'GET';
		}

		const action = targetOf(request) ?? new URLSearchParams(request.body).get('Action');
		if (action === null || action === undefined) {
			// Another REST API (Scheduler's /schedules/<name>): the method says whether it writes.
			return !['GET', 'HEAD'].includes(request.method);
		}

		return !/^(Get|List|Describe|BatchGet)/.test(action);
	});
}

/**
 * A moto server for the whole test file: started before its tests, stopped after.
 * The returned object stands for the server, so tests use it as they would a Moto.
 */
export function useMoto(): Moto {
	let server: Moto | undefined;
	beforeAll(async () => {
		server = await startMoto();
	});
	afterAll(async () => {
		await server?.stop();
	});
	const started = () => {
		if (server === undefined) {
			throw new Error('internal: the moto server is used before the test file started it');
		}

		return server;
	};

	return {
		get url() {
			return started().url;
		},
		reset: async () => started().reset(),
		record: async () => started().record(),
		requests: async () => started().requests(),
		stop: async () => started().stop(),
	};
}
