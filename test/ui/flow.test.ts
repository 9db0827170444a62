// The wizard's flow without a screen: which questions come, validation, going back.
import {describe, expect, it} from 'vitest';
import {steps} from '../../source/new/questions/steps/index.js';
import {loadSpec} from '../../source/spec/spec.js';
import {toSpec, type Answers} from '../../source/new/questions/answers.js';
import {atStart, back, checkTyped, currentStep, edit, startFlow, submit, type Flow} from '../../source/new/questions/flow.js';
import {summary, summaryProblems} from '../../source/new/questions/summary.js';

const start = (answers: Answers = {config: {}}, fixed: string[] = [], checkDirectory?: (directory: string) => string | undefined) =>
	startFlow(steps, answers, {fixedKeys: new Set(fixed), ...(checkDirectory ? {checkDirectory} : {})});

/** Answers each question by its id; the rest get their initial value. Every question is asked unless `answers.pace` says defaults. */
function walk(flow: Flow, answers: Record<string, string | string[]>): {flow: Flow; asked: string[]} {
	const asked: string[] = [];
	while (flow.current !== 'summary') {
		const step = currentStep(flow)!;
		if (step.id === 'pace') {
			flow = submit(flow, answers['pace'] ?? 'each');
			continue;
		}

		asked.push(step.id);
		const fallback = step.kind === 'multi' ? step.initial(flow.answers) : step.initial(flow.answers);
		const next = submit(flow, answers[step.id] ?? fallback);
		if (next.error) {
			throw new Error(`${step.id}: ${next.error}`);
		}

		flow = next;
	}

	return {flow, asked};
}

/** Answers with the initial values (and each question asked) until the step `id` is asked. */
function until(flow: Flow, id: string, name = 'orders'): Flow {
	while (currentStep(flow)!.id !== id) {
		const step = currentStep(flow)!;
		flow = submit(flow, step.id === 'pace' ? 'each' : step.id === 'name' ? name : step.initial(flow.answers));
		expect(flow.error, step.id).toBeUndefined();
	}

	return flow;
}

