// The command table: what each command is, its flags, and where its code lives.
// Code is imported only when the command runs, so --help loads neither Ink nor the AWS SDK.
import {architectureTargets, handler, runtime} from '../spec/limits.js';
import type {CommandContext} from './context.js';
import {buildOptions, deployOptions, devOptions, doctorOptions, exportOptions, layerOptions, newOptions, rollbackOptions, rolloutOptions, type FlagsOf, type Option} from './options.js';

export interface Command {
	readonly name: string;
	readonly summary: string;
	readonly usage: string;
	readonly description: string;
	readonly options: readonly Option[];
	/** How many words may follow the command (`new [dir]` takes one). */
	readonly maxArguments?: number;
	readonly examples: readonly string[];
	/** It reads the project's rust-lambda.toml: the home menu offers it only where there is one. */
	readonly needsProject?: boolean;
	readonly run: (context: CommandContext) => Promise<number>;
}

/** A command whose code sees its flags typed from its own option table: the parser read them with exactly that table. */
const command = <T extends readonly Option[]>(definition: Omit<Command, 'options' | 'run'> & {options: T; run: (context: CommandContext<FlagsOf<T>>) => Promise<number>}): Command =>
	({...definition, run: async context => definition.run(context as CommandContext<FlagsOf<T>>)});

