// The distinct code variants of a generated project: the projects the real-crates tier
// (test/rust-tier) compiles and tests with cargo. Each has its own name, so they can be the
// members of one cargo workspace (package and binary names must be unique there).
import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {projectFiles, type GeneratedFile, type Templates} from '../../source/new/files.js';
import type {Spec} from '../../source/spec/schema.js';
import {loadSpec} from '../../source/spec/spec.js';

export interface Variant {
	/** The project's name: also its package and its directory in the workspace. */
	readonly name: string;
	readonly spec: Spec;
}

function variant(name: string, project: string, sections = ''): Variant {
	return {name, spec: loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "${name}"\n${project}\n${sections}`})};
}

const companion = (name: string, trigger: string, kind: string, internal: boolean) =>
	variant(name, `kind = "function+extension"\ntrigger = "${trigger}"`, `[extension]\nkind = "${kind}"\ninternal = ${internal}\n`);

/**
 * Every trigger (both HTTP endpoints, SQS and FIFO SQS), each extension kind on its own, and
 * each kind beside a function, internal and external. The companions' triggers differ so that
 * the lambda_http runtime also runs beside an internal extension in one process.
 */
export const variants: readonly Variant[] = [
	variant('http-url', 'trigger = "http"', '[http]\nendpoint = "function-url"\n'),
	variant('http-api', 'trigger = "http"', '[http]\nendpoint = "http-api"\n'),
	variant('sqs', 'trigger = "sqs"'),
	variant('sqs-fifo', 'trigger = "sqs"', '[sqs]\nqueue_arn = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"\n'),
	variant('sns', 'trigger = "sns"'),
	variant('s3', 'trigger = "s3"'),
	variant('schedule', 'trigger = "schedule"'),
	variant('dynamodb', 'trigger = "dynamodb"'),
	variant('kinesis', 'trigger = "kinesis"'),
	variant('json', 'trigger = "json"'),
	variant('events-extension', 'kind = "extension"', '[extension]\nkind = "events"\n'),
	variant('logs-extension', 'kind = "extension"', '[extension]\nkind = "logs"\n'),
	variant('telemetry-extension', 'kind = "extension"', '[extension]\nkind = "telemetry"\n'),
	companion('internal-events', 'json', 'events', true),
	companion('internal-logs', 'http', 'logs', true),
	companion('internal-telemetry', 'sqs', 'telemetry', true),
	companion('external-events', 'kinesis', 'events', false),
	companion('external-logs', 'dynamodb', 'logs', false),
	companion('external-telemetry', 's3', 'telemetry', false),
];

/** Writes every file of the project into dir (as `new` would); returns the files. */
export async function writeProject(spec: Spec, templates: Templates, dir: string): Promise<GeneratedFile[]> {
	const files = projectFiles(spec, templates);
	for (const file of files) {
		await mkdir(dirname(join(dir, file.path)), {recursive: true});
		await writeFile(join(dir, file.path), file.content, {mode: file.executable ? 0o755 : 0o644});
	}

	return files;
}
