// TEMPORARY stand-in until the template generator lands: writes rust-lambda.toml only.
import {stringify} from 'smol-toml';
import type {Spec} from '../spec/schema.js';
import type {ProjectFile} from '../tools/project-writer.js';

export function projectFiles(spec: Spec): ProjectFile[] {
	const deploy = spec.deploy.regions.length > 0 ? spec.deploy : {alias: spec.deploy.alias};
	return [{path: 'rust-lambda.toml', content: stringify({...spec, deploy})}];
}
