// `export sam`: the project's SAM template with [rollout] as a DeploymentPreference, so a
// team that moves to CloudFormation and CodeDeploy keeps the same release policy.
import {relative, resolve} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import {exportOptions, type FlagsOf} from '../cli/options.js';
import {exitCode} from '../cli/report.js';
import {RunError, UsageError} from '../errors.js';
import {layout} from '../new/layout.js';
import {samTemplate, type SamRelease} from '../new/local.js';
import {Tag} from '../new/yaml.js';
import {codeDeployPreference} from '../rollout/codedeploy.js';
import type {Spec} from '../spec/schema.js';
import {readTextIfExists, writeFileAtomic} from '../tools/files.js';
import {loadProject} from './project.js';

export async function exportTemplate({flags, positionals, terminal}: CommandContext<FlagsOf<typeof exportOptions>>): Promise<number> {
	if (positionals[0] !== 'sam') {
		throw new UsageError(positionals[0] === undefined ? 'export needs what to export: `export sam`.' : `export knows sam only, not ${positionals[0]}.`, 'export');
	}

	const {spec, dir} = await loadProject(flags, terminal.cwd, exportOptions);
	const shape = layout(spec);
	if (shape.function === undefined) {
		throw new RunError('This project is an extension: there is no function for a SAM template.');
	}

	const path = resolve(terminal.cwd, flags.output ?? resolve(dir, 'template.yaml'));
	if (!flags.force && (await readTextIfExists(path)) !== undefined) {
		throw new RunError(`${relative(terminal.cwd, path) || path} exists already.`, 'Pass --force to replace it, or --output PATH to write another file.');
	}

	const release = samRelease(spec);
	await writeFileAtomic(path, Buffer.from(samTemplate(spec, shape, shape.function, release)));
	terminal.stdout.write(`Wrote ${relative(terminal.cwd, path) || path}.\n${release.notes.map(note => `  ${note}`).join('\n')}\n`);
	return exitCode.ok;
}

function samRelease(spec: Spec): SamRelease {
	const preference = codeDeployPreference(spec.rollout);
	const alarms = spec.rollout.alarms ?? [];
	return {
		preference: {Type: preference.predefined ?? new Tag('!Ref', 'DeploymentConfig'), ...(alarms.length > 0 ? {Alarms: alarms} : {})},
		...(preference.custom ? {resources: {DeploymentConfig: {Type: 'AWS::CodeDeploy::DeploymentConfig', Properties: {ComputePlatform: 'Lambda', TrafficRoutingConfig: preference.custom}}}} : {}),
		notes: [
			`DeploymentPreference: ${preference.predefined ?? `a custom CodeDeploy configuration (DeploymentConfig, ${preference.custom!.Type})`}, for [rollout] strategy = "${spec.rollout.strategy}", steps ${spec.rollout.steps.join(', ')}, ${spec.rollout.interval_seconds} s each.`,
			...preference.notes,
			...(spec.rollout.strategy === 'all-at-once' ? [] : ['CodeDeploy rolls back on the alarms listed; max_errors and max_error_rate are checked by `rollout` only (make an alarm for them).']),
		],
	};
}
