// The pretest check of the programs the tests run: which are missing, which apt-get
// line installs them (as root, through sudo, or not at all), and what a person is
// told. On a made-up machine: nothing is installed or run for real.
import {describe, expect, it} from 'vitest';
import {decide, ensurePrerequisites, missingOf, requirements, type Machine, type Privilege, type Probe} from './prerequisites.js';

/** The command each Debian package brings, for a fake apt-get. */
const brings: Record<string, string> = {
	podman: 'podman', runc: 'runc', 'docker-registry': 'docker-registry', tmux: 'tmux', procps: 'pgrep', python3: 'python3', gcc: 'cc', awscli: 'aws',
};
const everything = ['podman', 'runc', 'docker-registry', 'aws', 'tmux', 'pgrep', 'python3', 'cc', 'cargo', 'rustc', 'rustup', 'rustfmt', 'cfn-lint', 'moto_server'];

interface World {
	/** command → its path on PATH */
	readonly commands: Map<string, string>;
	readonly files: Set<string>;
	yaml: boolean;
}

function world({without = [], python = '/usr/bin/python3', yaml = true}: {without?: string[]; python?: string; yaml?: boolean} = {}): World {
	const commands = new Map(everything.filter(name => !without.includes(name)).map(name => [name, name === 'python3' ? python : `/usr/bin/${name}`]));
	return {commands, files: new Set(), yaml: yaml && commands.has('python3')};
}

function probeOf(state: World): Probe {
	return {
		which: command => state.commands.get(command),
		exists: path => state.files.has(path),
		succeeds: (command, args) => command === 'python3' && args.join(' ') === '-c import yaml' && state.yaml,
	};
}

/** A machine whose apt-get installs into the world (unless told it breaks), recording what ran and what it said. */
function machine(state: World, {privilege = 'root', hasApt = true, aptFails = false, aptLeavesOffPath = false}: {privilege?: Privilege; hasApt?: boolean; aptFails?: boolean; aptLeavesOffPath?: boolean} = {}) {
	const ran: string[] = [];
	const said: string[] = [];
	let askedPrivilege = false;
	const fake: Machine = {
		probe: probeOf(state),
		privilege: () => {
			askedPrivilege = true;
			return privilege;
		},
		hasApt,
		run(argv) {
			ran.push(argv.join(' '));
			if (aptFails) {
				return 100;
			}

			const install = argv.indexOf('install');
			for (const name of install === -1 || aptLeavesOffPath ? [] : argv.slice(install + 1).filter(word => !word.startsWith('-'))) {
				if (brings[name]) {
					state.commands.set(brings[name], `/usr/bin/${brings[name]}`);
				}

				if (name === 'python3-yaml') {
					state.yaml = true;
				}
			}

			return 0;
		},
		log: text => {
			said.push(text);
		},
	};
	return {fake, ran, said, askedPrivilege: () => askedPrivilege};
}

const aptEnv = 'env DEBIAN_FRONTEND=noninteractive apt-get';

describe('which programs are missing', () => {
	it('none on a machine that has them all', () => {
		expect(missingOf(requirements, probeOf(world()))).toEqual([]);
	});

	it('runc counts in /usr/sbin, which podman searches, even when PATH lacks it', () => {
		const state = world({without: ['runc']});
		expect(missingOf(requirements, probeOf(state)).map(({requirement}) => requirement.name)).toEqual(['runc']);
		state.files.add('/usr/sbin/runc');
		expect(missingOf(requirements, probeOf(state))).toEqual([]);
	});

	it('PyYAML comes from Debian for Debian\'s python3 (or none yet), from pip for another python3', () => {
		const yamlSource = (python?: string) => {
			const state = world({yaml: false, ...(python ? {python} : {without: ['python3']})});
			return missingOf(requirements, probeOf(state)).find(({requirement}) => requirement.name.startsWith('PyYAML'))!.source;
		};
		expect(yamlSource('/usr/bin/python3')).toEqual({debian: ['python3-yaml']});
		expect(yamlSource('/bin/python3')).toEqual({debian: ['python3-yaml']});
		expect(yamlSource()).toEqual({debian: ['python3-yaml']});
		expect(yamlSource('/home/me/.pyenv/shims/python3')).toEqual({install: '/home/me/.pyenv/shims/python3 -m pip install pyyaml'});
	});

	it('rustfmt alone is a rustup component; without rustup it comes with the rustup installer', () => {
		const rustfmtLine = (without: string[]) => missingOf(requirements, probeOf(world({without}))).find(({requirement}) => requirement.name === 'rustfmt')!.source;
		expect(rustfmtLine(['rustfmt'])).toEqual({install: 'rustup component add rustfmt'});
		expect(rustfmtLine(['rustfmt', 'rustup'])).toMatchObject({install: expect.stringContaining('https://sh.rustup.rs | sh -s -- -y')});
	});
});

