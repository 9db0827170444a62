// deploy's read phase: looks at the role (once: IAM is global) and at every
// region concurrently, checks what only AWS can tell (the unreserved concurrency
// floor), and plans. Nothing here writes.
import {ecrApi} from '../aws/ecr.js';
import {explainAwsError, type ErrorContext} from '../aws/errors.js';
import {iamApi, type IamApi} from '../aws/iam.js';
import {lambdaApi} from '../aws/lambda.js';
import type {AwsOptions} from '../aws/options.js';
import {accountId} from '../aws/sts.js';
import {ConfigError, type Problem} from '../errors.js';
import {concurrencyProblem} from '../plan/concurrency.js';
import {layerRegionProblems} from '../plan/layers.js';
import {fillArn} from '../plan/placeholders.js';
import {accountNeeded, desiredRegion, planRegion} from '../plan/region.js';
import {desiredRole, planRole} from '../plan/role.js';
import {desiredImage} from '../plan/image.js';
import type {FunctionCode, ObservedRegion, Plan, RolePlan} from '../plan/types.js';
import type {Spec} from '../spec/schema.js';
import type {RegionOutcome} from '../tasks/deploy.js';
import {observeImage, type Shipment} from './deploy-code.js';

export interface PlannedDeploy {
	plan: Plan;
	/** Regions that could not be read or planned: they are reported, the others go on. */
	failed: RegionOutcome[];
	/** The IAM adapter, when deploy manages the role. */
	iam?: IamApi | undefined;
	/** Things a person should know that do not stop the deploy. */
	notes: string[];
}

export interface PlanInput {
	spec: Spec;
	/** The config file's name, for problems. */
	file: string;
	regions: string[];
	shipment: Shipment;
	aws: AwsOptions;
	/** For explaining failures: the endpoint and where the regions came from. */
	errors: ErrorContext;
	signal: AbortSignal;
}

export async function planDeploy({spec, file, regions, shipment, aws, errors, signal}: PlanInput): Promise<PlannedDeploy> {
	const explain = (error: unknown, region?: string) => explainAwsError(error, {...errors, region});
	const guard = async <T>(request: Promise<T>, region?: string): Promise<T> => {
		try {
			return await request;
		} catch (error) {
			throw explain(error, region);
		}
	};

	// Known from the config alone: refused before any AWS call.
	const layerProblems = layerRegionProblems(spec.function.layers, regions, `${file}: function.layers`);
	if (layerProblems.length > 0) {
		throw new ConfigError(layerProblems, file);
	}

	const account = accountNeeded(spec) ? await guard(accountId(regions[0]!, aws, signal), regions[0]) : undefined;
	let iam: IamApi | undefined;
	let rolePlan: RolePlan | undefined;
	if (spec.function.role === undefined) {
		iam = iamApi(regions[0]!, aws);
		const role = desiredRole(spec, {regions, account: account!});
		rolePlan = planRole(role, await guard(iam.observeRole(role.name, role.policyName, signal)));
	}

	const code: FunctionCode = shipment.packageType === 'Zip'
		? {packageType: 'Zip', zip: shipment.zip}
		: {packageType: 'Image', image: desiredImage(spec, shipment.source, shipment.registry)};
	const query = {functionName: spec.function.name, alias: spec.deploy.alias, accountConcurrency: spec.function.reserved_concurrency !== undefined};
	const observe = async (region: string): Promise<ObservedRegion> => {
		const seen = await lambdaApi(region, aws).observe(query, signal);
		if (code.packageType === 'Image' && code.image.source.kind === 'built') {
			seen.image = await observeImage(code.image, seen.function?.imageUri, ecrApi(region, aws), signal);
		}

		return seen;
	};

	const observed = await Promise.allSettled(regions.map(observe));

	const plan: Plan = {...(rolePlan ? {role: rolePlan} : {}), regions: []};
	const failed: RegionOutcome[] = [];
	const problems: Problem[] = [];
	const unchecked: string[] = [];
	observed.forEach((result, index) => {
		const region = regions[index]!;
		try {
			if (result.status === 'rejected') {
				throw result.reason;
			}

			const where = {region, account};
			const roleArn = spec.function.role === undefined ? rolePlan!.roleArn : fillArn(spec.function.role, where);
			const desired = desiredRegion(spec, code, where, roleArn);
			const seen = result.value;
			const problem = concurrencyProblem(region, desired.reservedConcurrency, seen.function?.reservedConcurrency, seen.accountConcurrency);
			if (problem) {
				problems.push({where: `${file}: function.reserved_concurrency`, message: problem});
			}

			if (seen.accountConcurrency === 'unsupported') {
				unchecked.push(region);
			}

			plan.regions.push(planRegion(desired, seen));
		} catch (error) {
			failed.push({
				region,
				functionName: spec.function.name,
				alias: spec.deploy.alias,
				status: 'failed',
				done: {create: [], update: [], delete: [], 'no-op': []},
				error: explain(error, region),
			});
		}
	});

	// The floor is a rule of the account, but the fix is in the config: refused before any write.
	if (problems.length > 0) {
		throw new ConfigError(problems, file);
	}

	const notes = [
		...rolePlan?.notes ?? [],
		...(unchecked.length === 0 ? [] : [
			`could not check function.reserved_concurrency against the account's unreserved floor in ${unchecked.join(', ')}: the endpoint does not implement GetAccountSettings (Lambda still refuses a reservation that leaves fewer than 100 unreserved).`,
		]),
	];
	return {plan, failed, iam, notes};
}
