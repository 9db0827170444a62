// Ink behind one imperative call: the `new` command asks for answers and gets
// them back ('home' for the home menu, undefined on Ctrl-C). The terminal is Ink's only until it returns.
import {render} from 'ink';
import {steps} from '../new/questions/steps/index.js';
import type {AskQuestions, Asked} from '../new/questions/flow.js';
import {colourful, plain, ThemeContext} from './components/theme.js';
import {Wizard} from './components/Wizard.js';
import {erasePainted} from './first-frame.js';

/** `painted`: the first frame's lines already on screen (paintFirstFrame), which Ink draws over. */
export async function runWizard(answers: Parameters<AskQuestions>[0], options: Parameters<AskQuestions>[1], painted: readonly string[] = []): ReturnType<AskQuestions> {
	let result: Asked;
	erasePainted(process.stdout, painted);
	// Shown again after the home menu, standard input is left paused and unref'd by the screens
	// before. Resuming starts the terminal's reading again, and a 'readable' listener at once keeps
	// what comes in the buffer, for Ink: flowing, keys typed meanwhile would be gone before Ink listens.
	const keep = () => undefined;
	process.stdin.ref();
	process.stdin.resume();
	process.stdin.on('readable', keep);
	const app = render(
		<ThemeContext value={options.colour ? colourful : plain}>
			<Wizard
				steps={steps}
				answers={answers}
				options={options}
				onDone={done => {
					result = done;
					if (done === 'home') {
						// The home menu is asked again below: the question it leaves is no longer on screen.
						app.clear();
					}

					app.unmount();
				}}
			/>
		</ThemeContext>,
		{exitOnCtrlC: true},
	);
	await app.waitUntilExit();
	process.stdin.off('readable', keep);
	if (result === undefined) {
		// Ink leaves the cursor at the end of its last line: what follows starts on its own.
		process.stdout.write('\n');
	}

	return result;
}
