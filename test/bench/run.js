// Start-up budgets from DESIGN.md, measured against a bare `node -e 0` on the
// same machine in the same run. Benchmarks are reports, not tests: a missed
// target is marked MISS, and the exit code stays 0.
//
// To add one, add an entry to `benchmarks`: a name, how to measure one run
// (milliseconds), and the target as a multiple of the baseline.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Users' machines seldom set it; where it is set (the build machines) it adds ~75 ms to every
// Node start and hides the ratios. Every process measured here starts without it.
const {NODE_EXTRA_CA_CERTS: _extraCertificates, ...environment} = process.env;
const bin = join(root, 'bin', 'rust-lambda-wizard.js');
const warmups = 3;
const runs = 15;

/** Wall time of a command run to its end. */
function untilExit(args) {
	return () => {
		const start = performance.now();
		const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8', env: {...environment, NO_COLOR: '1'}});
		if (result.status !== 0) {
			throw new Error(`${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
		}

		return performance.now() - start;
	};
}

const alive = pid => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/**
 * Time until `text` first appears on a pseudo-terminal (util-linux `script`). The command runs
 * under a shell that says its PID and then becomes the command (exec): the measured process is
 * killed by that PID and awaited, so it is gone before the next run is timed.
 */
function untilScreenShows(args, text) {
	return () => new Promise((resolve, reject) => {
		const cwd = mkdtempSync(join(tmpdir(), 'rlw-bench-'));
		const command = `echo pid=$$; exec ${[process.execPath, ...args].map(word => `'${word}'`).join(' ')}`;
		const start = performance.now();
		const child = spawn('script', ['-qfec', command, '/dev/null'], {cwd, env: {...environment, NO_COLOR: '1', TERM: 'xterm-256color'}});
		let seen = '';
		let elapsed;
		const finish = async error => {
			const pid = Number(/pid=(\d+)/.exec(seen)?.[1]);
			if (pid > 0 && alive(pid)) {
				process.kill(pid, 'SIGKILL');
				while (alive(pid)) {
					await new Promise(done => setTimeout(done, 5));
				}
			}

			child.kill('SIGKILL');
			rmSync(cwd, {recursive: true, force: true});
			error ? reject(error) : resolve(elapsed);
		};

		child.stdout.on('data', chunk => {
			seen += String(chunk);
			if (elapsed === undefined && seen.includes(text)) {
				elapsed = performance.now() - start;
				void finish();
			}
		});
		child.once('error', error => finish(new Error(`cannot start script (util-linux) for a pseudo-terminal: ${error.message}`)));
		child.once('exit', () => {
			if (elapsed === undefined) {
				void finish(new Error(`${args.join(' ')} ended before showing "${text}":\n${seen}`));
			}
		});
	});
}

/** The published package: its packed size, and how long installing it into an empty prefix takes (offline). */
function packageFacts() {
	const scratch = mkdtempSync(join(tmpdir(), 'rlw-bench-pack-'));
	try {
		const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {cwd: root, encoding: 'utf8'});
		const [entry] = JSON.parse(packed.stdout);
		const start = performance.now();
		const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', join(scratch, 'prefix'), join(scratch, entry.filename)], {cwd: scratch, encoding: 'utf8'});
		if (install.status !== 0) {
			throw new Error(`installing the packed package failed:\n${install.stderr}`);
		}

		return {bytes: entry.size, installMs: performance.now() - start};
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

const baseline = {name: 'node -e 0', measure: untilExit(['-e', '0'])};
const benchmarks = [
	{name: '--help', measure: untilExit([bin, '--help']), target: 2},
	// The first question's text itself (not a banner before it), as a person waits for it.
	{name: 'first question', measure: untilScreenShows([bin, 'new'], 'Project name'), target: 4},
];

if (!existsSync(join(root, 'dist', 'main.js'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Interleaved rounds, so drift in machine load hits every entry alike.
const all = [baseline, ...benchmarks];
const times = new Map(all.map(entry => [entry, []]));
try {
	for (let round = 0; round < warmups + runs; round++) {
		for (const entry of all) {
			const ms = await entry.measure();
			if (round >= warmups) {
				times.get(entry).push(ms);
			}
		}
	}
} catch (error) {
	console.error(error.message);
	process.exit(1);
}

const ms = value => `${value.toFixed(1)} ms`.padStart(9);
const base = median(times.get(baseline));
console.log(`Node ${process.versions.node}, ${runs} runs after ${warmups} warm-ups, median (min)\n`);
console.log(`  ${baseline.name.padEnd(14)}${ms(base)} (${ms(Math.min(...times.get(baseline))).trim()})`);
const verdicts = [];
for (const entry of benchmarks) {
	const value = median(times.get(entry));
	const ratio = value / base;
	const verdict = ratio <= entry.target ? 'PASS' : 'MISS';
	console.log(`  ${entry.name.padEnd(14)}${ms(value)} (${ms(Math.min(...times.get(entry))).trim()})  ${ratio.toFixed(2)}×`);
	verdicts.push(`${entry.name}: ${ratio.toFixed(2)}× ${baseline.name} (target ≤ ${entry.target}×) ${verdict}`);
}

const facts = packageFacts();
const packageTarget = 1.5 * 1024 * 1024;
console.log(`  package       ${(facts.bytes / 1024 / 1024).toFixed(2)} MB packed, installs offline into an empty prefix in ${(facts.installMs / 1000).toFixed(1)} s`);
verdicts.push(`package: ${(facts.bytes / 1024 / 1024).toFixed(2)} MB (target ≤ 1.5 MB) ${facts.bytes <= packageTarget ? 'PASS' : 'MISS'}`);

console.log(`\n${verdicts.join('\n')}`);
