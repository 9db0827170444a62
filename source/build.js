// Bundles source/ into dist/ with esbuild. Run by `npm run build` (and by
// `prepare`, so `npm ci` leaves a runnable CLI).
import {rm} from 'node:fs/promises';
import {build} from 'esbuild';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
	console.error(`The project's scripts need Node.js 22+ but ran on ${process.versions.node}.`);
	console.error('npm should have put the pinned Node (the "node" dev dependency) first on PATH;');
	console.error('if it did not install, check that package.json "allowScripts" lists "node", then `npm ci` again.');
	process.exit(1);
}

// Ink imports react-devtools-core only when DEV is set; the bundle does without it.
const stubDevtools = {
	name: 'stub-react-devtools-core',
	setup(builder) {
		builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};'}));
	},
};

await rm('dist', {recursive: true, force: true});
await build({
	entryPoints: {main: 'source/cli/main.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	jsx: 'automatic',
	legalComments: 'none',
	logLevel: 'warning',
	plugins: [stubDevtools],
	// Some dependencies are CommonJS and call require(); ESM output has none.
	banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
});
