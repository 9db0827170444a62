// A list to choose from with ↑/↓ and Enter; with `multiple`, Space ticks items.
// The cursor and ticks live in refs too: several keys in one chunk must each see
// the state the one before left.
import {Box, Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import type {Choice} from '../../new/questions/step.js';
import {useTheme, paint} from './theme.js';

interface Props {
	choices: readonly Choice[];
	initial: readonly string[];
	multiple?: boolean;
	onSubmit: (values: readonly string[]) => void;
}

export function SelectInput({choices, initial, multiple = false, onSubmit}: Props) {
	const theme = useTheme();
	const start = Math.max(0, choices.findIndex(choice => choice.value === initial[0]));
	const cursor = useRef(multiple ? 0 : start);
	const ticked = useRef<ReadonlySet<string>>(new Set(initial));
	const [, redraw] = useState(0);
	const change = (apply: () => void) => {
		apply();
		redraw(count => count + 1);
	};

	useInput((input, key) => {
		if (key.upArrow) {
			change(() => {
				cursor.current = (cursor.current + choices.length - 1) % choices.length;
			});
		} else if (key.downArrow) {
			change(() => {
				cursor.current = (cursor.current + 1) % choices.length;
			});
		} else if (multiple && input === ' ') {
			change(() => {
				const value = choices[cursor.current]!.value;
				const next = new Set(ticked.current);
				if (!next.delete(value)) {
					next.add(value);
				}

				ticked.current = next;
			});
		} else if (key.return) {
			onSubmit(multiple ? choices.filter(choice => ticked.current.has(choice.value)).map(choice => choice.value) : [choices[cursor.current]!.value]);
		}
	});

	return (
		<Box flexDirection="column">
			{choices.map((choice, index) => {
				const active = index === cursor.current;
				const box = multiple ? (ticked.current.has(choice.value) ? '◉ ' : '◯ ') : '';
				return (
					<Text key={choice.value}>
						<Text {...paint(active ? theme.accent : undefined)}>{active ? '❯ ' : '  '}{box}{choice.label}</Text>
						{choice.hint ? <Text dimColor> — {choice.hint}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
