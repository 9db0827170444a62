// `dev` in a real pseudo-terminal (tmux) with a fake cargo-lambda whose watcher
// runs until killed (with a child of its own) and whose invoke answers at once.
import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {binPath} from './support/cli.js';
import {pollUntil} from './support/poll.js';
import {makeFakeTools, type FakeTools} from './support/fakes.js';
import {openTerminal, type Terminal} from './support/tmux.js';

let dir: string;
let fakes: FakeTools;
let session: Terminal | undefined;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rlw-dev-'));
	fakes = await makeFakeTools(dir);
	await writeFile(join(dir, 'rust-lambda.toml'), '[project]\nname = "hello"\ntrigger = "sqs"\n');
	await mkdir(join(dir, 'events'));
	await writeFile(join(dir, 'events', 'apigw.json'), '{"path": "/"}\n');
	await writeFile(join(dir, 'events', 'sqs.json'), '{"Records": []}\n');
});
afterEach(async () => {
	await session?.kill();
	session = undefined;
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

/** The fakes' processes still alive: every one has the fake bin folder in its command line. */
function fakeProcesses(): string[] {
	const found = spawnSync('pgrep', ['-af', fakes.binDir], {encoding: 'utf8'});
	return found.stdout.split('\n').filter(Boolean);
}

/** The fakes' processes once they pass the check (they start and die asynchronously), or as they are after 10 s. */
const fakeProcessesOnce = async (check: (running: string[]) => boolean) => pollUntil(fakeProcesses, check);

const gone = () => fakeProcessesOnce(running => running.length === 0);

/** A person's terminal: no CI, a TERM, the fakes first on PATH. */
function terminalEnv(): NodeJS.ProcessEnv {
	const {CI: _ci, ...rest} = process.env;
	return {...rest, TERM: 'xterm-256color', NO_COLOR: '1', PATH: fakes.path};
}

describe('dev in a terminal', () => {
	it('invokes the picked event and shows the response; Ctrl-C stops the watcher and everything it started', async () => {
		session = openTerminal([process.execPath, binPath, 'dev'], {cwd: dir, env: terminalEnv()});
		await session.waitFor('Invoke hello with');
		expect(session.screen()).toContain('events/apigw.json');
		const started = (await fakeProcessesOnce(running => running.length >= 2)).join('\n');
		expect(started).toMatch(/cargo-lambda lambda watch/);
		expect(started).toMatch(/fake-watch-worker/);

		session.send('Down');
		await session.waitFor('❯ events/sqs.json');
		session.send('Enter');
		const screen = await session.waitFor('"body": "hello from the fake function"');
		expect(screen).toContain('$ cargo lambda invoke hello --data-file events/sqs.json');
		expect(screen).toContain('watch │ fake watcher ready');
		expect(await fakes.calls()).toContain('lambda invoke hello --data-file events/sqs.json');

		// Back at the picker; Ctrl-C there ends dev.
		await session.waitFor(/Response:[\s\S]*Invoke hello with/);
		session.send('C-c');
		const end = await session.waitFor('[exit 0]');
		expect(end).toContain('Stopped the watcher.');
		expect(await gone()).toEqual([]);
	});

	it('Ctrl-C while an invoke runs still stops the watcher and everything it started', async () => {
		session = openTerminal([process.execPath, binPath, 'dev'], {cwd: dir, env: {...terminalEnv(), FAKE_INVOKE_SLEEP: '30'}});
		await session.waitFor('Invoke hello with');
		session.send('Enter');
		await session.waitFor('$ cargo lambda invoke hello --data-file events/apigw.json');
		await fakeProcessesOnce(running => running.some(line => line.includes('lambda invoke')));
		session.send('C-c');
		const end = await session.waitFor('[exit ');
		expect(end).toContain('Stopped the watcher.');
		expect(await gone()).toEqual([]);
	});

	it('Quit stops the watcher too', async () => {
		session = openTerminal([process.execPath, binPath, 'dev'], {cwd: dir, env: terminalEnv()});
		await session.waitFor('Invoke hello with');
		session.send('Up');
		await session.waitFor('❯ Quit (stops the watcher)');
		session.send('Enter');
		await session.waitFor('[exit 0]');
		expect(await gone()).toEqual([]);
	});

	it('--no-interactive runs only the watcher, on the terminal, until Ctrl-C', async () => {
		session = openTerminal([process.execPath, binPath, 'dev', '--no-interactive'], {cwd: dir, env: terminalEnv()});
		await session.waitFor('fake watcher ready');
		expect(session.screen()).not.toContain('Invoke hello with');
		expect(await fakeProcessesOnce(running => running.length >= 2)).toHaveLength(2);
		session.send('C-c');
		await session.waitFor('[exit 0]');
		expect(await gone()).toEqual([]);
	});
});

describe('dev without a terminal', () => {
	it('runs only the watcher, and SIGTERM stops it and its children', async () => {
		const child = spawn(process.execPath, [binPath, 'dev'], {cwd: dir, env: {...process.env, CI: 'true', PATH: fakes.path}, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout.on('data', chunk => {
			output += String(chunk);
		});
		const ready = new Promise<void>(resolve => {
			child.stdout.on('data', () => {
				if (output.includes('fake watcher ready')) {
					resolve();
				}
			});
		});
		await ready;
		expect(await fakeProcessesOnce(running => running.length >= 2)).toHaveLength(2);
		child.kill('SIGTERM');
		const [code] = (await once(child, 'close')) as [number];
		expect(code).toBe(0);
		expect(output).toContain('Stopped the watcher.');
		expect(await gone()).toEqual([]);
	});

	it('says how to install cargo-lambda when it is missing', async () => {
		const bare = await makeFakeTools(join(dir, 'bare'), {zig: true});
		const child = spawnSync(process.execPath, [binPath, 'dev'], {cwd: dir, env: {...process.env, CI: 'true', PATH: bare.path}, encoding: 'utf8'});
		expect(child.status).toBe(1);
		expect(child.stderr).toContain('cargo-lambda is not installed: dev runs `cargo lambda watch`');
		expect(child.stderr).toContain('pip3 install cargo-lambda');
	});
});
