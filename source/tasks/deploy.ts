// The deploy task list: first the roles (IAM is global), then the
// regions concurrently, the steps inside a region in order; a failed region
// stops only itself. A failed role stops every region: none could run.
// Permissions the config no longer needs are revoked last, and only when every
// region succeeded: a region that failed may still use them.
import {figures, Listr, ListrDefaultRendererLogLevels, ListrLogger, ProcessOutput, type DefaultRenderer, type ListrBaseClassOptions, type ListrLogLevels, type ListrTaskWrapper, type SimpleRenderer} from 'listr2';
import {hasChanges as changing, type Action} from '../deploy/action.js';
import type {AwsSender} from '../deploy/request.js';
import type {ManifestReader} from '../deploy/resource.js';
import {factsOf, type DeployOutcome, type RegionOutcome, type RoleOutcome, type StepsOutcome} from '../deploy/report.js';
import {unqualifiedArn} from '../deploy/release.js';
import type {Plan, RegionPlan, RolePlan} from '../deploy/types.js';
import {RunError, type KnownError} from '../errors.js';
import type {ContainerTool} from '../tools/container.js';
import {applyStep, type ApplyContext} from './apply.js';
import type {Clock} from './waiting.js';

export interface DeployTaskOptions {
	/** Each region's sender; the role's steps use the first region's (IAM is global; the region picks the partition). */
	senderFor: (region: string) => AwsSender;
	/** The region whose sender runs the role's steps. */
	homeRegion: string;
	/** docker or podman, for an image deploy pushes. */
	container?: ContainerTool | undefined;
	/** The registry adapter, to check what a push stored. */
	readManifest?: ManifestReader | undefined;
	/** A ZIP function's code. */
	zipFile?: Uint8Array | undefined;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** 'default' redraws in a terminal; 'simple' prints a line per event (CI, pipes). */
	renderer: 'default' | 'simple';
	/** Where the list is drawn: stderr when stdout carries JSON. */
	stream: NodeJS.WriteStream;
	explain: (error: unknown, region: string | undefined) => KnownError;
	/** Regions that failed before any task ran (reading or planning): they may still use what the role would lose. */
	failedBefore?: readonly string[];
}

/** The simple renderer adds "[SKIPPED: <message>]" to a skipped step; a no-op's title already says it is unchanged. */
class StepLogger extends ListrLogger<ListrLogLevels> {
	override log(level: ListrLogLevels, message: Parameters<ListrLogger['log']>[1], options?: Parameters<ListrLogger['log']>[2]): void {
		super.log(level, message, level === 'SKIPPED' ? {...(options?.prefix === undefined ? {} : {prefix: options.prefix})} : options);
	}
}

export async function runDeployTasks(plan: Plan, options: DeployTaskOptions): Promise<DeployOutcome> {
	const processOutput = new ProcessOutput(options.stream, options.stream);
	const logger = new StepLogger({useIcons: true, processOutput});
	// The simple renderer prints a line per event, and the regions run at once: each line names its region.
	const labelFor = (region: string) => (options.renderer === 'simple' ? (title: string) => `${region}: ${title}` : (title: string) => title);
	type Renderer = DeployTaskOptions['renderer'];
	const listOptions = (concurrent: boolean) => ({
		concurrent,
		exitOnError: false,
		registerSignalListeners: false,
		renderer: options.renderer,
		fallbackRenderer: 'simple',
		rendererOptions: {
			collapseSubtasks: false,
			showErrorMessage: true,
			logger,
			// listr2 marks a failed task with subtasks (a region, a role) with the pointer a running one has, only redder:
			// without colour a failed region looked still running. It gets the cross a failed step has.
			icon: {[ListrDefaultRendererLogLevels.FAILED_WITH_FAILED_SUBTASKS]: figures.cross},
		},
		fallbackRendererOptions: {logger},
		processOutput,
		// listr2's option types lack processOutput, which it reads; the renderer is chosen at run time.
	}) as unknown as ListrBaseClassOptions<unknown, Renderer, 'simple'>;
	const subtasks = (steps: ReturnType<typeof stepsFor>) => (_context: unknown, task: ListrTaskWrapper<unknown, typeof DefaultRenderer | typeof SimpleRenderer, typeof SimpleRenderer>) =>
		task.newListr(steps, {concurrent: false, exitOnError: true});

	const outcome: DeployOutcome = {roles: [], regions: plan.regions.map(regionPlan => newRegionOutcome(regionPlan))};
	const roleTask = (actions: readonly Action[], roleOutcome: RoleOutcome, title: string) => new Listr([{
		title,
		task: subtasks(stepsFor(actions, roleOutcome, applyContext(options, undefined, false), error => options.explain(error, undefined))),
	}], listOptions(false)).run();
	const roles = plan.roles
		.filter(role => changing(role.actions) || changing(role.afterRegions))
		.map(role => ({role, outcome: newRoleOutcome(role)}));
	outcome.roles = roles.map(({outcome: roleOutcome}) => roleOutcome);

	for (const {role, outcome: roleOutcome} of roles.filter(({role}) => changing(role.actions))) {
		await roleTask(role.actions, roleOutcome, `IAM: role ${role.roleName}`);
		if (roleOutcome.status === 'failed') {
			for (const region of outcome.regions) {
				region.status = 'failed';
				region.error = new RunError(`Not deployed: the ${role.label} ${role.roleName} could not be set up.`, roleOutcome.error && 'hint' in roleOutcome.error ? roleOutcome.error.hint : undefined);
			}

			return outcome;
		}
	}

	const roleJustChanged = outcome.roles.some(role => role.status === 'changed');
	await new Listr(
		plan.regions.map((regionPlan, index) => ({
			title: `${regionPlan.region}: ${regionPlan.functionName}`,
			task: subtasks(regionSteps(regionPlan, outcome.regions[index]!, applyContext(options, regionPlan.region, roleJustChanged), options, labelFor(regionPlan.region))),
		})),
		listOptions(true),
	).run();

	const failed = [...(options.failedBefore ?? []), ...outcome.regions.filter(region => region.status === 'failed').map(region => region.region)];
	for (const {role, outcome: roleOutcome} of roles.filter(({role}) => changing(role.afterRegions))) {
		if (failed.length > 0 || options.signal?.aborted) {
			const grants = role.afterRegions.flatMap(action => action.details).length;
			const because = `because ${failed.length > 0 ? failed.join(', ') : 'the run'} did not finish (it may still use them)`;
			roleOutcome.kept = role.afterRegions.some(action => action.change === 'delete')
				? `it stays ${because}; the next deploy that succeeds everywhere deletes it.`
				: `${grants} grant(s) stay ${because}; the next deploy that succeeds everywhere revokes them.`;
		} else {
			await roleTask(role.afterRegions, roleOutcome, `IAM: role ${role.roleName}, revoking what is no longer needed`);
		}
	}

	return outcome;
}