describe('what is installed, and how', () => {
	const missing = (...without: string[]) => missingOf(requirements, probeOf(world({without})));

	it('as root: apt-get update, then one install of every missing Debian package, each once', () => {
		const decision = decide(missing('podman', 'tmux', 'cc', 'python3'), 'root', true);
		expect(decision.commands).toEqual([
			[...aptEnv.split(' '), 'update', '-qq'],
			[...aptEnv.split(' '), 'install', '-y', '-qq', 'podman', 'tmux', 'python3', 'python3-yaml', 'gcc', 'libc6-dev'],
		]);
		expect(decision.byHand).toEqual([]);
	});

	it('with sudo that needs no password: the same, through sudo -n', () => {
		expect(decide(missing('docker-registry'), 'sudo', true).commands.map(command => command.join(' '))).toEqual([
			`sudo -n ${aptEnv} update -qq`,
			`sudo -n ${aptEnv} install -y -qq docker-registry`,
		]);
	});

	it('neither: nothing runs, and each program gets its own sudo apt-get line', () => {
		const decision = decide(missing('runc', 'tmux'), 'none', true);
		expect(decision.commands).toEqual([]);
		expect(decision.byHand.map(({names, line}) => [names, line])).toEqual([
			[['runc'], 'sudo apt-get install -y runc'],
			[['tmux'], 'sudo apt-get install -y tmux'],
		]);
	});

	it('without apt-get: the Debian package is named, nothing runs', () => {
		const decision = decide(missing('tmux'), 'root', false);
		expect(decision.commands).toEqual([]);
		expect(decision.byHand[0]!.line).toBe('the Debian/Ubuntu package tmux: install it with this system\'s package manager');
	});

	it('what Debian cannot give is named with its own line even as root; Rust\'s programs share the rustup line', () => {
		const decision = decide(missing('tmux', 'cargo', 'rustc', 'moto_server', 'cfn-lint'), 'root', true);
		expect(decision.packages).toEqual(['tmux']);
		expect(decision.byHand.map(({names, line}) => [names, line.split('   ')[0]])).toEqual([
			[['cargo', 'rustc'], 'curl --proto \'=https\' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y'],
			[['cfn-lint'], 'pipx install cfn-lint'],
			[['moto_server'], 'pipx install \'moto[server]>=5\''],
		]);
	});
});

describe('the pretest run', () => {
	it('all there: says nothing, runs nothing, never tries sudo', () => {
		const {fake, ran, said, askedPrivilege} = machine(world());
		expect(ensurePrerequisites(fake)).toBe(0);
		expect([ran, said, askedPrivilege()]).toEqual([[], [], false]);
	});

	it('as root: installs the missing Debian packages, checks again, and lets the tests run', () => {
		const state = world({without: ['podman', 'runc', 'tmux', 'docker-registry']});
		const {fake, ran, said} = machine(state);
		expect(ensurePrerequisites(fake)).toBe(0);
		expect(ran).toEqual([`${aptEnv} update -qq`, `${aptEnv} install -y -qq podman runc docker-registry tmux`]);
		expect(said).toEqual(['The tests need podman, runc, docker-registry, tmux: installing with apt-get ...']);
		expect(missingOf(requirements, probeOf(state))).toEqual([]);
	});

	it('with sudo: the same through sudo -n', () => {
		const {fake, ran} = machine(world({without: ['tmux']}), {privilege: 'sudo'});
		expect(ensurePrerequisites(fake)).toBe(0);
		expect(ran).toEqual([`sudo -n ${aptEnv} update -qq`, `sudo -n ${aptEnv} install -y -qq tmux`]);
	});

	it('neither root nor sudo: stops at once with each install line and the one line for all', () => {
		const {fake, ran, said} = machine(world({without: ['podman', 'tmux']}), {privilege: 'none'});
		expect(ensurePrerequisites(fake)).toBe(1);
		expect(ran).toEqual([]);
		expect(said.join('\n')).toBe([
			'npm test stops here: these programs are missing, and the tests run them for real.',
			'  podman (for the image build and deploy tests):',
			'      sudo apt-get install -y podman',
			'  tmux (for the pseudo-terminal tests of new, deploy and dev):',
			'      sudo apt-get install -y tmux',
			'All the Debian packages at once: sudo apt-get install -y podman tmux',
			'Run as root, or with sudo that needs no password, and npm test installs the Debian packages itself.',
		].join('\n'));
	});

	it('only non-Debian programs missing: never tries sudo, says how to get them', () => {
		const {fake, ran, said, askedPrivilege} = machine(world({without: ['moto_server']}));
		expect(ensurePrerequisites(fake)).toBe(1);
		expect([ran, askedPrivilege()]).toEqual([[], false]);
		expect(said.join('\n')).toContain('moto_server (for every AWS test: a real moto 5 server per test file):\n      pipx install \'moto[server]>=5\'');
		expect(said.join('\n')).not.toMatch(/Debian packages|Run as root/);
	});

	it('as root with a non-Debian program missing too: installs what it can, then stops naming the rest', () => {
		const {fake, ran, said} = machine(world({without: ['tmux', 'cfn-lint']}));
		expect(ensurePrerequisites(fake)).toBe(1);
		expect(ran).toEqual([`${aptEnv} update -qq`, `${aptEnv} install -y -qq tmux`]);
		expect(said.at(-1)).toBe('npm test stops here: these programs are missing, and the tests run them for real.\n'
			+ '  cfn-lint (for the generated template.yaml check):\n'
			+ '      pipx install cfn-lint   (pipx: apt-get install pipx; it installs into ~/.local/bin, which must be on PATH)');
	});

	it('apt-get fails: stops after the failing command, with the line to run by hand', () => {
		const {fake, ran, said} = machine(world({without: ['tmux']}), {aptFails: true});
		expect(ensurePrerequisites(fake)).toBe(1);
		expect(ran).toEqual([`${aptEnv} update -qq`]);
		expect(said.at(-1)).toBe(`npm test stops here: ${aptEnv} update -qq failed. Install the packages yourself:\n      apt-get install -y tmux`);
	});

	it('a package installed but its program still not on PATH: said as that', () => {
		const {fake, said} = machine(world({without: ['docker-registry']}), {aptLeavesOffPath: true});
		expect(ensurePrerequisites(fake)).toBe(1);
		expect(said.at(-1)).toContain('docker-registry (for the image push tests, as a local registry):\n      still not found after apt-get installed docker-registry: is its folder on PATH?');
		expect(said.at(-1)).not.toContain('All the Debian packages');
	});
});
