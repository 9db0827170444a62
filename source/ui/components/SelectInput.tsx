// A list to choose from with ↑/↓ and Enter; with `multiple`, Space ticks items.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {Choice} from '../wizard/step.js';

interface Props {
	choices: readonly Choice[];
	initial: readonly string[];
	multiple?: boolean;
	onSubmit: (values: readonly string[]) => void;
}

export function SelectInput({choices, initial, multiple = false, onSubmit}: Props) {
	const start = Math.max(0, choices.findIndex(choice => choice.value === initial[0]));
	const [cursor, setCursor] = useState(multiple ? 0 : start);
	const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(initial));
	useInput((input, key) => {
		if (key.upArrow) {
			setCursor(current => (current + choices.length - 1) % choices.length);
		} else if (key.downArrow) {
			setCursor(current => (current + 1) % choices.length);
		} else if (multiple && input === ' ') {
			const value = choices[cursor]!.value;
			setTicked(current => {
				const next = new Set(current);
				if (!next.delete(value)) {
					next.add(value);
				}

				return next;
			});
		} else if (key.return) {
			onSubmit(multiple ? choices.filter(choice => ticked.has(choice.value)).map(choice => choice.value) : [choices[cursor]!.value]);
		}
	});

	return (
		<Box flexDirection="column">
			{choices.map((choice, index) => {
				const active = index === cursor;
				const box = multiple ? (ticked.has(choice.value) ? '◉ ' : '◯ ') : '';
				return (
					<Text key={choice.value}>
						<Text color={active ? 'cyan' : undefined}>{active ? '❯ ' : '  '}{box}{choice.label}</Text>
						{choice.hint ? <Text dimColor> — {choice.hint}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
