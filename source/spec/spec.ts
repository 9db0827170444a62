// rust-lambda.toml text + [env.NAME] + flags -> one validated Spec, or every problem at once.
import {parse as parseToml, TomlError} from 'smol-toml';
import {ConfigError, type Problem} from '../errors.js';
import {defaultExtensionName, defaultRoleName, defaults, defaultSteps, localDefaults} from './defaults.js';
import {architectureLayerName, extensionAloneIsZip, limits, names, reservedEnvironmentKeys} from './limits.js';
import {issueToProblems, keyPath, show, type Path} from './problems.js';
import {fileSchema, overlaySchema, type Overlay, type Spec} from './schema.js';
import {judgeRegion} from './regions.js';
import {didYouMean} from './suggest.js';

/** A flag that sets one config key: `--memory 512` is function.memory. */
export interface FlagValue {
	readonly flag: string;
	readonly path: readonly [string, string];
	readonly value: unknown;
}

export interface ConfigInput {
	/** The file's name as the person gave it, used in every message. */
	readonly file: string;
	/** The file's text; undefined when there is no file (flags only). */
	readonly text: string | undefined;
	readonly env?: string | undefined;
	readonly flags?: readonly FlagValue[];
}

export function loadSpec(input: ConfigInput): Spec {
	return specFromConfig(input.text === undefined ? {} : parseText(input.text, input.file), input);
}

/** The same checks on a config already in memory (the wizard's answers). */
export function specFromConfig(raw: unknown, input: Omit<ConfigInput, 'text'>): Spec {
	const {file} = input;
	const problems: Problem[] = [];
	const inFile = (path: Path) => `${file}: ${keyPath(path)}`;

	const checked = fileSchema.safeParse(raw, {reportInput: true});
	const invalid = new Set<string>();
	if (!checked.success) {
		problems.push(...checked.error.issues.flatMap(issue => issueToProblems(issue, inFile)));
		checked.error.issues.forEach(issue => markInvalid(invalid, issue));
	}

	const {env: environments = {}, ...base} = (raw ?? {}) as {env?: Record<string, Overlay>} & Overlay;
	let overlay: Overlay = {};
	if (input.env !== undefined) {
		const names = Object.keys(environments);
		if (Object.hasOwn(environments, input.env)) {
			overlay = environments[input.env] ?? {};
		} else {
			const has = names.length > 0 ? `it has ${names.join(', ')}` : 'it has no [env.*] tables';
			problems.push({where: '--env', message: `${show(input.env)} is not an environment in ${file} (${has})${didYouMean(input.env, names)}`});
		}
	}

	const flags = flagOverlay(input.flags ?? [], problems, invalid);
	const merged = merge(merge(base, overlay), flags) as Overlay;

	// Missing keys are reported with everything else. Rules across keys need
	// well-typed values: each runs only when the sections it reads are valid,
	// so that one wrong key elsewhere does not hide them.
	problems.push(...missingProblems(merged, inFile));
	problems.push(...crossKeyProblems(merged, inFile, validKeys(invalid)));

	if (problems.length > 0) {
		throw new ConfigError(problems, file);
	}

	const spec = withDefaults(merged);
	const others = otherAliases(spec, base, environments);
	return others.length === 0 ? spec : {...spec, otherAliases: others};
}

/** The function a config deploys: function.name, or the crate's name. */
const functionNameOf = (config: Overlay) => config.function?.name ?? config.project?.name;

const aliasOf = (config: Overlay) => config.deploy?.alias ?? defaults.deploy.alias;

/**
 * The aliases the file's environments (its own keys, and each [env.NAME] over
 * them; this run's flags are not the file's) deploy this run's function to,
 * other than this run's alias.
 */
function otherAliases(spec: Spec, base: Overlay, environments: Record<string, Overlay>): string[] {
	const configs = [base, ...Object.values(environments).map(overlay => merge(base, overlay) as Overlay)];
	const aliases = configs.filter(config => functionNameOf(config) === spec.function.name).map(config => aliasOf(config));
	return [...new Set(aliases)].filter(alias => alias !== spec.deploy.alias).sort();
}

