// The folder `new` writes to: refused at its question, with the reason, when nothing can be
// written there (a file in the way, a file system that takes no folder), and the writer's own
// failures said plainly, never as a bug. Real folders in a temporary directory.
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {RunError} from '../source/errors.js';
import {currentStep, startFlow, submit, type Flow} from '../source/new/questions/flow.js';
import {steps} from '../source/new/questions/steps/index.js';
import {folderProblem, writeProject} from '../source/tools/project-writer.js';

let work: string;

beforeEach(async () => {
	work = await mkdtemp(join(tmpdir(), 'rlw-folder-'));
	await writeFile(join(work, 'notes.txt'), 'a file, not a folder');
});

afterEach(async () => {
	await rm(work, {recursive: true, force: true});
});

/** What is left in the working folder besides what the test made: the writer's and the check's leftovers. */
const leftovers = async () => (await readdir(work)).filter(name => name.startsWith('.'));

describe('folderProblem', () => {
	it('refuses a file where the folder would be', () => {
		expect(folderProblem(join(work, 'notes.txt'), false)).toBe(`${work}/notes.txt is a file, not a folder. Choose another folder for the project.`);
	});

	it.each(['notes.txt/orders', 'notes.txt/deep/er/orders'])('refuses %s: a file above it is in the way, and names that file', below => {
		expect(folderProblem(join(work, below), false))
			.toBe(`Cannot make ${work}/${below}: ${work}/notes.txt is a file, and no folder can be made inside a file. Choose another folder for the project.`);
	});

	// Root passes access(2) on any folder, and /proc answers yes to everyone: only making a folder tells.
	it.runIf(existsSync('/proc/self'))('refuses a folder on a file system that takes no new folder (/proc), where writing would never finish', () => {
		expect(folderProblem('/proc/rlw-orders/inner', false)).toMatch(/^Cannot make \/proc\/rlw-orders\/inner: no folder can be made in \/proc \((?:this file system takes no new folders there|permission denied)\)\. Choose another folder for the project\.$/);
	});

	it('takes a new folder below folders that do not exist yet, and leaves nothing behind from its check', async () => {
		expect(folderProblem(join(work, 'a', 'b', 'orders'), false)).toBeUndefined();
		expect(await leftovers()).toEqual([]);
		expect(existsSync(join(work, 'a'))).toBe(false);
	});

	it('refuses a folder that is not empty unless forced', async () => {
		await mkdir(join(work, 'orders'));
		await writeFile(join(work, 'orders', 'keep.txt'), 'keep');
		expect(folderProblem(join(work, 'orders'), false)).toBe(`${work}/orders exists and is not empty: choose another folder, or pass --force to write into it.`);
		expect(folderProblem(join(work, 'orders'), true)).toBeUndefined();
		expect(await readdir(join(work, 'orders'))).toEqual(['keep.txt']);
	});
});

describe('the folder question', () => {
	/** The wizard at its folder question, with the check `new` gives it. */
	function atFolder(): Flow {
		let flow = startFlow(steps, {config: {}}, {fixedKeys: new Set(), checkDirectory: directory => folderProblem(resolve(work, directory), false)});
		flow = submit(flow, 'orders');
		while (currentStep(flow)?.id !== 'directory') {
			flow = submit(flow, currentStep(flow)!.id === 'pace' ? 'each' : currentStep(flow)!.initial(flow.answers));
			expect(flow.error).toBeUndefined();
		}

		return flow;
	}

	it('refuses a folder below a file at the question, with the reason, and takes another', () => {
		const refused = submit(atFolder(), 'notes.txt/orders');
		expect(currentStep(refused)?.id).toBe('directory');
		expect(refused.error).toBe(`Cannot make ${work}/notes.txt/orders: ${work}/notes.txt is a file, and no folder can be made inside a file. Choose another folder for the project.`);
		const taken = submit(refused, './orders');
		expect(taken.error).toBeUndefined();
		expect(currentStep(taken)?.id).not.toBe('directory');
	});

	it('refuses a file as the folder at the question', () => {
		expect(submit(atFolder(), 'notes.txt').error).toContain('notes.txt is a file, not a folder');
	});
});

describe('writeProject', () => {
	it('says a failed write plainly (a file in the way), leaves nothing, and never calls it a bug', async () => {
		const target = join(work, 'orders');
		// Two generated files that cannot both be: "src" as a file and as a folder.
		const written = writeProject(target, [{path: 'src', content: 'x'}, {path: 'src/main.rs', content: 'fn main() {}\n'}], {force: false});
		await expect(written).rejects.toBeInstanceOf(RunError);
		await expect(written).rejects.toThrow(new RegExp(`^Could not write the project to ${target}: a file is in the way \\(.*src.*\\)\\.$`));
		await expect(written).rejects.toMatchObject({hint: 'Nothing was written. Choose another folder, or fix this one and run new again.'});
		expect(existsSync(target)).toBe(false);
		expect(await leftovers()).toEqual([]);
	});

	it.runIf(existsSync('/proc/self'))('refuses /proc before writing, instead of never returning', async () => {
		await expect(writeProject('/proc/rlw-orders', [{path: 'a', content: 'x'}], {force: false})).rejects.toThrow(/^Cannot make \/proc\/rlw-orders: no folder can be made in \/proc/);
	});
});
