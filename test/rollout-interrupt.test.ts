// Ctrl-C during a roll-out, then a second one while the rollback is on its way: the
// rollback is cut off and the outcome names the one command that finishes it. With a
// swapped sender: moto answers at once, so it cannot hold a rollback in flight.
import {describe, expect, it} from 'vitest';
import type {AnyRequest} from '../source/deploy/request.js';
import {planRollout} from '../source/rollout/plan.js';
import {runRollout} from '../source/rollout/run.js';
import {fakeClock, fakeSender} from './support/fake-lambda.js';

const versions = [{version: '1', role: 'r'}, {version: '2', role: 'r'}];
const plan = () => planRollout({functionName: 'orders', alias: 'live', current: {version: '1', weights: {}}, target: '2', steps: [10, 100], versions});

/** A Lambda whose first UpdateAlias (the 10 % step) is followed by Ctrl-C, and whose rollback hangs until its signal aborts. */
function lambda(onRollback: () => void) {
	const first = new AbortController();
	const sent: string[] = [];
	const api = async (request: AnyRequest, signal?: AbortSignal) => {
		const input = request.input as {FunctionVersion?: string; RoutingConfig?: {AdditionalVersionWeights?: Record<string, number>}};
		sent.push(`${request.operation} ${input.FunctionVersion} ${JSON.stringify(input.RoutingConfig?.AdditionalVersionWeights ?? {})}`);
		if (sent.length === 1) {
			first.abort();
			return {};
		}

		onRollback();
		return new Promise((_resolve, reject) => {
			const aborted = () => {
				reject(Object.assign(new Error('The operation was aborted.'), {name: 'AbortError'}));
			};

			if (signal?.aborted) {
				aborted();
			}

			signal?.addEventListener('abort', aborted, {once: true});
		});
	};

	const aws = {region: 'us-east-1', send: async (request: AnyRequest, signal?: AbortSignal) => api(request, signal), sendAny: async (request: AnyRequest, signal?: AbortSignal) => api(request, signal)};
	return {aws: aws as unknown as ReturnType<typeof fakeSender>, sent, first};
}

describe('a second Ctrl-C during the rollback', () => {
	it('cuts the rollback off and says which command finishes it', async () => {
		const again = new AbortController();
		const {aws, sent, first} = lambda(() => {
			again.abort();
		});
		const outcome = await runRollout({aws, plan: plan(), clock: fakeClock().clock, signal: first.signal, again: again.signal, intervalMs: 60_000, report() {}});
		expect(sent).toEqual(['UpdateAlias 1 {"2":0.1}', 'UpdateAlias 1 {}']);
		expect(outcome.status).toBe('interrupted');
		expect(outcome.reason).toBe('interrupted; the rollback was cut off by a second Ctrl-C and may not have reached AWS');
		expect(outcome.state).toEqual({version: '1', weights: {2: 0.1}});
		expect(outcome.finish).toBe('aws lambda update-alias --function-name orders --name live --function-version 1 --routing-config \'{"AdditionalVersionWeights":{}}\' --region us-east-1');
	});
});
