// The deploy task list with a swapped Lambda adapter: which steps ran, waited,
// retried, were skipped or failed.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {explainAwsError} from '../source/aws/errors.js';
import {planRegion} from '../source/deploy/region.js';
import {resourceGrants} from '../source/deploy/registry.js';
import type {ObservedRegion} from '../source/deploy/registry.js';
import {desiredRole, planRole} from '../source/deploy/role.js';
import type {DesiredFunction, Plan} from '../source/deploy/types.js';
import type {Spec} from '../source/spec/schema.js';
import {runDeployTasks} from '../source/tasks/deploy.js';
import {loadSpec} from '../source/spec/spec.js';
import {fakeClock, fakeIam, fakeLambda, fakeSender, type FakeLambdaOptions} from './support/fake-lambda.js';
import {deployed, desired, target, targetFor} from './support/plans.js';

const planFunctionRegion = (want: DesiredFunction, observed: ObservedRegion) => planRegion(target(want), observed);
/** The role deploy wants for `spec`, with the grants its resources ask for. */
const roleOf = (spec: Spec, scope: {regions: string[]; account: string}) => desiredRole(spec, scope, resourceGrants(spec, scope));

async function run(plan: Plan, lambdas: Record<string, ReturnType<typeof fakeLambda>>, iam?: ReturnType<typeof fakeIam>, failedBefore: string[] = []) {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', chunk => {
		text += String(chunk);
	});
	const {clock, slept} = fakeClock();
	const outcome = await runDeployTasks(plan, {
		senderFor: region => fakeSender(region, {lambda: lambdas[region] ?? fakeLambda(), ...(iam ? {iam} : {})}),
		homeRegion: Object.keys(lambdas)[0] ?? 'us-east-1',
		zipFile: new Uint8Array([1]),
		clock,
		renderer: 'simple',
		stream: stream as unknown as NodeJS.WriteStream,
		explain: (error, region) => explainAwsError(error, {region}),
		failedBefore,
	});
	return {outcomes: outcome.regions, role: outcome.roles[0], text, slept};
}

const newFunctionPlan = (...regions: string[]): Plan => ({
	roles: [],
	regions: regions.map(region => planFunctionRegion(desired({region}), {versions: [], mappings: []})),
});

const writes = (calls: string[]) => calls.filter(call => call !== 'GetFunctionConfiguration');

