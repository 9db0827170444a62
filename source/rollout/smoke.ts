// The smoke test before any traffic moves: the new version is invoked once with
// the project's sample event ([rollout] smoke_event); a function error stops the
// roll-out while the alias still sends everything to the old version.
import {request, type AwsSender} from '../deploy/request.js';

export interface SmokeTarget {
	functionName: string;
	version: string;
	/** The event's bytes (the file [rollout] smoke_event names). */
	event: Uint8Array;
	/** For the message: where the event came from. */
	eventFile: string;
}

/** Invokes the version with the event; why it failed, or undefined when it answered without a function error. */
export async function smokeInvoke(aws: AwsSender, target: SmokeTarget, signal?: AbortSignal): Promise<string | undefined> {
	const answer = await aws.send(request('lambda', 'Invoke', {
		FunctionName: target.functionName,
		Qualifier: target.version,
		InvocationType: 'RequestResponse',
		Payload: target.event,
	}), signal);
	if (answer.FunctionError === undefined) {
		return undefined;
	}

	const said = answer.Payload ? Buffer.from(answer.Payload).toString('utf8').slice(0, 300) : '';
	return `the smoke invoke of version ${target.version} with ${target.eventFile} failed (${answer.FunctionError})${said ? `: ${said}` : ''}`;
}
