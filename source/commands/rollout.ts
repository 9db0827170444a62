// `rollout` and `rollback`: read the alias and versions in every region, plan
// (refusing anything wrong before any change), show or run it. Regions go one
// after the other unless --parallel: a bad release stops before the next one.
import {explainAwsError} from '../aws/errors.js';
import type {AwsOptions} from '../aws/options.js';
import {missingProfile} from '../aws/profiles.js';
import {defaultRegion} from '../aws/region.js';
import {awsSender} from '../aws/send.js';
import type {CommandContext} from '../cli/context.js';
import {rollbackOptions, rolloutOptions, type FlagsOf, type Option} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {awsCommand, shellLine, withAwsArgs} from '../deploy/aws-cli.js';
import {request, type AwsSender} from '../deploy/request.js';
import {InterruptedError, RunError, UsageError} from '../errors.js';
import {defaultSteps} from '../spec/defaults.js';
import type {Spec} from '../spec/schema.js';
import {runRegionTasks, type RegionHooks} from '../tasks/rollout.js';
import {realClock, type Clock} from '../tasks/waiting.js';
import {readGate} from '../rollout/gate.js';
import {aliasStart, createAlias, describeAlias, newestVersion, publishCurrent, planRollout, pointAt, rollbackTarget, routedVersion, type AliasState, type RolloutPlan, type VersionInfo} from '../rollout/plan.js';
import {readAlias, readVersions} from '../rollout/read.js';
import {runRollout, type Decision, type RolloutOutcome} from '../rollout/run.js';
import {loadProject} from './project.js';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {smokeInvoke} from '../rollout/smoke.js';

type RolloutFlags = FlagsOf<typeof rolloutOptions>;
type RollbackFlags = FlagsOf<typeof rollbackOptions>;

interface RegionState {
	region: string;
	aws: AwsSender;
	alias: AliasState;
	versions: VersionInfo[];
	/** The alias does not exist here yet (only `rollout` goes on then: it offers to create it). */
	missing?: true;
}

interface Setting {
	spec: Spec;
	alias: string;
	regions: RegionState[];
	say: (text: string) => void;
	awsArgs: string[];
	style: NodeJS.WriteStream;
	/** [rollout] smoke_event, read: invoked on the new version before any traffic moves. */
	smoke?: {event: Uint8Array; file: string} | undefined;
}

/** What both commands share: the config, the flags' checks, and the alias and versions read in every region. */
async function setUp({flags, positionals, terminal, signal}: CommandContext<RollbackFlags>, name: string, options: readonly Option[], aliasMayBeMissing = false): Promise<Setting> {
	const say = (text: string) => (flags.json ? terminal.stderr : terminal.stdout).write(`${text}\n`);
	const {spec, file, dir} = await loadProject(flags, terminal.cwd, options);
	if (spec.project.kind === 'extension') {
		throw new RunError('This project is an extension: it has no alias to move.');
	}

	const smoke = spec.rollout.smoke_event === undefined ? undefined : await readSmokeEvent(join(dir, spec.rollout.smoke_event), file);

	if (!flags['dry-run'] && !flags.yes && !terminal.interactive) {
		throw new UsageError(`${name} changes AWS and there is no terminal to confirm it: pass --yes (or --dry-run to only see the steps).`, name);
	}

	const aws: AwsOptions = {endpointUrl: flags['endpoint-url'], profile: flags.profile};
	const profileProblem = await missingProfile(aws.profile, terminal.env);
	if (profileProblem) {
		throw profileProblem;
	}

	const names = spec.deploy.regions.length > 0 ? spec.deploy.regions : [await defaultRegion(aws)];
	if (names.some(region => region === undefined)) {
		throw new RunError('No region to act in.', `Set deploy.regions in ${file}, pass --region, or set AWS_REGION.`);
	}

	const alias = positionals[0] ?? spec.deploy.alias;
	const functionName = spec.function.name;
	const regions = await Promise.all((names as string[]).map(async region => {
		const sender = awsSender(region, aws);
		try {
			const [state, versions] = await Promise.all([readAlias(sender, functionName, alias, signal), readVersions(sender, functionName, signal)]);
			if (versions === undefined) {
				throw new RunError(`${region}: function ${functionName} does not exist.`, 'Deploy it first: `deploy` creates it, publishes a version and the alias.');
			}

			if (state === undefined) {
				if (aliasMayBeMissing) {
					return {region, aws: sender, alias: {version: '', weights: {}}, versions, missing: true as const};
				}

				throw new RunError(`${region}: ${functionName} has no alias ${alias}.`, 'Deploy first (it creates the alias), or name an existing alias.');
			}

			return {region, aws: sender, alias: state, versions};
		} catch (error) {
			throw error instanceof RunError ? error : explainAwsError(error, {endpointUrl: aws.endpointUrl, region, regionSource: 'deploy.regions or --region'});
		}
	}));
	if (signal.aborted) {
		throw new InterruptedError('nothing was changed.');
	}

	for (const {region, alias: state, missing} of regions) {
		say(missing ? `${region}: ${functionName} has no alias ${alias}` : `${region}: ${functionName}:${alias} on ${describeAlias(state)}`);
	}

	return {spec, alias, regions, say, smoke, awsArgs: [...(flags['endpoint-url'] ? ['--endpoint-url', flags['endpoint-url']] : []), ...(flags.profile ? ['--profile', flags.profile] : [])], style: flags.json ? terminal.stderr : terminal.stdout};
}

