// loadSpec: rust-lambda.toml text + [env.NAME] + flags -> one Spec, or every problem at once.
import {describe, expect, test} from 'vitest';
import {ConfigError, type Problem} from '../source/errors.js';
import {loadSpec, type ConfigInput, type FlagValue} from '../source/spec/spec.js';

const file = 'rust-lambda.toml';
const minimal = '[project]\nname = "orders"\n';

function load(text: string | undefined, options: Partial<ConfigInput> = {}) {
	return loadSpec({file, text, ...options});
}

/** The ConfigError loadSpec throws; fails the test when it does not throw one. */
function problemsOf(text: string | undefined, options: Partial<ConfigInput> = {}): readonly Problem[] {
	try {
		load(text, options);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as ConfigError).problems;
	}

	expect.fail('loadSpec accepted a config it should have refused');
}

// DESIGN.md, "Reference (v1): keys and flags that stay stable", verbatim.
const reference = `
[project]
name = "orders"                # crate name
kind = "function"              # function | extension | function+extension
trigger = "sqs"                # http | sqs | sns | s3 | schedule | dynamodb | kinesis | json
packaging = "zip"              # zip | image
architecture = "arm64"         # arm64 | x86_64

[function]
name = "orders"                # AWS function name; defaults to project.name
memory = 256                   # MB
timeout = 30                   # seconds
role = "arn:aws:iam::123456789012:role/orders-role"  # omitted: deploy creates a least-privilege role
environment = { RUST_LOG = "info" }
reserved_concurrency = 10      # omitted: none
layers = []                    # layer version ARNs

[vpc]
subnet_ids = ["subnet-0abc1234"]
security_group_ids = ["sg-0abc1234"]

[async]
max_retry_attempts = 1
max_event_age_seconds = 3600
on_success = "arn:aws:sqs:us-east-1:123456789012:done"
on_failure = "arn:aws:sqs:us-east-1:123456789012:failed"

[sqs]
queue_arn = "arn:aws:sqs:us-east-1:123456789012:orders"
batch_size = 10
batching_window_seconds = 5
report_batch_item_failures = true
max_concurrency = 5            # optional

[extension]
name = "log-shipper"
kind = "logs"                  # events | logs | telemetry
internal = false
layer_name = "log-shipper"

[image]
repository = "orders"          # ECR repository name
dockerfile = "Dockerfile"

[deploy]
regions = ["us-east-1"]
alias = "live"

[rollout]
strategy = "canary"            # all-at-once | canary | linear | manual
steps = [10, 100]              # percent of traffic on the new version
interval_seconds = 300
max_errors = 0                 # Errors + Throttles allowed per step
smoke_event = "events/sqs.json"  # optional

[env.prod.deploy]              # any section can be overridden per environment
regions = ["us-east-1", "eu-west-1"]
`;

