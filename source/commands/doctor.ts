// `doctor`: gathers what is on the machine (all at once), judges it against what
// the project needs, and prints each check with its fix.
import {explainAwsError} from '../aws/errors.js';
import {defaultRegion} from '../aws/region.js';
import type {AwsOptions} from '../aws/options.js';
import {missingProfile} from '../aws/profiles.js';
import {callerIdentity} from '../aws/sts.js';
import type {CommandContext} from '../cli/context.js';
import {doctorOptions, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {ConfigError} from '../errors.js';
import {buildNeeds} from '../plan/build.js';
import {doctorChecks, doctorPassed, type Check, type CheckStatus, type DoctorFacts} from '../plan/doctor.js';
import {judgeRegion} from '../spec/regions.js';
import {hostArchitecture} from '../spec/requirements.js';
import {anyRegion} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {cargoLambdaVersion, firstLine, zigVersion} from '../tools/cargo.js';
import {containerFacts} from '../tools/container.js';
import {probe} from '../tools/process.js';
import {findProject} from './project.js';

type DoctorFlags = FlagsOf<typeof doctorOptions>;

export async function doctor({flags, terminal, signal}: CommandContext<DoctorFlags>): Promise<number> {
	const {env} = terminal;
	let project: DoctorFacts['project'];
	let cwd = terminal.cwd;
	try {
		const found = await findProject(flags, terminal.cwd, doctorOptions);
		if (found) {
			project = {file: found.file, spec: found.spec};
			cwd = found.dir;
		}
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		project = {file: error.source ?? 'rust-lambda.toml', problems: error.problems.map(problem => `${problem.where}: ${problem.message}`)};
	}

	const spec = project && 'spec' in project ? project.spec : undefined;
	const aws: AwsOptions = {endpointUrl: flags['endpoint-url'], profile: flags.profile};
	const version = async (file: string, args: string[]) => {
		const answer = await probe(file, args, {env, cwd, signal});
		return answer.ok ? firstLine(answer.stdout) : undefined;
	};

	const host = hostArchitecture(process.platform, process.arch);
	const [cargo, rustc, cargoLambda, zig, rustTargets, container, awsResult] = await Promise.all([
		version('cargo', ['--version']),
		version('rustc', ['--version']),
		cargoLambdaVersion({env, cwd, signal}),
		zigVersion({env, cwd, signal}),
		probe('rustup', ['target', 'list', '--installed'], {env, cwd, signal}).then(answer => (answer.ok ? answer.stdout.split('\n').map(line => line.trim()).filter(Boolean) : undefined)),
		spec && buildNeeds(spec, host).container ? containerFacts(env, signal) : Promise.resolve(undefined),
		awsFacts({flags, spec, file: project?.file, aws, env, signal}),
	]);

	const checks = doctorChecks({
		node: process.versions.node,
		host,
		hostName: `${process.platform}/${process.arch}`,
		cargo, rustc, cargoLambda, zig, rustTargets, container,
		...awsResult,
		project,
	});
	const passed = doctorPassed(checks);
	if (flags['json']) {
		terminal.stdout.write(`${JSON.stringify({ok: passed, checks}, null, 2)}\n`);
	} else {
		terminal.stdout.write(`${doctorText(checks, passed, terminal.stdout)}\n`);
	}

	return passed ? exitCode.ok : exitCode.failed;
}

interface AwsInput {
	flags: DoctorFlags;
	spec: Spec | undefined;
	file: string | undefined;
	aws: AwsOptions;
	env: NodeJS.ProcessEnv;
	signal: AbortSignal;
}

async function awsFacts({flags, spec, file, aws, env, signal}: AwsInput): Promise<Pick<DoctorFacts, 'identity' | 'region'>> {
	const flagged = flags.region?.[0];
	const configured = spec?.deploy.regions[0];
	const fromSdk = (flagged ?? configured) ? undefined : await defaultRegion(aws);
	// A profile that does not exist gives no region: not said to come from it.
	const profileExists = aws.profile === undefined || (await missingProfile(aws.profile, env)) === undefined;
	const region = flagged
		? {name: flagged, from: '--region', all: flags.region ?? []}
		: configured
			? {name: configured, from: 'deploy.regions', all: spec?.deploy.regions ?? []}
			: fromSdk
				? {name: fromSdk, from: aws.profile && profileExists ? `profile ${aws.profile}` : 'AWS_REGION or the profile'}
				: undefined;
	const regionSource = region?.from === '--region' ? 'the --region flag' : region?.from === 'deploy.regions' ? `deploy.regions in ${file ?? 'rust-lambda.toml'}` : undefined;
	// STS answers in every region; without one, or with a name that is not one (the region check says so), any
	// region still tells whether the credentials work, so a mistyped region is not blamed on them.
	const stsRegion = region && judgeRegion(region.name).verdict === 'known' ? region.name : anyRegion;
	try {
		const profileProblem = await missingProfile(aws.profile, env);
		if (profileProblem) {
			throw profileProblem;
		}

		const identity = await callerIdentity(stsRegion, aws, signal);
		return {identity, region};
	} catch (error) {
		const explained = explainAwsError(error, {region: stsRegion, endpointUrl: aws.endpointUrl, regionSource});
		return {identity: {problem: explained.message, fix: 'hint' in explained ? explained.hint : undefined}, region};
	}
}

const marks: Record<CheckStatus, {mark: string; colour: 'green' | 'red' | 'yellow' | 'dim'}> = {
	ok: {mark: '✔', colour: 'green'},
	fail: {mark: '✖', colour: 'red'},
	warn: {mark: '!', colour: 'yellow'},
	skip: {mark: '–', colour: 'dim'},
};

function doctorText(checks: readonly Check[], passed: boolean, stream: NodeJS.WriteStream): string {
	const width = Math.max(...checks.map(check => check.title.length)) + 2;
	const lines = checks.flatMap(check => {
		const {mark, colour} = marks[check.status];
		const head = `${paint(stream, colour, mark)} ${check.title.padEnd(width)}${check.detail}`;
		return check.fix && check.status !== 'ok' ? [head, `  ${' '.repeat(width)}${paint(stream, 'dim', 'fix:')} ${check.fix}`] : [head];
	});
	const failed = checks.filter(check => check.status === 'fail');
	const warned = checks.filter(check => check.status === 'warn');
	const recommended = warned.length > 0 ? ` Worth a look (see above): ${warned.map(check => check.title).join(', ')}.` : '';
	lines.push('', passed
		? `Everything needed is here.${recommended}`
		: `${failed.length} problem${failed.length === 1 ? '' : 's'}: ${failed.map(check => check.title).join(', ')}. Fix ${failed.length === 1 ? 'it' : 'them'} and run doctor again.`);
	return lines.join('\n');
}