async function ask<T>(signal: AbortSignal, message: string, choices: Array<{name: string; value: T}>): Promise<T> {
	const {select} = await import('@inquirer/prompts');
	return select<T>({message, choices}, {signal});
}

type Strategy = Spec['rollout']['strategy'];

/** Which strategy, each with the steps it means. */
async function askStrategy(signal: AbortSignal, interval: number): Promise<Strategy> {
	const percents = (strategy: Strategy) => defaultSteps[strategy].map(step => `${step} %`).join(', ');
	return ask<Strategy>(signal, 'How should the traffic move? (rollout.strategy is all-at-once; --strategy or --yes skips this question)', [
		{name: 'all at once: the alias points at the new version in one step', value: 'all-at-once'},
		{name: `canary: ${percents('canary')}, ${interval} s per step`, value: 'canary'},
		{name: `linear: ${percents('linear')}, ${interval} s per step`, value: 'linear'},
		{name: `manual: ${percents('manual')}, asking before each step`, value: 'manual'},
	]).catch(() => {
		throw new InterruptedError('nothing was changed.');
	});
}

async function confirm(signal: AbortSignal, message: string): Promise<boolean> {
	const {confirm: yesNo} = await import('@inquirer/prompts');
	try {
		return await yesNo({message, default: true}, {signal});
	} catch {
		throw new InterruptedError('nothing was changed.');
	}
}

const succeeded = (summary: RegionSummary) => summary.status !== 'failed' && summary.status !== 'interrupted' && summary.status !== 'not started' && !(summary.status === 'rolled-back' && summary.reason !== undefined);

interface RegionSummary {
	region: string;
	status: RolloutOutcome['status'] | 'not started' | 'unchanged';
	alias: AliasState;
	reason?: string;
	finish?: string;
}

function printSummary(setting: Setting, summaries: readonly RegionSummary[], ok: boolean, json: boolean, out: (text: string) => void): void {
	const functionName = setting.spec.function.name;
	if (json) {
		out(JSON.stringify({ok, functionName, alias: setting.alias, regions: summaries}, null, 2));
		return;
	}

	for (const summary of summaries) {
		const mark = succeeded(summary) ? paint(setting.style, 'green', '✔') : paint(setting.style, 'red', '✖');
		setting.say(`${mark} ${summary.region}: ${functionName}:${setting.alias} ${summary.status}, on ${describeAlias(summary.alias)}${summary.reason ? ` (${summary.reason})` : ''}`);
		if (summary.finish) {
			setting.say(`  to finish the rollback: ${summary.finish}`);
		}
	}
}

