// Carries out one planned operation with the Lambda adapter, waiting for the
// function to settle after each change so the next call does not conflict.
import type {LambdaApi} from '../aws/lambda.js';
import type {Operation, VersionRef} from '../plan/types.js';
import {retryOnConflict, waitUntilReady, type Clock} from './waiting.js';

export interface ApplyContext {
	lambda: LambdaApi;
	zipFile: Uint8Array;
	clock: Clock;
	signal?: AbortSignal | undefined;
	/** Progress for the task's output line. */
	report: (line: string) => void;
	/** Set by publish-version, read by the alias step after it. */
	publishedVersion?: string;
}

export async function applyOperation(operation: Operation, context: ApplyContext): Promise<void> {
	const {lambda, signal, clock} = context;
	const retry = <T>(write: () => Promise<T>) => retryOnConflict(write, {clock, signal});
	const settle = (functionName: string) =>
		waitUntilReady(functionName, () => lambda.functionState(functionName, signal), {
			clock,
			signal,
			onWait: state => context.report(`waiting: ${state.state}, last update ${state.lastUpdateStatus}`),
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

	switch (operation.type) {
		case 'create-function': {
			await retry(() => lambda.createFunction(operation.desired, context.zipFile, signal));
			await settle(operation.desired.name);
			return;
		}

		case 'update-function-code': {
			await retry(() => lambda.updateFunctionCode(operation.desired, context.zipFile, signal));
			await settle(operation.desired.name);
			return;
		}

		case 'update-function-configuration': {
			await retry(() => lambda.updateFunctionConfiguration(operation.desired, signal));
			await settle(operation.desired.name);
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

		case 'none': {
			return;
		}
	}
}
