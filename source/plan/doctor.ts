// doctor's verdicts: from what was found on the machine (and what the project's
// config asks for) to one check per need, each with a fix. Pure.
import {judgeRegion} from '../spec/regions.js';
import {architectureTargets} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {buildNeeds, type BuildNeeds} from './build.js';
import {rustTarget, targetFix, tools, type Architecture} from '../spec/requirements.js';

/** ok: there. fail: needed and missing. warn: missing, but not needed by this project. skip: not checked. */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface Check {
	id: string;
	title: string;
	status: CheckStatus;
	detail: string;
	fix?: string;
}

export interface DoctorFacts {
	node: string;
	host: Architecture | undefined;
	hostName: string;
	/** Version lines; undefined when the program is not there. */
	cargo?: string | undefined;
	rustc?: string | undefined;
	cargoLambda?: string | undefined;
	zig?: string | undefined;
	/** Installed Rust targets (rustup target list --installed); undefined without rustup. */
	rustTargets?: readonly string[] | undefined;
	/** Only gathered when the project builds an image. */
	container?: {docker?: {client: string; engine?: string | undefined} | undefined; podman?: string | undefined} | undefined;
	identity: {account: string; arn: string} | {problem: string; fix?: string | undefined};
	/** The region STS is asked in (`name`), and every region the run would act in (`all`, with it first). */
	region?: {name: string; from: string; all?: readonly string[]} | undefined;
	/** The project's config, or why it could not be read; undefined outside a project. */
	project?: {file: string; spec: Spec} | {file: string; problems: readonly string[]} | undefined;
}

const minimumNode = [22, 13] as const;

export function doctorChecks(facts: DoctorFacts): Check[] {
	const spec = facts.project && 'spec' in facts.project ? facts.project.spec : undefined;
	const checks: Check[] = [];
	const add = (check: Check) => checks.push(check);
	const missing = (fix: string, detail = 'not found') => ({status: 'fail' as const, detail, fix});

	if (facts.project) {
		add('spec' in facts.project
			? {id: 'config', title: 'project config', status: 'ok', detail: `${facts.project.file}: ${describeProject(facts.project.spec)}`}
			: {id: 'config', title: 'project config', status: 'fail', detail: facts.project.problems.join('; '), fix: `Fix the keys named above in ${facts.project.file}`});
	}

	const [major = 0, minor = 0] = facts.node.split('.').map(Number);
	const nodeOk = major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
	add({id: 'node', title: 'Node.js', ...(nodeOk ? {status: 'ok', detail: facts.node} : missing(`Install Node.js ${minimumNode.join('.')} or newer (https://nodejs.org/)`, `${facts.node} is too old`))});

	// What build needs for this project, decided where build decides it; outside a project, everything (either architecture).
	const needs = spec ? buildNeeds(spec, facts.host) : undefined;
	const rust = toolNeed(needs, facts, 'rust');
	add(toolCheck('cargo', 'cargo', facts.cargo, rust, tools.rust));
	add(toolCheck('rustc', 'rustc', facts.rustc, rust, tools.rust));
	add(toolCheck('cargo-lambda', 'cargo-lambda', facts.cargoLambda, toolNeed(needs, facts, 'cargo-lambda'), tools['cargo-lambda']));
	add(toolCheck('zig', 'zig', facts.zig, toolNeed(needs, facts, 'zig'), tools.zig));
	add(needs && !needs.compiles
		? {id: 'rust-target', title: 'Rust target', status: 'skip', detail: 'not needed: the image compiles inside docker or podman (image.base = "multi-stage")'}
		: targetCheck(facts, spec?.project.architecture));

	if (needs?.container) {
		add(containerCheck(facts.container ?? {}));
	}

	add('account' in facts.identity
		? {id: 'credentials', title: 'AWS credentials', status: 'ok', detail: `account ${facts.identity.account}, ${facts.identity.arn}`}
		: {id: 'credentials', title: 'AWS credentials', ...missing(facts.identity.fix ?? 'Check the credentials and run doctor again.', facts.identity.problem)});

	add(regionCheck(facts.region));

	return checks;
}

/** Needed by build (a failure when missing), or only recommended (a warning), and why. */
type Need = {required: true} | {required: false; why: string};

/** Why a tool build can do without is still worth having. Compiling always needs Rust: it has no `native` reason. */
const recommendedFor: Record<'rust' | 'cargo-lambda' | 'zig', {insideImage: string; native?: string}> = {
	rust: {insideImage: 'cargo test and dev use it'},
	'cargo-lambda': {insideImage: 'dev uses it', native: 'dev, and builds for the other architecture, use cargo-lambda'},
	zig: {insideImage: 'cargo-lambda links with it', native: 'cargo-lambda links with it, and needs it for the other architecture'},
};

