// Start-up budgets from DESIGN.md, measured against a bare `node -e 0` on the
// same machine in the same run. Benchmarks are reports, not tests: a missed
// target is marked MISS, and the exit code stays 0.
//
// To add one, add an entry to `benchmarks`: a name, the arguments given to
// Node (process.execPath), and the target as a multiple of the baseline.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const warmups = 3;
const runs = 15;

const baseline = {name: 'node -e 0', args: ['-e', '0']};
const benchmarks = [
	{name: '--help', args: ['bin/rust-lambda-wizard.js', '--help'], target: 2},
	// Coming: the wizard's first frame (≤ 6×), once the wizard exists.
];

if (!existsSync(new URL('../../dist/main.js', import.meta.url))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

/** Milliseconds for one run; a failing command stops the benchmark with its output. */
function timeOnce({name, args}) {
	const start = performance.now();
	const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	const ms = performance.now() - start;
	if (result.status !== 0) {
		console.error(`${name} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
		process.exit(1);
	}

	return ms;
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Interleaved rounds, so drift in machine load hits every entry alike.
const all = [baseline, ...benchmarks];
const times = new Map(all.map(entry => [entry, []]));
for (let round = 0; round < warmups + runs; round++) {
	for (const entry of all) {
		const ms = timeOnce(entry);
		if (round >= warmups) {
			times.get(entry).push(ms);
		}
	}
}

const ms = value => `${value.toFixed(1)} ms`.padStart(9);
const base = median(times.get(baseline));
console.log(`Node ${process.versions.node}, ${runs} runs after ${warmups} warm-ups, median (min)\n`);
console.log(`  ${baseline.name.padEnd(12)}${ms(base)} (${ms(Math.min(...times.get(baseline))).trim()})`);
const verdicts = [];
for (const entry of benchmarks) {
	const value = median(times.get(entry));
	const ratio = value / base;
	const verdict = ratio <= entry.target ? 'PASS' : 'MISS';
	console.log(`  ${entry.name.padEnd(12)}${ms(value)} (${ms(Math.min(...times.get(entry))).trim()})  ${ratio.toFixed(2)}×`);
	verdicts.push(`${entry.name}: ${ratio.toFixed(2)}× ${baseline.name} (target ≤ ${entry.target}×) ${verdict}`);
}

console.log(`\n${verdicts.join('\n')}`);