function parseText(text: string, file: string): unknown {
	try {
		return parseToml(text);
	} catch (error) {
		if (error instanceof TomlError) {
			const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
			throw new ConfigError([{where: `${file}:${error.line}:${error.column}`, message: `not valid TOML: ${reason}`}], file);
		}

		throw error;
	}
}

/** The section a schema issue is in: its first key, or the third under [env.NAME]. */
/**
 * Remembers which key (section.key, or a whole section) holds a wrong value, so the
 * rules across keys skip only what reads it. An unknown key makes no other value wrong.
 */
function markInvalid(invalid: Set<string>, issue: {code: string; path: Path}): void {
	const path = issue.path[0] === 'env' ? issue.path.slice(2) : issue.path;
	if (issue.code !== 'unrecognized_keys' && path.length > 0) {
		invalid.add(path.slice(0, 2).map(String).join('.'));
	}
}

/** A checker: true when none of the keys (or the sections holding them) has a wrong value. */
function validKeys(invalid: ReadonlySet<string>) {
	return (...keys: string[]) => keys.every(key => ![...invalid].some(bad => bad === key || key.startsWith(`${bad}.`) || bad.startsWith(`${key}.`)));
}

function flagOverlay(flags: readonly FlagValue[], problems: Problem[], invalid: Set<string>): Overlay {
	const overlay: Record<string, Record<string, unknown>> = {};
	for (const {path: [section, key], value} of flags) {
		(overlay[section] ??= {})[key] = value;
	}

	const checked = overlaySchema.safeParse(overlay, {reportInput: true});
	if (!checked.success) {
		const flagAt = (path: Path) =>
			flags.find(flag => flag.path[0] === path[0] && flag.path[1] === path[1])?.flag ?? keyPath(path);
		for (const issue of checked.error.issues) {
			problems.push(...issueToProblems(issue, flagAt));
			markInvalid(invalid, issue);
		}
	}

	return overlay as Overlay;
}