describe('wizard flow', () => {
	it('asks only what applies to an HTTP function', () => {
		const {asked, flow} = walk(start(), {name: 'orders', trigger: 'http'});
		expect(asked).toEqual([
			'name', 'kind', 'trigger', 'http-endpoint', 'packaging', 'directory', 'http-auth', 'http-cors', 'architecture', 'memory', 'timeout',
			'vpc', 'concurrency', 'regions', 'alias', 'strategy', 'local',
		]);
		expect(flow.answers.directory).toBe('./orders');
		expect(flow.answers.config['local']).toEqual({sam: true, localstack: true, artillery: true});
	});

	it('asks the SQS and VPC questions when they apply', () => {
		const {asked, flow} = walk(start(), {
			name: 'orders', trigger: 'sqs', 'sqs-window': '5', 'sqs-batch': '100', vpc: 'yes',
			'vpc-subnets': 'subnet-0abc1234', 'vpc-security-groups': 'sg-0abc1234, sg-0def5678',
		});
		expect(asked).toEqual(expect.arrayContaining(['sqs-queue', 'sqs-fifo', 'sqs-window', 'sqs-batch', 'vpc-subnets', 'vpc-security-groups']));
		expect(asked).not.toContain('http-endpoint');
		expect(flow.answers.config['sqs']).toMatchObject({fifo: false, batching_window_seconds: 5, batch_size: 100});
		expect(flow.answers.config['vpc']).toEqual({subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234', 'sg-0def5678']});
	});

	it('offers retries and destinations only where Lambda invokes asynchronously', () => {
		const {asked, flow} = walk(start(), {name: 'orders', trigger: 'sns', async: 'yes', 'async-failure': 'arn:aws:sqs:{region}:{account}:failed'});
		expect(asked).toEqual(expect.arrayContaining(['async', 'async-retries', 'async-age', 'async-success', 'async-failure']));
		expect(flow.answers.config['async']).toMatchObject({on_failure: 'arn:aws:sqs:{region}:{account}:failed'});
		for (const trigger of ['http', 'sqs', 'dynamodb', 'kinesis']) {
			expect(walk(start(), {name: 'orders', trigger}).asked, trigger).not.toContain('async');
		}

		for (const trigger of ['s3', 'schedule', 'json']) {
			expect(walk(start(), {name: 'orders', trigger}).asked, trigger).toContain('async');
		}
	});

	it('asks the extension questions and no trigger for an extension', () => {
		const {asked} = walk(start(), {name: 'shipper', kind: 'extension'});
		expect(asked).toContain('extension-kind');
		// On its own an extension is external: a Rust internal one lives in a function's binary.
		expect(asked).not.toContain('extension-internal');
		expect(asked).not.toContain('trigger');
		expect(asked).not.toContain('vpc');
	});

	it('skips FIFO and the window when the queue ARN says FIFO', () => {
		const {asked, flow} = walk(start(), {name: 'orders', trigger: 'sqs', 'sqs-queue': 'arn:aws:sqs:us-east-1:123456789012:orders.fifo'});
		expect(asked).not.toContain('sqs-fifo');
		expect(asked).not.toContain('sqs-window');
		expect(flow.answers.config['sqs']).toMatchObject({batch_size: 10});
	});

	it.each([
		['name', 'Orders!', 'must be a crate name'],
		['memory', '64', '64 must be a whole number from 128 to 10240 MB'],
		['memory', 'lots', 'A whole number is needed, and "lots" is not one'],
		['timeout', '901', 'from 1 to 900 s'],
		['regions', 'us-east1', 'did you mean us-east-1?'],
		['alias', '123', 'not all digits'],
	])('keeps %s on screen with the rule when given %j', (id, value, message) => {
		const flow = until(start(), id);
		const refused = submit(flow, value);
		expect(currentStep(refused)!.id).toBe(id);
		expect(refused.error).toContain(message);
	});

	it('asks the batch size before the window, and offers a 1 s window for a batch over 10', () => {
		let flow = until(start({config: {project: {name: 'orders', trigger: 'sqs'}}, directory: './orders'}, ['project.name', 'project.trigger', 'directory']), 'sqs-batch');

		flow = submit(flow, '100');
		expect(flow.error).toBeUndefined();
		const window = currentStep(flow)!;
		expect(window.id).toBe('sqs-window');
		expect(window.kind === 'text' && window.initial(flow.answers)).toBe('1');
		// Set back to 0 by hand, the rule is said on the summary.
		flow = walk(submit(flow, '0'), {}).flow;
		expect(summaryProblems(flow).join('\n')).toContain('100 needs sqs.batching_window_seconds >= 1');
	});

	it('refuses a folder the caller reports as taken', () => {
		const flow = until(start({config: {}}, [], directory => (directory === './orders' ? 'orders exists and is not empty' : undefined)), 'directory');
		expect(submit(flow, './orders').error).toBe('orders exists and is not empty');
		expect(submit(flow, './elsewhere').error).toBeUndefined();
	});

	it('goes back one question at a time, keeping the answers', () => {
		let flow = submit(until(start(), 'directory'), './elsewhere');
		expect(currentStep(flow)!.id).toBe('http-auth');
		flow = back(flow);
		expect(currentStep(flow)!.id).toBe('directory');
		expect(currentStep(flow)!.kind === 'text' && currentStep(flow)!.initial(flow.answers)).toBe('./elsewhere');
		flow = back(flow);
		expect(currentStep(flow)!.id).toBe('pace');
		flow = back(back(flow));
		expect(currentStep(flow)!.id).toBe('http-endpoint');
		while (!atStart(flow)) {
			flow = back(flow);
		}

		expect(currentStep(flow)!.id).toBe('name');
	});

	it('drops the answers of questions that no longer apply when an earlier answer changes', () => {
		let flow = walk(start(), {name: 'orders', trigger: 'http', 'http-endpoint': 'http-api'}).flow;
		expect(flow.answers.config['http']).toEqual({endpoint: 'http-api', auth: 'none'});
		while (currentStep(flow)?.id !== 'trigger') {
			flow = back(flow);
		}

		flow = walk(submit(flow, 'sns'), {}).flow;
		expect(flow.answers.config['http']).toBeUndefined();
		expect(summaryProblems(flow)).toEqual([]);
	});

	it('drops the batching window when the queue turns out to be FIFO', () => {
		let flow = walk(start(), {name: 'orders', trigger: 'sqs', 'sqs-window': '5'}).flow;
		while (currentStep(flow)?.id !== 'sqs-fifo') {
			flow = back(flow);
		}

		flow = walk(submit(flow, 'yes'), {}).flow;
		expect(flow.answers.config['sqs']).toEqual({fifo: true, batch_size: 10});
		expect(summaryProblems(flow)).toEqual([]);
	});

	it('shows a contradiction between a flag and an answer on the summary instead of failing later', () => {
		const flow = walk(start({config: {extension: {internal: true}}}, ['extension.internal']), {name: 'x', kind: 'extension'}).flow;
		expect(flow.current).toBe('summary');
		expect(summaryProblems(flow)).toEqual([expect.stringContaining('extension.internal: must be false when project.kind is "extension"')]);
	});

	it.each([
		['an HTTP function', {name: 'orders'}, '[project]\nname = "orders"\ntrigger = "http"'],
		['an SQS function', {name: 'orders', trigger: 'sqs'}, '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]'],
		['an extension', {name: 'shipper', kind: 'extension'}, '[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "events"'],
		[
			'a function with its extension in an image',
			{name: 'orders', kind: 'function+extension', packaging: 'image'},
			'[project]\nname = "orders"\nkind = "function+extension"\ntrigger = "http"\npackaging = "image"\n[extension]\nkind = "events"',
		],
	])('offers the config\'s own defaults: %s answered with Enter is the project a rust-lambda.toml without those keys describes', (_what, answers, toml) => {
		const {flow} = walk(start(), answers);
		// The wizard suggests a region where the config has none.
		expect(toSpec(flow.answers)).toEqual(loadSpec({file: 'rust-lambda.toml', text: `${toml}\n[deploy]\nregions = ["us-east-1"]\n`}));
	});

	it('does not ask what flags already answered', () => {
		const {asked} = walk(start({config: {project: {name: 'orders', trigger: 'json'}, function: {memory: 512}}, directory: 'x'}, ['project.name', 'directory', 'project.trigger', 'function.memory']), {});
		expect(asked).not.toContain('name');
		expect(asked).not.toContain('trigger');
		expect(asked).not.toContain('memory');
		expect(asked).toContain('timeout');
	});
});

describe('the trigger\'s source questions', () => {
	const base = {name: 'orders'};
	const stepOf = (id: string) => steps.find(step => step.id === id)!;

	it.each([
		['http', {'http-cors': 'https://example.com, https://app.example.com'}, ['http-endpoint', 'http-auth', 'http-cors'], {http: {endpoint: 'function-url', auth: 'none', cors_allow_origins: ['https://example.com', 'https://app.example.com']}}],
		['sns', {'sns-topic': 'arn:aws:sns:{region}:{account}:orders', 'sns-filter': '{"kind": ["order"]}'}, ['sns-topic', 'sns-filter'], {sns: {topic_arn: 'arn:aws:sns:{region}:{account}:orders', filter_policy: '{"kind": ["order"]}'}}],
		['s3', {'s3-bucket': 'my-uploads', 's3-events': 's3:ObjectCreated:*, s3:ObjectRemoved:Delete', 's3-prefix': 'in/', 's3-suffix': '.jpg'}, ['s3-bucket', 's3-events', 's3-prefix', 's3-suffix'], {s3: {bucket: 'my-uploads', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'], prefix: 'in/', suffix: '.jpg'}}],
		['schedule', {'schedule-expression': 'cron(0 12 * * ? *)', 'schedule-timezone': 'Europe/Berlin', 'schedule-input': '{"job": "nightly"}'}, ['schedule-expression', 'schedule-timezone', 'schedule-input'], {schedule: {expression: 'cron(0 12 * * ? *)', timezone: 'Europe/Berlin', input: '{"job": "nightly"}'}}],
		['dynamodb', {'dynamodb-table': 'orders', 'dynamodb-position': 'TRIM_HORIZON'}, ['dynamodb-table', 'dynamodb-position'], {dynamodb: {table: 'orders', starting_position: 'TRIM_HORIZON'}}],
		['kinesis', {'kinesis-stream': 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks'}, ['kinesis-stream', 'kinesis-position'], {kinesis: {stream_arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks', starting_position: 'LATEST'}}],
	] as const)('%s: asks for its source right after the trigger, its other settings with the other questions, and only for it', (trigger, answers, expected, config) => {
		const {asked, flow} = walk(start(), {...base, trigger, ...answers});
		expect(asked[asked.indexOf('trigger') + 1]).toBe(expected[0]);
		expect(asked.filter(id => id.startsWith(`${trigger}-`))).toEqual(expected.filter(id => id.startsWith(`${trigger}-`)));
		expect(asked).toEqual(expect.arrayContaining([...expected]));
		const sourceIds = ['http-cors', 'sns-topic', 's3-bucket', 'schedule-expression', 'dynamodb-table', 'kinesis-stream'];
		expect(asked.filter(id => sourceIds.includes(id))).toHaveLength(1);
		expect(flow.answers.config).toMatchObject(config);
		expect(summaryProblems(flow)).toEqual([]);
	});

	it.each(['sns', 's3', 'schedule', 'dynamodb', 'kinesis'])('%s: every optional source question answered with Enter leaves its key out, and the project loads', trigger => {
		const {flow} = walk(start(), {...base, trigger});
		const section = flow.answers.config[trigger] ?? {};
		expect(Object.keys(section).filter(key => !['events', 'starting_position'].includes(key))).toEqual([]);
		expect(summaryProblems(flow)).toEqual([]);
		expect(toSpec(flow.answers)[trigger as 'sns']).toBeDefined();
	});

	it.each([
		['sns', 'sns-topic', 'arn:aws:sqs:us-east-1:123456789012:orders', 'must be an SNS topic ARN'],
		['sns', 'sns-filter', '{kind: order}', 'must be JSON text of an object'],
		['s3', 's3-bucket', 'My_Bucket', 'must be an S3 bucket name'],
		['s3', 's3-events', 's3:ObjectCreated:Putt', 'did you mean s3:ObjectCreated:Put?'],
		['schedule', 'schedule-expression', 'rate(1 minutes)', 'must say rate(1 minute)'],
		['schedule', 'schedule-expression', 'cron(0 12 * * *)', 'must have 6 fields'],
		['schedule', 'schedule-timezone', 'Europe/Berlinn', 'must be an IANA time zone'],
		['dynamodb', 'dynamodb-table', 'ab', 'must be a DynamoDB table name'],
		['kinesis', 'kinesis-stream', 'arn:aws:kinesis:us-east-1:123456789012:clicks', 'must be a Kinesis stream ARN'],
		['http', 'http-cors', 'example.com', 'must be * or an origin'],
	])('%s: %s refuses %j with the loader\'s rule, on Enter and as typed', (trigger, id, value, message) => {
		const flow = until(start({config: {project: {name: 'orders', trigger}}, directory: './orders'}, ['project.name', 'project.trigger', 'directory']), id);

		const refused = submit(flow, value);
		expect(currentStep(refused)!.id).toBe(id);
		expect(refused.error).toContain(message);
		const step = currentStep(flow)!;
		expect(step.kind === 'text' && step.preview?.(flow.answers, value)).toEqual({tone: 'bad', text: refused.error});
	});

	it('previews a schedule in plain words as it is typed', () => {
		const step = stepOf('schedule-expression');
		const answers = {config: {project: {name: 'orders', trigger: 'schedule'}}};
		const preview = step.kind === 'text' ? step.preview! : () => undefined;
		expect(preview(answers, 'rate(5 minutes)')).toEqual({tone: 'good', text: 'every 5 minutes'});
		expect(preview(answers, 'rate(1 hour)')).toEqual({tone: 'good', text: 'every hour'});
		expect(preview(answers, 'cron(30 9 * * ? *)')).toEqual({tone: 'good', text: 'at 09:30 on the days the cron fields say'});
		expect(preview(answers, 'rate(5 minute')).toMatchObject({tone: 'bad'});
		expect(preview(answers, '')).toBeUndefined();
		expect(step.show({config: {schedule: {expression: 'rate(5 minutes)'}}})).toBe('rate(5 minutes) (every 5 minutes)');
	});

	it('drops the old trigger\'s source when the trigger changes, and keeps none of it', () => {
		let flow = walk(start(), {...base, trigger: 's3', 's3-bucket': 'my-uploads', 's3-prefix': 'in/'}).flow;
		expect(flow.answers.config['s3']).toMatchObject({bucket: 'my-uploads', prefix: 'in/'});
		while (currentStep(flow)?.id !== 'trigger') {
			flow = back(flow);
		}

		flow = walk(submit(flow, 'kinesis'), {'kinesis-position': 'TRIM_HORIZON'}).flow;
		expect(flow.answers.config['s3']).toBeUndefined();
		expect(flow.answers.config['kinesis']).toEqual({starting_position: 'TRIM_HORIZON'});
		expect(summaryProblems(flow)).toEqual([]);
	});

	it('drops CORS origins when the trigger stops being HTTP', () => {
		let flow = walk(start(), {...base, trigger: 'http', 'http-cors': '*'}).flow;
		while (currentStep(flow)?.id !== 'trigger') {
			flow = back(flow);
		}

		flow = walk(submit(flow, 'sns'), {}).flow;
		expect(flow.answers.config['http']).toBeUndefined();
		expect(summaryProblems(flow)).toEqual([]);
	});
});

describe('the fast path and the summary', () => {
	/** Enter on everything after the name: the ids asked. */
	function enterThrough(flow: Flow, name = 'orders'): {flow: Flow; asked: string[]} {
		const asked: string[] = [];
		while (flow.current !== 'summary') {
			const step = currentStep(flow)!;
			asked.push(step.id);
			flow = submit(flow, step.id === 'name' ? name : step.initial(flow.answers));
			expect(flow.error, step.id).toBeUndefined();
		}

		return {flow, asked};
	}

	it.each([
		['http', ['name', 'kind', 'trigger', 'http-endpoint', 'packaging', 'pace']],
		['sqs', ['name', 'kind', 'trigger', 'sqs-queue', 'packaging', 'pace']],
		['s3', ['name', 'kind', 'trigger', 's3-bucket', 'packaging', 'pace']],
	])('%s: asks only the essential questions, then takes the defaults: the same project as Enter on every question', (trigger, expected) => {
		const fast = enterThrough(start({config: {project: {trigger}}}, ['project.trigger']));
		expect(fast.asked).toEqual(expected.filter(id => id !== 'trigger'));
		const slow = walk(start({config: {project: {trigger}}}, ['project.trigger']), {name: 'orders'});
		expect(fast.flow.answers).toEqual(slow.flow.answers);
		expect(summaryProblems(fast.flow)).toEqual([]);
	});

	it('asks a question whose default does not hold, with the reason, then takes the rest', () => {
		const flow = until(start({config: {}}, [], directory => (directory === './orders' ? 'orders exists and is not empty' : undefined)), 'pace');
		const stopped = submit(flow, 'defaults');
		expect(currentStep(stopped)!.id).toBe('directory');
		expect(stopped.error).toBe('orders exists and is not empty');
		const done = submit(stopped, './orders-2');
		expect(done.current).toBe('summary');
		expect(done.answers.config['function']).toEqual({memory: 128, timeout: 3});
	});

	it('shows every answer that applies as a row with a short label, its value and unit', () => {
		const {flow} = enterThrough(start());
		const {rows, problems} = summary(flow);
		expect(problems).toEqual([]);
		const byLabel = Object.fromEntries(rows.map(row => [row.label, row.text]));
		expect(byLabel).toMatchObject({Name: 'orders', Folder: './orders', Trigger: 'HTTP requests', Memory: '128 MB', Timeout: '3 s', Regions: 'us-east-1', Alias: 'live'});
		expect(rows.every(row => row.label.length <= 16)).toBe(true);
		expect(rows.map(row => row.label)).not.toContain('Queue');
	});

	it('changes one answer from the summary and comes back to it, asking only what the change makes needed', () => {
		let {flow} = enterThrough(start());
		const trigger = summary(flow).rows.find(row => row.label === 'Trigger')!;
		flow = submit(edit(flow, trigger.index), 'sqs');
		// The queue is essential, so it is asked; the batch settings take their defaults.
		expect(currentStep(flow)!.id).toBe('sqs-queue');
		flow = submit(flow, 'arn:aws:sqs:{region}:{account}:orders');
		expect(flow.current).toBe('summary');
		expect(flow.answers.config['sqs']).toEqual({queue_arn: 'arn:aws:sqs:{region}:{account}:orders', batch_size: 10, batching_window_seconds: 0});
		expect(flow.answers.config['http']).toBeUndefined();
		expect(flow.log.map(line => line.text).slice(-2)).toEqual(['SQS messages', 'arn:aws:sqs:{region}:{account}:orders']);

		// Esc on a step opened from the summary goes back to it, changing nothing.
		const memory = summary(flow).rows.find(row => row.label === 'Memory')!;
		const opened = edit(flow, memory.index);
		expect(currentStep(opened)!.id).toBe('memory');
		expect(back(opened)).toMatchObject({current: 'summary', answers: flow.answers});
	});

	it('asks each newly needed question after a change from the summary when the person chose to be asked', () => {
		let {flow} = walk(start(), {name: 'orders'});
		flow = submit(edit(flow, summary(flow).rows.find(row => row.label === 'Trigger')!.index), 'sqs');
		const asked: string[] = [];
		while (flow.current !== 'summary') {
			asked.push(currentStep(flow)!.id);
			flow = submit(flow, currentStep(flow)!.initial(flow.answers));
		}

		expect(asked).toEqual(['sqs-queue', 'sqs-fifo', 'sqs-batch', 'sqs-window']);
	});

	it('marks the row whose answer is wrong', () => {
		const flow = walk(start({config: {extension: {internal: true}}}, ['extension.internal']), {name: 'x', kind: 'function+extension'}).flow;
		const {rows} = summary(flow);
		expect(rows.filter(row => row.problem).map(row => row.label)).toEqual([]);
		const contradiction = walk(start({config: {extension: {internal: true}}}, ['extension.internal']), {name: 'x', kind: 'extension'}).flow;
		expect([...summary(contradiction).rows.filter(row => row.problem).map(row => row.label), ...summary(contradiction).problems]).toEqual([expect.stringContaining('must be false when project.kind is "extension"')]);
	});

	it('is at its start only on the first question', () => {
		const flow = start();
		expect(atStart(flow)).toBe(true);
		expect(atStart(submit(flow, 'orders'))).toBe(false);
	});
});

describe('checking as typed', () => {
	/** A wrong answer for every text question, and (part of) what it is told. */
	const wrong: Record<string, [string, string]> = {
		name: ['Orders!', 'crate name'],
		directory: ['./taken', 'taken is not empty'],
		'http-cors': ['example.com', 'must be * or an origin'],
		'sqs-queue': ['arn:aws:sns:us-east-1:123456789012:orders', 'SQS queue ARN'],
		'sns-topic': ['arn:aws:sqs:us-east-1:123456789012:orders', 'SNS topic ARN'],
		'sns-filter': ['{kind', 'JSON'],
		's3-bucket': ['My_Bucket', 'S3 bucket name'],
		's3-events': ['s3:ObjectCreated:Putt', 'did you mean'],
		's3-prefix': ['x'.repeat(1100), 'at most'],
		's3-suffix': ['x'.repeat(1100), 'at most'],
		'schedule-expression': ['rate(1 minutes)', 'rate(1 minute)'],
		'schedule-timezone': ['Europe/Berlinn', 'IANA'],
		'schedule-input': ['[1]', 'object'],
		'dynamodb-table': ['ab', 'table name'],
		'kinesis-stream': ['arn:aws:kinesis:us-east-1:123456789012:clicks', 'stream ARN'],
		memory: ['64', 'from 128 to 10240'],
		timeout: ['lots', 'whole number'],
		'sqs-window': ['301', 'from 0 to 300'],
		'sqs-batch': ['0', 'from 1'],
		'vpc-subnets': ['subnet-0abc1234, vpc-1', 'subnet'],
		'vpc-security-groups': ['sg-0abc1234, x', 'security group'],
		concurrency: ['-1', 'from 0'],
		'async-retries': ['3', 'from 0 to 2'],
		'async-age': ['10', 'from 60'],
		'async-success': ['arn:aws:s3:::bucket', 'destination'],
		'async-failure': ['https://example.com', 'ARN'],
		regions: ['us-easst-1', 'did you mean us-east-1?'],
		alias: ['123', 'not all digits'],
	};
	const config: Answers['config'] = {
		project: {name: 'orders'},
		vpc: {subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234']},
		async: {},
	};

	it('has a wrong answer in this table for every text question', () => {
		expect(steps.filter(step => step.kind === 'text').map(step => step.id).sort()).toEqual(Object.keys(wrong).sort());
	});

	it.each(Object.entries(wrong))('%s: says what is wrong while it is typed, before Enter', (id, [text, message]) => {
		const step = steps.find(each => each.id === id)!;
		const trigger = /^(sqs|sns|s3|schedule|dynamodb|kinesis)-/.exec(id)?.[1] ?? (id === 'http-cors' ? 'http' : 'sns');
		const flow = start({config: {...config, project: {name: 'orders', trigger}}}, [], directory => (directory === './taken' ? 'taken is not empty' : undefined));
		expect(step.kind).toBe('text');
		const preview = step.kind === 'text' ? checkTyped(flow, step, text) : undefined;
		expect(preview?.tone, JSON.stringify(preview)).toBe('bad');
		expect(preview?.text).toContain(message);
		if (step.kind === 'text') {
			expect(checkTyped(flow, step, '')).toBeUndefined();
		}
	});
});
