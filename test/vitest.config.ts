import {fileURLToPath} from 'node:url';
import {configDefaults, defineConfig} from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// The real-crates tier runs apart: npm run test:rust.
		exclude: [...configDefaults.exclude, 'test/rust-tier/**'],
		// No test may reach for the EC2 instance metadata address when credentials are missing:
		// every AWS call in the tests goes to a server on loopback.
		env: {AWS_EC2_METADATA_DISABLED: 'true'},
		testTimeout: 60_000,
		hookTimeout: 60_000,
	},
});
