// The real-crates tier: every distinct code variant of a generated project (test/support/
// rust-variants.ts), built and tested by `cargo test` against the real lambda_runtime,
// lambda_http, lambda-extension and aws_lambda_events — from crates.io, or offline from the
// vendor folder RUST_VENDOR_DIR names. The projects are written as `new` writes them and stay
// untouched: they are the members of a cargo workspace in a scratch folder, whose
// .cargo/config.toml (when vendored) replaces crates.io. One workspace is one cargo run, and
// one target directory (CARGO_TARGET_DIR, or a fixed folder under the system temp dir) keeps
// the dependencies built across variants and runs.
import {spawn} from 'node:child_process';
import {closeSync, existsSync, openSync, readdirSync, statSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parse as parseToml} from 'smol-toml';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {loadTemplates} from '../../source/tools/templates.js';
import {variants, writeProject} from '../support/rust-variants.js';

type Outcome = 'ok' | 'FAILED' | 'ignored';

interface Run {
	exitCode: number | null;
	log: string;
	/** Test outcomes by crate (the library's name, underscored), then by test path. */
	tests: Map<string, Map<string, Outcome>>;
}

// Absolute: cargo reads a relative directory source against the config file's folder.
const vendor = process.env['RUST_VENDOR_DIR'] === undefined ? undefined : resolve(process.env['RUST_VENDOR_DIR']);
const targetDir = process.env['CARGO_TARGET_DIR'] ?? join(tmpdir(), 'rust-lambda-wizard-crates-target');
let scratch: string;
let run: Run;

/** The workspace's root manifest; cargo's config only when building offline from the vendor folder. */
async function writeWorkspace(): Promise<void> {
	const members = variants.map(({name}) => `"${name}"`).join(', ');
	await writeFile(join(scratch, 'Cargo.toml'), `[workspace]\nresolver = "2"\nmembers = [${members}]\n`);
	if (vendor !== undefined) {
		const crates = existsSync(vendor) && statSync(vendor).isDirectory() ? readdirSync(vendor) : [];
		if (!crates.some(crate => crate.startsWith('lambda_runtime-'))) {
			throw new Error(`RUST_VENDOR_DIR=${vendor} is not a cargo vendor folder with the lambda crates (no lambda_runtime-* in it): unpack rust-vendor.tar.xz and point it at its vendor/ folder`);
		}

		await mkdir(join(scratch, '.cargo'));
		await writeFile(
			join(scratch, '.cargo', 'config.toml'),
			`[source.crates-io]\nreplace-with = "vendored"\n\n[source.vendored]\ndirectory = ${JSON.stringify(vendor)}\n\n[net]\noffline = true\n`,
		);
	}
}

/** Reads `cargo test`'s output: each test binary's "Running … (…/deps/CRATE-hash)" line, then its results. */
function outcomes(log: string): Map<string, Map<string, Outcome>> {
	const tests = new Map<string, Map<string, Outcome>>();
	let current: Map<string, Outcome> | undefined;
	for (const line of log.split('\n')) {
		const running = /^\s+Running .*\(.*[/\\]deps[/\\](\w+?)-[\da-f]+\)$/.exec(line);
		if (running) {
			const crate = running[1]!;
			current = tests.get(crate) ?? new Map();
			tests.set(crate, current);
			continue;
		}

		const result = /^test (\S+) \.\.\. (ok|FAILED|ignored)$/.exec(line);
		if (result && current) {
			current.set(result[1]!, result[2] as Outcome);
		}
	}

	return tests;
}

/**
 * Runs cargo in the workspace with stdout (test results) and stderr ("Running …") into one file,
 * in the order cargo wrote them. A missing cargo fails the tier: it is never skipped.
 */
async function cargo(args: readonly string[], logFile: string): Promise<number | null> {
	const fd = openSync(logFile, 'w');
	try {
		const child = spawn('cargo', args, {
			cwd: scratch,
			stdio: ['ignore', fd, fd],
			env: {
				...process.env,
				CARGO_TARGET_DIR: targetDir,
				// Warnings in generated code are errors: a new project builds clean. (cargo caps the
				// dependencies' lints.)
				RUSTFLAGS: '-D warnings',
				// No debug info: linking ~40 test and binary executables with it takes most of the time.
				CARGO_PROFILE_DEV_DEBUG: 'false',
				CARGO_PROFILE_TEST_DEBUG: 'false',
				CARGO_TERM_COLOR: 'never',
			},
		});
		return await new Promise((resolve, reject) => {
			child.on('error', error => {
				reject((error as NodeJS.ErrnoException).code === 'ENOENT'
					? new Error('cargo is missing: install Rust (rustup). The real-crates tier builds the generated projects with it; it is never skipped.')
					: error);
			});
			child.on('close', resolve);
		});
	} finally {
		closeSync(fd);
	}
}