describe('deploy tasks', () => {
	it('creates, waits, publishes and points the alias, in that order', async () => {
		const lambda = fakeLambda({settlingReads: 2});
		const {outcomes, text, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(lambda.calls).toEqual([
			'CreateFunction orders', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration',
			'PublishVersion orders', 'CreateAlias live→1',
		]);
		expect(slept).toEqual([1000, 1000]);
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '1'});
		expect(outcomes[0]!.done.create).toHaveLength(3);
		expect(text).toContain('Create function orders');
		expect(text).toContain('waiting: Pending, last update InProgress');
	});

	it('skips no-op steps and calls nothing for them', async () => {
		const lambda = fakeLambda();
		const plan: Plan = {roles: [], regions: [planFunctionRegion(desired(), deployed({aliasVersion: '2'}))]};
		const {outcomes} = await run(plan, {'us-east-1': lambda});
		expect(lambda.calls).toEqual(['UpdateAlias live→3']);
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '3'});
		expect(outcomes[0]!.done['no-op']).toEqual([
			'Code of orders unchanged', 'Configuration of orders unchanged', 'Version 3 of orders already matches',
		]);
	});

	it('names the region on every line of the simple renderer, and says a skipped step once', async () => {
		const plan: Plan = {roles: [], regions: [
			planFunctionRegion(desired(), deployed({aliasVersion: '2'})),
			planFunctionRegion(desired({region: 'eu-west-1'}), {versions: [], mappings: []}),
		]};
		const {text} = await run(plan, {'us-east-1': fakeLambda(), 'eu-west-1': fakeLambda()});
		const lines = text.split('\n').filter(Boolean);
		expect(lines).toContain('↓ us-east-1: Configuration of orders unchanged');
		expect(lines).toContain('✔ eu-west-1: Create function orders');
		expect(lines).toContain('› eu-west-1: version 1');
		expect(text).not.toContain('SKIPPED');
		// Every step line (not the region's own, nor output lines) starts with its region.
		const steps = lines.filter(line => /^[↓✔✖❯]/.test(line) && !/^. (us-east-1|eu-west-1): orders$/.test(line));
		expect(steps.length).toBeGreaterThan(5);
		for (const line of steps) {
			expect(line).toMatch(/^. (us-east-1|eu-west-1): /);
		}
	});

	it('retries a write that meets ResourceConflictException', async () => {
		const lambda = fakeLambda({conflicts: 1});
		const {outcomes, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(writes(lambda.calls)).toEqual([
			'CreateFunction (conflict)', 'CreateFunction orders',
			'PublishVersion (conflict)', 'PublishVersion orders',
			'CreateAlias (conflict)', 'CreateAlias live→1',
		]);
		expect(slept).toEqual([2000, 2000, 2000]);
		expect(outcomes[0]!.status).toBe('changed');
	});

	it('stops a region at its failed step, keeps the other regions going, and says why', async () => {
		const failing = fakeLambda({failOn: 'PublishVersion'});
		const healthy = fakeLambda();
		const {outcomes} = await run(newFunctionPlan('us-east-1', 'eu-west-1'), {'us-east-1': failing, 'eu-west-1': healthy});
		expect(writes(failing.calls)).toEqual(['CreateFunction orders', 'PublishVersion (failed)']);
		expect(writes(healthy.calls)).toEqual(['CreateFunction orders', 'PublishVersion orders', 'CreateAlias live→1']);
		expect(outcomes[0]).toMatchObject({region: 'us-east-1', status: 'failed', done: {create: ['Create function orders']}});
		expect(outcomes[0]!.error?.message).toContain('the credentials lack lambda:PublishVersion');
		expect(outcomes[1]).toMatchObject({region: 'eu-west-1', status: 'changed'});
	});

	it('fails the region when the function ends in state Failed', async () => {
		const options: FakeLambdaOptions = {finalState: {State: 'Failed', LastUpdateStatus: 'Failed', LastUpdateStatusReason: 'subnet not found'}};
		const lambda = fakeLambda(options);
		const {outcomes} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(outcomes[0]!.status).toBe('failed');
		expect(outcomes[0]!.error?.message).toContain('subnet not found');
		expect(writes(lambda.calls)).toEqual(['CreateFunction orders']);
	});
});

