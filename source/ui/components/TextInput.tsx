// A one-line text field: type, Backspace, Ctrl-U (clear), Enter. Kept tiny on purpose.
import {Text, useInput} from 'ink';
import {useState} from 'react';

export function TextInput({initial, placeholder, onSubmit}: {initial: string; placeholder?: string | undefined; onSubmit: (value: string) => void}) {
	const [value, setValue] = useState(initial);
	useInput((input, key) => {
		if (key.return) {
			onSubmit(value);
		} else if (key.ctrl && input === 'u') {
			setValue('');
		} else if (key.backspace || key.delete) {
			setValue(current => current.slice(0, -1));
		} else if (!key.ctrl && !key.meta && !key.escape && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && input) {
			setValue(current => current + input.replaceAll(/[\r\n]/g, ''));
		}
	});

	return (
		<Text>
			<Text color="cyan">› </Text>
			{value === '' && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{value}</Text>}
			{/* A visible glyph, not an inverse space: with NO_COLOR the cursor must still show. */}
			<Text color="cyan">▌</Text>
		</Text>
	);
}
