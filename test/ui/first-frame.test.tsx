// The first frame `new` draws before Ink has loaded must be the frame Ink then
// draws over it: the same words in the same order, so nothing jumps.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {steps} from '../../source/new/questions/steps/index.js';
import {Wizard} from '../../source/ui/components/Wizard.js';
import {erasePainted, firstFrame, rowsOf} from '../../source/ui/first-frame.js';
import {waitForFrame} from '../support/ink.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('the first frame', () => {
	it('says what the Ink screen says for the first question', async () => {
		const app = render(<Wizard steps={steps} answers={{config: {}}} options={{fixedKeys: new Set()}} onDone={() => undefined} />);
		try {
			const frame = await waitForFrame(app, text => text.includes('Project name'));
			expect(words(firstFrame(false).join('\n'))).toEqual(words(frame));
		} finally {
			app.unmount();
		}
	});

	it('styles as Ink does when colour is on, and is plain text without', () => {
		expect(firstFrame(true)[0]).toBe('\u001B[1mrust-lambda-wizard · new project\u001B[22m');
		expect(firstFrame(false).join('')).not.toContain('\u001B');
	});

	it('wraps the note between words at the terminal\'s width, as Ink does', () => {
		const narrow = firstFrame(false, 40);
		const note = narrow.slice(narrow.indexOf('? Project name') + 1, narrow.findIndex(line => line.startsWith('› ')));
		expect(note.length).toBeGreaterThan(2);
		expect(note.every(line => [...line].length <= 40)).toBe(true);
		expect(words(narrow.join('\n'))).toEqual(words(firstFrame(false, 200).join('\n')));
		expect(narrow.length).toBeGreaterThan(firstFrame(false, 200).length);
	});

	it('counts the rows long lines wrap into, without colour codes', () => {
		expect(rowsOf(['\u001B[2m' + 'x'.repeat(165) + '\u001B[22m', '', 'short'], 80)).toBe(3 + 1 + 1);
		expect(rowsOf(['x'.repeat(80)], 80)).toBe(1);
	});

	it('erases row by row, up to where the frame began', () => {
		let written = '';
		const stdout = {columns: 80, write: (text: string) => {
			written += text;
			return true;
		}} as unknown as NodeJS.WriteStream;
		erasePainted(stdout, ['a', 'b']);
		expect(written).toBe('\u001B[2K\u001B[1A\u001B[2K\u001B[1A\u001B[2K\r');
	});
});
