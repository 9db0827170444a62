// Waiting for something outside the test (a process starting or ending) by looking
// again every 50 ms until it holds, never by sleeping a fixed time.

/** Reads until `done` holds or the time is up; returns the last reading either way, for the assertion. */
export async function pollUntil<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (done(value) || Date.now() > deadline) {
			return value;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}
