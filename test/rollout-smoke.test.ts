// The smoke invoke before any traffic moves: the new version is called once with
// the project's sample event; a function error stops the roll-out with the alias
// untouched. With a swapped sender: moto cannot run a function.
import {describe, expect, it} from 'vitest';
import type {AnyRequest} from '../source/deploy/request.js';
import {planRollout} from '../source/rollout/plan.js';
import {runRollout} from '../source/rollout/run.js';
import {smokeInvoke} from '../source/rollout/smoke.js';
import {fakeClock, fakeSender} from './support/fake-lambda.js';

const versions = [{version: '1', role: 'r'}, {version: '2', role: 'r'}];
const plan = () => planRollout({functionName: 'orders', alias: 'live', current: {version: '1', weights: {}}, target: '2', steps: [10, 100], versions});
const event = new TextEncoder().encode('{"Records": []}');

/** A Lambda that answers Invoke as AWS does for a handler that failed (or did not), and records every request. */
function lambda(functionError?: string) {
	const sent: AnyRequest[] = [];
	const api = async (request: AnyRequest) => {
		sent.push(request);
		return request.operation === 'Invoke'
			? {StatusCode: 200, ...(functionError ? {FunctionError: functionError, Payload: new TextEncoder().encode('{"errorMessage":"boom"}')} : {Payload: new TextEncoder().encode('null')})}
			: {};
	};

	return {aws: fakeSender('us-east-1', {lambda: {api}}), sent};
}

describe('the smoke invoke', () => {
	it('calls the new version with the event, and moves no traffic when the handler fails', async () => {
		const {aws, sent} = lambda('Unhandled');
		const outcome = await runRollout({
			aws, plan: plan(), clock: fakeClock().clock, intervalMs: 1000, report: () => undefined,
			smoke: async () => smokeInvoke(aws, {functionName: 'orders', version: '2', event, eventFile: 'events/sqs.json'}),
		});
		expect(sent.map(request => request.operation)).toEqual(['Invoke']);
		expect(sent[0]!.input).toMatchObject({FunctionName: 'orders', Qualifier: '2', InvocationType: 'RequestResponse', Payload: event});
		expect(outcome).toMatchObject({status: 'rolled-back', state: {version: '1', weights: {}}});
		expect(outcome.reason).toBe('the smoke invoke of version 2 with events/sqs.json failed (Unhandled): {"errorMessage":"boom"}');
	});

	it('goes on with the steps when the handler answers', async () => {
		const {aws, sent} = lambda();
		const outcome = await runRollout({
			aws, plan: plan(), clock: fakeClock().clock, intervalMs: 1000, report: () => undefined,
			smoke: async () => smokeInvoke(aws, {functionName: 'orders', version: '2', event, eventFile: 'events/sqs.json'}),
		});
		expect(sent.map(request => request.operation)).toEqual(['Invoke', 'UpdateAlias', 'UpdateAlias']);
		expect(outcome.status).toBe('done');
	});
});
