// The programs the tests run for real, checked before `npm test` builds anything.
// What Debian ships in a good enough version is installed with apt-get when the
// process may (root, or sudo without a password); everything else, and everything
// when it may not, stops the run at once with the exact install line for each program.
// Pure: the machine (probes, running apt-get) is passed in, by test/check-prerequisites.ts
// for real and by test/prerequisites.test.ts as a fake.

export interface Probe {
	/** The command's path on PATH, as a shell would find it; undefined when it is not there. */
	which(command: string): string | undefined;
	exists(path: string): boolean;
	/** Whether the command runs and exits 0. */
	succeeds(command: string, args: readonly string[]): boolean;
}

/** Where a program comes from: Debian packages (installable here), or a line to run by hand. */
type Source = {readonly debian: readonly string[]} | {readonly install: string};

export interface Requirement {
	readonly name: string;
	/** Which tests run it: said next to its install line. */
	readonly neededBy: string;
	found(probe: Probe): boolean;
	source(probe: Probe): Source;
}

const onPath = (command: string) => (probe: Probe) => probe.which(command) !== undefined;
const debian = (...packages: string[]) => (): Source => ({debian: packages});
const byHand = (install: string) => (): Source => ({install});

const rustTests = 'the build, doctor and generated-project tests';
const rustup = 'curl --proto \'=https\' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y   (then: . "$HOME/.cargo/env")';
// Not in Debian 12, or too old there: moto 5 (the tests use its recorder and moto 5 behaviour),
// cfn-lint 1.x. pipx is Debian's (apt-get install pipx) and puts them in ~/.local/bin.
const pipx = (what: string) => `pipx install ${what}   (pipx: apt-get install pipx; it installs into ~/.local/bin, which must be on PATH)`;

/**
 * Every program a test runs for real. Debian's Rust (1.63, no rustup) is too old for
 * the doctor and rustfmt tests, so Rust comes from rustup.
 */
export const requirements: readonly Requirement[] = [
	{name: 'podman', neededBy: 'the image build and deploy tests', found: onPath('podman'), source: debian('podman')},
	{
		name: 'runc',
		neededBy: 'podman, which test/fixtures/podman/containers.conf sets to runc',
		// podman looks in the sbin folders too, which a non-root PATH often lacks.
		found: probe => onPath('runc')(probe) || ['/usr/sbin/runc', '/usr/bin/runc', '/usr/local/sbin/runc', '/usr/local/bin/runc'].some(path => probe.exists(path)),
		source: debian('runc'),
	},
	{name: 'docker-registry', neededBy: 'the image push tests, as a local registry', found: onPath('docker-registry'), source: debian('docker-registry')},
	{name: 'aws', neededBy: 'the test that runs the aws commands deploy --dry-run prints', found: onPath('aws'), source: debian('awscli')},
	{name: 'tmux', neededBy: 'the pseudo-terminal tests of new, deploy and dev', found: onPath('tmux'), source: debian('tmux')},
	{name: 'pgrep', neededBy: 'the dev and build tests, which look for leftover processes', found: onPath('pgrep'), source: debian('procps')},
	{name: 'python3', neededBy: 'the zip and doctor tests', found: onPath('python3'), source: debian('python3')},
	{
		name: 'PyYAML (python3\'s yaml module)',
		neededBy: 'the generated artillery.yml test',
		found: probe => probe.succeeds('python3', ['-c', 'import yaml']),
		// Debian's package only reaches Debian's python3 (or the one about to be installed).
		source: probe => {
			const python = probe.which('python3');
			return python === undefined || /^\/(usr\/)?bin\/python3$/.test(python) ? {debian: ['python3-yaml']} : {install: `${python} -m pip install pyyaml`};
		},
	},
	{name: 'cc', neededBy: 'cargo, as the linker (libc6-dev for static binaries)', found: onPath('cc'), source: debian('gcc', 'libc6-dev')},
	{name: 'cargo', neededBy: rustTests, found: onPath('cargo'), source: byHand(rustup)},
	{name: 'rustc', neededBy: rustTests, found: onPath('rustc'), source: byHand(rustup)},
	{name: 'rustup', neededBy: rustTests, found: onPath('rustup'), source: byHand(rustup)},
	{
		name: 'rustfmt',
		neededBy: rustTests,
		found: onPath('rustfmt'),
		source: probe => ({install: probe.which('rustup') === undefined ? rustup : 'rustup component add rustfmt'}),
	},
	{name: 'cfn-lint', neededBy: 'the generated template.yaml check', found: onPath('cfn-lint'), source: byHand(pipx('cfn-lint'))},
	{name: 'moto_server', neededBy: 'every AWS test: a real moto 5 server per test file', found: onPath('moto_server'), source: byHand(pipx('\'moto[server]>=5\''))},
];

/** What this process may do with apt-get. */
export type Privilege = 'root' | 'sudo' | 'none';

export interface Missing {
	readonly requirement: Requirement;
	readonly source: Source;
}

/** Programs that one line installs. */
interface Instruction {
	readonly names: readonly string[];
	readonly neededBy: readonly string[];
	readonly line: string;
	/** The Debian packages the line installs, if it is an apt-get line. */
	readonly debian: readonly string[];
}

