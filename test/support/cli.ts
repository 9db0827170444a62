// Runs the built CLI as a person would: a real process, real arguments.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {fileURLToPath} from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/rust-lambda-wizard.js', import.meta.url));

export interface CliResult {
	exitCode: number;
	stdout: string;
	stderr: string;
}

export const testCredentials = {
	AWS_ACCESS_KEY_ID: 'testing',
	AWS_SECRET_ACCESS_KEY: 'testing',
	AWS_REGION: 'us-east-1',
};

export async function runCli(args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<CliResult> {
	// A clean environment: no profile or endpoint of the developer's leaks in.
	const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
	const child = spawn(process.execPath, [binPath, ...args], {
		cwd: options.cwd,
		// No instance-metadata lookups for credentials: tests reach nothing but loopback.
		env: {...base, NO_COLOR: '1', CI: 'true', AWS_EC2_METADATA_DISABLED: 'true', ...options.env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => {
		stdout += String(chunk);
	});
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	const [code] = (await once(child, 'close')) as [number | null];
	return {exitCode: code ?? -1, stdout, stderr};
}
