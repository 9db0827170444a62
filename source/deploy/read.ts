// deploy's read phase: looks at the role (once: IAM is global) and at every
// region concurrently, checks what only AWS can tell, and plans. Nothing here
// writes; AWS is reached only through the injected senders.
import {ConfigError, type KnownError, type Problem} from '../errors.js';
import type {Spec} from '../spec/schema.js';
import {fillArn, needsAccount} from './placeholders.js';
import {desiredFunction} from './function.js';
import {desiredImage} from './image.js';
import {regionRuleProblems} from './region-rules.js';
import {observeRegion, planRegion, regionNotes, regionProblems, regionUnchecked} from './region.js';
import {resourceGrants, resourceNotes, resourcesNeedAccount, serviceRoles} from './registry.js';
import {request, type AwsSender} from './request.js';
import type {ManifestReader, RegionTarget} from './resource.js';
import {desiredRole, observeRole, planRole, planRoleRemoval, rolePolicyName} from './role.js';
import type {Shipment} from './shipment.js';
import type {FunctionCode, Plan, RegionPlan, RolePlan} from './types.js';

/** A region that could not be read or planned: reported, while the others go on. */
export interface FailedRegion {
	region: string;
	error: KnownError;
}

export interface PlannedDeploy {
	plan: Plan;
	failed: FailedRegion[];
	/** Things a person should know that do not stop the deploy. */
	notes: string[];
	/**
	 * The planned regions planned again from the same reads, with other layers: a companion
	 * extension's version, known only once published after the question (deploy).
	 */
	replan(layersIn: NonNullable<ReadInput['layersIn']>): RegionPlan[];
}

export interface ReadInput {
	spec: Spec;
	/** The config file's name, for problems. */
	file: string;
	regions: readonly string[];
	shipment: Shipment;
	senderFor: (region: string) => AwsSender;
	readManifest: ManifestReader;
	explain: (error: unknown, region?: string) => KnownError;
	signal?: AbortSignal | undefined;
	/** The function's layers in a region, from the config's: a companion extension's layer version added (deploy). */
	layersIn?: ((region: string, layers: readonly string[]) => string[]) | undefined;
}

