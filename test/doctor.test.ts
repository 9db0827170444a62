// `doctor` as a person runs it: on this machine as it is (no cargo-lambda, no
// zig, no credentials), and with everything there (fakes on PATH, moto).
import {execFileSync} from 'node:child_process';
import {cp, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {staticRustflags, hostArch, otherArch, fixtureDir} from './support/crate.js';
import {makeFakeTools, type FakeTools} from './support/fakes.js';
import {startMoto, type Moto} from './support/moto.js';

let moto: Moto;
let dir: string;
let fakes: FakeTools;
let noAwsFiles: NodeJS.ProcessEnv;
beforeAll(async () => {
	moto = await startMoto();
	dir = await mkdtemp(join(tmpdir(), 'rlw-doctor-'));
	fakes = await makeFakeTools(dir, {cargoLambda: true, zig: true, dockerWithoutEngine: true});
	// No profile, credentials or region of the developer's reaches the tests.
	noAwsFiles = {AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials')};
});
afterAll(async () => {
	await moto.stop();
	await rm(dir, {recursive: true, force: true});
});

interface DoctorJson {
	ok: boolean;
	checks: Array<{id: string; status: string; detail: string; fix?: string}>;
}

const statuses = (report: DoctorJson) => Object.fromEntries(report.checks.map(check => [check.id, check.status]));
const check = (report: DoctorJson, id: string) => report.checks.find(candidate => candidate.id === id)!;

async function project(name: string, toml: string): Promise<string> {
	const projectDir = join(dir, name);
	execFileSync('mkdir', ['-p', projectDir]);
	await writeFile(join(projectDir, 'rust-lambda.toml'), toml);
	return projectDir;
}

describe('doctor on this machine as it is', () => {
	it('reports cargo-lambda, zig, credentials and region missing, each with its fix, and exits 1', async () => {
		const result = await runCli(['doctor'], {cwd: dir, env: noAwsFiles});
		expect(result.exitCode).toBe(1);
		const lines = result.stdout.split('\n');
		const after = (mark: string) => lines[lines.findIndex(line => line.startsWith(mark)) + 1] ?? '';
		expect(result.stdout).toMatch(/^✔ cargo\s+cargo \d/m);
		expect(result.stdout).toMatch(/^✖ cargo-lambda\s+not found/m);
		expect(after('✖ cargo-lambda')).toContain('fix: Install it: pip3 install cargo-lambda');
		expect(result.stdout).toMatch(/^✖ zig\s+not found/m);
		expect(after('✖ zig')).toContain('fix: Install it: pip3 install ziglang');
		expect(result.stdout).toMatch(/^✖ AWS credentials\s+No AWS credentials were found\./m);
		expect(after('✖ AWS credentials')).toContain('fix: Set AWS_PROFILE');
		expect(result.stdout).toMatch(/^✖ AWS region\s+none set/m);
		// No project here: the Rust target is not judged, and no container tool is asked for.
		expect(result.stdout).toMatch(/^– Rust target\s+no project here/m);
		expect(result.stdout).not.toContain('docker / podman');
		expect(result.stdout).toContain('4 problems: cargo-lambda, zig, AWS credentials, AWS region.');
	});

	it('says the same as JSON for CI', async () => {
		const result = await runCli(['doctor', '--json'], {cwd: dir, env: noAwsFiles});
		expect(result.exitCode).toBe(1);
		const report = JSON.parse(result.stdout) as DoctorJson;
		expect(report.ok).toBe(false);
		expect(statuses(report)).toEqual({
			node: 'ok', cargo: 'ok', rustc: 'ok', 'cargo-lambda': 'fail', zig: 'fail', 'rust-target': 'skip', credentials: 'fail', region: 'fail',
		});
		expect(check(report, 'zig').fix).toContain('pip3 install ziglang');
	});
});

describe('doctor with everything there', () => {
	const everything = () => ({...noAwsFiles, ...testCredentials, PATH: fakes.path});

	it('passes with the fakes on PATH and moto answering STS, showing the account and ARN', async () => {
		const projectDir = await project('ready', `[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
		const result = await runCli(['doctor', '--endpoint-url', moto.url], {cwd: projectDir, env: everything()});
		expect(result.stdout).toContain('Everything needed is here.');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toMatch(/^✔ project config\s+rust-lambda.toml: function hello/m);
		expect(result.stdout).toMatch(/^✔ cargo-lambda\s+cargo-lambda 1.8.5 \(fake\)/m);
		expect(result.stdout).toMatch(/^✔ zig\s+0.13.0/m);
		expect(result.stdout).toMatch(new RegExp(`^✔ Rust target\\s+${hostArch === 'arm64' ? 'aarch64' : 'x86_64'}-unknown-linux-gnu`, 'm'));
		expect(result.stdout).toMatch(/^✔ AWS credentials\s+account 123456789012, arn:aws:sts::123456789012:/m);
		expect(result.stdout).toMatch(/^✔ AWS region\s+us-east-1 \(from AWS_REGION or the profile\)/m);
	});

	it('takes the region from --region, and credentials and region from --profile', async () => {
		const awsConfig = join(dir, 'aws-config');
		const awsCredentials = join(dir, 'aws-credentials');
		await writeFile(awsConfig, '[profile rlw-test]\nregion = eu-west-1\n');
		await writeFile(awsCredentials, '[rlw-test]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
		const env = {PATH: fakes.path, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: awsCredentials};

		const byProfile = JSON.parse((await runCli(['doctor', '--json', '--profile', 'rlw-test', '--endpoint-url', moto.url], {cwd: dir, env})).stdout) as DoctorJson;
		expect(check(byProfile, 'region')).toMatchObject({status: 'ok', detail: 'eu-west-1 (from profile rlw-test)'});
		expect(check(byProfile, 'credentials')).toMatchObject({status: 'ok'});

		const byFlag = JSON.parse((await runCli(['doctor', '--json', '--profile', 'rlw-test', '--region', 'ap-south-1', '--endpoint-url', moto.url], {cwd: dir, env})).stdout) as DoctorJson;
		expect(check(byFlag, 'region')).toMatchObject({status: 'ok', detail: 'ap-south-1 (from --region)'});

		// A mistyped profile is said as that, not as missing credentials.
		const mistyped = JSON.parse((await runCli(['doctor', '--json', '--profile', 'rlw-tset', '--region', 'us-east-1', '--endpoint-url', moto.url], {cwd: dir, env})).stdout) as DoctorJson;
		expect(check(mistyped, 'credentials')).toMatchObject({status: 'fail', detail: expect.stringContaining(`profile rlw-tset is not in ${awsConfig} or ${awsCredentials} (did you mean rlw-test?)`)});

		// …and a region found elsewhere is not said to come from that missing profile.
		const noRegionFlag = JSON.parse((await runCli(['doctor', '--json', '--profile', 'rlw-tset', '--endpoint-url', moto.url], {cwd: dir, env: {...env, AWS_REGION: 'eu-north-1'}})).stdout) as DoctorJson;
		expect(check(noRegionFlag, 'region')).toMatchObject({detail: 'eu-north-1 (from AWS_REGION or the profile)'});
	});

	it('checks every region of the config, not only the first', async () => {
		const projectDir = await project('regions', '[project]\nname = "hello"\n\n[deploy]\nregions = ["us-east-1", "eu-west-1"]\n');
		const report = JSON.parse((await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: projectDir, env: everything()})).stdout) as DoctorJson;
		expect(check(report, 'region')).toMatchObject({status: 'ok', detail: 'us-east-1, eu-west-1 (from deploy.regions)'});
		const flagged = JSON.parse((await runCli(['doctor', '--json', '--region', 'us-east-1', '--region', 'eu-wset-1', '--endpoint-url', moto.url], {cwd: projectDir, env: everything()})).stdout) as DoctorJson;
		expect(check(flagged, 'region')).toMatchObject({status: 'fail', detail: 'eu-wset-1 is not an AWS region (did you mean eu-west-1?) (from --region)'});
	});

	it('checks the Rust target of the config\'s architecture, and says how to add it', async () => {
		const projectDir = await project('other-arch', `[project]\nname = "hello"\narchitecture = "${otherArch}"\n\n[deploy]\nregions = ["eu-central-1"]\n`);
		const result = await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: projectDir, env: everything()});
		const report = JSON.parse(result.stdout) as DoctorJson;
		const triple = otherArch === 'arm64' ? 'aarch64-unknown-linux-gnu' : 'x86_64-unknown-linux-gnu';
		const installed = execFileSync('rustup', ['target', 'list', '--installed'], {encoding: 'utf8'}).split('\n').includes(triple);
		expect(check(report, 'rust-target')).toMatchObject(installed
			? {status: 'ok'}
			: {status: 'fail', detail: `${triple} (${otherArch}) is not installed`, fix: `rustup target add ${triple}`});
		expect(result.exitCode).toBe(installed ? 0 : 1);
		expect(check(report, 'region')).toMatchObject({detail: 'eu-central-1 (from deploy.regions)'});
	});

	it('asks for docker or podman only when the project builds an image', async () => {
		const zipProject = await project('zip', `[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
		const zip = JSON.parse((await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: zipProject, env: everything()})).stdout) as DoctorJson;
		expect(statuses(zip)).not.toHaveProperty('container');

		const imageProject = await project('image', `[project]\nname = "hello"\npackaging = "image"\narchitecture = "${hostArch}"\n`);
		const image = JSON.parse((await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: imageProject, env: everything()})).stdout) as DoctorJson;
		expect(check(image, 'container')).toMatchObject({status: 'ok'});
		expect(check(image, 'container').detail).toMatch(/^podman version [\d.]+ \(docker is installed but its engine does not answer\)$/);
	});

	it('finds zig as the ziglang Python package (python3 -m ziglang), where pip3 install ziglang puts it', async () => {
		const python = execFileSync('sh', ['-c', 'command -v python3'], {encoding: 'utf8'}).trim();
		// cargo-lambda, and zig only as a Python module: no zig on PATH.
		const ziglang = await makeFakeTools(join(dir, 'ziglang'), {cargoLambda: true, ziglangFor: python});
		const result = await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: dir, env: {...noAwsFiles, ...testCredentials, PATH: ziglang.path}});
		const report = JSON.parse(result.stdout) as DoctorJson;
		expect(check(report, 'zig')).toMatchObject({status: 'ok', detail: '0.13.0 (python3 -m ziglang)'});
		expect(check(report, 'cargo-lambda')).toMatchObject({status: 'ok'});
	});

	it('judges cargo-lambda and zig by what build needs: recommended for a ZIP of this machine\'s architecture, required for the other one', async () => {
		// This machine's own PATH: no cargo-lambda, no zig.
		const env = {...noAwsFiles, ...testCredentials};
		const own = await project('own-arch', `[project]\nname = "hello"\narchitecture = "${hostArch}"\n`);
		await cp(fixtureDir, own, {recursive: true, force: false});
		const native = await runCli(['doctor', '--endpoint-url', moto.url], {cwd: own, env});
		expect(native.exitCode, native.stdout).toBe(0);
		expect(native.stdout).toMatch(/^! cargo-lambda\s+not found \(recommended\): build falls back to plain cargo for this machine's own architecture \(\w+\)/m);
		expect(native.stdout).toMatch(/^! zig\s+not found \(recommended\)/m);
		expect(native.stdout).toContain('Everything needed is here. Worth a look (see above): cargo-lambda, zig.');
		// … and build agrees: it builds there with plain cargo.
		const built = await runCli(['build', '--json'], {cwd: own, env: {RUSTFLAGS: staticRustflags}});
		expect(built.exitCode, built.stderr).toBe(0);
		expect(built.stderr).toContain('cargo-lambda is not installed: will build with plain `cargo build --release`');

		const other = await project('cross-arch', `[project]\nname = "hello"\narchitecture = "${otherArch}"\n`);
		const cross = JSON.parse((await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: other, env})).stdout) as DoctorJson;
		expect(statuses(cross)).toMatchObject({'cargo-lambda': 'fail', zig: 'fail'});
		expect(cross.ok).toBe(false);
	});

	it('asks only for docker or podman when a multi-stage image compiles inside the image', async () => {
		const podmanOnly = await makeFakeTools(join(dir, 'podman-only'), {dockerWithoutEngine: true});
		const imageProject = await project('multi-stage', `[project]\nname = "hello"\npackaging = "image"\narchitecture = "${otherArch}"\n\n[image]\nbase = "multi-stage"\n`);
		const result = await runCli(['doctor', '--json', '--endpoint-url', moto.url], {cwd: imageProject, env: {...noAwsFiles, ...testCredentials, PATH: podmanOnly.path}});
		const report = JSON.parse(result.stdout) as DoctorJson;
		expect(statuses(report)).toMatchObject({'cargo-lambda': 'warn', zig: 'warn', 'rust-target': 'skip', container: 'ok'});
		expect(check(report, 'cargo-lambda').detail).toContain('the image compiles inside docker or podman');
		expect(report.ok).toBe(true);
		expect(result.exitCode).toBe(0);
	});

	it('fails a mistyped region with the region it was likely meant to be, and does not blame the credentials for it', async () => {
		await moto.record();
		const result = await runCli(['doctor', '--json', '--region', 'us-easst-1', '--endpoint-url', moto.url], {cwd: dir, env: everything()});
		const requests = await moto.requests();
		expect(result.exitCode).toBe(1);
		const report = JSON.parse(result.stdout) as DoctorJson;
		expect(check(report, 'region')).toMatchObject({status: 'fail', detail: 'us-easst-1 is not an AWS region (did you mean us-east-1?) (from --region)'});
		expect(check(report, 'credentials')).toMatchObject({status: 'ok'});
		// The credentials were asked about in a real region, not in the mistyped one.
		const sts = requests.filter(request => request.body.includes('Action=GetCallerIdentity'));
		expect(sts).toHaveLength(1);
		expect(Object.entries(sts[0]!.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1]).toContain('/us-east-1/sts/aws4_request');

		const text = await runCli(['doctor', '--region', 'nowhere', '--endpoint-url', moto.url], {cwd: dir, env: everything()});
		expect(text.stdout).toMatch(/^✖ AWS region\s+nowhere is not an AWS region such as us-east-1 \(from --region\)/m);
		expect(text.stdout).toMatch(/^✔ AWS credentials/m);
	});

	it('reports a broken config as a failed check, with the key and the rule', async () => {
		const projectDir = await project('broken', '[project]\nname = "hello"\narchitecture = "arm"\n');
		const result = await runCli(['doctor', '--endpoint-url', moto.url], {cwd: projectDir, env: everything()});
		expect(result.exitCode).toBe(1);
		expect(result.stdout).toMatch(/^✖ project config\s+rust-lambda.toml: project.architecture/m);
	});
});