function toolNeed(needs: BuildNeeds | undefined, facts: DoctorFacts, tool: 'rust' | 'cargo-lambda' | 'zig'): Need {
	if (needs === undefined) {
		return {required: true};
	}

	if (!needs.compiles) {
		return {required: false, why: `build does not need it: the image compiles inside docker or podman (image.base = "multi-stage"); ${recommendedFor[tool].insideImage}`};
	}

	if (tool === 'rust' || needs.crossCompiles) {
		return {required: true};
	}

	return {required: false, why: `build falls back to plain cargo for this machine's own architecture (${facts.host}); ${recommendedFor[tool].native ?? ''}`};
}

function toolCheck(id: string, title: string, version: string | undefined, need: Need, tool: {why: string; fix: string}): Check {
	if (version) {
		return {id, title, status: 'ok', detail: version};
	}

	return need.required
		? {id, title, status: 'fail', detail: `not found: it ${tool.why}`, fix: tool.fix}
		: {id, title, status: 'warn', detail: `not found (recommended): ${need.why}`, fix: tool.fix};
}

function regionCheck(region: DoctorFacts['region']): Check {
	const base = {id: 'region', title: 'AWS region'};
	const where = 'Set deploy.regions in rust-lambda.toml, pass --region, or set AWS_REGION (or region in the profile).';
	if (region === undefined) {
		return {...base, status: 'fail', detail: 'none set', fix: where};
	}

	// Every region the config or the flags name: deploy acts in all of them.
	const all = region.all ?? [region.name];
	const judged = all.map(name => ({name, ...judgeRegion(name)}));
	const wrong = judged.find(each => each.verdict === 'wrong');
	if (wrong?.verdict === 'wrong') {
		return {...base, status: 'fail', detail: `${wrong.problem} (from ${region.from})`, fix: `Fix the region in ${region.from}. ${where}`};
	}

	const unknown = judged.filter(each => each.verdict === 'unknown').map(each => each.name);
	if (unknown.length > 0) {
		return {...base, status: 'warn', detail: `${unknown.join(', ')} (from ${region.from}) ${unknown.length === 1 ? 'is not a region this tool knows; fine if it is' : 'are not regions this tool knows; fine if they are'} newer than the tool`, fix: `Check the name in ${region.from}.`};
	}

	return {...base, status: 'ok', detail: `${all.join(', ')} (from ${region.from})`};
}

function describeProject(spec: Spec): string {
	return `${spec.project.kind} ${spec.project.name}, ${spec.project.architecture}, ${spec.project.packaging}`;
}

function targetCheck(facts: DoctorFacts, architecture: Architecture | undefined): Check {
	const base = {id: 'rust-target', title: 'Rust target'};
	if (architecture === undefined) {
		const linux = (facts.rustTargets ?? []).filter(target => Object.values(architectureTargets).some(({rust}) => rust === target));
		return {...base, status: 'skip', detail: `no project here to say which architecture${linux.length > 0 ? `; installed: ${linux.join(', ')}` : ''}`};
	}

	const target = rustTarget(architecture);
	if (facts.rustTargets === undefined) {
		return {...base, status: 'warn', detail: `rustup not found: cannot tell whether ${target} (${architecture}) is installed`, fix: `Install Rust with rustup, then ${targetFix(architecture)}`};
	}

	return facts.rustTargets.includes(target)
		? {...base, status: 'ok', detail: `${target} (${architecture})`}
		: {...base, status: 'fail', detail: `${target} (${architecture}) is not installed`, fix: targetFix(architecture)};
}

function containerCheck(container: NonNullable<DoctorFacts['container']>): Check {
	const base = {id: 'container', title: tools.container.title};
	if (container.docker?.engine) {
		return {...base, status: 'ok', detail: `docker, engine ${container.docker.engine}`};
	}

	const docker = container.docker ? 'docker is installed but its engine does not answer' : 'docker is not installed';
	if (container.podman) {
		return {...base, status: 'ok', detail: `${container.podman} (${docker})`};
	}

	return {...base, status: 'fail', detail: `${docker}, and podman is not installed: needed because packaging = "image"`, fix: tools.container.fix};
}

export function doctorPassed(checks: readonly Check[]): boolean {
	return checks.every(check => check.status !== 'fail');
}
