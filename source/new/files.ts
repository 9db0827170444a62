// The generator: a Spec in, the project's files out. Pure: it reads templates
// through the Templates it is given and writes nothing (the `new` command's
// writer does, atomically).
import type {Spec} from '../spec/schema.js';
import {configToml} from './config.js';
import {layout} from './layout.js';
import {localFiles} from './local.js';
import {imageFiles} from './packaging.js';
import {readme} from './readme.js';
import {render, type Templates} from './render.js';
import {rustFiles} from './rust.js';
import type {DescribedFile, GeneratedFile} from './types.js';

export type {GeneratedFile} from './types.js';
export type {Templates} from './render.js';

/**
 * Every file of the project `spec` describes, paths relative to its folder.
 * Throws ConfigError for a Spec no project can honour (loadSpec already rejects those).
 */
export function projectFiles(spec: Spec, templates: Templates): GeneratedFile[] {
	const shape = layout(spec);
	const samples: DescribedFile[] = (shape.function?.samples ?? []).map(sample => ({
		path: sample.file,
		content: templates.read(sample.template),
		what: `sample event: ${sample.what}`,
	}));
	const files: DescribedFile[] = [
		{path: 'rust-lambda.toml', content: configToml(spec), what: 'every answer: what build and deploy do'},
		...rustFiles(spec, shape, templates),
		...samples,
		...imageFiles(spec, shape, templates),
		...localFiles(spec, shape, templates),
		{path: '.gitignore', content: render(templates, 'gitignore'), what: 'keeps build output out of git'},
	];
	files.push(readme(spec, shape, files, templates));
	return files.map(({path, content, executable}) => ({path, content, ...(executable ? {executable} : {})}));
}
