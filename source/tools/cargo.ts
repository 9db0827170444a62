// The cargo adapter: what cargo and cargo-lambda say about the project and the machine.
import {join, resolve} from 'node:path';
import {RunError} from '../errors.js';
import {tools} from '../spec/requirements.js';
import {probe} from './process.js';

export interface CargoOptions {
	env: NodeJS.ProcessEnv;
	cwd: string;
	signal?: AbortSignal | undefined;
}

/** cargo-lambda's version line, or undefined when `cargo lambda` is not there (cargo finds cargo-lambda on PATH). */
export async function cargoLambdaVersion(options: CargoOptions): Promise<string | undefined> {
	const answer = await probe('cargo', ['lambda', '--version'], options);
	return answer.ok ? firstLine(answer.stdout) || 'cargo-lambda' : undefined;
}

/**
 * zig's version line, or undefined when there is none. cargo-lambda links through cargo-zigbuild,
 * which also takes zig from the ziglang Python package (`pip3 install ziglang`, or cargo-lambda's
 * own pip package), which puts no `zig` on PATH: that one answers to `python3 -m ziglang`.
 */
export async function zigVersion(options: CargoOptions): Promise<string | undefined> {
	const onPath = await probe('zig', ['version'], options);
	if (onPath.ok) {
		return firstLine(onPath.stdout);
	}

	const fromPython = await probe('python3', ['-m', 'ziglang', 'version'], options);
	return fromPython.ok ? `${firstLine(fromPython.stdout)} (python3 -m ziglang)` : undefined;
}

/**
 * cargo's target directory for the project, where build writes target/lambda and deploy finds
 * the zip: cargo's own answer (cargo metadata: a workspace's root target/, CARGO_TARGET_DIR,
 * target-dir in .cargo/config.toml). When cargo is not installed or cannot read the project,
 * `dir` is cargo's default (CARGO_TARGET_DIR, else <project>/target) and `problem` says why:
 * build stops there, deploy of a prebuilt zip carries on.
 */
export async function cargoTargetDir(options: CargoOptions): Promise<{dir: string; problem?: RunError}> {
	const fallback = options.env['CARGO_TARGET_DIR'] ? resolve(options.cwd, options.env['CARGO_TARGET_DIR']) : join(options.cwd, 'target');
	const answer = await probe('cargo', ['metadata', '--format-version', '1', '--no-deps'], options);
	if (!answer.found) {
		return {dir: fallback, problem: new RunError('cargo is not installed (not found on PATH).', tools.rust.fix)};
	}

	if (!answer.ok) {
		const reason = answer.stderr.split('\n').find(line => line.startsWith('error')) ?? answer.stderr.split('\n').at(-1) ?? '';
		return {
			dir: fallback,
			problem: new RunError(
				`cargo cannot read the Rust project in ${options.cwd}: ${reason.replace(/^error:\s*/, '')}`,
				'Run build in the project folder (the one with Cargo.toml and rust-lambda.toml), or pass --config with the path to its rust-lambda.toml.',
			),
		};
	}

	return {dir: (JSON.parse(answer.stdout) as {target_directory: string}).target_directory};
}

/**
 * The executable cargo built for a bin target, read from its JSON messages (stdout of a build with
 * --message-format=json-render-diagnostics): cargo says where it put it, which a path we guess would miss under
 * [build] target in .cargo/config.toml (target/<triple>/release/<bin>), a profile or a target dir.
 */
export function builtExecutable(stdoutLines: readonly string[], bin: string): string | undefined {
	let found: string | undefined;
	for (const line of stdoutLines) {
		if (!line.startsWith('{')) {
			continue;
		}

		let message: {reason?: string; target?: {name?: string; kind?: string[]}; executable?: string | null};
		try {
			message = JSON.parse(line) as typeof message;
		} catch {
			continue;
		}

		if (message.reason === 'compiler-artifact' && message.target?.name === bin && message.target.kind?.includes('bin') && message.executable) {
			found = message.executable;
		}
	}

	return found;
}

export function firstLine(text: string): string {
	return text.split('\n')[0]!.trim();
}
