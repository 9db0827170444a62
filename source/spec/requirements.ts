// The programs a Rust Lambda project uses, what each is for, and how to install it.
// One table, read by doctor (the checks), build and dev (their error hints).
import {architectures, architectureTargets, type Architecture} from './limits.js';

export type {Architecture} from './limits.js';

export const tools = {
	rust: {
		title: 'cargo / rustc',
		why: 'compiles the function',
		fix: 'Install Rust with rustup: curl --proto \'=https\' --tlsv1.2 -sSf https://sh.rustup.rs | sh',
	},
	'cargo-lambda': {
		title: 'cargo-lambda',
		why: 'builds Lambda zips for either architecture and runs the local loop (dev)',
		fix: 'Install it: pip3 install cargo-lambda (brings zig too), or brew install cargo-lambda/tap/cargo-lambda, or cargo install --locked cargo-lambda',
	},
	zig: {
		title: 'zig',
		why: 'is the linker cargo-lambda uses by default, and the way to cross-compile (arm64 on x86_64 and back)',
		fix: 'Install it: pip3 install ziglang (found as python3 -m ziglang), or brew install zig, or see https://ziglang.org/download/',
	},
	container: {
		title: 'docker / podman',
		why: 'builds the container image (packaging = "image")',
		fix: 'Install Docker (https://docs.docker.com/get-docker/) and start its engine, or install Podman (apt-get install podman / brew install podman)',
	},
} as const;

export function rustTarget(architecture: Architecture): string {
	return architectureTargets[architecture].rust;
}

export function targetFix(architecture: Architecture): string {
	return `rustup target add ${rustTarget(architecture)}`;
}

/** The Lambda architecture of the machine we run on, when it is Linux (only then does a plain cargo build give a Lambda binary). */
export function hostArchitecture(platform: string, arch: string): Architecture | undefined {
	if (platform !== 'linux') {
		return undefined;
	}

	return architectures.find(name => architectureTargets[name].node === arch);
}
