// Lint rules that fail `npm test`: type-aware checks for what the compiler lets
// through (floating promises, non-exhaustive switches, `any`), and the layering
// rules that keep the code's shape: planners pure, adapters apart, no cycles.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const adapters = ['**/aws/**', '**/tools/**', '**/tasks/**', '**/commands/**', '**/cli/**', '**/ui/**'];
const sideEffects = ['node:fs', 'node:fs/promises', 'node:child_process', 'execa', '@aws-sdk/*', 'listr2', 'ink', 'react'];

/** Pure code: imports neither adapters nor anything that touches the world; types may come from the SDK. */
const pure = {
	'@typescript-eslint/no-restricted-imports': ['error', {
		patterns: [
			{group: adapters, allowTypeImports: true, message: 'Pure code (spec/, plan/, new/, deploy/) imports no adapters: take them as parameters.'},
			{group: sideEffects, allowTypeImports: true, message: 'Pure code does no I/O: only types may come from here.'},
		],
	}],
};

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'templates/**', 'test/fixtures/**', 'eslint.config.js', 'source/build.js', 'test/bench/**']},
	{
		files: ['**/*.ts', '**/*.tsx'],
		extends: [tseslint.configs.base],
		// lint-probe.ts: the made-up files test/guard-rails.test.ts lints, which exist only in that test.
		languageOptions: {parserOptions: {projectService: {allowDefaultProject: ['source/*/lint-probe.ts']}, tsconfigRootDir: import.meta.dirname}},
		plugins: {'import-x': importX},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', {checksVoidReturn: false}],
			'@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true}],
			'import-x/no-cycle': ['error', {ignoreExternal: true}],
		},
	},
	// deploy/shipment.ts gathers what deploy ships (the zip on disk, the local image): the read phase's one use of tools.
	{files: ['source/spec/**', 'source/plan/**', 'source/new/**', 'source/deploy/**'], ignores: ['source/deploy/shipment.ts'], rules: pure},
	{
		// Adapters never import planners or commands: data flows into them, not from them.
		files: ['source/aws/**', 'source/tools/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': ['error', {
				patterns: [{group: ['**/plan/**', '**/commands/**', '**/cli/**', '**/ui/**', '**/tasks/**', '**/new/**'], allowTypeImports: true, message: 'Adapters never import planners, commands or the UI.'}],
			}],
		},
	},
	{
		// Only the CLI decides how the process ends.
		files: ['source/**'],
		ignores: ['source/cli/**'],
		rules: {'no-restricted-properties': ['error', {object: 'process', property: 'exit', message: 'Only source/cli owns exit codes.'}]},
	},
);