/** `region` undefined: the role's steps, which need no regional adapter. */
function applyContext(options: DeployTaskOptions, region: string | undefined, roleJustChanged: boolean): ApplyContext {
	return {
		aws: options.senderFor(region ?? options.homeRegion),
		made: {},
		container: options.container,
		readManifest: options.readManifest,
		zipFile: options.zipFile,
		clock: options.clock,
		signal: options.signal,
		roleJustChanged,
		report: () => undefined,
	};
}

function newOutcome(actions: readonly Action[]): StepsOutcome {
	return {
		status: 'unchanged',
		done: {create: [], update: [], delete: [], 'no-op': actions.filter(action => action.change === 'no-op').map(action => action.title)},
	};
}

/** A role's outcome before anything ran: what a role with nothing to change ends as. */
export function newRoleOutcome(role: RolePlan): RoleOutcome {
	return {label: role.label, roleName: role.roleName, ...newOutcome([...role.actions, ...role.afterRegions])};
}

/** A region's outcome before anything ran: what a region with nothing to change ends as. */
export function newRegionOutcome(regionPlan: RegionPlan): RegionOutcome {
	return {
		region: regionPlan.region,
		functionName: regionPlan.functionName,
		alias: regionPlan.alias,
		...newOutcome(regionPlan.actions),
		version: 'version' in regionPlan.aliasVersion ? regionPlan.aliasVersion.version : undefined,
		functionArn: regionPlan.functionArn,
		facts: factsOf(regionPlan.actions, {}),
	};
}

function regionSteps(regionPlan: RegionPlan, outcome: RegionOutcome, context: ApplyContext, options: DeployTaskOptions, label: (title: string) => string) {
	return stepsFor(regionPlan.actions, outcome, context, error => options.explain(error, regionPlan.region), () => {
		outcome.version = context.made['published-version'] ?? outcome.version;
		// A function made in this run: Lambda names it in the new version's ARN.
		const versionArn = context.made['output:version-arn'];
		outcome.functionArn ??= versionArn === undefined ? undefined : unqualifiedArn(versionArn);
		outcome.facts = factsOf(regionPlan.actions, context.made);
	}, label);
}

/** One listr task per action; no-ops are shown as skipped and call nothing. `label` is how the list shows a title. */
function stepsFor(
	actions: readonly Action[],
	outcome: StepsOutcome,
	context: ApplyContext,
	explain: (error: unknown) => KnownError,
	after?: (action: Action) => void,
	label: (title: string) => string = title => title,
) {
	return actions.map(action => ({
		title: label(action.title),
		skip: () => action.change === 'no-op',
		task: async (_context: unknown, task: {output: string}) => {
			if (action.step === undefined) {
				return;
			}

			context.report = line => {
				task.output = label(line);
			};

			try {
				await applyStep(action.step, context);
			} catch (error) {
				outcome.status = 'failed';
				outcome.error = explain(error);
				throw outcome.error;
			}

			outcome.done[action.change].push(action.title);
			outcome.status = 'changed';
			after?.(action);
		},
	}));
}
