// The deploy task list: regions run concurrently, the steps inside a region in
// order; a failed region stops only itself.
import {Listr, ListrLogger, ProcessOutput} from 'listr2';
import type {LambdaApi} from '../aws/lambda.js';
import type {KnownError} from '../errors.js';
import type {Change, Plan, RegionPlan} from '../plan/types.js';
import {applyOperation} from './apply.js';
import type {Clock} from './waiting.js';

export interface RegionOutcome {
	region: string;
	functionName: string;
	alias: string;
	status: 'changed' | 'unchanged' | 'failed';
	/** Titles of the actions by what they did; a failed run lists what it finished. */
	done: Record<Change, string[]>;
	version?: string | undefined;
	error?: KnownError | undefined;
}

export interface DeployTaskOptions {
	lambdaFor: (region: string) => LambdaApi;
	zipFile: Uint8Array;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** 'default' redraws in a terminal; 'simple' prints a line per event (CI, pipes). */
	renderer: 'default' | 'simple';
	/** Where the list is drawn: stderr when stdout carries JSON. */
	stream: NodeJS.WriteStream;
	explain: (error: unknown, region: string) => KnownError;
}

export async function runDeployTasks(plan: Plan, options: DeployTaskOptions): Promise<RegionOutcome[]> {
	const outcomes = plan.regions.map(regionPlan => newOutcome(regionPlan));
	const processOutput = new ProcessOutput(options.stream, options.stream);
	const logger = new ListrLogger({useIcons: true, processOutput});
	const list = new Listr(
		plan.regions.map((regionPlan, index) => ({
			title: `${regionPlan.region}: ${regionPlan.functionName}`,
			task: (_context: unknown, regionTask: any) => regionTask.newListr(regionSteps(regionPlan, outcomes[index]!, options), {
				concurrent: false,
				exitOnError: true,
			}),
		})),
		{
			concurrent: true,
			exitOnError: false,
			registerSignalListeners: false,
			renderer: options.renderer,
			fallbackRenderer: 'simple',
			rendererOptions: {collapseSubtasks: false, showErrorMessage: true, logger},
			fallbackRendererOptions: {logger},
			processOutput,
		} as any,
	);

	await list.run();
	return outcomes;
}

function newOutcome(regionPlan: RegionPlan): RegionOutcome {
	return {
		region: regionPlan.region,
		functionName: regionPlan.functionName,
		alias: regionPlan.alias,
		status: 'unchanged',
		done: {
			create: [],
			update: [],
			'no-op': regionPlan.actions.filter(action => action.change === 'no-op').map(action => action.title),
		},
		version: 'version' in regionPlan.aliasVersion ? regionPlan.aliasVersion.version : undefined,
	};
}

function regionSteps(regionPlan: RegionPlan, outcome: RegionOutcome, options: DeployTaskOptions) {
	const context: Parameters<typeof applyOperation>[1] = {
		lambda: options.lambdaFor(regionPlan.region),
		zipFile: options.zipFile,
		clock: options.clock,
		signal: options.signal,
		report: () => undefined,
	};

	return regionPlan.actions.map(action => ({
		title: action.title,
		skip: () => (action.change === 'no-op' ? `${action.title}` : false),
		task: async (_context: unknown, task: {output: string}) => {
			if (action.change === 'no-op') {
				return;
			}

			context.report = line => {
				task.output = line;
			};

			try {
				await applyOperation(action.operation, context);
			} catch (error) {
				outcome.status = 'failed';
				outcome.error = options.explain(error, regionPlan.region);
				throw outcome.error;
			}

			outcome.done[action.change].push(action.title);
			outcome.status = 'changed';
			if (action.operation.type === 'publish-version') {
				outcome.version = context.publishedVersion;
			}
		},
	}));
}
