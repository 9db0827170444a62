// `layer publish`: the extension zip (built as `build` builds it, or --zip) ->
// the newest version of the layer in every region -> a plan (publish, or reuse
// the version that has these bytes; grants) -> print it (dry run) or run it with
// deploy's task list.
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {explainAwsError} from '../aws/errors.js';
import type {AwsOptions} from '../aws/options.js';
import {offlineSender, placeholderAccount} from '../aws/offline.js';
import {missingProfile} from '../aws/profiles.js';
import {hasCredentials} from '../aws/region.js';
import {awsSender} from '../aws/send.js';
import type {CommandContext} from '../cli/context.js';
import {layerOptions, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {paint} from '../cli/style.js';
import {hasChanges} from '../deploy/action.js';
import {attachPlanText, attachSummaryJson, attachSummaryLine, layerPlanJson, layerPlanText, layerSummaryJson, layerSummaryText, pruneSummaryLine, versionsText} from '../deploy/layer-report.js';
import {listLayerVersions, planPrune} from '../deploy/layer-versions.js';
import {attachChoices, attachProblem, listFunctions, observeAttachTargets, planAttach, type AttachChoice, type AttachLayer, type AttachTarget} from '../deploy/layer-attach.js';
import {desiredLayer, layerNameOf, layersOf, observeLayer, planLayer, type DesiredLayer} from '../deploy/layer-version.js';
import {countChanges, errorJson, type RegionOutcome, type ReportOptions} from '../deploy/report.js';
import type {AwsSender} from '../deploy/request.js';
import type {Plan, RegionPlan} from '../deploy/types.js';
import {InterruptedError, RunError, UsageError, type KnownError} from '../errors.js';
import {cargoLambdaOutput} from '../plan/build.js';
import type {Spec} from '../spec/schema.js';
import {names} from '../spec/limits.js';
import {didYouMean} from '../spec/suggest.js';
import {newRegionOutcome, runDeployTasks, type DeployTaskOptions} from '../tasks/deploy.js';
import {realClock} from '../tasks/waiting.js';
import {cargoTargetDir} from '../tools/cargo.js';
import {readZip} from '../tools/files.js';
import {listZip} from '../tools/zip.js';
import {buildProject} from './build.js';
import {awsCliArgs, confirm, regionFromEnvironment, regionSource} from './deploy.js';
import {loadProject} from './project.js';

type LayerFlags = FlagsOf<typeof layerOptions>;
const subcommands = ['publish', 'list', 'prune'] as const;

export async function layer(context: CommandContext<LayerFlags>): Promise<number> {
	// From the home menu (or `layer` alone) at a terminal: which one is asked.
	const subcommand = context.positionals[0] ?? (context.terminal.interactive ? await askSubcommand(context.signal) : undefined);
	switch (subcommand) {
		case 'publish': {
			return publish(context);
		}

		case 'list': {
			return list(context);
		}

		case 'prune': {
			return prune(context);
		}

		default: {
			break;
		}
	}

	throw new UsageError(
		subcommand === undefined
			? `layer needs a subcommand: ${subcommands.map(name => `layer ${name}`).join(', ')}.`
			: `Unknown subcommand layer ${subcommand}${didYouMean(subcommand, subcommands)}. Subcommands: ${subcommands.join(', ')}.`,
		'layer',
	);
}

/** The extension whose layer this is: an external one (an internal extension lives in the function's own binary). */
function extensionOf(spec: Spec): NonNullable<Spec['extension']> {
	if (spec.extension === undefined || spec.project.kind === 'function') {
		throw new RunError('This project has no extension to publish as a layer.', 'Layers hold extensions: make one with `rust-lambda-wizard new --kind extension` (or function+extension).');
	}

	if (spec.extension.internal) {
		throw new RunError(
			`Extension ${spec.extension.name} is internal: it runs inside the function's own process and ships in the function's zip, not as a layer.`,
			'Set extension.internal = false in rust-lambda.toml for an external extension, which is published as a layer.',
		);
	}

	return spec.extension;
}

/**
 * The zip to publish: --zip, else the one `build` makes: built now (`layer publish`), or
 * only looked for (a dry run, and deploy, which ships what `build` made); checked either way.
 */
export async function extensionZip(spec: Spec, extension: string, flags: {zip?: string | undefined; 'dry-run'?: boolean | undefined; json?: boolean | undefined}, input: Omit<Parameters<typeof buildProject>[0], 'spec' | 'only' | 'json'> & {build: boolean}) {
	const zip = await findExtensionZip(spec, extension, flags, input);
	if (zip.bytes > 0) {
		checkExtensionZip(zip.path, zip.bytesRead);
	}

	return zip;
}

async function findExtensionZip(spec: Spec, extension: string, flags: Parameters<typeof extensionZip>[2], {build, ...input}: Parameters<typeof extensionZip>[3]) {
	const {terminal, dir, signal} = input;
	// deploy's --zip is the function's: there, the extension's zip comes from `build` alone.
	const hint = build ? 'Build it with `rust-lambda-wizard build`, or pass --zip PATH.' : 'Build it with `rust-lambda-wizard build`: it builds the function and its extension.';
	if (flags.zip !== undefined) {
		return readZip(resolve(terminal.cwd, flags.zip), hint);
	}

	if (flags['dry-run'] || !build) {
		const path = join((await cargoTargetDir({env: terminal.env, cwd: dir, signal})).dir, 'lambda', cargoLambdaOutput('external-extension', extension, true));
		if (!flags['dry-run'] || existsSync(path)) {
			return readZip(path, hint);
		}

		return {path, sha256: '<not built yet>', bytes: 0, bytesRead: new Uint8Array(), assumed: `${path} is not built yet: the plan shows it as a new layer version.`};
	}

	const {built} = await buildProject({...input, spec, json: Boolean(flags.json), only: step => step.type === 'zip' && step.layout === 'external-extension'});
	const zip = built.find(artifact => artifact.kind === 'zip');
	if (zip === undefined) {
		throw new Error('internal: the build made no extension zip');
	}

	return readZip(zip.path, hint);
}

/** Lambda runs a layer's extensions from /opt/extensions: the zip must hold an executable under extensions/. */
function checkExtensionZip(path: string, bytes: Uint8Array): void {
	const executables = listZip(bytes).filter(entry => entry.name.startsWith('extensions/') && !entry.name.endsWith('/'));
	if (executables.length === 0) {
		throw new RunError(
			`${path} holds no extensions/<name> entry: Lambda starts a layer's extensions from /opt/extensions, and this zip would put nothing there.`,
			'Publish the zip `rust-lambda-wizard build` makes for the extension (target/lambda/extensions/<name>.zip).',
		);
	}

	const notExecutable = executables.filter(entry => entry.mode !== 0 && (entry.mode & 0o111) === 0);
	if (notExecutable.length > 0) {
		throw new RunError(`${path}: ${notExecutable.map(entry => entry.name).join(', ')} is not executable, so Lambda could not start it.`, 'Build it with `rust-lambda-wizard build`, which zips it with mode 755.');
	}
}

/** What every layer subcommand starts from: the project, its layer, the regions and a sender for each. */
async function prepare({flags, terminal}: CommandContext<LayerFlags>, subcommand: string, changes: boolean) {
	const json = Boolean(flags.json);
	const out = (text: string) => terminal.stdout.write(`${text}\n`);
	// With --json, stdout carries only JSON: everything for people goes to stderr.
	const people = json ? terminal.stderr : terminal.stdout;
	const say = (text: string) => people.write(`${text}\n`);
	const report = {paint: (format: Parameters<typeof paint>[1], text: string) => paint(people, format, text), extraAwsArgs: awsCliArgs(flags)};

	const {spec, file, dir} = await loadProject(flags, terminal.cwd, layerOptions);
	const extension = extensionOf(spec);
	const name = layerNameOf(spec)!;
	if (changes && !flags['dry-run'] && !flags.yes && !terminal.interactive) {
		throw new UsageError(`layer ${subcommand} changes AWS and there is no terminal to confirm it: pass --yes (or --dry-run to only see the plan).`, 'layer');
	}

	const aws: AwsOptions = {endpointUrl: flags['endpoint-url'], profile: flags.profile};
	const profileProblem = await missingProfile(aws.profile, terminal.env);
	if (profileProblem) {
		throw profileProblem;
	}

	const regions = spec.deploy.regions.length > 0 ? spec.deploy.regions : [await regionFromEnvironment(aws, file)];
	const context = {endpointUrl: aws.endpointUrl, regionSource: regionSource(flags, file, spec)};
	const explain = (error: unknown, region?: string) => explainAwsError(error, {...context, region});
	const offline = Boolean(flags['dry-run']) && !(await hasCredentials(aws));
	const senders = new Map<string, AwsSender>();
	const makeSender = offline ? offlineSender : (region: string) => awsSender(region, aws);
	const senderFor = (region: string) => senders.get(region) ?? senders.set(region, makeSender(region)).get(region)!;
	return {json, out, people, say, report, spec, file, dir, extension, name, regions, explain, offline, senderFor};
}

/**
 * One layer per architecture of layer.architectures (layersOf names them), each built, planned,
 * asked and run in turn; JSON: that layer's object, or {ok, layers} for two.
 */
async function publish(context: CommandContext<LayerFlags>): Promise<number> {
	const setup = await prepare(context, 'publish', true);
	const {spec, out, json} = setup;
	const layers = layersOf(spec);
	const architectures = layers.map(layer => layer.architecture);
	if (architectures.length > 1 && context.flags.zip !== undefined) {
		throw new UsageError(`--zip is one architecture's zip, and layer.architectures lists ${architectures.join(' and ')}: leave out --zip, and layer publish builds the extension for each.`, 'layer');
	}

	const results: Array<{code: number; json: Record<string, unknown>}> = [];
	for (const {architecture} of layers) {
		// One after the other: each build writes the same target/lambda/extensions/<name>.zip.
		const result = await publishArchitecture(context, setup, {...spec, project: {...spec.project, architecture}}, architectures);
		if (result === undefined) {
			return exitCode.ok;
		}

		results.push(result);
	}

	if (json) {
		out(JSON.stringify(results.length === 1 ? results[0]!.json : {ok: results.every(result => result.json['ok'] !== false), layers: results.map(result => result.json)}, null, 2));
	}

	return results.some(result => result.code !== exitCode.ok) ? exitCode.failed : exitCode.ok;
}

async function publishArchitecture(
	{flags, terminal, signal}: CommandContext<LayerFlags>,
	setup: Awaited<ReturnType<typeof prepare>>,
	spec: Spec,
	architectures: readonly string[],
): Promise<{code: number; json: Record<string, unknown>} | undefined> {
	const {json, out, people, say, report, dir, extension, regions, explain, offline, senderFor} = setup;
	const zip = await extensionZip(spec, extension.name, flags, {dir, terminal, signal, people, build: true});
	// Named for its architecture when the config publishes two (layersOf).
	const desired = desiredLayer(spec, zip);
	const {name} = desired;
	const {planned, failed, plannedArn} = await readLayerRegions(desired, regions, senderFor, explain, signal);
	const plan: Plan = {roles: [], regions: planned};
	// What the size check counts for this layer: its unzipped size, known from the zip itself.
	const layer: AttachLayer = {...desired, bytes: zip.bytes > 0 ? listZip(zip.bytesRead).reduce((sum, entry) => sum + entry.size, 0) : 0};
	let functions = attachNames(flags, spec);
	// The guided path: at a terminal, with no functions named and nothing to say yes for the person, they pick them.
	if (functions.length === 0 && terminal.interactive && !flags.yes && !flags['dry-run'] && !json) {
		functions = await askAttach(await guidedChoices(planned, layer, senderFor, explain, signal), name, signal);
	}

	const attach = await attachTargets(functions, planned, layer, architectures, senderFor, explain, signal);
	const attachPlans = (arnIn: (region: string) => string | undefined): Plan => ({
		roles: [],
		regions: planned.flatMap(region => {
			const arn = arnIn(region.region);
			return arn === undefined ? [] : [{...region, actions: planAttach(region.region, arn, attach.get(region.region) ?? [])}];
		}),
	});

	for (const note of [
		...(offline ? [`no AWS credentials were found, so this plan assumes the layer has no version yet and ${placeholderAccount} stands for the account.`] : []),
		...('assumed' in zip ? [zip.assumed] : []),
	]) {
		terminal.stderr.write(`${paint(terminal.stderr, 'yellow', 'note:')} ${note}\n`);
	}

	if (flags['dry-run']) {
		if (!json) {
			out(layerPlanText(plan, spec.project.architecture, report));
			if (attach.size > 0) {
				out(attachPlanText(attachPlans(plannedArn), report));
			}

			if (failed.length > 0) {
				out(layerSummaryText(name, failed, report));
			}

			out('Dry run: nothing was changed.');
		}

		return {code: failed.length > 0 ? exitCode.failed : exitCode.ok, json: {...layerPlanJson(plan, name, report, failed), ...(attach.size > 0 ? {attach: layerPlanJson(attachPlans(plannedArn), name, report, []).regions} : {})}};
	}

	const shownAttach = attachPlans(plannedArn);
	const attachCounts = countChanges(shownAttach);
	const asked = await askLayerPlan(planned, {
		regions,
		also: {text: attachPlanText({roles: [], regions: shownAttach.regions.filter(region => hasChanges(region.actions))}, report), changes: attachCounts.update},
		architecture: spec.project.architecture,
		yes: Boolean(flags.yes),
		say,
		report,
		signal,
	});
	if (!asked) {
		say('Nothing changed.');
		return undefined;
	}

	const all = await runLayerPlan(planned, failed, {
		regions,
		tasks: {senderFor, homeRegion: regions[0]!, zipFile: zip.bytesRead, clock: realClock, signal, renderer: terminal.interactive && !json ? 'default' : 'simple', stream: people, explain},
	});

	// Attached only where the layer's version is known now (published or reused), with that very ARN.
	const arnNow = new Map(all.flatMap(outcome => {
		const arn = outcome.status === 'failed' ? undefined : outcome.facts?.find(fact => fact.key === 'layerVersionArn')?.value;
		return arn === undefined ? [] : [[outcome.region, arn] as const];
	}));
	const attachPlan = attachPlans(region => arnNow.get(region));
	const toAttach: Plan = {roles: [], regions: attachPlan.regions.filter(region => hasChanges(region.actions))};
	const attached = attach.size === 0 ? [] : [
		...(toAttach.regions.length > 0 ? (await runDeployTasks(toAttach, {senderFor, homeRegion: regions[0]!, clock: realClock, signal, renderer: terminal.interactive && !json ? 'default' : 'simple', stream: people, explain})).regions : []),
		...attachPlan.regions.filter(region => !toAttach.regions.includes(region)).map(region => newRegionOutcome(region)),
	];
	if (signal.aborted) {
		throw new InterruptedError();
	}

	if (!json) {
		say([layerSummaryText(name, all, report), ...attached.map(outcome => attachSummaryLine(outcome, report))].join('\n'));
	}

	return {
		code: [...all, ...attached].some(region => region.status === 'failed') ? exitCode.failed : exitCode.ok,
		json: {...layerSummaryJson(name, all), ...(attach.size > 0 ? {attached: attachSummaryJson(attached)} : {})},
	};
}

/** Each region's newest layer version, read at once, and the plan for it; a region that could not be read is a failed outcome. */
export async function readLayerRegions(
	desired: DesiredLayer,
	regions: readonly string[],
	senderFor: (region: string) => AwsSender,
	explain: (error: unknown, region?: string) => KnownError,
	signal: AbortSignal,
): Promise<{planned: RegionPlan[]; failed: RegionOutcome[]; plannedArn: (region: string) => string}> {
	const read = await Promise.allSettled(regions.map(async region => observeLayer(senderFor(region), desired.name, signal)));
	if (signal.aborted) {
		throw new InterruptedError();
	}

	const failed: RegionOutcome[] = [];
	const planned: RegionPlan[] = [];
	read.forEach((result, index) => {
		const region = regions[index]!;
		if (result.status === 'rejected') {
			failed.push({region, functionName: desired.name, alias: '', status: 'failed', done: {create: [], update: [], delete: [], 'no-op': []}, error: explain(result.reason, region)});
		} else {
			planned.push({region, functionName: desired.name, alias: '', aliasVersion: {version: ''}, actions: planLayer(desired, result.value, region)});
		}
	});
	// What a dry run (and the question) shows for a region's version: the one reused, or what stands for the one to be published.
	const plannedArn = (region: string) => {
		const result = read[regions.indexOf(region)];
		const newest = result?.status === 'fulfilled' ? result.value.newest : undefined;
		const reused = planned.find(each => each.region === region)?.actions.flatMap(action => action.facts ?? []).find(fact => typeof fact.value === 'string')?.value;
		if (typeof reused === 'string') {
			return reused;
		}

		return `${newest ? newest.arn.slice(0, newest.arn.lastIndexOf(':')) : `arn:aws:lambda:${region}:<account>:layer:${desired.name}`}:<new version>`;
	};

	return {planned, failed, plannedArn};
}

interface AskLayerOptions {
	regions: readonly string[];
	/** More changes shown and asked with the layer's (the functions it is attached to afterwards). */
	also?: {text: string; changes: number} | undefined;
	/** The layers' architectures, for the plan's headings: one, or each layer's by name. */
	architecture: Parameters<typeof layerPlanText>[1];
	yes: boolean;
	say: (text: string) => void;
	report: ReportOptions;
	signal: AbortSignal;
}

/** Shows what changes and asks (unless --yes); false when the person said no. */
async function askLayerPlan(planned: readonly RegionPlan[], options: AskLayerOptions): Promise<boolean> {
	const {say, report} = options;
	const toRun: Plan = {roles: [], regions: planned.filter(region => hasChanges(region.actions))};
	const counts = countChanges(toRun);
	const changes = counts.create + counts.update + counts.delete + (options.also?.changes ?? 0);
	if (changes === 0) {
		return true;
	}

	if (toRun.regions.length > 0) {
		say(layerPlanText(toRun, options.architecture, report));
	}

	if (options.also && options.also.changes > 0) {
		say(options.also.text);
	}

	return options.yes || confirm(options.signal, `Apply ${changes} change(s) in ${options.regions.length} region(s)${counts.delete > 0 ? `, ${counts.delete} of them deleting` : ''}?`, counts.delete === 0);
}

/**
 * Runs the regions with changes with deploy's task list (asked already); every region's outcome,
 * in the order of `layers` (when there are several), then of `regions`.
 */
export async function runLayerPlan(planned: readonly RegionPlan[], failed: readonly RegionOutcome[], options: {regions: readonly string[]; layers?: readonly string[]; tasks: DeployTaskOptions}): Promise<RegionOutcome[]> {
	const {regions, layers = [], tasks} = options;
	const toRun: Plan = {roles: [], regions: planned.filter(region => hasChanges(region.actions))};
	const outcome = await runDeployTasks(toRun, tasks);
	if (tasks.signal?.aborted) {
		throw new InterruptedError();
	}

	const unchanged = planned.filter(region => !toRun.regions.includes(region)).map(region => newRegionOutcome(region));
	const rank = (region: RegionOutcome) => (Math.max(0, layers.indexOf(region.functionName)) * regions.length) + regions.indexOf(region.region);
	return [...outcome.regions, ...unchanged, ...failed].sort((a, b) => rank(a) - rank(b));
}

/** --attach (comma-separated or repeated), else layer.attach_to. */
function attachNames(flags: LayerFlags, spec: Spec): string[] {
	const given = flags.attach?.flatMap(value => value.split(',')).map(name => name.trim()).filter(Boolean);
	for (const name of given ?? []) {
		if (!names.function.pattern.test(name)) {
			throw new UsageError(`--attach ${name}: must be ${names.function.rule}.`, 'layer');
		}
	}

	return [...new Set(given ?? spec.layer?.attach_to ?? [])];
}

/** Every function of each region the layer was read in, as the guided path's rows (read before any question and any task). */
async function guidedChoices(
	planned: readonly RegionPlan[],
	layer: AttachLayer,
	senderFor: (region: string) => AwsSender,
	explain: (error: unknown, region?: string) => KnownError,
	signal: AbortSignal,
): Promise<AttachChoice[]> {
	const byRegion = await Promise.all(planned.map(async ({region}) => {
		try {
			return {region, functions: await listFunctions(senderFor(region), signal)};
		} catch (error) {
			throw explain(error, region);
		}
	}));
	return attachChoices(byRegion, layer);
}

/** The multi-select: functions that cannot take the layer are rows that cannot be picked, with why. None picked: publish only. */
async function askAttach(choices: readonly AttachChoice[], name: string, signal: AbortSignal): Promise<string[]> {
	if (choices.length === 0) {
		return [];
	}

	const {checkbox} = await import('@inquirer/prompts');
	try {
		return await checkbox({
			message: `Attach layer ${name} to which functions? (Space picks, Enter goes on; none picked: publish only)`,
			choices: choices.map(choice => ({name: choice.name, value: choice.value, disabled: choice.disabled})),
			pageSize: 15,
		}, {signal});
	} catch {
		throw new InterruptedError('nothing was changed.');
	}
}

/** The functions to attach to, read in each region; any that cannot take the layer is refused, with why, before any write. */
async function attachTargets(
	functions: readonly string[],
	planned: readonly RegionPlan[],
	layer: AttachLayer,
	architectures: readonly string[],
	senderFor: (region: string) => AwsSender,
	explain: (error: unknown, region?: string) => KnownError,
	signal: AbortSignal,
): Promise<Map<string, AttachTarget[]>> {
	if (functions.length === 0) {
		return new Map();
	}

	// With a layer per architecture, a function gets the one of its own architecture.
	const other = (target: AttachTarget) => target.found !== undefined && target.found.architecture !== layer.architecture && architectures.includes(target.found.architecture);
	const read = await Promise.all(planned.map(async ({region}) => {
		try {
			return [region, (await observeAttachTargets(senderFor(region), functions, signal)).filter(target => !other(target))] as const;
		} catch (error) {
			throw explain(error, region);
		}
	}));
	const problems = read.flatMap(([region, targets]) => targets.flatMap(target => {
		const problem = attachProblem(target, layer, region);
		return problem === undefined ? [] : [`${region}: ${problem}`];
	}));
	if (problems.length > 0) {
		throw new RunError(
			`Layer ${layer.name} cannot be attached, so nothing was changed:\n${problems.map(problem => `  ${problem}`).join('\n')}`,
			'Leave those functions out of --attach (or layer.attach_to), or fix them first.',
		);
	}

	return new Map(read);
}

/** The config's functions, whose use of a version `list` shows and `prune` respects: the project's own, and those it attaches to. */
function configFunctions(flags: LayerFlags, spec: Spec): string[] {
	return [...new Set([...(spec.project.kind === 'extension' ? [] : [spec.function.name]), ...attachNames(flags, spec)])];
}

/**
 * Every layer the config publishes (one per architecture: layersOf), in every region, read at
 * once: by layer, then region; one that could not be read carries its error.
 */
async function readVersions(context: CommandContext<LayerFlags>, setup: Awaited<ReturnType<typeof prepare>>) {
	const {regions, senderFor, explain, spec} = setup;
	const functions = configFunctions(context.flags, spec);
	const wanted = layersOf(spec).flatMap(({name}) => regions.map(region => ({layer: name, region})));
	const read = await Promise.allSettled(wanted.map(async ({layer, region}) => listLayerVersions(senderFor(region), layer, functions, context.signal)));
	if (context.signal.aborted) {
		throw new InterruptedError();
	}

	return read.map((result, index) => {
		const {layer, region} = wanted[index]!;
		return result.status === 'fulfilled' ? {region, layer, versions: result.value} : {region, layer, error: explain(result.reason, region)};
	});
}

async function list(context: CommandContext<LayerFlags>): Promise<number> {
	const setup = await prepare(context, 'list', false);
	const read = await readVersions(context, setup);
	if (setup.json) {
		setup.out(JSON.stringify({ok: read.every(entry => entry.error === undefined), layer: setup.name, regions: read.map(entry => (entry.error ? {region: entry.region, layer: entry.layer, error: errorJson(entry.error)} : entry))}, null, 2));
	} else {
		setup.out(read.map(entry => (entry.error
			? `${setup.report.paint('red', '✖')} ${entry.region}: layer ${entry.layer}: ${entry.error.message}`
			: versionsText(entry.layer, entry.region, entry.versions!, setup.report))).join('\n\n'));
	}

	return read.some(entry => entry.error) ? exitCode.failed : exitCode.ok;
}

/** Keeps the newest N of each layer in each region, and every version a config function uses. */
async function prune(context: CommandContext<LayerFlags>): Promise<number> {
	const {flags, terminal, signal} = context;
	const keep = Number(flags.keep ?? '1');
	if (!Number.isInteger(keep) || keep < 1) {
		throw new UsageError(`--keep ${flags.keep}: must be a whole number, 1 or more (the newest version is never deleted).`, 'layer');
	}

	const setup = await prepare(context, 'prune', true);
	const {name, report, say, out, json, regions, senderFor, explain, people, spec} = setup;
	const read = await readVersions(context, setup);
	const planned: RegionPlan[] = read.flatMap(entry => (entry.versions ? [{region: entry.region, functionName: entry.layer, alias: '', aliasVersion: {version: ''}, actions: planPrune(entry.layer, entry.versions, keep, entry.region)}] : []));
	const failed: RegionOutcome[] = read.flatMap(entry => (entry.error ? [{region: entry.region, functionName: entry.layer, alias: '', status: 'failed' as const, done: {create: [], update: [], delete: [], 'no-op': []}, error: entry.error}] : []));
	const layers = layersOf(spec);
	const architecture = Object.fromEntries(layers.map(layer => [layer.name, layer.architecture]));
	if (flags['dry-run']) {
		out(json ? JSON.stringify(layerPlanJson({roles: [], regions: planned}, name, report, failed), null, 2) : `${layerPlanText({roles: [], regions: planned}, architecture, report)}\nDry run: nothing was changed.`);
		return failed.length > 0 ? exitCode.failed : exitCode.ok;
	}

	if (!await askLayerPlan(planned, {regions, architecture, yes: Boolean(flags.yes), say, report, signal})) {
		say('Nothing changed.');
		return exitCode.ok;
	}

	const all = await runLayerPlan(planned, failed, {
		regions,
		layers: layers.map(layer => layer.name),
		tasks: {senderFor, homeRegion: regions[0]!, clock: realClock, signal, renderer: terminal.interactive && !json ? 'default' : 'simple', stream: people, explain},
	});
	if (json) {
		out(JSON.stringify({ok: all.every(region => region.status !== 'failed'), layer: name, regions: all.map(region => ({region: region.region, layer: region.functionName, status: region.status, deleted: region.done.delete, kept: region.done['no-op'], ...(region.error ? {error: errorJson(region.error)} : {})}))}, null, 2));
	} else {
		say(all.map(region => pruneSummaryLine(region, report)).join('\n'));
	}

	return all.some(region => region.status === 'failed') ? exitCode.failed : exitCode.ok;
}

async function askSubcommand(signal: AbortSignal): Promise<string> {
	const {select} = await import('@inquirer/prompts');
	try {
		return await select({
			message: 'Layer: what to do?',
			choices: [
				{name: 'publish', value: 'publish', description: 'build the extension and publish it in every region (or reuse the newest version)'},
				{name: 'list', value: 'list', description: 'each region\'s versions, and which functions use them'},
				{name: 'prune', value: 'prune', description: 'delete older versions no config function uses (asks first)'},
			],
		}, {signal});
	} catch {
		throw new InterruptedError('nothing was done.');
	}
}
