import {fileURLToPath} from 'node:url';
import {configDefaults, defineConfig} from 'vitest/config';
import {allTests, unitTests} from './tiers.js';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		// No test may reach for the EC2 instance metadata address when credentials are missing:
		// every AWS call in the tests goes to a server on loopback.
		env: {AWS_EC2_METADATA_DISABLED: 'true'},
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Two tiers (test/tiers.ts): `npm run test:unit` runs the first, `npm test` both.
		projects: [
			{extends: true, test: {name: 'unit', include: [...unitTests]}},
			// The real-crates tier runs apart: npm run test:rust.
			{extends: true, test: {name: 'real', include: [...allTests], exclude: [...configDefaults.exclude, ...unitTests, 'test/rust-tier/**']}},
		],
	},
});
