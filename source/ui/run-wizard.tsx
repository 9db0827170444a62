// Ink behind one imperative call: the `new` command asks for answers and gets
// them back (or undefined on Ctrl-C). The terminal is Ink's only until it returns.
import {render} from 'ink';
import {steps} from '../new/questions/steps/index.js';
import type {Answers} from '../new/questions/answers.js';
import type {AskQuestions} from '../new/questions/flow.js';
import {colourful, plain, ThemeContext} from './components/theme.js';
import {Wizard} from './components/Wizard.js';
import {erasePainted} from './first-frame.js';

/** `painted`: the first frame's lines already on screen (paintFirstFrame), which Ink draws over. */
export async function runWizard(answers: Parameters<AskQuestions>[0], options: Parameters<AskQuestions>[1], painted: readonly string[] = []): ReturnType<AskQuestions> {
	let result: Answers | undefined;
	erasePainted(process.stdout, painted);
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
