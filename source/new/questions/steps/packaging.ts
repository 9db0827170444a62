// ZIP or container image, and the machine it runs on.
import {defaults} from '../../../spec/defaults.js';
import {architectures, extensionAloneIsZip, limits, MIB, type Architecture} from '../../../spec/limits.js';
import {get} from '../answers.js';
import {numberStep, selectStep} from '../kinds.js';
import type {Choice} from '../step.js';
import {buildsFunction, noFunction} from './project.js';

export const packaging = selectStep({
	id: 'packaging',
	label: 'Packaging',
	title: 'How is it packaged?',
	key: 'project.packaging',
	fallback: defaults.project.packaging,
	// An extension alone is a layer, and a layer is a ZIP archive: there is nothing to choose.
	when: buildsFunction,
	whyNot: answers => (buildsFunction(answers) ? undefined : extensionAloneIsZip),
	note: () => [
		`ZIP: up to ${limits.unzippedBytes / MIB} MB unzipped including layers — plenty for a Rust binary. Layers are for shared`,
		'extensions and tools, not Rust dependencies: those are compiled into the binary.',
		`Image: up to ${limits.imageBytes / 1024 / MIB} GB, but an image function takes no layers: extensions go in /opt/extensions.`,
	].join(' '),
	choices: [
		{value: 'zip', label: 'ZIP archive', hint: 'fastest cold starts, simplest'},
		{value: 'image', label: 'Container image', hint: 'when you need system libraries or big assets'},
	],
});

export const imageBase = selectStep({
	id: 'image-base',
	label: 'Dockerfile',
	title: 'Which Dockerfile?',
	key: 'image.base',
	fallback: defaults.image.base,
	when: answers => get(answers, 'project.packaging') === 'image',
	choices: [
		{value: 'multi-stage', label: 'Multi-stage', hint: 'builds inside Docker, runs on the Lambda base image'},
		{value: 'lambda-base', label: 'Single stage on the Lambda base image', hint: 'copies a binary built on your machine'},
	],
});

/** What the wizard says of each of Lambda's architectures (the table in spec/limits.ts), in its order. */
const aboutArchitecture: Record<Architecture, {also?: string; hint?: string}> = {
	arm64: {also: 'Graviton', hint: 'cheaper per millisecond'},
	x86_64: {},
};

function architectureChoice(value: Architecture): Choice {
	const {also, hint} = aboutArchitecture[value];
	const hints = [hint, value === defaults.project.architecture ? 'the default' : undefined].filter(Boolean);
	return {value, label: also ? `${value} (${also})` : value, ...(hints.length > 0 ? {hint: hints.join(', ')} : {})};
}

export const architecture = selectStep({
	id: 'architecture',
	label: 'Architecture',
	title: 'Processor architecture',
	key: 'project.architecture',
	fallback: defaults.project.architecture,
	choices: architectures.map(architectureChoice),
});

export const memory = numberStep({
	id: 'memory',
	label: 'Memory',
	title: `Memory in MB (${limits.memoryMb.min}–${limits.memoryMb.max})`,
	key: 'function.memory',
	unit: 'MB',
	fallback: () => defaults.function.memory,
	when: buildsFunction,
	whyNot: noFunction('memory is set on each function that uses the layer'),
	note: () => 'CPU grows with memory; Rust functions often do well at 128–512 MB.',
});

export const timeout = numberStep({
	id: 'timeout',
	label: 'Timeout',
	title: `Timeout in seconds (${limits.timeoutSeconds.min}–${limits.timeoutSeconds.max})`,
	key: 'function.timeout',
	unit: 's',
	fallback: () => defaults.function.timeout,
	when: buildsFunction,
	whyNot: noFunction('the timeout is set on each function that uses the layer'),
});
