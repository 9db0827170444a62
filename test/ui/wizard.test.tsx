// The wizard on a (test) screen: keys in, frames out.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {Wizard} from '../../source/ui/components/Wizard.js';
import {steps} from '../../source/new/questions/steps/index.js';
import type {Answers} from '../../source/new/questions/answers.js';
import {keys, press, type, waitForFrame} from '../support/ink.js';

let app: ReturnType<typeof render> | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

function start(checkDirectory?: (directory: string) => string | undefined, fromHome = false) {
	let done: Answers | 'home' | undefined;
	app = render(<Wizard steps={steps} answers={{config: {}}} options={{fixedKeys: new Set(), fromHome, ...(checkDirectory ? {checkDirectory} : {})}} onDone={answers => {
		done = answers;
	}} />);
	return {app, done: () => done};
}

const question = (frame: string) => /\? (.+)/.exec(frame)?.[1]?.trim();

/** Starts with some answers given as flags (not asked), as `new --trigger s3` would. */
function startWith(config: Answers['config'], fixed: readonly string[]) {
	let done: Answers | 'home' | undefined;
	app = render(<Wizard steps={steps} answers={{config, directory: './orders'}} options={{fixedKeys: new Set([...fixed, 'directory'])}} onDone={answers => {
		done = answers;
	}} />);
	return {app, done: () => done};
}

/** Enter on every question left, then on the summary: the answers. */
async function finish(rendered: ReturnType<typeof startWith>): Promise<Answers> {
	let frame = rendered.app.lastFrame() ?? '';
	while (!frame.includes('Summary —')) {
		const before = question(frame);
		rendered.app.stdin.write(keys.enter);
		frame = await waitForFrame(rendered.app, now => now.includes('Summary —') || question(now) !== before, 'the next question');
	}

	rendered.app.stdin.write(keys.enter);
	await waitForFrame(rendered.app, () => rendered.done() !== undefined, 'the wizard to finish');
	return rendered.done() as Answers;
}

const clear = '\u0015';

