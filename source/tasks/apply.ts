// Carries out one planned step: a request goes through the sender, with the
// values only known now filled in (the zip's bytes, the version or image made
// earlier in the run); then, after a change to the function, waits for it to
// settle so the next call does not conflict. Retries what passes with time
// (conflicts, throttling, a role IAM has not spread yet).
import type {RequestStep, Step} from '../deploy/action.js';
import type {Made, Slot} from '../deploy/aws-cli.js';
import type {AnyRequest, AwsSender} from '../deploy/request.js';
import type {ManifestReader} from '../deploy/resource.js';
import {request} from '../deploy/request.js';
import {RunError} from '../errors.js';
import type {ContainerTool} from '../tools/container.js';
import {pushImage} from './push-image.js';
import {retryWrite, saysAlreadyExists, waitUntilReady, writeRetries, type Clock, type FunctionState} from './waiting.js';

export interface ApplyContext {
	/** The region's sender (for the role's steps: the first region's, for the partition). */
	aws: AwsSender;
	/** docker or podman, for an image deploy pushes. */
	container?: ContainerTool | undefined;
	/** The registry adapter, to check what a push stored. */
	readManifest?: ManifestReader | undefined;
	/** A ZIP function's code. */
	zipFile?: Uint8Array | undefined;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** Deploy created or changed a role in this run: Lambda (or Scheduler) may not see it yet. */
	roleJustChanged?: boolean;
	/** Progress for the task's output line. */
	report: (line: string) => void;
	/** Values made by earlier steps: the published version, the pushed image (host/name@sha256:…). */
	made: Partial<Record<Made, string>>;
}

/** Said while the function settles; a VPC function stays Pending while Lambda makes its network interfaces. */
function waitingLine(state: FunctionState, inVpc: boolean): string {
	const vpc = inVpc && state.state === 'Pending' ? ' (Lambda is making the VPC network interfaces; this can take a minute)' : '';
	return `waiting: ${state.state}, last update ${state.lastUpdateStatus}${vpc}`;
}

/** The value a slot stands for, known now. */
function slotValue(slot: Slot, context: ApplyContext): Uint8Array | string {
	const value = slot.from === 'zip' ? context.zipFile : context.made[slot.from];
	if (value === undefined) {
		// The plan orders steps so that what a slot needs is made first: this is a bug, not a user's mistake.
		throw new Error(`internal: ${slot.from} is needed before it was made`);
	}

	return slot.around && typeof value === 'string' ? `${slot.around[0]}${value}${slot.around[1]}` : value;
}

/** The request with its slots filled. */
function filled(planned: AnyRequest, slots: readonly Slot[], context: ApplyContext): AnyRequest {
	const input = {...planned.input} as Record<string, unknown>;
	for (const slot of slots) {
		if (slot.optional && slot.from !== 'zip' && context.made[slot.from] === undefined) {
			continue;
		}

		let parent = input;
		for (const key of slot.path.slice(0, -1)) {
			parent[key] = {...(parent[key] as Record<string, unknown> | undefined)};
			parent = parent[key] as Record<string, unknown>;
		}

		parent[slot.path.at(-1)!] = slotValue(slot, context);
	}

	return {...planned, input} as AnyRequest;
}

async function functionState(aws: AwsSender, functionName: string, signal?: AbortSignal): Promise<FunctionState> {
	const configuration = await aws.send(request('lambda', 'GetFunctionConfiguration', {FunctionName: functionName}), signal);
	return {
		state: configuration.State ?? 'Active',
		lastUpdateStatus: configuration.LastUpdateStatus ?? 'Successful',
		reason: configuration.LastUpdateStatusReason ?? configuration.StateReason,
		revisionId: configuration.RevisionId,
	};
}

/** Someone else's change between the read phase and this write would be lost: stop instead. */
async function stillUnchanged(guard: NonNullable<Extract<Step, {kind: 'request'}>['unchanged']>, aws: AwsSender, signal?: AbortSignal): Promise<void> {
	const now = await aws.sendAny(guard.read, signal) as Record<string, unknown>;
	const picked = Object.fromEntries(guard.members.filter(member => now[member] !== undefined).map(member => [member, now[member]]));
	if (JSON.stringify(picked) !== JSON.stringify(guard.was)) {
		throw new RunError(
			`${guard.read.operation} answers differently than when deploy read it: someone changed it meanwhile, and this write would undo that.`,
			'Run deploy again: it reads it anew and keeps the other change.',
		);
	}
}

