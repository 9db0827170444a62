// Desired and observed values for planner and task tests.
import type {DesiredFunction, FunctionSettings, ObservedRegion} from '../../source/plan/types.js';

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
