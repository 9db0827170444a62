// What deploy checks inside a function zip before uploading it.
import {describe, expect, it} from 'vitest';
import {elfArchitecture, functionZipProblem} from '../source/plan/function-zip.js';
import {listZip, zipEntries, zipEntryHead} from '../source/tools/zip.js';
import {elfHead} from './support/elf.js';

const x86 = elfHead(0x3e);
const arm = elfHead(0xb7);

describe('elfArchitecture', () => {
	it.each([[x86, 'x86_64'], [arm, 'arm64'], [elfHead(0x28), undefined], [Buffer.from('#!/bin/sh\necho hi\n'), undefined]])('reads the machine', (head, expected) => {
		expect(elfArchitecture(head)).toBe(expected);
	});
});

describe('zipEntryHead', () => {
	it('reads the start of a deflated entry back', () => {
		const body = Buffer.concat([arm, Buffer.alloc(200_000, 7)]);
		const zip = zipEntries([{name: 'README', data: Buffer.from('x'), mode: 0o644}, {name: 'bootstrap', data: body, mode: 0o755}]);
		expect(Buffer.from(zipEntryHead(zip, 'bootstrap', 64)!)).toEqual(arm);
		expect(zipEntryHead(zip, 'missing')).toBeUndefined();
	});
});

describe('functionZipProblem', () => {
	const zip = (name: string, data: Buffer, mode = 0o755) => {
		const bytes = zipEntries([{name, data, mode}]);
		return [listZip(bytes), zipEntryHead(bytes, 'bootstrap')] as const;
	};

	it('accepts an executable bootstrap for the function\'s architecture', () => {
		expect(functionZipProblem('f.zip', ...zip('bootstrap', arm), 'arm64')).toBeUndefined();
		expect(functionZipProblem('f.zip', ...zip('bootstrap', Buffer.from('#!/bin/sh')), 'arm64')).toBeUndefined();
	});

	it.each([
		['no bootstrap at the root', zip('target/bootstrap', arm), 'has no `bootstrap` at its root (it has target/bootstrap)'],
		['a bootstrap that cannot run', zip('bootstrap', arm, 0o644), 'bootstrap is not executable'],
		['a bootstrap for the other architecture', zip('bootstrap', x86), 'bootstrap is built for x86_64, but project.architecture is arm64'],
	])('refuses %s', (_case, [entries, head], message) => {
		expect(functionZipProblem('f.zip', entries, head, 'arm64')?.message).toContain(message);
	});
});
