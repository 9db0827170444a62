// The projects `new` generates, for every combination of kind × trigger ×
// packaging × extension kind (and the HTTP, SQS and architecture variants):
// checked with the real rustfmt, cfn-lint and bash, loaded back with loadSpec,
// and compared with the real event payloads in test/fixtures/events.
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {execa} from 'execa';
import {parse as parseToml} from 'smol-toml';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ConfigError} from '../source/errors.js';
import {projectFiles, type GeneratedFile, type Templates} from '../source/new/files.js';
import {planBuild} from '../source/plan/build.js';
import type {Spec} from '../source/spec/schema.js';
import {loadSpec} from '../source/spec/spec.js';
import {loadTemplates, packageRoot} from '../source/tools/templates.js';
import {variants} from './support/rust-variants.js';

const root = packageRoot();
const fixtures = join(root, 'test', 'fixtures', 'events');

const triggers = ['http', 'sqs', 'sns', 's3', 'schedule', 'dynamodb', 'kinesis', 'json'] as const;
const extensionKinds = ['events', 'logs', 'telemetry'] as const;
const packagings = [
	{id: 'zip', toml: 'packaging = "zip"', image: ''},
	{id: 'image/multi-stage', toml: 'packaging = "image"', image: '[image]\nbase = "multi-stage"\n'},
	{id: 'image/lambda-base', toml: 'packaging = "image"', image: '[image]\nbase = "lambda-base"\n'},
] as const;

interface Case {
	readonly id: string;
	readonly spec: Spec;
}

interface Generated extends Case {
	readonly dir: string;
	readonly files: ReadonlyMap<string, GeneratedFile>;
}

function project(lines: {project: string; sections?: string}): Spec {
	return loadSpec({file: 'rust-lambda.toml', text: `[project]\n${lines.project}\n${lines.sections ?? ''}`});
}

/** A trigger's source section, filled in (test ids: "function <key> with its source"). */
const sourceSections: Record<string, string> = {
	'http function-url': '[http]\ncors_allow_origins = ["https://example.com"]\n',
	'http http-api': '[http]\nendpoint = "http-api"\ncors_allow_origins = ["*"]\n',
	'http http-api iam': '[http]\nendpoint = "http-api"\nauth = "iam"\ncors_allow_origins = ["https://example.com"]\n',
	sns: '[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders"\nfilter_policy = \'{"kind": ["order"], "total": [{"numeric": [">", 100]}]}\'\n',
	s3: '[s3]\nbucket = "my-uploads"\nevents = ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"]\nprefix = "in/"\nsuffix = ".jpg"\n',
	schedule: '[schedule]\nexpression = "cron(0 12 * * ? *)"\ntimezone = "Europe/Berlin"\ninput = \'{"job": "nightly"}\'\n[deploy]\nalias = "prod"\n',
	dynamodb: '[dynamodb]\ntable = "orders"\nstarting_position = "TRIM_HORIZON"\nbatch_size = 50\nbatching_window_seconds = 5\nbisect_batch_on_error = true\nmax_retry_attempts = 3\nmax_record_age_seconds = 3600\nparallelization_factor = 2\non_failure = "arn:aws:sqs:{region}:{account}:failed"\n',
	kinesis: '[kinesis]\nstream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"\non_failure = "arn:aws:s3:::failed-records"\n',
};

function cases(): Case[] {
	const all: Case[] = [];
	const add = (id: string, projectLines: string, sections = '') => all.push({id, spec: project({project: projectLines, sections})});
	for (const packaging of packagings) {
		for (const trigger of triggers) {
			add(`function ${trigger} ${packaging.id}`, `name = "orders"\ntrigger = "${trigger}"\n${packaging.toml}`, packaging.image);
			for (const kind of extensionKinds) {
				for (const internal of [false, true]) {
					add(
						`function+extension ${trigger} ${kind} ${internal ? 'internal' : 'external'} ${packaging.id}`,
						`name = "orders"\nkind = "function+extension"\ntrigger = "${trigger}"\n${packaging.toml}`,
						`${packaging.image}[extension]\nkind = "${kind}"\ninternal = ${internal}\n`,
					);
				}
			}
		}
	}

	// An extension on its own is a layer, always a ZIP (the config refuses it as an image).
	for (const kind of extensionKinds) {
		add(`extension ${kind} zip`, 'name = "log-shipper"\nkind = "extension"', `[extension]\nkind = "${kind}"\n`);
	}

	for (const endpoint of ['function-url', 'http-api']) {
		for (const auth of ['none', 'iam']) {
			add(`function http ${endpoint} auth ${auth}`, 'name = "web"\ntrigger = "http"', `[http]\nendpoint = "${endpoint}"\nauth = "${auth}"\n`);
		}
	}

	add('function sqs fifo', 'name = "orders"\ntrigger = "sqs"', '[sqs]\nqueue_arn = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"\nbatch_size = 5\n');
	add('function sqs fifo without its queue', 'name = "orders"\ntrigger = "sqs"', '[sqs]\nfifo = true\n');
	add('function sqs with a batching window', 'name = "orders"\ntrigger = "sqs"', '[sqs]\nbatch_size = 100\nbatching_window_seconds = 5\nreport_batch_item_failures = false\n[function]\ntimeout = 60\n');
	add('function+extension x86_64 image', 'name = "orders"\nkind = "function+extension"\ntrigger = "s3"\npackaging = "image"\narchitecture = "x86_64"', '[extension]\nname = "shipper"\nkind = "logs"\n');
	add('function x86_64 zip with environment', 'name = "orders"\ntrigger = "sns"\narchitecture = "x86_64"', '[function]\nmemory = 512\nenvironment = { RUST_LOG = "debug", GREETING = "yes: \\"hi\\"" }\n');
	add('function without local files', 'name = "web"\ntrigger = "http"', '[local]\nsam = false\nlocalstack = false\nartillery = false\n');
	add('function with a hyphenated name', 'name = "order-processor"\ntrigger = "json"', '');
	// Each trigger with its source set, as `new` writes it from the wizard's answers or flags.
	for (const [trigger, sections] of Object.entries(sourceSections)) {
		add(`function ${trigger} with its source`, `name = "orders"\ntrigger = "${trigger.split(' ')[0]!}"`, sections);
	}

	add(
		'function sqs with every section',
		'name = "orders"\ntrigger = "sqs"\narchitecture = "x86_64"',
		[
			'[function]\nmemory = 256\ntimeout = 30\nrole = "arn:aws:iam::123456789012:role/orders-role"\nenvironment = { RUST_LOG = "info" }',
			'reserved_concurrency = 10\nlayers = ["arn:aws:lambda:us-east-1:123456789012:layer:shipper:3"]',
			'[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]',
			'[async]\nmax_retry_attempts = 1\nmax_event_age_seconds = 3600\non_success = "arn:aws:sqs:{region}:{account}:done"',
			'[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatching_window_seconds = 5\nmax_concurrency = 5',
			'[deploy]\nregions = ["us-east-1", "eu-west-1"]\nalias = "prod"',
			'[rollout]\nstrategy = "canary"\ninterval_seconds = 60\nsmoke_event = "events/sqs.json"\n',
		].join('\n'),
	);
	return all;
}

