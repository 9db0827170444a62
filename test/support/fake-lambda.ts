// In-memory Lambda and IAM for the task tier: they record calls, and can be told
// to stay Pending for a while, to answer ResourceConflictException, to throttle,
// or (right after a role was made) to say the role cannot be assumed, as real
// AWS does.
import type {IamApi} from '../../source/aws/iam.js';
import type {FunctionState, LambdaApi} from '../../source/aws/lambda.js';
import type {ObservedRegion, PolicyDocument} from '../../source/plan/types.js';

export interface FakeLambdaOptions {
	/** How many state reads answer Pending/InProgress after each change. */
	settlingReads?: number;
	/** How many times each write first fails with ResourceConflictException. */
	conflicts?: number;
	/** How many times each write first fails with TooManyRequestsException. */
	throttles?: number;
	/** How many times createFunction first says the role cannot be assumed (IAM not spread yet). */
	roleNotReady?: number;
	/** A write that fails for good, by method name. */
	failOn?: keyof LambdaApi;
	finalState?: FunctionState;
	observed?: ObservedRegion;
	/** Say when publishVersion is called without a CodeSha256. */
	showCodeSha256?: boolean;
	/** A log shared with other fakes, to see the order of writes across adapters. */
	journal?: string[];
}

const failure = (name: string, message: string) => Object.assign(new Error(message), {name});

export function fakeLambda(options: FakeLambdaOptions = {}) {
	const calls: string[] = [];
	let unsettled = 0;
	let conflictsLeft = options.conflicts ?? 0;
	let throttlesLeft = options.throttles ?? 0;
	let roleNotReadyLeft = options.roleNotReady ?? 0;
	let versions = 0;

	const write = async (name: keyof LambdaApi, detail = '') => {
		if (conflictsLeft > 0) {
			conflictsLeft--;
			calls.push(`${name} (conflict)`);
			throw failure('ResourceConflictException', 'The operation cannot be performed at this time.');
		}

		if (throttlesLeft > 0) {
			throttlesLeft--;
			calls.push(`${name} (throttled)`);
			throw failure('TooManyRequestsException', 'Rate exceeded');
		}

		if (name === 'createFunction' && roleNotReadyLeft > 0) {
			roleNotReadyLeft--;
			calls.push(`${name} (role not ready)`);
			throw failure('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
		}

		if (options.failOn === name) {
			calls.push(`${name} (failed)`);
			throw failure('AccessDeniedException', `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:${name}`);
		}

		calls.push(detail ? `${name} ${detail}` : name);
		options.journal?.push(detail ? `${name} ${detail}` : name);
		conflictsLeft = options.conflicts ?? 0;
		throttlesLeft = options.throttles ?? 0;
		unsettled = options.settlingReads ?? 0;
	};

	const api: LambdaApi = {
		async observe() {
			calls.push('observe');
			return options.observed ?? {versions: [], mappings: []};
		},
		createFunction: async (desired, code) => write('createFunction', 'imageUri' in code ? `${desired.name} ${code.imageUri}` : desired.name),
		updateFunctionCode: async (desired, code) => write('updateFunctionCode', 'imageUri' in code ? `${desired.name} ${code.imageUri}` : desired.name),
		updateFunctionConfiguration: async desired => write('updateFunctionConfiguration', desired.name),
		async functionState() {
			calls.push('functionState');
			if (unsettled > 0) {
				unsettled--;
				return {state: 'Pending', lastUpdateStatus: 'InProgress'};
			}

			return options.finalState ?? {state: 'Active', lastUpdateStatus: 'Successful'};
		},
		putFunctionConcurrency: async (name, reserved) => write('putFunctionConcurrency', `${name}=${reserved}`),
		deleteFunctionConcurrency: async name => write('deleteFunctionConcurrency', name),
		async publishVersion(functionName, codeSha256) {
			await write('publishVersion', codeSha256 === undefined && options.showCodeSha256 ? `${functionName} (no CodeSha256)` : functionName);
			versions++;
			return String(versions);
		},
		createAlias: async (_name, alias, version) => write('createAlias', `${alias}→${version}`),
		updateAlias: async (_name, alias, version) => write('updateAlias', `${alias}→${version}`),
		putEventInvokeConfig: async (name, alias) => write('putEventInvokeConfig', `${name}:${alias}`),
		deleteEventInvokeConfig: async (name, alias) => write('deleteEventInvokeConfig', `${name}:${alias}`),
		createEventSourceMapping: async (aliasArn, mapping) => write('createEventSourceMapping', `${mapping.queueArn}→${aliasArn}`),
		updateEventSourceMapping: async uuid => write('updateEventSourceMapping', uuid),
		deleteEventSourceMapping: async uuid => write('deleteEventSourceMapping', uuid),
	};

	return {api, calls};
}

export function fakeIam(options: {failOn?: keyof IamApi; journal?: string[]} = {}) {
	const calls: string[] = [];
	/** Each policy document put, in order. */
	const policies: PolicyDocument[] = [];
	const write = async (name: keyof IamApi, detail: string) => {
		if (options.failOn === name) {
			calls.push(`${name} (failed)`);
			throw failure('AccessDenied', `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:${name[0]!.toUpperCase()}${name.slice(1)} on resource: role ${detail}`);
		}

		calls.push(`${name} ${detail}`);
		options.journal?.push(`${name} ${detail}`);
	};

	const api: IamApi = {
		async observeRole() {
			calls.push('observeRole');
			return undefined;
		},
		createRole: async role => write('createRole', role.name),
		updateTrustPolicy: async role => write('updateTrustPolicy', role.name),
		async putRolePolicy(role) {
			await write('putRolePolicy', role.name);
			policies.push(role.policy);
		},
	};
	return {api, calls, policies};
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
