// The health gate between roll-out steps: what CloudWatch says about the new
// version since the step began (Errors, Throttles and Invocations with the
// ExecutedVersion dimension on the alias), and whether any named alarm is in
// ALARM, judged against [rollout]'s limits. The requests are data; the reading
// goes through the injected sender.
import {request, type AwsSender, type Output, type Request} from '../deploy/request.js';

export interface GateLimits {
	/** Errors + Throttles allowed per step. */
	maxErrors: number;
	/** Errors ÷ Invocations allowed, when set. */
	maxErrorRate?: number | undefined;
	/** Alarms whose ALARM state fails the gate. */
	alarms: readonly string[];
}

export interface Figures {
	errors: number;
	throttles: number;
	invocations: number;
	/** The named alarms in ALARM. */
	alarming: string[];
}

export interface GateReading {
	figures: Figures;
	/** Why the gate fails; undefined when it passes. */
	failure?: string | undefined;
}

const metrics = ['Errors', 'Throttles', 'Invocations'] as const;

/** CloudWatch's one-minute periods: the window is widened to whole minutes so no datapoint of the step is cut off. */
const minute = 60_000;

export function metricsRequest(functionName: string, alias: string, version: string, since: number, now: number): Request<'cloudwatch', 'GetMetricData'> {
	const dimensions = [
		{Name: 'FunctionName', Value: functionName},
		{Name: 'Resource', Value: `${functionName}:${alias}`},
		{Name: 'ExecutedVersion', Value: version},
	];
	return request('cloudwatch', 'GetMetricData', {
		StartTime: new Date(Math.floor(since / minute) * minute),
		EndTime: new Date(Math.ceil((now + 1) / minute) * minute),
		MetricDataQueries: metrics.map(name => ({
			Id: name.toLowerCase(),
			MetricStat: {Metric: {Namespace: 'AWS/Lambda', MetricName: name, Dimensions: dimensions}, Period: 60, Stat: 'Sum'},
			ReturnData: true,
		})),
	});
}

function sumOf(output: Output<'cloudwatch', 'GetMetricData'>, id: string): number {
	const result = output.MetricDataResults?.find(entry => entry.Id === id);
	return (result?.Values ?? []).reduce((total, value) => total + value, 0);
}

/** Pure: the verdict on the figures. */
export function judge(figures: Figures, limits: GateLimits): string | undefined {
	if (figures.alarming.length > 0) {
		return `alarm ${figures.alarming.join(', ')} in ALARM`;
	}

	const bad = figures.errors + figures.throttles;
	if (bad > limits.maxErrors) {
		return `${figures.errors} error(s) and ${figures.throttles} throttle(s), more than max_errors = ${limits.maxErrors}`;
	}

	if (limits.maxErrorRate !== undefined && figures.invocations > 0 && figures.errors / figures.invocations > limits.maxErrorRate) {
		return `error rate ${(100 * figures.errors / figures.invocations).toFixed(1)} % (${figures.errors} of ${figures.invocations}), more than max_error_rate = ${limits.maxErrorRate}`;
	}

	return undefined;
}

export function describeFigures({errors, throttles, invocations}: Figures): string {
	return `${invocations} invocation(s), ${errors} error(s), ${throttles} throttle(s)`;
}

export interface GateTarget {
	functionName: string;
	alias: string;
	version: string;
}

export async function readGate(aws: AwsSender, target: GateTarget, limits: GateLimits, since: number, now: number, signal?: AbortSignal): Promise<GateReading> {
	const data = await aws.send(metricsRequest(target.functionName, target.alias, target.version, since, now), signal);
	const alarming = limits.alarms.length === 0
		? []
		: ((await aws.send(request('cloudwatch', 'DescribeAlarms', {AlarmNames: [...limits.alarms], StateValue: 'ALARM'}), signal)).MetricAlarms ?? [])
			.map(alarm => alarm.AlarmName ?? '')
			.filter(name => limits.alarms.includes(name));
	const figures: Figures = {errors: sumOf(data, 'errors'), throttles: sumOf(data, 'throttles'), invocations: sumOf(data, 'invocations'), alarming};
	return {figures, failure: judge(figures, limits)};
}
