// The function's resource-based policy on the alias: who may invoke it (a
// function URL's public, API Gateway, SNS, S3). Each trigger module owns the
// statements whose Sid starts with its own prefix, so a module adds what its
// trigger needs and removes what it made when the trigger goes, and never
// touches anyone else's grant. Lambda cannot change a statement: a changed one is
// removed and added again.
import {aliasArn} from '../plan/arns.js';
import {actionsIn, type Action} from './action.js';
import type {Slot} from './aws-cli.js';
import {orMissing, request, type AwsSender, type Input} from './request.js';
import type {Anchor, RegionTarget} from './resource.js';

/** The alias ARN a trigger targets: as Lambda names the function (read), or built from the account (a function still to create). */
export function aliasTarget(target: RegionTarget, anchor: Anchor): string | undefined {
	const {name, alias, region} = target.function;
	if (anchor.function?.arn !== undefined) {
		return `${anchor.function.arn}:${alias}`;
	}

	return target.account === undefined ? undefined : aliasArn(region, target.account, name, alias);
}

/** One grant, as AddPermission takes it (function and alias come from the target). */
export type Grant = Omit<Input<'lambda', 'AddPermission'>, 'FunctionName' | 'Qualifier' | 'RevisionId'> & {StatementId: string};

/** A grant as a trigger wants it; `slots` fill members known only while applying (the ARN of an API made in this run). */
export type WantedGrant = Grant & {slots?: readonly Slot[] | undefined};

/** A statement of the policy, as GetPolicy returns it (the parts we compare). */
export interface ObservedGrant {
	sid: string;
	/** The same fields as a Grant, read back from the statement's principal, action and conditions. */
	grant: Grant;
}

interface PolicyStatement {
	Sid?: string;
	Principal?: string | {Service?: string; AWS?: string};
	Action?: string | string[];
	Condition?: Record<string, Record<string, string>>;
}

/** Reads the statement back into the fields AddPermission took (conditions as Lambda writes them). */
function grantOf(statement: PolicyStatement): Grant {
	const principal = typeof statement.Principal === 'string' ? statement.Principal : statement.Principal?.Service ?? statement.Principal?.AWS ?? '';
	const condition = statement.Condition ?? {};
	const sourceArn = condition['ArnLike']?.['AWS:SourceArn'];
	const sourceAccount = condition['StringEquals']?.['AWS:SourceAccount'];
	const authType = condition['StringEquals']?.['lambda:FunctionUrlAuthType'];
	const viaUrl = condition['Bool']?.['lambda:InvokedViaFunctionUrl'];
	return {
		StatementId: statement.Sid ?? '',
		Action: [statement.Action].flat()[0] ?? '',
		Principal: principal,
		...(sourceArn ? {SourceArn: sourceArn} : {}),
		...(sourceAccount ? {SourceAccount: sourceAccount} : {}),
		...(authType === 'NONE' || authType === 'AWS_IAM' ? {FunctionUrlAuthType: authType} : {}),
		...(viaUrl === 'true' ? {InvokedViaFunctionUrl: true} : {}),
	};
}

/** The statements on the alias whose Sid starts with `prefix`. */
export async function observeGrants(aws: AwsSender, functionName: string, alias: string, prefix: string, signal?: AbortSignal): Promise<ObservedGrant[]> {
	const found = await orMissing(aws.send(request('lambda', 'GetPolicy', {FunctionName: functionName, Qualifier: alias}), signal));
	if (found?.Policy === undefined) {
		return [];
	}

	const statements = [(JSON.parse(found.Policy) as {Statement?: PolicyStatement | PolicyStatement[]}).Statement ?? []].flat();
	return statements.filter(statement => statement.Sid?.startsWith(prefix)).map(statement => ({sid: statement.Sid!, grant: grantOf(statement)}));
}

const fields = ['Action', 'Principal', 'SourceArn', 'SourceAccount', 'FunctionUrlAuthType', 'InvokedViaFunctionUrl'] as const;
const same = (a: Grant, b: Grant) => fields.every(field => a[field] === b[field]);

const principal = (grant: Grant) => (grant.Principal === '*' ? 'anyone (*)' : grant.Principal);
const who = (grant: Grant) => `${principal(grant)}${grant.SourceArn ? ` from ${grant.SourceArn}` : ''}`;

/**
 * Adds the wanted grants that are missing or different, removes the observed ones no longer
 * wanted. Additions come first (a trigger's write may need them: S3 checks the target), removals last.
 */
export function planGrants(target: {region: string; functionName: string; alias: string}, wanted: readonly WantedGrant[], observed: readonly ObservedGrant[]): {add: Action[]; remove: Action[]} {
	const make = actionsIn(target.region);
	const on = `${target.functionName}:${target.alias}`;
	const on_ = {FunctionName: target.functionName, Qualifier: target.alias};
	const add: Action[] = [];
	const remove: Action[] = [];
	for (const {slots, ...grant} of wanted) {
		const seen = observed.find(candidate => candidate.sid === grant.StatementId);
		// A slot's value is new in this run: never the statement that is there.
		if (seen && slots === undefined && same(seen.grant, grant)) {
			add.push(make.noOp(`Permission ${grant.StatementId} on ${on} unchanged`));
			continue;
		}

		if (seen) {
			// Lambda has no update for a statement: take the old one away first.
			add.push(make.request('delete', `Remove the outdated permission ${grant.StatementId} from ${on}`, request('lambda', 'RemovePermission', {...on_, StatementId: grant.StatementId}), [`was: ${grant.Action} by ${who(seen.grant)}`]));
		}

		add.push(make.request('create', `Let ${principal(grant)} invoke ${on} (${grant.StatementId})`, request('lambda', 'AddPermission', {...on_, ...grant}), [`${grant.Action} by ${who(grant)}`], {
			alreadyExists: 'ResourceConflictException',
			...(slots === undefined ? {} : {slots}),
		}));
	}

	for (const seen of observed) {
		if (!wanted.some(grant => grant.StatementId === seen.sid)) {
			remove.push(make.request('delete', `Remove the permission ${seen.sid} from ${on}`, request('lambda', 'RemovePermission', {...on_, StatementId: seen.sid}), [`${seen.grant.Action} by ${who(seen.grant)}`]));
		}
	}

	return {add, remove};
}
