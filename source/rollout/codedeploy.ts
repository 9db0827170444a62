// [rollout] as CodeDeploy says it, for SAM's DeploymentPreference: the
// predefined configuration that is the same, or one of its own (a custom
// AWS::CodeDeploy::DeploymentConfig) when none is; and what differs, said.
import type {Spec} from '../spec/schema.js';

export interface CodeDeployPreference {
	/** A predefined type (Canary10Percent5Minutes, …), or undefined when `custom` is needed. */
	predefined?: string;
	/** TrafficRoutingConfig of a custom deployment configuration. */
	custom?: {Type: 'TimeBasedCanary'; TimeBasedCanary: {CanaryPercentage: number; CanaryInterval: number}} | {Type: 'TimeBasedLinear'; TimeBasedLinear: {LinearPercentage: number; LinearInterval: number}};
	/** What CodeDeploy does differently from `rollout`. */
	notes: string[];
}

const canaryMinutes = new Set([5, 10, 15, 30]);
const linearMinutes = new Set([1, 2, 3, 10]);

export function codeDeployPreference(rollout: Spec['rollout']): CodeDeployPreference {
	const {strategy, steps, interval_seconds: seconds} = rollout;
	const notes: string[] = [];
	if (strategy === 'all-at-once' || (steps.length === 1 && steps[0] === 100)) {
		return {predefined: 'AllAtOnce', notes};
	}

	if (strategy === 'manual') {
		notes.push('strategy "manual" asks before each step; CodeDeploy does not ask, so its steps run on the interval.');
	}

	// CodeDeploy counts whole minutes, at least one.
	const minutes = Math.max(1, Math.ceil(seconds / 60));
	if (minutes * 60 !== seconds) {
		notes.push(`interval_seconds = ${seconds} is ${minutes} minute(s) for CodeDeploy, which counts whole minutes.`);
	}

	const first = steps[0]!;
	const even = steps.every((step, index) => step === first * (index + 1)) && 100 % first === 0;
	if (steps.length === 2) {
		return first === 10 && canaryMinutes.has(minutes)
			? {predefined: `Canary10Percent${minutes}Minutes`, notes}
			: {custom: {Type: 'TimeBasedCanary', TimeBasedCanary: {CanaryPercentage: first, CanaryInterval: minutes}}, notes};
	}

	if (even) {
		return first === 10 && linearMinutes.has(minutes)
			? {predefined: `Linear10PercentEvery${minutes}Minute${minutes === 1 ? '' : 's'}`, notes}
			: {custom: {Type: 'TimeBasedLinear', TimeBasedLinear: {LinearPercentage: first, LinearInterval: minutes}}, notes};
	}

	// Uneven steps ([10, 50, 100]): CodeDeploy has canary (one step) and linear (equal steps) only.
	notes.push(`steps ${steps.join(', ')} are neither one canary step nor equal linear steps: CodeDeploy sends ${first} % for ${minutes} minute(s), then all of it.`);
	return {custom: {Type: 'TimeBasedCanary', TimeBasedCanary: {CanaryPercentage: first, CanaryInterval: minutes}}, notes};
}
