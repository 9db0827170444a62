// Lambda's size limits for what build made, checked before deploy tries. Pure.
import {RunError} from '../errors.js';
import {limits, MIB} from '../spec/limits.js';
import type {ZipLayout} from './build.js';

export function megabytes(bytes: number): string {
	return `${(bytes / MIB).toFixed(1)} MB`;
}

const shrink = 'Make the binary smaller ([profile.release] opt-level = "z", lto = true, codegen-units = 1, strip = true in Cargo.toml), or use packaging = "image" (up to 10 GB)';

/** Lambda's size limits for a zip, checked before deploy tries: unzipped first, since no upload route gets around it. */
export function zipSizeProblem(path: string, zipped: number, unzipped: number): RunError | undefined {
	if (unzipped > limits.unzippedBytes) {
		return new RunError(
			`${path} unzips to ${megabytes(unzipped)}; Lambda allows at most ${megabytes(limits.unzippedBytes)} unzipped (the function and its layers together).`,
			`${shrink}.`,
		);
	}

	if (zipped > limits.zipDirectUploadBytes) {
		return new RunError(
			`${path} is ${megabytes(zipped)} zipped; deploy uploads the zip directly, and Lambda takes at most ${megabytes(limits.zipDirectUploadBytes)} that way.`,
			`${shrink}.`,
		);
	}

	return undefined;
}

/**
 * A function zip and the external extension built beside it: the extension is attached to the
 * function as a layer, and Lambda's 250 MB unzipped counts the function and its layers together.
 */
export function togetherSizeProblem(zips: ReadonlyArray<{layout: ZipLayout; path: string; unzippedBytes: number}>): RunError | undefined {
	const fn = zips.find(zip => zip.layout === 'function');
	const extensions = zips.filter(zip => zip.layout === 'external-extension');
	if (fn === undefined || extensions.length === 0) {
		return undefined;
	}

	const total = [fn, ...extensions].reduce((sum, zip) => sum + zip.unzippedBytes, 0);
	if (total <= limits.unzippedBytes) {
		return undefined;
	}

	return new RunError(
		`${[fn, ...extensions].map(zip => zip.path).join(' and ')} unzip to ${megabytes(total)} together; Lambda allows at most ${megabytes(limits.unzippedBytes)} unzipped for a function and its layers (the extension is attached as one).`,
		`${shrink}.`,
	);
}

export function imageSizeProblem(tag: string, bytes: number): RunError | undefined {
	if (bytes > limits.imageBytes) {
		return new RunError(
			`Image ${tag} is ${megabytes(bytes)}; Lambda runs images of at most ${megabytes(limits.imageBytes)}.`,
			'Use a multi-stage Dockerfile that copies only the bootstrap binary onto a small base, and leave build tools out of the final stage.',
		);
	}

	return undefined;
}
