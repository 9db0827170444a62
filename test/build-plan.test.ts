// The pure parts of build and doctor: which steps, which commands, which verdicts.
import {describe, expect, it} from 'vitest';
import {RunError} from '../source/errors.js';
import {imageSizeProblem, zipSizeProblem} from '../source/plan/build-sizes.js';
import {planBuild, wantedArtifacts, type BuildFacts} from '../source/plan/build.js';
import {doctorChecks, doctorPassed, type DoctorFacts} from '../source/plan/doctor.js';
import {hostArchitecture} from '../source/spec/requirements.js';
import {MIB} from '../source/spec/limits.js';
import {loadSpec} from '../source/spec/spec.js';

const spec = (toml: string) => loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\n${toml}`});
const facts = (overrides: Partial<BuildFacts> = {}): BuildFacts => ({
	projectDir: '/p', targetDir: '/p/target', host: 'x86_64', hostName: 'linux/x64', cargoLambda: true, zig: true, rustflags: undefined, ...overrides,
});
const commandLine = (step: {command?: {file: string; args: readonly string[]}; args?: readonly string[]}) =>
	step.command ? [step.command.file, ...step.command.args].join(' ') : `<container> ${step.args!.join(' ')}`;

describe('planBuild', () => {
	it.each([
		['a function', 'architecture = "arm64"', [['cargo lambda build --release --arm64 --output-format zip', '/p/target/lambda/orders/bootstrap.zip']]],
		['an external extension', 'kind = "extension"\narchitecture = "x86_64"\n[extension]\nkind = "logs"', [['cargo lambda build --release --extension --x86-64 --output-format zip', '/p/target/lambda/extensions/orders.zip']]],
		['an extension named apart from the project', 'kind = "extension"\n[extension]\nkind = "events"\nname = "shipper"', [['cargo lambda build --release --extension --arm64 --output-format zip', '/p/target/lambda/extensions/shipper.zip']]],
		['a function with an internal extension', 'kind = "function+extension"\n[extension]\nkind = "events"\ninternal = true', [['cargo lambda build --release --arm64 --output-format zip', '/p/target/lambda/orders/bootstrap.zip']]],
		['a function with an external extension', 'kind = "function+extension"\n[extension]\nname = "shipper"\nkind = "logs"', [
			['cargo lambda build --release --arm64 --output-format zip --bin orders', '/p/target/lambda/orders/bootstrap.zip'],
			['cargo lambda build --release --extension --arm64 --output-format zip --bin shipper', '/p/target/lambda/extensions/shipper.zip'],
		]],
		['a multi-stage image', 'packaging = "image"\narchitecture = "x86_64"', [['<container> build --platform linux/amd64 --tag orders:x86_64 --file Dockerfile .', undefined]]],
		['a lambda-base image', 'packaging = "image"\n[image]\nrepository = "team/orders"\ndockerfile = "docker/Lambda.Dockerfile"\nbase = "lambda-base"', [
			['cargo lambda build --release --arm64', '/p/target/lambda/orders/bootstrap'],
			['<container> build --platform linux/arm64 --tag team/orders:arm64 --file docker/Lambda.Dockerfile .', undefined],
		]],
		// Its Dockerfile copies both binaries: the extension's into /opt/extensions.
		['a lambda-base image of a function with an external extension', 'kind = "function+extension"\npackaging = "image"\n[image]\nbase = "lambda-base"\n[extension]\nname = "shipper"\nkind = "logs"', [
			['cargo lambda build --release --arm64 --bin orders', '/p/target/lambda/orders/bootstrap'],
			['cargo lambda build --release --extension --arm64 --bin shipper', '/p/target/lambda/extensions/shipper'],
			['<container> build --platform linux/arm64 --tag orders:arm64 --file Dockerfile .', undefined],
		]],
		['a multi-stage image of a function with an external extension: both built inside', 'kind = "function+extension"\npackaging = "image"\n[extension]\nkind = "logs"', [
			['<container> build --platform linux/arm64 --tag orders:arm64 --file Dockerfile .', undefined],
		]],
	])('%s', (_name, toml, expected) => {
		const plan = planBuild(spec(toml), facts());
		expect(plan.steps.map(step => [commandLine(step), 'zipPath' in step ? step.zipPath : 'binaryPath' in step ? step.binaryPath : undefined])).toEqual(expected);
		expect(plan.notes).toEqual([]);
	});

	it('falls back to plain cargo for the host\'s architecture, packaging the zip itself, and says so', () => {
		const plan = planBuild(spec('architecture = "x86_64"'), facts({cargoLambda: false}));
		expect(plan.builder).toBe('cargo');
		expect(plan.steps).toMatchObject([{
			type: 'zip', zipPath: '/p/target/lambda/orders/bootstrap.zip',
			command: {file: 'cargo', args: ['build', '--release', '--bin', 'orders', '--message-format=json-render-diagnostics']},
			package: {entry: 'bootstrap'},
		}]);
		expect(plan.notes[0]).toContain('cargo-lambda is not installed');
		expect(plan.notes[1]).toContain('glibc 2.34');
		// A static build needs no glibc warning.
		expect(planBuild(spec('architecture = "x86_64"'), facts({cargoLambda: false, rustflags: '-C target-feature=+crt-static'})).notes).toHaveLength(1);
		const extension = planBuild(spec('kind = "extension"\narchitecture = "x86_64"\n[extension]\nkind = "logs"'), facts({cargoLambda: false}));
		expect(extension.steps).toMatchObject([{package: {entry: 'extensions/orders'}, zipPath: '/p/target/lambda/extensions/orders.zip'}]);
		// A lambda-base image's binaries, each copied to where its Dockerfile takes it.
		const image = planBuild(spec('kind = "function+extension"\narchitecture = "x86_64"\npackaging = "image"\n[image]\nbase = "lambda-base"\n[extension]\nname = "shipper"\nkind = "logs"'), facts({cargoLambda: false}));
		expect(image.steps).toMatchObject([
			{type: 'binary', bin: 'orders', binaryPath: '/p/target/lambda/orders/bootstrap', copyBuilt: true, command: {args: ['build', '--release', '--bin', 'orders', '--message-format=json-render-diagnostics']}},
			{type: 'binary', bin: 'shipper', binaryPath: '/p/target/lambda/extensions/shipper', copyBuilt: true, command: {args: ['build', '--release', '--bin', 'shipper', '--message-format=json-render-diagnostics']}},
			{type: 'image'},
		]);
	});

	it('refuses to cross-compile without cargo-lambda, naming both architectures and the install', () => {
		expect(() => planBuild(spec('architecture = "arm64"'), facts({cargoLambda: false}))).toThrow(/building for arm64 on this x86_64 machine needs it/);
		expect(() => planBuild(spec('architecture = "x86_64"'), facts({cargoLambda: false, host: undefined, hostName: 'darwin/arm64'}))).toThrow(/on this darwin\/arm64 machine/);
	});

	it('builds with cargo-lambda only when zig is there too: plain cargo for this machine, or what to install', () => {
		const plan = planBuild(spec('architecture = "x86_64"'), facts({zig: false}));
		expect(plan.builder).toBe('cargo');
		expect(plan.notes[0]).toBe('zig is not installed (cargo-lambda links with it): will build with plain `cargo build --release` for this machine (x86_64) and package the zip here.');
		expect(() => planBuild(spec('architecture = "arm64"'), facts({zig: false}))).toThrow(/^zig is not installed \(cargo-lambda links with it\), and building for arm64 on this x86_64 machine needs it/);
		const both = (() => {
			try {
				planBuild(spec('architecture = "arm64"'), facts({cargoLambda: false, zig: false}));
			} catch (error) {
				return error as RunError;
			}
		})();
		expect(both?.hint).toMatch(/^Install it: pip3 install cargo-lambda \(brings zig too\).*\. Or build for this machine: set project\.architecture = "x86_64" in rust-lambda\.toml/);
	});

	it('needs no Rust tools for a multi-stage image', () => {
		expect(wantedArtifacts(spec('packaging = "image"'))).toEqual([{kind: 'image'}]);
		expect(planBuild(spec('packaging = "image"'), facts({cargoLambda: false, host: undefined})).builder).toBeUndefined();
	});
});

describe('size checks', () => {
	it.each([
		[50 * MIB, 250 * MIB, undefined],
		[50 * MIB + 1, 60 * MIB, /is 50.0 MB zipped; deploy uploads the zip directly, and Lambda takes at most 50.0 MB/],
		[10 * MIB, 250 * MIB + 1, /unzips to 250.0 MB; Lambda allows at most 250.0 MB unzipped/],
		[60 * MIB, 300 * MIB, /unzips to 300.0 MB/],
	])('%d bytes zipped, %d unzipped', (zipped, unzipped, expected) => {
		const problem = zipSizeProblem('bootstrap.zip', zipped, unzipped);
		if (expected === undefined) {
			expect(problem).toBeUndefined();
		} else {
			expect(problem).toBeInstanceOf(RunError);
			expect(problem!.message).toMatch(expected);
			expect(problem!.hint).toContain('opt-level = "z"');
		}
	});

	it('allows images up to 10 GB', () => {
		expect(imageSizeProblem('orders:arm64', 10 * 1024 * MIB)).toBeUndefined();
		expect(imageSizeProblem('orders:arm64', 10 * 1024 * MIB + 1)?.message).toContain('Lambda runs images of at most 10240.0 MB');
	});
});

describe('hostArchitecture', () => {
	it.each([['linux', 'x64', 'x86_64'], ['linux', 'arm64', 'arm64'], ['darwin', 'arm64', undefined], ['linux', 'ia32', undefined]])('%s/%s', (platform, arch, expected) => {
		expect(hostArchitecture(platform, arch)).toBe(expected);
	});
});

describe('doctorChecks', () => {
	const everything: DoctorFacts = {
		node: '24.1.0', host: 'x86_64', hostName: 'linux/x64',
		cargo: 'cargo 1.95.0', rustc: 'rustc 1.95.0', cargoLambda: 'cargo-lambda 1.8.5', zig: '0.13.0',
		rustTargets: ['x86_64-unknown-linux-gnu'],
		identity: {account: '123456789012', arn: 'arn:aws:iam::123456789012:user/dev'},
		region: {name: 'us-east-1', from: '--region'},
	};
	const verdicts = (input: DoctorFacts) => Object.fromEntries(doctorChecks(input).map(check => [check.id, check.status]));

	it('passes when everything is there, outside a project', () => {
		expect(doctorPassed(doctorChecks(everything))).toBe(true);
		expect(verdicts(everything)['rust-target']).toBe('skip');
	});

	it.each([
		['an old Node', {node: '22.12.0'}, 'node'],
		['no cargo', {cargo: undefined}, 'cargo'],
		['no cargo-lambda', {cargoLambda: undefined}, 'cargo-lambda'],
		['no zig', {zig: undefined}, 'zig'],
		['no credentials', {identity: {problem: 'No AWS credentials were found.'}}, 'credentials'],
		['no region', {region: undefined}, 'region'],
	])('fails with %s', (_name, change, id) => {
		const checks = doctorChecks({...everything, ...change} as DoctorFacts);
		expect(checks.filter(check => check.status === 'fail').map(check => check.id)).toEqual([id]);
		expect(checks.find(check => check.id === id)!.fix).toBeTruthy();
		expect(doctorPassed(checks)).toBe(false);
	});

	it.each([
		['us-east-1', 'ok', 'us-east-1 (from --region)'],
		['us-easst-1', 'fail', 'us-easst-1 is not an AWS region (did you mean us-east-1?) (from --region)'],
		['eu-wset-1', 'fail', 'eu-wset-1 is not an AWS region (did you mean eu-west-1?) (from --region)'],
		['useast1', 'fail', 'useast1 is not an AWS region (did you mean us-east-1?) (from --region)'],
		['mars', 'fail', 'mars is not an AWS region such as us-east-1 (from --region)'],
		['xx-newplace-9', 'warn', 'xx-newplace-9 (from --region) is not a region this tool knows; fine if it is newer than the tool'],
	])('region %s: %s', (name, status, detail) => {
		const region = doctorChecks({...everything, region: {name, from: '--region'}}).find(check => check.id === 'region');
		expect(region).toMatchObject({status, detail});
	});

	it('accepts Node 22.13 and newer', () => {
		expect(verdicts({...everything, node: '22.13.0'})['node']).toBe('ok');
		expect(verdicts({...everything, node: '23.0.1'})['node']).toBe('ok');
	});

	it.each([
		['a ZIP for this machine', 'architecture = "x86_64"', {'cargo-lambda': 'warn', zig: 'warn', 'rust-target': 'ok'}, true],
		['a ZIP for the other architecture', 'architecture = "arm64"\n[deploy]\nregions = ["us-east-1"]', {'cargo-lambda': 'fail', zig: 'fail'}, false],
		['a multi-stage image for the other architecture, without Rust at all', 'architecture = "arm64"\npackaging = "image"', {cargo: 'warn', rustc: 'warn', 'cargo-lambda': 'warn', zig: 'warn', 'rust-target': 'skip', container: 'ok'}, true],
		['a lambda-base image for this machine', 'architecture = "x86_64"\npackaging = "image"\n[image]\nbase = "lambda-base"', {'cargo-lambda': 'warn', zig: 'warn', container: 'ok'}, true],
		['a lambda-base image for the other architecture', 'architecture = "arm64"\npackaging = "image"\n[image]\nbase = "lambda-base"', {'cargo-lambda': 'fail', zig: 'fail'}, false],
	])('without cargo-lambda and zig: %s', (_name, toml, expected, passes) => {
		const multiStage = toml.includes('packaging = "image"') && !toml.includes('lambda-base');
		const input: DoctorFacts = {
			...everything, cargoLambda: undefined, zig: undefined, rustTargets: ['x86_64-unknown-linux-gnu'],
			...(multiStage ? {cargo: undefined, rustc: undefined} : {}),
			container: {podman: 'podman version 4.3.1'},
			project: {file: 'rust-lambda.toml', spec: spec(toml)},
		};
		const checks = doctorChecks(input);
		expect(verdicts(input)).toMatchObject(expected);
		expect(doctorPassed(checks)).toBe(passes);
		// Each verdict comes with a fix when it is not ok.
		expect(checks.filter(check => check.status === 'warn' && check.id !== 'rust-target').every(check => check.fix)).toBe(true);
	});

	it('checks what the project needs: its architecture\'s target, and a container tool for images', () => {
		// lambda-base: the binary is compiled here, then copied into the image.
		const project = {file: 'rust-lambda.toml', spec: spec('architecture = "arm64"\npackaging = "image"\n[image]\nbase = "lambda-base"')};
		const checks = doctorChecks({...everything, project, container: {docker: {client: 'Docker version 28'}}});
		expect(checks.find(check => check.id === 'rust-target')).toMatchObject({status: 'fail', fix: 'rustup target add aarch64-unknown-linux-gnu'});
		expect(checks.find(check => check.id === 'container')).toMatchObject({status: 'fail', detail: expect.stringContaining('docker is installed but its engine does not answer')});
		expect(verdicts({...everything, project, rustTargets: undefined, container: {docker: {client: 'Docker', engine: '28.2.2'}}})).toMatchObject({'rust-target': 'warn', container: 'ok'});
	});
});
