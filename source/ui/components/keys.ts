// Keys reach the field on screen through the one listener the wizard keeps for its
// whole life. A field that listened for itself (Ink's useInput subscribes in an
// effect, after its first frame is drawn) would miss a key pressed in between, and
// keys typed ahead in one chunk would all reach the question they started on: so
// while the screen moves to another question, keys wait, and then go to its field.
import {useInput, type Key} from 'ink';
import {createContext, useContext, useLayoutEffect, useRef, type RefObject} from 'react';

export type KeyHandler = (input: string, key: Key) => void;

/** Where the field on screen leaves its handler; the wizard's listener calls it. */
export const FieldKeys = createContext<{current: KeyHandler | undefined}>({current: undefined});

/** Called while the field renders: from its first frame on, keys go to it. */
export function useFieldKeys(handler: KeyHandler): void {
	useContext(FieldKeys).current = handler;
}

/**
 * The wizard's listener: `route` takes each key (Esc, say) or hands it to `field`, the field on
 * screen. Call `moving()` with a change that brings another question: keys wait until it is drawn.
 */
export function useKeyRouter(route: (input: string, key: Key, field: KeyHandler | undefined) => void): {field: RefObject<KeyHandler | undefined>; moving: () => void} {
	const field = useRef<KeyHandler | undefined>(undefined);
	const queued = useRef<Array<[string, Key]>>([]);
	const waiting = useRef(false);
	const deliver = (input: string, key: Key) => {
		// Typed ahead or pasted, plain text comes as one chunk ("orders\r\r"): each character is a key of its own.
		const characters = [...input];
		if (characters.length > 1 && !key.ctrl && !key.meta) {
			for (const character of characters) {
				deliver(character, {...key, return: character === '\r' || character === '\n', backspace: character === '\u007F' || character === '\b'});
			}

			return;
		}

		if (waiting.current) {
			queued.current.push([input, key]);
		} else {
			route(input, key, field.current);
		}
	};

	useInput(deliver);
	// After each drawn change (a layout effect runs before any key can arrive): the keys that waited.
	useLayoutEffect(() => {
		waiting.current = false;
		for (const [input, key] of queued.current.splice(0)) {
			deliver(input, key);
		}
	});
	return {
		field,
		moving() {
			waiting.current = true;
		},
	};
}