let templates: Templates;
let work: string;
let generated: Generated[];
const read = new Set<string>();

beforeAll(async () => {
	const loaded = await loadTemplates();
	// Records which templates the generator reads, to find unused ones.
	templates = {
		read(path) {
			read.add(path);
			return loaded.read(path);
		},
	};
	work = await mkdtemp(join(tmpdir(), 'rlw-new-'));
	generated = await Promise.all(
		cases().map(async ({id, spec}, index) => {
			const dir = join(work, String(index));
			const files = projectFiles(spec, templates);
			await Promise.all(
				files.map(async file => {
					await mkdir(dirname(join(dir, file.path)), {recursive: true});
					await writeFile(join(dir, file.path), file.content, {mode: file.executable ? 0o755 : 0o644});
				}),
			);
			return {id, spec, dir, files: new Map(files.map(file => [file.path, file]))};
		}),
	);
});

afterAll(async () => {
	await rm(work, {recursive: true, force: true});
});

/** Each distinct content once (the first project that has it), so real tools run on few files. */
function distinct(
	pick: (project: Generated) => readonly GeneratedFile[],
	/** What makes two files the same for the tool; default: their content. */
	key = (content: string) => content,
): Array<{path: string; id: string}> {
	const seen = new Map<string, {path: string; id: string}>();
	for (const project of generated) {
		for (const file of pick(project)) {
			const hash = createHash('sha256').update(key(file.content)).digest('hex');
			if (!seen.has(hash)) {
				seen.set(hash, {path: join(project.dir, file.path), id: `${project.id}: ${file.path}`});
			}
		}
	}

	return [...seen.values()];
}

/** Runs a real tool; a missing one fails the test loudly (it is never skipped). */
async function tool(command: string, args: readonly string[], install: string, cwd?: string) {
	const result = await execa(command, args, {reject: false, ...(cwd ? {cwd} : {})});
	if ((result as {code?: string}).code === 'ENOENT') {
		expect.fail(`${command} is missing: ${install}. These tests need the real program.`);
	}

	return result;
}

const filesOf = (project: Generated, test: (path: string) => boolean) => [...project.files.values()].filter(file => test(file.path));
const fileOf = (project: Generated, path: string) => project.files.get(path)?.content;
const where = (predicate: (project: Generated) => boolean) => generated.filter(project => predicate(project));

