// The newcomer's path: `new --yes` with a trigger's flags writes a config that
// `deploy` connects as it is, with nothing edited by hand.
import {CreateBucketCommand, GetBucketNotificationConfigurationCommand, S3Client} from '@aws-sdk/client-s3';
import {GetScheduleCommand, SchedulerClient} from '@aws-sdk/client-scheduler';
import {CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient} from '@aws-sdk/client-sns';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli, testCredentials} from './support/cli.js';
import {useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const moto = useMoto();
let work: TestProject;

beforeEach(async () => {
	await moto.reset();
	work = await makeProject();
});

afterEach(async () => {
	await work.remove();
});

const options = () => ({region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}});

async function newThenDeploy(name: string, flags: string[]) {
	const created = await runCli(['new', '--yes', '--name', name, '--region', 'us-east-1', ...flags], {cwd: work.dir, env: testCredentials});
	expect(created.exitCode, created.stderr).toBe(0);
	const zip = await work.writeZip('v1');
	return runCli(['deploy', '--yes', '--zip', zip, '--endpoint-url', moto.url], {cwd: `${work.dir}/${name}`, env: testCredentials});
}

describe('new --yes, then deploy', () => {
	it('an S3 trigger: the bucket notifies the alias', async () => {
		await new S3Client(options()).send(new CreateBucketCommand({Bucket: 'my-uploads'}));
		const deployed = await newThenDeploy('uploads', ['--trigger', 's3', '--bucket', 'my-uploads', '--prefix', 'in/']);
		expect(deployed.exitCode, deployed.stderr).toBe(0);
		const notification = await new S3Client(options()).send(new GetBucketNotificationConfigurationCommand({Bucket: 'my-uploads'}));
		expect(notification.LambdaFunctionConfigurations?.map(entry => entry.LambdaFunctionArn)).toEqual(['arn:aws:lambda:us-east-1:123456789012:function:uploads:live']);
	});

	it('an SNS trigger with {region} and {account} in the topic ARN: one subscription of the alias', async () => {
		const topic = await new SNSClient(options()).send(new CreateTopicCommand({Name: 'orders'}));
		const deployed = await newThenDeploy('orders', ['--trigger', 'sns', '--topic-arn', 'arn:aws:sns:{region}:{account}:orders']);
		expect(deployed.exitCode, deployed.stderr).toBe(0);
		const subscriptions = await new SNSClient(options()).send(new ListSubscriptionsByTopicCommand({TopicArn: topic.TopicArn}));
		expect(subscriptions.Subscriptions?.map(subscription => subscription.Endpoint)).toEqual(['arn:aws:lambda:us-east-1:123456789012:function:orders:live']);
	});

	it('a schedule with a time zone and input: one schedule on the alias, with its scheduler role', async () => {
		const deployed = await newThenDeploy('nightly', ['--trigger', 'schedule', '--schedule', 'cron(0 3 * * ? *)', '--timezone', 'Europe/Berlin', '--schedule-input', '{"job": "nightly"}']);
		expect(deployed.exitCode, deployed.stderr).toBe(0);
		const schedule = await new SchedulerClient(options()).send(new GetScheduleCommand({Name: 'nightly-live'}));
		expect(schedule).toMatchObject({
			ScheduleExpression: 'cron(0 3 * * ? *)',
			ScheduleExpressionTimezone: 'Europe/Berlin',
			Target: {Arn: 'arn:aws:lambda:us-east-1:123456789012:function:nightly:live', RoleArn: 'arn:aws:iam::123456789012:role/nightly-live-scheduler', Input: '{"job": "nightly"}'},
		});
	});
});
