// The roll-out's task list: one task per region, one after the other (or
// together), the step's weight, time left and figures as the task's output,
// and questions asked inside the list through listr2's inquirer adapter.
// A region that does not finish stops the ones after it (when not concurrent).
import {ListrInquirerPromptAdapter} from '@listr2/prompt-adapter-inquirer';
import {Listr, ListrLogger, ProcessOutput, type ListrBaseClassOptions} from 'listr2';

export interface RegionHooks {
	/** The task's output line. */
	report: (line: string) => void;
	/** A question inside the task list. */
	choose: <T>(message: string, choices: Array<{name: string; value: T}>) => Promise<T>;
}

export interface RegionTask<R> {
	title: string;
	run: (hooks: RegionHooks) => Promise<R>;
	/** What a region that never started ends as. */
	notStarted: () => R;
}

export interface RegionTaskOptions<R> {
	concurrent: boolean;
	renderer: 'default' | 'simple';
	stream: NodeJS.WriteStream;
	signal: AbortSignal;
	/** Ctrl-C on a question (a key there, not a signal): makes it an interrupt like any other. */
	onInterrupt?: (() => void) | undefined;
	/** Whether a region's result lets the next one start. */
	succeeded: (result: R) => boolean;
	/** A failed region's line in the list. */
	failure: (result: R) => string;
}

export async function runRegionTasks<R>(regions: ReadonlyArray<RegionTask<R>>, options: RegionTaskOptions<R>): Promise<R[]> {
	const processOutput = new ProcessOutput(options.stream, options.stream);
	const logger = new ListrLogger({useIcons: true, processOutput});
	const results: Array<R | undefined> = regions.map(() => undefined);
	let stopped = false;
	await new Listr(regions.map((region, index) => ({
		title: region.title,
		skip: () => !options.concurrent && stopped,
		task: async (_context: unknown, task) => {
			const result = await region.run({
				report(line) {
					task.output = line;
				},
				async choose<T>(message: string, choices: Array<{name: string; value: T}>): Promise<T> {
					const {select} = await import('@inquirer/prompts');
					try {
						return await task.prompt(ListrInquirerPromptAdapter).run(select<T>, {message, choices}, {signal: options.signal}) as T;
					} catch (error) {
						if ((error as Error).name === 'ExitPromptError') {
							options.onInterrupt?.();
						}

						throw error;
					}
				},
			});
			results[index] = result;
			if (!options.succeeded(result)) {
				stopped = true;
				throw new Error(options.failure(result));
			}
		},
	})), {
		concurrent: options.concurrent,
		exitOnError: false,
		registerSignalListeners: false,
		renderer: options.renderer,
		fallbackRenderer: 'simple',
		rendererOptions: {collapseSubtasks: false, showErrorMessage: true, logger, outputBar: 3, persistentOutput: true},
		fallbackRendererOptions: {logger},
		processOutput,
		// listr2's option types lack processOutput, which it reads; the renderer is chosen at run time.
	} as unknown as ListrBaseClassOptions<unknown, 'default', 'simple'>).run();
	return results.map((result, index) => result ?? regions[index]!.notStarted());
}