describe('every generated project', () => {
	test('covers every combination', () => {
		expect(generated.length).toBeGreaterThan(170);
	});

	test('every .rs file passes rustfmt --check --edition 2021', async () => {
		const rust = distinct(project => filesOf(project, path => path.endsWith('.rs')));
		expect(rust.length).toBeGreaterThan(20);
		const result = await tool('rustfmt', ['--check', '--edition', '2021', ...rust.map(file => file.path)], 'rustup component add rustfmt');
		expect(result.exitCode, `${rust.map(file => `${file.path} = ${file.id}`).join('\n')}\n${result.stdout}${result.stderr}`).toBe(0);
	});

	test('every template.yaml passes cfn-lint', async () => {
		// cfn-lint takes ~0.1 s a file: templates that differ only in comments or Description are checked once.
		const sam = distinct(
			project => filesOf(project, path => path === 'template.yaml'),
			content => content.replaceAll(/^(?:#.*|Description: .*)\n/gm, ''),
		);
		expect(sam.length).toBeGreaterThan(10);
		const result = await tool('cfn-lint', ['--', ...sam.map(file => file.path)], 'pip install cfn-lint');
		expect(result.exitCode, `${sam.map(file => `${file.path} = ${file.id}`).join('\n')}\n${result.stdout}${result.stderr}`).toBe(0);
	});

	test('every shell script parses (bash -n) and is executable', async () => {
		for (const script of distinct(project => filesOf(project, path => path.endsWith('.sh')))) {
			const result = await tool('bash', ['-n', script.path], 'apt-get install bash');
			expect(result.exitCode, `${script.id}\n${result.stderr}`).toBe(0);
		}

		for (const project of generated) {
			for (const file of filesOf(project, path => path.endsWith('.sh'))) {
				expect(file.executable, `${project.id}: ${file.path}`).toBe(true);
			}
		}
	});

	test('every artillery.yml is YAML with a target and a scenario', async () => {
		const artillery = distinct(project => filesOf(project, path => path === 'artillery.yml'));
		expect(artillery.length).toBeGreaterThan(0);
		const check = 'import json, sys, yaml\nfor path in sys.argv[1:]:\n    doc = yaml.safe_load(open(path))\n    print(json.dumps([doc["config"]["target"], len(doc["scenarios"])]))';
		const result = await tool('python3', ['-c', check, ...artillery.map(file => file.path)], 'apt-get install python3 python3-yaml');
		expect(result.exitCode, result.stderr).toBe(0);
		for (const line of result.stdout.trim().split('\n')) {
			const [target, scenarios] = JSON.parse(line) as [string, number];
			expect(target).toMatch(/^http:\/\/localhost:9000\/lambda-url\/\w+$/);
			expect(scenarios).toBeGreaterThan(0);
		}
	});

	test('rust-lambda.toml loads back into the identical Spec', () => {
		for (const {id, spec, files} of generated) {
			const text = files.get('rust-lambda.toml')?.content;
			// structuredClone: smol-toml's tables have a null prototype; the values must be identical.
			expect(structuredClone(loadSpec({file: 'rust-lambda.toml', text})), id).toStrictEqual(structuredClone(spec));
		}
	});

	test('no placeholder is left unfilled', () => {
		for (const project of generated) {
			for (const file of project.files.values()) {
				expect(file.content, `${project.id}: ${file.path}`).not.toMatch(/\{\{[a-z][a-z\d_]*\}\}/);
			}
		}
	});

	test('Cargo.toml lists binaries whose entry points exist, and every module has its file', () => {
		for (const project of generated) {
			const cargo = parseToml(fileOf(project, 'Cargo.toml')!) as {package: {name: string; autobins: boolean}; bin: Array<{name: string; path: string}>};
			expect(cargo.package.name).toBe(project.spec.project.name);
			expect(cargo.package.autobins).toBe(false);
			const names = cargo.bin.map(bin => bin.name);
			expect(new Set(names).size, project.id).toBe(names.length);
			for (const bin of cargo.bin) {
				expect(project.files.has(bin.path), `${project.id}: ${bin.path}`).toBe(true);
			}

			for (const [, module] of fileOf(project, 'src/lib.rs')!.matchAll(/^pub mod (\w+);$/gm)) {
				expect(project.files.has(`src/${module}.rs`), `${project.id}: src/${module}.rs`).toBe(true);
			}
		}
	});

	test('every aws_lambda_events module the code uses is an enabled feature', () => {
		for (const project of generated) {
			const cargo = parseToml(fileOf(project, 'Cargo.toml')!) as {dependencies: Record<string, {features?: string[]}>};
			const used = new Set<string>();
			for (const file of filesOf(project, path => path.endsWith('.rs'))) {
				for (const [, module] of file.content.matchAll(/aws_lambda_events::event::(\w+)/g)) {
					used.add(module!);
				}
			}

			expect(cargo.dependencies['aws_lambda_events']?.features ?? [], project.id).toEqual(expect.arrayContaining([...used]));
		}
	});

	test('Cargo.toml lists exactly the crates the code uses; those only the tests use are dev-dependencies', () => {
		const known = ['aws_lambda_events', 'lambda_extension', 'lambda_http', 'lambda_runtime', 'percent_encoding', 'serde', 'serde_json', 'tokio', 'tracing', 'tracing_subscriber'];
		for (const project of generated) {
			const cargo = parseToml(fileOf(project, 'Cargo.toml')!) as {dependencies: Record<string, unknown>; 'dev-dependencies'?: Record<string, unknown>};
			const rust = filesOf(project, path => path.endsWith('.rs')).map(file => file.content);
			// Test modules (#[cfg(test)] mod … { … } up to the closing brace at the line's start) apart from the rest.
			const testModule = /#\[cfg\(test\)\]\nmod \w+ \{[\s\S]*?\n\}\n?/g;
			const code = rust.map(content => content.replaceAll(testModule, '')).join('\n');
			const tests = rust.flatMap(content => content.match(testModule) ?? []).join('\n');
			const uses = (text: string) => known.filter(crate => new RegExp(`(?<![\\w:])${crate}::`).test(text));
			const rustName = (crate: string) => crate.replaceAll('-', '_');
			expect(Object.keys(cargo.dependencies).map(rustName).sort(), project.id).toEqual(uses(code));
			expect(Object.keys(cargo['dev-dependencies'] ?? {}).map(rustName).sort(), project.id).toEqual(uses(tests).filter(crate => !uses(code).includes(crate)));
		}
	});

	test('the real-crates tier (npm run test:rust) compiles every distinct .rs file among its variants', () => {
		// Doc comments, the crate's and the extension's names aside, every .rs file any combination
		// generates is one that some variant of test/support/rust-variants.ts generates.
		const keysOf = (spec: Spec, files: Iterable<GeneratedFile>) => {
			const crate = spec.project.name.replaceAll('-', '_');
			return [...files]
				.filter(file => file.path.endsWith('.rs'))
				.map(file => `${file.path}\n${file.content
					.replaceAll(/^\/\/!.*\n/gm, '')
					.replaceAll(`use ${crate}::`, 'use CRATE::')
					.replaceAll(`"${spec.extension?.name ?? '-'}"`, '"EXTENSION"')}`);
		};

		const covered = new Set(variants.flatMap(({spec}) => keysOf(spec, projectFiles(spec, templates))));
		const missing = generated.flatMap(({id, spec, files}) => keysOf(spec, files.values()).filter(key => !covered.has(key)).map(key => `${id}: ${key.split('\n')[0]}`));
		expect(missing).toEqual([]);
	});

	test('the README names every file of the project', () => {
		for (const project of generated) {
			const readme = fileOf(project, 'README.md')!;
			for (const path of project.files.keys()) {
				expect(readme, `${project.id}: ${path}`).toContain(`| \`${path}\` |`);
			}
		}
	});

	test('every template file is used by some project', async () => {
		const {readdir} = await import('node:fs/promises');
		const all = (await readdir(join(root, 'templates'), {recursive: true, withFileTypes: true}))
			.filter(entry => entry.isFile())
			.map(entry => join(entry.parentPath, entry.name).slice(join(root, 'templates').length + 1).split('\\').join('/'));
		expect(all.filter(path => !read.has(path))).toEqual([]);
	});
});

describe('sample events', () => {
	/** Key paths and value types, recursively; a list by the set of its items' shapes. */
	function shape(value: unknown): unknown {
		if (Array.isArray(value)) {
			const items = new Map(value.map(item => [JSON.stringify(shape(item)), shape(item)]));
			return {list: [...items.keys()].sort()};
		}

		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]));
		}

		return value === null ? 'null' : typeof value;
	}

	test('the event fixtures are there', () => {
		expect(existsSync(fixtures), `${fixtures} (the events the generated samples are checked against)`).toBe(true);
	});

	test.each(triggers)('%s: every events/*.json has the structure of the real payload', async trigger => {
		const [project] = where(({spec, id}) => spec.project.trigger === trigger && spec.project.kind === 'function' && id.includes('zip'));
		const samples = filesOf(project!, path => path.startsWith('events/'));
		expect(samples.length).toBeGreaterThan(0);
		const {triggers: catalog} = await import('../source/new/catalog.js');
		for (const sample of catalog[trigger].samples) {
			const ours: unknown = JSON.parse(fileOf(project!, sample.file)!);
			if (sample.fixture === undefined) {
				// Plain JSON has no AWS shape: it is the handler's own Request.
				expect(ours).toEqual({name: 'Ferris'});
				continue;
			}

			const real: unknown = JSON.parse(await readFile(join(fixtures, sample.fixture), 'utf8'));
			expect(shape(ours), `${sample.file} against ${sample.fixture}`).toEqual(shape(real));
		}
	});

	test('the HTTP handler test and README use the endpoint\'s own sample', () => {
		for (const endpoint of ['function-url', 'http-api']) {
			const [project] = where(({id}) => id === `function http ${endpoint} auth none`);
			expect(fileOf(project!, 'src/handler.rs')).toContain(`include_str!("../events/${endpoint}.json")`);
			expect(fileOf(project!, 'README.md')).toContain(`--data-file events/${endpoint}.json`);
		}
	});
});

