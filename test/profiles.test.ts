// A named profile that the shared config files lack is said as that, not as "no credentials".
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {missingProfile, profilesIn} from '../source/aws/profiles.js';

describe('profilesIn', () => {
	it.each([
		{kind: 'config' as const, text: '[default]\nregion = us-east-1\n[profile dev]\n[sso-session corp]\n[services local]\n[ profile  ops ]', names: ['default', 'dev', 'ops']},
		{kind: 'credentials' as const, text: '[default]\naws_access_key_id = x\n[ci]\n', names: ['default', 'ci']},
	])('$kind', ({kind, text, names}) => {
		expect(profilesIn(text, kind)).toEqual(names);
	});
});

describe('missingProfile', () => {
	let home: string;
	beforeEach(async () => {
		home = await mkdtemp(join(tmpdir(), 'rlw-profiles-'));
		await writeFile(join(home, 'config'), '[profile dev]\nregion = eu-west-1\n');
		await writeFile(join(home, 'credentials'), '[ci]\naws_access_key_id = x\n');
	});
	afterEach(async () => {
		await rm(home, {recursive: true, force: true});
	});
	const env = () => ({HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials')});

	it('passes a profile of either file, and no profile at all', async () => {
		expect(await missingProfile('dev', env())).toBeUndefined();
		expect(await missingProfile('ci', env())).toBeUndefined();
		expect(await missingProfile(undefined, env())).toBeUndefined();
	});

	it('names the profile, the files and the nearest name', async () => {
		const problem = await missingProfile('dve', env());
		expect(problem?.message).toBe('profile dve is not in ~/config or ~/credentials (did you mean dev?).');
		expect(problem?.hint).toContain('aws configure --profile dve');
	});

	it('says when AWS_PROFILE named it', async () => {
		expect((await missingProfile(undefined, {...env(), AWS_PROFILE: 'nosuch'}))?.message).toBe('profile nosuch (AWS_PROFILE) is not in ~/config or ~/credentials.');
	});

	it('finds the default files under the home folder', async () => {
		expect((await missingProfile('nosuch', {HOME: home}))?.message).toBe('profile nosuch is not in ~/.aws/config or ~/.aws/credentials.');
	});
});
