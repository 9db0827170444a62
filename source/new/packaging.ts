// The container image: Dockerfile and .dockerignore, for packaging = "image".
//
// Image functions take no layers, so an external extension is copied into the
// image at /opt/extensions/NAME, where Lambda starts it. An extension-only
// project's image is FROM scratch: function images copy its /opt/extensions.
import type {Spec} from '../spec/schema.js';
import {architectures, imageBases, lambdaBaseImage, roles} from './catalog.js';
import {buildCommand, type Layout} from './layout.js';
import {render, type Templates} from './render.js';
import type {DescribedFile} from './types.js';

export function imageFiles(spec: Spec, shape: Layout, templates: Templates): DescribedFile[] {
	const image = spec.image;
	if (spec.project.packaging !== 'image' || image === undefined) {
		return [];
	}

	const base = imageBases[image.base];
	const multiStage = image.base === 'multi-stage';
	const {platform} = architectures[spec.project.architecture];
	const builds = shape.artifacts.map(artifact => buildCommand(spec, artifact));
	const copies = shape.artifacts.map(artifact => {
		const built = roles[artifact.role].built(artifact.bin);
		return `COPY ${multiStage ? `--from=build /build/${built}` : built} ${roles[artifact.role].inImage(artifact.bin)}`;
	});
	const hasFunction = shape.function !== undefined;
	const dockerfile = render(templates, base.template, {
		name: shape.name,
		platform,
		repository: image.repository,
		dockerfile: image.dockerfile,
		build_steps: builds.map(command => (multiStage ? `RUN ${command}` : `#   ${command}`)).join('\n'),
		runtime_image: hasFunction ? `--platform=linux/${platform} ${lambdaBaseImage}` : 'scratch',
		runtime_image_note: hasFunction
			? 'the Lambda base image for custom runtimes'
			: 'an empty image that only carries the extension',
		copies: copies.join('\n'),
		command: hasFunction
			? '# The entrypoint starts /var/runtime/bootstrap; CMD is the handler name, which a Rust runtime ignores.\nCMD ["bootstrap"]'
			: '# No CMD: function images take this extension with\n#   COPY --from=THIS_IMAGE /opt/extensions/ /opt/extensions/',
	});

	return [
		{path: image.dockerfile, content: dockerfile, what: `the container image, ${base.title}`},
		{path: '.dockerignore', content: `${base.dockerignore.join('\n')}\n`, what: 'what the image build leaves out'},
	];
}
