// `deploy`: config -> what to ship (zip or image) -> observe every region -> plan -> print (dry run) or run the task list.
import {explainAwsError, type ErrorContext} from '../aws/errors.js';
import type {AwsOptions} from '../aws/options.js';
import {missingProfile} from '../aws/profiles.js';
import {offlineSender, placeholderAccount} from '../aws/offline.js';
import {defaultRegion, hasCredentials} from '../aws/region.js';
import {awsSender} from '../aws/send.js';
import type {CommandContext} from '../cli/context.js';
import {deployOptions, flagWords, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {hasChanges} from '../deploy/action.js';
import {readAndPlan, type FailedRegion} from '../deploy/read.js';
import {RegistryLoginError, type LoginContext} from '../deploy/image.js';
import {countChanges, planJson, planText, summaryJson, summaryText, type DeployOutcome, type RegionOutcome} from '../deploy/report.js';
import type {AwsSender} from '../deploy/request.js';
import {shipment} from '../deploy/shipment.js';
import type {Plan} from '../deploy/types.js';
import {InterruptedError, RunError, UsageError} from '../errors.js';
import {shellLine} from '../shell-words.js';
import type {Spec} from '../spec/schema.js';
import {newRegionOutcome, newRoleOutcome, runDeployTasks} from '../tasks/deploy.js';
import {realClock} from '../tasks/waiting.js';
import {readManifest} from '../tools/registry.js';
import {companionLayer, hasCompanion, layersWithCompanion} from './companion-layer.js';
import {loadProject} from './project.js';

type DeployFlags = FlagsOf<typeof deployOptions>;

export async function deploy(command: CommandContext<DeployFlags>): Promise<number> {
	const {flags, terminal, signal} = command;
	const out = (text: string) => terminal.stdout.write(`${text}\n`);
	// With --json, stdout carries only JSON: everything for people goes to stderr.
	const say = (text: string) => (flags['json'] ? terminal.stderr : terminal.stdout).write(`${text}\n`);
	const style = flags['json'] ? terminal.stderr : terminal.stdout;
	const report = {
		paint: (format: Parameters<typeof paint>[1], text: string) => paint(style, format, text),
		extraAwsArgs: awsCliArgs(flags),
	};

	const {spec, file, dir} = await loadProject(flags, terminal.cwd, deployOptions);
	refuseUnsupported(spec);
	if (!flags['dry-run'] && !flags['yes'] && !terminal.interactive) {
		throw new UsageError('deploy changes AWS and there is no terminal to confirm it: pass --yes (or --dry-run to only see the plan).', 'deploy');
	}

	const aws: AwsOptions = {
		endpointUrl: flags['endpoint-url'],
		profile: flags.profile,
	};
	const profileProblem = await missingProfile(aws.profile, terminal.env);
	if (profileProblem) {
		throw profileProblem;
	}

	const regions = spec.deploy.regions.length > 0 ? spec.deploy.regions : [await regionFromEnvironment(aws, file)];
	const context: ErrorContext = {endpointUrl: aws.endpointUrl, regionSource: regionSource(flags, file, spec)};
	// A failed registry login is said with this run's own fix: --registry, on this command line.
	const login: LoginContext = {
		endpointUrl: aws.endpointUrl ?? terminal.env['AWS_ENDPOINT_URL_ECR'] ?? terminal.env['AWS_ENDPOINT_URL'],
		awsArgs: report.extraAwsArgs,
		rerunWith: registry => `${terminal.self} ${shellLine(['deploy', ...flagWords(deployOptions, {...flags, registry})])}`,
	};
	const explain = (error: unknown, region?: string) => (error instanceof RegistryLoginError ? error.explained(login) : explainAwsError(error, {...context, region}));
	// A dry run without credentials still shows the plan: as for an account where nothing exists yet.
	const offline = Boolean(flags['dry-run']) && !(await hasCredentials(aws));
	const senders = new Map<string, AwsSender>();
	const makeSender = offline ? offlineSender : (region: string) => awsSender(region, aws);
	const senderFor = (region: string) => senders.get(region) ?? senders.set(region, makeSender(region)).get(region)!;
	const code = await shipment({spec, flags, terminal, projectDir: dir, regions, planOnly: Boolean(flags['dry-run']), aws: () => senderFor(regions[0]!), readManifest, signal}).catch((error: unknown) => {
		throw explain(error, regions[0]);
	});
	// A companion external extension: its layer is planned in each region with the function, and published first; regions where it could not be read are not deployed.
	const companion = hasCompanion(spec)
		? await companionLayer({spec, file, dir, regions, terminal, signal, senderFor, explain, dryRun: Boolean(flags['dry-run']), json: Boolean(flags['json']), people: style, report, code})
		: undefined;
	const deployed = companion && !flags['dry-run'] ? regions.filter(region => companion.arnIn.has(region)) : regions;
	if (deployed.length === 0) {
		say(companion!.summaryText());
		return exitCode.failed;
	}

	const planned = await readAndPlan({spec, file, regions: deployed, shipment: code, senderFor, readManifest, explain, signal, layersIn: companion && layersWithCompanion(companion)});
	let {plan} = planned;
	const notes = [
		...(offline ? [`no AWS credentials were found, so this plan assumes nothing exists in AWS yet and ${placeholderAccount} stands for the account (set AWS_PROFILE or pass --profile for the real plan).`] : []),
		...(code.assumed ? [code.assumed] : []),
		...planned.notes,
	];
	const failed = planned.failed.map(region => failedOutcome(region, spec));
	if (signal.aborted) {
		throw new InterruptedError();
	}

	// No region could be read: there is no plan to show or run (not even the role's), only why.
	if (plan.regions.length === 0 && failed.length > 0) {
		if (flags['json']) {
			out(JSON.stringify(flags['dry-run'] ? planJson({roles: [], regions: []}, report, failed) : summaryJson({roles: [], regions: failed}), null, 2));
		} else {
			say(summaryText({roles: [], regions: failed}, report));
		}

		return exitCode.failed;
	}

	for (const note of notes) {
		terminal.stderr.write(`${paint(terminal.stderr, 'yellow', 'note:')} ${note}\n`);
	}

	if (flags['dry-run']) {
		if (flags['json']) {
			out(JSON.stringify({...planJson(plan, report, failed), ...(companion ? {layer: companion.planJson()} : {})}, null, 2));
		} else {
			if (companion) {
				out(`${companion.planText()}\n`);
			}

			out(planText(plan, report));
			if (failed.length > 0) {
				out(summaryText({roles: [], regions: failed}, report));
			}

			out('Dry run: nothing was changed.');
		}

		return failed.length > 0 ? exitCode.failed : exitCode.ok;
	}

	// One question for the companion's layer and the function together.
	const counts = countChanges({roles: plan.roles, regions: [...companion?.planned ?? [], ...plan.regions]});
	const changes = counts.create + counts.update + counts.delete;
	const toRun: Plan = {
		roles: plan.roles.filter(role => hasChanges(role.actions) || hasChanges(role.afterRegions)),
		regions: plan.regions.filter(region => hasChanges(region.actions)),
	};
	const changing = new Set([...companion?.planned ?? [], ...toRun.regions].filter(region => hasChanges(region.actions)).map(region => region.region)).size;
	if (changes > 0) {
		say([companion?.changesText(), toRun.roles.length + toRun.regions.length > 0 ? planText(toRun, report) : undefined].filter(Boolean).join('\n\n'));
		if (!flags['yes']) {
			// A plan that deletes or replaces something is asked with No as the answer Enter gives.
			const accepted = await confirm(signal, `Apply ${changes} change(s)${changing > 0 ? ` in ${changing} region(s)` : ''}${counts.delete > 0 ? `, ${counts.delete} of them deleting` : ''}?`, counts.delete === 0);
			if (!accepted) {
				say('Nothing changed.');
				return exitCode.ok;
			}
		}
	}

	// The layer first: each region's function then gets the version its layer ended with; a region whose layer failed is not deployed.
	let layerFailed: string[] = [];
	if (companion) {
		plan = await companion.publish(planned);
		toRun.regions = plan.regions.filter(region => hasChanges(region.actions));
		layerFailed = regions.filter(region => !companion.arnIn.has(region));
		if (plan.regions.length === 0) {
			say(companion.summaryText());
			return exitCode.failed;
		}
	}

	const outcome = await runDeployTasks(toRun, {
		senderFor,
		homeRegion: regions[0]!,
		zipFile: code.packageType === 'Zip' ? code.bytes : undefined,
		container: code.packageType === 'Image' ? code.container : undefined,
		readManifest,
		clock: realClock,
		signal,
		renderer: terminal.interactive && !flags['json'] ? 'default' : 'simple',
		stream: flags['json'] ? terminal.stderr : terminal.stdout,
		explain,
		failedBefore: [...failed.map(region => region.region), ...layerFailed],
	});
	if (signal.aborted) {
		throw new InterruptedError();
	}

	const unchanged = plan.regions.filter(region => !toRun.regions.includes(region)).map(region => newRegionOutcome(region));
	// A role with nothing to change is said as unchanged, as before.
	const all: DeployOutcome = {
		roles: plan.roles.map(role => outcome.roles.find(ran => ran.roleName === role.roleName) ?? newRoleOutcome(role)),
		regions: [...outcome.regions, ...unchanged, ...failed].sort((a, b) => regions.indexOf(a.region) - regions.indexOf(b.region)),
	};
	// A strategy other than all-at-once: the alias moves in a roll-out after the deploy (commands/rollout.ts).
	const staged = spec.rollout.strategy !== 'all-at-once';
	for (const region of all.regions) {
		region.staged = staged;
	}

	const anyFailed = all.roles.some(role => role.status === 'failed') || all.regions.some(region => region.status === 'failed') || Boolean(companion?.outcomes.some(region => region.status === 'failed'));
	const rollsOut = staged && !anyFailed && flags.rollout !== false;
	const deployJson = {...summaryJson(all), ...(companion ? {layer: companion.summaryJson()} : {})};
	if (!flags['json']) {
		say([...(companion ? [companion.summaryText()] : []), summaryText(all, report)].join('\n'));
	} else if (!rollsOut) {
		out(JSON.stringify(deployJson, null, 2));
	}

	if (anyFailed || !staged) {
		return anyFailed ? exitCode.failed : exitCode.ok;
	}

	const published = new Map(all.regions.flatMap(region => (region.version ? [[region.region, region.version] as const] : [])));
	if (!rollsOut) {
		say(`Not rolled out (--no-rollout). To move alias ${spec.deploy.alias}: ${terminal.self} rollout ${spec.deploy.alias} --to ${[...new Set(published.values())].join('|')}`);
		return exitCode.ok;
	}

	const {rollOutAfterDeploy} = await import('./rollout.js');
	if (!flags['json']) {
		return rollOutAfterDeploy(command, deployOptions, published);
	}

	// One JSON document on stdout: the deploy's summary with the roll-out's in it.
	let rollout: {ok?: boolean} | undefined;
	const rolled = await rollOutAfterDeploy(command, deployOptions, published, text => {
		rollout = JSON.parse(text) as {ok?: boolean};
	});
	out(JSON.stringify({...deployJson, ok: rolled === exitCode.ok && rollout?.ok !== false, rollout: rollout ?? null}, null, 2));
	return rolled;
}

/** A region that could not be read or planned, as the summary shows it. */
function failedOutcome({region, error}: FailedRegion, spec: Spec): RegionOutcome {
	return {region, functionName: spec.function.name, alias: spec.deploy.alias, status: 'failed', done: {create: [], update: [], delete: [], 'no-op': []}, error};
}

function refuseUnsupported(spec: Spec): void {
	if (spec.project.kind === 'extension') {
		throw new RunError(
			'This project is an extension: there is no function to deploy.',
			'Extensions are published as layers: `rust-lambda-wizard layer publish`.',
		);
	}
}

export async function regionFromEnvironment(aws: AwsOptions, file: string): Promise<string> {
	const region = await defaultRegion(aws);
	if (region === undefined) {
		throw new RunError('No region to deploy to.', `Set deploy.regions in ${file}, pass --region, or set AWS_REGION.`);
	}

	return region;
}

/** Asks before changing AWS; only called with a terminal (checked up front). Ctrl-C there changes nothing either. */
export async function confirm(signal: AbortSignal, question: string, byDefault: boolean): Promise<boolean> {
	const {confirm: ask} = await import('@inquirer/prompts');
	try {
		return await ask({message: question, default: byDefault}, {signal});
	} catch {
		throw new InterruptedError('nothing was changed.');
	}
}

/** Where the regions came from, so that a fix names the place to change. */
export function regionSource(flags: DeployFlags, file: string, spec: Spec): string {
	if (flags['region']) {
		return 'the --region flag';
	}

	if (spec.deploy.regions.length > 0) {
		return `deploy.regions in ${file}${flags['env'] ? ` (or [env.${flags.env}.deploy] there)` : ''}`;
	}

	return 'AWS_REGION (or the profile\'s region)';
}

export function awsCliArgs(flags: DeployFlags): string[] {
	return [
		...(flags['endpoint-url'] ? ['--endpoint-url', flags['endpoint-url']] : []),
		...(flags.profile ? ['--profile', flags.profile] : []),
	];
}
