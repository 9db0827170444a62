// The image side of the deploy planner: pure, table-driven.
import {describe, expect, it} from 'vitest';
import {registryOverride} from '../source/deploy/shipment.js';
import {RunError} from '../source/errors.js';
import {shellLine, withAwsArgs} from '../source/deploy/aws-cli.js';
import {desiredFunction} from '../source/deploy/function.js';
import {digestOf, ecrHost, ecrRegionOf, localImageTag, repositoryOf} from '../source/plan/image.js';
import {planRegion} from '../source/deploy/region.js';
import type {ObservedRegion} from '../source/deploy/registry.js';
import type {DesiredImage, FunctionCode, ObservedImage, RegionPlan} from '../source/deploy/types.js';
import {loadSpec} from '../source/spec/spec.js';
import {inputOf, settings} from './support/plans.js';

const account = '111122223333';
const digest = (char: string) => `sha256:${char.repeat(64)}`;
const repoUri = `${account}.dkr.ecr.us-east-1.amazonaws.com/orders`;
const localId = digest('1');
const spec = loadSpec({file: 'rust-lambda.toml', text: '[project]\nname = "orders"\npackaging = "image"\narchitecture = "arm64"\n[function]\nmemory = 256\ntimeout = 30\nenvironment = { RUST_LOG = "info" }\n'});
const built: DesiredImage = {repository: 'orders', architecture: 'arm64', source: {kind: 'built', localTag: 'orders:arm64', imageId: localId}};
const imageCode = (image: DesiredImage = built): FunctionCode => ({packageType: 'Image', image});
const want = (image?: DesiredImage) => ({
	spec,
	region: 'us-east-1',
	account,
	function: desiredFunction(spec, imageCode(image), {region: 'us-east-1', account}, settings.role),
});
const stepOf = (plan: RegionPlan, operation: string) => plan.actions.find(action =>
	(action.step?.kind === 'request' ? action.step.request.operation : action.step?.kind) === operation)!;

const {runtime: _runtime, handler: _handler, ...imageSettings} = settings;
/** A region where the function runs the image `running` (by digest), published as version 3 with CodeSha256 `sha`. */
function running(uri: string, image: ObservedImage | undefined, sha = 'lambda-sha'): ObservedRegion {
	return {
		function: {settings: imageSettings, codeSha256: sha, architecture: 'arm64', packageType: 'Image', imageUri: uri},
		versions: [{version: '3', codeSha256: sha, architecture: 'arm64', settings: imageSettings}],
		alias: {functionVersion: '3', additionalWeights: {}},
		mappings: [],
		...(image ? {image} : {}),
	};
}

const summary = (plan: RegionPlan) => plan.actions.map(action => `${action.change}: ${action.title}`);
const deployedUri = `${repoUri}@${digest('a')}`;

describe('planning an image `build` made', () => {
	it.each([
		{
			case: 'nothing exists: the repository, the push, then the function',
			observed: {versions: [], mappings: [], image: {repositoryUri: undefined, runningImageIds: []}} as ObservedRegion,
			expected: [
				'create: Create ECR repository orders',
				`create: Push image orders:arm64 to ${account}.dkr.ecr.us-east-1.amazonaws.com/orders`,
				'create: Create function orders',
				'create: Publish a version of orders',
				'create: Create alias live → the new version',
			],
		},
		{
			case: 'the function runs this very image: nothing is pushed or updated',
			observed: running(deployedUri, {repositoryUri: repoUri, runningImageIds: [digest('a'), localId]}),
			expected: [
				'no-op: ECR repository orders exists',
				'no-op: Image orders:arm64 already deployed (sha256:aaaaaaaaaaaa)',
				'no-op: Code of orders unchanged',
				'no-op: Configuration of orders unchanged',
				'no-op: Version 3 of orders already matches',
				'no-op: Alias live already on version 3',
			],
		},
		{
			case: 'the function runs another image: push, update its code, publish',
			observed: running(deployedUri, {repositoryUri: repoUri, runningImageIds: [digest('a'), digest('9')]}),
			expected: [
				'no-op: ECR repository orders exists',
				`create: Push image orders:arm64 to ${account}.dkr.ecr.us-east-1.amazonaws.com/orders`,
				'update: Update code of orders',
				'no-op: Configuration of orders unchanged',
				'create: Publish a version of orders',
				'update: Point alias live at the new version',
			],
		},
	])('$case', ({observed, expected}) => {
		expect(summary(planRegion(want(), observed))).toEqual(expected);
	});

	it('hands the pushed image to the function steps, and publishes without a CodeSha256 it cannot know yet', () => {
		const plan = planRegion(want(), running(deployedUri, {repositoryUri: repoUri, runningImageIds: []}));
		const update = stepOf(plan, 'UpdateFunctionCode');
		expect(update.step).toMatchObject({slots: [{path: ['ImageUri'], from: 'pushed-image'}]});
		expect(update.details).toEqual(['image sha256:aaaaaaaaaaaa → the image pushed above']);
		expect(inputOf(plan.actions, 'PublishVersion')).toEqual({FunctionName: 'orders'});
		expect(stepOf(plan, 'PublishVersion').awsCommand).not.toContain('--code-sha256');
		// Guarded instead by the RevisionId read when the update settled.
		expect(stepOf(plan, 'PublishVersion').step).toMatchObject({slots: [{path: ['RevisionId'], from: 'settled-revision'}]});
		expect(stepOf(plan, 'PublishVersion').awsCommand).toContain('--revision-id');
	});

	it('keeps the CodeSha256 guard when only the configuration changes (the image stays)', () => {
		const observed = running(deployedUri, {repositoryUri: repoUri, runningImageIds: [localId]});
		observed.function!.settings = {...imageSettings, memory: 128};
		expect(inputOf(planRegion(want(), observed).actions, 'PublishVersion')).toMatchObject({CodeSha256: 'lambda-sha'});
	});

	it('pushes to the --registry host instead of ECR\'s own', () => {
		const image = {...built, registry: {host: '127.0.0.1:5000', insecure: true}};
		const plan = planRegion(want(image), {versions: [], mappings: [], image: {repositoryUri: repoUri, runningImageIds: []}});
		const push = stepOf(plan, 'push-image');
		expect(push.title).toBe('Push image orders:arm64 to 127.0.0.1:5000/orders');
		expect(shellLine(withAwsArgs(push.awsCommand, ['--endpoint-url', 'http://moto']))).toBe(
			'aws ecr get-login-password --region us-east-1 --endpoint-url http://moto | docker login --username AWS --password-stdin 127.0.0.1:5000'
			+ ' && docker tag orders:arm64 127.0.0.1:5000/orders:arm64 && docker push 127.0.0.1:5000/orders:arm64',
		);
	});

	it('creates an image function without a runtime or handler, by the pushed image URI', () => {
		const plan = planRegion(want(), {versions: [], mappings: [], image: {repositoryUri: undefined, runningImageIds: []}});
		const create = stepOf(plan, 'CreateFunction');
		expect(create.details[0]).toBe('image the image pushed above, arm64, 256 MB, 30 s');
		expect(create.awsCommand).toEqual(expect.arrayContaining(['--package-type', 'Image', '--code', 'ImageUri=<pushed image URI>']));
		expect(create.awsCommand).not.toContain('--runtime');
		expect(create.awsCommand).not.toContain('--handler');
		// Nor layers, not even an empty list.
		expect(create.awsCommand).not.toContain('--layers');
		expect(plan.actions[0]!.awsCommand.join(' ')).toBe('aws ecr create-repository --repository-name orders --region us-east-1');
	});
});

