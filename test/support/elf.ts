// The first bytes of an ELF executable: enough for deploy's architecture check.

/** Magic, 64-bit, little-endian, an executable, and e_machine (0x3e x86_64, 0xb7 arm64) at offset 18. */
export function elfHead(machine: number): Buffer {
	const head = Buffer.alloc(64);
	head.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
	head.writeUInt16LE(2, 16);
	head.writeUInt16LE(machine, 18);
	return head;
}
