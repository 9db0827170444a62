// The deploy task list for an image function, with swapped adapters (Lambda,
// ECR, the container tool): the order of the image steps, the digest reaching
// the function, the password kept to standard input, a failed push.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {explainAwsError} from '../source/aws/errors.js';
import {desiredImage} from '../source/deploy/image.js';
import {planRegion} from '../source/deploy/region.js';
import type {ObservedRegion} from '../source/deploy/registry.js';
import type {ManifestReader} from '../source/deploy/resource.js';
import type {Plan, RegistryOverride} from '../source/deploy/types.js';
import {runDeployTasks} from '../source/tasks/deploy.js';
import {loadSpec} from '../source/spec/spec.js';
import {fakeClock, fakeLambda, fakeSender} from './support/fake-lambda.js';
import {targetFor} from './support/plans.js';
import {fakeContainer, fakeEcr, fakePassword} from './support/fake-image.js';

const account = '111122223333';
const spec = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\npackaging = "image"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n'});
const source = {kind: 'built' as const, localTag: 'orders:arm64', imageId: `sha256:${'1'.repeat(64)}`};
const pushed = `sha256:${'d'.repeat(64)}`;

function plan(regions: string[], observed: (region: string) => ObservedRegion, registry?: RegistryOverride): Plan {
	const code = {packageType: 'Image' as const, image: desiredImage(spec, source, registry)};
	return {
		roles: [],
		regions: regions.map(region => planRegion(targetFor(spec, code, {region, account}, `arn:aws:iam::${account}:role/orders-role`), observed(region))),
	};
}

async function run(toRun: Plan, adapters: {lambdas: Record<string, ReturnType<typeof fakeLambda>>; ecrs: Record<string, ReturnType<typeof fakeEcr>>; container: ReturnType<typeof fakeContainer>; readManifest?: ManifestReader}) {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', chunk => {
		text += String(chunk);
	});
	const outcome = await runDeployTasks(toRun, {
		senderFor: region => fakeSender(region, {lambda: adapters.lambdas[region]!, ecr: adapters.ecrs[region]!}),
		homeRegion: Object.keys(adapters.lambdas)[0]!,
		container: adapters.container.api,
		readManifest: adapters.readManifest,
		clock: fakeClock().clock,
		renderer: 'simple',
		stream: stream as unknown as NodeJS.WriteStream,
		explain: (error, region) => explainAwsError(error, {region}),
	});
	return {outcome, text};
}

const nothing = (): ObservedRegion => ({versions: [], mappings: [], image: {repositoryUri: undefined, runningImageIds: []}});

