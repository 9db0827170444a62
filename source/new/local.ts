// Files for trying the function on this machine: SAM's template.yaml (for
// `sam local invoke`), a LocalStack integration test, and an Artillery load
// test for HTTP. An extension alone has nothing to invoke, so it gets none.
import {posix} from 'node:path';
import {architectureTargets, handler, runtime} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {buildCommand, builtPath, lambdaOutput, type Artifact, type FunctionPart, type Layout} from './layout.js';
import {render, type Templates} from './render.js';
import type {DescribedFile} from './types.js';
import {Tag, toYaml, type YamlMap} from './yaml.js';

export interface SamRelease {
	preference: YamlMap;
	resources?: YamlMap;
	notes: readonly string[];
}

export function localFiles(spec: Spec, shape: Layout, templates: Templates): DescribedFile[] {
	const fn = shape.function;
	if (!fn) {
		return [];
	}

	const files: DescribedFile[] = [];
	if (spec.local.sam) {
		files.push({path: 'template.yaml', content: samTemplate(spec, shape, fn), what: 'SAM template, for `sam local invoke`'});
	}

	if (spec.local.localstack) {
		files.push({
			path: 'tests/localstack.sh',
			content: render(templates, 'tests/localstack.sh', {
				function_bin: fn.bin,
				architecture_cases: architectureCases(),
				build_command: buildCommand(spec, functionArtifact(shape), {zip: true, archFlag: '"$flag"'}),
				function_zip: builtPath(functionArtifact(shape), true),
				runtime,
				handler,
				checks: localstackChecks(fn),
				notes: shape.extension?.internal
					? '#\n# The function registers its internal extension at start, through the Extensions\n# API: where LocalStack does not offer that API, the function fails to start there.\n'
					: '',
			}),
			executable: true,
			what: 'integration test against LocalStack',
		});
	}

	if (spec.local.artillery && spec.project.trigger === 'http') {
		files.push({
			path: 'artillery.yml',
			content: render(templates, 'artillery.yml', {
				name: shape.name,
				function_bin: fn.bin,
				endpoint_title: spec.http?.endpoint === 'http-api' ? 'HTTP API' : 'function URL',
			}),
			what: 'Artillery load test of the HTTP endpoint',
		});
	}

	return files;
}

/**
 * What to run before `sam local invoke`: the binaries for a ZIP; for an image, `sam build`, which
 * builds it from the Dockerfile, after the binaries a single-stage (lambda-base) Dockerfile copies.
 */
export function samBuildCommands(spec: Spec, shape: Layout): string[] {
	const binaries = shape.artifacts.map(artifact => buildCommand(spec, artifact));
	if (spec.project.packaging !== 'image') {
		return binaries;
	}

	return [...(spec.image?.base === 'lambda-base' ? binaries : []), 'sam build'];
}

/** `release`: the release policy of [rollout] as a DeploymentPreference (`export sam`, for CloudFormation and CodeDeploy). */
export function samTemplate(spec: Spec, shape: Layout, fn: FunctionPart, release?: SamRelease): string {
	const sam = fn.sam(spec);
	const image = spec.project.packaging === 'image' ? spec.image : undefined;
	const externalExtension = shape.extension && !shape.extension.internal ? shape.extension : undefined;
	// In an image the extension is inside it; a ZIP function takes it as a layer.
	const layer = externalExtension && !image ? externalExtension : undefined;
	const environment = spec.function.environment;

	const code: YamlMap = image
		? {PackageType: 'Image'}
		: {CodeUri: `${posix.dirname(builtPath(functionArtifact(shape)))}/`, Handler: handler, Runtime: runtime};
	const functionResource: YamlMap = {
		Type: 'AWS::Serverless::Function',
		// sam build builds the image from the Dockerfile.
		...(image ? {Metadata: {Dockerfile: image.dockerfile, DockerContext: '.', DockerTag: 'latest'}} : {}),
		Properties: {
			...code,
			Architectures: [spec.project.architecture],
			MemorySize: spec.function.memory,
			Timeout: spec.function.timeout,
			...(Object.keys(environment).length > 0 ? {Environment: {Variables: environment}} : {}),
			...(layer ? {Layers: [new Tag('!Ref', 'ExtensionLayer')]} : {}),
			// Events then invoke the alias, as deploy connects them: weighted roll-outs move all traffic.
			AutoPublishAlias: spec.deploy.alias,
			...(release ? {DeploymentPreference: release.preference} : {}),
			...sam.properties,
			...(sam.events ? {Events: sam.events} : {}),
		},
	};
	const layerResource: YamlMap | undefined = layer && {
		Type: 'AWS::Serverless::LayerVersion',
		Properties: {
			LayerName: spec.extension!.layer_name,
			// cargo lambda leaves the extension in target/lambda/extensions/, the layout a layer needs.
			ContentUri: `${lambdaOutput}/`,
			CompatibleArchitectures: [spec.project.architecture],
		},
	};

	const header = [
		`# ${shape.name}: for \`sam local invoke\` on this machine.`,
		'# rust-lambda-wizard deploys the real function from rust-lambda.toml; this template',
		'# is for local runs (and `sam deploy` if you prefer SAM).',
		`# First build: ${samBuildCommands(spec, shape).join(' && ')}`,
		...(sam.notes ?? []).map(note => `# ${note}`),
		...(release?.notes ?? []).map(note => `# ${note}`),
		'',
	].join('\n');
	return (
		header +
		toYaml({
			AWSTemplateFormatVersion: '2010-09-09',
			Transform: 'AWS::Serverless-2016-10-31',
			Description: shape.summary,
			...(sam.parameters ? {Parameters: sam.parameters} : {}),
			Resources: {Function: functionResource, ...(layerResource ? {ExtensionLayer: layerResource} : {}), ...sam.resources, ...release?.resources},
		})
	);
}

/** A shell `case` on `uname -m`: this machine's Lambda architecture in $arch, cargo lambda's flag for it in $flag. */
function architectureCases(): string {
	const known = Object.entries(architectureTargets).map(([name, {uname, cargoLambdaFlag}]) => `  ${uname.join(' | ')}) arch=${name} flag=${cargoLambdaFlag} ;;`);
	const names = Object.keys(architectureTargets).join(' or ');
	return [...known, `  *) echo "Lambda runs ${names}, not $(uname -m)" >&2; exit 1 ;;`].join('\n');
}

/** The function's binary: a project with local files has one. */
function functionArtifact(shape: Layout): Artifact {
	return shape.artifacts.find(artifact => artifact.role === 'function')!;
}

function localstackChecks(fn: FunctionPart): string {
	return fn.checks
		.map(({event = fn.main.file, expect}) => {
			if (expect === undefined) {
				return `invoke ${event} >/dev/null`;
			}

			if (expect.includes('\'')) {
				throw new Error(`a LocalStack check cannot contain a single quote: ${expect}`);
			}

			return `answer="$(invoke ${event})"\nexpect '${expect}' "$answer"`;
		})
		.join('\n');
}
