// Desired and observed values for planner and task tests.
import type {Action} from '../../source/deploy/action.js';
import {desiredFunction} from '../../source/deploy/function.js';
import type {ObservedRegion} from '../../source/deploy/registry.js';
import type {RegionTarget} from '../../source/deploy/resource.js';
import type {DesiredFunction, FunctionCode, FunctionSettings} from '../../source/deploy/types.js';
import type {Spec} from '../../source/spec/schema.js';
import {loadSpec} from '../../source/spec/spec.js';

export const settings: FunctionSettings = {
	runtime: 'provided.al2023',
	handler: 'bootstrap',
	role: 'arn:aws:iam::123456789012:role/orders-role',
	memory: 256,
	timeout: 30,
	environment: {RUST_LOG: 'info'},
	layers: [],
};

export function desired(overrides: Partial<DesiredFunction> = {}): DesiredFunction {
	return {
		region: 'us-east-1',
		name: 'orders',
		architecture: 'arm64',
		settings,
		code: {packageType: 'Zip', zip: {path: '/tmp/orders.zip', sha256: 'sha-new', bytes: 100}},
		alias: 'live',
		...overrides,
	};
}

/** A region where the function exists as `desired()` describes, published as version 3, alias on it. */
export function deployed(overrides: {sha?: string; settings?: Partial<FunctionSettings>; aliasVersion?: string} = {}): ObservedRegion {
	const current = {...settings, ...overrides.settings};
	const sha = overrides.sha ?? 'sha-new';
	return {
		function: {settings: current, codeSha256: sha, architecture: 'arm64', packageType: 'Zip'},
		versions: [
			{version: '2', codeSha256: 'sha-old', architecture: 'arm64', settings},
			{version: '3', codeSha256: sha, architecture: 'arm64', settings: current},
		],
		alias: {functionVersion: overrides.aliasVersion ?? '3', additionalWeights: {}},
		mappings: [],
	};
}

const baseSpec = loadSpec({file: 'rust-lambda.toml', text: `[project]\nname = "orders"\n[function]\nrole = "${settings.role}"\n`});

/** The region target of a plain function (no trigger, no extras), as `desired()` describes it. */
export function target(want: DesiredFunction = desired(), spec: Spec = baseSpec, account = '123456789012'): RegionTarget {
	return {spec, region: want.region, account, function: want};
}

/** A region's target from a whole config: every resource's desired state comes from the spec. */
export function targetFor(spec: Spec, code: FunctionCode, where: {region: string; account: string}, role: string): RegionTarget {
	return {spec, region: where.region, account: where.account, function: desiredFunction(spec, code, where, role)};
}

/** The AWS operation of each action (the step's kind for an image push; '-' for a no-op). */
export const operations = (actions: readonly Action[]) =>
	actions.map(action => (action.step === undefined ? '-' : action.step.kind === 'request' ? action.step.request.operation : action.step.kind));

/** The request input of the first action whose operation is `operation`. */
export function inputOf(actions: readonly Action[], operation: string): Record<string, unknown> | undefined {
	const step = actions.find(action => action.step?.kind === 'request' && action.step.request.operation === operation)?.step;
	return step?.kind === 'request' ? step.request.input as Record<string, unknown> : undefined;
}