describe('the wizard screen', () => {
	it('walks every question of an HTTP function with arrows and Enter, then shows the summary', async () => {
		const {app, done} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'orders');
		let frame = await press(app, keys.enter);
		expect(question(frame)).toBe('What do you want to build?');
		expect(frame).toContain('✔ Project name: orders');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('What triggers the function?');
		expect(frame).toContain('❯ HTTP requests');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('How is the function reached over HTTP?');
		frame = await press(app, keys.down);
		expect(frame).toContain('❯ An API Gateway HTTP API');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('How is it packaged?');
		expect(frame).toContain('250 MB unzipped');
		expect(frame).toContain('takes no layers');
		frame = await press(app, keys.down, keys.enter);
		expect(question(frame)).toBe('The other questions');
		expect(frame).toContain('Each has a default: Folder, HTTP callers, CORS origins, Dockerfile, Architecture, Memory');
		frame = await press(app, keys.down, keys.enter);
		expect(question(frame)).toBe('Folder to create');
		expect(frame).toContain('./orders');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Who may call it?');
		expect(frame).toContain('need execute-api:Invoke');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Browser origins allowed to call it (CORS, optional)');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Which Dockerfile?');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Processor architecture');
		frame = await press(app, keys.enter);
		expect(question(frame)).toMatch(/^Memory in MB/);
		frame = await press(app, keys.backspace, keys.backspace, keys.backspace);
		await type(app, '512');
		frame = await press(app, keys.enter);
		expect(question(frame)).toMatch(/^Timeout in seconds/);
		for (const expected of ['Does the function need to reach resources in a VPC?', 'Reserved concurrency (optional)', 'AWS regions', 'Alias that serves traffic', 'How should a new version take traffic?']) {
			frame = await press(app, keys.enter);
			expect(question(frame)).toBe(expected);
		}

		frame = await press(app, keys.down, keys.enter);
		expect(question(frame)).toBe('Files for local development');
		expect(frame).toContain('◉ artillery.yml load test');
		frame = await press(app, keys.down, keys.space);
		expect(frame).toContain('◯ LocalStack integration test');
		frame = await press(app, keys.enter);
		expect(frame).toContain('Summary — the project will be written to ./orders');
		expect(frame).toContain('❯ Write the project');
		expect(frame).toMatch(/HTTP endpoint +An API Gateway HTTP API/);
		expect(frame).toMatch(/Memory +512 MB/);
		expect(frame).toMatch(/Roll-out +Canary/);
		expect(frame).toMatch(/Local files +SAM template.yaml, artillery.yml load test/);
		expect(done()).toBeUndefined();

		app.stdin.write(keys.enter);
		await waitForFrame(app, () => done() !== undefined, 'the wizard to finish');
		expect(done()).toMatchObject({config: {
			project: {name: 'orders', kind: 'function', trigger: 'http', packaging: 'image', architecture: 'arm64'},
			http: {endpoint: 'http-api', auth: 'none'},
			image: {base: 'multi-stage'},
			function: {memory: 512, timeout: 3},
			rollout: {strategy: 'canary'},
			local: {sam: true, localstack: false, artillery: true},
		}});
	});

	it('walks the extension, FIFO and VPC questions, and asks nothing about async retries for SQS', async () => {
		const {app, done} = start();
		const next = async (title: string | RegExp, ...sequence: string[]) => {
			await waitForFrame(app, frame => (typeof title === 'string' ? question(frame) === title : title.test(question(frame) ?? '')), `the question ${title}`);
			for (const key of sequence) {
				if (key.length > 1 && !key.startsWith('\u001B')) {
					await type(app, key);
				} else {
					await press(app, key);
				}
			}
		};

		await next('Project name', 'shipper', keys.enter);
		await next('What do you want to build?', keys.down, keys.down, keys.enter);
		await next('What triggers the function?', keys.down, keys.enter);
		await next('Queue ARN (optional now)', keys.enter);
		await next('What should the extension do?', keys.down, keys.enter);
		await next('How is it packaged?', keys.enter);
		await next('The other questions', keys.down, keys.enter);
		await next('Folder to create', keys.enter);
		await next('Where does the extension run?', keys.enter);
		await next('Processor architecture', keys.enter);
		await next(/^Memory in MB/, keys.enter);
		await next(/^Timeout in seconds/, keys.enter);
		await next('Is it a FIFO queue?', keys.up, keys.enter);
		const batch = await waitForFrame(app, frame => question(frame) === 'Batch size', 'the batch size question');
		expect(batch).toContain('FIFO queues take 1–10.');
		expect(batch).not.toContain('✔ Batching window');
		await press(app, keys.backspace, keys.backspace);
		await type(app, '20');
		// Said as typed, and again (once) after Enter.
		await waitForFrame(app, frame => frame.includes('✖ 20 is too large for a FIFO queue: at most 10'), 'the rule, as typed');
		const refused = await press(app, keys.enter);
		expect(refused.split('20 is too large for a FIFO queue')).toHaveLength(2);
		await press(app, keys.backspace, keys.backspace);
		await next('Batch size', '5', keys.enter);
		await next('Does the function need to reach resources in a VPC?', keys.down, keys.enter);
		await next('Subnet IDs', 'subnet-12', keys.enter);
		expect(app.lastFrame()).toContain('✖ "subnet-12" must be a subnet ID');
		await press(app, keys.backspace, keys.backspace);
		await next('Subnet IDs', '0abc1234', keys.enter);
		await next('Security group IDs', 'sg-0abc1234', keys.enter);
		await next('Reserved concurrency (optional)', keys.enter);
		// SQS is polled synchronously: no retries or destinations to ask for.
		await next('AWS regions', keys.enter);
		await next('Alias that serves traffic', keys.enter);
		await next('How should a new version take traffic?', keys.enter);
		await next('Files for local development', keys.enter);
		await waitForFrame(app, frame => frame.includes('Summary — the project will be written to ./shipper'), 'the summary');
		app.stdin.write(keys.enter);
		await waitForFrame(app, () => done() !== undefined, 'the wizard to finish');
		expect(done()).toMatchObject({config: {
			project: {name: 'shipper', kind: 'function+extension', trigger: 'sqs'},
			extension: {kind: 'logs', internal: false},
			sqs: {fifo: true, batch_size: 5},
			vpc: {subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234']},
		}});
		expect((done() as Answers).config['async']).toBeUndefined();
	});

	it('reads several keys arriving in one chunk one by one, as typed', async () => {
		const {app, done} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		app.stdin.write('orders\r');
		await waitForFrame(app, frame => question(frame) === 'What do you want to build?', 'the kind question');
		app.stdin.write(`${keys.down}${keys.down}${keys.enter}`);
		let frame = await waitForFrame(app, now => question(now) === 'What triggers the function?', 'the trigger question');
		expect(frame).toContain('✔ What do you want to build?: A function with its own extension');
		await press(app, keys.enter, keys.enter, keys.enter, keys.enter, keys.down, keys.enter);
		app.stdin.write('\u0015./elsewhere\r');
		frame = await waitForFrame(app, now => question(now) === 'Who may call it?', 'the question after the folder');
		expect(frame).toContain('✔ Folder to create: ./elsewhere');
		expect(done()).toBeUndefined();
	});

	it('gives keys typed ahead in one chunk to the questions they were meant for, in order', async () => {
		const {app} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		app.stdin.write(`orders\r\r${keys.down}\r\r`);
		const frame = await waitForFrame(app, now => question(now) === 'How is it packaged?', 'the packaging question');
		expect(frame).toContain('✔ What do you want to build?: A function');
		expect(frame).toContain('✔ What triggers the function?: SQS messages');
		expect(frame).toContain('✔ Queue ARN (optional now): (none)');
		expect(frame).not.toContain('✖');
	});

	it('keeps an invalid answer on its step with the rule under it', async () => {
		const {app} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'Bad Name');
		const frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Project name');
		expect(frame).toContain('✖ "Bad Name" must be a crate name');
		await press(app, ...Array.from({length: 8}, () => keys.backspace));
		await type(app, 'good');
		expect(question(await press(app, keys.enter))).toBe('What do you want to build?');
	});

	it('goes back with Esc (and ← from a list), keeping what was confirmed', async () => {
		const {app} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'orders');
		await press(app, keys.enter, keys.enter);
		let frame = await waitForFrame(app, now => question(now) === 'What triggers the function?');
		frame = await press(app, keys.left);
		expect(question(frame)).toBe('What do you want to build?');
		frame = await press(app, keys.escape);
		expect(question(frame)).toBe('Project name');
		expect(frame).toContain('› orders▌');
	});

	it('goes back to the home menu with Esc on the first question when started from it', async () => {
		const {app, done} = start(undefined, true);
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'orders');
		await press(app, keys.enter);
		// On the second question Esc is still "back".
		expect(question(await press(app, keys.escape))).toBe('Project name');
		expect(done()).toBeUndefined();
		app.stdin.write(keys.escape);
		await waitForFrame(app, () => done() === 'home', 'the wizard to leave for the home menu');
	});

	it('takes the defaults after the essential questions, shows them as an aligned table, and changes one from it', async () => {
		const {app, done} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'orders');
		let frame = await press(app, keys.enter, keys.enter, keys.enter, keys.enter, keys.enter);
		expect(question(frame)).toBe('The other questions');
		frame = await press(app, keys.enter);
		expect(frame).toContain('Summary — the project will be written to ./orders');
		const table = frame.split('\n').filter(line => /^[ ❯✖] [A-Z]/.test(line) && !line.includes('Write the project'));
		expect(table.length).toBeGreaterThan(12);
		// Two columns: every value starts at the same place.
		const column = (line: string) => /^.{2}\S+(?: \S+)*? {2,}/.exec(line)?.[0].length;
		expect(new Set(table.map(line => column(line))).size).toBe(1);
		expect(frame).toMatch(/ Memory +128 MB\n/);

		// Down to Memory, change it, and back on the summary.
		const memoryRow = table.findIndex(line => line.includes('Memory'));
		frame = await press(app, ...Array.from({length: memoryRow + 1}, () => keys.down));
		expect(frame).toMatch(/❯ Memory +128 MB/);
		frame = await press(app, keys.enter);
		expect(question(frame)).toMatch(/^Memory in MB/);
		await press(app, clear);
		await type(app, '20000');
		frame = await waitForFrame(app, now => now.includes('✖ 20000 must be a whole number from 128 to 10240 MB'), 'the rule, as typed');
		expect(question(frame)).toMatch(/^Memory in MB/);
		await press(app, keys.backspace, keys.backspace);
		frame = await waitForFrame(app, now => !now.includes('✖'), 'the rule gone once the number fits');
		frame = await press(app, keys.enter);
		expect(frame).toContain('Summary —');
		expect(frame).toMatch(/ Memory +200 MB\n/);
		expect(frame).toContain('❯ Write the project');
		app.stdin.write(keys.enter);
		await waitForFrame(app, () => done() !== undefined, 'the wizard to finish');
		expect(done()).toMatchObject({directory: './orders', config: {function: {memory: 200, timeout: 3}, deploy: {regions: ['us-east-1'], alias: 'live'}}});
	});

	it('marks a row that is wrong on the summary, starts there, and writes nothing until it is fixed', async () => {
		const wizard = startWith(
			{project: {name: 'orders', kind: 'function', trigger: 'sqs', packaging: 'zip'}, sqs: {fifo: true, batch_size: 20}},
			['project.name', 'project.kind', 'project.trigger', 'project.packaging', 'sqs.fifo', 'sqs.batch_size'],
		);
		await waitForFrame(wizard.app, now => question(now) === 'Queue ARN (optional now)', 'the first question asked');
		let frame = await press(wizard.app, keys.enter, keys.enter);
		expect(frame).toContain('Summary —');
		expect(frame).toContain('Fix what is marked ✖ first');
		expect(frame).toMatch(/❯ Batch size +20\n/);
		expect(frame).toContain('✖ Batch size: 20 is too large for a FIFO queue');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Batch size');
		await press(wizard.app, clear);
		await type(wizard.app, '5');
		frame = await press(wizard.app, keys.enter);
		expect(frame).toContain('❯ Write the project');
		expect(frame).toMatch(/ Batch size +5\n/);
		expect(frame).not.toContain('✖');
		const answers = await finish(wizard);
		expect(answers.config['sqs']).toMatchObject({fifo: true, batch_size: 5});
	});

	it('moves the cursor in a text field with ← and →, typing and deleting where it stands', async () => {
		const {app} = start();
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'orders');
		let frame = await press(app, keys.left, keys.left);
		expect(question(frame)).toBe('Project name');
		expect(frame).toContain('› orde▌rs');
		await press(app, 'x');
		frame = await press(app, keys.backspace);
		expect(frame).toContain('› orde▌rs');
		frame = await press(app, keys.right, keys.right);
		expect(frame).toContain('› orders▌');
		frame = await press(app, keys.left, keys.backspace, keys.enter);
		expect(frame).toContain('✔ Project name: ordes');
	});

	it('shows a folder problem from the caller under the field, before Enter, and asks the folder when its default is taken', async () => {
		const {app} = start(directory => (directory === './taken' ? './taken exists and is not empty' : undefined));
		await waitForFrame(app, frame => question(frame) === 'Project name');
		await type(app, 'taken');
		let frame = await press(app, keys.enter, keys.enter, keys.enter, keys.enter, keys.enter);
		expect(question(frame)).toBe('The other questions');
		frame = await press(app, keys.enter);
		expect(question(frame)).toBe('Folder to create');
		expect(frame).toContain('✖ ./taken exists and is not empty');
		frame = await press(app, keys.backspace);
		expect(frame).not.toContain('✖');
		await type(app, 'n');
		frame = await waitForFrame(app, now => now.includes('✖ ./taken exists and is not empty'), 'the problem, as typed');
		expect(question(frame)).toBe('Folder to create');
	});

	it('previews a schedule in plain words as it is typed, says what is wrong before Enter, and skips the optional ones', async () => {
		const wizard = startWith({project: {name: 'orders', kind: 'function', trigger: 'schedule'}}, ['project.name', 'project.kind', 'project.trigger']);
		await waitForFrame(wizard.app, frame => question(frame) === 'Schedule expression (optional now)', 'the schedule question');
		await type(wizard.app, 'rate(1 minutes)');
		let frame = await waitForFrame(wizard.app, now => now.includes('✖ "rate(1 minutes)" must say rate(1 minute)'), 'the rule, as typed');
		expect(question(frame)).toBe('Schedule expression (optional now)');
		wizard.app.stdin.write(clear);
		await type(wizard.app, 'rate(5 minutes)');
		frame = await waitForFrame(wizard.app, now => now.includes('→ every 5 minutes'), 'the plain-words preview');
		expect(frame).not.toContain('✖');
		frame = await press(wizard.app, keys.enter);
		expect(frame).toContain('✔ Schedule expression (optional now): rate(5 minutes) (every 5 minutes)');
		expect(question(frame)).toBe('How is it packaged?');
		frame = await press(wizard.app, keys.enter, keys.down, keys.enter);
		expect(question(frame)).toBe('Time zone (optional)');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Event the schedule sends (optional)');
		await type(wizard.app, '{"job": 1');
		await waitForFrame(wizard.app, now => now.includes('must be JSON text of an object'), 'the JSON rule, as typed');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Event the schedule sends (optional)');
		// After Enter the rule shows once, as the step's error, not again as the preview.
		expect(frame.split('must be JSON text of an object')).toHaveLength(2);
		await type(wizard.app, '}');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Processor architecture');
		const answers = await finish(wizard);
		expect(answers.config['schedule']).toEqual({expression: 'rate(5 minutes)', input: '{"job": 1}'});
	});

	it('asks for the bucket, events and key filters of an S3 trigger, checking the bucket name as typed', async () => {
		const wizard = startWith({project: {name: 'orders', kind: 'function', trigger: 's3'}}, ['project.name', 'project.kind', 'project.trigger']);
		await waitForFrame(wizard.app, frame => question(frame) === 'S3 bucket name (optional now)', 'the bucket question');
		await type(wizard.app, 'My_Bucket');
		await waitForFrame(wizard.app, frame => frame.includes('✖ "My_Bucket" must be an S3 bucket name'), 'the bucket rule, as typed');
		wizard.app.stdin.write(clear);
		await type(wizard.app, 'my-uploads');
		await waitForFrame(wizard.app, frame => !frame.includes('✖'), 'the rule gone');
		let frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('How is it packaged?');
		frame = await press(wizard.app, keys.enter, keys.down, keys.enter);
		expect(question(frame)).toBe('Which S3 events?');
		expect(frame).toContain('› s3:ObjectCreated:*▌');
		await type(wizard.app, ', s3:ObjectRemoved:Deletee');
		await waitForFrame(wizard.app, now => now.replaceAll('\n', ' ').includes('(did you mean s3:ObjectRemoved:Delete?)'), 'the suggestion, as typed');
		frame = await press(wizard.app, keys.backspace, keys.enter);
		expect(question(frame)).toBe('Only keys starting with (optional)');
		await type(wizard.app, 'in/');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Only keys ending with (optional)');
		frame = await press(wizard.app, keys.enter);
		expect(question(frame)).toBe('Processor architecture');
		const answers = await finish(wizard);
		expect(answers.config['s3']).toEqual({bucket: 'my-uploads', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'], prefix: 'in/'});
	});

	it('asks where a stream mapping starts, after an optional table', async () => {
		const wizard = startWith({project: {name: 'orders', kind: 'function', trigger: 'dynamodb'}}, ['project.name', 'project.kind', 'project.trigger']);
		await waitForFrame(wizard.app, frame => question(frame) === 'DynamoDB table name (optional now)', 'the table question');
		let frame = await press(wizard.app, keys.enter, keys.enter, keys.down, keys.enter);
		expect(question(frame)).toBe('Where should the function start reading?');
		expect(frame).toContain('✔ DynamoDB table name (optional now): (none)');
		expect(frame).toContain('❯ New records only — LATEST');
		frame = await press(wizard.app, keys.down, keys.enter);
		expect(question(frame)).toBe('Processor architecture');
		const answers = await finish(wizard);
		expect(answers.config['dynamodb']).toEqual({starting_position: 'TRIM_HORIZON'});
	});
});