interface Entry {
	readonly name: string;
	readonly neededBy: string;
	readonly line: string;
	readonly debian: readonly string[];
}

export interface Decision {
	/** Debian packages to install now, in order, without duplicates. */
	readonly packages: readonly string[];
	/** The commands that install them: empty when nothing is installed here. */
	readonly commands: ReadonlyArray<readonly string[]>;
	/** What this run does not install, one entry per install line. */
	readonly byHand: readonly Instruction[];
}

export function missingOf(all: readonly Requirement[], probe: Probe): Missing[] {
	return all.filter(requirement => !requirement.found(probe)).map(requirement => ({requirement, source: requirement.source(probe)}));
}

/** The exact line a person runs to install Debian packages themselves. */
const aptLine = (packages: readonly string[], privilege: Privilege) => `${privilege === 'root' ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;

function entry({requirement, source}: Missing, privilege: Privilege, hasApt: boolean): Entry {
	const {name, neededBy} = requirement;
	if ('install' in source) {
		return {name, neededBy, line: source.install, debian: []};
	}

	return hasApt
		? {name, neededBy, line: aptLine(source.debian, privilege), debian: source.debian}
		: {name, neededBy, line: `the Debian/Ubuntu package ${source.debian.join(' ')}: install it with this system's package manager`, debian: []};
}

/** Programs with the same install line (all of Rust from rustup) are named together. */
function grouped(entries: readonly Entry[]): Instruction[] {
	const byLine = new Map<string, {names: string[]; neededBy: string[]; debian: readonly string[]}>();
	for (const {name, neededBy, line, debian} of entries) {
		const group = byLine.get(line) ?? {names: [], neededBy: [], debian};
		group.names.push(name);
		if (!group.neededBy.includes(neededBy)) {
			group.neededBy.push(neededBy);
		}

		byLine.set(line, group);
	}

	return [...byLine].map(([line, group]) => ({...group, line}));
}

export function decide(missing: readonly Missing[], privilege: Privilege, hasApt: boolean): Decision {
	const installable = hasApt && privilege !== 'none' ? missing.filter(({source}) => 'debian' in source) : [];
	const packages = [...new Set(installable.flatMap(({source}) => ('debian' in source ? source.debian : [])))];
	const apt = [...(privilege === 'sudo' ? ['sudo', '-n'] : []), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
	return {
		packages,
		commands: packages.length > 0 ? [[...apt, 'update', '-qq'], [...apt, 'install', '-y', '-qq', ...packages]] : [],
		byHand: grouped(missing.filter(item => !installable.includes(item)).map(item => entry(item, privilege, hasApt))),
	};
}

/** The message that stops the run. */
function stopMessage(byHand: readonly Instruction[], privilege: Privilege, hasApt: boolean): string {
	const debianPackages = byHand.flatMap(({debian}) => debian);
	return [
		'npm test stops here: these programs are missing, and the tests run them for real.',
		...byHand.flatMap(({names, neededBy, line}) => [`  ${names.join(', ')} (for ${neededBy.join('; ')}):`, `      ${line}`]),
		...(debianPackages.length > 1 ? [`All the Debian packages at once: ${aptLine(debianPackages, privilege)}`] : []),
		...(hasApt && privilege === 'none' && debianPackages.length > 0 ? ['Run as root, or with sudo that needs no password, and npm test installs the Debian packages itself.'] : []),
	].join('\n');
}

export interface Machine {
	readonly probe: Probe;
	/** Asked only when a Debian package is missing (it may run sudo). */
	readonly privilege: () => Privilege;
	readonly hasApt: boolean;
	/** Runs a command with the terminal attached; its exit code. */
	run(argv: readonly string[]): number;
	log(text: string): void;
}

/** Checks, installs what it may, checks again; 0 when every program is there. */
export function ensurePrerequisites(machine: Machine, all: readonly Requirement[] = requirements): number {
	const missing = missingOf(all, machine.probe);
	if (missing.length === 0) {
		return 0;
	}

	const privilege = machine.hasApt && missing.some(({source}) => 'debian' in source) ? machine.privilege() : 'none';
	const decision = decide(missing, privilege, machine.hasApt);
	let byHand = decision.byHand;
	if (decision.commands.length > 0) {
		machine.log(`The tests need ${decision.packages.join(', ')}: installing with apt-get ...`);
		for (const command of decision.commands) {
			if (machine.run(command) !== 0) {
				machine.log(`npm test stops here: ${command.join(' ')} failed. Install the packages yourself:\n      ${aptLine(decision.packages, privilege)}`);
				return 1;
			}
		}

		// Checked again: a package that installed but did not bring its program onto PATH is said as that.
		const after = missingOf(all, machine.probe);
		byHand = grouped(after.map(item => ('debian' in item.source
			? {...entry(item, privilege, machine.hasApt), line: `still not found after apt-get installed ${item.source.debian.join(' ')}: is its folder on PATH?`, debian: []}
			: entry(item, privilege, machine.hasApt))));
	}

	if (byHand.length === 0) {
		return 0;
	}

	machine.log(stopMessage(byHand, privilege, machine.hasApt));
	return 1;
}
