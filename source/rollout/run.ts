// Runs one region's roll-out plan: each step's UpdateAlias, then the step's
// wait with the health gate read as it goes; a failed gate, an error or Ctrl-C
// takes the alias back to the version it started from (Ctrl-C at 100 % leaves
// it). The clock is injected, so tests need no real delays.
import type {AwsSender} from '../deploy/request.js';
import {awsCommand, shellLine} from '../deploy/aws-cli.js';
import {retryWrite, type Clock} from '../tasks/waiting.js';
import {describeFigures, type GateReading} from './gate.js';
import type {AliasState, RolloutPlan, RolloutStep, UpdateAlias} from './plan.js';

/** What a person (or --yes) decides when a gate fails, or before a manual step. */
export type Decision = 'continue' | 'hold' | 'rollback';

export interface RunOptions {
	aws: AwsSender;
	plan: RolloutPlan;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** A second Ctrl-C: cuts the rollback off; the outcome then says how to finish it. */
	again?: AbortSignal | undefined;
	/** How long each step below 100 % lasts. */
	intervalMs: number;
	/** How often the gate is read during a step's wait. */
	pollMs?: number;
	/** In a live task list: the time left is said this often between gate reads (a countdown); undefined: only at each read. */
	tickMs?: number | undefined;
	/** Reads the health of the new version since `since`; without it, steps only wait. */
	gate?: ((since: number, now: number) => Promise<GateReading>) | undefined;
	/** Asked when the gate fails; without it, a failed gate rolls back. */
	onFailure?: ((failure: string, step: RolloutStep) => Promise<Decision>) | undefined;
	/** Manual mode: asked before each step; 'hold' asks again. */
	beforeStep?: ((step: RolloutStep) => Promise<Decision>) | undefined;
	/** Before any traffic moves: invokes the new version once; a reason stops the roll-out with nothing moved. */
	smoke?: (() => Promise<string | undefined>) | undefined;
	/** A line for the task list: the weight, the time left, the latest figures. */
	report: (line: string) => void;
}

type RolloutStatus = 'done' | 'rolled-back' | 'interrupted' | 'failed';

export interface RolloutOutcome {
	status: RolloutStatus;
	/** Where the alias is at the end, as far as this run knows. */
	state: AliasState;
	/** Why it stopped early: the gate's verdict, the error's message. */
	reason?: string;
	error?: unknown;
	/** When the rollback itself failed: the one command that finishes it. */
	finish?: string;
}

const stateAfter = (request: UpdateAlias): AliasState => ({
	version: request.input.FunctionVersion ?? '',
	weights: request.input.RoutingConfig?.AdditionalVersionWeights ?? {},
});

class Stop extends Error {
	constructor(readonly status: 'rolled-back', readonly reason: string) {
		super(reason);
	}
}