export async function rollout(context: CommandContext<RolloutFlags>): Promise<number> {
	const {flags, terminal, signal} = context;
	const out = (text: string) => terminal.stdout.write(`${text}\n`);
	const setting = await setUp(context, 'rollout', rolloutOptions, true);
	// The default strategy was never a choice: at a terminal, ask before anything moves.
	if (setting.spec.rollout.strategy === 'all-at-once' && flags.strategy === undefined && terminal.interactive && !flags.yes && !flags['dry-run'] && !flags.json) {
		const chosen = await askStrategy(signal, setting.spec.rollout.interval_seconds);
		setting.spec = {...setting.spec, rollout: {...setting.spec.rollout, strategy: chosen, steps: [...defaultSteps[chosen]]}};
	}

	const {spec, alias, regions, say} = setting;
	const functionName = spec.function.name;
	const steps = spec.rollout.strategy === 'all-at-once' ? [100] : spec.rollout.steps;

	if (flags.publish && flags.to !== undefined) {
		throw new UsageError('--publish makes the target: it cannot go with --to.', 'rollout');
	}

	const published = flags.publish ? await publishVersions(setting, Boolean(flags['dry-run']), signal) : undefined;
	if (published === 'dry-run') {
		say(`Then the ${spec.rollout.strategy} roll-out to the new version (its number is known once it is published). Dry run: nothing was changed.`);
		return exitCode.ok;
	}

	const targets = regions.map((state, index) => published?.[index] ?? flags.to ?? routedVersion(state.alias) ?? newestVersion(state.versions) ?? '');
	// A region without the alias starts from the version before the target: planned as if the alias were there.
	const creations = regions.flatMap((state, index) => {
		if (!state.missing) {
			return [];
		}

		const version = aliasStart(targets[index]!, state.versions);
		state.alias = {version, weights: {}};
		return [{state, version, target: targets[index]!, request: createAlias(functionName, alias, version)}];
	});
	// Plans for every region before any change: one refused region stops them all.
	const plans = regions.map((state, index) => planRollout({
		functionName,
		alias,
		current: state.alias,
		target: targets[index]!,
		steps,
		versions: state.versions,
	}));
	if (creations.length > 0) {
		for (const {state, version, target, request} of creations) {
			const why = version === target ? `there is no earlier version: creating it is the whole release` : `the one before ${target}, then the roll-out moves the traffic`;
			say(`${state.region}: create alias ${alias} on version ${version} (${why}): ${shellLine(withAwsArgs(awsCommand(request, state.region), setting.awsArgs))}`);
		}

		if (!flags['dry-run']) {
			if (!flags.yes && !(await confirm(signal, `Create ${functionName}:${alias} in ${creations.map(({state}) => state.region).join(', ')}?`))) {
				say('Nothing changed.');
				return exitCode.ok;
			}

			for (const {state, version, request} of creations) {
				try {
					await state.aws.send(request);
				} catch (error) {
					throw explainAwsError(error, {endpointUrl: flags['endpoint-url'], region: state.region, regionSource: 'deploy.regions or --region'});
				}

				delete state.missing;
				say(`${state.region}: created alias ${alias} on version ${version}`);
			}
		}
	}

	const halfWay = plans.filter(plan => plan.resumedFrom !== undefined);
	if (halfWay.length > 0 && !flags['dry-run']) {
		say(`A roll-out is under way in ${halfWay.map((_, index) => regions[plans.indexOf(halfWay[index]!)]!.region).join(', ')}.`);
		const choice: 'resume' | 'rollback' = flags.yes ? 'resume' : await ask(signal, 'Resume it or roll back?', [{name: 'resume', value: 'resume' as const}, {name: 'roll back', value: 'rollback' as const}]).catch(() => {
			throw new InterruptedError('nothing was changed.');
		});
		if (choice === 'rollback') {
			return runRollbacks(setting, regions.map((state, index) => ({state, version: plans[index]!.from})), flags, out, context.again);
		}
	}

	if (flags['dry-run']) {
		for (const [index, plan] of plans.entries()) {
			printPlan(setting, regions[index]!.region, plan, flags.json ? undefined : say);
		}

		if (flags.json) {
			out(JSON.stringify({functionName, alias, strategy: spec.rollout.strategy, interval_seconds: spec.rollout.interval_seconds, regions: plans.map((plan, index) => ({
				region: regions[index]!.region,
				from: plan.from,
				to: plan.to,
				steps: plan.steps.map(step => ({percent: step.percent, request: step.request, aws: shellLine(withAwsArgs(awsCommand(step.request, regions[index]!.region), setting.awsArgs))})),
			}))}, null, 2));
		} else {
			say('Dry run: nothing was changed.');
		}

		return exitCode.ok;
	}

	return runPlans(setting, plans, context, out, true);
}

