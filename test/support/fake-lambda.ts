// In-memory Lambda, IAM and ECR for the task tier, behind one fake sender per
// region: they record calls (by AWS's operation names), and can be told to stay
// Pending for a while, to answer ResourceConflictException, to throttle, or
// (right after a role was made) to say the role cannot be assumed, as real AWS does.
import type {AnyRequest, AwsSender, Service} from '../../source/deploy/request.js';
import type {PolicyDocument} from '../../source/deploy/types.js';

/** One service's fake: answers a request, or throws as AWS would. */
export type FakeService = (request: AnyRequest) => Promise<unknown>;

export interface FakeLambdaOptions {
	/** How many state reads answer Pending/InProgress after each change. */
	settlingReads?: number;
	/** How many times each write first fails with ResourceConflictException. */
	conflicts?: number;
	/** How many times each write first fails with TooManyRequestsException. */
	throttles?: number;
	/** How many times CreateFunction first says the role cannot be assumed (IAM not spread yet). */
	roleNotReady?: number;
	/** A write that fails for good, by operation name. */
	failOn?: string;
	finalState?: {State: string; LastUpdateStatus: string; LastUpdateStatusReason?: string};
	/** Say when PublishVersion is called without a CodeSha256. */
	showCodeSha256?: boolean;
	/** Report a RevisionId (rev-<writes so far>) when the state is read, as Lambda does. */
	revisions?: boolean;
	/** Writes that AWS answers as it answers a retry after a dropped connection: the thing already exists (the mapping as u-first). */
	alreadyExistsOn?: string[];
	/** The version GetAlias says an alias names (what a retried CreateAlias finds): 1 unless given. */
	aliasVersion?: string;
	/** Deletes answered "not found", as a retried delete is. */
	goneOn?: string[];
	/** A log shared with other fakes, to see the order of writes across adapters. */
	journal?: string[];
}

const failure = (name: string, message: string) => Object.assign(new Error(message), {name});

/** What a call is logged as: the operation and the detail a test looks for. */
function describe(request: AnyRequest, showCodeSha256: boolean): string {
	const input = request.input as Record<string, unknown>;
	const code = (input['Code'] as {ImageUri?: string} | undefined)?.ImageUri ?? input['ImageUri'];
	switch (request.operation) {
		case 'CreateFunction':
		case 'UpdateFunctionCode': {
			return `${request.operation} ${String(input['FunctionName'])}${typeof code === 'string' ? ` ${code}` : ''}`;
		}

		case 'PutFunctionConcurrency': {
			return `${request.operation} ${String(input['FunctionName'])}=${String(input['ReservedConcurrentExecutions'])}`;
		}

		case 'PublishVersion': {
			const revision = typeof input['RevisionId'] === 'string' ? ` if revision ${input['RevisionId']}` : '';
			return `${request.operation} ${String(input['FunctionName'])}${input['CodeSha256'] === undefined && showCodeSha256 ? ' (no CodeSha256)' : ''}${revision}`;
		}

		case 'CreateAlias':
		case 'UpdateAlias': {
			return `${request.operation} ${String(input['Name'])}→${String(input['FunctionVersion'])}`;
		}

		case 'PutFunctionEventInvokeConfig':
		case 'DeleteFunctionEventInvokeConfig': {
			return `${request.operation} ${String(input['FunctionName'])}:${String(input['Qualifier'])}`;
		}

		case 'CreateEventSourceMapping': {
			return `${request.operation} ${String(input['EventSourceArn'])}→${String(input['FunctionName'])}`;
		}

		case 'UpdateEventSourceMapping':
		case 'DeleteEventSourceMapping': {
			return `${request.operation} ${String(input['UUID'])}`;
		}

		default: {
			return `${request.operation} ${String(input['FunctionName'] ?? input['RoleName'] ?? '')}`.trim();
		}
	}
}

