// `new` as a person uses it: the real binary in a real pseudo-terminal, and without one.
import {existsSync, readFileSync} from 'node:fs';
import {mkdir, readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse as parseToml} from 'smol-toml';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {projectFiles} from '../source/new/files.js';
import {loadSpec} from '../source/spec/spec.js';
import {loadTemplates} from '../source/tools/templates.js';
import {binPath, runCli} from './support/cli.js';
import {makeProject, type TestProject} from './support/project.js';
import {openTerminal, type Terminal} from './support/tmux.js';

let work: TestProject;
let terminal: Terminal | undefined;

beforeEach(async () => {
	work = await makeProject();
});

afterEach(async () => {
	await terminal?.kill();
	terminal = undefined;
	await work.remove();
});

const currentQuestion = (screen: string) => [...screen.matchAll(/^\? (.+)$/gm)].at(-1)?.[1]?.trim();

function wizard(...args: string[]): Terminal {
	terminal = openTerminal([process.execPath, binPath, 'new', ...args], {cwd: work.dir});
	return terminal;
}

async function answer(term: Terminal, question: string | RegExp, ...keys: Array<string | {type: string}>) {
	await term.waitFor(screen => {
		const current = currentQuestion(screen) ?? '';
		return typeof question === 'string' ? current === question : question.test(current);
	}, `the question ${question}`);
	for (const key of keys) {
		if (typeof key === 'string') {
			term.send(key);
		} else {
			term.type(key.type);
			await term.waitFor(screen => screen.includes(`${key.type}▌`), `"${key.type}" typed`);
		}
	}
}

const readConfig = (folder: string) => loadSpec({file: 'rust-lambda.toml', text: readFileSync(join(work.dir, folder, 'rust-lambda.toml'), 'utf8')});