/**
 * --publish: a version of each region's current code ($LATEST), guarded by the CodeSha256
 * just read. A version moves no traffic, so it is published before the roll-out's question.
 */
async function publishVersions(setting: Setting, dryRun: boolean, signal: AbortSignal): Promise<string[] | 'dry-run'> {
	const functionName = setting.spec.function.name;
	const versions: string[] = [];
	for (const state of setting.regions) {
		try {
			const current = await state.aws.send(request('lambda', 'GetFunctionConfiguration', {FunctionName: functionName}), signal);
			const publish = publishCurrent(functionName, current.CodeSha256 ?? '');
			if (dryRun) {
				setting.say(`${state.region}: publish the current code: ${shellLine(withAwsArgs(awsCommand(publish, state.region), setting.awsArgs))}`);
				continue;
			}

			const made = await state.aws.send(publish, signal);
			const version = made.Version ?? '';
			if (!state.versions.some(info => info.version === version)) {
				state.versions.push({version, role: made.Role ?? current.Role ?? ''});
			}

			setting.say(`${state.region}: published version ${version} of the current code`);
			versions.push(version);
		} catch (error) {
			if (signal.aborted) {
				throw new InterruptedError(versions.length > 0 ? `version(s) ${versions.join(', ')} published; no traffic moved.` : 'nothing was changed.');
			}

			throw explainAwsError(error, {region: state.region, regionSource: 'deploy.regions or --region'});
		}
	}

	return dryRun ? 'dry-run' : versions;
}

/**
 * Deploy with a strategy other than all-at-once: the version it published in each region
 * is rolled out in the same run, one region after the other. Deploy asked already.
 * `out`: where the roll-out's summary goes (deploy --json puts it into its own document).
 */
export async function rollOutAfterDeploy(
	context: CommandContext<RollbackFlags>,
	options: readonly Option[],
	published: ReadonlyMap<string, string>,
	out: (text: string) => void = text => context.terminal.stdout.write(`${text}\n`),
): Promise<number> {
	const setting = await setUp(context, 'deploy', options);
	const {spec, alias, regions} = setting;
	const plans = regions.map(state => planRollout({
		functionName: spec.function.name,
		alias,
		current: state.alias,
		target: published.get(state.region) ?? state.alias.version,
		steps: spec.rollout.strategy === 'all-at-once' ? [100] : spec.rollout.steps,
		versions: state.versions,
	}));
	return runPlans(setting, plans, {...context, flags: {...context.flags, parallel: false}}, out, false);
}

