// The wizard's questions for an extension on its own, and what its answers write: a layer
// (always a ZIP), so nothing about a function, an image or a function's local files. And
// answers the config loader refuses are refused at their question (IDs twice, empty ARNs).
import {parse as parseToml} from 'smol-toml';
import {describe, expect, it} from 'vitest';
import {configToml} from '../source/new/config.js';
import {toSpec, type Answers} from '../source/new/questions/answers.js';
import {back, currentStep, startFlow, submit, type Flow} from '../source/new/questions/flow.js';
import {summaryProblems} from '../source/new/questions/summary.js';
import {steps} from '../source/new/questions/steps/index.js';

const start = (answers: Answers = {config: {}}, fixed: string[] = []) => startFlow(steps, answers, {fixedKeys: new Set(fixed)});

/** Answers each question by its id; the rest get their initial value. Every question is asked (not the defaults for the rest). */
function walk(flow: Flow, answers: Record<string, string | string[]>): {flow: Flow; asked: string[]} {
	const asked: string[] = [];
	while (flow.current !== 'summary') {
		const step = currentStep(flow)!;
		if (step.id === 'pace') {
			flow = submit(flow, 'each');
			continue;
		}

		asked.push(step.id);
		const next = submit(flow, answers[step.id] ?? step.initial(flow.answers));
		if (next.error) {
			throw new Error(`${step.id}: ${next.error}`);
		}

		flow = next;
	}

	return {flow, asked};
}

const written = (flow: Flow) => parseToml(configToml(toSpec(flow.answers))) as Record<string, Record<string, unknown>>;

describe('an extension on its own', () => {
	it('is asked nothing a layer does not have: packaging, memory, timeout, alias, roll-out, local files', () => {
		const {asked, flow} = walk(start(), {name: 'shipper', kind: 'extension', 'extension-kind': 'logs'});
		expect(asked).toEqual(['name', 'kind', 'extension-kind', 'directory', 'architecture', 'regions']);
		const toml = written(flow);
		expect(toml).toEqual({
			project: {name: 'shipper', kind: 'extension', architecture: 'arm64'},
			extension: {name: 'shipper', kind: 'logs', internal: false, layer_name: 'shipper'},
			deploy: {regions: ['us-east-1']},
		});
	});

	it('drops a function\'s answers, an image among them, when the kind changes to extension', () => {
		let {flow} = walk(start(), {name: 'orders', kind: 'function', trigger: 'json', packaging: 'image', 'image-base': 'lambda-base', memory: '512', alias: 'prod', strategy: 'canary'});
		expect(toSpec(flow.answers).project.packaging).toBe('image');
		while (currentStep(flow)?.id !== 'kind') {
			flow = back(flow);
		}

		flow = walk(submit(flow, 'extension'), {}).flow;
		expect(summaryProblems(flow)).toEqual([]);
		const toml = written(flow);
		expect(toml['project']).toEqual({name: 'orders', kind: 'extension', architecture: 'arm64'});
		expect(Object.keys(toml)).toEqual(['project', 'extension', 'deploy']);
	});

	it('an image given as a flag for an extension chosen in the wizard is shown on the summary with the reason', () => {
		const {flow, asked} = walk(start({config: {project: {packaging: 'image'}}}, ['project.packaging']), {name: 'shipper', kind: 'extension'});
		expect(asked).not.toContain('packaging');
		expect(summaryProblems(flow)).toEqual([
			'project.packaging: must be "zip" when project.kind is "extension": an extension on its own is published as a layer, and layers are ZIP archives; '
			+ 'an image function carries its extensions in /opt/extensions instead (kind function+extension with packaging image builds both)',
		]);
	});
});

describe('answers refused at their question, with the loader\'s words', () => {
	/** The flow at the question with this id, after the answers given before it. */
	function at(id: string, answers: Record<string, string>): Flow {
		let flow = start();
		while (currentStep(flow)?.id !== id) {
			const step = currentStep(flow)!;
			flow = submit(flow, step.id === 'pace' ? 'each' : answers[step.id] ?? step.initial(flow.answers));
			expect(flow.error, step.id).toBeUndefined();
		}

		return flow;
	}

	const vpc = {name: 'orders', trigger: 'sns', vpc: 'yes', 'vpc-subnets': 'subnet-0abc1234'};

	it.each([
		['vpc-subnets', 'subnet-0abc1234, subnet-0abc1234', 'must not list a subnet twice: "subnet-0abc1234" is there more than once; list each once'],
		['vpc-security-groups', 'sg-0abc1234 sg-0abc1234', 'must not list a security group twice: "sg-0abc1234" is there more than once; list each once'],
	])('%s: %s', (id, typed, said) => {
		const flow = at(id, vpc);
		const step = currentStep(flow)!;
		expect(step.kind === 'text' ? step.preview?.(flow.answers, typed) : undefined).toEqual({tone: 'bad', text: expect.stringContaining(said) as string});
		const refused = submit(flow, typed);
		expect(refused.error).toContain(said);
		expect(currentStep(refused)?.id).toBe(id);
	});

	it.each([
		['sqs-queue', {name: 'orders', trigger: 'sqs'}, 'arn:aws:sqs:us-east-1:123456789012:', 'names no resource: it ends where the resource\'s name goes'],
		['sns-topic', {name: 'orders', trigger: 'sns'}, 'arn:aws:sns:{region}:{account}:', 'names no resource: it ends where the resource\'s name goes'],
		['kinesis-stream', {name: 'orders', trigger: 'kinesis'}, 'arn:aws:kinesis:{region}:{account}:stream/', 'names no resource: the name after "stream/" is empty'],
		['async-failure', {name: 'orders', trigger: 'sns', async: 'yes'}, 'arn:aws:lambda:{region}:{account}:function:', 'names no resource: the name after "function:" is empty'],
	])('%s refuses an ARN that names no resource', (id, answers, typed, said) => {
		const refused = submit(at(id, answers), typed);
		expect(refused.error).toContain(said);
		expect(currentStep(refused)?.id).toBe(id);
	});
});
