// The real-crates tier (npm run test:rust): cargo builds and tests generated projects against
// the real lambda crates. Kept out of `npm test`, which needs neither crates.io nor a vendor folder.
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['test/rust-tier/**/*.test.ts'],
		// A cold build of the crates' dependencies takes minutes on a 2-core machine.
		testTimeout: 60_000,
		hookTimeout: 45 * 60_000,
	},
});
