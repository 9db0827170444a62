/** The closest candidate to a mistyped word, when it is close enough to be what was meant. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	const tolerance = Math.max(1, Math.floor(word.length / 3));
	return bestDistance <= tolerance ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
	const match = closest(word, candidates);
	return match ? ` (did you mean ${match}?)` : '';
}

/** Edit distance where swapping two neighbouring letters (zpi -> zip) counts as one edit. */
function editDistance(a: string, b: string): number {
	let beforePrevious: number[] = [];
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				current[j] = Math.min(current[j]!, beforePrevious[j - 2]! + 1);
			}
		}

		beforePrevious = previous;
		previous = current;
	}

	return previous[b.length]!;
}
