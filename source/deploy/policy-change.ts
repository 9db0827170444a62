// What a policy change adds and removes, one grant ("action on resource") at a
// time, so that deploy can grant before the regions run and revoke only after
// they all finished: a setting is never left without its permission. Pure.
import type {PolicyDocument} from './types.js';

export type Statement = PolicyDocument['Statement'][number] & Record<string, unknown>;

export const list = (value: unknown) => (value === undefined ? [] : [value].flat() as string[]);

/** The statement's other keys (Condition, Principal, …), without its name: they qualify each grant. */
export function qualifiers(statement: Statement): string {
	const rest: Record<string, unknown> = {};
	for (const key of Object.keys(statement).sort()) {
		if (!['Sid', 'Action', 'Resource'].includes(key)) {
			rest[key] = statement[key];
		}
	}

	return JSON.stringify(rest);
}

/** A statement as single grants; one with NotAction or NotResource cannot be split, so it is one grant. */
function grantsOf(statement: Statement): Map<string, string> {
	const grants = new Map<string, string>();
	const rest = qualifiers(statement);
	const plain = rest === JSON.stringify({Effect: 'Allow'});
	if ('NotAction' in statement || 'NotResource' in statement) {
		const {Sid: _sid, ...body} = statement;
		grants.set(`${rest}|${JSON.stringify(body)}`, `statement ${JSON.stringify(body)}`);
		return grants;
	}

	for (const action of list(statement.Action)) {
		for (const resource of list(statement.Resource ?? '*')) {
			grants.set(`${rest}|${action}|${resource}`, `${action} on ${resource}${plain ? '' : ` (${rest})`}`);
		}
	}

	return grants;
}

/** The statements of a document (JSON text or parsed); throws when the text does not parse. */
export function statementsOf(document: string | PolicyDocument): Statement[] {
	const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as {Statement?: unknown};
	return [parsed.Statement ?? []].flat() as Statement[];
}

const grantsIn = (statements: readonly Statement[]) => new Map(statements.flatMap(statement => [...grantsOf(statement)]));

export interface PolicyChange {
	/** Grants the new document has and the old one lacks, as "action on resource". */
	added: string[];
	removed: string[];
	/** The old and the new together: what the role holds while the regions change. */
	union: PolicyDocument;
}

/** undefined when the observed document does not parse: it is not ours, and is replaced outright. */
export function policyChange(observed: string, desired: PolicyDocument): PolicyChange | undefined {
	let before: Statement[];
	try {
		before = statementsOf(observed);
	} catch {
		return undefined;
	}

	const after = statementsOf(desired);
	const old = grantsIn(before);
	const wanted = grantsIn(after);
	const missing = (from: Map<string, string>, other: Map<string, string>) =>
		[...from].filter(([key]) => !other.has(key)).map(([, line]) => line).sort();
	// Old statements that still grant something go in unnamed: IAM wants each Sid once per document.
	const kept = before
		.filter(statement => [...grantsOf(statement).keys()].some(key => !wanted.has(key)))
		.map(({Sid: _sid, ...statement}) => statement);
	return {
		added: missing(wanted, old),
		removed: missing(old, wanted),
		union: {...desired, Statement: [...desired.Statement, ...kept as PolicyDocument['Statement']]},
	};
}