describe('the SQS handler', () => {
	const sqsProjects = () => where(({spec}) => spec.project.trigger === 'sqs' && spec.project.kind !== 'extension');

	test('reports failures per message: a BatchItemFailure per failing record, in an SqsBatchResponse, not an Err', () => {
		for (const project of sqsProjects().filter(({spec}) => !spec.sqs?.fifo)) {
			const handler = fileOf(project, 'src/handler.rs')!;
			expect(handler).toContain('pub async fn function_handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error>');
			// Each record is processed on its own; its error is caught, never returned with `?`.
			const loop = handler.slice(handler.indexOf('for record in'), handler.indexOf('Ok(response)'));
			expect(loop).toMatch(/if let Err\(error\) = process_message\(record\)\.await \{/);
			expect(loop).not.toContain('?;');
			expect(loop).toContain('let mut failure = BatchItemFailure::default();');
			expect(loop).toContain('failure.item_identifier = message_id;');
			expect(loop).toContain('response.batch_item_failures.push(failure);');
			// message_id and body are Option<String> in aws_lambda_events 1.x.
			expect(handler).toContain('record.message_id.clone().unwrap_or_default()');
			expect(handler).toContain('record.body.as_deref()');
			// The types are #[non_exhaustive]: no struct literals.
			expect(handler).not.toMatch(/(?:BatchItemFailure|SqsBatchResponse) \{\s*\w+:/);
		}
	});

	test('ships a sample whose second message is bad, and a Rust test and LocalStack check for it', () => {
		const [project] = sqsProjects();
		const bad = JSON.parse(fileOf(project!, 'events/sqs-bad-record.json')!) as {Records: Array<{messageId: string; body: string}>};
		expect(bad.Records.map(record => record.messageId)).toEqual(['MessageID_1', 'MessageID_2', 'MessageID_3']);
		expect(() => JSON.parse(bad.Records[0]!.body) as unknown).not.toThrow();
		expect(() => JSON.parse(bad.Records[1]!.body) as unknown).toThrow();
		expect(() => JSON.parse(bad.Records[2]!.body) as unknown).not.toThrow();
		expect(fileOf(project!, 'src/handler.rs')).toContain('assert_eq!(failed, ["MessageID_2"]);');
		expect(fileOf(project!, 'tests/localstack.sh')).toContain(`expect '"itemIdentifier":"MessageID_2"'`);
	});

	test('on a FIFO queue it stops at the first failure and reports that message and every later one', () => {
		const fifo = sqsProjects().filter(({spec}) => spec.sqs?.fifo);
		expect(fifo.length).toBeGreaterThan(0);
		for (const project of fifo) {
			const handler = fileOf(project, 'src/handler.rs')!;
			const loop = handler.slice(handler.indexOf('for (index, record) in'), handler.indexOf('Ok(response)'));
			expect(loop, project.id).toContain('for unprocessed in &records[index..] {');
			expect(loop).toContain('break;');
			// The generated test (run by npm run test:rust) pins the outcome.
			expect(handler).toContain('assert_eq!(failed, ["MessageID_2", "MessageID_3"]);');
		}
	});

	test('its SAM event reports batch item failures and follows [sqs]', () => {
		const [plain] = where(({id}) => id === 'function sqs zip');
		expect(fileOf(plain!, 'template.yaml')).toContain('FunctionResponseTypes:\n              - ReportBatchItemFailures');
		const [windowed] = where(({id}) => id === 'function sqs with a batching window');
		const sam = fileOf(windowed!, 'template.yaml')!;
		expect(sam).toContain('BatchSize: 100');
		expect(sam).toContain('MaximumBatchingWindowInSeconds: 5');
		expect(sam).not.toContain('ReportBatchItemFailures');
		expect(sam).toContain('VisibilityTimeout: 360');
		const [fifo] = where(({id}) => id === 'function sqs fifo without its queue');
		expect(fileOf(fifo!, 'template.yaml')).toContain('FifoQueue: true');
		// A queue that is set is the one the event reads, as deploy maps it: the template makes none.
		const [given] = where(({id}) => id === 'function sqs fifo');
		expect(fileOf(given!, 'template.yaml')).toContain('Queue: arn:aws:sqs:us-east-1:123456789012:orders.fifo');
		expect(fileOf(given!, 'template.yaml')).not.toContain('AWS::SQS::Queue');
		expect(fileOf(given!, 'README.md')).toContain('maps the queue `arn:aws:sqs:us-east-1:123456789012:orders.fifo` to the alias `live` (batches of up to 5, failed messages reported one by one)');
	});
});

describe('Dockerfiles', () => {
	const images = () => where(({spec}) => spec.project.packaging === 'image');
	const froms = (dockerfile: string) => dockerfile.split('\n').filter(line => line.startsWith('FROM '));

	test('only image projects have one', () => {
		for (const project of generated) {
			expect(project.files.has('Dockerfile'), project.id).toBe(project.spec.project.packaging === 'image');
			expect(project.files.has('.dockerignore'), project.id).toBe(project.spec.project.packaging === 'image');
		}
	});

	test('multi-stage builds in a cargo-lambda stage and runs FROM the Lambda base image: two FROM', () => {
		for (const project of images().filter(({spec}) => spec.image?.base === 'multi-stage')) {
			const dockerfile = fileOf(project, 'Dockerfile')!;
			const [build, run] = froms(dockerfile);
			expect(froms(dockerfile), project.id).toHaveLength(2);
			expect(build).toContain('ghcr.io/cargo-lambda/cargo-lambda');
			expect(build).toContain(' AS build');
			expect(dockerfile).toMatch(/^ && cargo lambda build --release (?:--extension )?"\$arch" /m);
			expect(dockerfile).not.toMatch(/^COPY target\//m);
			// The base image's platform follows TARGETARCH (docker/podman build --platform); the project's architecture when unset.
			expect(run).toBe(`FROM --platform=linux/\${TARGETARCH:-${project.spec.project.architecture === 'arm64' ? 'arm64' : 'amd64'}} public.ecr.aws/lambda/provided:al2023`);
			expect(dockerfile).toMatch(/^ARG TARGETARCH$/m);
			expect(fileOf(project, '.dockerignore')).toContain('/target');
		}
	});

	test('one Dockerfile builds either architecture: the RUN picks cargo lambda\'s flag from TARGETARCH (run by sh, with a cargo that records)', async () => {
		const fakeBin = join(work, 'fake-cargo');
		await mkdir(fakeBin, {recursive: true});
		await writeFile(join(fakeBin, 'cargo'), '#!/bin/sh\nprintf \'%s\\n\' "$*" >> "$CALLS"\n', {mode: 0o755});
		const runOf = (dockerfile: string) => /^RUN (.*?[^\\])$/ms.exec(dockerfile.replaceAll('\\\n', ''))![1]!;
		const seen = new Set<string>();
		for (const project of images().filter(({spec}) => spec.image?.base === 'multi-stage')) {
			const script = runOf(fileOf(project, 'Dockerfile')!);
			if (seen.has(script)) {
				continue;
			}

			seen.add(script);
			const own = project.spec.project.architecture === 'arm64' ? '--arm64' : '--x86-64';
			for (const [targetArch, flag] of [['arm64', '--arm64'], ['amd64', '--x86-64'], [undefined, own], ['s390x', undefined]] as const) {
				const calls = join(work, `calls-${seen.size}-${targetArch ?? 'unset'}`);
				const result = await execa('sh', ['-c', script], {
					reject: false,
					env: {PATH: `${fakeBin}:${process.env['PATH']}`, CALLS: calls, ...(targetArch ? {TARGETARCH: targetArch} : {})},
					extendEnv: false,
				});
				if (flag === undefined) {
					expect(result.exitCode, project.id).toBe(1);
					expect(result.stderr).toContain('Lambda runs linux/arm64 or linux/amd64 images, not linux/s390x');
					expect(existsSync(calls)).toBe(false);
					continue;
				}

				expect(result.exitCode, `${project.id}: ${result.stderr}`).toBe(0);
				const recorded = (await readFile(calls, 'utf8')).trim().split('\n');
				const layout = project.spec.extension && !project.spec.extension.internal ? project.spec.extension.name : undefined;
				expect(recorded, project.id).toEqual([
					`lambda build --release ${flag} --bin orders`,
					...(layout ? [`lambda build --release --extension ${flag} --bin ${layout}`] : []),
				]);
			}
		}

		expect(seen.size).toBeGreaterThan(2);
	});

	test('lambda-base is one stage that copies binaries built beforehand', () => {
		for (const project of images().filter(({spec}) => spec.image?.base === 'lambda-base')) {
			const dockerfile = fileOf(project, 'Dockerfile')!;
			expect(froms(dockerfile), project.id).toHaveLength(1);
			expect(dockerfile).not.toMatch(/^RUN /m);
			expect(dockerfile).toMatch(/^COPY target\/lambda\//m);
			// The build context must keep the binaries the COPY takes.
			expect(fileOf(project, '.dockerignore')).toContain('!target/lambda/');
		}
	});

	test('a function\'s image puts bootstrap where the base image starts it', () => {
		for (const project of images().filter(({spec}) => spec.project.kind !== 'extension')) {
			expect(fileOf(project, 'Dockerfile'), project.id).toMatch(/^COPY .*target\/lambda\/orders\/bootstrap \$\{LAMBDA_RUNTIME_DIR\}\/bootstrap$/m);
			expect(fileOf(project, 'Dockerfile')).toContain('CMD ["bootstrap"]');
		}
	});

	test('an external extension goes to /opt/extensions inside the image (images take no layers)', () => {
		for (const project of images().filter(({spec}) => spec.project.kind !== 'function' && !spec.extension!.internal)) {
			const name = project.spec.extension!.name;
			expect(fileOf(project, 'Dockerfile'), project.id).toMatch(new RegExp(`^COPY .*target/lambda/extensions/${name} /opt/extensions/${name}$`, 'm'));
			// … and the SAM template attaches no layer to an image function.
			expect(fileOf(project, 'template.yaml') ?? '').not.toContain('Layers:');
		}
	});

	test('an internal extension is compiled into the function: no binary, no /opt/extensions', () => {
		for (const project of where(({spec}) => spec.project.kind === 'function+extension' && spec.extension!.internal)) {
			expect(fileOf(project, 'Dockerfile') ?? '', project.id).not.toContain('/opt/extensions');
			expect(project.files.has('src/bin/extension.rs')).toBe(false);
			const main = fileOf(project, 'src/main.rs')!;
			expect(main).toContain('.with_events(&["INVOKE"])');
			expect(main).toContain('.register()');
			expect(main).toContain('tokio::try_join!(handler::run(), extension.run())?;');
		}
	});
});

describe('extensions', () => {
	test.each([
		['events', 'pub async fn handler(event: LambdaEvent) -> Result<(), Error>', '.with_events_processor(service_fn(extension::handler))'],
		['logs', 'pub async fn handler(logs: Vec<LambdaLog>) -> Result<(), Error>', '.with_logs_processor(SharedService::new(service_fn(extension::handler)))'],
		['telemetry', 'pub async fn handler(events: Vec<LambdaTelemetry>) -> Result<(), Error>', '.with_telemetry_processor(SharedService::new(service_fn(extension::handler)))'],
	])('%s: the handler and its wiring', (kind, signature, processor) => {
		const [project] = where(({id}) => id === `extension ${kind} zip`);
		expect(fileOf(project!, 'src/extension.rs')).toContain(signature);
		expect(fileOf(project!, 'src/main.rs')).toContain(processor);
		expect(fileOf(project!, 'src/main.rs')).toContain('.run()\n        .await');
		const cargo = parseToml(fileOf(project!, 'Cargo.toml')!) as {bin: Array<{name: string}>; dependencies: Record<string, unknown>};
		// cargo lambda build --extension names the file after the binary: extensions/NAME in the layer.
		expect(cargo.bin.map(bin => bin.name)).toEqual([project!.spec.extension!.name]);
		expect(cargo.dependencies['lambda-extension']).toBe('1');
		expect(project!.files.has('template.yaml')).toBe(false);
		expect(project!.files.has('events/sqs.json')).toBe(false);
	});

	test('the events handler matches on NextEvent::Invoke and NextEvent::Shutdown', () => {
		const [project] = where(({id}) => id === 'extension events zip');
		const handler = fileOf(project!, 'src/extension.rs')!;
		expect(handler).toContain('match event.next {');
		expect(handler).toContain('NextEvent::Invoke(invoke) =>');
		expect(handler).toContain('NextEvent::Shutdown(shutdown) =>');
	});

	/** The streams src/extension.rs subscribes to (its LOG_TYPES or TELEMETRY_TYPES), and whether main.rs passes them on. */
	function subscription(project: Generated, kind: 'logs' | 'telemetry') {
		const constant = kind === 'logs' ? 'LOG_TYPES' : 'TELEMETRY_TYPES';
		const handler = fileOf(project, 'src/extension.rs')!;
		const types = new RegExp(`^pub const ${constant}: &\\[&str\\] = &\\[(.*)\\];$`, 'm').exec(handler)?.[1];
		const external = project.spec.project.kind === 'function+extension' && !project.spec.extension!.internal;
		const entry = fileOf(project, external ? 'src/bin/extension.rs' : 'src/main.rs')!;
		return {
			types: types === undefined ? undefined : JSON.parse(`[${types}]`) as string[],
			passed: entry.includes(`.with_${kind === 'logs' ? 'log' : 'telemetry'}_types(extension::${constant})`),
			handler,
		};
	}

	test.each(['logs', 'telemetry'] as const)('an internal %s extension subscribes to platform records only: its own output would come back as function records', kind => {
		const internal = where(({spec}) => spec.extension?.kind === kind && spec.extension.internal);
		expect(internal.length).toBeGreaterThan(20);
		for (const project of internal) {
			const {types, passed, handler} = subscription(project, kind);
			expect(types, project.id).toEqual(['platform']);
			expect(passed, project.id).toBe(true);
			expect(handler, project.id).not.toMatch(/Lambda(?:Log|Telemetry)Record::Function/);
		}
	});

	test.each(['logs', 'telemetry'] as const)('an external %s extension subscribes to platform and function records (its own output is extension records)', kind => {
		const external = where(({spec}) => spec.extension?.kind === kind && !spec.extension.internal);
		expect(external.length).toBeGreaterThan(20);
		for (const project of external) {
			const {types, passed, handler} = subscription(project, kind);
			expect(types, project.id).toEqual(['platform', 'function']);
			expect(passed, project.id).toBe(true);
			expect(handler, project.id).toMatch(/Lambda(?:Log|Telemetry)Record::Function\(record\) =>/);
		}
	});

	test('a ZIP function with an external extension has two binaries and a SAM layer', () => {
		const [project] = where(({id}) => id === 'function+extension sqs logs external zip');
		const cargo = parseToml(fileOf(project!, 'Cargo.toml')!) as {bin: Array<{name: string; path: string}>};
		expect(cargo.bin).toEqual([
			{name: 'orders', path: 'src/main.rs'},
			{name: 'orders-extension', path: 'src/bin/extension.rs'},
		]);
		const sam = fileOf(project!, 'template.yaml')!;
		expect(sam).toContain('Layers:\n        - !Ref ExtensionLayer');
		expect(sam).toContain('Type: AWS::Serverless::LayerVersion');
		expect(fileOf(project!, 'README.md')).toContain('cargo lambda build --release --extension --arm64 --bin orders-extension');
	});
});

describe('HTTP projects', () => {
	test.each([
		['function-url', 'none', 'AuthType: NONE'],
		['function-url', 'iam', 'AuthType: AWS_IAM'],
		['http-api', 'none', 'Type: HttpApi'],
		['http-api', 'iam', 'EnableIamAuthorizer: true'],
	])('%s with auth %s: template.yaml has %s', (endpoint, auth, text) => {
		const [project] = where(({id}) => id === `function http ${endpoint} auth ${auth}`);
		expect(fileOf(project!, 'template.yaml')).toContain(text);
		expect(fileOf(project!, 'artillery.yml')).toContain('target: "http://localhost:9000/lambda-url/web"');
		const cargo = parseToml(fileOf(project!, 'Cargo.toml')!) as {dependencies: Record<string, unknown>};
		expect(cargo.dependencies['lambda_http']).toBe('1');
		expect(cargo.dependencies['lambda_runtime']).toBeUndefined();
	});

	test('artillery.yml only for HTTP, and only when asked for', () => {
		for (const project of generated) {
			const wanted = project.spec.project.trigger === 'http' && project.spec.project.kind !== 'extension' && project.spec.local.artillery;
			expect(project.files.has('artillery.yml'), project.id).toBe(wanted);
		}
	});

	test('local files follow [local]', () => {
		const [project] = where(({id}) => id === 'function without local files');
		expect([...project!.files.keys()].filter(path => /template\.yaml|localstack|artillery/.test(path))).toEqual([]);
	});
});

describe('each trigger\'s source in template.yaml and the README', () => {
	const sub = (text: string) => ({'Fn::Sub': text});
	const expected: Record<string, {events?: unknown; properties?: unknown; resources?: unknown; parameters?: unknown; readme: readonly string[]}> = {
		'http function-url': {
			properties: {FunctionUrlConfig: {AuthType: 'NONE', Cors: {AllowOrigins: ['https://example.com']}}},
			readme: ['gives the alias `live` a function URL (public: anyone with the URL may call it), with CORS for `https://example.com`', 'curl "https://URL_ID.lambda-url.REGION.on.aws/?name=you"'],
		},
		'http http-api': {
			events: {Api: {Type: 'HttpApi', Properties: {ApiId: {Ref: 'Api'}}}},
			resources: {Api: {Type: 'AWS::Serverless::HttpApi', Properties: {CorsConfiguration: {AllowOrigins: ['*']}}}},
			readme: ['creates an API Gateway HTTP API whose default route invokes the alias `live` (public), with CORS for `*`'],
		},
		'http http-api iam': {
			resources: {Api: {Type: 'AWS::Serverless::HttpApi', Properties: {Auth: {EnableIamAuthorizer: true, DefaultAuthorizer: 'AWS_IAM'}, CorsConfiguration: {AllowOrigins: ['https://example.com']}}}},
			readme: ['(IAM: callers sign their requests)', 'curl --aws-sigv4 "aws:amz:$region:execute-api"'],
		},
		sns: {
			events: {Topic: {Type: 'SNS', Properties: {Topic: sub('arn:aws:sns:${AWS::Region}:${AWS::AccountId}:orders'), FilterPolicy: {kind: ['order'], total: [{numeric: ['>', 100]}]}}}},
			resources: {},
			readme: ['subscribes the alias `live` to the topic `arn:aws:sns:{region}:{account}:orders` with the filter policy', 'aws sns publish --topic-arn "arn:aws:sns:${region}:${account}:orders"', 'account=$(aws sts get-caller-identity'],
		},
		s3: {
			events: {Upload: {Type: 'S3', Properties: {Bucket: {Ref: 'Bucket'}, Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'], Filter: {S3Key: {Rules: [{Name: 'prefix', Value: 'in/'}, {Name: 'suffix', Value: '.jpg'}]}}}}},
			resources: {Bucket: {Type: 'AWS::S3::Bucket', Properties: {BucketName: 'my-uploads'}}},
			readme: ['adds a notification to the bucket `my-uploads`', 'for keys starting with `in/` and ending with `.jpg`', 'aws s3 cp hello.txt s3://my-uploads/in/hello.jpg', 'aws s3 rm s3://my-uploads/in/hello.jpg'],
		},
		schedule: {
			events: {Schedule: {Type: 'ScheduleV2', Properties: {ScheduleExpression: 'cron(0 12 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', Input: '{"job": "nightly"}', FlexibleTimeWindow: {Mode: 'OFF'}}}},
			readme: ['creates an EventBridge Scheduler schedule `cron(0 12 * * ? *)` (at 12:00 on the days the cron fields say) in Europe/Berlin that invokes the alias `prod`', 'aws lambda invoke --function-name orders:prod'],
		},
		dynamodb: {
			events: {
				Stream: {
					Type: 'DynamoDB',
					Properties: {
						Stream: {Ref: 'TableStreamArn'}, StartingPosition: 'TRIM_HORIZON', BatchSize: 50, MaximumBatchingWindowInSeconds: 5, BisectBatchOnFunctionError: true,
						MaximumRetryAttempts: 3, MaximumRecordAgeInSeconds: 3600, ParallelizationFactor: 2,
						DestinationConfig: {OnFailure: {Destination: sub('arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:failed')}}, FunctionResponseTypes: ['ReportBatchItemFailures'],
					},
				},
			},
			resources: {},
			parameters: {TableStreamArn: {Type: 'String', Description: 'The stream of table orders: aws dynamodb describe-table --table-name orders --query Table.LatestStreamArn --output text'}},
			readme: ['maps the stream of the table `orders` to the alias `live`, starting at TRIM_HORIZON', 'aws dynamodb update-table --table-name orders --stream-specification StreamEnabled=true', 'aws dynamodb put-item --table-name orders'],
		},
		kinesis: {
			events: {
				Stream: {
					Type: 'Kinesis',
					Properties: {
						Stream: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks', StartingPosition: 'LATEST', BatchSize: 100,
						DestinationConfig: {OnFailure: {Destination: 'arn:aws:s3:::failed-records'}}, FunctionResponseTypes: ['ReportBatchItemFailures'],
					},
				},
			},
			resources: {},
			readme: ['maps the stream `arn:aws:kinesis:us-east-1:123456789012:stream/clicks` to the alias `live`, starting at LATEST', 'aws kinesis put-record --stream-arn arn:aws:kinesis:us-east-1:123456789012:stream/clicks'],
		},
	};

	interface Event {
		readonly Properties: Record<string, unknown>;
	}

	interface Template {
		readonly Parameters?: unknown;
		readonly Resources: {readonly Function: {readonly Properties: {readonly Events?: Record<string, Event>} & Record<string, unknown>}} & Record<string, unknown>;
	}

	/** Each project's template.yaml as JSON, CloudFormation's short tags read as their long forms (python3-yaml). */
	async function templates(projects: readonly Generated[]): Promise<Template[]> {
		const script = [
			'import json, sys, yaml',
			'long = {"Ref": "Ref", "GetAtt": "Fn::GetAtt", "Sub": "Fn::Sub"}',
			'yaml.SafeLoader.add_multi_constructor("!", lambda loader, tag, node: {long[tag]: loader.construct_scalar(node)})',
			'for path in sys.argv[1:]:\n    print(json.dumps(yaml.safe_load(open(path))))',
		].join('\n');
		const result = await tool('python3', ['-c', script, ...projects.map(project => join(project.dir, 'template.yaml'))], 'apt-get install python3 python3-yaml');
		expect(result.exitCode, result.stderr).toBe(0);
		return result.stdout.trim().split('\n').map(line => JSON.parse(line) as Template);
	}

	test('template.yaml declares the event deploy connects, from the same keys', async () => {
		const ids = Object.keys(expected);
		const projects = ids.map(id => where(project => project.id === `function ${id} with its source`)[0]!);
		const documents = await templates(projects);
		ids.forEach((id, index) => {
			const document = documents[index]!;
			const {events, properties, resources, parameters} = expected[id]!;
			const functionProperties = document.Resources.Function.Properties;
			if (events) {
				expect(functionProperties.Events, id).toEqual(events);
			}

			if (properties) {
				expect(functionProperties, id).toMatchObject(properties);
			}

			if (resources) {
				const {Function: _function, ...others} = document.Resources;
				expect(others, id).toEqual(resources);
			}

			if (parameters) {
				expect(document.Parameters, id).toEqual(parameters);
			}
		});
	});

	test('without its source, the template declares one of its own (a disabled placeholder for a schedule)', async () => {
		const triggersWithSources = ['sns', 's3', 'schedule', 'dynamodb', 'kinesis'];
		const documents = await templates(triggersWithSources.map(trigger => where(project => project.id === `function ${trigger} zip`)[0]!));
		const sources = documents.map(document => {
			const [event] = Object.values(document.Resources.Function.Properties.Events ?? {});
			const {Function: _function, ...others} = document.Resources;
			return {source: event!.Properties['Topic'] ?? event!.Properties['Bucket'] ?? event!.Properties['Stream'] ?? event!.Properties['State'], resources: Object.keys(others)};
		});
		expect(sources).toEqual([
			{source: {Ref: 'Topic'}, resources: ['Topic']},
			{source: {Ref: 'Bucket'}, resources: ['Bucket']},
			{source: 'DISABLED', resources: []},
			{source: {'Fn::GetAtt': 'Table.StreamArn'}, resources: ['Table']},
			{source: {'Fn::GetAtt': 'Stream.Arn'}, resources: ['Stream']},
		]);
		expect(fileOf(where(project => project.id === 'function schedule zip')[0]!, 'template.yaml')).toContain('# [schedule] expression is not set in rust-lambda.toml: the schedule below is a disabled placeholder.');
		expect(fileOf(where(project => project.id === 'function s3 with its source')[0]!, 'template.yaml')).toContain('# SAM attaches S3 events only to a bucket this template creates');
	});

	test('every function\'s events invoke the deploy alias (AutoPublishAlias)', () => {
		const functions = where(project => project.spec.project.kind !== 'extension' && project.spec.local.sam);
		expect(functions.length).toBeGreaterThan(100);
		for (const project of functions) {
			expect(fileOf(project, 'template.yaml'), project.id).toContain(`\n      AutoPublishAlias: ${project.spec.deploy.alias}\n`);
		}
	});

	test('the README says what deploy connects and how to try it', () => {
		for (const [id, {readme}] of Object.entries(expected)) {
			const text = fileOf(where(project => project.id === `function ${id} with its source`)[0]!, 'README.md')!;
			expect(text, id).toContain('### What `deploy` connects');
			for (const line of readme) {
				expect(text, id).toContain(line);
			}
		}
	});

	test.each([
		['sqs', '[sqs] queue_arn'],
		['sns', '[sns] topic_arn'],
		['s3', '[s3] bucket'],
		['schedule', '[schedule] expression'],
		['dynamodb', '[dynamodb] table'],
		['kinesis', '[kinesis] stream_arn'],
	])('the README of a %s function without its source says plainly to set %s, then deploy', (trigger, key) => {
		const text = fileOf(where(project => project.id === `function ${trigger} zip`)[0]!, 'README.md')!;
		expect(text).toContain(`**Not connected yet**: set \`${key}\``);
		expect(text).toContain('in rust-lambda.toml, then run `rust-lambda-wizard deploy`');
		expect(text).not.toContain('Once deployed, try it');
	});

	test('an extension\'s README connects nothing', () => {
		for (const project of where(project => project.spec.project.kind === 'extension')) {
			expect(fileOf(project, 'README.md'), project.id).not.toContain('What `deploy` connects');
		}
	});
});

describe('the cargo lambda commands a project shows', () => {
	const planned = (spec: Spec) => planBuild(spec, {projectDir: '/p', targetDir: '/p/target', host: undefined, hostName: 'any', cargoLambda: true, zig: true, rustflags: undefined})
		.steps.map(step => ('command' in step ? [step.command.file, ...step.command.args].join(' ') : ''));

	test('are the ones build runs: the README, template.yaml and Cargo.toml name each binary\'s build as build does, unzipped', () => {
		const both = where(({spec}) => spec.project.kind === 'function+extension' && !spec.extension!.internal && spec.project.packaging === 'zip' && spec.local.sam);
		expect(both.length).toBeGreaterThan(2);
		for (const project of both) {
			const lines = planned(project.spec);
			expect(lines, project.id).toHaveLength(2);
			for (const line of lines) {
				const unzipped = line.replace(' --output-format zip', '');
				expect(fileOf(project, 'README.md'), project.id).toContain(`\n${unzipped}\n`);
				expect(fileOf(project, 'template.yaml'), project.id).toContain(unzipped);
				expect(fileOf(project, 'Cargo.toml'), project.id).toContain(unzipped);
			}
		}
	});

	test('a lambda-base image copies exactly the binaries build makes first, and SAM\'s first build makes them too', () => {
		const singleStage = where(({spec}) => spec.project.packaging === 'image' && spec.image?.base === 'lambda-base');
		expect(singleStage.filter(({spec}) => spec.extension && !spec.extension.internal).length).toBeGreaterThan(5);
		for (const project of singleStage) {
			const steps = planBuild(project.spec, {projectDir: '/p', targetDir: '/p/target', host: undefined, hostName: 'any', cargoLambda: true, zig: true, rustflags: undefined}).steps;
			const built = steps.flatMap(step => (step.type === 'binary' ? [step.binaryPath.replace('/p/', '')] : []));
			const copied = [...fileOf(project, 'Dockerfile')!.matchAll(/^COPY (\S+) /gm)].map(match => match[1]);
			expect(copied, project.id).toEqual(built);
			// The image is built after the binaries it copies.
			expect(steps.at(-1)?.type, project.id).toBe('image');
			if (project.spec.local.sam) {
				const firstBuild = /^# First build: (.*)$/m.exec(fileOf(project, 'template.yaml')!)![1]!.split(' && ');
				expect(firstBuild.at(-1), project.id).toBe('sam build');
				expect(firstBuild.slice(0, -1).map(line => / --bin (\S+)$/.exec(line)?.[1]), project.id).toEqual(steps.flatMap(step => (step.type === 'binary' ? [step.bin] : [])));
			}
		}
	});

	test('the LocalStack test zips the function as build does, for the machine it runs on', () => {
		for (const project of where(({spec}) => spec.project.kind === 'function' && spec.project.packaging === 'zip' && spec.local.localstack)) {
			const [line] = planned(project.spec);
			const flag = project.spec.project.architecture === 'arm64' ? '--arm64' : '--x86-64';
			expect(fileOf(project, 'tests/localstack.sh'), project.id).toContain(`\n${line!.replace(flag, '"$flag"')} --bin ${project.spec.project.name}\n`);
		}
	});
});

describe('the LocalStack test', () => {
	test('builds for the machine it runs on: uname -m picks the Lambda architecture and cargo lambda\'s flag (run by bash, with a uname and a cargo that record)', async () => {
		const fakeBin = join(work, 'fake-uname');
		await mkdir(fakeBin, {recursive: true});
		await writeFile(join(fakeBin, 'uname'), '#!/bin/sh\nprintf \'%s\\n\' "$MACHINE"\n', {mode: 0o755});
		await writeFile(join(fakeBin, 'cargo'), '#!/bin/sh\nprintf \'%s\\n\' "$*" > "$CALLS"\n', {mode: 0o755});
		const [project] = where(({id}) => id === 'function sqs zip');
		// From the architecture switch to the build; then what it would create in LocalStack.
		const script = /^case "\$\(uname -m\)" in$.*?^cargo lambda build .*?$/ms.exec(fileOf(project!, 'tests/localstack.sh')!)![0];
		const machines = [['aarch64', 'arm64', '--arm64'], ['arm64', 'arm64', '--arm64'], ['x86_64', 'x86_64', '--x86-64'], ['riscv64', undefined, undefined]] as const;
		for (const [machine, architecture, flag] of machines) {
			const calls = join(work, `localstack-calls-${machine}`);
			// --norc: bash reads ~/.bashrc even for -c when it thinks it runs remotely, and that may put the real cargo first.
			const result = await execa('bash', ['--norc', '-c', `${script}\necho "$arch"`], {
				reject: false,
				env: {PATH: `${fakeBin}:${process.env['PATH']}`, CALLS: calls, MACHINE: machine},
				extendEnv: false,
			});
			if (architecture === undefined) {
				expect(result.exitCode, machine).toBe(1);
				expect(result.stderr).toContain('Lambda runs arm64 or x86_64, not riscv64');
				expect(existsSync(calls)).toBe(false);
				continue;
			}

			expect(result.exitCode, `${machine}: ${result.stderr}`).toBe(0);
			expect(result.stdout, machine).toBe(architecture);
			expect((await readFile(calls, 'utf8')).trim(), machine).toBe(`lambda build --release ${flag} --output-format zip --bin orders`);
		}
	});
});

describe('the rest of the Spec', () => {
	test('memory, timeout, architecture and environment reach template.yaml', () => {
		const [project] = where(({id}) => id === 'function x86_64 zip with environment');
		const sam = fileOf(project!, 'template.yaml')!;
		expect(sam).toContain('MemorySize: 512');
		expect(sam).toContain('Architectures:\n        - x86_64');
		expect(sam).toContain('GREETING: "yes: \\"hi\\""');
		expect(fileOf(project!, 'README.md')).toContain('cargo lambda build --release --x86-64 --bin orders');
	});

	test('a hyphenated crate name is an underscored Rust path', () => {
		const [project] = where(({id}) => id === 'function with a hyphenated name');
		expect(fileOf(project!, 'src/main.rs')).toContain('use order_processor::handler;');
	});

	test('a Spec no project can honour is a ConfigError, not a broken project', () => {
		const spec = project({project: 'name = "shipper"\nkind = "extension"', sections: '[extension]\nkind = "logs"\n'});
		const broken: Spec = {...spec, extension: {...spec.extension!, internal: true}};
		expect(() => projectFiles(broken, templates)).toThrow(ConfigError);
	});
});

describe('the Spec rules generated projects rely on', () => {
	const problemOf = (text: string) => {
		try {
			loadSpec({file: 'rust-lambda.toml', text});
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			return (error as ConfigError).problems.map(problem => `${problem.where}: ${problem.message}`).join('\n');
		}

		return expect.fail('loadSpec accepted it');
	};

	test('an internal extension needs a function to run in', () => {
		expect(problemOf('[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "logs"\ninternal = true\n')).toContain(
			'rust-lambda.toml: extension.internal: must be false when project.kind is "extension"',
		);
	});

	test('beside a function, the extension defaults to its own name, and may not take the function\'s', () => {
		const spec = project({project: 'name = "orders"\nkind = "function+extension"', sections: '[extension]\nkind = "logs"\n'});
		expect(spec.extension).toEqual({name: 'orders-extension', kind: 'logs', internal: false, layer_name: 'orders-extension'});
		expect(problemOf('[project]\nname = "orders"\nkind = "function+extension"\n[extension]\nkind = "logs"\nname = "orders"\n')).toContain(
			'rust-lambda.toml: extension.name: must differ from project.name ("orders")',
		);
		// Internal: one binary, so the names may match.
		expect(project({project: 'name = "orders"\nkind = "function+extension"', sections: '[extension]\nkind = "logs"\nname = "orders"\ninternal = true\n'}).extension?.name).toBe('orders');
	});

	test.each(['fn', 'match', 'self', 'test', 'std', 'proc-macro'])('the crate name %s is refused: the generated main.rs uses the library by name', name => {
		expect(problemOf(`[project]\nname = "${name}"\n`)).toContain('project.name');
	});

	test.each(['fnord', 'matcher', 'tests', 'my-std'])('the crate name %s is fine', name => {
		expect(project({project: `name = "${name}"`}).project.name).toBe(name);
	});
});

describe('the templates adapter', () => {
	test('finds the package root from source/ and from the bundled dist/', () => {
		expect(existsSync(join(root, 'package.json'))).toBe(true);
		expect(existsSync(join(root, 'templates', 'Cargo.toml'))).toBe(true);
		expect(packageRoot(join(root, 'dist', 'chunk-1234.js'))).toBe(root);
	});

	test('a missing template is a RunError that says to reinstall', async () => {
		const {RunError} = await import('../source/errors.js');
		const loaded = await loadTemplates();
		expect(() => loaded.read('rust/handler/grpc.rs')).toThrow(RunError);
		await expect(loadTemplates(join(work, 'no-such-folder'))).rejects.toThrow(RunError);
	});
});
