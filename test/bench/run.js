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
const bin = join(root, 'bin', 'rust-lambda-wizard.js');
const warmups = 3;
const runs = 15;

/** Wall time of a command run to its end. */
function untilExit(args) {
	return () => {
		const start = performance.now();
		const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		if (result.status !== 0) {
			throw new Error(`${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
		}

		return performance.now() - start;
	};
}

/** Time until `text` first appears on a pseudo-terminal (util-linux `script`), then stop it. */
function untilScreenShows(args, text) {
	return () => new Promise((resolve, reject) => {
		const cwd = mkdtempSync(join(tmpdir(), 'rlw-bench-'));
		const command = [process.execPath, ...args].map(word => `'${word}'`).join(' ');
		const start = performance.now();
		const child = spawn('script', ['-qfec', command, '/dev/null'], {cwd, env: {...process.env, NO_COLOR: '1', TERM: 'xterm-256color'}});
		let seen = '';
		const finish = error => {
			child.kill('SIGKILL');
			rmSync(cwd, {recursive: true, force: true});
			error ? reject(error) : resolve(performance.now() - start);
		};

		child.stdout.on('data', chunk => {
			seen += String(chunk);
			if (seen.includes(text)) {
				finish();
			}
		});
		child.once('error', error => finish(new Error(`cannot start script (util-linux) for a pseudo-terminal: ${error.message}`)));
		child.once('exit', () => {
			if (!seen.includes(text)) {
				finish(new Error(`${args.join(' ')} ended before showing "${text}":\n${seen}`));
			}
		});
	});
}

const baseline = {name: 'node -e 0', measure: untilExit(['-e', '0'])};
const benchmarks = [
	{name: '--help', measure: untilExit([bin, '--help']), target: 2},
	{name: 'wizard frame', measure: untilScreenShows([bin, 'new'], 'Project name'), target: 6},
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

console.log(`\n${verdicts.join('\n')}`);