export const commands: readonly Command[] = [
	command({
		name: 'new',
		summary: 'ask a few questions and write a Rust Lambda project with its rust-lambda.toml',
		usage: 'rust-lambda-wizard new [dir] [options]',
		description: [
			'The wizard asks what to build (function, extension or both), the trigger and its source',
			'(queue, topic, bucket, schedule, table or stream; each may be set later) and packaging (ZIP or',
			'image); then it offers the defaults for the rest (sizes, SQS, VPC, concurrency, async',
			'destinations, regions, release strategy) or asks each. The summary is a table: Enter on a row',
			'changes that answer.',
			'Every answer is checked as you type it, and all of them go into rust-lambda.toml so that',
			'build and deploy need no more questions. Each question has a flag; with --yes, flags and',
			'defaults answer everything. Nothing is written until the end, and then all at once.',
		].join('\n'),
		options: newOptions,
		maxArguments: 1,
		examples: [
			'rust-lambda-wizard new',
			'rust-lambda-wizard new orders --trigger sqs',
			'rust-lambda-wizard new --yes --name orders --trigger sqs --batch-size 100 --batching-window 5',
			'rust-lambda-wizard new --yes --name thumbs --trigger s3 --bucket my-uploads --suffix .jpg',
			'rust-lambda-wizard new --yes --name shipper --kind extension --extension-kind logs',
		],
		// The wizard's screen (Ink) loads only when the questions are asked: not for --yes.
		async run(context) {
			const {terminal, flags, positionals} = context;
			const asks = terminal.interactive && !flags.yes;
			// Plain `new` at a terminal: its first question is known, so it is on screen at once, while Ink loads.
			const plain = asks && positionals.length === 0 && Object.values(flags).every(value => value === undefined);
			const painted = plain ? (await import('../ui/first-frame.js')).paintFirstFrame(process.stdout, process.stdin, terminal.stdout.hasColors?.() ?? false) : [];
			if (asks && !plain) {
				// Keys typed while the screen loads are kept, raw, for it: in the terminal's line mode an Enter would come as "\n", which is no Enter to Ink.
				process.stdin.setRawMode(true);
			}

			const wizard = asks ? import('../ui/run-wizard.js') : undefined;
			return (await import('../commands/new.js')).newProject(context, async (answers, options) => (await (wizard ?? import('../ui/run-wizard.js'))).runWizard(answers, options, painted));
		},
	}),
	command({
		name: 'build',
		needsProject: true,
		summary: 'build the function or extension zip (cargo lambda) or the container image',
		usage: 'rust-lambda-wizard build [options]',
		description: [
			'Builds what rust-lambda.toml describes, for project.architecture:',
			'  a function      cargo lambda build --release --output-format zip -> target/lambda/<name>/bootstrap.zip',
			'  an extension    cargo lambda build --release --extension -> target/lambda/extensions/<name>.zip',
			`  an image        docker build (or podman build) --platform ${Object.values(architectureTargets).map(({platform}) => platform).join('|')}, tagged <repository>:<arch>`,
			'Without cargo-lambda (or zig, which it links with), a build for this machine\'s own architecture falls',
			'back to cargo build --release and a zip packaged here (fixed timestamps, sorted entries: the same',
			'binary gives the same bytes).',
			'Sizes are checked against Lambda\'s limits: 50 MB zipped, 250 MB unzipped (a function and its',
			'extension together), 10 GB for an image; a built image\'s architecture is checked too.',
		].join('\n'),
		options: buildOptions,
		examples: [
			'rust-lambda-wizard build',
			'rust-lambda-wizard build --arch x86_64',
			'rust-lambda-wizard build --env prod --json > build.json',
		],
		run: async context => (await import('../commands/build.js')).build(context),
	}),
	command({
		name: 'deploy',
		needsProject: true,
		summary: 'create or update the function, publish a version, move the alias — in every region',
		usage: 'rust-lambda-wizard deploy [options]',
		description: [
			'Reads rust-lambda.toml, looks at what exists in AWS, and changes only what differs:',
			'the execution role (created with a least-privilege policy when function.role is not set),',
			`the function (runtime ${runtime}, handler ${handler}), its reserved concurrency, a`,
			'published version and the alias, then the async settings and the SQS mapping on the alias.',
			'With packaging = "image" it makes the ECR repository, logs in (password on stdin), pushes',
			'the image `build` made (<repository>:<arch>) and gives the function its URI by digest.',
			'Settings removed from the config are removed in AWS. A run with nothing changed writes',
			'nothing. Regions deploy at the same time; one failing region does not stop the others.',
			'With a rollout.strategy other than all-at-once, the alias is then moved by a roll-out (see',
			'rollout --help) in the same run; --no-rollout stops after publishing the version.',
		].join('\n'),
		options: deployOptions,
		examples: [
			'rust-lambda-wizard deploy --dry-run',
			'rust-lambda-wizard deploy --yes --zip target/lambda/orders/bootstrap.zip',
			'rust-lambda-wizard deploy --env prod --region us-east-1 --region eu-west-1',
			'rust-lambda-wizard deploy --yes --endpoint-url http://127.0.0.1:5000',
			'rust-lambda-wizard deploy --yes --image 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:arm64',
		],
		run: async context => (await import('../commands/deploy.js')).deploy(context),
	}),
	command({
		name: 'rollout',
		needsProject: true,
		summary: 'move the alias to a new version step by step ([rollout] strategy), with health gates',
		usage: 'rust-lambda-wizard rollout [alias] [options]',
		description: [
			'Shows the alias (default: deploy.alias) and its routing in every region, then moves it to the',
			'target version (--to, else the newest published one) as [rollout] says: all-at-once, canary,',
			'linear or manual (asks before each step). Each step sets RoutingConfig.AdditionalVersionWeights;',
			'the last points the alias at the new version with no routing. During each step CloudWatch\'s',
			'Errors and Throttles of the new version are checked against max_errors (and max_error_rate),',
			'and the alarms named in [rollout] must not be in ALARM. A failed gate, an error or Ctrl-C points',
			'the alias back at the version it started from. A roll-out left half-way is found and resumed',
			'(or rolled back). Regions go one after the other; --parallel runs them together.',
		].join('\n'),
		options: rolloutOptions,
		maxArguments: 1,
		examples: [
			'rust-lambda-wizard rollout --dry-run',
			'rust-lambda-wizard rollout live --to 7',
			'rust-lambda-wizard rollout --yes --strategy canary --interval 60',
		],
		run: async context => (await import('../commands/rollout.js')).rollout(context),
	}),
	command({
		name: 'rollback',
		needsProject: true,
		summary: 'point the alias back at the previous version, with no routing',
		usage: 'rust-lambda-wizard rollback [alias] [options]',
		description: [
			'With a roll-out under way (routing on the alias), points the alias at the version it started',
			'from; otherwise at the newest published version before the one it points at. No routing is left.',
		].join('\n'),
		options: rollbackOptions,
		maxArguments: 1,
		examples: [
			'rust-lambda-wizard rollback --dry-run',
			'rust-lambda-wizard rollback live --yes',
		],
		run: async context => (await import('../commands/rollout.js')).rollback(context),
	}),
	command({
		name: 'export',
		needsProject: true,
		summary: 'export sam: a SAM template.yaml whose DeploymentPreference is the [rollout] strategy',
		usage: 'rust-lambda-wizard export sam [options]',
		description: [
			'Writes the project\'s SAM template (the function, AutoPublishAlias on deploy.alias, its trigger)',
			'with a DeploymentPreference equal to [rollout]: the predefined CodeDeploy type when one is the same',
			'(AllAtOnce, Canary10Percent5Minutes, Linear10PercentEvery1Minute, …), else a custom',
			'AWS::CodeDeploy::DeploymentConfig, and [rollout] alarms as its Alarms. It says which, and what',
			'CodeDeploy does differently.',
		].join('\n'),
		options: exportOptions,
		maxArguments: 1,
		examples: [
			'rust-lambda-wizard export sam --force',
			'rust-lambda-wizard export sam --output deploy/template.yaml',
		],
		run: async context => (await import('../commands/export.js')).exportTemplate(context),
	}),
	command({
		name: 'dev',
		needsProject: true,
		summary: 'local loop: cargo lambda watch, and invoke it with the project\'s event files',
		usage: 'rust-lambda-wizard dev [options]',
		description: [
			'Starts `cargo lambda watch` (rebuilds and reloads the function as you save), then lets you',
			'pick an event file from events/ to send with `cargo lambda invoke --data-file`, and shows',
			'the response and the function\'s log lines. Ctrl-C (or Quit) stops the watcher and everything',
			'it started. Without a terminal, or with --no-interactive, it only runs the watcher.',
		].join('\n'),
		options: devOptions,
		examples: [
			'rust-lambda-wizard dev',
			'rust-lambda-wizard dev --no-interactive',
		],
		run: async context => (await import('../commands/dev.js')).dev(context),
	}),
	command({
		name: 'doctor',
		summary: 'check cargo, cargo-lambda, zig, rust targets, docker/podman, AWS credentials and region',
		usage: 'rust-lambda-wizard doctor [options]',
		description: [
			'Checks what building and deploying need on this machine, and says how to fix each gap.',
			'In a project (rust-lambda.toml) it judges by what build will do there: cargo-lambda and zig are',
			'needed to build for the other architecture, only recommended for this machine\'s own (build then',
			'uses plain cargo); a multi-stage image needs only docker or podman. AWS credentials are checked',
			'with STS GetCallerIdentity. Exits 0 when everything needed is there (recommended tools only warn).',
		].join('\n'),
		options: doctorOptions,
		examples: [
			'rust-lambda-wizard doctor',
			'rust-lambda-wizard doctor --profile dev --region eu-west-1',
			'rust-lambda-wizard doctor --json',
		],
		run: async context => (await import('../commands/doctor.js')).doctor(context),
	}),
	command({
		name: 'layer',
		summary: 'publish the extension as a layer in every region, attach it, list and prune its versions',
		usage: 'rust-lambda-wizard layer publish|list|prune [options]',
		description: [
			'layer publish builds the extension zip (as `build` does: extensions/<name> in the zip), then in',
			`every region at once publishes it with PublishLayerVersion (runtime ${runtime}, the project's`,
			'architecture). When the newest version already has these bytes (CodeSha256) and settings,',
			'nothing is published and its ARN is reused. layer.share_with grants each account or',
			'organization (o-…) lambda:GetLayerVersion on the version; one removed from the config loses its',
			'grant on the newest version. The layer is named by [layer] name, else extension.layer_name.',
			'--attach (or layer.attach_to) gives those functions the version in each region, an older version of',
			'the layer replaced in place; a function that cannot take it stops the run first, saying why',
			'(image function, other architecture, 5 layers, over 250 MB by the zipped sizes Lambda reports).',
			'Without either, at a terminal (no --yes), the region\'s functions are listed to pick from.',
			'layer list shows the versions of every layer the config publishes (with two layer.architectures,',
			'<name>-arm64 and <name>-x86_64) in each region: architectures, created, size, which config functions',
			'use them; with --json each entry of regions names its layer. layer prune --keep N deletes, per layer',
			'and region, older versions no config function uses, never the newest.',
		].join('\n'),
		options: layerOptions,
		maxArguments: 1,
		examples: [
			'rust-lambda-wizard layer publish --dry-run',
			'rust-lambda-wizard layer publish --yes --region us-east-1 --region eu-west-1',
			'rust-lambda-wizard layer publish --yes --zip target/lambda/extensions/log-shipper.zip --share-with 111122223333',
			'rust-lambda-wizard layer publish --yes --attach orders,billing',
			'rust-lambda-wizard layer list --json',
			'rust-lambda-wizard layer prune --keep 3 --dry-run',
		],
		run: async context => (await import('../commands/layer.js')).layer(context),
	}),
];

export function findCommand(name: string): Command | undefined {
	return commands.find(command => command.name === name);
}
