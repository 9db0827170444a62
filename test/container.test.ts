// The container adapter with docker's words: the pushed digest is read from
// docker's own last line, the password only ever reaches standard input.
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {containerTool} from '../source/tools/container.js';

const digest = `sha256:${'e'.repeat(64)}`;
// A docker that writes down its arguments and its standard input, and answers as docker does.
const fakeDocker = `#!/bin/sh
here=$(dirname "$0")
printf '%s\\n' "$*" >> "$here/calls"
case "$1" in
	login) cat > "$here/stdin"; echo "Login Succeeded" ;;
	push) echo "The push refers to repository [$2]"; echo "5f70bf18a086: Pushed"; echo "arm64: digest: ${digest} size: 528" ;;
	image) echo "sha256:${'f'.repeat(64)}|arm64" ;;
esac
`;

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rlw-docker-'));
	await writeFile(join(dir, 'docker'), fakeDocker);
	await chmod(join(dir, 'docker'), 0o755);
});
afterEach(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('containerTool("docker")', () => {
	it('pushes and returns the digest docker reports; logs in with the password on stdin', async () => {
		const docker = containerTool('docker', {PATH: `${dir}:${process.env['PATH'] ?? ''}`});
		await docker.login('registry.example.com', {username: 'AWS', password: 'secret-token', insecure: true});
		const lines: string[] = [];
		expect(await docker.push('registry.example.com/orders:arm64', {onLine: line => lines.push(line)})).toBe(digest);
		expect(await docker.imageFacts('orders:arm64')).toEqual({id: `sha256:${'f'.repeat(64)}`, architecture: 'arm64'});
		const calls = (await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n');
		// docker takes no per-command TLS switch: a plain-HTTP registry is the engine's setting.
		expect(calls.slice(0, 2)).toEqual(['login --username AWS --password-stdin registry.example.com', 'push registry.example.com/orders:arm64']);
		expect(await readFile(join(dir, 'stdin'), 'utf8')).toBe('secret-token');
		expect(lines).toContain('5f70bf18a086: Pushed');
	});
});

describe('image builds', () => {
	const buildArgs = ['build', '--platform', 'linux/arm64', '--tag', 'orders:arm64', '--file', 'Dockerfile', '.'];

	it('docker builds one plain manifest: no provenance or SBOM attestations, which would make the push an index Lambda refuses', async () => {
		const docker = containerTool('docker', {PATH: `${dir}:${process.env['PATH'] ?? ''}`});
		await docker.build(buildArgs, dir, {});
		const calls = (await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n');
		expect(calls).toEqual(['build --provenance=false --sbom=false --platform linux/arm64 --tag orders:arm64 --file Dockerfile .']);
	});

	it('podman gets the build as planned: it adds no attestations and knows neither flag', async () => {
		await writeFile(join(dir, 'podman'), fakeDocker);
		await chmod(join(dir, 'podman'), 0o755);
		const podman = containerTool('podman', {PATH: `${dir}:${process.env['PATH'] ?? ''}`});
		await podman.build(buildArgs, dir, {});
		expect((await readFile(join(dir, 'calls'), 'utf8')).trim()).toBe(buildArgs.join(' '));
	});
});
