// The wizard screen: answered questions above, the current one below; at the
// end, the summary of every choice alone. Props in, callbacks out; the
// questions and the flow logic are in source/new/questions.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {Answers} from '../../new/questions/answers.js';
import {back, currentStep, startFlow, submit, summaryProblems, type Flow, type FlowOptions} from '../../new/questions/flow.js';
import type {Step} from '../../new/questions/step.js';
import {SelectInput} from './SelectInput.js';
import {TextInput} from './TextInput.js';
import {useTheme, paint} from './theme.js';
import {keyHelp, wizardTitle} from '../first-frame.js';

interface Props {
	steps: readonly Step[];
	answers: Answers;
	options: FlowOptions;
	onDone: (answers: Answers) => void;
}

export function Wizard({steps, answers, options, onDone}: Props) {
	const theme = useTheme();
	const [flow, setFlow] = useState(() => startFlow(steps, answers, options));
	const step = currentStep(flow);
	const problems = step ? [] : summaryProblems(flow);
	useInput((_input, key) => {
		// Esc and ← go back a step everywhere (a text field has no cursor to move).
		// Esc goes back everywhere; ← too, except in a text field, where it moves the cursor.
		if (key.escape || (key.leftArrow && step?.kind !== 'text')) {
			setFlow(back);
		} else if (step === undefined && key.return && problems.length === 0) {
			onDone(flow.answers);
		}
	});

	return (
		<Box flexDirection="column">
			<Text bold>{wizardTitle}</Text>
			{step ? (
				<>
					{flow.history.map(index => steps[index]!).map(done => (
						<Text key={done.id}>
							<Text {...paint(theme.good)}>✔ </Text>
							<Text dimColor>{done.title}: </Text>
							<Text>{done.show(flow.answers)}</Text>
						</Text>
					))}
					<Box marginTop={1} flexDirection="column">
						<StepView key={`${step.id}:${flow.history.length}`} step={step} answers={flow.answers} error={flow.error} onSubmit={value => setFlow(current => submit(current, value))} />
						{flow.error ? <Text {...paint(theme.bad)}>✖ {flow.error}</Text> : null}
					</Box>
				</>
			) : (
				<Summary flow={flow} problems={problems} />
			)}
			<Text dimColor>{keyHelp(step, problems.length > 0)} · Ctrl-C: quit</Text>
		</Box>
	);
}

interface StepProps {
	step: Step;
	answers: Answers;
	error: string | undefined;
	onSubmit: (value: string | readonly string[]) => void;
}

function StepView({step, answers, error, onSubmit}: StepProps) {
	const theme = useTheme();
	const note = step.note?.(answers);
	const [typed, setTyped] = useState(() => (step.kind === 'text' ? step.initial(answers) : ''));
	const preview = step.kind === 'text' ? step.preview?.(answers, typed) : undefined;
	return (
		<Box flexDirection="column">
			<Text bold>
				<Text {...paint(theme.accent)}>? </Text>
				{step.title}
			</Text>
			{note ? <Text dimColor>{note}</Text> : null}
			{step.kind === 'text' ? (
				<>
					<TextInput initial={step.initial(answers)} placeholder={step.placeholder} onSubmit={onSubmit} onChange={step.preview ? setTyped : undefined} />
					{/* After Enter the error line below says what is wrong: a second, older line would only repeat it. */}
					{preview && !(preview.tone === 'bad' && error) ? (
						preview.tone === 'good' ? <Text {...paint(theme.good)}>  → {preview.text}</Text> : <Text dimColor>  ✖ {preview.text}</Text>
					) : null}
				</>
			) : (
				<SelectInput
					choices={step.choices(answers)}
					initial={step.kind === 'multi' ? step.initial(answers) : [step.initial(answers)]}
					multiple={step.kind === 'multi'}
					onSubmit={values => onSubmit(step.kind === 'multi' ? values : values[0]!)}
				/>
			)}
		</Box>
	);
}

/** Every choice that applies, answered here or by a flag. */
function Summary({flow, problems}: {flow: Flow; problems: readonly string[]}) {
	const theme = useTheme();
	const shown = flow.steps.filter(step => step.when?.(flow.answers) ?? true);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Summary — the project will be written to {flow.answers.directory}</Text>
			{shown.map(step => (
				<Text key={step.id}>
					{'  '}
					<Text dimColor>{step.title} </Text>
					<Text bold>{step.show(flow.answers)}</Text>
				</Text>
			))}
			{problems.map(problem => (
				<Text key={problem} {...paint(theme.bad)}>✖ {problem}</Text>
			))}
		</Box>
	);
}
