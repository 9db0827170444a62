// Ink behind one imperative call: the `new` command asks for answers and gets
// them back (or undefined on Ctrl-C). The terminal is Ink's only until it returns.
import {render} from 'ink';
import {steps} from './steps/index.js';
import type {Answers} from './wizard/answers.js';
import type {FlowOptions} from './wizard/flow.js';
import {colourful, plain, ThemeContext} from './components/theme.js';
import {Wizard} from './components/Wizard.js';

export async function runWizard(answers: Answers, options: FlowOptions & {colour: boolean}): Promise<Answers | undefined> {
	let result: Answers | undefined;
	const app = render(
		<ThemeContext value={options.colour ? colourful : plain}>
			<Wizard
				steps={steps}
				answers={answers}
				options={options}
				onDone={done => {
					result = done;
					app.unmount();
				}}
			/>
		</ThemeContext>,
		{exitOnCtrlC: true},
	);
	await app.waitUntilExit();
	if (result === undefined) {
		// Ink leaves the cursor at the end of its last line: what follows starts on its own.
		process.stdout.write('\n');
	}

	return result;
}