export async function runRollout(options: RunOptions): Promise<RolloutOutcome> {
	const {aws, plan, clock, signal, report} = options;
	const send = async (update: UpdateAlias, withSignal: AbortSignal | undefined) =>
		retryWrite(async () => aws.send(update, withSignal), {clock, signal: withSignal, onRetry: report});
	let reached: AliasState | undefined;
	let percent = plan.resumedFrom ?? 0;
	if (options.smoke && plan.resumedFrom === undefined && plan.steps.length > 0) {
		report(`${plan.alias}: smoke invoke of version ${plan.to}`);
		let failure: string | undefined;
		try {
			failure = await options.smoke();
		} catch (error) {
			return {status: 'failed', state: {version: plan.from, weights: {}}, reason: `the smoke invoke failed: ${(error as Error).message}`, error};
		}

		if (failure !== undefined) {
			// Nothing moved yet: the alias is where it was.
			return {status: 'rolled-back', state: {version: plan.from, weights: {}}, reason: failure};
		}
	}

	try {
		for (const step of plan.steps) {
			if (options.beforeStep) {
				const held = percent;
				await decideUntilGo(() => options.beforeStep!(step), 'before step', () => {
					report(`${plan.alias}: held at ${held} % on version ${plan.to}`);
				});
			}

			await send(step.request, signal);
			reached = stateAfter(step.request);
			percent = step.percent;
			report(`${plan.alias}: ${step.percent} % on version ${plan.to}`);
			if (step.percent < 100) {
				await watch(options, step);
			}
		}

		return {status: 'done', state: reached ?? {version: plan.to, weights: {}}};
	} catch (error) {
		const interrupted = signal?.aborted === true;
		if (percent === 100) {
			// All traffic is on the new version already: nothing to take back.
			return {status: interrupted ? 'interrupted' : 'done', state: {version: plan.to, weights: {}}};
		}

		const reason = error instanceof Stop ? error.reason : interrupted ? 'interrupted' : (error as Error).message;
		const status: RolloutStatus = error instanceof Stop ? 'rolled-back' : interrupted ? 'interrupted' : 'failed';
		if (reached === undefined && plan.resumedFrom === undefined) {
			return {status, state: {version: plan.from, weights: {}}, reason, ...(error instanceof Stop ? {} : {error})};
		}

		report(`${plan.alias}: rolling back to version ${plan.from}`);
		try {
			// Not with the aborted signal: Ctrl-C asks for this rollback. A second one cuts it off.
			await send(plan.rollback, options.again);
		} catch (rollbackError) {
			const cutOff = options.again?.aborted === true;
			return {
				status: cutOff ? 'interrupted' : 'failed',
				state: reached ?? {version: plan.from, weights: {[plan.to]: percent / 100}},
				reason: cutOff ? `${reason}; the rollback was cut off by a second Ctrl-C and may not have reached AWS` : `${reason}; the rollback failed too: ${(rollbackError as Error).message}`,
				error: rollbackError,
				finish: shellLine(awsCommand(plan.rollback, aws.region)),
			};
		}

		return {status, state: stateAfter(plan.rollback), reason, ...(error instanceof Stop || interrupted ? {} : {error})};
	}
}

async function decideUntilGo(ask: () => Promise<Decision>, what: string, onHold: () => void): Promise<void> {
	for (;;) {
		const decision = await ask();
		if (decision === 'continue') {
			return;
		}

		if (decision === 'rollback') {
			throw new Stop('rolled-back', `rolled back by choice (${what})`);
		}

		onHold();
	}
}

/** The step's wait: the gate is read every pollMs and once at the end; a failure is decided on. */
async function watch(options: RunOptions, step: RolloutStep): Promise<void> {
	const {clock, signal, intervalMs, gate, report, plan} = options;
	const pollMs = Math.max(1, options.pollMs ?? Math.min(intervalMs, 30_000));
	let since = clock.now();
	let end = since + intervalMs;
	let figures = '';
	const say = () => report(`${plan.alias}: ${step.percent} % on version ${plan.to}, ${Math.max(0, Math.ceil((end - clock.now()) / 1000))} s left${figures}`);
	for (;;) {
		// Up to the next gate read (or the step's end), counting down in ticks when asked to.
		const span = Math.min(pollMs, end - clock.now());
		for (let waited = 0; waited < span;) {
			const chunk = Math.min(options.tickMs ?? span, span - waited);
			await clock.sleep(chunk, signal);
			waited += chunk;
			if (options.tickMs !== undefined && waited < span) {
				say();
			}
		}

		signal?.throwIfAborted();
		const reading = gate ? await gate(since, clock.now()) : undefined;
		figures = reading ? `; ${describeFigures(reading.figures)}` : '';
		say();
		if (reading?.failure) {
			const decision = options.onFailure ? await options.onFailure(reading.failure, step) : 'rollback';
			if (decision === 'rollback') {
				throw new Stop('rolled-back', `health gate failed at ${step.percent} %: ${reading.failure}`);
			}

			if (decision === 'continue') {
				return;
			}

			// Hold: the weight stays; the step's wait starts again, with a fresh window.
			report(`${plan.alias}: held at ${step.percent} % on version ${plan.to}, watching one more interval`);
			since = clock.now();
			end = since + intervalMs;
			continue;
		}

		if (clock.now() >= end) {
			return;
		}
	}
}