describe('new in a terminal', () => {
	it('walks the whole wizard with arrows and Enter and writes the project', async () => {
		const term = wizard();
		await answer(term, 'Project name', {type: 'orders'}, 'Enter');
		await answer(term, 'What do you want to build?', 'Enter');
		await answer(term, 'What triggers the function?', 'Down');
		await term.waitFor(screen => screen.includes('❯ SQS messages'), 'SQS highlighted');
		term.send('Enter');
		await answer(term, 'Queue ARN (optional now)', {type: 'arn:aws:sqs:{region}:{account}:orders'}, 'Enter');
		await answer(term, 'How is it packaged?', 'Enter');
		await answer(term, 'The other questions', 'Down');
		await term.waitFor(screen => screen.includes('❯ Ask me each question'), 'each question highlighted');
		term.send('Enter');
		await answer(term, 'Folder to create', 'Enter');
		await answer(term, 'Processor architecture', 'Down');
		await term.waitFor(screen => screen.includes('❯ x86_64'), 'x86_64 highlighted');
		term.send('Enter');
		await answer(term, /^Memory in MB/, 'C-u', {type: '256'}, 'Enter');
		await answer(term, /^Timeout in seconds/, 'C-u', {type: '30'}, 'Enter');
		await answer(term, 'Batch size', 'C-u', {type: '100'}, 'Enter');
		// A batch over 10 needs a window: 1 s is offered.
		await term.waitFor(screen => screen.includes('1▌'), 'the window offered as 1 s');
		await answer(term, /^Batching window/, 'C-u', {type: '5'}, 'Enter');
		await answer(term, 'Does the function need to reach resources in a VPC?', 'Enter');
		await answer(term, 'Reserved concurrency (optional)', {type: '10'}, 'Enter');
		await answer(term, 'AWS regions', 'C-u', {type: 'us-east-1, eu-west-1'}, 'Enter');
		await answer(term, 'Alias that serves traffic', 'Enter');
		await answer(term, 'How should a new version take traffic?', 'Down');
		await term.waitFor(screen => screen.includes('❯ Canary'), 'Canary highlighted');
		term.send('Enter');
		await answer(term, 'Files for local development', 'Enter');
		const summary = await term.waitFor(screen => screen.includes('Summary — the project will be written to ./orders'), 'the summary');
		expect(summary).toMatch(/^  Batch size +100$/m);
		expect(summary).toMatch(/^  Regions +us-east-1, eu-west-1$/m);
		term.send('Enter');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the program to end');
		expect(end).toContain('Wrote orders to orders');
		expect(end).toContain('[exit 0]');

		const spec = readConfig('orders');
		expect(spec.project).toEqual({name: 'orders', kind: 'function', trigger: 'sqs', packaging: 'zip', architecture: 'x86_64'});
		expect(spec.function).toMatchObject({memory: 256, timeout: 30, reserved_concurrency: 10});
		expect(spec.sqs).toEqual({queue_arn: 'arn:aws:sqs:{region}:{account}:orders', fifo: false, batching_window_seconds: 5, batch_size: 100, report_batch_item_failures: true});
		expect(spec.deploy).toEqual({regions: ['us-east-1', 'eu-west-1'], alias: 'live'});
		expect(spec.rollout.strategy).toBe('canary');
	});

	it('asks for an S3 trigger\'s bucket, events and key filters, and a schedule\'s plain words show as typed', async () => {
		const term = wizard('uploads', '--kind', 'function', '--packaging', 'zip');
		await answer(term, 'Project name', 'Enter');
		await answer(term, 'What triggers the function?', 'Down', 'Down', 'Down', 'Down');
		await term.waitFor(screen => screen.includes('❯ An EventBridge schedule'), 'schedule highlighted');
		term.send('Enter');
		await answer(term, 'Schedule expression (optional now)', {type: 'rate(15 minutes)'});
		await term.waitFor('→ every 15 minutes', 'the plain-words preview');
		// Back to the trigger: S3 instead, and the schedule's answers go with it.
		term.send('Escape');
		await answer(term, 'What triggers the function?', 'Up');
		await term.waitFor(screen => screen.includes('❯ S3 object events'), 'S3 highlighted');
		term.send('Enter');
		await answer(term, 'S3 bucket name (optional now)', {type: 'Uploads'});
		await term.waitFor('✖ "Uploads" must be an S3 bucket name', 'the bucket rule, as typed');
		term.send('C-u');
		await term.waitFor(screen => screen.includes('› ▌'), 'an empty field');
		term.type('my-uploads');
		await term.waitFor('my-uploads▌', 'the bucket typed');
		term.send('Enter');
		await answer(term, 'The other questions', 'Down');
		await term.waitFor(screen => screen.includes('❯ Ask me each question'), 'each question highlighted');
		term.send('Enter');
		await answer(term, 'Which S3 events?', 'C-u', {type: 's3:ObjectCreated:Put, s3:ObjectRemoved:*'}, 'Enter');
		await answer(term, 'Only keys starting with (optional)', {type: 'in/'}, 'Enter');
		await answer(term, 'Only keys ending with (optional)', {type: '.jpg'}, 'Enter');
		let screen = await answer(term, 'Processor architecture').then(() => term.screen());
		for (let presses = 0; presses < 20 && !screen.includes('Summary —'); presses++) {
			const before = currentQuestion(screen);
			term.send('Enter');
			screen = await term.waitFor(now => now.includes('Summary —') || currentQuestion(now) !== before, 'the next question');
		}

		expect(screen).toMatch(/^  S3 bucket +my-uploads$/m);
		expect(screen).not.toMatch(/^  Schedule /m);
		term.send('Enter');
		const end = await term.waitFor(now => now.includes('[exit '), 'the program to end');
		expect(end).toContain('[exit 0]');
		expect(readConfig('uploads').s3).toEqual({bucket: 'my-uploads', events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:*'], prefix: 'in/', suffix: '.jpg'});
		expect(readFileSync(join(work.dir, 'uploads', 'template.yaml'), 'utf8')).toContain('BucketName: my-uploads');
		expect(readFileSync(join(work.dir, 'uploads', 'README.md'), 'utf8')).toContain('aws s3 cp hello.txt s3://my-uploads/in/hello.jpg');
	});

	it('starts from the home menu when run with no command', async () => {
		terminal = openTerminal([process.execPath, binPath], {cwd: work.dir});
		await terminal.waitFor('What do you want to do?', 'the home menu');
		expect(terminal.screen()).toContain('❯ new');
		terminal.send('Enter');
		await answer(terminal, 'Project name', 'C-c');
		const end = await terminal.waitFor('[exit ', 'the program to end');
		expect(end).toContain('[exit 130]');
	});

	it('goes back to the home menu with Esc on the first question when started from it', async () => {
		terminal = openTerminal([process.execPath, binPath], {cwd: work.dir});
		await terminal.waitFor('What do you want to do?', 'the home menu');
		terminal.send('Enter');
		await answer(terminal, 'Project name', 'Escape');
		// The menu's own question (its answered line from before stays above, with a ✔).
		await terminal.waitFor(screen => /^\? What do you want to do\?/m.test(screen) && !screen.includes('? Project name'), 'the home menu again');
		terminal.send('Up');
		await terminal.waitFor(screen => screen.includes('❯ quit'), 'quit highlighted');
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the program to end');
		expect(end).toContain('[exit 0]');
		expect(existsSync(join(work.dir, 'orders'))).toBe(false);
	});

	it('writes a project with every default from a name and at most 8 more keys (80×24)', async () => {
		terminal = openTerminal([process.execPath, binPath, 'new'], {cwd: work.dir, size: {columns: 80, rows: 24}});
		await answer(terminal, 'Project name', {type: 'orders'});
		const place = (screen: string) => (screen.includes('[exit ') ? 'exit' : screen.includes('Summary —') ? 'summary' : currentQuestion(screen));
		let screen = terminal.screen();
		let presses = 0;
		while (place(screen) !== 'exit' && presses < 8) {
			const before = place(screen);
			terminal.send('Enter');
			presses++;
			screen = await terminal.waitFor(now => place(now) !== before, `the screen after Enter ${presses}`);
		}

		expect(screen).toContain('[exit 0]');
		expect(presses).toBeLessThanOrEqual(8);
		const spec = readConfig('orders');
		expect(spec.project).toMatchObject({name: 'orders', kind: 'function', trigger: 'http', packaging: 'zip', architecture: 'arm64'});
		expect(spec.function).toMatchObject({memory: 128, timeout: 3});
		expect(spec.deploy).toEqual({regions: ['us-east-1'], alias: 'live'});
	});

	it('takes keys typed ahead, before each question is drawn, in order', async () => {
		terminal = openTerminal([process.execPath, binPath, 'new'], {cwd: work.dir});
		// All at once, without waiting for any screen: a name, then the keys for an SQS function with defaults.
		terminal.type('orders');
		terminal.send('Enter', 'Enter', 'Down', 'Enter', 'Enter', 'Enter', 'Enter', 'Enter');
		const end = await terminal.waitFor('[exit ', 'the program to end');
		expect(end).toContain('[exit 0]');
		expect(readConfig('orders').project).toMatchObject({name: 'orders', trigger: 'sqs'});
	});

	it('prints each answered question once, however far the screen scrolls (80×24)', async () => {
		terminal = openTerminal([process.execPath, binPath, 'new'], {cwd: work.dir, size: {columns: 80, rows: 24}});
		await answer(terminal, 'Project name', {type: 'orders'});
		const place = (screen: string) => (screen.includes('[exit ') ? 'exit' : screen.includes('Summary —') ? 'summary' : currentQuestion(screen));
		let screen = terminal.screen();
		for (let presses = 0; place(screen) !== 'exit' && presses < 40; presses++) {
			const before = place(screen);
			// Every question asked: "Ask me each question" is the second choice.
			terminal.send(...(before === 'The other questions' ? ['Down', 'Enter'] : ['Enter']));
			screen = await terminal.waitFor(now => place(now) !== before, `the screen after ${String(before)}`);
		}

		expect(screen).toContain('[exit 0]');
		const rows = terminal.history().split('\n');
		const answered = rows.filter(row => row.startsWith('✔ '));
		expect(answered.length).toBeGreaterThanOrEqual(17);
		// Taller than the terminal: it did scroll.
		expect(rows.filter(row => row.trim() !== '').length).toBeGreaterThan(30);
		expect(new Set(answered).size).toBe(answered.length);
		for (const once of ['rust-lambda-wizard · new project', 'Summary — the project will be written to ./orders']) {
			expect(rows.filter(row => row === once), once).toHaveLength(1);
		}

		// No question was left behind as a copy in the scrollback.
		expect(rows.filter(row => row.startsWith('? '))).toEqual([]);
	});

	it('wraps a note at the terminal\'s width between words (80 columns)', async () => {
		const term = openTerminal([process.execPath, binPath, 'new', '--name', 'orders', '--kind', 'function', '--trigger', 'json'], {cwd: work.dir, size: {columns: 80, rows: 24}});
		terminal = term;
		await answer(term, 'How is it packaged?');
		const rows = term.history({rows: true}).split('\n');
		const note = rows.slice(rows.indexOf('? How is it packaged?') + 1, rows.findIndex(row => row.startsWith('❯ ZIP archive')));
		expect(note.length).toBeGreaterThan(1);
		expect(note.every(row => row.length <= 80)).toBe(true);
		// Each row ends at a word's end: the rows joined with spaces are the note's own words.
		expect(note.map(row => row.trimEnd()).join(' ')).toContain('plenty for a Rust binary. Layers are for shared extensions and tools, not Rust dependencies');
		// And each row is as full as it can be: the next row's first word would not have fit (no line broken early, as a fixed line end does).
		for (const [index, row] of note.slice(0, -1).entries()) {
			const nextWord = note[index + 1]!.trim().split(' ')[0]!;
			expect(row.trimEnd().length + 1 + nextWord.length, `${row} | ${nextWord}`).toBeGreaterThan(80);
		}
	});

	it('the home menu offers only what works here, and Quit', async () => {
		terminal = openTerminal([process.execPath, binPath], {cwd: work.dir});
		const menu = await terminal.waitFor('What do you want to do?', 'the home menu');
		// No rust-lambda.toml in this folder: the commands that read one are left out, and the question says so.
		expect(menu).toContain('(no rust-lambda.toml here: build, deploy and the rest come after new)');
		expect(menu).not.toMatch(/^. deploy$/m);
		expect(menu).toMatch(/^. doctor$/m);
		expect(menu).toMatch(/^. quit$/m);
		terminal.send('Up');
		await terminal.waitFor(screen => screen.includes('❯ quit'), 'quit highlighted');
		terminal.send('Enter');
		const end = await terminal.waitFor('[exit ', 'the program to end');
		expect(end).toContain('[exit 0]');
	});

	it('leaves nothing behind on Ctrl-C', async () => {
		const term = wizard();
		await answer(term, 'Project name', {type: 'orders'}, 'Enter');
		await answer(term, 'What do you want to build?', 'C-c');
		const end = await term.waitFor(screen => screen.includes('[exit '), 'the program to end');
		expect(end).toContain('[exit 130]');
		expect(end).toContain('Interrupted: nothing was written.');
		expect(existsSync(join(work.dir, 'orders'))).toBe(false);
	});

	it('does not ask what the flags answer, and refuses a folder that is not empty, as it is typed', async () => {
		await mkdir(join(work.dir, 'taken'));
		await writeFile(join(work.dir, 'taken', 'keep.txt'), 'mine');
		const term = wizard('--name', 'taken', '--trigger', 'json', '--packaging', 'zip');
		await answer(term, 'What do you want to build?', 'Enter');
		// The defaults for the rest: the folder's default is taken, so the folder is asked, saying why.
		await answer(term, 'The other questions', 'Enter');
		await answer(term, 'Folder to create');
		await term.waitFor(screen => screen.includes('taken exists and is not empty'), 'the folder problem');
		term.send('C-u');
		await term.waitFor(screen => screen.includes('› ▌') && !screen.includes('✖'), 'an empty field, and no problem');
		term.type('./fresh');
		await term.waitFor(screen => screen.includes('./fresh▌'), 'the folder typed');
		term.send('Enter');
		const screen = await term.waitFor(now => now.includes('Summary — the project will be written to ./fresh'), 'the summary');
		expect(screen).not.toContain('? Project name');
		expect(screen).not.toContain('? What triggers the function?');
		expect(readFileSync(join(work.dir, 'taken', 'keep.txt'), 'utf8')).toBe('mine');
	});

	it('offers the folder\'s name, and lists flag answers in a colourless summary under NO_COLOR', async () => {
		const term = wizard('billing', '--trigger', 'sqs', '--memory', '512');
		await answer(term, 'Project name');
		expect(term.screen()).toContain('› billing▌');
		term.send('Enter');
		let screen = term.screen();
		for (let presses = 0; presses < 30 && !screen.includes('Summary —'); presses++) {
			const before = currentQuestion(screen);
			term.send('Enter');
			screen = await term.waitFor(now => now.includes('Summary —') || currentQuestion(now) !== before, 'the next question');
		}

		expect(screen).toContain('Summary — the project will be written to billing');
		expect(screen).toMatch(/^  Trigger +SQS messages$/m);
		expect(screen).toMatch(/^  Memory +512 MB$/m);
		// NO_COLOR forbids colour; bold and dim stay, as the convention allows.
		expect(term.rawScreen()).toContain('\u001B[1m');
		expect(term.rawScreen()).not.toMatch(/\u001B\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[0-9;]+)m/);
	});
});

describe('new without a terminal', () => {
	it('refuses flags the other answers rule out', async () => {
		const result = await runCli(['new', '--yes', '--name', 'x', '--image-base', 'lambda-base', '--trigger', 'json', '--artillery'], {cwd: work.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--image-base: does not apply to this project');
		expect(result.stderr).toContain('--artillery: does not apply to this project');
		expect(existsSync(join(work.dir, 'x'))).toBe(false);
	});

	it('--yes makes an extension with the wizard\'s defaults and honest next steps', async () => {
		const result = await runCli(['new', '--yes', '--name', 'shipper', '--kind', 'extension'], {cwd: work.dir});
		expect(result.exitCode).toBe(0);
		expect(readConfig('shipper').extension).toMatchObject({kind: 'events', internal: false});
		expect(result.stdout).toContain('layer publish --dry-run   (publishes target/lambda/extensions/shipper.zip as layer shipper in every region)');
		expect(result.stdout).not.toContain('deploy');
	});

	it('names the flags it needs', async () => {
		const result = await runCli(['new'], {cwd: work.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('Pass --yes with the answers as flags: --name NAME (required)');
		expect(result.stderr).toContain('--trigger');
	});

	it('--yes writes a project from flags whose config loads back', async () => {
		const result = await runCli(['new', '--yes', '--name', 'billing', '--trigger', 'sqs', '--batch-size', '50', '--batching-window', '2', '--region', 'eu-west-1'], {cwd: work.dir});
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		const spec = readConfig('billing');
		expect(spec.sqs).toMatchObject({batch_size: 50, batching_window_seconds: 2});
		expect(spec.deploy.regions).toEqual(['eu-west-1']);
	});

	it.each([
		['http', ['--cors-origin', 'https://example.com', '--cors-origin', '*'], {http: {endpoint: 'function-url', auth: 'none', cors_allow_origins: ['https://example.com', '*']}}],
		['sns', ['--topic-arn', 'arn:aws:sns:{region}:{account}:orders', '--filter-policy', '{"kind": ["order"]}'], {sns: {topic_arn: 'arn:aws:sns:{region}:{account}:orders', filter_policy: '{"kind": ["order"]}'}}],
		['s3', ['--bucket', 'my-uploads', '--s3-event', 's3:ObjectCreated:*', '--s3-event', 's3:ObjectRemoved:*', '--prefix', 'in/', '--suffix', '.jpg'], {s3: {bucket: 'my-uploads', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], prefix: 'in/', suffix: '.jpg'}}],
		['schedule', ['--schedule', 'cron(0 12 * * ? *)', '--timezone', 'Europe/Berlin', '--schedule-input', '{"job": "nightly"}'], {schedule: {expression: 'cron(0 12 * * ? *)', timezone: 'Europe/Berlin', input: '{"job": "nightly"}'}}],
		['dynamodb', ['--table', 'orders', '--starting-position', 'TRIM_HORIZON'], {dynamodb: {table: 'orders', starting_position: 'TRIM_HORIZON'}}],
		['kinesis', ['--stream-arn', 'arn:aws:kinesis:{region}:{account}:stream/clicks', '--starting-position', 'TRIM_HORIZON'], {kinesis: {stream_arn: 'arn:aws:kinesis:{region}:{account}:stream/clicks', starting_position: 'TRIM_HORIZON'}}],
	] as const)('--yes --trigger %s with its source flags writes a config that loads back with them, and a template.yaml that declares them', async (trigger, flags, expected) => {
		const result = await runCli(['new', 'made', '--yes', '--trigger', trigger, ...flags], {cwd: work.dir});
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		expect(result.stdout).not.toContain('deploy connects the trigger once it is there');
		expect(readConfig('made')).toMatchObject(expected);
		const template = readFileSync(join(work.dir, 'made', 'template.yaml'), 'utf8');
		expect(template).toContain('AutoPublishAlias: live');
		const firstValue = String(flags[1]).replaceAll('{region}', '${AWS::Region}').replaceAll('{account}', '${AWS::AccountId}');
		expect(template).toContain(trigger === 'dynamodb' ? `table ${firstValue}` : firstValue);
	});

	it('--yes without a source says which key to set before deploy connects the trigger', async () => {
		const result = await runCli(['new', 'made', '--yes', '--trigger', 'kinesis'], {cwd: work.dir});
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('(set [kinesis] stream_arn in rust-lambda.toml: deploy connects the trigger once it is there)');
		expect(readFileSync(join(work.dir, 'made', 'README.md'), 'utf8')).toContain('**Not connected yet**: set `[kinesis] stream_arn`');
	});

	it('refuses source flags the trigger rules out, and bad source values by flag', async () => {
		const ruledOut = await runCli(['new', '--yes', '--name', 'x', '--trigger', 'sns', '--bucket', 'my-uploads', '--starting-position', 'LATEST', '--cors-origin', '*'], {cwd: work.dir});
		expect(ruledOut.exitCode).toBe(2);
		expect(ruledOut.stderr).toContain('--bucket: does not apply to this project (kind function, trigger sns');
		expect(ruledOut.stderr).toContain('--starting-position: does not apply to this project');
		expect(ruledOut.stderr).toContain('--cors-origin: does not apply to this project');
		// Retries and destinations where Lambda never invokes asynchronously: refused, saying where failures go.
		const synchronous = await runCli(['new', '--yes', '--name', 'orders', '--trigger', 'sqs', '--max-retries', '1'], {cwd: work.dir});
		expect(synchronous.exitCode).toBe(2);
		expect(synchronous.stderr).toContain('--max-retries: does not apply: retries and destinations apply to asynchronous invocations only, and SQS is polled synchronously: failed messages return to the queue');
		const bad = await runCli(['new', '--yes', '--name', 'x', '--trigger', 'schedule', '--schedule', 'rate(1 minutes)', '--timezone', 'Mars/Olympus', '--schedule-input', '[1]'], {cwd: work.dir});
		expect(bad.exitCode).toBe(2);
		expect(bad.stderr).toContain('--schedule: "rate(1 minutes)" must say rate(1 minute)');
		expect(bad.stderr).toContain('--timezone: "Mars/Olympus" must be an IANA time zone');
		expect(bad.stderr).toContain('--schedule-input: "[1]" must be JSON text of an object');
		const position = await runCli(['new', '--yes', '--name', 'x', '--trigger', 'kinesis', '--starting-position', 'AT_TIMESTAMP'], {cwd: work.dir});
		expect(position.exitCode).toBe(2);
		expect(position.stderr).toContain('--starting-position: "AT_TIMESTAMP" must be one of LATEST, TRIM_HORIZON');
		expect(existsSync(join(work.dir, 'x'))).toBe(false);
	});

	it('--yes takes the name from the folder', async () => {
		const result = await runCli(['new', 'payments', '--yes'], {cwd: work.dir});
		expect(result.exitCode).toBe(0);
		expect(readConfig('payments').project.name).toBe('payments');
	});

	it('--yes reports bad flag values by flag, and writes nothing', async () => {
		const result = await runCli(['new', '--yes', '--name', 'x', '--memory', '64', '--trigger', 'sqs', '--batch-size', '100'], {cwd: work.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--memory: 64 must be a whole number from 128 to 10240 MB');
		expect(existsSync(join(work.dir, 'x'))).toBe(false);
	});

	it('a batch over 10 with --yes gets the 1 s window AWS requires, as the wizard offers it', async () => {
		const result = await runCli(['new', '--yes', '--name', 'orders', '--trigger', 'sqs', '--batch-size', '50'], {cwd: work.dir});
		expect(result.exitCode, result.stderr).toBe(0);
		expect(readConfig('orders').sqs).toMatchObject({batch_size: 50, batching_window_seconds: 1});
	});

	it('refuses a folder that is not empty unless --force', async () => {
		await mkdir(join(work.dir, 'orders'));
		await writeFile(join(work.dir, 'orders', 'notes.txt'), 'keep me');
		const refused = await runCli(['new', 'orders', '--yes'], {cwd: work.dir});
		expect(refused.exitCode).toBe(1);
		expect(refused.stderr).toContain('exists and is not empty');
		const forced = await runCli(['new', 'orders', '--yes', '--force'], {cwd: work.dir});
		expect(forced.exitCode).toBe(0);
		expect(readFileSync(join(work.dir, 'orders', 'notes.txt'), 'utf8')).toBe('keep me');
		expect(existsSync(join(work.dir, 'orders', 'rust-lambda.toml'))).toBe(true);
	});
});

describe('new --yes: what is written and printed agrees with what build, deploy and layer publish do', () => {
	const tomlOf = (folder: string) => parseToml(readFileSync(join(work.dir, folder, 'rust-lambda.toml'), 'utf8')) as Record<string, Record<string, unknown>>;
	const fileIn = (folder: string, path: string) => readFileSync(join(work.dir, folder, path), 'utf8');

	it('an extension on its own: a layer, with no function\'s keys, no image and no local files for a function', async () => {
		const result = await runCli(['new', '--yes', '--name', 'shipper', '--kind', 'extension', '--region', 'eu-west-1'], {cwd: work.dir});
		expect(result.exitCode, result.stderr).toBe(0);
		const toml = tomlOf('shipper');
		expect(Object.keys(toml)).toEqual(['project', 'extension', 'deploy']);
		expect(toml['project']).toEqual({name: 'shipper', kind: 'extension', architecture: 'arm64'});
		expect(toml['deploy']).toEqual({regions: ['eu-west-1']});
		expect(await listFiles(join(work.dir, 'shipper'))).not.toEqual(expect.arrayContaining([expect.stringMatching(/Dockerfile|template\.yaml|localstack/)]));
		expect(result.stdout).toContain('build\n');
		expect(result.stdout).toContain('layer publish --dry-run   (publishes target/lambda/extensions/shipper.zip as layer shipper in every region)');
		expect(result.stdout).not.toMatch(/deploy|image/);
		expect(fileIn('shipper', 'README.md')).not.toMatch(/Dockerfile|docker build|rust-lambda-wizard deploy/);
	});

	it('refuses an extension on its own as an image, and every function setting, each with the reason', async () => {
		const image = await runCli(['new', '--yes', '--name', 'shipper', '--kind', 'extension', '--packaging', 'image'], {cwd: work.dir});
		expect(image.exitCode).toBe(2);
		expect(image.stderr).toContain('--packaging: does not apply: an extension on its own is published as a layer, and layers are ZIP archives; an image function carries its extensions in /opt/extensions instead');
		const settings = ['--memory', '256', '--timeout', '5', '--alias', 'prod', '--strategy', 'canary', '--sam', '--no-localstack', '--role', 'arn:aws:iam::123456789012:role/r', '--trigger', 'sqs', '--reserved-concurrency', '5'];
		const refused = await runCli(['new', '--yes', '--name', 'shipper', '--kind', 'extension', ...settings], {cwd: work.dir});
		expect(refused.exitCode).toBe(2);
		for (const flag of ['--memory', '--timeout', '--alias', '--strategy', '--sam', '--localstack', '--role', '--trigger', '--reserved-concurrency']) {
			expect(refused.stderr).toMatch(new RegExp(`^  ${flag}: does not apply: an extension on its own is published as a layer and has no function: .+; leave it out$`, 'm'));
		}

		expect(existsSync(join(work.dir, 'shipper'))).toBe(false);
	});

	it.each([
		['multi-stage', [], ['COPY --from=build /build/target/lambda/made/bootstrap ${LAMBDA_RUNTIME_DIR}/bootstrap', 'COPY --from=build /build/target/lambda/extensions/made-extension /opt/extensions/made-extension']],
		['lambda-base', ['--image-base', 'lambda-base'], ['COPY target/lambda/made/bootstrap ${LAMBDA_RUNTIME_DIR}/bootstrap', 'COPY target/lambda/extensions/made-extension /opt/extensions/made-extension']],
	])('a function with its external extension in a %s image: the extension is inside the image, never a layer', async (_base, flags, copies) => {
		const result = await runCli(['new', 'made', '--yes', '--kind', 'function+extension', '--packaging', 'image', ...flags], {cwd: work.dir});
		expect(result.exitCode, result.stderr).toBe(0);
		expect(tomlOf('made')['project']).toMatchObject({kind: 'function+extension', packaging: 'image'});
		const dockerfile = fileIn('made', 'Dockerfile');
		for (const copy of copies) {
			expect(dockerfile).toContain(`\n${copy}\n`);
		}

		expect(dockerfile).toContain('\nCMD ["bootstrap"]\n');
		// deploy pushes the image that `build` makes: no layer is published for it.
		expect(result.stdout).toMatch(/build\n.*deploy --dry-run\n.*deploy\n/s);
		expect(result.stdout).not.toContain('layer');
		const readme = fileIn('made', 'README.md');
		expect(readme).toContain('rust-lambda-wizard build             # the container image');
		expect(readme).not.toMatch(/layer publish|publishing the extension as layer/);
		expect(fileIn('made', 'template.yaml')).not.toContain('ExtensionLayer');
	});

	it('a function with its external extension in a ZIP: deploy publishes the extension\'s layer first, and says so', async () => {
		const result = await runCli(['new', 'made', '--yes', '--kind', 'function+extension'], {cwd: work.dir});
		expect(result.exitCode, result.stderr).toBe(0);
		expect(existsSync(join(work.dir, 'made', 'Dockerfile'))).toBe(false);
		expect(fileIn('made', 'README.md')).toContain('after publishing the extension as layer made-extension (or reusing its newest version)');
		expect(tomlOf('made')['function']).toMatchObject({memory: 128, timeout: 3});
	});
});

describe('new --yes refuses IDs listed twice and ARNs that name no resource, by flag', () => {
	it('names the flag, the value and the rule, and writes nothing', async () => {
		const result = await runCli([
			'new', '--yes', '--name', 'orders', '--trigger', 'sqs',
			'--subnet', 'subnet-0abc1234', '--subnet', 'subnet-0abc1234', '--security-group', 'sg-0abc1234', '--security-group', 'sg-0abc1234',
			'--queue-arn', 'arn:aws:sqs:us-east-1:123456789012:', '--role', 'arn:aws:iam::123456789012:role/',
		], {cwd: work.dir});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain('--subnet: ["subnet-0abc1234", "subnet-0abc1234"] must not list a subnet twice: "subnet-0abc1234" is there more than once; list each once');
		expect(result.stderr).toContain('--security-group: ["sg-0abc1234", "sg-0abc1234"] must not list a security group twice');
		expect(result.stderr).toContain('--queue-arn: "arn:aws:sqs:us-east-1:123456789012:" names no resource: it ends where the resource\'s name goes; it must be an SQS queue ARN');
		expect(result.stderr).toContain('--role: "arn:aws:iam::123456789012:role/" names no resource: the name after "role/" is empty; it must be an IAM role ARN');
		expect(existsSync(join(work.dir, 'orders'))).toBe(false);
	});
});

describe('new refuses a folder nothing can be written to, with the reason', () => {
	const cases: Array<[string, string, (dir: string) => string]> = [
		// Paths as the person gave them, relative to where they are.
		['a file', 'notes.txt', () => 'notes.txt is a file, not a folder. Choose another folder for the project.'],
		['a folder below a file', 'notes.txt/below', () => 'Cannot make notes.txt/below: notes.txt is a file, and no folder can be made inside a file. Choose another folder for the project.'],
	];
	if (existsSync('/proc/self')) {
		cases.push(['a file system that takes no folder', '/proc/rlw-orders', () => 'Cannot make /proc/rlw-orders: no folder can be made in /proc (']);
	}

	it.each(cases)('%s (%s): exit 1 before anything is written, not "a bug"', async (_what, folder, said) => {
		await writeFile(join(work.dir, 'notes.txt'), 'a file');
		const result = await runCli(['new', '--yes', '--name', 'orders', folder], {cwd: work.dir});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain(said(work.dir));
		expect(result.stderr).not.toContain(work.dir);
		expect(result.stderr).not.toContain('bug');
		expect(await readdir(work.dir)).toEqual(['notes.txt']);
	});
});

describe('new --yes writes exactly the generated project', () => {
	// The generator is checked for every combination in new-project.test.ts; this ties the
	// command to it: what `new --yes` writes is the generator's output for its flags, file by file.
	it.each([
		[['--trigger', 'sqs', '--batch-size', '5']],
		[['--trigger', 'http', '--http', 'http-api', '--packaging', 'image', '--image-base', 'lambda-base']],
		[['--kind', 'function+extension', '--trigger', 'kinesis', '--extension-kind', 'telemetry', '--arch', 'x86_64']],
		[['--kind', 'extension', '--extension-kind', 'logs']],
	])('%j', async flags => {
		const result = await runCli(['new', 'made', '--yes', ...flags], {cwd: work.dir});
		expect(result.stderr).toBe('');
		expect(result.exitCode).toBe(0);
		const expected = projectFiles(readConfig('made'), await loadTemplates());
		const written = await listFiles(join(work.dir, 'made'));
		expect(written.sort()).toEqual(expected.map(file => file.path).sort());
		for (const file of expected) {
			expect(readFileSync(join(work.dir, 'made', file.path), 'utf8'), file.path).toBe(file.content);
		}
	});
});

async function listFiles(root: string, under = ''): Promise<string[]> {
	const entries = await readdir(join(root, under), {withFileTypes: true});
	const nested = await Promise.all(entries.map(async entry => (entry.isDirectory() ? listFiles(root, join(under, entry.name)) : [join(under, entry.name)])));
	return nested.flat();
}
