// An in-memory Lambda for the task tier: records calls, and can be told to stay
// Pending for a while or to answer ResourceConflictException, as real Lambda does.
import type {FunctionState, LambdaApi} from '../../source/aws/lambda.js';
import type {ObservedRegion} from '../../source/plan/types.js';

export interface FakeLambdaOptions {
	/** How many state reads answer Pending/InProgress after each change. */
	settlingReads?: number;
	/** How many times each write first fails with ResourceConflictException. */
	conflicts?: number;
	/** A write that fails for good, by method name. */
	failOn?: keyof LambdaApi;
	finalState?: FunctionState;
}

export function fakeLambda(options: FakeLambdaOptions = {}) {
	const calls: string[] = [];
	let unsettled = 0;
	let conflictsLeft = options.conflicts ?? 0;
	let versions = 0;

	const write = async (name: keyof LambdaApi, detail = '') => {
		if (conflictsLeft > 0) {
			conflictsLeft--;
			calls.push(`${name} (conflict)`);
			throw Object.assign(new Error('The operation cannot be performed at this time.'), {name: 'ResourceConflictException'});
		}

		if (options.failOn === name) {
			calls.push(`${name} (failed)`);
			throw Object.assign(new Error('User is not authorized to perform: lambda:' + name), {name: 'AccessDeniedException'});
		}

		calls.push(detail ? `${name} ${detail}` : name);
		conflictsLeft = options.conflicts ?? 0;
		unsettled = options.settlingReads ?? 0;
	};

	const api: LambdaApi = {
		async observe(): Promise<ObservedRegion> {
			calls.push('observe');
			return {versions: []};
		},
		createFunction: async desired => write('createFunction', desired.name),
		updateFunctionCode: async desired => write('updateFunctionCode', desired.name),
		updateFunctionConfiguration: async desired => write('updateFunctionConfiguration', desired.name),
		async functionState() {
			calls.push('functionState');
			if (unsettled > 0) {
				unsettled--;
				return {state: 'Pending', lastUpdateStatus: 'InProgress'};
			}

			return options.finalState ?? {state: 'Active', lastUpdateStatus: 'Successful'};
		},
		async publishVersion(functionName) {
			await write('publishVersion', functionName);
			versions++;
			return String(versions);
		},
		createAlias: async (_name, alias, version) => write('createAlias', `${alias}→${version}`),
		updateAlias: async (_name, alias, version) => write('updateAlias', `${alias}→${version}`),
	};

	return {api, calls};
}

/** A clock that only pretends to wait, and counts how long it would have. */
export function fakeClock() {
	let now = 0;
	const slept: number[] = [];
	return {
		slept,
		clock: {
			now: () => now,
			async sleep(ms: number) {
				slept.push(ms);
				now += ms;
			},
		},
	};
}
