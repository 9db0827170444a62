// How to run this tool again, in the words a person would type: the "Next:"
// lines after `new` must work for how the tool was started. Pure decision
// (howToRun) apart from the few file-system looks that feed it (invokedAs).
import {existsSync, realpathSync} from 'node:fs';
import {homedir} from 'node:os';
import {delimiter, dirname, join, relative, sep} from 'node:path';

export interface Invocation {
	/** The script node ran (process.argv[1]), resolved through links. */
	script: string;
	/** npm sets npm_command=exec for npx (and `npm exec`). */
	viaNpx: boolean;
	/** The first `rust-lambda-wizard` on PATH resolves to the same script. */
	onPath: boolean;
	/** The script lives in a checkout of this repository, not in an installed package. */
	inCheckout: boolean;
}

/** The words that start the tool again: the command name, npx, or node with the script's path. */
export function howToRun(invocation: Invocation, cwd: string, home: string = homedir()): string {
	if (invocation.onPath) {
		return 'rust-lambda-wizard';
	}

	if (invocation.viaNpx && !invocation.inCheckout) {
		return 'npx rust-lambda-wizard@latest';
	}

	return `node ${showPath(invocation.script, cwd, home)}`;
}

/** A path as a person reads it: relative below the current folder, ~/… below home, else absolute. */
export function showPath(path: string, cwd: string, home: string = homedir()): string {
	const fromHere = relative(cwd, path);
	if (fromHere === '') {
		return '.';
	}

	if (!fromHere.startsWith('..')) {
		return fromHere;
	}

	const fromHome = relative(home, path);
	return fromHome.startsWith('..') || fromHome === '' ? path : `~${sep}${fromHome}`;
}

const resolved = (path: string) => {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
};

/** What this process can tell about how it was started. */
export function invokedAs(argv1: string, env: NodeJS.ProcessEnv): Invocation {
	const script = resolved(argv1);
	const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean).some(folder => {
		const candidate = join(folder, 'rust-lambda-wizard');
		return existsSync(candidate) && resolved(candidate) === script;
	});
	// bin/ beside the repository's own .git: a clone someone runs from.
	const inCheckout = existsSync(join(dirname(dirname(script)), '.git'));
	return {script, viaNpx: env['npm_command'] === 'exec', onPath, inCheckout};
}
