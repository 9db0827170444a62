// The built CLI wiring the sns and s3 triggers against a real moto server: the
// subscription and the bucket notification on the alias, each with its scoped
// permission; no write on a second identical run; removal when the trigger
// goes; and the problems only AWS can show, refused before any change.
import {GetPolicyCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {CreateBucketCommand, GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, S3Client, type NotificationConfiguration} from '@aws-sdk/client-s3';
import {CreateTopicCommand, GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient} from '@aws-sdk/client-sns';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {awsSender} from '../source/aws/send.js';
import {observeFunction} from '../source/deploy/function.js';
import {orMissing, request, type AnyRequest, type AwsSender, type OperationName, type Request, type Service} from '../source/deploy/request.js';
import {s3Resource} from '../source/deploy/s3.js';
import {loadSpec} from '../source/spec/spec.js';
import {applyStep} from '../source/tasks/apply.js';
import {runCli, testCredentials} from './support/cli.js';
import {fakeClock} from './support/fake-lambda.js';
import {desired, target} from './support/plans.js';
import {awsWrites, describeRequest, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';
import {createQueue} from './support/sqs.js';

const account = '123456789012';
const moto = useMoto();
let project: TestProject;
let zip: string;

const clientOptions = (region = 'us-east-1') => ({region, endpoint: moto.url, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});
const aliasArn = (region: string) => `arn:aws:lambda:${region}:${account}:function:orders:live`;
const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});

interface Statement {
	Sid: string;
	Principal: {Service?: string} | string;
	Condition?: Record<string, Record<string, string>>;
}

/** The statements of the alias's resource-based policy. */
async function aliasPolicy(region: string): Promise<Statement[]> {
	const lambda = new LambdaClient(clientOptions(region));
	const policy = await lambda.send(new GetPolicyCommand({FunctionName: 'orders', Qualifier: 'live'})).catch(() => undefined);
	return policy?.Policy === undefined ? [] : [(JSON.parse(policy.Policy) as {Statement: Statement | Statement[]}).Statement].flat();
}

/**
 * Runs the aws commands `deploy --dry-run --json` prints, as a person would paste them (the version
 * publish-version reports goes where the plan says); returns their first three words.
 */
async function runDryRunLines(): Promise<string[]> {
	const dryRun = await deploy('--dry-run', '--json');
	expect(dryRun.exitCode).toBe(0);
	const plan = JSON.parse(dryRun.stdout) as {roles: Array<{actions: Array<{awsCommand: string | null}>}>; regions: Array<{actions: Array<{awsCommand: string | null}>}>};
	const lines = [...plan.roles.flatMap(role => role.actions), ...plan.regions.flatMap(region => region.actions)].flatMap(action => (action.awsCommand ? [action.awsCommand] : []));
	const environment = {...process.env, ...testCredentials, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true'};
	let published = '';
	for (const line of lines) {
		const {stdout} = await promisify(execFile)('bash', ['-c', line.replaceAll("'<published version>'", published)], {env: environment});
		if (line.startsWith('aws lambda publish-version')) {
			published = (JSON.parse(stdout) as {Version: string}).Version;
		}
	}

	return lines.map(line => line.split(' ').slice(0, 3).join(' '));
}

const byService = (statements: Statement[], service: string) =>
	statements.filter(statement => (typeof statement.Principal === 'string' ? statement.Principal : statement.Principal.Service) === service);

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	zip = await project.writeZip('v1');
});

afterEach(async () => {
	await project.remove();
});

