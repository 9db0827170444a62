// Carries out one planned operation with the adapters, waiting for the function
// to settle after each change so the next call does not conflict, and retrying
// what passes with time (conflicts, throttling, a role IAM has not spread yet).
import type {EcrApi} from '../aws/ecr.js';
import type {IamApi} from '../aws/iam.js';
import type {CodeInput, FunctionState, LambdaApi} from '../aws/lambda.js';
import type {DesiredFunction, ImageRef, Operation, VersionRef} from '../plan/types.js';
import type {ContainerTool} from '../tools/container.js';
import {pushImage} from './push-image.js';
import {retryWrite, waitUntilReady, writeRetries, type Clock} from './waiting.js';

export interface ApplyContext {
	/** The region's Lambda adapter; absent for the role's steps. */
	lambda?: LambdaApi | undefined;
	iam?: IamApi | undefined;
	/** The region's ECR adapter, for an image deploy pushes. */
	ecr?: EcrApi | undefined;
	/** docker or podman, for an image deploy pushes. */
	container?: ContainerTool | undefined;
	/** A ZIP function's code. */
	zipFile?: Uint8Array | undefined;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** Deploy created or changed the execution role in this run: Lambda may not see it yet. */
	roleJustChanged?: boolean;
	/** Progress for the task's output line. */
	report: (line: string) => void;
	/** Set by publish-version, read by the alias step after it. */
	publishedVersion?: string;
	/** Set by push-image (host/name@sha256:…), read by the function's code step after it. */
	pushedImageUri?: string;
}

/** Fails loudly when a step runs without what it needs: a bug in building the task list, not a user's mistake. */
function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) {
		throw new Error(`internal: ${what} is missing`);
	}

	return value;
}

/** Said while the function settles; a VPC function stays Pending while Lambda makes its network interfaces. */
export function waitingLine(desired: DesiredFunction, state: FunctionState): string {
	const vpc = desired.settings.vpc && state.state === 'Pending' ? ' (Lambda is making the VPC network interfaces; this can take a minute)' : '';
	return `waiting: ${state.state}, last update ${state.lastUpdateStatus}${vpc}`;
}

export async function applyOperation(operation: Operation, context: ApplyContext): Promise<void> {
	if (isRoleOperation(operation)) {
		await applyRoleOperation(operation, context);
		return;
	}

	const {signal, clock} = context;
	const lambda = context.lambda;
	if (lambda === undefined) {
		throw new Error(`internal: ${operation.type} ran without the Lambda adapter`);
	}

	const retry = <T>(write: () => Promise<T>) =>
		retryWrite(write, {clock, signal, rules: writeRetries(context.roleJustChanged ?? false), onRetry: context.report});
	const settle = (desired: DesiredFunction) =>
		waitUntilReady(desired.name, () => lambda.functionState(desired.name, signal), {
			clock,
			signal,
			onWait: state => context.report(waitingLine(desired, state)),
		});
	const version = (ref: VersionRef) => {
		if ('version' in ref) {
			return ref.version;
		}

		if (context.publishedVersion === undefined) {
			throw new Error('internal: the alias step ran before a version was published');
		}

		return context.publishedVersion;
	};

	const code = (desired: DesiredFunction, image: ImageRef | undefined): CodeInput => {
		if (desired.code.packageType === 'Zip') {
			return {zipFile: need(context.zipFile, 'the zip')};
		}

		return {imageUri: image && 'uri' in image ? image.uri : need(context.pushedImageUri, 'the pushed image (push-image runs first)')};
	};

	switch (operation.type) {
		case 'create-repository': {
			const ecr = need(context.ecr, 'the ECR adapter');
			await retry(() => ecr.createRepository(operation.repository, signal));
			return;
		}

		case 'push-image': {
			context.pushedImageUri = await pushImage(operation.image, {
				ecr: need(context.ecr, 'the ECR adapter'),
				container: need(context.container, 'the container tool'),
				signal,
				report: context.report,
			});
			return;
		}

		case 'create-function': {
			await retry(() => lambda.createFunction(operation.desired, code(operation.desired, operation.image), signal));
			await settle(operation.desired);
			return;
		}

		case 'update-function-code': {
			await retry(() => lambda.updateFunctionCode(operation.desired, code(operation.desired, operation.image), signal));
			await settle(operation.desired);
			return;
		}

		case 'update-function-configuration': {
			await retry(() => lambda.updateFunctionConfiguration(operation.desired, signal));
			await settle(operation.desired);
			return;
		}

		case 'put-function-concurrency': {
			await retry(() => lambda.putFunctionConcurrency(operation.functionName, operation.reserved, signal));
			return;
		}

		case 'delete-function-concurrency': {
			await retry(() => lambda.deleteFunctionConcurrency(operation.functionName, signal));
			return;
		}

		case 'publish-version': {
			context.publishedVersion = await retry(() => lambda.publishVersion(operation.functionName, operation.codeSha256, signal));
			context.report(`version ${context.publishedVersion}`);
			return;
		}

		case 'create-alias': {
			await retry(() => lambda.createAlias(operation.functionName, operation.alias, version(operation.version), signal));
			return;
		}

		case 'update-alias': {
			await retry(() => lambda.updateAlias(operation.functionName, operation.alias, version(operation.version), signal));
			return;
		}

		case 'put-event-invoke-config': {
			await retry(() => lambda.putEventInvokeConfig(operation.functionName, operation.alias, operation.config, signal));
			return;
		}

		case 'delete-event-invoke-config': {
			await retry(() => lambda.deleteEventInvokeConfig(operation.functionName, operation.alias, signal));
			return;
		}

		case 'create-event-source-mapping': {
			await retry(() => lambda.createEventSourceMapping(operation.aliasArn, operation.mapping, signal));
			return;
		}

		case 'update-event-source-mapping': {
			await retry(() => lambda.updateEventSourceMapping(operation.uuid, operation.mapping, signal));
			return;
		}

		case 'delete-event-source-mapping': {
			await retry(() => lambda.deleteEventSourceMapping(operation.uuid, signal));
			return;
		}

		case 'none': {
			return;
		}
	}
}

type RoleOperation = Extract<Operation, {type: 'create-role' | 'update-trust-policy' | 'put-role-policy'}>;

const isRoleOperation = (operation: Operation): operation is RoleOperation =>
	operation.type === 'create-role' || operation.type === 'update-trust-policy' || operation.type === 'put-role-policy';

async function applyRoleOperation(operation: RoleOperation, context: ApplyContext): Promise<void> {
	const {iam, signal, clock} = context;
	if (iam === undefined) {
		throw new Error('internal: a role step ran without the IAM adapter');
	}

	const retry = (write: () => Promise<void>) => retryWrite(write, {clock, signal, onRetry: context.report});
	const writes: Record<RoleOperation['type'], () => Promise<void>> = {
		'create-role': () => iam.createRole(operation.role, signal),
		'update-trust-policy': () => iam.updateTrustPolicy(operation.role, signal),
		'put-role-policy': () => iam.putRolePolicy(operation.role, signal),
	};
	await retry(writes[operation.type]);
}
