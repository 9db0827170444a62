// A real local image registry (Debian's docker-registry) on a free loopback port, plain HTTP.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {freePort} from './moto.js';

export interface Registry {
	/** host:port, as image references name it. */
	host: string;
	tags(repository: string): Promise<string[]>;
	/** The manifest digest a tag names, as the registry computed it. */
	digest(repository: string, tag: string): Promise<string | undefined>;
	stop(): Promise<void>;
}

export async function startRegistry(): Promise<Registry> {
	const dir = await mkdtemp(join(tmpdir(), 'rlw-registry-'));
	const host = `127.0.0.1:${await freePort()}`;
	await writeFile(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: ${host}\n`);
	const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	const failed = new Promise<never>((_, reject) => {
		child.once('error', error => {
			reject((error as NodeJS.ErrnoException).code === 'ENOENT'
				? new Error('docker-registry is not installed: apt-get install docker-registry (npm test does, as root or with sudo).')
				: error);
		});
		child.once('exit', code => {
			reject(new Error(`docker-registry exited with code ${code}:\n${stderr}`));
		});
	});
	const ready = (async () => {
		const deadline = Date.now() + 20_000;
		for (;;) {
			try {
				if ((await fetch(`http://${host}/v2/`)).ok) {
					return;
				}
			} catch {
				// Not listening yet.
			}

			if (Date.now() > deadline) {
				throw new Error(`docker-registry did not answer on ${host}:\n${stderr}`);
			}

			await new Promise(resolve => {
				setTimeout(resolve, 50);
			});
		}
	})();
	await Promise.race([failed, ready]);
	failed.catch(() => undefined);

	return {
		host,
		async tags(repository) {
			const response = await fetch(`http://${host}/v2/${repository}/tags/list`);
			return response.ok ? ((await response.json()) as {tags: string[] | null}).tags ?? [] : [];
		},
		async digest(repository, tag) {
			const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
				method: 'HEAD',
				headers: {accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'},
			});
			return response.ok ? response.headers.get('docker-content-digest') ?? undefined : undefined;
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await once(child, 'exit');
			}

			await rm(dir, {recursive: true, force: true});
		},
	};
}
