// `build` for packaging = "image" when docker's engine answers: docker is chosen,
// and asked for one plain image manifest (no provenance or SBOM attestations,
// which would make the pushed image an index that Lambda refuses). The docker
// here is a script first on PATH that writes down its arguments.
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli} from './support/cli.js';
import {makeProject, type TestProject} from './support/project.js';

const fakeDocker = `#!/bin/sh
here=$(dirname "$0")
printf '%s\\n' "$*" >> "$here/calls"
case "$1" in
	--version) echo "Docker version 28.2.2, build fake" ;;
	version) echo "28.2.2" ;;
	build) echo "#8 naming to docker.io/library/orders:arm64 done" ;;
	image) case "$*" in *Size*) echo 1048576 ;; *) echo "sha256:${'a'.repeat(64)}|arm64" ;; esac ;;
esac
`;

let project: TestProject;
let bin: string;
beforeEach(async () => {
	project = await makeProject();
	bin = join(project.dir, 'fake-bin');
	await mkdir(bin);
	await writeFile(join(bin, 'docker'), fakeDocker);
	await chmod(join(bin, 'docker'), 0o755);
	await writeFile(join(project.dir, 'Dockerfile'), 'FROM scratch\n');
	await project.writeConfig('[project]\nname = "orders"\npackaging = "image"\narchitecture = "arm64"\n');
});
afterEach(async () => {
	await project.remove();
});

describe('build of an image with docker', () => {
	it('passes --provenance=false --sbom=false to docker build', async () => {
		const result = await runCli(['build'], {cwd: project.dir, env: {PATH: `${bin}:${process.env['PATH'] ?? ''}`}});
		expect(result.exitCode, result.stderr).toBe(0);
		const builds = (await readFile(join(bin, 'calls'), 'utf8')).split('\n').filter(line => line.startsWith('build'));
		expect(builds).toEqual(['build --provenance=false --sbom=false --platform linux/arm64 --tag orders:arm64 --file Dockerfile .']);
	});
});