describe('a valid config', () => {
	test('a minimal config gets every default', () => {
		expect(load(minimal)).toEqual({
			project: {name: 'orders', kind: 'function', trigger: 'json', packaging: 'zip', architecture: 'arm64'},
			function: {name: 'orders', role_name: 'orders-role', memory: 128, timeout: 3, environment: {}, layers: []},
			local: {sam: true, localstack: true, artillery: false},
			deploy: {regions: [], alias: 'live'},
			rollout: {strategy: 'all-at-once', steps: [100], interval_seconds: 300, max_errors: 0},
		});
	});

	test('function.name defaults to project.name, and an explicit one wins', () => {
		expect(load('[project]\nname = "billing"\n').function.name).toBe('billing');
		expect(load('[project]\nname = "billing"\n[function]\nname = "Billing-Prod_1"\n').function.name).toBe('Billing-Prod_1');
	});

	test('the DESIGN.md v1 reference example loads with every value it sets', () => {
		const spec = load(reference);
		expect(spec.project).toEqual({name: 'orders', kind: 'function', trigger: 'sqs', packaging: 'zip', architecture: 'arm64'});
		expect(spec.function).toEqual({
			name: 'orders',
			memory: 256,
			timeout: 30,
			role: 'arn:aws:iam::123456789012:role/orders-role',
			role_name: 'orders-role',
			environment: {RUST_LOG: 'info'},
			reserved_concurrency: 10,
			layers: [],
		});
		expect(spec.vpc).toEqual({subnet_ids: ['subnet-0abc1234'], security_group_ids: ['sg-0abc1234']});
		expect(spec.async).toEqual({
			max_retry_attempts: 1,
			max_event_age_seconds: 3600,
			on_success: 'arn:aws:sqs:us-east-1:123456789012:done',
			on_failure: 'arn:aws:sqs:us-east-1:123456789012:failed',
		});
		expect(spec.sqs).toEqual({
			queue_arn: 'arn:aws:sqs:us-east-1:123456789012:orders',
			fifo: false,
			batch_size: 10,
			batching_window_seconds: 5,
			report_batch_item_failures: true,
			max_concurrency: 5,
		});
		expect(spec.extension).toEqual({name: 'log-shipper', kind: 'logs', internal: false, layer_name: 'log-shipper'});
		expect(spec.image).toEqual({repository: 'orders', dockerfile: 'Dockerfile', base: 'multi-stage'});
		expect(spec.deploy).toEqual({regions: ['us-east-1'], alias: 'live'});
		expect(spec.rollout).toEqual({strategy: 'canary', steps: [10, 100], interval_seconds: 300, max_errors: 0, smoke_event: 'events/sqs.json'});
	});

	test('the reference example with --env prod takes the prod regions', () => {
		expect(load(reference, {env: 'prod'}).deploy).toEqual({regions: ['us-east-1', 'eu-west-1'], alias: 'live'});
	});

	test.each([
		['canary', [10, 100]],
		['linear', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]],
		['manual', [10, 50, 100]],
		['all-at-once', [100]],
	])('rollout strategy %s without steps gets steps %j', (strategy, steps) => {
		expect(load(`${minimal}[rollout]\nstrategy = "${strategy}"\n`).rollout.steps).toEqual(steps);
	});

	test('an extension project gets an [extension] named after the project', () => {
		expect(load('[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "telemetry"\n').extension).toEqual({
			name: 'shipper',
			kind: 'telemetry',
			internal: false,
			layer_name: 'shipper',
		});
	});

	test('an image project gets an [image] named after the project', () => {
		expect(load('[project]\nname = "orders"\npackaging = "image"\n').image).toEqual({repository: 'orders', dockerfile: 'Dockerfile', base: 'multi-stage'});
	});

	test('an HTTP project gets a function URL without auth, and load-test files', () => {
		const spec = load('[project]\nname = "orders"\ntrigger = "http"\n');
		expect(spec.http).toEqual({endpoint: 'function-url', auth: 'none'});
		expect(spec.local.artillery).toBe(true);
	});

	test('[sqs] fifo follows the queue ARN, and a contradicting fifo key is an error', () => {
		const sqs = (body: string) => `[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\n${body}`;
		expect(load(sqs('queue_arn = "arn:aws:sqs:us-east-1:123456789012:o.fifo"\n')).sqs?.fifo).toBe(true);
		expect(load(sqs('fifo = true\nbatch_size = 10\n')).sqs?.fifo).toBe(true);
		expect(problemsOf(sqs('fifo = false\nqueue_arn = "arn:aws:sqs:us-east-1:123456789012:o.fifo"\n'))).toEqual([
			{where: 'rust-lambda.toml: sqs.fifo', message: 'is false but the queue ARN ends in .fifo: FIFO queue names end in .fifo'},
		]);
		expect(problemsOf(sqs('fifo = true\nbatch_size = 20\nbatching_window_seconds = 1\n')).map(problem => problem.where)).toEqual([
			'rust-lambda.toml: sqs.batch_size',
			'rust-lambda.toml: sqs.batching_window_seconds',
		]);
	});

	test('[http] on a non-HTTP project is an error', () => {
		expect(problemsOf(`${minimal}[http]\nauth = "iam"\n`).map(problem => problem.where)).toEqual(['rust-lambda.toml: http']);
	});

	test('[sqs] gets batch 10, window 0 and partial-failure reporting by default', () => {
		expect(load('[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\n').sqs).toEqual({
			fifo: false,
			batch_size: 10,
			batching_window_seconds: 0,
			report_batch_item_failures: true,
		});
	});

	test.each([
		['an SQS queue ARN', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders"\n', (spec: ReturnType<typeof load>) => spec.sqs?.queue_arn, 'arn:aws:sqs:{region}:{account}:orders'],
		['a FIFO queue ARN', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders.fifo"\n', (spec: ReturnType<typeof load>) => spec.sqs?.queue_arn, 'arn:aws:sqs:{region}:{account}:orders.fifo'],
		['a role ARN', `${minimal}[function]\nrole = "arn:aws:iam::{account}:role/orders-role"\n`, (spec: ReturnType<typeof load>) => spec.function.role, 'arn:aws:iam::{account}:role/orders-role'],
		['a layer ARN', `${minimal}[function]\nlayers = ["arn:aws:lambda:{region}:{account}:layer:shipper:3"]\n`, (spec: ReturnType<typeof load>) => spec.function.layers[0], 'arn:aws:lambda:{region}:{account}:layer:shipper:3'],
		['a destination ARN', `${minimal}[async]\non_failure = "arn:aws:sns:{region}:{account}:failed"\n`, (spec: ReturnType<typeof load>) => spec.async?.on_failure, 'arn:aws:sns:{region}:{account}:failed'],
	])('%s may use {region} and {account} placeholders', (_name, text, pick, expected) => {
		expect(pick(load(text))).toBe(expected);
	});

	test.each([
		['us-gov-west-1'],
		['cn-north-1'],
		['ap-southeast-7'],
		['eu-central-2'],
	])('region %s is accepted', region => {
		expect(load(`${minimal}[deploy]\nregions = ["${region}"]\n`).deploy.regions).toEqual([region]);
	});

	test('S3 is accepted as an on-failure destination', () => {
		expect(load(`${minimal}[async]\non_failure = "arn:aws:s3:::my-bucket"\n`).async?.on_failure).toBe('arn:aws:s3:::my-bucket');
	});

	test('no file and flags only: project.name is still required', () => {
		expect(problemsOf(undefined)).toEqual([
			{where: 'rust-lambda.toml: project.name', message: expect.stringContaining('is required')},
		]);
	});
});

describe('[env.NAME] and flags', () => {
	const withEnvironments = `${minimal}
[function]
memory = 256
environment = { RUST_LOG = "info" }

[deploy]
regions = ["us-east-1"]
alias = "live"

[env.prod.function]
memory = 512
environment = { STAGE = "prod" }

[env.prod.deploy]
regions = ["us-east-1", "eu-west-1"]
alias = "prod"

[env.staging.deploy]
alias = "staging"
`;

	test('without --env the base values are used', () => {
		const spec = load(withEnvironments);
		expect(spec.function.memory).toBe(256);
		expect(spec.deploy).toEqual({regions: ['us-east-1'], alias: 'live'});
	});

	test('--env prod applies the [env.prod] overrides, keeping keys it does not set', () => {
		const spec = load(withEnvironments, {env: 'prod'});
		expect(spec.function.memory).toBe(512);
		expect(spec.function.timeout).toBe(3);
		expect(spec.function.environment).toEqual({RUST_LOG: 'info', STAGE: 'prod'});
		expect(spec.deploy).toEqual({regions: ['us-east-1', 'eu-west-1'], alias: 'prod'});
	});

	test('--env staging overrides only the alias', () => {
		const spec = load(withEnvironments, {env: 'staging'});
		expect(spec.function.memory).toBe(256);
		expect(spec.deploy).toEqual({regions: ['us-east-1'], alias: 'staging'});
	});

	test('the other aliases the file deploys the function to are known (deploy leaves their triggers be); flags are not the file\'s', () => {
		expect(load(minimal).otherAliases).toBeUndefined();
		expect(load(withEnvironments).otherAliases).toEqual(['prod', 'staging']);
		expect(load(withEnvironments, {env: 'prod'}).otherAliases).toEqual(['live', 'staging']);
		const blue: FlagValue = {flag: '--alias', path: ['deploy', 'alias'], value: 'blue'};
		expect(load(withEnvironments, {env: 'prod', flags: [blue]}).otherAliases).toEqual(['live', 'prod', 'staging']);
		// An environment that deploys another function names no alias of this one.
		const billing = `${withEnvironments}\n[env.billing.function]\nname = "billing"\n\n[env.billing.deploy]\nalias = "nightly"\n`;
		expect(load(billing).otherAliases).toEqual(['prod', 'staging']);
		expect(load(billing, {env: 'billing'}).otherAliases).toBeUndefined();
	});

	test('a missing environment is an error naming the ones there are', () => {
		const problems = problemsOf(withEnvironments, {env: 'production'});
		expect(problems).toHaveLength(1);
		expect(problems[0]!.where).toBe('--env');
		expect(problems[0]!.message).toContain('"production" is not an environment in rust-lambda.toml');
		expect(problems[0]!.message).toContain('prod, staging');
	});

	test('a mistyped environment gets "did you mean"', () => {
		const [problem] = problemsOf(withEnvironments, {env: 'stagign'});
		expect(problem!.message).toContain('did you mean staging?');
	});

	test('--env on a file without [env.*] says so', () => {
		expect(problemsOf(minimal, {env: 'prod'})).toEqual([
			{where: '--env', message: expect.stringContaining('no [env.*] tables')},
		]);
	});

	test('flags override both the file and the environment', () => {
		const flags: FlagValue[] = [
			{flag: '--memory', path: ['function', 'memory'], value: 1024},
			{flag: '--timeout', path: ['function', 'timeout'], value: 60},
			{flag: '--region', path: ['deploy', 'regions'], value: ['ap-south-1']},
			{flag: '--alias', path: ['deploy', 'alias'], value: 'blue'},
			{flag: '--role', path: ['function', 'role'], value: 'arn:aws:iam::123456789012:role/flag-role'},
		];
		const spec = load(withEnvironments, {env: 'prod', flags});
		expect(spec.function.memory).toBe(1024);
		expect(spec.function.timeout).toBe(60);
		expect(spec.function.role).toBe('arn:aws:iam::123456789012:role/flag-role');
		expect(spec.deploy).toEqual({regions: ['ap-south-1'], alias: 'blue'});
		// Keys no flag sets still come from the environment.
		expect(spec.function.environment).toEqual({RUST_LOG: 'info', STAGE: 'prod'});
	});

	test('flags alone, without a file, still need project.name', () => {
		const problems = problemsOf(undefined, {flags: [{flag: '--memory', path: ['function', 'memory'], value: 512}]});
		expect(problems.map(problem => problem.where)).toEqual(['rust-lambda.toml: project.name']);
	});

	test.each<[string, FlagValue, string]>([
		['memory "abc"', {flag: '--memory', path: ['function', 'memory'], value: 'abc'}, '"abc" must be a number'],
		['memory 64', {flag: '--memory', path: ['function', 'memory'], value: 64}, '64 must be a whole number from 128 to 10240 MB'],
		['memory 99999', {flag: '--memory', path: ['function', 'memory'], value: 99_999}, 'from 128 to 10240 MB'],
		['timeout 0', {flag: '--timeout', path: ['function', 'timeout'], value: 0}, 'from 1 to 900 s'],
		['timeout 1[5]', {flag: '--timeout', path: ['function', 'timeout'], value: 1.5}, 'a whole number'],
		['region us-east1', {flag: '--region', path: ['deploy', 'regions'], value: ['us-east1']}, 'an AWS region such as us-east-1'],
		['alias 123', {flag: '--alias', path: ['deploy', 'alias'], value: '123'}, 'not all digits'],
		['role not an ARN', {flag: '--role', path: ['function', 'role'], value: 'orders-role'}, 'an IAM role ARN'],
	])('a flag with a bad value (%s) is reported at the flag', (_name, flag, message) => {
		const problems = problemsOf(minimal, {flags: [flag]});
		expect(problems).toHaveLength(1);
		expect(problems[0]!.where).toBe(flag.flag);
		expect(problems[0]!.message).toContain(message);
	});

	test('a bad flag is reported together with problems in the file', () => {
		const problems = problemsOf(`${minimal}[function]\ntimeout = 901\n`, {
			flags: [{flag: '--memory', path: ['function', 'memory'], value: 'abc'}],
		});
		expect(problems.map(problem => problem.where).sort()).toEqual(['--memory', 'rust-lambda.toml: function.timeout']);
	});

	test('a bad value inside [env.NAME] is reported at its env key path', () => {
		const problems = problemsOf(`${minimal}[env.prod.function]\nmemory = 64\n`);
		expect(problems).toEqual([
			{where: 'rust-lambda.toml: env.prod.function.memory', message: expect.stringContaining('from 128 to 10240 MB')},
		]);
	});

	test('an unknown key inside [env.NAME] gets "did you mean"', () => {
		expect(problemsOf(`${minimal}[env.prod.functon]\nmemory = 256\n`)).toEqual([
			{where: 'rust-lambda.toml: env.prod.functon', message: 'unknown key (did you mean function?)'},
		]);
	});
});

describe('every invalid value is a problem with the file, the key and the rule', () => {
	test.each<[string, string, string, string]>([
		// [name, the TOML after [project] name, the key path, a fragment of the rule]
		['crate name with capitals', '[project]\nname = "Orders"\n', 'project.name', 'a crate name'],
		['crate name not a string', '[project]\nname = 5\n', 'project.name', '5 must be a string'],
		['unknown kind', `${minimal}kind = "library"\n`, 'project.kind', 'must be one of function, extension, function+extension'],
		['unknown packaging', '[project]\nname = "orders"\npackaging = "tar"\n', 'project.packaging', 'must be one of zip, image'],
		['unknown architecture', '[project]\nname = "orders"\narchitecture = "arm"\n', 'project.architecture', 'must be one of arm64, x86_64'],
		['function name with a space', `${minimal}[function]\nname = "my function"\n`, 'function.name', 'a function name: 1–64 letters, digits, - or _'],
		['function name of 65 characters', `${minimal}[function]\nname = "${'a'.repeat(65)}"\n`, 'function.name', 'a function name'],
		['memory 127', `${minimal}[function]\nmemory = 127\n`, 'function.memory', 'a whole number from 128 to 10240 MB'],
		['memory 10241', `${minimal}[function]\nmemory = 10241\n`, 'function.memory', 'from 128 to 10240 MB'],
		['memory as a string', `${minimal}[function]\nmemory = "256"\n`, 'function.memory', '"256" must be a number'],
		['memory as a float', `${minimal}[function]\nmemory = 256.5\n`, 'function.memory', 'a whole number'],
		['timeout 0', `${minimal}[function]\ntimeout = 0\n`, 'function.timeout', 'from 1 to 900 s'],
		['timeout 901', `${minimal}[function]\ntimeout = 901\n`, 'function.timeout', 'from 1 to 900 s'],
		['role not an ARN', `${minimal}[function]\nrole = "orders-role"\n`, 'function.role', 'an IAM role ARN'],
		['role ARN of a user', `${minimal}[function]\nrole = "arn:aws:iam::123456789012:user/bob"\n`, 'function.role', 'an IAM role ARN'],
		['role ARN with a short account', `${minimal}[function]\nrole = "arn:aws:iam::12345:role/x"\n`, 'function.role', 'an IAM role ARN'],
		['environment value not a string', `${minimal}[function]\nenvironment = { PORT = 8080 }\n`, 'function.environment.PORT', '8080 must be a string'],
		['environment key starting with a digit', `${minimal}[function]\nenvironment = { "1PORT" = "8080" }\n`, 'function.environment.1PORT', 'key "1PORT" must be an environment variable name'],
		['reserved concurrency -1', `${minimal}[function]\nreserved_concurrency = -1\n`, 'function.reserved_concurrency', 'a whole number from 0'],
		['layer not an ARN', `${minimal}[function]\nlayers = ["shipper"]\n`, 'function.layers[0]', 'a layer version ARN'],
		['layer without a version', `${minimal}[function]\nlayers = ["arn:aws:lambda:us-east-1:123456789012:layer:shipper"]\n`, 'function.layers[0]', 'a layer version ARN'],
		['layers not a list', `${minimal}[function]\nlayers = "arn"\n`, 'function.layers', 'must be a list'],
		['subnet ID', `${minimal}[vpc]\nsubnet_ids = ["subnet-xyz"]\nsecurity_group_ids = ["sg-0abc1234"]\n`, 'vpc.subnet_ids[0]', 'a subnet ID'],
		['security group ID', `${minimal}[vpc]\nsubnet_ids = ["subnet-0abc1234"]\nsecurity_group_ids = ["sg-1"]\n`, 'vpc.security_group_ids[0]', 'a security group ID'],
		['empty subnet list', `${minimal}[vpc]\nsubnet_ids = []\nsecurity_group_ids = ["sg-0abc1234"]\n`, 'vpc.subnet_ids', 'at least one subnet'],
		['retry attempts 3', `${minimal}[async]\nmax_retry_attempts = 3\n`, 'async.max_retry_attempts', 'from 0 to 2'],
		['event age 59', `${minimal}[async]\nmax_event_age_seconds = 59\n`, 'async.max_event_age_seconds', 'from 60 to 21600 s'],
		['event age 21601', `${minimal}[async]\nmax_event_age_seconds = 21601\n`, 'async.max_event_age_seconds', 'from 60 to 21600 s'],
		['S3 on success', `${minimal}[async]\non_success = "arn:aws:s3:::my-bucket"\n`, 'async.on_success', 'S3 is a destination on failure only'],
		['destination of another service', `${minimal}[async]\non_failure = "arn:aws:dynamodb:us-east-1:123456789012:table/t"\n`, 'async.on_failure', 'an SQS queue, SNS topic, Lambda function or EventBridge bus ARN'],
		['a stream\'s on-failure FIFO queue', '[project]\nname = "orders"\ntrigger = "kinesis"\n[kinesis]\non_failure = "arn:aws:sqs:us-east-1:123456789012:failed.fifo"\n', 'kinesis.on_failure', 'a standard (not FIFO) SQS queue'],
		['a stream\'s on-failure Lambda function', '[project]\nname = "orders"\ntrigger = "dynamodb"\n[dynamodb]\non_failure = "arn:aws:lambda:us-east-1:123456789012:function:f"\n', 'dynamodb.on_failure', 'SNS topic or S3 bucket ARN'],
		['queue ARN of SNS', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nqueue_arn = "arn:aws:sns:us-east-1:123456789012:orders"\n', 'sqs.queue_arn', 'an SQS queue ARN'],
		['batch size 0', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nbatch_size = 0\n', 'sqs.batch_size', 'from 1 to 10000'],
		['batch size 10001', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nbatch_size = 10001\nbatching_window_seconds = 1\n', 'sqs.batch_size', 'from 1 to 10000'],
		['window 301', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nbatching_window_seconds = 301\n', 'sqs.batching_window_seconds', 'from 0 to 300 s'],
		['max concurrency 1', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nmax_concurrency = 1\n', 'sqs.max_concurrency', 'from 2 to 1000'],
		['report failures not a boolean', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nreport_batch_item_failures = "yes"\n', 'sqs.report_batch_item_failures', 'must be a boolean'],
		['extension kind', '[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "traces"\n', 'extension.kind', 'must be one of events, logs, telemetry'],
		['extension name', '[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "logs"\nname = "log shipper"\n', 'extension.name', 'an extension name'],
		['layer name', '[project]\nname = "shipper"\nkind = "extension"\n[extension]\nkind = "logs"\nlayer_name = "log/shipper"\n', 'extension.layer_name', 'a layer name'],
		// An extension on its own is a layer; only a function has an image to carry it in.
		['an extension on its own as an image', '[project]\nname = "shipper"\nkind = "extension"\npackaging = "image"\n[extension]\nkind = "logs"\n', 'project.packaging', 'must be "zip" when project.kind is "extension": an extension on its own is published as a layer, and layers are ZIP archives'],
		['ECR repository with capitals', `${minimal}[image]\nrepository = "Orders"\n`, 'image.repository', 'an ECR repository name'],
		['empty Dockerfile path', `${minimal}[image]\ndockerfile = ""\n`, 'image.dockerfile', 'a path to a Dockerfile'],
		['region without dashes', `${minimal}[deploy]\nregions = ["useast1"]\n`, 'deploy.regions[0]', 'an AWS region such as us-east-1'],
		['no regions', `${minimal}[deploy]\nregions = []\n`, 'deploy.regions', 'at least one region'],
		['a region twice', `${minimal}[deploy]\nregions = ["us-east-1", "us-east-1"]\n`, 'deploy.regions', 'must not list a region twice'],
		['alias all digits', `${minimal}[deploy]\nalias = "123"\n`, 'deploy.alias', 'not all digits'],
		['alias with a dot', `${minimal}[deploy]\nalias = "v1.2"\n`, 'deploy.alias', 'an alias name'],
		['unknown strategy', `${minimal}[rollout]\nstrategy = "blue-green"\n`, 'rollout.strategy', 'must be one of all-at-once, canary, linear, manual'],
		['rollout step 0', `${minimal}[rollout]\nsteps = [0, 100]\n`, 'rollout.steps[0]', 'from 1 to 100 %'],
		['rollout step 101', `${minimal}[rollout]\nsteps = [10, 101]\n`, 'rollout.steps[1]', 'from 1 to 100 %'],
		['no rollout steps', `${minimal}[rollout]\nsteps = []\n`, 'rollout.steps', 'at least one step'],
		['interval over a day', `${minimal}[rollout]\ninterval_seconds = 86401\n`, 'rollout.interval_seconds', 'from 0 to 86400 s'],
		['negative max errors', `${minimal}[rollout]\nmax_errors = -1\n`, 'rollout.max_errors', 'a whole number from 0'],
		['a section that is not a table', `deploy = "us-east-1"\n${minimal}`, 'deploy', '"us-east-1" must be a table'],
		['an environment name with a space', `${minimal}[env."pre prod".deploy]\nalias = "pre"\n`, 'env.pre prod', 'must be an environment name'],
		['a key outside its section', `${minimal}regions = ["us-east-1"]\n`, 'project.regions', 'unknown key'],
	])('%s', (_name, text, key, rule) => {
		const problems = problemsOf(text);
		expect(problems.map(problem => problem.where)).toContain(`${file}: ${key}`);
		const problem = problems.find(candidate => candidate.where === `${file}: ${key}`)!;
		expect(problem.message).toContain(rule);
	});

	test('the file name in every message is the one given', () => {
		const problems = loadSpecProblems({file: 'config/prod.toml', text: `${minimal}[function]\nmemory = 64\n`});
		expect(problems).toEqual([{where: 'config/prod.toml: function.memory', message: '64 must be a whole number from 128 to 10240 MB'}]);
	});

	test('the ConfigError carries the file and lists every problem in its message', () => {
		let caught: unknown;
		try {
			load(`${minimal}[function]\nmemory = 64\ntimeout = 0\n`);
		} catch (error) {
			caught = error;
		}

		expect(caught).toBeInstanceOf(ConfigError);
		const error = caught as ConfigError;
		expect(error.kind).toBe('config');
		expect(error.source).toBe(file);
		expect(error.message.split('\n')).toEqual([
			'rust-lambda.toml: function.memory: 64 must be a whole number from 128 to 10240 MB',
			'rust-lambda.toml: function.timeout: 0 must be a whole number from 1 to 900 s',
		]);
	});
});

function loadSpecProblems(input: ConfigInput): readonly Problem[] {
	try {
		loadSpec(input);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as ConfigError).problems;
	}

	expect.fail('loadSpec accepted a config it should have refused');
}

describe('several mistakes at once', () => {
	test('a wrong value hides only the rules that read it', () => {
		const problems = problemsOf(`[project]
name = "Shop"
trigger = "sqs"
[function]
environment = {AWS_REGION = "x"}
[sqs]
queue_arn = "arn:aws:sqs:us-east-1:123456789012:q.fifo"
batch_size = 20
max_concurrency = 1
`);
		expect(problems.map(problem => problem.where)).toEqual([
			'rust-lambda.toml: project.name',
			'rust-lambda.toml: sqs.max_concurrency',
			'rust-lambda.toml: function.environment.AWS_REGION',
			'rust-lambda.toml: sqs.batch_size',
		]);
	});

	test('five mistakes give exactly five problems in one ConfigError', () => {
		const text = `
[project]
name = "orders"

[function]
name = "orders function"
memory = 64
timeout = 901
memroy = 256

[deploy]
regions = ["us-east1"]
`;
		const problems = problemsOf(text);
		expect(problems).toHaveLength(5);
		const expected: Array<[string, string]> = [
			['rust-lambda.toml: function.name', '"orders function" must be a function name'],
			['rust-lambda.toml: function.memory', '64 must be a whole number from 128 to 10240 MB'],
			['rust-lambda.toml: function.timeout', '901 must be a whole number from 1 to 900 s'],
			['rust-lambda.toml: function.memroy', 'unknown key (did you mean memory?)'],
			['rust-lambda.toml: deploy.regions[0]', '"us-east1" must be an AWS region such as us-east-1 (did you mean us-east-1?)'],
		];
		for (const [where, message] of expected) {
			const matching = problems.filter(problem => problem.where === where);
			expect(matching, where).toHaveLength(1);
			expect(matching[0]!.message).toContain(message);
		}
	});

	test('a cross-key rule waits only for the sections it reads to be valid', () => {
		// batch 100 without a window is a cross-key problem in [sqs]; memory 64 is a key problem in [function].
		const problems = problemsOf('[project]\nname = "orders"\ntrigger = "sqs"\n[function]\nmemory = 64\n[sqs]\nbatch_size = 100\n');
		expect(problems.map(problem => problem.where)).toEqual(['rust-lambda.toml: function.memory', 'rust-lambda.toml: sqs.batch_size']);
		// A wrong key inside [sqs] itself: its cross-key rules would only add noise.
		const inSqs = problemsOf('[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nbatch_size = 100\nbatching_window_seconds = 900\n');
		expect(inSqs.map(problem => problem.where)).toEqual(['rust-lambda.toml: sqs.batching_window_seconds']);
	});

	test('FIFO with batch 20 and 6 layers: one message per problem', () => {
		const layers = Array.from({length: 6}, (_, index) => `"arn:aws:lambda:us-east-1:123456789012:layer:l${index}:1"`).join(', ');
		const problems = problemsOf(`[project]\nname = "orders"\ntrigger = "sqs"\n[function]\nlayers = [${layers}]\n[sqs]\nqueue_arn = "arn:aws:sqs:{region}:{account}:orders.fifo"\nbatch_size = 20\n`);
		expect(problems).toEqual([
			{where: 'rust-lambda.toml: function.layers', message: expect.stringContaining('at most 5 layers')},
			{where: 'rust-lambda.toml: sqs.batch_size', message: '20 is too large for a FIFO queue: at most 10'},
		]);
	});

	test('a missing required key is reported alongside invalid values', () => {
		const problems = problemsOf('[project]\nkind = "extension"\n[function]\nmemory = 64\n');
		expect(problems.map(problem => problem.where).sort()).toEqual([
			'rust-lambda.toml: extension.kind',
			'rust-lambda.toml: function.memory',
			'rust-lambda.toml: project.name',
		]);
	});
});

describe('one mistake, one problem', () => {
	test.each<[string, string, ConfigInput['env'], string]>([
		['a section that is not a table', `vpc = "subnet-0abc1234"\n${minimal}`, undefined, 'vpc'],
		['an [env.NAME] section that is not a table', `${minimal}[env.prod]\nproject = "orders"\n`, 'prod', 'env.prod.project'],
		['an [env.NAME] that is not a table', `${minimal}[env]\nprod = "x"\n`, 'prod', 'env.prod'],
		['a mistyped kind', '[project]\nname = "orders"\nkind = "extensoin"\n', undefined, 'project.kind'],
	])('%s is reported once, with no follow-on problems', (_name, text, env, key) => {
		expect(problemsOf(text, {env}).map(problem => problem.where)).toEqual([`${file}: ${key}`]);
	});
});

describe('did you mean', () => {
	test.each<[string, string, string, string]>([
		['an unknown section', '[functon]\nmemory = 256\n[project]\nname = "orders"\n', 'functon', 'unknown key (did you mean function?)'],
		['an unknown key', `${minimal}[function]\nmemroy = 256\n`, 'function.memroy', 'unknown key (did you mean memory?)'],
		['an unknown key in [sqs]', '[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\nbatch = 5\n', 'sqs.batch', 'unknown key'],
		['a mistyped [env]', `${minimal}[evn.prod.deploy]\nalias = "prod"\n`, 'evn', 'unknown key (did you mean env?)'],
		['an unknown key in [project]', '[project]\nname = "orders"\ntrigers = "sqs"\n', 'project.trigers', 'unknown key (did you mean trigger?)'],
	])('%s', (_name, text, key, message) => {
		expect(problemsOf(text)).toEqual([{where: `${file}: ${key}`, message}]);
	});

	test('a key far from every known one gets no guess', () => {
		expect(problemsOf(`${minimal}[function]\nbanana = 1\n`)).toEqual([{where: `${file}: function.banana`, message: 'unknown key'}]);
	});

	test.each<[string, string, string, string]>([
		['trigger', 'sqss', 'project.trigger', 'did you mean sqs?'],
		['packaging', 'zpi', 'project.packaging', 'did you mean zip?'],
		['architecture', 'x86-64', 'project.architecture', 'did you mean x86_64?'],
		['kind', 'functon', 'project.kind', 'did you mean function?'],
	])('an enum typo in %s gets "did you mean"', (key, value, path, suggestion) => {
		const problems = problemsOf(`[project]\nname = "orders"\n${key} = "${value}"\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.where).toBe(`${file}: ${path}`);
		expect(problems[0]!.message).toContain(`"${value}" must be one of`);
		expect(problems[0]!.message).toContain(suggestion);
	});
});

describe('invalid TOML', () => {
	test.each<[string, string, string]>([
		['a value missing', '[project]\nname =\n', 'rust-lambda.toml:2:'],
		['an unclosed string', '[project]\nname = "orders\n', 'rust-lambda.toml:2:'],
		['a key defined twice', '[project]\nname = "a"\nname = "b"\n', 'rust-lambda.toml:3:'],
		['an unclosed table header', '[project\nname = "orders"\n', 'rust-lambda.toml:1:'],
	])('%s gives one problem at line:column', (_name, text, where) => {
		const problems = problemsOf(text);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.where).toMatch(new RegExp(`^${where.replaceAll('.', '\\.')}\\d+$`));
		expect(problems[0]!.message).toMatch(/^not valid TOML: \S/);
	});
});

describe('rules across keys', () => {
	const sqs = (lines: string) => `[project]\nname = "orders"\ntrigger = "sqs"\n[sqs]\n${lines}\n`;
	const standardQueue = 'queue_arn = "arn:aws:sqs:us-east-1:123456789012:orders"';
	const fifoQueue = 'queue_arn = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"';

	test.each<[string, string, string, string]>([
		['batch 100 without a window', sqs(`${standardQueue}\nbatch_size = 100`), 'sqs.batch_size', 'batching_window_seconds'],
		['batch 11 with window 0', sqs('batch_size = 11\nbatching_window_seconds = 0'), 'sqs.batch_size', 'batching_window_seconds >= 1'],
		['a FIFO queue with batch 20', sqs(`${fifoQueue}\nbatch_size = 20`), 'sqs.batch_size', 'FIFO'],
		['a FIFO queue with a window', sqs(`${fifoQueue}\nbatching_window_seconds = 5`), 'sqs.batching_window_seconds', 'FIFO'],
		['[sqs] without trigger = "sqs"', `${minimal}[sqs]\n${standardQueue}\n`, 'sqs', 'trigger = "sqs"'],
		['image packaging with layers', '[project]\nname = "orders"\npackaging = "image"\n[function]\nlayers = ["arn:aws:lambda:us-east-1:123456789012:layer:shipper:1"]\n', 'function.layers', 'image'],
		['reserved env var AWS_REGION', `${minimal}[function]\nenvironment = { AWS_REGION = "us-east-1" }\n`, 'function.environment.AWS_REGION', 'reserved'],
		['reserved env var AWS_LAMBDA_RUNTIME_API', `${minimal}[function]\nenvironment = { AWS_LAMBDA_RUNTIME_API = "x" }\n`, 'function.environment.AWS_LAMBDA_RUNTIME_API', 'Lambda sets it itself'],
		['environment over 4 KB', `${minimal}[function]\nenvironment = { BIG = "${'x'.repeat(4100)}" }\n`, 'function.environment', 'at most 4096 bytes'],
		// 2,000 characters are 4,000 UTF-8 bytes, plus the JSON's quotes and braces: over, though under 4,096 characters.
		['environment over 4 KB in UTF-8 bytes, not in characters', `${minimal}[function]\nenvironment = { TEXT = "${'é'.repeat(2000)}", MORE = "${'x'.repeat(80)}" }\n`, 'function.environment', 'bytes as JSON'],
		['a one-letter environment variable name', `${minimal}[function]\nenvironment = { A = "1" }\n`, 'function.environment.A', 'at least one more'],
		['a FIFO queue as the on-failure destination', `${minimal}[async]\non_failure = "arn:aws:sqs:us-east-1:123456789012:failed.fifo"\n`, 'async.on_failure', 'only to standard queues'],
		['a FIFO queue as the on-success destination', `${minimal}[async]\non_success = "arn:aws:sqs:{region}:{account}:done.fifo"\n`, 'async.on_success', 'only to standard queues'],
		['a FIFO queue as the dead-letter queue', `${minimal}[async]\ndead_letter_arn = "arn:aws:sqs:us-east-1:123456789012:dlq.fifo"\n`, 'async.dead_letter_arn', 'only to standard queues'],
		['a layer name too long for its per-architecture names', `[project]\nname = "orders"\nkind = "extension"\n[extension]\nkind = "logs"\n[layer]\nname = "${'l'.repeat(135)}"\narchitectures = ["arm64", "x86_64"]\n`, 'layer.name', 'named <name>-<architecture>'],
		['an extension layer name too long for its per-architecture names', `[project]\nname = "orders"\nkind = "extension"\n[extension]\nkind = "logs"\nlayer_name = "${'l'.repeat(134)}"\n[layer]\narchitectures = ["arm64", "x86_64"]\n`, 'extension.layer_name', 'shorten the name'],
		['a function name whose default role name passes 64 characters', `${minimal}[function]\nname = "${'f'.repeat(60)}"\n`, 'function.role_name', 'set function.role_name'],
		['vpc with only subnet_ids', `${minimal}[vpc]\nsubnet_ids = ["subnet-0abc1234"]\n`, 'vpc.security_group_ids', 'is required when [vpc] is set'],
		['vpc with only security_group_ids', `${minimal}[vpc]\nsecurity_group_ids = ["sg-0abc1234"]\n`, 'vpc.subnet_ids', 'is required when [vpc] is set'],
		['an extension project without extension.kind', '[project]\nname = "shipper"\nkind = "function+extension"\n', 'extension.kind', 'is required when project.kind is "function+extension"'],
		['rollout steps not rising', `${minimal}[rollout]\nsteps = [50, 10, 100]\n`, 'rollout.steps', 'must rise step by step'],
		['rollout steps repeating', `${minimal}[rollout]\nsteps = [10, 10, 100]\n`, 'rollout.steps', 'must rise step by step'],
		['rollout steps not ending in 100', `${minimal}[rollout]\nsteps = [10, 50]\n`, 'rollout.steps', 'must end at 100'],
		['six layers', `${minimal}[function]\nlayers = [${[1, 2, 3, 4, 5, 6].map(n => `"arn:aws:lambda:us-east-1:123456789012:layer:l${n}:1"`).join(', ')}]\n`, 'function.layers', 'at most 5 layers'],
		['a layer twice', `${minimal}[function]\nlayers = ["arn:aws:lambda:us-east-1:123456789012:layer:l:1", "arn:aws:lambda:us-east-1:123456789012:layer:l:1"]\n`, 'function.layers', 'must not list a layer twice'],
	])('%s is refused', (_name, text, key, rule) => {
		const problems = problemsOf(text);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.where).toBe(`${file}: ${key}`);
		expect(problems[0]!.message).toContain(rule);
	});

	test.each<[string, string]>([
		['batch 10 without a window', sqs(`${standardQueue}\nbatch_size = 10`)],
		['batch 100 with a 1 s window', sqs(`${standardQueue}\nbatch_size = 100\nbatching_window_seconds = 1`)],
		['batch 10000 with a window', sqs('batch_size = 10000\nbatching_window_seconds = 300')],
		['a FIFO queue with batch 10', sqs(`${fifoQueue}\nbatch_size = 10`)],
		['a FIFO queue with window 0', sqs(`${fifoQueue}\nbatching_window_seconds = 0`)],
		['five layers', `${minimal}[function]\nlayers = [${[1, 2, 3, 4, 5].map(n => `"arn:aws:lambda:us-east-1:123456789012:layer:l${n}:1"`).join(', ')}]\n`],
		['zip packaging with layers', `${minimal}[function]\nlayers = ["arn:aws:lambda:us-east-1:123456789012:layer:l:1"]\n`],
		['rollout steps [100]', `${minimal}[rollout]\nsteps = [100]\n`],
		['an environment variable that only starts like a reserved one', `${minimal}[function]\nenvironment = { AWS_REGION_NAME = "x" }\n`],
		['environment of 4 KB in UTF-8 bytes', `${minimal}[function]\nenvironment = { TEXT = "${'é'.repeat(2040)}" }\n`],
		['a two-letter environment variable name', `${minimal}[function]\nenvironment = { AB = "1" }\n`],
		['an SNS topic whose name ends in .fifo as the dead-letter target', `${minimal}[async]\ndead_letter_arn = "arn:aws:sns:us-east-1:123456789012:t.fifo"\n`],
		['a long function name with function.role_name set', `${minimal}[function]\nname = "${'f'.repeat(64)}"\nrole_name = "short-role"\n`],
		['a long function name with function.role set', `${minimal}[function]\nname = "${'f'.repeat(64)}"\nrole = "arn:aws:iam::123456789012:role/r"\n`],
		['a role in the aws-iso-b partition', `${minimal}[function]\nrole = "arn:aws-iso-b:iam::123456789012:role/r"\n`],
		['a function name of 59 characters (default role name of 64)', `${minimal}[function]\nname = "${'f'.repeat(59)}"\n`],
	])('%s is accepted', (_name, text) => {
		expect(() => load(text)).not.toThrow();
	});

	test('a rule broken by an [env.NAME] override is caught after merging', () => {
		const text = `${sqs(`${standardQueue}\nbatch_size = 100\nbatching_window_seconds = 5`)}[env.prod.sqs]\nbatching_window_seconds = 0\n`;
		expect(() => load(text)).not.toThrow();
		expect(problemsOf(text, {env: 'prod'})).toEqual([
			{where: 'rust-lambda.toml: sqs.batch_size', message: expect.stringContaining('batching_window_seconds')},
		]);
	});
});

describe('other tools\' names for an architecture', () => {
	test.each([
		['amd64', 'did you mean x86_64? Lambda calls amd64 x86_64'],
		['aarch64', 'did you mean arm64? Lambda calls aarch64 arm64'],
		['x86-64', 'did you mean x86_64? Lambda calls x86-64 x86_64'],
		['arm6', 'did you mean arm64?'],
	])('%s', (given, said) => {
		const [problem] = problemsOf(`${minimal}architecture = "${given}"\n`);
		expect(problem?.where).toBe('rust-lambda.toml: project.architecture');
		expect(problem?.message).toContain(said);
	});
});
