// The extension's kind and whether it runs in its own process.
import {defaults} from '../../../spec/defaults.js';
import {get} from '../answers.js';
import {selectStep, yesNoStep} from '../kinds.js';
import {buildsExtension} from './project.js';

export const extensionKind = selectStep({
	id: 'extension-kind',
	label: 'Extension',
	title: 'What should the extension do?',
	key: 'extension.kind',
	fallback: defaults.extension.kind,
	when: buildsExtension,
	choices: [
		{value: 'events', label: 'React to invokes and shutdown', hint: 'Extensions API: INVOKE / SHUTDOWN'},
		{value: 'logs', label: 'Process the function\'s logs', hint: 'Logs API'},
		{value: 'telemetry', label: 'Process telemetry', hint: 'Telemetry API: platform events, logs, traces'},
	],
});

export const extensionInternal = yesNoStep({
	id: 'extension-internal',
	label: 'Extension runs',
	title: 'Where does the extension run?',
	key: 'extension.internal',
	fallback: defaults.extension.internal,
	// A Rust internal extension is compiled into the function: only asked when there is one.
	when: answers => get(answers, 'project.kind') === 'function+extension',
	yes: 'Internal: inside the function\'s process',
	no: 'External: its own process, shipped as a layer',
});