describe('planning an image given with --image', () => {
	const given = (uri: string): DesiredImage => ({repository: 'orders', architecture: 'arm64', source: {kind: 'given', uri}});

	it('neither makes a repository nor pushes; compares by digest', () => {
		expect(summary(planRegion(want(given(deployedUri)), running(deployedUri, undefined)))).toEqual([
			'no-op: Code of orders unchanged',
			'no-op: Configuration of orders unchanged',
			'no-op: Version 3 of orders already matches',
			'no-op: Alias live already on version 3',
		]);
		const other = `${repoUri}@${digest('b')}`;
		const plan = planRegion(want(given(other)), running(deployedUri, undefined));
		expect(summary(plan).slice(0, 1)).toEqual(['update: Update code of orders']);
		expect(plan.actions[0]!.awsCommand).toEqual(expect.arrayContaining(['--image-uri', other]));
	});

	it('refuses to turn a ZIP function into an image function, and back', () => {
		const zipFunction = running(deployedUri, undefined);
		zipFunction.function!.packageType = 'Zip';
		expect(() => planRegion(want(given(deployedUri)), zipFunction)).toThrow(RunError);
		expect(() => planRegion(want(given(deployedUri)), zipFunction)).toThrow(/is a ZIP function; Lambda cannot change a function's package type, so it cannot become a container image function/);
	});
});

describe('image references', () => {
	it.each([
		{reference: `${repoUri}:arm64`, repository: repoUri, region: 'us-east-1', digest: undefined},
		{reference: `${repoUri}@${digest('c')}`, repository: repoUri, region: 'us-east-1', digest: digest('c')},
		{reference: '127.0.0.1:5000/team/orders:x86_64', repository: '127.0.0.1:5000/team/orders', region: undefined, digest: undefined},
		{reference: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/orders:1', repository: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/orders', region: 'cn-north-1', digest: undefined},
	])('$reference', ({reference, repository, region, digest: expected}) => {
		expect(repositoryOf(reference)).toBe(repository);
		expect(ecrRegionOf(reference)).toBe(region);
		expect(digestOf(reference)).toBe(expected);
	});

	it('names tags and ECR hosts as build and ECR do', () => {
		expect(localImageTag('team/orders', 'x86_64')).toBe('team/orders:x86_64');
		expect(ecrHost(account, 'eu-west-1')).toBe(`${account}.dkr.ecr.eu-west-1.amazonaws.com`);
		expect(ecrHost(account, 'cn-north-1')).toBe(`${account}.dkr.ecr.cn-north-1.amazonaws.com.cn`);
		expect(ecrHost(account, 'us-iso-east-1')).toBe(`${account}.dkr.ecr.us-iso-east-1.c2s.ic.gov`);
		expect(ecrHost(account, 'us-isob-east-1')).toBe(`${account}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov`);
		expect(ecrRegionOf(`${ecrHost(account, 'us-isob-east-1')}/orders:1`)).toBe('us-isob-east-1');
	});

	it.each([
		{value: 'http://127.0.0.1:5000', expected: {host: '127.0.0.1:5000', insecure: true}},
		{value: 'https://registry.example.com/', expected: {host: 'registry.example.com', insecure: false}},
		{value: 'localhost.localstack.cloud:4510', expected: {host: 'localhost.localstack.cloud:4510', insecure: false}},
	])('--registry $value', ({value, expected}) => {
		expect(registryOverride(value)).toEqual(expected);
	});

	it('refuses a --registry that is not a host', () => {
		expect(() => registryOverride('http://127.0.0.1:5000/some/path')).toThrow(/expected a registry host/);
	});
});
