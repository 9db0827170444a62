// A planned action: what changes, in words for people, and the step that
// carries it out: a request to AWS (data), or an image push. A no-op has no step.
import type {DesiredImage} from './types.js';
import {awsCommand, type Made, type Slot} from './aws-cli.js';
import type {AnyRequest} from './request.js';

export type Change = 'create' | 'update' | 'delete' | 'no-op';
export const changes: readonly Change[] = ['create', 'update', 'delete', 'no-op'];

/** What the function must reach after a request before the next one may run. */
export type Settle = 'function-active' | 'function-updated';

export interface RequestStep {
	kind: 'request';
	request: AnyRequest;
	/** Members filled while applying. */
	slots?: readonly Slot[];
	/** Output members kept for later steps' slots and facts (PublishVersion's Version, CreateApi's ApiId). */
	keep?: Keep | readonly Keep[];
	settle?: Settle;
	/** The function's name, for the settle wait. */
	functionName?: string;
	/**
	 * The error AWS answers when the thing is already there (a retry after a
	 * dropped connection made it): done, not failed. ResourceConflictException
	 * counts only when it says "already exists" (it also means "being changed").
	 */
	alreadyExists?: string;
	/**
	 * Then, to be sure what is there is the thing meant: a lookup whose answer (or its `found` list)
	 * must hold it, with the `same` members as the create asked for (an alias on the version it names).
	 */
	adoptBy?: {request: AnyRequest; found?: string; same?: readonly string[]};
	/** The error AWS answers a delete when the thing is gone already (a retried delete): done. */
	alreadyGone?: string;
	/** The function is in a VPC: a long Pending is Lambda making its network interfaces. */
	inVpc?: boolean;
	/**
	 * A write that replaces a whole document made from what was read (S3's notification configuration):
	 * the read is made again right before it, and the step stops if those members changed meanwhile.
	 */
	unchanged?: {read: AnyRequest; members: readonly string[]; was: unknown};
}

/** An output member (a string) kept under a name. */
interface Keep {
	member: string;
	as: Made;
	/** Kept for the summary only: not said as progress, and an answer without it is no failure. */
	summaryOnly?: boolean;
}

export interface PushStep {
	kind: 'push-image';
	image: DesiredImage;
	/** Where the plan says it goes; the push asks ECR again (a repository made in this run is known only then). */
	registryHost: string;
}

export type Step = RequestStep | PushStep;

/**
 * Something a person uses once the deploy is done (a URL, an endpoint), stated by the
 * action that makes or keeps it: the summary and --json report it per region.
 */
export interface Fact {
	/** Its name in --json ("functionUrl"). */
	key: string;
	/** In words ("function URL"). */
	label: string;
	/** Known when planning, or kept from an output of this action's step. */
	value: string | {made: Made};
	/** How to try it, a line each; `{value}` stands for the value. */
	hints?: readonly string[];
}

export interface Action {
	change: Change;
	title: string;
	/** What differs, one line each ("memory 128 → 256"). */
	details: string[];
	/** The equivalent aws CLI command, as words; empty for a no-op. */
	awsCommand: string[];
	step?: Step;
	facts?: readonly Fact[];
}

export type StepOptions = Omit<RequestStep, 'kind' | 'request'>;

/** Makes actions for one region ('' for IAM, which is global). */
export function actionsIn(region: string) {
	return {
		request(change: Exclude<Change, 'no-op'>, title: string, request: AnyRequest, details: string[] = [], options: StepOptions = {}): Action {
			return {change, title, details, awsCommand: awsCommand(request, region, options.slots), step: {kind: 'request', request, ...options}};
		},
		step(change: Exclude<Change, 'no-op'>, title: string, step: PushStep, awsWords: string[], details: string[] = []): Action {
			return {change, title, details, awsCommand: awsWords, step};
		},
		noOp(title: string): Action {
			return {change: 'no-op', title, details: [], awsCommand: []};
		},
	};
}

export const hasChanges = (actions: readonly Action[]) => actions.some(action => action.change !== 'no-op');

/** The action, stating facts for the summary. */
export const withFacts = (action: Action, facts: readonly Fact[]): Action => ({...action, facts});
