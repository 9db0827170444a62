// doctor's verdicts: from what was found on the machine (and what the project's
// config asks for) to one check per need, each with a fix. Pure.
import {architectureTargets} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {rustTarget, targetFix, tools, type Architecture} from './requirements.js';

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
	region?: {name: string; from: string} | undefined;
	/** The project's config, or why it could not be read; undefined outside a project. */
	project?: {file: string; spec: Spec} | {file: string; problems: readonly string[]} | undefined;
}

export const minimumNode = [22, 13] as const;

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

	add({id: 'cargo', title: 'cargo', ...(facts.cargo ? {status: 'ok', detail: facts.cargo} : missing(tools.rust.fix))});
	add({id: 'rustc', title: 'rustc', ...(facts.rustc ? {status: 'ok', detail: facts.rustc} : missing(tools.rust.fix))});
	add({id: 'cargo-lambda', title: 'cargo-lambda', ...(facts.cargoLambda ? {status: 'ok', detail: facts.cargoLambda} : missing(tools['cargo-lambda'].fix, `not found: it ${tools['cargo-lambda'].why}`))});
	add({id: 'zig', title: 'zig', ...(facts.zig ? {status: 'ok', detail: facts.zig} : missing(tools.zig.fix, `not found: it is ${tools.zig.why}`))});
	add(targetCheck(facts, spec?.project.architecture));

	if (spec?.project.packaging === 'image') {
		add(containerCheck(facts.container ?? {}));
	}

	add('account' in facts.identity
		? {id: 'credentials', title: 'AWS credentials', status: 'ok', detail: `account ${facts.identity.account}, ${facts.identity.arn}`}
		: {id: 'credentials', title: 'AWS credentials', ...missing(facts.identity.fix ?? 'Check the credentials and run doctor again.', facts.identity.problem)});

	add(facts.region
		? {id: 'region', title: 'AWS region', status: 'ok', detail: `${facts.region.name} (from ${facts.region.from})`}
		: {id: 'region', title: 'AWS region', ...missing('Set deploy.regions in rust-lambda.toml, pass --region, or set AWS_REGION (or region in the profile).', 'none set')});

	return checks;
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
