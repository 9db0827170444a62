// A named AWS profile must be in the shared config files: the SDK otherwise
// reports only "Could not load credentials from any providers", which reads as
// missing keys rather than a mistyped name. Reads the files the SDK reads.
import {homedir} from 'node:os';
import {join} from 'node:path';
import {RunError} from '../errors.js';
import {didYouMean} from '../spec/suggest.js';
import {readTextIfExists} from '../tools/files.js';

/** The profile names a config or credentials file defines: [profile x] and [default] in config, [x] in credentials. */
export function profilesIn(text: string, kind: 'config' | 'credentials'): string[] {
	return [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)].flatMap(([, header]) => {
		const words = header!.split(/\s+/);
		if (kind === 'credentials') {
			return [header!];
		}

		// Other sections of the config file ([sso-session x], [services x]) are not profiles.
		return words.length === 2 && words[0] === 'profile' ? [words[1]!] : words.length === 1 && header === 'default' ? ['default'] : [];
	});
}

/** The profile this run names (--profile, else AWS_PROFILE), when it is in neither file; undefined when it is there or none is named. */
export async function missingProfile(flagged: string | undefined, env: NodeJS.ProcessEnv): Promise<RunError | undefined> {
	const profile = flagged ?? env['AWS_PROFILE'];
	if (!profile) {
		return undefined;
	}

	const home = env['HOME'] ?? env['USERPROFILE'] ?? homedir();
	const files = {
		config: env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config'),
		credentials: env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials'),
	};
	const names = new Set<string>();
	for (const kind of ['config', 'credentials'] as const) {
		for (const name of profilesIn(await readTextIfExists(files[kind]) ?? '', kind)) {
			names.add(name);
		}
	}

	if (names.has(profile)) {
		return undefined;
	}

	const shown = (path: string) => (path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path);
	return new RunError(
		`profile ${profile}${flagged ? '' : ' (AWS_PROFILE)'} is not in ${shown(files.config)} or ${shown(files.credentials)}${didYouMean(profile, names)}.`,
		`Check the name (\`aws configure list-profiles\` lists them), or create the profile: \`aws configure --profile ${profile}\` or \`aws configure sso --profile ${profile}\`.`,
	);
}