describe('the sns trigger against moto', () => {
	const regions = ['us-east-1', 'eu-west-1'];
	const topicArn = (region: string) => `arn:aws:sns:${region}:${account}:orders`;
	const config = (sns = '[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders"\nfilter_policy = \'{"kind": ["order"]}\'', trigger = 'sns', deployTo = regions) => [
		`[project]\nname = "orders"\ntrigger = "${trigger}"`,
		sns,
		`[deploy]\nregions = ${JSON.stringify(deployTo)}`,
	].filter(Boolean).join('\n\n');

	async function subscriptions(region: string) {
		const sns = new SNSClient(clientOptions(region));
		const listed = await sns.send(new ListSubscriptionsByTopicCommand({TopicArn: topicArn(region)}));
		return Promise.all((listed.Subscriptions ?? []).map(async subscription => ({
			protocol: subscription.Protocol,
			endpoint: subscription.Endpoint,
			filterPolicy: (await sns.send(new GetSubscriptionAttributesCommand({SubscriptionArn: subscription.SubscriptionArn}))).Attributes?.['FilterPolicy'],
		})));
	}

	beforeEach(async () => {
		for (const region of regions) {
			await new SNSClient(clientOptions(region)).send(new CreateTopicCommand({Name: 'orders'}));
		}
	});

	it('subscribes the alias to the topic of each region with the filter policy, and lets only that topic invoke it', async () => {
		await project.writeConfig(config());
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		for (const region of regions) {
			expect(await subscriptions(region)).toEqual([{protocol: 'lambda', endpoint: aliasArn(region), filterPolicy: '{"kind": ["order"]}'}]);
			const grants = byService(await aliasPolicy(region), 'sns.amazonaws.com');
			expect(grants).toHaveLength(1);
			expect(grants[0]!.Condition).toEqual({ArnLike: {'AWS:SourceArn': topicArn(region)}});
		}
	});

	it('shows aws commands with --dry-run that, run by the aws CLI, make what deploy makes: deploy then writes nothing', async () => {
		// One region: each aws CLI start takes a second or two.
		await project.writeConfig(config(undefined, undefined, ['eu-west-1']));
		const commands = await runDryRunLines();
		expect(commands.filter(command => !command.startsWith('aws iam'))).toEqual([
			'aws lambda create-function', 'aws lambda publish-version', 'aws lambda create-alias', 'aws lambda add-permission', 'aws sns subscribe',
		]);
		expect(await subscriptions('eu-west-1')).toEqual([{protocol: 'lambda', endpoint: aliasArn('eu-west-1'), filterPolicy: '{"kind": ["order"]}'}]);
		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
	}, 120_000);

	it('makes no write on a second run, sets a changed or removed filter policy in place, and removes what it made when the trigger goes', async () => {
		await project.writeConfig(config());
		expect((await deploy('--yes')).exitCode).toBe(0);

		await moto.record();
		const again = await deploy('--yes');
		const requests = await moto.requests();
		expect(again.exitCode).toBe(0);
		expect(requests.map(describeRequest)).toContain('ListSubscriptionsByTopic');
		expect(awsWrites(requests)).toEqual([]);

		await project.writeConfig(config('[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders"\nfilter_policy = \'{"kind": ["refund"]}\''));
		await moto.record();
		const changed = await deploy('--yes');
		expect(changed.exitCode).toBe(0);
		expect(awsWrites(await moto.requests()).map(describeRequest)).toEqual(['SetSubscriptionAttributes', 'SetSubscriptionAttributes']);
		expect(await subscriptions('eu-west-1')).toEqual([{protocol: 'lambda', endpoint: aliasArn('eu-west-1'), filterPolicy: '{"kind": ["refund"]}'}]);

		await project.writeConfig(config('[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders"'));
		expect((await deploy('--yes')).exitCode).toBe(0);
		// SNS takes {} as "no filter policy".
		expect(await subscriptions('us-east-1')).toEqual([{protocol: 'lambda', endpoint: aliasArn('us-east-1'), filterPolicy: '{}'}]);
		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);

		await project.writeConfig(config('', 'json'));
		const preview = await deploy('--dry-run');
		expect(preview.stdout).toContain('- delete  Unsubscribe orders:live from topic orders');
		expect(preview.stdout).toContain('$ aws sns unsubscribe --subscription-arn arn:aws:sns:us-east-1:123456789012:orders:');
		const removed = await deploy('--yes');
		expect(removed.exitCode).toBe(0);
		for (const region of regions) {
			expect(await subscriptions(region)).toEqual([]);
			expect(byService(await aliasPolicy(region), 'sns.amazonaws.com')).toEqual([]);
		}
	});

	it('refuses a topic that does not exist before any change, naming the key and how to make it', async () => {
		await project.writeConfig(config('[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:missing"'));
		await moto.record();
		const result = await deploy('--yes');
		const writes = awsWrites(await moto.requests());
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toContain('sns.topic_arn');
		expect(result.stderr).toContain('aws sns create-topic --name missing --region eu-west-1');
		expect(writes).toEqual([]);
	});

	it('refuses a topic of another region than the function, before any change, saying how to name a topic per region', async () => {
		await project.writeConfig(config(`[sns]\ntopic_arn = "${topicArn('us-east-1')}"`));
		await moto.record();
		const result = await deploy('--yes');
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toContain('sns.topic_arn: names a topic in us-east-1, but this function is in eu-west-1');
		expect(result.stderr).toContain('write {region} in the ARN');
	});

	it('refuses a FIFO topic, which does not deliver to Lambda, before any change', async () => {
		for (const region of regions) {
			await new SNSClient(clientOptions(region)).send(new CreateTopicCommand({Name: 'orders.fifo', Attributes: {FifoTopic: 'true'}}));
		}

		await project.writeConfig(config('[sns]\ntopic_arn = "arn:aws:sns:{region}:{account}:orders.fifo"'));
		await moto.record();
		const result = await deploy('--yes');
		expect(awsWrites(await moto.requests())).toEqual([]);
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toContain('sns.topic_arn: names a FIFO topic, and SNS FIFO topics deliver only to SQS queues, not to Lambda');
	});

	it('says the trigger is not connected when topic_arn is not set yet', async () => {
		await project.writeConfig(config('[sns]'));
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		expect(result.stderr).toContain('sns.topic_arn is not set');
	});
});

