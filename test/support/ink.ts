// Driving an Ink component like a person: type, then wait for the frame that shows it.
import {expect} from 'vitest';

export const keys = {
	enter: '\r',
	down: '\u001B[B',
	up: '\u001B[A',
	left: '\u001B[D',
	right: '\u001B[C',
	escape: '\u001B',
	backspace: '\u007F',
	space: ' ',
} as const;

interface Rendered {
	lastFrame: () => string | undefined;
	stdin: {write: (data: string) => void};
}

/** Polls the latest frame until it satisfies the check (or fails after a while, showing it). */
export async function waitForFrame(app: Rendered, check: (frame: string) => boolean, what = 'the expected frame'): Promise<string> {
	const deadline = Date.now() + 5000;
	for (;;) {
		const frame = app.lastFrame() ?? '';
		if (check(frame)) {
			return frame;
		}

		if (Date.now() > deadline) {
			expect.fail(`Timed out waiting for ${what}. Last frame:\n${frame}`);
		}

		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

/** Sends keys, and after each waits until the frame changes, so no key races a state update. */
export async function press(app: Rendered, ...sequence: string[]): Promise<string> {
	let frame = app.lastFrame() ?? '';
	for (const key of sequence) {
		const before = app.lastFrame() ?? '';
		app.stdin.write(key);
		frame = await waitForFrame(app, now => now !== before, `a change after ${JSON.stringify(key)}`);
	}

	return frame;
}

/** Types text into a field and waits until it shows. */
export async function type(app: Rendered, text: string): Promise<string> {
	app.stdin.write(text);
	return waitForFrame(app, frame => frame.includes(text), `"${text}" on screen`);
}
