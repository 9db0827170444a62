// Comparing a function's owned settings: what differs, said in a person's words.
import type {FunctionSettings} from './types.js';

const sameList = (a: readonly string[] = [], b: readonly string[] = []) =>
	a.length === b.length && [...a].sort().every((item, index) => item === [...b].sort()[index]);

const sameTable = (a: Record<string, string>, b: Record<string, string>) =>
	sameList(Object.keys(a), Object.keys(b)) && Object.entries(a).every(([key, value]) => b[key] === value);

const showVpc = (vpc: FunctionSettings['vpc']) =>
	vpc ? `subnets ${vpc.subnet_ids.join(',')} / security groups ${vpc.security_group_ids.join(',')}` : 'none';

/** One line per setting that differs, "memory 128 → 256 MB"; empty when they match. */
export function settingsDiff(observed: FunctionSettings, desired: FunctionSettings): string[] {
	const lines: string[] = [];
	const scalar = (label: string, key: 'runtime' | 'handler' | 'role' | 'memory' | 'timeout', unit = '') => {
		if (observed[key] !== desired[key]) {
			lines.push(`${label} ${observed[key]}${unit} → ${desired[key]}${unit}`);
		}
	};

	scalar('runtime', 'runtime');
	scalar('handler', 'handler');
	scalar('role', 'role');
	scalar('memory', 'memory', ' MB');
	scalar('timeout', 'timeout', ' s');
	if (!sameTable(observed.environment, desired.environment)) {
		const keys = new Set([...Object.keys(observed.environment), ...Object.keys(desired.environment)]);
		const changed = [...keys].filter(key => observed.environment[key] !== desired.environment[key]);
		lines.push(`environment: ${changed.sort().join(', ')} changed`);
	}

	if (!sameList(observed.layers, desired.layers)) {
		lines.push(`layers ${observed.layers.length} → ${desired.layers.length}`);
	}

	const vpcSame =
		sameList(observed.vpc?.subnet_ids, desired.vpc?.subnet_ids) &&
		sameList(observed.vpc?.security_group_ids, desired.vpc?.security_group_ids);
	if (!vpcSame) {
		lines.push(`VPC ${showVpc(observed.vpc)} → ${showVpc(desired.vpc)}`);
	}

	if ((observed.deadLetterArn ?? '') !== (desired.deadLetterArn ?? '')) {
		lines.push(`dead-letter queue ${observed.deadLetterArn ?? 'none'} → ${desired.deadLetterArn ?? 'none'}`);
	}

	return lines;
}

export function sameSettings(observed: FunctionSettings, desired: FunctionSettings): boolean {
	return settingsDiff(observed, desired).length === 0;
}