/** What a create found already there, taken as made; with a lookup, only when the lookup holds it as it was asked for (`sent`). */
async function adopt(adoptBy: RequestStep['adoptBy'], aws: AwsSender, error: unknown, context: ApplyContext, sent: AnyRequest): Promise<unknown> {
	if (adoptBy === undefined) {
		context.report('already there: adopted');
		return {};
	}

	let answer: Partial<Record<string, unknown>>;
	try {
		answer = await aws.sendAny(adoptBy.request, context.signal) as Partial<Record<string, unknown>>;
	} catch {
		throw error;
	}

	const listed = adoptBy.found === undefined ? [answer] : answer[adoptBy.found];
	const asked = sent.input as Partial<Record<string, unknown>>;
	const found = (Array.isArray(listed) ? listed as Array<Partial<Record<string, unknown>>> : [])
		.filter(item => (adoptBy.same ?? []).every(member => item[member] === asked[member]));
	if (found.length === 0) {
		throw error;
	}

	context.report(`already there: adopted ${found.map(item => String(item['UUID'] ?? '')).join(', ')}`.trim());
	return found[0];
}

export async function applyStep(step: Step, context: ApplyContext): Promise<void> {
	const {signal, clock, aws} = context;
	if (step.kind === 'push-image') {
		if (context.container === undefined) {
			throw new Error('internal: an image push ran without docker or podman');
		}

		context.made['pushed-image'] = await pushImage(step.image, {aws, container: context.container, readManifest: context.readManifest, signal, report: context.report});
		return;
	}

	if (step.unchanged) {
		await stillUnchanged(step.unchanged, aws, signal);
	}

	const roleJustChanged = (context.roleJustChanged ?? false) && (step.request.service === 'lambda' || step.request.service === 'scheduler');
	const sent = filled(step.request, step.slots ?? [], context);
	const send = async () => {
		try {
			return await aws.sendAny(sent, signal);
		} catch (error) {
			const failure = (error ?? {}) as {name?: string; message?: string};
			if (step.alreadyGone !== undefined && failure.name === step.alreadyGone) {
				context.report('already gone');
				return {};
			}

			if (step.alreadyExists !== undefined && failure.name === step.alreadyExists && (failure.name !== 'ResourceConflictException' || saysAlreadyExists(failure))) {
				return adopt(step.adoptBy, aws, error, context, sent);
			}

			throw error;
		}
	};

	const output = await retryWrite(send, {clock, signal, rules: writeRetries(roleJustChanged), onRetry: context.report});
	for (const keep of [step.keep ?? []].flat()) {
		const value = (output as Partial<Record<string, unknown>>)[keep.member];
		// A number (PublishLayerVersion's Version) is kept as its text, as a slot fills it.
		if (typeof value !== 'string' && typeof value !== 'number') {
			if (keep.summaryOnly) {
				continue;
			}

			throw new TypeError(`${step.request.operation} returned no ${keep.member}`);
		}

		context.made[keep.as] = String(value);
		if (!keep.summaryOnly) {
			context.report(keep.as === 'published-version' ? `version ${value}` : `${keep.member} ${value}`);
		}
	}

	if (!step.settle) {
		// A write not waited on (reserved concurrency, say) may move the function's RevisionId: rather no guard than a false refusal.
		delete context.made['settled-revision'];
	}

	if (step.settle && step.functionName) {
		const functionName = step.functionName;
		const settled = await waitUntilReady(functionName, async () => functionState(aws, functionName, signal), {
			clock,
			signal,
			until: step.settle,
			onWait: state => context.report(waitingLine(state, step.inVpc ?? false)),
		});
		// What a later PublishVersion may insist on: exactly this code and configuration, not a change made since.
		if (settled.revisionId === undefined) {
			delete context.made['settled-revision'];
		} else {
			context.made['settled-revision'] = settled.revisionId;
		}
	}
}