describe('image deploy tasks', () => {
	it('makes the repository, logs in with the password on stdin, tags, pushes, then creates the function by digest', async () => {
		const journal: string[] = [];
		const lambda = fakeLambda({journal, showCodeSha256: true});
		const ecr = fakeEcr({journal});
		const container = fakeContainer({journal});
		const {outcome, text} = await run(plan(['us-east-1'], nothing), {lambdas: {'us-east-1': lambda}, ecrs: {'us-east-1': ecr}, container});
		const repository = `${account}.dkr.ecr.us-east-1.amazonaws.com/orders`;
		expect(journal).toEqual([
			'CreateRepository orders',
			'DescribeRepositories orders',
			'GetAuthorizationToken',
			`login ${account}.dkr.ecr.us-east-1.amazonaws.com --username AWS`,
			`tag orders:arm64 ${repository}:arm64`,
			`push ${repository}:arm64`,
			`CreateFunction orders ${repository}@${pushed}`,
			'PublishVersion orders (no CodeSha256)',
			'CreateAlias live→1',
		]);
		expect(container.stdin).toEqual([fakePassword]);
		expect(container.calls.join('\n')).not.toContain(fakePassword);
		expect(text).not.toContain(fakePassword);
		expect(text).toContain('Writing manifest to image destination');
		expect(outcome.regions[0]).toMatchObject({status: 'changed', version: '1'});
	});

	it('publishes the new image only if the function is still at the RevisionId read when the update settled', async () => {
		const lambda = fakeLambda({revisions: true, showCodeSha256: true});
		await run(plan(['us-east-1'], nothing), {lambdas: {'us-east-1': lambda}, ecrs: {'us-east-1': fakeEcr()}, container: fakeContainer()});
		expect(lambda.calls.filter(call => call.startsWith('PublishVersion'))).toEqual(['PublishVersion orders (no CodeSha256) if revision rev-1']);
	});

	it('refuses a push the registry stored as an image index, before any Lambda call', async () => {
		const lambda = fakeLambda();
		const readManifest: ManifestReader = async (_access, _repository, reference) => ({digest: reference, mediaType: 'application/vnd.oci.image.index.v1+json'});
		const {outcome} = await run(plan(['us-east-1'], nothing), {lambdas: {'us-east-1': lambda}, ecrs: {'us-east-1': fakeEcr()}, container: fakeContainer(), readManifest});
		expect(outcome.regions[0]!.status).toBe('failed');
		expect(outcome.regions[0]!.error?.message).toContain('is an image index (application/vnd.oci.image.index.v1+json), which Lambda does not take');
		expect(lambda.calls).toEqual([]);
	});

	it('publishes without the revision guard when a write it did not wait on (reserved concurrency) came between', async () => {
		const reserving = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\npackaging = "image"\n[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\nreserved_concurrency = 5\n'});
		const code = {packageType: 'Image' as const, image: desiredImage(reserving, source)};
		const toRun: Plan = {roles: [], regions: [planRegion(targetFor(reserving, code, {region: 'us-east-1', account}, `arn:aws:iam::${account}:role/orders-role`), nothing())]};
		const lambda = fakeLambda({revisions: true});
		await run(toRun, {lambdas: {'us-east-1': lambda}, ecrs: {'us-east-1': fakeEcr()}, container: fakeContainer()});
		expect(lambda.calls.filter(call => call.startsWith('PublishVersion'))).toEqual(['PublishVersion orders']);
	});

	it('pushes to the --registry host, over plain HTTP when it said http://, in every region', async () => {
		const container = fakeContainer();
		const ecrs = {'us-east-1': fakeEcr({exists: true}), 'eu-west-1': fakeEcr({exists: true})};
		const lambdas = {'us-east-1': fakeLambda(), 'eu-west-1': fakeLambda()};
		const repositoryThere = (region: string): ObservedRegion => ({versions: [], mappings: [], image: {repositoryUri: `${account}.dkr.ecr.${region}.amazonaws.com/orders`, runningImageIds: []}});
		const {outcome} = await run(plan(['us-east-1', 'eu-west-1'], repositoryThere, {host: '127.0.0.1:5000', insecure: true}), {lambdas, ecrs, container});
		expect(outcome.regions.map(region => region.status)).toEqual(['changed', 'changed']);
		expect(container.calls.filter(call => call.startsWith('push'))).toEqual(['push 127.0.0.1:5000/orders:arm64 (plain HTTP)', 'push 127.0.0.1:5000/orders:arm64 (plain HTTP)']);
		expect(container.calls.filter(call => call.startsWith('login'))).toEqual(['login 127.0.0.1:5000 --username AWS (plain HTTP)', 'login 127.0.0.1:5000 --username AWS (plain HTTP)']);
		// The repository already exists in both regions: not created again.
		expect(ecrs['us-east-1'].calls).toEqual(['GetAuthorizationToken']);
		expect(lambdas['eu-west-1'].calls[0]).toBe(`CreateFunction orders 127.0.0.1:5000/orders@${pushed}`);
	});

	it('stops the region at a failed step, before the function is touched', async () => {
		const lambda = fakeLambda();
		const ecr = fakeEcr({failOn: 'GetAuthorizationToken'});
		const {outcome} = await run(plan(['us-east-1'], nothing), {lambdas: {'us-east-1': lambda}, ecrs: {'us-east-1': ecr}, container: fakeContainer()});
		expect(outcome.regions[0]).toMatchObject({status: 'failed', done: {create: ['Create ECR repository orders']}});
		expect(outcome.regions[0]!.error?.message).toBe('Access denied (us-east-1): the credentials lack ecr:GetAuthorizationToken');
		expect(lambda.calls).toEqual([]);
	});
});