/** Runs the plans (regions one after the other, or together with --parallel) and prints the summary. */
async function runPlans(setting: Setting, plans: readonly RolloutPlan[], {flags, terminal, signal, again, interrupt}: CommandContext<RollbackFlags>, out: (text: string) => void, confirmFirst: boolean): Promise<number> {
	const {spec, alias, regions, say} = setting;
	const functionName = spec.function.name;
	const toRun = plans.filter(plan => plan.steps.length > 0);
	if (toRun.length === 0) {
		printSummary(setting, regions.map(state => ({region: state.region, status: 'unchanged', alias: state.alias})), true, Boolean(flags.json), out);
		return exitCode.ok;
	}

	for (const [index, plan] of plans.entries()) {
		printPlan(setting, regions[index]!.region, plan, say);
	}

	if (confirmFirst && !flags.yes && !(await confirm(signal, `Roll ${functionName}:${alias} out (${spec.rollout.strategy}) in ${toRun.length} region(s)?`))) {
		say('Nothing changed.');
		return exitCode.ok;
	}

	const asks = terminal.interactive && !flags.yes;
	const limits = {maxErrors: spec.rollout.max_errors, maxErrorRate: spec.rollout.max_error_rate, alarms: spec.rollout.alarms ?? []};
	const renderer = terminal.interactive && !flags.json ? 'default' : 'simple';
	// The simple renderer prints a line per event: each names its region.
	const label = (region: string, line: string) => (renderer === 'simple' ? `${region}: ${line}` : line);
	const runRegion = async (index: number, {report, choose}: RegionHooks): Promise<RegionSummary> => {
		const plan = plans[index]!;
		const {region, aws} = regions[index]!;
		if (plan.steps.length === 0) {
			return {region, status: 'unchanged', alias: regions[index]!.alias};
		}

		// No prompt ever comes from concurrent tasks: with --parallel a failed gate rolls back.
		const canAsk = asks && !flags.parallel;
		const outcome = await runRollout({
			aws,
			plan,
			clock: rolloutClock,
			signal,
			again,
			intervalMs: spec.rollout.interval_seconds * 1000,
			// A live task list counts the time left down each second; plain output says it at each gate read.
			tickMs: renderer === 'default' ? 1000 : undefined,
			gate: async (since, now) => readGate(aws, {functionName, alias, version: plan.to}, limits, since, now, signal),
			smoke: setting.smoke ? async () => smokeInvoke(aws, {functionName, version: plan.to, event: setting.smoke!.event, eventFile: setting.smoke!.file}, signal) : undefined,
			onFailure: canAsk
				? async failure => choose<Decision>(`Health gate failed (${failure}). What now?`, [
					{name: 'roll back', value: 'rollback'},
					{name: 'hold (keep the weight, check again after one interval)', value: 'hold'},
					{name: 'continue', value: 'continue'},
				])
				: undefined,
			beforeStep: spec.rollout.strategy === 'manual' && canAsk
				? async step => choose<Decision>(`Move ${step.percent} % of ${alias} to version ${plan.to}?`, [
					{name: 'continue', value: 'continue'},
					{name: 'hold (ask again)', value: 'hold'},
					{name: 'roll back', value: 'rollback'},
				])
				: undefined,
			report: line => {
				report(label(region, line));
			},
		});
		return {region, status: outcome.status, alias: outcome.state, ...(outcome.reason ? {reason: outcome.reason} : {}), ...(outcome.finish ? {finish: shellLine(withAwsArgs(awsCommand(plan.rollback, region), setting.awsArgs))} : {})};
	};

	const summaries = await runRegionTasks(plans.map((plan, index) => ({
		title: label(regions[index]!.region, `${functionName}:${alias}, version ${plan.from} → ${plan.to}`),
		run: async (hooks: RegionHooks) => runRegion(index, hooks),
		notStarted: (): RegionSummary => ({region: regions[index]!.region, status: 'not started', alias: regions[index]!.alias}),
	})), {
		concurrent: Boolean(flags.parallel),
		renderer,
		stream: setting.style,
		signal,
		onInterrupt: interrupt,
		succeeded: summary => summary.status === 'done' || summary.status === 'unchanged',
		failure: summary => `${summary.status}, on ${describeAlias(summary.alias)}${summary.reason ? ` (${summary.reason})` : ''}`,
	});

	const ok = summaries.every(summary => summary.status === 'done' || summary.status === 'unchanged');
	printSummary(setting, summaries, ok, Boolean(flags.json), out);
	if (summaries.some(summary => summary.status === 'interrupted')) {
		return exitCode.interrupted;
	}

	return ok ? exitCode.ok : exitCode.failed;
}

/** A real run waits in real time; tests of the runner inject their own clock. */
const rolloutClock: Clock = realClock;

