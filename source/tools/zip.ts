// A deterministic zip writer: sorted entries, a fixed timestamp, Unix modes.
// The same files always give the same bytes, so the same CodeSha256, so a
// redeploy of an unchanged binary uploads nothing.
import {constants, crc32, deflateRawSync, inflateRawSync} from 'node:zlib';

export interface ZipEntry {
	/** Path inside the zip, with / separators ("bootstrap", "extensions/log-shipper"). */
	name: string;
	data: Uint8Array;
	/** Unix permission bits; executables need 0o755 for Lambda to run them. */
	mode: number;
}

const dosDate = (1 << 5) | 1; // 1980-01-01, the earliest a zip can say
const dosTime = 0;
const utf8Names = 0x0800;

export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
	const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;

	for (const entry of sorted) {
		const name = Buffer.from(entry.name, 'utf8');
		const compressed = deflateRawSync(entry.data, {level: 9});
		const checksum = crc32(entry.data);

		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04_03_4b_50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(utf8Names, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt16LE(dosTime, 10);
		local.writeUInt16LE(dosDate, 12);
		local.writeUInt32LE(checksum, 14);
		local.writeUInt32LE(compressed.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02_01_4b_50, 0);
		central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is read
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(utf8Names, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt16LE(dosTime, 12);
		central.writeUInt16LE(dosDate, 14);
		central.writeUInt32LE(checksum, 16);
		central.writeUInt32LE(compressed.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(((0o100_000 | entry.mode) << 16) >>> 0, 38);
		central.writeUInt32LE(offset, 42);

		locals.push(local, name, compressed);
		centrals.push(central, name);
		offset += local.length + name.length + compressed.length;
	}

	const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06_05_4b_50, 0);
	end.writeUInt16LE(sorted.length, 8);
	end.writeUInt16LE(sorted.length, 10);
	end.writeUInt32LE(directorySize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

export interface ZipListing {
	name: string;
	/** Size once unzipped: what counts against Lambda's 250 MB. */
	size: number;
	mode: number;
}

/** The entries a zip's central directory lists (any zip, not only ours: cargo-lambda's too). */
export function listZip(bytes: Uint8Array): ZipListing[] {
	return centralEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).map(({name, size, mode}) => ({name, size, mode}));
}

interface CentralEntry extends ZipListing {
	method: number;
	compressedSize: number;
	localHeader: number;
}

function centralEntries(view: Buffer): CentralEntry[] {
	// The end record is the last 22 bytes plus a comment of up to 64 KiB: search backwards for its signature.
	let end = -1;
	for (let at = view.length - 22; at >= Math.max(0, view.length - 22 - 0xff_ff); at--) {
		if (view.readUInt32LE(at) === 0x06_05_4b_50) {
			end = at;
			break;
		}
	}

	if (end < 0) {
		throw new Error('not a zip file: no end of central directory record');
	}

	const count = view.readUInt16LE(end + 10);
	const entries: CentralEntry[] = [];
	let at = view.readUInt32LE(end + 16);
	for (let index = 0; index < count; index++) {
		if (view.readUInt32LE(at) !== 0x02_01_4b_50) {
			throw new Error('not a zip file: broken central directory');
		}

		const nameLength = view.readUInt16LE(at + 28);
		const extraLength = view.readUInt16LE(at + 30);
		const commentLength = view.readUInt16LE(at + 32);
		entries.push({
			name: view.toString('utf8', at + 46, at + 46 + nameLength),
			size: view.readUInt32LE(at + 24),
			mode: (view.readUInt32LE(at + 38) >>> 16) & 0o7777,
			method: view.readUInt16LE(at + 10),
			compressedSize: view.readUInt32LE(at + 20),
			localHeader: view.readUInt32LE(at + 42),
		});
		at += 46 + nameLength + extraLength + commentLength;
	}

	return entries;
}

/** The first bytes of one entry (enough to read a file header), or undefined when the zip has no such entry. */
export function zipEntryHead(bytes: Uint8Array, name: string, length = 64): Uint8Array | undefined {
	const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entry = centralEntries(view).find(candidate => candidate.name === name);
	if (entry === undefined) {
		return undefined;
	}

	const local = entry.localHeader;
	const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
	// Only the beginning is needed: inflate a slice, flushing what it gives instead of insisting on the end.
	const stored = view.subarray(start, start + Math.min(entry.compressedSize, 64 * 1024));
	const data = entry.method === 0 ? stored : inflateRawSync(stored, {finishFlush: constants.Z_SYNC_FLUSH});
	return data.subarray(0, length);
}