function isTable(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Tables merge key by key; anything else (numbers, strings, lists) is replaced.
 * A table is never replaced by a non-table: the schema reports that value, and
 * keeping the table avoids a second, misleading problem (project.name is required).
 */
function merge(base: unknown, over: unknown): unknown {
	if (!isTable(base) || !isTable(over)) {
		return over === undefined || isTable(base) ? base : over;
	}

	const result: Record<string, unknown> = {...base};
	for (const [key, value] of Object.entries(over)) {
		result[key] = merge(base[key], value);
	}

	return result;
}

/** Keys that must be there, in the merged config. */
function missingProblems(config: Overlay, where: (path: Path) => string): Problem[] {
	const problems: Problem[] = [];
	const add = (path: Path, message: string) => problems.push({where: where(path), message});
	const {project} = config;

	if (project?.name === undefined) {
		add(['project', 'name'], 'is required: the crate name, e.g. name = "orders"');
	}

	// Only a valid kind other than function needs [extension]; a mistyped kind is reported by the schema.
	const kind = project?.kind ?? defaults.project.kind;
	if ((kind === 'extension' || kind === 'function+extension') && config.extension?.kind === undefined) {
		add(['extension', 'kind'], `is required when project.kind is ${show(kind)}: one of events, logs, telemetry`);
	}

	if (isTable(config.vpc)) {
		for (const key of ['subnet_ids', 'security_group_ids'] as const) {
			if (config.vpc[key] === undefined) {
				add(['vpc', key], 'is required when [vpc] is set: a function in a VPC needs subnets and security groups');
			}
		}
	}

	return problems;
}

/** Rules that span keys, checked on the merged config: each only when the keys it reads are valid. */
function crossKeyProblems(config: Overlay, where: (path: Path) => string, valid: (...keys: string[]) => boolean): Problem[] {
	const problems: Problem[] = [];
	const add = (path: Path, message: string) => problems.push({where: where(path), message});
	functionProblems(config, add, valid);
	defaultRoleNameProblems(config, add, valid);
	// Each trigger's section describes its source; deploy wires only project.trigger's, so another one would be ignored.
	const trigger = config.project?.trigger ?? defaults.project.trigger;
	for (const section of ['http', 'sns', 's3', 'schedule', 'dynamodb', 'kinesis'] as const) {
		if (config[section] && valid('project.trigger') && trigger !== section) {
			add([section], `is set but project.trigger is not "${section}": remove [${section}] or set trigger = "${section}"`);
		}
	}

	sqsProblems(config, add, valid);
	arnRegionProblems(config, add);
	if (valid('project.kind', 'project.name', 'project.packaging', 'extension.internal', 'extension.name')) {
		extensionProblems(config, add);
	}

	if (valid('layer.name', 'layer.architectures', 'extension.layer_name')) {
		layerNameProblems(config, add);
	}

	return problems;
}

/** With two architectures each layer is named <name>-<architecture>: that name, too, must be one Lambda takes. */
function layerNameProblems(config: Overlay, add: Add): void {
	const architectures = config.layer?.architectures ?? [];
	const [key, name] = config.layer?.name === undefined ? [['extension', 'layer_name'], config.extension?.layer_name] : [['layer', 'name'], config.layer.name];
	const refused = architectures.length < 2 || name === undefined ? undefined : architectures.map(architecture => architectureLayerName(name, architecture)).find(each => !names.layer.pattern.test(each));
	if (refused !== undefined) {
		add(key, `is ${name!.length} characters, and with two layer.architectures each layer is named <name>-<architecture> (${refused}: ${refused.length}), which must be ${names.layer.rule}: shorten the name`);
	}
}

type Add = (path: Path, message: string) => void;
type Valid = (...keys: string[]) => boolean;

function functionProblems(config: Overlay, add: Add, valid: Valid): void {
	const {project} = config;
	if (valid('project.packaging', 'function.layers') && (project?.packaging ?? defaults.project.packaging) === 'image' && (config.function?.layers?.length ?? 0) > 0) {
		add(['function', 'layers'], 'must be empty for an image function: images take no layers, so put extensions in /opt/extensions inside the image');
	}

	if (!valid('function.environment')) {
		return;
	}

	const environment = config.function?.environment ?? {};
	for (const key of Object.keys(environment)) {
		if (reservedEnvironmentKeys.has(key)) {
			add(['function', 'environment', key], 'is reserved: Lambda sets it itself; choose another name');
		}
	}

	// Lambda counts the variables as it stores them: JSON text, in UTF-8 bytes (quotes, braces and escapes included).
	const environmentSize = Buffer.byteLength(JSON.stringify(environment), 'utf8');
	if (environmentSize > limits.environmentBytes) {
		add(['function', 'environment'], `is ${environmentSize} bytes as JSON: Lambda allows at most ${limits.environmentBytes} bytes of variables in total`);
	}
}

/** The role deploy would create under its default name must pass IAM's rule like a name that is set. */
function defaultRoleNameProblems(config: Overlay, add: Add, valid: Valid): void {
	if (!valid('function.role', 'function.role_name', 'function.name', 'project.name') || config.function?.role !== undefined || config.function?.role_name !== undefined) {
		return;
	}

	const functionName = functionNameOf(config);
	if (functionName === undefined) {
		return;
	}

	const roleName = defaultRoleName(functionName);
	if (!names.role.pattern.test(roleName)) {
		add(['function', 'role_name'], `is not set, and the default ${show(roleName)} is ${roleName.length} characters: it must be ${names.role.rule}; set function.role_name (or function.role)`);
	}
}

function extensionProblems(config: Overlay, add: Add): void {
	const kind = config.project?.kind ?? defaults.project.kind;
	if (kind === 'extension' && config.project?.packaging === 'image') {
		add(['project', 'packaging'], `must be "zip" when project.kind is "extension": ${extensionAloneIsZip}`);
	}

	if (kind === 'extension' && config.extension?.internal === true) {
		add(['extension', 'internal'], 'must be false when project.kind is "extension": an internal extension runs inside a function\'s process; set project.kind = "function+extension" to build both');
	}

	// An external extension is a second binary of the function's crate, and two binaries cannot share a name.
	if (kind === 'function+extension' && config.extension?.internal !== true && config.extension?.name === config.project?.name) {
		add(['extension', 'name'], `must differ from project.name ("${config.project?.name}"): the function and the extension are two binaries of one crate`);
	}
}

function sqsProblems(config: Overlay, add: Add, valid: Valid): void {
	const {project, sqs} = config;
	if (!isTable(sqs)) {
		return;
	}

	if (valid('project.trigger') && (project?.trigger ?? defaults.project.trigger) !== 'sqs') {
		add(['sqs'], 'is set but project.trigger is not "sqs": remove [sqs] or set trigger = "sqs"');
	}

	if (!valid('sqs.fifo', 'sqs.queue_arn', 'sqs.batch_size', 'sqs.batching_window_seconds')) {
		return;
	}

	const batch = sqs.batch_size ?? defaults.sqs.batch_size;
	const window = sqs.batching_window_seconds ?? defaults.sqs.batching_window_seconds;
	const arnIsFifo = sqs.queue_arn?.endsWith('.fifo');
	if (sqs.fifo !== undefined && arnIsFifo !== undefined && sqs.fifo !== arnIsFifo) {
		add(['sqs', 'fifo'], `is ${sqs.fifo} but the queue ARN ${arnIsFifo ? 'ends' : 'does not end'} in .fifo: FIFO queue names end in .fifo`);
	}

	if (sqs.fifo ?? arnIsFifo) {
		if (batch > limits.sqsFifoBatchSize.max) {
			add(['sqs', 'batch_size'], `${batch} is too large for a FIFO queue: at most ${limits.sqsFifoBatchSize.max}`);
		}

		if (sqs.batching_window_seconds !== undefined && window > 0) {
			add(['sqs', 'batching_window_seconds'], 'must be 0 or unset for a FIFO queue: Lambda has no batching window for FIFO');
		}
	} else if (batch > limits.sqsBatchSizeWithoutWindow && window < 1) {
		add(['sqs', 'batch_size'], `${batch} needs sqs.batching_window_seconds >= 1 (Lambda requires a window for batches over ${limits.sqsBatchSizeWithoutWindow})`);
	}
}

/** Fills defaults (defaults.ts); call only on a config that passed every check. */
function withDefaults(config: Overlay): Spec {
	const project = {
		name: config.project!.name!,
		kind: config.project?.kind ?? defaults.project.kind,
		trigger: config.project?.trigger ?? defaults.project.trigger,
		packaging: config.project?.packaging ?? defaults.project.packaging,
		architecture: config.project?.architecture ?? defaults.project.architecture,
	};
	const strategy = config.rollout?.strategy ?? defaults.rollout.strategy;
	const functionName = functionNameOf(config)!;
	const local = localDefaults(project.trigger);
	const spec: Spec = {
		project,
		function: {
			...withoutUndefined(config.function ?? {}),
			name: functionName,
			role_name: config.function?.role_name ?? defaultRoleName(functionName),
			memory: config.function?.memory ?? defaults.function.memory,
			timeout: config.function?.timeout ?? defaults.function.timeout,
			environment: config.function?.environment ?? {},
			layers: config.function?.layers ?? [],
		},
		local: {
			sam: config.local?.sam ?? local.sam,
			localstack: config.local?.localstack ?? local.localstack,
			artillery: config.local?.artillery ?? local.artillery,
		},
		deploy: {regions: config.deploy?.regions ?? [], alias: aliasOf(config)},
		rollout: {
			...withoutUndefined(config.rollout ?? {}),
			strategy,
			steps: config.rollout?.steps ?? [...defaultSteps[strategy]],
			interval_seconds: config.rollout?.interval_seconds ?? defaults.rollout.interval_seconds,
			max_errors: config.rollout?.max_errors ?? defaults.rollout.max_errors,
		},
	};

	if (config.vpc) {
		spec.vpc = {subnet_ids: config.vpc.subnet_ids!, security_group_ids: config.vpc.security_group_ids!};
	}

	if (config.async) {
		spec.async = withoutUndefined(config.async);
	}

	if (config.sqs) {
		spec.sqs = {
			...withoutUndefined(config.sqs),
			fifo: config.sqs.fifo ?? config.sqs.queue_arn?.endsWith('.fifo') ?? defaults.sqs.fifo,
			batch_size: config.sqs.batch_size ?? defaults.sqs.batch_size,
			batching_window_seconds: config.sqs.batching_window_seconds ?? defaults.sqs.batching_window_seconds,
			report_batch_item_failures: config.sqs.report_batch_item_failures ?? defaults.sqs.report_batch_item_failures,
		};
	}

	if (project.kind !== 'function' || config.extension) {
		const name = config.extension?.name ?? defaultExtensionName(project);
		spec.extension = {
			name,
			kind: config.extension?.kind ?? defaults.extension.kind,
			internal: config.extension?.internal ?? defaults.extension.internal,
			layer_name: config.extension?.layer_name ?? name,
		};
	}

	if (config.layer) {
		spec.layer = withoutUndefined(config.layer);
	}

	if (project.packaging === 'image' || config.image) {
		spec.image = {
			repository: config.image?.repository ?? project.name,
			dockerfile: config.image?.dockerfile ?? defaults.image.dockerfile,
			base: config.image?.base ?? defaults.image.base,
		};
	}

	if (project.trigger === 'http') {
		spec.http = {...withoutUndefined(config.http ?? {}), endpoint: config.http?.endpoint ?? defaults.http.endpoint, auth: config.http?.auth ?? defaults.http.auth};
	}

	if (project.trigger === 'sns') {
		spec.sns = withoutUndefined(config.sns ?? {});
	}

	if (project.trigger === 's3') {
		spec.s3 = {...withoutUndefined(config.s3 ?? {}), events: config.s3?.events ?? [...defaults.s3.events]};
	}

	if (project.trigger === 'schedule') {
		spec.schedule = withoutUndefined(config.schedule ?? {});
	}

	if (project.trigger === 'dynamodb') {
		spec.dynamodb = {...withoutUndefined(config.dynamodb ?? {}), starting_position: config.dynamodb?.starting_position ?? defaults.dynamodb.starting_position};
	}

	if (project.trigger === 'kinesis') {
		spec.kinesis = {...withoutUndefined(config.kinesis ?? {}), starting_position: config.kinesis?.starting_position ?? defaults.kinesis.starting_position};
	}

	return spec;
}

/** The keys that have a value: the Spec's optional keys are absent, never undefined. */
function withoutUndefined<T extends object>(value: T): {[K in keyof T]: Exclude<T[K], undefined>} {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {[K in keyof T]: Exclude<T[K], undefined>};
}

/** Every ARN in the config, with its key: a mistyped region inside one (us-easst-1) is said at its key. */
function arnRegionProblems(config: Overlay, add: Add): void {
	const walk = (value: unknown, path: Path): void => {
		if (typeof value === 'string' && value.startsWith('arn:')) {
			const arnRegion = value.split(':')[3] ?? '';
			const judged = arnRegion === '' || arnRegion === '{region}' ? undefined : judgeRegion(arnRegion);
			if (judged?.verdict === 'wrong') {
				add(path, `${show(value)} names a region that is not one: ${judged.problem}`);
			}
		} else if (Array.isArray(value)) {
			value.forEach((item, index) => {
				walk(item, [...path, index]);
			});
		} else if (isTable(value)) {
			for (const [key, item] of Object.entries(value)) {
				walk(item, [...path, key]);
			}
		}
	};

	for (const [section, value] of Object.entries(config)) {
		if (section !== 'env') {
			walk(value, [section]);
		}
	}
}
