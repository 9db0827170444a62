// The `aws` CLI command of a request, rendered mechanically: the aws CLI and the
// SDK are generated from one API model, so the operation's name in kebab-case is
// the subcommand and each input member in kebab-case is a flag. Scalars are
// written as they are, booleans as --flag / --no-flag, lists and structures as
// JSON. Values known only while applying (the zip's bytes, a version published
// earlier in the run) are shown by what stands in for them.
import type {AnyRequest} from './request.js';

export {andThen, pipeTo, shellLine, withAwsArgs} from '../shell-words.js';

/** What stands in for an input member until apply time, and how the CLI line shows it. */
export interface Slot {
	/** The member's path in the input (["Code", "ZipFile"]). */
	path: readonly string[];
	/** Filled from: the zip's bytes, or a value made earlier in the run (see Made). */
	from: 'zip' | Made;
	/** Text around the value: an ARN or path built from an ID made earlier. */
	around?: readonly [before: string, after: string];
	/** Left out when apply has no value for it (an emulator that reports no RevisionId). */
	optional?: true;
	/** How the aws command shows it: the words that replace the member. */
	shown: readonly string[];
}

/** A value made while applying: the version published, the image pushed, or an output member an earlier step kept (`output:<name>`). */
export type Made = 'published-version' | 'pushed-image' | 'settled-revision' | `output:${string}`;

/** "PutFunctionEventInvokeConfig" → "put-function-event-invoke-config", "UUID" → "uuid", "CodeSha256" → "code-sha256". */
function kebab(name: string): string {
	return name
		.replaceAll(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
		.replaceAll(/([a-z\d])([A-Z])/g, '$1-$2')
		.toLowerCase();
}

/** The aws CLI names IAM and STS without a region; every other service takes --region. */
const global = new Set(['iam']);

/** Where the CLI departs from the model's names: S3's API is `aws s3api`, and `sns subscribe` calls Endpoint --notification-endpoint. */
const cliService: Record<string, string> = {s3: 's3api'};
const cliFlag: Record<string, string> = {'sns.Subscribe.Endpoint': 'notification-endpoint'};

function valueWords(name: string, value: unknown, flagName = kebab(name)): string[] {
	const flag = `--${flagName}`;
	if (typeof value === 'boolean') {
		return [value ? flag : `--no-${flagName}`];
	}

	if (typeof value === 'string' || typeof value === 'number') {
		return [flag, String(value)];
	}

	return [flag, JSON.stringify(value)];
}

/** The input without the slot members (they are shown by their own words); a structure left empty goes too. */
function withoutSlots(input: Record<string, unknown>, slots: readonly Slot[]): Record<string, unknown> {
	const copy = structuredClone(input);
	for (const {path} of slots) {
		const parents: Array<Record<string, unknown>> = [copy];
		for (const key of path.slice(0, -1)) {
			const next = parents.at(-1)?.[key];
			if (typeof next !== 'object' || next === null) {
				break;
			}

			parents.push(next as Record<string, unknown>);
		}

		if (parents.length === path.length) {
			delete parents.at(-1)![path.at(-1)!];
			// Drop structures the slot left empty ("Code": {} is no flag at all).
			for (let depth = parents.length - 1; depth > 0 && Object.keys(parents[depth]!).length === 0; depth--) {
				delete parents[depth - 1]![path[depth - 1]!];
			}
		}
	}

	return copy;
}

export function awsCommand(request: AnyRequest, region: string, slots: readonly Slot[] = []): string[] {
	const input = withoutSlots(request.input as Record<string, unknown>, slots);
	const words = Object.entries(input)
		.filter(([, value]) => value !== undefined)
		.flatMap(([name, value]) => valueWords(name, value, cliFlag[`${request.service}.${request.operation}.${name}`]));
	return [
		'aws', cliService[request.service] ?? request.service, kebab(request.operation),
		...words,
		...slots.flatMap(slot => slot.shown),
		...(global.has(request.service) ? [] : ['--region', region]),
	];
}
