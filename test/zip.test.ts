// The deterministic zip writer, read back by a real zip reader (Python's zipfile).
import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {codeSha256} from '../source/tools/files.js';
import {listZip, zipEntries} from '../source/tools/zip.js';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rlw-zip-'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

const readBack = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([{"name": i.filename, "mode": oct(i.external_attr >> 16), "data": z.read(i).decode(), "date": list(i.date_time)} for i in z.infolist()]))
`;

describe('zipEntries', () => {
	it('writes a zip that a real reader opens, with modes, sorted names and a fixed date', async () => {
		const path = join(dir, 'a.zip');
		await writeFile(path, zipEntries([
			{name: 'extensions/log-shipper', data: Buffer.from('ext'), mode: 0o755},
			{name: 'bootstrap', data: Buffer.from('#!/bin/sh\necho hi\n'.repeat(50)), mode: 0o755},
			{name: 'README', data: Buffer.from('read me'), mode: 0o644},
		]));
		const entries = JSON.parse(execFileSync('python3', ['-c', readBack, path], {encoding: 'utf8'})) as Array<{name: string; mode: string; data: string; date: number[]}>;
		expect(entries.map(entry => [entry.name, entry.mode])).toEqual([
			['README', '0o100644'],
			['bootstrap', '0o100755'],
			['extensions/log-shipper', '0o100755'],
		]);
		expect(entries[1]!.data).toBe('#!/bin/sh\necho hi\n'.repeat(50));
		expect(entries[0]!.date).toEqual([1980, 1, 1, 0, 0, 0]);
	});

	it('gives identical bytes for the same files in any order', () => {
		const a = zipEntries([{name: 'b', data: Buffer.from('1'), mode: 0o755}, {name: 'a', data: Buffer.from('2'), mode: 0o644}]);
		const b = zipEntries([{name: 'a', data: Buffer.from('2'), mode: 0o644}, {name: 'b', data: Buffer.from('1'), mode: 0o755}]);
		expect(codeSha256(a)).toBe(codeSha256(b));
		expect(codeSha256(a)).not.toBe(codeSha256(zipEntries([{name: 'a', data: Buffer.from('3'), mode: 0o644}])));
	});

	it('lists the entries of a zip written by another tool (as cargo-lambda\'s are), with sizes and modes', async () => {
		const path = join(dir, 'other.zip');
		const write = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("extensions/", "")
    info = zipfile.ZipInfo("extensions/shipper")
    info.external_attr = 0o100755 << 16
    z.writestr(info, "x" * 5000, compresslevel=9)
    z.comment = b"made elsewhere"
`;
		execFileSync('python3', ['-c', write, path]);
		const entries = listZip(await readFile(path));
		expect(entries).toEqual([
			{name: 'extensions/', size: 0, mode: expect.any(Number)},
			{name: 'extensions/shipper', size: 5000, mode: 0o755},
		]);
		expect(listZip(zipEntries([{name: 'bootstrap', data: Buffer.from('abc'), mode: 0o755}]))).toEqual([{name: 'bootstrap', size: 3, mode: 0o755}]);
		expect(() => listZip(Buffer.from('not a zip at all, just some text that is long enough'))).toThrow(/not a zip file/);
	});
});
