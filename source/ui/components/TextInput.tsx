// A one-line text field: type, ←/→ to move, Backspace, Ctrl-U (clear), Enter. Kept
// small on purpose. Keys can arrive several in one chunk (a paste, typing ahead, a
// slow link), so the field lives in a ref that each key updates at once, and the chunk
// is read key by key.
import {Text} from 'ink';
import {useRef, useState} from 'react';
import {useFieldKeys} from './keys.js';
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
	// The text and where the cursor stands in it (0: before the first character).
	const field = useRef({text: initial, at: [...initial].length});
	const [shown, setShown] = useState(field.current);
	const update = (text: string, at: number) => {
		const changed = text !== field.current.text;
		field.current = {text, at};
		setShown(field.current);
		if (changed) {
			onChange?.(text);
		}
	};

	const characters = () => [...field.current.text];
	const insert = (character: string) => {
		const list = characters();
		list.splice(field.current.at, 0, character);
		update(list.join(''), field.current.at + 1);
	};

	const deleteBefore = () => {
		if (field.current.at > 0) {
			const list = characters();
			list.splice(field.current.at - 1, 1);
			update(list.join(''), field.current.at - 1);
		}
	};

	useFieldKeys((input, key) => {
		if (key.return) {
			onSubmit(field.current.text);
		} else if (key.ctrl && input === 'u') {
			update('', 0);
		} else if (key.backspace || key.delete) {
			deleteBefore();
		} else if (key.leftArrow) {
			update(field.current.text, Math.max(0, field.current.at - 1));
		} else if (key.rightArrow) {
			update(field.current.text, Math.min(characters().length, field.current.at + 1));
		} else if (!key.ctrl && !key.meta && !key.escape && !key.tab && !key.upArrow && !key.downArrow && input) {
			for (const character of input) {
				if (character === '\r' || character === '\n') {
					onSubmit(field.current.text);
					return;
				}

				if (character === '\u0015') {
					update('', 0);
				} else if (character === '\u007F' || character === '\b') {
					deleteBefore();
				} else if (character >= ' ') {
					insert(character);
				}
			}
		}
	});

	const list = [...shown.text];
	return (
		<Text>
			<Text {...paint(theme.accent)}>› </Text>
			{shown.text === '' && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{list.slice(0, shown.at).join('')}</Text>}
			{/* A visible glyph, not an inverse space: with NO_COLOR the cursor must still show. */}
			<Text {...paint(theme.accent)}>▌</Text>
			{shown.at < list.length ? <Text>{list.slice(shown.at).join('')}</Text> : null}
		</Text>
	);
}