export function fakeLambda(options: FakeLambdaOptions = {}) {
	const calls: string[] = [];
	let unsettled = 0;
	let conflictsLeft = options.conflicts ?? 0;
	let throttlesLeft = options.throttles ?? 0;
	let roleNotReadyLeft = options.roleNotReady ?? 0;
	let versions = 0;
	let writes = 0;

	const api: FakeService = async request => {
		const {operation} = request;
		if (operation === 'GetFunctionConfiguration') {
			calls.push('GetFunctionConfiguration');
			if (unsettled > 0) {
				unsettled--;
				return {State: 'Pending', LastUpdateStatus: 'InProgress'};
			}

			return {...options.finalState ?? {State: 'Active', LastUpdateStatus: 'Successful'}, ...(options.revisions ? {RevisionId: `rev-${writes}`} : {})};
		}

		if (conflictsLeft > 0) {
			conflictsLeft--;
			calls.push(`${operation} (conflict)`);
			throw failure('ResourceConflictException', 'The operation cannot be performed at this time.');
		}

		if (throttlesLeft > 0) {
			throttlesLeft--;
			calls.push(`${operation} (throttled)`);
			throw failure('TooManyRequestsException', 'Rate exceeded');
		}

		if (operation === 'CreateFunction' && roleNotReadyLeft > 0) {
			roleNotReadyLeft--;
			calls.push(`${operation} (role not ready)`);
			throw failure('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
		}

		if (options.alreadyExistsOn?.includes(operation)) {
			calls.push(`${operation} (already exists)`);
			throw failure('ResourceConflictException', operation === 'CreateEventSourceMapping'
				? 'An event source mapping with SQS arn (" arn:aws:sqs:us-east-1:111122223333:orders ") and function (" orders ") already exists. Please update or delete the existing mapping with UUID u-first'
				: operation === 'CreateAlias' ? 'Alias already exists: arn:aws:lambda:us-east-1:111122223333:function:orders:live' : 'Function already exist: orders');
		}

		if (operation === 'GetAlias') {
			calls.push(`${operation} ${String((request.input as {Name?: string}).Name)}`);
			return {Name: (request.input as {Name?: string}).Name, FunctionVersion: options.aliasVersion ?? '1'};
		}

		if (options.goneOn?.includes(operation)) {
			calls.push(`${operation} (not found)`);
			throw failure('ResourceNotFoundException', 'The resource you requested does not exist.');
		}

		if (operation === 'ListEventSourceMappings') {
			calls.push(`${operation} ${String((request.input as {EventSourceArn?: string}).EventSourceArn)}`);
			return {EventSourceMappings: options.alreadyExistsOn?.includes('CreateEventSourceMapping') ? [{UUID: 'u-first'}] : []};
		}

		if (options.failOn === operation) {
			calls.push(`${operation} (failed)`);
			throw failure('AccessDeniedException', `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:${operation}`);
		}

		const line = describe(request, options.showCodeSha256 ?? false);
		writes++;
		calls.push(line);
		options.journal?.push(line);
		conflictsLeft = options.conflicts ?? 0;
		throttlesLeft = options.throttles ?? 0;
		unsettled = options.settlingReads ?? 0;
		if (operation === 'PublishVersion') {
			versions++;
			return {Version: String(versions)};
		}

		return {};
	};

	return {api, calls};
}

export function fakeIam(options: {failOn?: string; journal?: string[]} = {}) {
	const calls: string[] = [];
	/** Each policy document put, in order. */
	const policies: PolicyDocument[] = [];
	const api: FakeService = async request => {
		const input = request.input as Record<string, unknown>;
		const role = String(input['RoleName']);
		if (options.failOn === request.operation) {
			calls.push(`${request.operation} (failed)`);
			throw failure('AccessDenied', `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:${request.operation} on resource: role ${role}`);
		}

		calls.push(`${request.operation} ${role}`);
		options.journal?.push(`${request.operation} ${role}`);
		if (request.operation === 'PutRolePolicy') {
			policies.push(JSON.parse(String(input['PolicyDocument'])) as PolicyDocument);
		}

		return {};
	};

	return {api, calls, policies};
}

/** One region's sender over the fakes: each request goes to its service's fake. */
export function fakeSender(region: string, services: Partial<Record<Service, {api: FakeService}>>): AwsSender {
	const sender = {
		region,
		async sendAny(request: AnyRequest) {
			const fake = services[request.service];
			if (fake === undefined) {
				throw new Error(`test: no fake for ${request.service} (${request.operation})`);
			}

			return fake.api(request);
		},
		send: async (request: AnyRequest) => sender.sendAny(request),
	};
	return sender as AwsSender;
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
