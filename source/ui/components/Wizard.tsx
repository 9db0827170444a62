// The wizard screen: each answered question printed once (<Static>: a screen taller
// than the terminal never redraws them into the scrollback), the current one below;
// at the end, the summary as a table to write from or to change any answer in.
// Props in, callbacks out; the questions and the flow logic are in source/new/questions.
import {Box, Static, Text, useStdout} from 'ink';
import {useState} from 'react';
import type {Answers} from '../../new/questions/answers.js';
import {atStart, back, checkTyped, currentStep, edit, startFlow, submit, type Flow, type FlowOptions} from '../../new/questions/flow.js';
import {summary} from '../../new/questions/summary.js';
import type {Step} from '../../new/questions/step.js';
import {FieldKeys, useKeyRouter} from './keys.js';
import {SelectInput} from './SelectInput.js';
import {TextInput} from './TextInput.js';
import {useTheme, paint} from './theme.js';
import {keyHelp, rowsOf, wizardTitle} from '../first-frame.js';

interface Props {
	steps: readonly Step[];
	answers: Answers;
	options: FlowOptions;
	/** The answers to write; 'home' when the person left from the first question for the home menu. */
	onDone: (answers: Answers | 'home') => void;
}

/** The rows the screen keeps free below a list: the key line, an error line, and one so Ink never fills the terminal. */
const reserved = 3;

export function Wizard({steps, answers, options, onDone}: Props) {
	const theme = useTheme();
	const {stdout} = useStdout();
	const [flow, setFlow] = useState(() => startFlow(steps, answers, options));
	const step = currentStep(flow);
	const table = step ? undefined : summary(flow);
	const blocked = table !== undefined && (table.problems.length > 0 || table.rows.some(row => row.problem !== undefined));
	const keys = useKeyRouter((input, key, field) => {
		if (key.escape && atStart(flow) && options.fromHome) {
			onDone('home');
		} else if (key.escape || (key.leftArrow && step?.kind !== 'text')) {
			// Esc goes back everywhere; ← too, except in a text field, where it moves the cursor.
			move(back);
		} else {
			field?.(input, key);
		}
	});
	/** A change of question: a new object each time, so it is drawn (and keys typed ahead are let through) even when nothing changed. */
	const move = (change: (flow: Flow) => Flow) => {
		keys.moving();
		setFlow(current => ({...change(current)}));
	};

	const size = stdout as Partial<NodeJS.WriteStream>;
	const screen = {rows: size.rows || 24, columns: size.columns || 80};
	return (
		<FieldKeys value={keys.field}>
			<Box flexDirection="column">
				<Static items={[{key: -1, title: wizardTitle, text: ''}, ...flow.log]}>
					{line => (line.key === -1 ? <Text key={line.key} bold>{line.title}</Text> : (
						<Text key={line.key}>
							<Text {...paint(theme.good)}>✔ </Text>
							<Text dimColor>{line.title}: </Text>
							<Text>{line.text}</Text>
						</Text>
					))}
				</Static>
				{step ? (
					<Box marginTop={1} flexDirection="column">
						<StepView key={`${step.id}:${flow.log.length}:${flow.current}`} step={step} flow={flow} screen={screen} onEdit={() => setFlow(clearError)} onSubmit={value => move(current => submit(current, value))} />
						{flow.error ? <Text {...paint(theme.bad)}>✖ {flow.error}</Text> : null}
					</Box>
				) : (
					<Summary flow={flow} table={table!} blocked={blocked} screen={screen} onWrite={() => onDone(flow.answers)} onEdit={index => move(current => edit(current, index))} />
				)}
				<Text dimColor>{keyHelp(step, blocked)} · Ctrl-C: quit</Text>
			</Box>
		</FieldKeys>
	);
}

const clearError = (flow: Flow): Flow => (flow.error === undefined ? flow : {...flow, error: undefined});

interface Screen {
	rows: number;
	columns: number;
}

interface StepProps {
	step: Step;
	flow: Flow;
	screen: Screen;
	onEdit: () => void;
	onSubmit: (value: string | readonly string[]) => void;
}

function StepView({step, flow, screen, onEdit, onSubmit}: StepProps) {
	const theme = useTheme();
	const note = step.note?.(flow.answers);
	const [typed, setTyped] = useState(() => (step.kind === 'text' ? step.initial(flow.answers) : ''));
	// What is typed is checked as it is typed; after Enter the error line under the field says it instead.
	const preview = step.kind === 'text' && flow.error === undefined ? checkTyped(flow, step, typed) : undefined;
	// The rows left for a list: the screen less the blank line, the question, its note and what `reserved` keeps.
	const room = Math.max(3, screen.rows - 2 - (note ? rowsOf([note], screen.columns) : 0) - reserved);
	return (
		<Box flexDirection="column">
			<Text bold>
				<Text {...paint(theme.accent)}>? </Text>
				{step.title}
			</Text>
			{note ? <Text dimColor>{note}</Text> : null}
			{step.kind === 'text' ? (
				<>
					<TextInput
						initial={step.initial(flow.answers)}
						placeholder={step.placeholder}
						onSubmit={onSubmit}
						onChange={text => {
							setTyped(text);
							onEdit();
						}}
					/>
					{preview ? (preview.tone === 'good' ? <Text {...paint(theme.good)}>  → {preview.text}</Text> : <Text {...paint(theme.bad)}>  ✖ {preview.text}</Text>) : null}
				</>
			) : (
				<SelectInput
					choices={step.choices(flow.answers)}
					initial={step.kind === 'multi' ? step.initial(flow.answers) : [step.initial(flow.answers)]}
					multiple={step.kind === 'multi'}
					room={room}
					onSubmit={values => onSubmit(step.kind === 'multi' ? values : values[0]!)}
				/>
			)}
		</Box>
	);
}

const write = 'write';

interface SummaryProps {
	flow: Flow;
	table: ReturnType<typeof summary>;
	blocked: boolean;
	screen: Screen;
	onWrite: () => void;
	onEdit: (index: number) => void;
}

/** Every choice that applies, answered here, by a flag or by default: Enter on "Write" writes, on a row changes it. */
function Summary({flow, table, blocked, screen, onWrite, onEdit}: SummaryProps) {
	const theme = useTheme();
	const problems = [...table.rows.flatMap(row => (row.problem ? [`${row.label}: ${row.problem}`] : [])), ...table.problems];
	const labelWidth = Math.max(...table.rows.map(row => row.label.length)) + 1;
	const choices = [
		{value: write, label: blocked ? 'Fix what is marked ✖ first' : 'Write the project', hint: ''},
		...table.rows.map(row => ({value: String(row.index), label: row.label, hint: row.text})),
	];
	const room = Math.max(3, screen.rows - 2 - rowsOf(problems.map(problem => `✖ ${problem}`), screen.columns) - reserved);
	const firstWrong = table.rows.find(row => row.problem !== undefined);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Summary — the project will be written to {flow.answers.directory}</Text>
			<SelectInput
				choices={choices}
				initial={[firstWrong ? String(firstWrong.index) : write]}
				room={room}
				labelWidth={labelWidth}
				marked={new Set(table.rows.filter(row => row.problem !== undefined).map(row => String(row.index)))}
				onSubmit={([value]) => {
					if (value !== write) {
						onEdit(Number(value));
					} else if (!blocked) {
						onWrite();
					}
				}}
			/>
			{problems.map(problem => (
				<Text key={problem} {...paint(theme.bad)}>✖ {problem}</Text>
			))}
		</Box>
	);
}
