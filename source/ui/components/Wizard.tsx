// The wizard screen: answered questions above, the current one (or the
// summary) below. Props in, callbacks out; the flow logic is in ../wizard/flow.ts.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {Answers} from '../wizard/answers.js';
import {back, currentStep, startFlow, submit, type FlowOptions} from '../wizard/flow.js';
import type {Step} from '../wizard/step.js';
import {SelectInput} from './SelectInput.js';
import {TextInput} from './TextInput.js';

interface Props {
	steps: readonly Step[];
	answers: Answers;
	options: FlowOptions;
	onDone: (answers: Answers) => void;
}

export function Wizard({steps, answers, options, onDone}: Props) {
	const [flow, setFlow] = useState(() => startFlow(steps, answers, options));
	const step = currentStep(flow);
	useInput((input, key) => {
		if (key.escape || key.leftArrow) {
			setFlow(back);
		} else if (flow.current === 'summary' && key.return) {
			onDone(flow.answers);
		}
	});

	const answered = flow.history.map(index => steps[index]!);
	return (
		<Box flexDirection="column">
			<Text bold>rust-lambda-wizard · new project</Text>
			{answered.map(done => (
				<Text key={done.id}>
					<Text color="green">✔ </Text>
					<Text dimColor>{done.title}: </Text>
					<Text>{done.show(flow.answers)}</Text>
				</Text>
			))}
			<Box marginTop={1} flexDirection="column">
				{step ? (
					<StepView key={`${step.id}:${flow.history.length}`} step={step} answers={flow.answers} onSubmit={value => setFlow(current => submit(current, value))} />
				) : (
					<Summary steps={answered} answers={flow.answers} />
				)}
				{flow.error ? <Text color="red">✖ {flow.error}</Text> : null}
			</Box>
			<Text dimColor>{keyHelp(step)} · Esc: back · Ctrl-C: quit</Text>
		</Box>
	);
}

function keyHelp(step: Step | undefined): string {
	switch (step?.kind) {
		case undefined: {
			return 'Enter: write the project';
		}

		case 'text': {
			return 'Enter: confirm · Ctrl-U: clear';
		}

		case 'select': {
			return '↑/↓: choose · Enter: confirm';
		}

		case 'multi': {
			return '↑/↓: move · Space: tick · Enter: confirm';
		}
	}
}

function StepView({step, answers, onSubmit}: {step: Step; answers: Answers; onSubmit: (value: string | readonly string[]) => void}) {
	const note = step.note?.(answers);
	return (
		<Box flexDirection="column">
			<Text bold>
				<Text color="cyan">? </Text>
				{step.title}
			</Text>
			{note ? <Text dimColor>{note}</Text> : null}
			{step.kind === 'text' ? (
				<TextInput initial={step.initial(answers)} placeholder={step.placeholder} onSubmit={onSubmit} />
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

function Summary({steps, answers}: {steps: readonly Step[]; answers: Answers}) {
	return (
		<Box flexDirection="column">
			<Text bold>Summary — the project will be written to {answers.directory}</Text>
			{steps.map(step => (
				<Text key={step.id}>
					{'  '}
					<Text dimColor>{step.title} </Text>
					<Text bold>{step.show(answers)}</Text>
				</Text>
			))}
		</Box>
	);
}
