// The role deploy manages, against a real moto server: deploy marks the role it
// creates, refuses to take over a role of the same name it did not create, and
// says when its role holds policies it did not write.
import {AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand} from '@aws-sdk/client-iam';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {clientOptions} from './support/aws.js';
import {runCli, testCredentials} from './support/cli.js';
import {awsWrites, useMoto} from './support/moto.js';
import {makeProject, type TestProject} from './support/project.js';

const moto = useMoto();
let project: TestProject;
let zip: string;

const deploy = (...args: string[]) => runCli(['deploy', '--endpoint-url', moto.url, '--zip', zip, ...args], {cwd: project.dir, env: testCredentials});
const iam = () => new IAMClient(clientOptions(moto));
const document = (value: unknown) => JSON.stringify(value);
const ec2Trust = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}, Action: 'sts:AssumeRole'}]};
const everything = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]};

async function attachAdmin(roleName: string): Promise<void> {
	const policy = await iam().send(new CreatePolicyCommand({PolicyName: 'Admin', PolicyDocument: document(everything)}));
	await iam().send(new AttachRolePolicyCommand({RoleName: roleName, PolicyArn: policy.Policy!.Arn!}));
}

beforeEach(async () => {
	await moto.reset();
	project = await makeProject();
	zip = await project.writeZip('v1');
	await project.writeConfig('[project]\nname = "orders"\n\n[deploy]\nregions = ["us-east-1"]');
});

afterEach(async () => {
	await project.remove();
});

describe('the role deploy manages, against moto', () => {
	it('refuses a role named <function>-role that it did not create, before any write', async () => {
		await iam().send(new CreateRoleCommand({RoleName: 'orders-role', AssumeRolePolicyDocument: document(ec2Trust), Description: 'web servers'}));
		await attachAdmin('orders-role');

		await moto.record();
		const result = await deploy('--yes');
		const requests = await moto.requests();
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toContain('error: Role orders-role already exists and deploy did not create it (it lacks the tag managed-by = rust-lambda-wizard)');
		expect(result.stderr).toContain('fix: To run the function with that role as it is, set function.role = "arn:aws:iam::123456789012:role/orders-role" (or pass --role); to let deploy create a role of its own, set function.role_name to another name.');
		expect(awsWrites(requests)).toEqual([]);
		const role = await iam().send(new GetRoleCommand({RoleName: 'orders-role'}));
		expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(ec2Trust);
	});

	it('tags the role it creates, and says so when someone adds policies to it', async () => {
		expect((await deploy('--yes')).exitCode).toBe(0);
		const role = await iam().send(new GetRoleCommand({RoleName: 'orders-role'}));
		expect(role.Role!.Tags).toEqual([{Key: 'managed-by', Value: 'rust-lambda-wizard'}]);

		await attachAdmin('orders-role');
		await iam().send(new PutRolePolicyCommand({RoleName: 'orders-role', PolicyName: 'extra', PolicyDocument: document(everything)}));
		const again = await deploy('--yes');
		expect(again.exitCode).toBe(0);
		expect(again.stderr).toContain('note: role orders-role also has policies deploy did not write (Admin, extra (inline)): the function gets their permissions too, so it no longer runs with least privilege.');
		expect(again.stdout).toContain('= IAM: role orders-role unchanged');
	});
});
