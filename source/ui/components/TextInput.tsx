// A one-line text field: type, Backspace, Ctrl-U (clear), Enter. Kept tiny on purpose.
// Keys can arrive several in one chunk (a paste, typing ahead, a slow link), so the
// value lives in a ref that each key updates at once, and the chunk is read key by key.
import {Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import {useTheme, paint} from './theme.js';

interface Props {
	initial: string;
	placeholder?: string | undefined;
	onSubmit: (value: string) => void;
	/** Every change, as typed (for a preview under the field). */
	onChange?: ((value: string) => void) | undefined;
}

export function TextInput({initial, placeholder, onSubmit, onChange}: Props) {
	const theme = useTheme();
	const value = useRef(initial);
	const [shown, setShown] = useState(initial);
	const update = (next: string) => {
		value.current = next;
		setShown(next);
		onChange?.(next);
	};

	useInput((input, key) => {
		if (key.return) {
			onSubmit(value.current);
		} else if (key.ctrl && input === 'u') {
			update('');
		} else if (key.backspace || key.delete) {
			update(value.current.slice(0, -1));
		} else if (!key.ctrl && !key.meta && !key.escape && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && input) {
			for (const character of input) {
				if (character === '\r' || character === '\n') {
					onSubmit(value.current);
					return;
				}

				if (character === '\u0015') {
					update('');
				} else if (character === '\u007F' || character === '\b') {
					update(value.current.slice(0, -1));
				} else if (character >= ' ') {
					update(value.current + character);
				}
			}
		}
	});

	return (
		<Text>
			<Text {...paint(theme.accent)}>› </Text>
			{shown === '' && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{shown}</Text>}
			{/* A visible glyph, not an inverse space: with NO_COLOR the cursor must still show. */}
			<Text {...paint(theme.accent)}>▌</Text>
		</Text>
	);
}
