// Where the cursor stands in a list, and which part of a long list fits on screen.
// The cursor lives in a ref too: several keys in one chunk must each see the
// place the one before left.
import {useRef, useState} from 'react';

/** `at()`: where it stands now, also between two keys of one chunk (before a redraw). */
export function useCursor(count: number, start: number): {at: () => number; move: (by: number) => void} {
	const cursor = useRef(start);
	const [, redraw] = useState(0);
	return {
		at: () => cursor.current,
		move(by) {
			cursor.current = (cursor.current + by + count) % count;
			redraw(times => times + 1);
		},
	};
}

/** The rows [start, end) to show of `count`, at most `room` of them (markers for the rest included), keeping the cursor in view. */
export function visibleRows(count: number, cursor: number, room: number): {start: number; end: number} {
	if (count <= room) {
		return {start: 0, end: count};
	}

	// Two rows go to the "more above / below" markers.
	const shown = Math.max(1, room - 2);
	const start = Math.min(Math.max(0, cursor - Math.floor(shown / 2)), count - shown);
	return {start, end: start + shown};
}