function printPlan(setting: Setting, region: string, plan: RolloutPlan, say: ((text: string) => void) | undefined): void {
	if (say === undefined) {
		return;
	}

	if (plan.steps.length === 0) {
		say(`${region}: ${setting.alias} is already on version ${plan.to}: nothing to do.`);
		return;
	}

	say(`${region}: version ${plan.from} → ${plan.to}${plan.resumedFrom === undefined ? '' : ` (resuming from ${plan.resumedFrom} %)`}, ${setting.spec.rollout.interval_seconds} s per step:`);
	for (const step of plan.steps) {
		say(`  ${step.percent} %: ${shellLine(withAwsArgs(awsCommand(step.request, region), setting.awsArgs))}`);
	}
}

export async function rollback(context: CommandContext<RollbackFlags>): Promise<number> {
	const {flags, signal} = context;
	const out = (text: string) => context.terminal.stdout.write(`${text}\n`);
	const setting = await setUp(context, 'rollback', rollbackOptions);
	const targets = setting.regions.map(state => {
		const version = rollbackTarget(state.alias, state.versions);
		if (version === undefined) {
			throw new RunError(`${state.region}: ${setting.alias} is on version ${state.alias.version} and there is no earlier published version to go back to.`);
		}

		return {state, version};
	});
	if (flags['dry-run']) {
		for (const {state, version} of targets) {
			setting.say(`${state.region}: ${shellLine(withAwsArgs(awsCommand(pointAt(setting.spec.function.name, setting.alias, version), state.region), setting.awsArgs))}`);
		}

		setting.say('Dry run: nothing was changed.');
		return exitCode.ok;
	}

	if (!flags.yes && !(await confirm(signal, `Point ${setting.spec.function.name}:${setting.alias} back at ${[...new Set(targets.map(target => `version ${target.version}`))].join(', ')}?`))) {
		setting.say('Nothing changed.');
		return exitCode.ok;
	}

	return runRollbacks(setting, targets, flags, out, context.again);
}

async function runRollbacks(setting: Setting, targets: ReadonlyArray<{state: RegionState; version: string}>, flags: RollbackFlags, out: (text: string) => void, again: AbortSignal | undefined): Promise<number> {
	const functionName = setting.spec.function.name;
	const one = async ({state, version}: {state: RegionState; version: string}): Promise<RegionSummary> => {
		const update = pointAt(functionName, setting.alias, version);
		try {
			// Not cut off by Ctrl-C (a rollback that finishes is better), only by a second one.
			await state.aws.send(update, again);
			return {region: state.region, status: 'rolled-back', alias: {version, weights: {}}};
		} catch (error) {
			const finish = shellLine(withAwsArgs(awsCommand(update, state.region), setting.awsArgs));
			if (again?.aborted) {
				return {region: state.region, status: 'interrupted', alias: state.alias, reason: 'the rollback was cut off by a second Ctrl-C and may not have reached AWS', finish};
			}

			return {region: state.region, status: 'failed', alias: state.alias, reason: explainAwsError(error, {region: state.region, regionSource: 'deploy.regions or --region'}).message, finish};
		}
	};

	const summaries = flags.parallel ? await Promise.all(targets.map(one)) : [];
	if (!flags.parallel) {
		for (const target of targets) {
			summaries.push(await one(target));
		}
	}

	const ok = summaries.every(summary => summary.status === 'rolled-back');
	printSummary(setting, summaries, ok, Boolean(flags.json), out);
	if (summaries.some(summary => summary.status === 'interrupted')) {
		return exitCode.interrupted;
	}

	return ok ? exitCode.ok : exitCode.failed;
}

/** The smoke event's bytes; a missing or unreadable file is the config's to fix. */
async function readSmokeEvent(path: string, file: string): Promise<{event: Uint8Array; file: string}> {
	try {
		return {event: await readFile(path), file: path};
	} catch (error) {
		throw new RunError(`rollout.smoke_event in ${file}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Point it at an event file of the project, e.g. smoke_event = "events/sqs.json", or remove the key.');
	}
}
