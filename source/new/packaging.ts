// The container image: Dockerfile and .dockerignore, for packaging = "image".
//
// Image functions take no layers, so an external extension is copied into the
// image at /opt/extensions/NAME, where Lambda starts it. An extension on its
// own is a layer, never an image (the config loader and layout() refuse one).
import {architectureTargets} from '../spec/limits.js';
import type {Spec} from '../spec/schema.js';
import {imageBases, lambdaBaseImage, roles} from './catalog.js';
import {buildCommand, builtPath, type Layout} from './layout.js';
import {render, type Templates} from './render.js';
import type {DescribedFile} from './types.js';

export function imageFiles(spec: Spec, shape: Layout, templates: Templates): DescribedFile[] {
	const image = spec.image;
	if (spec.project.packaging !== 'image' || image === undefined || shape.function === undefined) {
		return [];
	}

	const base = imageBases[image.base];
	const multiStage = image.base === 'multi-stage';
	const platform = architectureTargets[spec.project.architecture].container;
	// TARGETARCH (set by `build --platform`) picks the architecture, so one file serves both; the project's is the fallback.
	const targetArch = `\${TARGETARCH:-${platform}}`;
	const builds = multiStage
		? [buildsFor(spec, shape, targetArch)]
		: shape.artifacts.map(artifact => `#   ${buildCommand(spec, artifact)}`);
	const [otherName, other] = Object.entries(architectureTargets).find(([name]) => name !== spec.project.architecture)!;
	const copies = shape.artifacts.map(artifact => {
		const built = builtPath(artifact);
		return `COPY ${multiStage ? `--from=build /build/${built}` : built} ${roles[artifact.role].inImage(artifact.bin)}`;
	});
	const dockerfile = render(templates, base.template, {
		name: shape.name,
		platform,
		repository: image.repository,
		dockerfile: image.dockerfile,
		build_steps: builds.join('\n'),
		other_architecture: `For ${otherName}: ${other.cargoLambdaFlag} and --platform ${other.platform}`,
		runtime_image: `--platform=linux/${targetArch} ${lambdaBaseImage}`,
		copies: copies.join('\n'),
	});

	return [
		{path: image.dockerfile, content: dockerfile, what: `the container image, ${base.title}`},
		{path: '.dockerignore', content: `${base.dockerignore.join('\n')}\n`, what: 'what the image build leaves out'},
	];
}

/** One RUN that maps TARGETARCH to cargo lambda's flag (from the architectures table), then builds every binary with it. */
function buildsFor(spec: Spec, shape: Layout, targetArch: string): string {
	const cases = Object.values(architectureTargets).map(({container, cargoLambdaFlag}) => `      ${container}) arch=${cargoLambdaFlag} ;; \\`);
	const platforms = Object.values(architectureTargets).map(({platform}) => platform).join(' or ');
	return [
		`RUN case "${targetArch}" in \\`,
		...cases,
		`      *) echo "Lambda runs ${platforms} images, not linux/$TARGETARCH" >&2; exit 1 ;; \\`,
		'    esac \\',
		...shape.artifacts.map((artifact, index) => ` && ${buildCommand(spec, artifact, {archFlag: '"$arch"'})}${index < shape.artifacts.length - 1 ? ' \\' : ''}`),
	].join('\n');
}