describe('the s3 trigger against moto', () => {
	const region = 'us-east-1';
	const ourId = 'rust-lambda-wizard-orders-live';
	const s3 = '[s3]\nbucket = "uploads"\nevents = ["s3:ObjectCreated:*"]\nprefix = "in/"\nsuffix = ".jpg"';
	const config = (section = s3, trigger = 's3') => [
		`[project]\nname = "orders"\ntrigger = "${trigger}"`,
		section,
		'[deploy]\nregions = ["us-east-1"]',
	].filter(Boolean).join('\n\n');
	const client = () => new S3Client({...clientOptions(region), forcePathStyle: true});
	const notification = async (bucket = 'uploads') => {
		const {$metadata: _, ...configuration} = await client().send(new GetBucketNotificationConfigurationCommand({Bucket: bucket}));
		return configuration;
	};

	let queueArn: string;
	const theirs = (prefix: string, events = ['s3:ObjectCreated:*']): NotificationConfiguration => ({
		QueueConfigurations: [{Id: 'audit', QueueArn: queueArn, Events: events as never, Filter: {Key: {FilterRules: [{Name: 'prefix', Value: prefix}]}}}],
	});

	beforeEach(async () => {
		queueArn = await createQueue(moto.url, region, 'audit');
		await client().send(new CreateBucketCommand({Bucket: 'uploads'}));
		await client().send(new PutBucketNotificationConfigurationCommand({Bucket: 'uploads', NotificationConfiguration: theirs('logs/')}));
	});

	it('adds the alias to the bucket\'s notification with prefix and suffix, keeps the notification already there, and grants only that bucket', async () => {
		await project.writeConfig(config());
		const result = await deploy('--yes');
		expect(result.exitCode).toBe(0);
		const configuration = await notification();
		expect(configuration.QueueConfigurations).toEqual(theirs('logs/').QueueConfigurations);
		expect(configuration.LambdaFunctionConfigurations).toEqual([{
			Id: ourId,
			LambdaFunctionArn: aliasArn(region),
			Events: ['s3:ObjectCreated:*'],
			Filter: {Key: {FilterRules: [{Name: 'prefix', Value: 'in/'}, {Name: 'suffix', Value: '.jpg'}]}},
		}]);
		const grants = byService(await aliasPolicy(region), 's3.amazonaws.com');
		expect(grants).toHaveLength(1);
		expect(grants[0]!.Condition).toEqual({ArnLike: {'AWS:SourceArn': 'arn:aws:s3:::uploads'}, StringEquals: {'AWS:SourceAccount': account}});
	});

	it('shows aws commands with --dry-run that, run by the aws CLI, make what deploy makes: deploy then writes nothing', async () => {
		await project.writeConfig(config());
		const commands = await runDryRunLines();
		expect(commands.slice(-2)).toEqual(['aws lambda add-permission', 'aws s3api put-bucket-notification-configuration']);
		expect((await notification()).QueueConfigurations).toEqual(theirs('logs/').QueueConfigurations);
		await moto.record();
		expect((await deploy('--yes')).exitCode).toBe(0);
		expect(awsWrites(await moto.requests())).toEqual([]);
	}, 120_000);

	it('makes no write on a second run, updates our entry in place, and takes only our entry out when the trigger goes', async () => {
		await project.writeConfig(config());
		expect((await deploy('--yes')).exitCode).toBe(0);

		await moto.record();
		const again = await deploy('--yes');
		const requests = await moto.requests();
		expect(again.exitCode).toBe(0);
		expect(requests.map(describeRequest)).toContain('GET /uploads?notification');
		expect(awsWrites(requests)).toEqual([]);

		await project.writeConfig(config(s3.replace('".jpg"', '".png"')));
		await moto.record();
		const changed = await deploy('--yes');
		expect(changed.exitCode).toBe(0);
		expect(changed.stdout).toContain('~ update  Update the notification of bucket uploads for orders:live');
		expect(awsWrites(await moto.requests()).map(describeRequest)).toEqual(['PUT /uploads?notification']);
		expect((await notification()).LambdaFunctionConfigurations?.[0]?.Filter?.Key?.FilterRules).toEqual([{Name: 'prefix', Value: 'in/'}, {Name: 'suffix', Value: '.png'}]);
		expect((await notification()).QueueConfigurations).toEqual(theirs('logs/').QueueConfigurations);

		await project.writeConfig(config('', 'json'));
		await moto.record();
		const removed = await deploy('--yes');
		expect(removed.exitCode).toBe(0);
		// Our entry goes first, then the permission S3 needed for it.
		expect(awsWrites(await moto.requests()).map(describeRequest)).toEqual([
			'PUT /uploads?notification',
			expect.stringMatching(/^DELETE \/2015-03-31\/functions\/orders\/policy\/rust-lambda-wizard-s3-uploads/),
		]);
		const after = await notification();
		expect(after.LambdaFunctionConfigurations ?? []).toEqual([]);
		expect(after.QueueConfigurations).toEqual(theirs('logs/').QueueConfigurations);
		expect(byService(await aliasPolicy(region), 's3.amazonaws.com')).toEqual([]);
	});

	it('refuses, before any change, a bucket in another region, a missing bucket, and a rule that overlaps someone else\'s', async () => {
		await new S3Client({...clientOptions('eu-west-1'), forcePathStyle: true}).send(new CreateBucketCommand({Bucket: 'faraway', CreateBucketConfiguration: {LocationConstraint: 'eu-west-1'}}));
		const refused = async (section: string) => {
			await project.writeConfig(config(section));
			await moto.record();
			const result = await deploy('--yes');
			expect(awsWrites(await moto.requests())).toEqual([]);
			expect(result.exitCode).not.toBe(0);
			return result.stderr;
		};

		const elsewhere = await refused('[s3]\nbucket = "faraway"');
		expect(elsewhere).toContain('s3.bucket');
		expect(elsewhere).toContain('which is in eu-west-1, but this function is in us-east-1');

		const missing = await refused('[s3]\nbucket = "no-such-bucket"');
		expect(missing).toContain('s3.bucket');
		expect(missing).toContain('aws s3 mb s3://no-such-bucket --region us-east-1');

		await client().send(new PutBucketNotificationConfigurationCommand({Bucket: 'uploads', NotificationConfiguration: theirs('in/', ['s3:ObjectCreated:Put'])}));
		const overlap = await refused(s3);
		expect(overlap).toContain('already has a notification "audit" that sends s3:ObjectCreated:Put for keys starting with "in/" to queue');
		expect(overlap).toContain('S3 refuses overlapping rules');
		expect((await notification()).LambdaFunctionConfigurations ?? []).toEqual([]);
	});

	describe('with S3\'s check of the target, which moto does not make', () => {
		/**
		 * The real sender to moto, answering PutBucketNotificationConfiguration as S3 does: refused
		 * unless the function's policy already lets s3.amazonaws.com invoke it from that bucket.
		 */
		function checkingTargets(inner: AwsSender): AwsSender {
			const check = async (sent: AnyRequest) => {
				if (sent.service !== 's3' || sent.operation !== 'PutBucketNotificationConfiguration') {
					return;
				}

				for (const entry of sent.input.NotificationConfiguration?.LambdaFunctionConfigurations ?? []) {
					const [name, qualifier] = (entry.LambdaFunctionArn ?? '').split(':').slice(6);
					const policy = await orMissing(inner.send(request('lambda', 'GetPolicy', {FunctionName: name!, Qualifier: qualifier})));
					const statements = policy?.Policy === undefined ? [] : [(JSON.parse(policy.Policy) as {Statement: Statement | Statement[]}).Statement].flat();
					if (!statements.some(statement => (statement.Principal as {Service?: string}).Service === 's3.amazonaws.com' && statement.Condition?.['ArnLike']?.['AWS:SourceArn'] === `arn:aws:s3:::${sent.input.Bucket}`)) {
						throw Object.assign(new Error('Unable to validate the following destination configurations'), {name: 'InvalidArgument'});
					}
				}
			};

			return {
				region: inner.region,
				async send<S extends Service, O extends OperationName<S>>(sent: Request<S, O>, signal?: AbortSignal) {
					await check(sent as unknown as AnyRequest);
					return inner.send(sent, signal);
				},
				async sendAny(sent, signal) {
					await check(sent);
					return inner.sendAny(sent, signal);
				},
			};
		}

		const saved = {...process.env};
		beforeAll(() => {
			Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing'});
		});
		afterAll(() => {
			process.env = saved;
		});

		it('the grant is in place before the notification is put: in any other order S3 refuses it', async () => {
			// The function and alias, with the trigger's source not set yet: deploy says so.
			await project.writeConfig(config('[s3]'));
			const first = await deploy('--yes');
			expect(first.exitCode).toBe(0);
			expect(first.stderr).toContain('s3.bucket is not set');

			const aws = checkingTargets(awsSender(region, {endpointUrl: moto.url}));
			const spec = loadSpec({file: 'rust-lambda.toml', text: config()});
			const anchor = await observeFunction(aws, 'orders');
			const where = target(desired(), spec, account);
			const observed = await s3Resource.observe({aws, readManifest: async () => undefined}, where, anchor);
			const actions = s3Resource.plan(observed, {target: where, anchor, before: [], result: {}});
			const apply = async (steps: typeof actions) => {
				for (const action of steps) {
					if (action.step) {
						await applyStep(action.step, {aws, made: {}, clock: fakeClock().clock, report: () => undefined});
					}
				}
			};

			// Without the grant first, the stand-in refuses as S3 would: the test can fail.
			await expect(apply(actions.filter(action => action.step?.kind === 'request' && action.step.request.operation !== 'AddPermission'))).rejects.toThrow('Unable to validate');
			expect((await notification()).LambdaFunctionConfigurations ?? []).toEqual([]);

			await apply(actions);
			expect((await notification()).LambdaFunctionConfigurations?.map(entry => entry.LambdaFunctionArn)).toEqual([aliasArn(region)]);
			expect((await notification()).QueueConfigurations).toEqual(theirs('logs/').QueueConfigurations);
		});

		it('stops, instead of undoing it, when someone changes the bucket\'s notifications between the read and the write', async () => {
			await project.writeConfig(config());
			expect((await deploy('--yes')).exitCode).toBe(0);

			const aws = awsSender(region, {endpointUrl: moto.url});
			const spec = loadSpec({file: 'rust-lambda.toml', text: config(s3.replace('".jpg"', '".png"'))});
			const anchor = await observeFunction(aws, 'orders');
			const where = target(desired(), spec, account);
			const actions = s3Resource.plan(await s3Resource.observe({aws, readManifest: async () => undefined}, where, anchor), {target: where, anchor, before: [], result: {}});
			const put = actions.find(action => action.step?.kind === 'request' && action.step.request.operation === 'PutBucketNotificationConfiguration')!;

			// Meanwhile, someone adds a rule of their own (and keeps ours, as a careful person would).
			const meanwhile = await notification();
			await client().send(new PutBucketNotificationConfigurationCommand({Bucket: 'uploads', NotificationConfiguration: {...meanwhile, ...theirs('audit/')}}));

			await expect(applyStep(put.step!, {aws, made: {}, clock: fakeClock().clock, report: () => undefined})).rejects.toThrow('someone changed it meanwhile');
			expect((await notification()).QueueConfigurations).toEqual(theirs('audit/').QueueConfigurations);
			expect((await notification()).LambdaFunctionConfigurations?.[0]?.Filter?.Key?.FilterRules).toContainEqual({Name: 'suffix', Value: '.jpg'});

			// The next deploy reads it anew: their rule stays, ours changes.
			await project.writeConfig(config(s3.replace('".jpg"', '".png"')));
			expect((await deploy('--yes')).exitCode).toBe(0);
			expect((await notification()).QueueConfigurations).toEqual(theirs('audit/').QueueConfigurations);
			expect((await notification()).LambdaFunctionConfigurations?.[0]?.Filter?.Key?.FilterRules).toContainEqual({Name: 'suffix', Value: '.png'});
		});
	});
});
