// The generated project's README: what it is, the next commands, what is where.
import type {Spec} from '../spec/schema.js';
import {connection, type Line} from './connect.js';
import type {Layout} from './layout.js';
import {samBuildCommands} from './local.js';
import {render, type Templates} from './render.js';
import type {DescribedFile} from './types.js';

/** A shell block, notes lined up as comments. */
function block(lines: readonly Line[]): string {
	const width = Math.max(0, ...lines.filter(([, note]) => note).map(([command]) => command.length));
	const text = lines.map(([command, note]) => (note ? `${command.padEnd(width)}  # ${note}` : command)).join('\n');
	return `\`\`\`sh\n${text}\n\`\`\``;
}

/** Publishing the extension as a layer, in every region of rust-lambda.toml. */
function publishLines(spec: Spec): Line[] {
	return [
		['rust-lambda-wizard layer publish --dry-run', 'the plan and the equivalent aws CLI commands; changes nothing'],
		['rust-lambda-wizard layer publish', `publishes the extension as layer ${spec.extension!.layer_name} in every region (unchanged bytes: the newest version is reused)`],
	];
}

function deployLines(spec: Spec, shape: Layout): Line[] {
	const image = spec.project.packaging === 'image';
	const built = image ? 'the container image' : 'the binaries, with cargo lambda';
	if (!shape.function) {
		return [['rust-lambda-wizard build', 'the extension\'s layer zip, with cargo lambda'], ...publishLines(spec)];
	}

	// A companion external extension is published as a layer by deploy itself, before the function that carries it.
	const companion = shape.extension && !shape.extension.internal && !image ? `, after publishing the extension as layer ${spec.extension!.layer_name} (or reusing its newest version)` : '';
	return [
		['rust-lambda-wizard build', built],
		['rust-lambda-wizard deploy --dry-run', 'the plan and the equivalent aws CLI commands; changes nothing'],
		['rust-lambda-wizard deploy', `creates or updates the function in every region of rust-lambda.toml${companion}`],
	];
}

/** What deploy connects for the trigger and how to try it; a function's README only. */
function connectsText(spec: Spec, shape: Layout): string {
	if (!shape.function) {
		return '';
	}

	const {says, tryIt} = connection(spec);
	const trying = tryIt.length > 0 ? `\n\nOnce deployed, try it:\n\n${block(tryIt)}` : '';
	return `\n### What \`deploy\` connects\n\n${says}${trying}\n`;
}

function localText(spec: Spec, shape: Layout): string {
	const fn = shape.function;
	if (!fn) {
		return 'An extension runs beside a function, so there is nothing to invoke on its own. `cargo build` checks that it compiles; '
			+ 'publish it as a layer and add the layer version ARN to a ZIP function\'s `function.layers` (an image function takes no layers: '
			+ 'it carries its extensions in /opt/extensions, as `new --kind function+extension --packaging image` makes it).';
	}

	const watch: Line[] = [
		['cargo test', 'the handler\'s tests, on the sample events in events/'],
		['cargo lambda watch', 'runs the function on http://localhost:9000, rebuilding on change'],
	];
	if (spec.project.trigger === 'http') {
		watch.push([`curl "http://localhost:9000/lambda-url/${fn.bin}/?name=you"`, 'in a second terminal']);
	}

	watch.push([`cargo lambda invoke ${fn.bin} --data-file ${fn.main.file}`, 'in a second terminal: one event']);
	const parts = [block(watch)];
	if (spec.local.sam) {
		const build: Line[] = samBuildCommands(spec, shape).map(command => [command]);
		parts.push('In a Lambda-like container, with the SAM CLI:', block([...build, [`sam local invoke Function --event ${fn.main.file}`]]));
	}

	if (spec.local.localstack) {
		parts.push('Against LocalStack, which creates the function and invokes it with the sample events:', block([['localstack start -d'], ['tests/localstack.sh']]));
	}

	if (spec.local.artillery && spec.project.trigger === 'http') {
		parts.push('A load test, while `cargo lambda watch` runs:', block([['artillery run artillery.yml']]));
	}

	return parts.join('\n\n');
}

export function readme(spec: Spec, shape: Layout, files: readonly DescribedFile[], templates: Templates): DescribedFile {
	const self: DescribedFile = {path: 'README.md', content: '', what: 'this file'};
	const rows = [...files, self].map(file => `| \`${file.path}\` | ${file.what} |`);
	return {
		...self,
		content: render(templates, 'README.md', {
			name: shape.name,
			summary: shape.summary,
			deploy_commands: block(deployLines(spec, shape)),
			connects: connectsText(spec, shape),
			local: localText(spec, shape),
			files: rows.join('\n'),
		}),
	};
}