export async function readAndPlan({spec, file, regions, shipment, senderFor, readManifest, explain, signal, layersIn}: ReadInput): Promise<PlannedDeploy> {
	const guard = async <T>(answer: Promise<T>, region?: string): Promise<T> => {
		try {
			return await answer;
		} catch (error) {
			throw explain(error, region);
		}
	};

	// Known from the config alone: refused before any AWS call.
	const configProblems = regionRuleProblems(spec, regions, file);
	if (configProblems.length > 0) {
		throw new ConfigError(configProblems, file);
	}

	const home = senderFor(regions[0]!);
	const account = accountNeeded(spec) ? (await guard(home.send(request('sts', 'GetCallerIdentity', {}), signal), home.region)).Account ?? '' : undefined;
	const scope = {regions, account: account!};
	const managed = spec.function.role === undefined ? desiredRole(spec, scope) : undefined;
	const code: FunctionCode = shipment.packageType === 'Zip'
		? {packageType: 'Zip', zip: shipment.zip}
		: {packageType: 'Image', image: desiredImage(spec, shipment.source, shipment.registry)};
	const targetsFor = (roleArn: string | undefined, layers = layersIn) => regions.map((region): RegionTarget => {
		const where = {region, account};
		const desired = desiredFunction(spec, code, where, roleArn ?? fillArn(spec.function.role!, where));
		return {spec, region, account, function: layers ? {...desired, settings: {...desired.settings, layers: layers(region, desired.settings.layers)}} : desired};
	});

	// The regions are read before the role is planned: some grants depend on what they show (a queue's KMS key,
	// versions still in a VPC). Reading needs no role ARN; planning gets the one the role plan settles on.
	const [observedRole, observed] = await Promise.all([
		managed ? guard(observeRole(home, managed.name, managed.policyName, signal)) : undefined,
		Promise.allSettled(targetsFor(managed?.arn).map(async target => observeRegion({aws: senderFor(target.region), readManifest}, target, signal))),
	]);
	const seen = observed.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
	const rolePlan: RolePlan | undefined = managed ? planRole(desiredRole(spec, scope, resourceGrants(spec, scope, seen)), observedRole) : undefined;
	const targets = targetsFor(rolePlan?.roleArn);

	// The roles of triggers' services: planned after the regions were read, which may show one still in use.
	const roleNotes: string[] = [];
	// A role deploy made that the config no longer needs. Credentials that may not read IAM are told, not stopped.
	const removal = async (service: (typeof serviceRoles)[number], name: string) => {
		const found = await observeRole(home, name, rolePolicyName, signal).catch((error: unknown) => {
			if (!accessDenied(error)) {
				throw explain(error, home.region);
			}

			roleNotes.push(`could not check for a ${service.kind.label} ${name} an earlier deploy made (the credentials lack iam:GetRole).`);
			return undefined;
		});
		return planRoleRemoval(name, service.kind, regions, found);
	};

	const servicePlans = await Promise.all(serviceRoles.flatMap(service => {
		const current = async () => {
			const wanted = service.desired(spec, scope);
			if (wanted) {
				return planRole(wanted, await guard(observeRole(home, wanted.name, wanted.policyName, signal)));
			}

			// Looked for only to remove what an earlier deploy made: when a region still has what used it, or when deploy
			// manages IAM anyway (a role left by a run that stopped early).
			return spec.function.role !== undefined && !seen.some(region => service.leftIn(region)) ? undefined : removal(service, service.name(spec));
		};

		// Roles named for an earlier config (deploy.alias changed) that the regions show were used.
		const stale = new Set(seen.flatMap(region => service.staleNames(region, spec)));
		stale.delete(service.name(spec));
		return [current(), ...[...stale].sort().map(async name => removal(service, name))];
	}));
	const roles = [...(rolePlan ? [rolePlan] : []), ...servicePlans.filter(plan => plan !== undefined)];

	const plan: Plan = {roles, regions: []};
	const failed: FailedRegion[] = [];
	const problems: Problem[] = [];
	const unchecked = new Map<string, string[]>();
	const regionalNotes: string[] = [];
	observed.forEach((result, index) => {
		const target = targets[index]!;
		try {
			if (result.status === 'rejected') {
				throw result.reason;
			}

			problems.push(...regionProblems(target, result.value).map(problem => ({where: `${file}: ${problem.key}`, message: problem.message})));
			for (const what of regionUnchecked(result.value)) {
				unchecked.set(what, [...unchecked.get(what) ?? [], target.region]);
			}

			regionalNotes.push(...regionNotes(target, result.value).map(note => `${target.region}: ${note}`));
			plan.regions.push(planRegion(target, result.value));
		} catch (error) {
			failed.push({region: target.region, error: explain(error, target.region)});
		}
	});

	// A rule of the account, but the fix is in the config: refused before any write.
	if (problems.length > 0) {
		throw new ConfigError(problems, file);
	}

	const notes = [
		...resourceNotes(spec),
		...roles.flatMap(role => role.notes),
		...roleNotes,
		...regionalNotes,
		...[...unchecked].map(([what, where]) => `could not check ${what} in ${where.join(', ')}.`),
	];
	const replan = (layers: NonNullable<ReadInput['layersIn']>) => {
		const again = targetsFor(rolePlan?.roleArn, layers);
		return observed.flatMap((result, index) => (result.status === 'fulfilled' && plan.regions.some(region => region.region === again[index]!.region) ? [planRegion(again[index]!, result.value)] : []));
	};

	return {plan, failed, notes, replan};
}

const accessDenied = (error: unknown) => ['AccessDenied', 'AccessDeniedException'].includes((error as {name?: string} | undefined)?.name ?? '');

/** The function's own ARNs in the config, for {region} and {account}. */
const functionArns = (spec: Spec) => [
	spec.function.role,
	...spec.function.layers,
	spec.async?.on_success,
	spec.async?.on_failure,
	spec.async?.dead_letter_arn,
].filter((arn): arn is string => arn !== undefined);

/** The account is looked up (STS) only when an ARN needs it: a placeholder, the managed role, a resource's own. */
export const accountNeeded = (spec: Spec): boolean =>
	spec.function.role === undefined || needsAccount(functionArns(spec)) || resourcesNeedAccount(spec);
