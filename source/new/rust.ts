// The crate: Cargo.toml, the library (handlers) and the binaries' entry points.
//
// One package, a library and one [[bin]] per binary: cargo lambda builds a
// function with `--bin NAME` and an extension with `--extension --bin NAME`, and
// both share one Cargo.lock and one target/. An internal extension has no binary
// of its own: it is compiled into the function's.
import type {Spec} from '../spec/schema.js';
import {crates, entries, type Crate, type Role} from './catalog.js';
import {buildCommand, type Artifact, type FunctionPart, type Layout} from './layout.js';
import {render, type Templates} from './render.js';
import type {DescribedFile} from './types.js';

const roleTitle: Record<Role, string> = {function: 'The function', extension: 'The extension'};

const sharedTail = 'rust/handler/run-and-sample-test.rs';

/** What follows the handler: its trigger's tail, or the shared start and sample test; nothing for a handler that has its own. */
function handlerTail(fn: FunctionPart, templates: Templates): string {
	const tail = fn.tail ?? (fn.sampleKind === undefined ? undefined : sharedTail);
	// Only the values the trigger has: a placeholder left without one is a generator bug, and render says so.
	const values = {
		sample_file: fn.main.file,
		...(fn.sampleKind === undefined ? {} : {sample_kind: fn.sampleKind}),
		...(fn.eventType === undefined ? {} : {event_type: fn.eventType}),
	};
	return tail === undefined ? '' : `\n${render(templates, tail, values)}`;
}

export function rustFiles(spec: Spec, shape: Layout, templates: Templates): DescribedFile[] {
	const {function: fn, extension} = shape;
	const common = {name: shape.name, crate: shape.crate, summary: shape.summary};
	const extensionValues = extension && {
		extension_name: extension.name,
		extension_imports: extension.imports.join(', '),
		processor: extension.processor,
	};
	const files: DescribedFile[] = [
		{path: 'Cargo.toml', content: cargoToml(spec, shape, templates), what: 'the crate: its binaries and dependencies'},
		{
			path: 'src/lib.rs',
			content: render(templates, 'rust/lib.rs', {
				...common,
				entries: shape.artifacts.map(artifact => artifact.entry).join(' and '),
				modules: [...(extension ? ['pub mod extension;'] : []), ...(fn ? ['pub mod handler;'] : [])].join('\n'),
			}),
			what: 'the library the binaries start',
		},
	];

	if (fn) {
		const entry = extension?.internal ? entries.functionWithInternalExtension : entries.function;
		files.push(
			{
				path: 'src/main.rs',
				content: render(templates, entry, {...common, runtime_crate: fn.runtimeCrate, ...extensionValues}),
				what: extension?.internal ? 'starts the function and, in the same process, the internal extension' : 'starts the function',
			},
			{
				path: 'src/handler.rs',
				content: render(templates, fn.handler, {http_event: fn.main.file.replace('events/', '')}) + handlerTail(fn, templates),
				what: 'the function\'s handler, and its tests on the sample events',
			},
		);
	}

	if (extension) {
		if (!extension.internal) {
			const artifact = shape.artifacts.find(({role}) => role === 'extension')!;
			files.push({
				path: artifact.entry,
				content: render(templates, entries.extension, {...common, ...extensionValues!}),
				what: 'starts the extension (its own process)',
			});
		}

		files.push({path: 'src/extension.rs', content: render(templates, extension.handler), what: 'the extension\'s handler'});
	}

	return files;
}

function cargoToml(spec: Spec, shape: Layout, templates: Templates): string {
	const bins = shape.artifacts.map(artifact => binSection(spec, artifact)).join('\n');
	const {dependencies, devDependencies} = crateLists(shape);
	return render(templates, 'Cargo.toml', {
		name: shape.name,
		bins,
		dependencies: dependencies.join('\n'),
		dev_dependencies: devDependencies.length > 0 ? `\n[dev-dependencies]\n${devDependencies.join('\n')}\n` : '',
	});
}

function binSection(spec: Spec, artifact: Artifact): string {
	return [
		`# ${roleTitle[artifact.role]}: ${buildCommand(spec, artifact)}`,
		'[[bin]]',
		`name = "${artifact.bin}"`,
		`path = "${artifact.entry}"`,
		'',
	].join('\n');
}

/** The crates the project's code uses, and those only its tests use: nothing else. */
function crateLists({function: fn, extension}: Layout): {dependencies: string[]; devDependencies: string[]} {
	// Every entry point is #[tokio::main], and every handler logs with tracing.
	const used = new Set<Crate>(['tokio', 'tracing']);
	const lines: Record<string, string> = {};
	if (fn) {
		for (const crate of [fn.runtimeCrate, ...fn.crates]) {
			used.add(crate);
		}

		if (fn.eventFeatures.length > 0) {
			const features = fn.eventFeatures.map(feature => `"${feature}"`).join(', ');
			lines['aws_lambda_events'] = `{ version = "1", default-features = false, features = [${features}] }`;
		}
	}

	if (extension) {
		used.add('lambda-extension');
	}

	for (const crate of used) {
		lines[crate] = crates[crate];
	}

	const testOnly = (fn?.testCrates ?? []).filter(crate => !used.has(crate));
	const sorted = (names: Iterable<string>, spec: (name: string) => string) => [...names].sort().map(name => `${name} = ${spec(name)}`);
	return {
		dependencies: sorted(Object.keys(lines), name => lines[name]!),
		devDependencies: sorted(testOnly, name => crates[name as Crate]),
	};
}
