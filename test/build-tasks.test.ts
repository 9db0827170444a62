// The build task list with swapped tools: what it does with what the tools answer.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {RunError} from '../source/errors.js';
import {planBuild} from '../source/plan/build.js';
import {loadSpec} from '../source/spec/spec.js';
import {runBuildTasks, type BuildTools} from '../source/tasks/build.js';
import {fakeContainer} from './support/fake-image.js';

const spec = (toml: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\n${toml}`});
const facts = {projectDir: '/p', targetDir: '/p/target', host: 'x86_64' as const, hostName: 'linux/x64', cargoLambda: true, zig: true, rustflags: undefined};
const quiet = () => new PassThrough() as unknown as NodeJS.WriteStream;

describe('image build', () => {
	it('refuses an image whose architecture is still not the one asked for after a build without the cache', async () => {
		// This fake container tool reports every image as arm64, whatever the build asked for.
		const container = fakeContainer();
		const plan = planBuild(spec('packaging = "image"\narchitecture = "x86_64"'), facts);
		const tools: BuildTools = {run: async () => undefined, readFile: async () => new Uint8Array(), writeFile: async () => undefined, container: container.api};
		const failure = await runBuildTasks(plan, {tools, projectDir: '/p', renderer: 'simple', stream: quiet()}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(RunError);
		expect((failure as RunError).message).toBe('Image orders:x86_64 was built for arm64, not linux/amd64: a function of this architecture would not start it.');
		expect((failure as RunError).hint).toContain('FROM --platform=linux/$TARGETARCH');
		// Built twice: the second time without the cache.
		expect(container.calls).toEqual(['build', 'build']);
	});
});
