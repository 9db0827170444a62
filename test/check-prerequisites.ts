// pretest's first step: checks (and, when it may, installs) the programs the tests
// run, on this machine. Run by the pinned Node straight from TypeScript (type
// stripping), before the build. The decisions are in ./prerequisites.ts.
import {spawnSync} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {delimiter, join} from 'node:path';
import {ensurePrerequisites, type Probe} from './prerequisites.ts';

const realProbe: Probe = {
	which(command) {
		for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
			try {
				accessSync(join(dir, command), constants.X_OK);
				return join(dir, command);
			} catch {
				// Not in this folder.
			}
		}

		return undefined;
	},
	exists(path) {
		try {
			accessSync(path, constants.X_OK);
			return true;
		} catch {
			return false;
		}
	},
	succeeds: (command, args) => spawnSync(command, args, {stdio: 'ignore', timeout: 30_000}).status === 0,
};

process.exitCode = ensurePrerequisites({
	probe: realProbe,
	privilege: () => (process.getuid?.() === 0 ? 'root' : (realProbe.which('sudo') !== undefined && realProbe.succeeds('sudo', ['-n', 'true']) ? 'sudo' : 'none')),
	hasApt: realProbe.which('apt-get') !== undefined,
	run: argv => spawnSync(argv[0]!, argv.slice(1), {stdio: 'inherit'}).status ?? 1,
	log: line => {
		console.error(line);
	},
});