describe('deploy tasks with the managed role and every resource', () => {
	const spec = loadSpec({
		file: 'rust-lambda.toml',
		text: [
			'[project]\nname = "orders"\ntrigger = "sqs"',
			'[function]\nreserved_concurrency = 10',
			'[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-0abc1234"]',
			'[async]\non_failure = "arn:aws:sqs:{region}:{account}:failed"',
			'[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\nbatch_size = 100\nbatching_window_seconds = 5',
		].join('\n'),
	});
	const account = '111122223333';
	const zip = {packageType: 'Zip' as const, zip: {path: 'f.zip', sha256: 'sha-new', bytes: 1}};
	const fullPlan = (...regions: string[]): Plan => {
		const role = planRole(roleOf(spec, {regions, account}), undefined);
		return {
			roles: [role],
			regions: regions.map(region => planRegion(targetFor(spec, zip, {region, account}, role.roleArn), {versions: [], mappings: []})),
		};
	};

	it('makes the role first, then every step of each region in order', async () => {
		const iam = fakeIam();
		const lambda = fakeLambda();
		const {outcomes, role} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, iam);
		expect(iam.calls).toEqual(['CreateRole orders-role', 'PutRolePolicy orders-role']);
		expect(writes(lambda.calls)).toEqual([
			'CreateFunction orders',
			'PutFunctionConcurrency orders=10',
			'PublishVersion orders',
			'CreateAlias live→1',
			'PutFunctionEventInvokeConfig orders:live',
			'CreateEventSourceMapping arn:aws:sqs:us-east-1:111122223333:orders→arn:aws:lambda:us-east-1:111122223333:function:orders:live',
		]);
		expect(role).toMatchObject({roleName: 'orders-role', status: 'changed', done: {create: ['Create role orders-role', 'Give role orders-role its policy']}});
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '1'});
	});

	it('adopts what a create retried after a dropped connection finds "already exists": the function, and the mapping once listed', async () => {
		const lambda = fakeLambda({alreadyExistsOn: ['CreateFunction', 'CreateEventSourceMapping']});
		const {outcomes, slept} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(writes(lambda.calls)).toEqual([
			'CreateFunction (already exists)',
			'PutFunctionConcurrency orders=10',
			'PublishVersion orders',
			'CreateAlias live→1',
			'PutFunctionEventInvokeConfig orders:live',
			'CreateEventSourceMapping (already exists)',
			'ListEventSourceMappings arn:aws:sqs:us-east-1:111122223333:orders',
		]);
		// "Already exists" is not "still being changed": no waiting for it.
		expect(slept).toEqual([]);
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '1'});
	});

	it('adopts an alias a retried CreateAlias finds, when it names the version just published', async () => {
		const lambda = fakeLambda({alreadyExistsOn: ['CreateAlias']});
		const {outcomes} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(lambda.calls).toEqual(expect.arrayContaining(['CreateAlias (already exists)', 'GetAlias live']));
		expect(outcomes[0]).toMatchObject({status: 'changed', version: '1'});
	});

	it('does not adopt an alias that names another version: the region fails', async () => {
		const lambda = fakeLambda({alreadyExistsOn: ['CreateAlias'], aliasVersion: '7'});
		const {outcomes} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(lambda.calls).toContain('GetAlias live');
		expect(outcomes[0]!.status).toBe('failed');
		expect(outcomes[0]!.error?.message).toContain('Alias already exists');
	});

	it('takes a retried delete that finds the mapping gone as done', async () => {
		const lambda = fakeLambda({goneOn: ['DeleteEventSourceMapping']});
		const stray = {uuid: 'u-2', state: 'Enabled', queueArn: 'arn:aws:sqs:us-east-1:111122223333:orders', batchSize: 100, batchingWindowSeconds: 5, reportBatchItemFailures: true};
		const observed = {versions: [], mappings: [{...stray, uuid: 'u-1'}, stray]};
		const plan: Plan = {roles: [], regions: [planRegion(targetFor(spec, zip, {region: 'us-east-1', account}, `arn:aws:iam::${account}:role/orders-role`), observed)]};
		const {outcomes} = await run(plan, {'us-east-1': lambda});
		expect(writes(lambda.calls)).toContain('DeleteEventSourceMapping (not found)');
		expect(outcomes[0]!.status).toBe('changed');
		expect(outcomes[0]!.done.delete).toEqual(['Remove the mapping from queue orders to orders:live']);
	});

	it('does not adopt a mapping it cannot find: a conflict that lists nothing fails the region', async () => {
		const lambda = fakeLambda({alreadyExistsOn: ['CreateEventSourceMapping']});
		const api = lambda.api;
		lambda.api = async request => (request.operation === 'ListEventSourceMappings' ? {EventSourceMappings: []} : api(request));
		const {outcomes} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(outcomes[0]!.status).toBe('failed');
		expect(outcomes[0]!.error?.message).toContain('already exists');
	});

	it('waits for a new role to be usable: retries "cannot be assumed" with the clock', async () => {
		const lambda = fakeLambda({roleNotReady: 2});
		const {outcomes, slept, text} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(writes(lambda.calls).slice(0, 3)).toEqual(['CreateFunction (role not ready)', 'CreateFunction (role not ready)', 'CreateFunction orders']);
		expect(slept).toEqual([5000, 5000]);
		expect(text).toContain('the new execution role is not usable by Lambda yet');
		expect(outcomes[0]!.status).toBe('changed');
	});

	it('does not wait on a role it did not change: "cannot be assumed" fails the region at once', async () => {
		const lambda = fakeLambda({roleNotReady: 1});
		const plan: Plan = {roles: [], regions: fullPlan('us-east-1').regions};
		const {outcomes, slept} = await run(plan, {'us-east-1': lambda});
		expect(slept).toEqual([]);
		expect(outcomes[0]!.status).toBe('failed');
		expect(outcomes[0]!.error?.message).toContain("cannot assume the function's role");
	});

	it('backs off when throttled, doubling the wait', async () => {
		const lambda = fakeLambda({throttles: 3});
		const {outcomes, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(writes(lambda.calls).slice(0, 4)).toEqual(['CreateFunction (throttled)', 'CreateFunction (throttled)', 'CreateFunction (throttled)', 'CreateFunction orders']);
		expect(slept.slice(0, 3)).toEqual([1000, 2000, 4000]);
		expect(outcomes[0]!.status).toBe('changed');
	});

	it('gives up on throttling after its attempts and says so', async () => {
		const lambda = fakeLambda({throttles: 10});
		const {outcomes, slept} = await run(newFunctionPlan('us-east-1'), {'us-east-1': lambda});
		expect(slept).toEqual([1000, 2000, 4000, 8000, 16_000]);
		expect(outcomes[0]!.error?.message).toBe('AWS throttled the requests (us-east-1): Rate exceeded');
	});

	it('says the function is Pending while Lambda makes the VPC network interfaces', async () => {
		const lambda = fakeLambda({settlingReads: 1});
		const {text} = await run(fullPlan('us-east-1'), {'us-east-1': lambda}, fakeIam());
		expect(text).toContain('waiting: Pending, last update InProgress (Lambda is making the VPC network interfaces; this can take a minute)');
	});

	it('stops every region when the role cannot be made, and calls no Lambda API', async () => {
		const iam = fakeIam({failOn: 'CreateRole'});
		const east = fakeLambda();
		const west = fakeLambda();
		const {outcomes, role} = await run(fullPlan('us-east-1', 'eu-west-1'), {'us-east-1': east, 'eu-west-1': west}, iam);
		expect(role?.status).toBe('failed');
		expect(role?.error?.message).toBe('Access denied: the credentials lack iam:CreateRole');
		expect(east.calls).toEqual([]);
		expect(west.calls).toEqual([]);
		expect(outcomes.map(outcome => outcome.status)).toEqual(['failed', 'failed']);
		expect(outcomes[0]!.error?.message).toBe('Not deployed: the execution role orders-role could not be set up.');
	});

	it('runs a role-only change (a new policy) without touching any region', async () => {
		const iam = fakeIam();
		const role = planRole(roleOf(spec, {regions: ['us-east-1'], account}), {
			arn: 'arn:aws:iam::111122223333:role/orders-role',
			trustPolicy: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]}),
			policy: '{"Version":"2012-10-17","Statement":[]}',
			tags: {'managed-by': 'rust-lambda-wizard'},
			otherPolicies: [],
		});
		const {role: outcome, outcomes} = await run({roles: [role], regions: []}, {}, iam);
		expect(iam.calls).toEqual(['PutRolePolicy orders-role']);
		expect(outcome).toMatchObject({status: 'changed', done: {update: ['Grant role orders-role the added permissions'], 'no-op': ['Role orders-role already trusts Lambda']}});
		expect(outcomes).toEqual([]);
	});

	describe('a policy that both adds and removes grants', () => {
		const regions = ['us-east-1', 'eu-west-1'];
		const desiredPolicy = roleOf(spec, {regions, account}).policy;
		const oldQueue = {Sid: 'SendToQueues', Effect: 'Allow' as const, Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:111122223333:gone']};
		// The role as an older config left it: without the VPC grants, with a destination the config no longer has.
		const observedPolicy = {Version: '2012-10-17', Statement: [...desiredPolicy.Statement.filter(statement => statement.Sid !== 'VpcNetworkInterfaces'), oldQueue]};
		const plan = (): Plan => {
			const role = planRole(roleOf(spec, {regions, account}), {
				arn: 'arn:aws:iam::111122223333:role/orders-role',
				trustPolicy: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]}),
				policy: JSON.stringify(observedPolicy),
				tags: {'managed-by': 'rust-lambda-wizard'},
				otherPolicies: [],
			});
			return {roles: [role], regions: regions.map(region => planRegion(targetFor(spec, zip, {region, account}, role.roleArn), {versions: [], mappings: []}))};
		};
		const grantsOf = (policy: {Statement: Array<{Action: string | string[]; Resource?: string | string[]}>}) =>
			policy.Statement.flatMap(statement => [statement.Action].flat().flatMap(action => [statement.Resource ?? '*'].flat().map(resource => `${action} on ${resource}`)));

		it('grants the union before the regions and puts the final policy after all of them', async () => {
			const journal: string[] = [];
			const iam = fakeIam({journal});
			const east = fakeLambda({journal});
			const west = fakeLambda({journal});
			const {role, text} = await run(plan(), {'us-east-1': east, 'eu-west-1': west}, iam);
			expect(journal[0]).toBe('PutRolePolicy orders-role');
			expect(journal.at(-1)).toBe('PutRolePolicy orders-role');
			expect(journal.filter(call => call.startsWith('PutRolePolicy'))).toHaveLength(2);
			expect(journal.filter(call => call.startsWith('CreateEventSourceMapping'))).toHaveLength(2);
			const [union, final] = iam.policies;
			expect(grantsOf(union!)).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface on *', 'sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:gone']));
			expect(final).toEqual(desiredPolicy);
			expect(role).toMatchObject({status: 'changed', done: {update: ['Grant role orders-role the added permissions', 'Revoke the permissions role orders-role no longer needs']}});
			expect(role?.kept).toBeUndefined();
			expect(text).toContain('IAM: role orders-role, revoking what is no longer needed');
		});

		it('keeps the old grants when a region fails, and says so', async () => {
			const iam = fakeIam();
			const {role, outcomes} = await run(plan(), {'us-east-1': fakeLambda(), 'eu-west-1': fakeLambda({failOn: 'PutFunctionEventInvokeConfig'})}, iam);
			expect(outcomes.map(outcome => outcome.status)).toEqual(['changed', 'failed']);
			expect(iam.calls).toEqual(['PutRolePolicy orders-role']);
			expect(grantsOf(iam.policies[0]!)).toContain('sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:gone');
			expect(role?.done.update).toEqual(['Grant role orders-role the added permissions']);
			expect(role?.kept).toBe('1 grant(s) stay because eu-west-1 did not finish (it may still use them); the next deploy that succeeds everywhere revokes them.');
		});

		it('keeps them too when a region failed before the tasks (reading it)', async () => {
			const iam = fakeIam();
			const whole = plan();
			const {role} = await run({...whole, regions: whole.regions.slice(0, 1)}, {'us-east-1': fakeLambda()}, iam, ['eu-west-1']);
			expect(iam.calls).toEqual(['PutRolePolicy orders-role']);
			expect(role?.kept).toContain('because eu-west-1 did not finish');
		});
	});

	it('keeps the other region going when one region fails a later step', async () => {
		const east = fakeLambda({failOn: 'CreateEventSourceMapping'});
		const west = fakeLambda();
		const {outcomes} = await run(fullPlan('us-east-1', 'eu-west-1'), {'us-east-1': east, 'eu-west-1': west}, fakeIam());
		expect(outcomes[0]).toMatchObject({region: 'us-east-1', status: 'failed'});
		expect(outcomes[0]!.done.create).toHaveLength(5);
		expect(outcomes[1]).toMatchObject({region: 'eu-west-1', status: 'changed'});
		expect(outcomes[1]!.done.create).toHaveLength(6);
	});
});
