// Fake programs placed first on PATH: a cargo-lambda that records its arguments
// (cargo runs `cargo lambda ...` as `cargo-lambda lambda ...` from PATH), a zig,
// a python3 with the ziglang package, a docker without an engine, and a shim that
// records podman's arguments.
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

export interface FakeTools {
	/** Put first on PATH. Its path is also the marker that finds the fakes' processes (pgrep -f). */
	binDir: string;
	/** Each call's arguments, one line per call. */
	calls(): Promise<string[]>;
	path: string;
}

const cargoLambda = `#!/bin/sh
# A fake cargo-lambda for rust-lambda-wizard's tests.
here=$(dirname "$0")
printf '%s\\n' "$*" >> "$here/calls"
case "$2" in
	--version) echo "cargo-lambda 1.8.5 (fake)" ;;
	build)
		echo "fake build: compiling"
		# A slow build with a child of its own, for Ctrl-C tests: it must not outlive the CLI.
		if [ -n "$FAKE_BUILD_SLEEP" ]; then sh -c "sleep $FAKE_BUILD_SLEEP; : fake-build-worker" & wait; fi
		if [ -n "$FAKE_BUILD_FAIL" ]; then echo "error[E0425]: cannot find value \\\`x\\\` in this scope" >&2; exit 101; fi
		# Put the artifact where cargo-lambda puts it: <target>/lambda/<bin>/bootstrap[.zip], or <target>/lambda/extensions/<bin>.zip.
		extension=; zip=; bin=hello; previous=
		for word in "$@"; do
			[ "$word" = --extension ] && extension=1
			[ "$word" = zip ] && zip=1
			[ "$previous" = --bin ] && bin=$word
			previous=$word
		done
		out=\${CARGO_TARGET_DIR:-target}/lambda
		if [ -n "$extension" ]; then out=$out/extensions/$bin.zip; elif [ -n "$zip" ]; then out=$out/$bin/bootstrap.zip; else out=$out/$bin/bootstrap; fi
		mkdir -p "$(dirname "$out")"
		if [ -n "$zip$extension" ]; then cp "$FAKE_ZIP_SOURCE" "$out"; else echo "fake binary" > "$out"; fi ;;
	watch)
		echo "fake watcher ready"
		# A child of its own, as the real watcher has (cargo, the function): stopping must reach it too.
		"$here/fake-watch-worker" &
		wait ;;
	invoke)
		if [ -n "$FAKE_INVOKE_SLEEP" ]; then sleep "$FAKE_INVOKE_SLEEP"; fi
		echo '{"statusCode":200,"body":"hello from the fake function"}' ;;
	*) echo "fake cargo-lambda: unexpected $*" >&2; exit 2 ;;
esac
`;

const worker = `#!/bin/sh
while :; do sleep 1; done
`;

// A docker client whose engine does not answer, as on the test machines: build must pick podman.
const dockerWithoutEngine = `#!/bin/sh
if [ "$1" = --version ]; then echo "Docker version 28.2.2, build fake"; exit 0; fi
echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
exit 1
`;

const zig = `#!/bin/sh
echo "0.13.0"
`;

// python3 with the ziglang package, as \`pip3 install ziglang\` leaves it: zig answers as \`python3 -m ziglang\`, not on PATH.
const pythonWithZiglang = (real: string) => `#!/bin/sh
if [ "$1" = -m ] && [ "$2" = ziglang ] && [ "$3" = version ]; then echo "0.13.0"; exit 0; fi
exec ${real} "$@"
`;

// The real podman, behind a shim that writes down each call's arguments first (what \`ps\` would show).
const podmanRecorder = (real: string) => `#!/bin/sh
printf 'podman %s\\n' "$*" >> "$(dirname "$0")/calls"
exec ${real} "$@"
`;

export async function makeFakeTools(dir: string, which: {cargoLambda?: boolean; zig?: boolean; dockerWithoutEngine?: boolean; recordPodman?: string; ziglangFor?: string} = {cargoLambda: true, zig: true}): Promise<FakeTools> {
	const binDir = join(dir, 'fake-bin');
	await mkdir(binDir, {recursive: true});
	const write = async (name: string, text: string) => {
		await writeFile(join(binDir, name), text);
		await chmod(join(binDir, name), 0o755);
	};

	if (which.cargoLambda) {
		await write('cargo-lambda', cargoLambda);
		await write('fake-watch-worker', worker);
	}

	if (which.dockerWithoutEngine) {
		await write('docker', dockerWithoutEngine);
	}

	if (which.zig) {
		await write('zig', zig);
	}

	if (which.ziglangFor) {
		await write('python3', pythonWithZiglang(which.ziglangFor));
	}

	if (which.recordPodman) {
		await write('podman', podmanRecorder(which.recordPodman));
	}

	return {
		binDir,
		path: `${binDir}:${process.env['PATH'] ?? ''}`,
		async calls() {
			try {
				return (await readFile(join(binDir, 'calls'), 'utf8')).split('\n').filter(Boolean);
			} catch {
				return [];
			}
		},
	};
}
