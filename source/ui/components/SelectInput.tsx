// A list to choose from with ↑/↓ and Enter; with `multiple`, Space ticks items.
// A list longer than `room` rows scrolls. The ticks live in a ref too: several
// keys in one chunk must each see the state the one before left.
import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import type {Choice} from '../../new/questions/step.js';
import {useCursor, visibleRows} from './cursor.js';
import {useFieldKeys} from './keys.js';
import {useTheme, paint} from './theme.js';

interface Props {
	choices: readonly Choice[];
	initial: readonly string[];
	multiple?: boolean;
	/** The most rows the list may take on screen. */
	room?: number;
	/** Labels padded to this width and hints in a column after them, cut to one row (a table). */
	labelWidth?: number | undefined;
	/** Values whose row is marked as wrong. */
	marked?: ReadonlySet<string>;
	onSubmit: (values: readonly string[]) => void;
}

export function SelectInput({choices, initial, multiple = false, room = choices.length, labelWidth, marked, onSubmit}: Props) {
	const theme = useTheme();
	const start = Math.max(0, choices.findIndex(choice => choice.value === initial[0]));
	const cursor = useCursor(choices.length, multiple ? 0 : start);
	const ticked = useRef<ReadonlySet<string>>(new Set(initial));
	const [, redraw] = useState(0);

	useFieldKeys((input, key) => {
		if (key.upArrow) {
			cursor.move(-1);
		} else if (key.downArrow) {
			cursor.move(1);
		} else if (multiple && input === ' ') {
			const value = choices[cursor.at()]!.value;
			const next = new Set(ticked.current);
			if (!next.delete(value)) {
				next.add(value);
			}

			ticked.current = next;
			redraw(times => times + 1);
		} else if (key.return) {
			onSubmit(multiple ? choices.filter(choice => ticked.current.has(choice.value)).map(choice => choice.value) : [choices[cursor.at()]!.value]);
		}
	});

	const {start: first, end} = visibleRows(choices.length, cursor.at(), room);
	return (
		<Box flexDirection="column">
			{first > 0 ? <Text dimColor>  ↑ {first} more</Text> : null}
			{choices.slice(first, end).map((choice, offset) => {
				const active = first + offset === cursor.at();
				const box = multiple ? (ticked.current.has(choice.value) ? '◉ ' : '◯ ') : '';
				const wrong = marked?.has(choice.value) ?? false;
				const pointer = active ? '❯ ' : wrong ? '✖ ' : '  ';
				const label = <Text {...paint(active ? theme.accent : wrong ? theme.bad : undefined)}>{pointer}{box}{labelWidth === undefined ? choice.label : choice.label.padEnd(labelWidth)}</Text>;
				// Two columns: a hint too long for the row wraps (or, in a table, is cut) beside its label, not under it.
				return (
					<Box key={choice.value}>
						<Box flexShrink={0}>{label}</Box>
						{labelWidth === undefined
							? (choice.hint ? <Text dimColor> — {choice.hint}</Text> : null)
							: <Text wrap="truncate-end">{choice.hint ? ` ${choice.hint}` : ''}</Text>}
					</Box>
				);
			})}
			{end < choices.length ? <Text dimColor>  ↓ {choices.length - end} more</Text> : null}
		</Box>
	);
}