beforeAll(async () => {
	scratch = await mkdtemp(join(tmpdir(), 'rlw-crates-'));
	const templates = await loadTemplates();
	for (const {name, spec} of variants) {
		await writeProject(spec, templates, join(scratch, name));
	}

	await writeWorkspace();
	const logFile = join(scratch, 'cargo-test.log');
	const exitCode = await cargo(['test', '--workspace', '--no-fail-fast'], logFile);
	const log = await readFile(logFile, 'utf8');
	run = {exitCode, log, tests: outcomes(log)};
});

afterAll(async () => {
	// A failed build keeps its workspace (the summary names it) to rerun cargo there by hand.
	const cargoFailed = (run as Run | undefined) !== undefined && run.exitCode !== 0;
	if (scratch && !cargoFailed) {
		await rm(scratch, {recursive: true, force: true});
	}
});

const crateOf = (name: string) => name.replaceAll('-', '_');
const testsOf = (name: string) => run.tests.get(crateOf(name)) ?? new Map<string, Outcome>();

/** What a failure shows: the compiler's errors and the failed tests, not minutes of "Compiling". */
function summary(): string {
	const lines = run.log.split('\n');
	const errors = lines.flatMap((line, index) => (/^(error|warning)(\[\w+\])?:/.test(line) ? lines.slice(index, index + 12) : []));
	const failed = lines.filter(line => /FAILED|panicked at|^\s+left:|^\s+right:|assertion/.test(line));
	const source = vendor === undefined ? 'crates from crates.io (set RUST_VENDOR_DIR to a cargo vendor folder to build offline)' : `crates from ${vendor}`;
	const where = `cargo's output: ${join(scratch, 'cargo-test.log')} (the workspace is kept when cargo fails); ${source}`;
	return [...errors, ...failed, where].join('\n');
}

/** What a variant's own test shows when it did not pass: its outcomes, or that cargo stopped first. */
function outcomesOf(name: string): string {
	const tests = [...testsOf(name)].map(([path, outcome]) => `${path} ... ${outcome}`);
	return tests.length > 0 ? tests.join('\n') : `no test of ${name} ran: cargo stopped before (see "cargo test passes for the whole workspace")`;
}

describe('every distinct variant, built and tested by cargo against the real crates', () => {
	test('the workspace\'s members share every dependency line except aws_lambda_events features', async () => {
		// cargo unifies features across a workspace: only aws_lambda_events's may differ (which of its
		// modules each handler uses is checked against its features in new-project.test.ts), so no
		// project can compile here thanks to a feature only a neighbour asks for.
		const specs = new Map<string, Set<string>>();
		for (const {name} of variants) {
			const manifest = parseToml(await readFile(join(scratch, name, 'Cargo.toml'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
			for (const [crate, spec] of Object.entries({...manifest['dependencies'], ...manifest['dev-dependencies']})) {
				const set = specs.get(crate) ?? new Set();
				set.add(JSON.stringify(spec));
				specs.set(crate, set);
			}
		}

		specs.delete('aws_lambda_events');
		expect([...specs].filter(([, set]) => set.size > 1).map(([crate, set]) => `${crate}: ${[...set].join(' | ')}`)).toEqual([]);
	});

	test('cargo test passes for the whole workspace (every binary compiles, every generated test passes)', () => {
		expect(run.exitCode, summary()).toBe(0);
	});

	test.each(variants.filter(({spec}) => spec.project.kind !== 'extension').map(({name}) => name))('%s: its tests ran and passed', name => {
		const tests = testsOf(name);
		expect(tests.size, outcomesOf(name)).toBeGreaterThan(0);
		expect([...tests].filter(([, outcome]) => outcome !== 'ok'), outcomesOf(name)).toEqual([]);
	});

	test.each([
		['sqs-fifo', 'handler::batch_tests::a_bad_message_fails_with_every_message_after_it', 'FIFO: the bad second message and the third after it fail'],
		['sqs', 'handler::batch_tests::a_bad_message_fails_alone', 'standard SQS: the bad message fails alone'],
		['dynamodb', 'handler::record_tests::a_failing_record_is_reported_alone', 'DynamoDB: the failing record, alone'],
		['s3', 'handler::key_tests::keys_are_url_decoded', 'S3: my+photo%281%29.jpg is my photo(1).jpg'],
		['kinesis', 'handler::record_tests::undecodable_data_fails_its_record', 'Kinesis: data that is not UTF-8 fails its record'],
	])('%s ran and passed %s (%s)', (name, path) => {
		expect(testsOf(name).get(path), outcomesOf(name)).toBe('ok');
	});
});
