// What a function zip must hold for Lambda to run it, checked before deploy
// uploads it: `bootstrap` at the root, executable, built for the function's
// architecture. Pure: the zip's listing and the bootstrap's first bytes in.
import {RunError} from '../errors.js';
import {architectureTargets, runtime, type Architecture} from '../spec/limits.js';
import {cargoLambdaBuildCommand} from './build.js';
import type {ZipListing} from '../tools/zip.js';

const elfMachines = new Map<number, string>(Object.entries(architectureTargets).map(([name, {elfMachine}]) => [elfMachine, name]));

/** The architecture an ELF executable was built for, or undefined when it is no ELF file we know. */
export function elfArchitecture(head: Uint8Array): string | undefined {
	const isElf = head.length >= 20 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
	return isElf ? elfMachines.get(head[18]! | (head[19]! << 8)) : undefined;
}

export function functionZipProblem(path: string, entries: readonly ZipListing[], bootstrapHead: Uint8Array | undefined, architecture: Architecture): RunError | undefined {
	const bootstrap = entries.find(entry => entry.name === 'bootstrap');
	if (bootstrap === undefined) {
		const nested = entries.find(entry => entry.name.endsWith('/bootstrap'));
		return new RunError(
			`${path} has no \`bootstrap\` at its root${nested ? ` (it has ${nested.name})` : ''}: Lambda's ${runtime} runtime starts /var/task/bootstrap.`,
			`Build it with \`rust-lambda-wizard build\` (or \`${cargoLambdaBuildCommand({layout: 'function', architecture, zip: true})}\`), which puts the binary there.`,
		);
	}

	if ((bootstrap.mode & 0o111) === 0 && bootstrap.mode !== 0) {
		return new RunError(`${path}: bootstrap is not executable (mode ${bootstrap.mode.toString(8)}), so Lambda cannot start it.`, 'Zip it with the executable bit set (chmod 755 bootstrap), or build with `rust-lambda-wizard build`.');
	}

	const built = bootstrapHead && elfArchitecture(bootstrapHead);
	if (built !== undefined && built !== architecture) {
		return new RunError(
			`${path}: bootstrap is built for ${built}, but project.architecture is ${architecture}; Lambda would fail to start it.`,
			`Set architecture = "${built}" under [project] in rust-lambda.toml, or rebuild for ${architecture} with \`rust-lambda-wizard build\`.`,
		);
	}

	return undefined;
}
