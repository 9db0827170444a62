// The wizard's questions for an extension on its own, and what its answers write: a layer
// (always a ZIP), so nothing about a function, an image or a function's local files.
import {parse as parseToml} from 'smol-toml';
import {describe, expect, it} from 'vitest';
import {configToml} from '../source/new/config.js';
import {toSpec, type Answers} from '../source/new/questions/answers.js';
import {back, currentStep, startFlow, submit, summaryProblems, type Flow} from '../source/new/questions/flow.js';
import {steps} from '../source/new/questions/steps/index.js';

const start = (answers: Answers = {config: {}}, fixed: string[] = []) => startFlow(steps, answers, {fixedKeys: new Set(fixed)});

/** Answers each question by its id; the rest get their initial value. */
function walk(flow: Flow, answers: Record<string, string | string[]>): {flow: Flow; asked: string[]} {
	const asked: string[] = [];
	while (flow.current !== 'summary') {
		const step = currentStep(flow)!;
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
		expect(asked).toEqual(['name', 'directory', 'kind', 'extension-kind', 'architecture', 'regions']);
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
