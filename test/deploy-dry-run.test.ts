// `deploy --dry-run` before a build and without credentials: the plan is still
// shown, with what it assumed said plainly, and nothing reaches AWS.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli} from './support/cli.js';
import {makeProject, type TestProject} from './support/project.js';

let project: TestProject;

beforeEach(async () => {
	project = await makeProject();
	await project.writeConfig('[project]\nname = "orders"\n[deploy]\nregions = ["us-east-1"]\n');
});

afterEach(async () => {
	await project.remove();
});

/** No credentials anywhere: no variables, no profile files (HOME is the empty project folder). */
const noCredentials = () => ({
	HOME: project.dir,
	AWS_CONFIG_FILE: `${project.dir}/no-config`,
	AWS_SHARED_CREDENTIALS_FILE: `${project.dir}/no-credentials`,
	// An endpoint nothing listens on: were the tool to call AWS, it would fail, not reach anything.
	AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
	CARGO_TARGET_DIR: `${project.dir}/target`,
});

describe('deploy --dry-run before a build, without credentials', () => {
	it('shows the whole plan as for an empty account, and says what it assumed', async () => {
		const result = await runCli(['deploy', '--dry-run'], {cwd: project.dir, env: noCredentials()});
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('+ create  Create role orders-role');
		expect(result.stdout).toContain('+ create  Create function orders');
		expect(result.stdout).toMatch(/--zip-file fileb:\/\/\S+\/target\/lambda\/orders\/bootstrap\.zip/);
		expect(result.stdout).toContain('Dry run: nothing was changed.');
		expect(result.stderr).toContain('no AWS credentials were found, so this plan assumes nothing exists in AWS yet and <account> stands for the account');
		expect(result.stderr).toContain('bootstrap.zip is not built yet: the plan shows it as new code');
	});

	it('as JSON too, with the requests as data', async () => {
		const result = await runCli(['deploy', '--dry-run', '--json'], {cwd: project.dir, env: noCredentials()});
		expect(result.exitCode).toBe(0);
		const plan = JSON.parse(result.stdout) as {ok: boolean; roles: Array<{policy: {Statement: Array<{Sid: string}>}}>; regions: Array<{actions: Array<{request: {service: string; operation: string} | null}>}>};
		expect(plan.ok).toBe(true);
		// The policy as a document, not lines of text.
		expect(plan.roles.map(role => role.policy.Statement.map(statement => statement.Sid))).toEqual([['Logs']]);
		expect(plan.regions[0]!.actions.map(action => action.request?.operation)).toEqual(['CreateFunction', 'PublishVersion', 'CreateAlias']);
	});

	it('without --dry-run, a missing zip is still refused before any AWS call', async () => {
		const result = await runCli(['deploy', '--yes'], {cwd: project.dir, env: noCredentials()});
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('No zip at');
	});
});
