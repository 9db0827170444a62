// Names deploy gives what it makes for a function and alias (a schedule, the
// scheduler's role), within the service's length limit: a name that would be
// too long keeps its start and ends in a hash of the whole, so it stays the same
// from run to run (deploy finds these again by name) and differs between aliases.

const hashLength = 8;

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, and enough to tell a project's aliases apart. */
function shortHash(text: string): string {
	let hash = 0x81_1C_9D_C5;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
	}

	return hash.toString(16).padStart(hashLength, '0');
}

/** `stem` + `suffix` in at most `max` characters; a stem that does not fit is cut and ends in its hash. */
export function fitName(stem: string, suffix: string, max: number): string {
	if (stem.length + suffix.length <= max) {
		return `${stem}${suffix}`;
	}

	const hash = shortHash(stem);
	return `${stem.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** What every fitName(`start` + anything, `suffix`, `max`) starts with: to list those names by prefix. */
export const fittedPrefix = (start: string, suffix: string, max: number): string => start.slice(0, max - suffix.length - hashLength - 1);
