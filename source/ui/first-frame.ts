// The wizard's first screen as plain text, drawn the moment `new` starts: Ink,
// React and the layout engine take a few hundred milliseconds to load, and a
// person should not wait for them to see the first question. Ink then draws the
// same frame over it (runWizard erases these lines first). No Ink or React here.
import type {Step} from '../new/questions/step.js';
import {name} from '../new/questions/steps/project.js';

/** The key line under a question; the Ink screen shows the same words. */
export function keyHelp(step: Step | undefined, blocked: boolean): string {
	switch (step?.kind) {
		case undefined: {
			return blocked ? '↑/↓: choose · Enter: change it · Esc/←: back' : '↑/↓: choose · Enter: write, or change a row · Esc/←: back';
		}

		case 'text': {
			return 'Enter: confirm · ←/→: move · Ctrl-U: clear · Esc: back';
		}

		case 'select': {
			return '↑/↓: choose · Enter: confirm · Esc/←: back';
		}

		case 'multi': {
			return '↑/↓: move · Space: tick · Enter: confirm · Esc/←: back';
		}
	}
}

export const wizardTitle = 'rust-lambda-wizard · new project';

/** Text broken into lines of at most `columns` characters at spaces, as Ink wraps a note. */
export function wrapWords(text: string, columns: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			if (line !== '' && [...line].length + 1 + [...word].length > columns) {
				lines.push(line);
				line = word;
			} else {
				line = line === '' ? word : `${line} ${word}`;
			}
		}

		lines.push(line);
	}

	return lines;
}

/** The lines of the first frame (the name question, empty), styled as Ink styles them, or plain; the note wrapped to the width. */
export function firstFrame(colour: boolean, columns = 80): string[] {
	const style = (open: string, close: string) => (text: string) => (colour ? `\u001B[${open}m${text}\u001B[${close}m` : text);
	const bold = style('1', '22');
	const dim = style('2', '22');
	const accent = style('36', '39');
	const note = name.note?.({config: {}});
	return [
		bold(wizardTitle),
		'',
		bold(`${accent('? ')}${name.title}`),
		...(note ? wrapWords(note, columns).map(line => dim(line)) : []),
		`${accent('› ')}${accent('▌')}`,
		dim(`${keyHelp(name, false)} · Ctrl-C: quit`),
	];
}

/** How many terminal rows the lines take at this width (long lines wrap). */
export function rowsOf(lines: readonly string[], columns: number): number {
	// ANSI colour codes take no room on screen.
	const visible = (line: string) => [...line.replaceAll(/\u001B\[[\d;]*m/g, '')].length;
	return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(visible(line) / Math.max(1, columns))), 0);
}

/**
 * Draws the first frame now, and keeps keys typed meanwhile for Ink (raw mode: no echo, nothing
 * lost). Returns the lines drawn, for runWizard to erase before Ink draws over them.
 */
export function paintFirstFrame(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, colour: boolean): string[] {
	const lines = firstFrame(colour, stdout.columns || 80);
	stdin.setRawMode?.(true);
	stdout.write(`${lines.join('\n')}\n`);
	return lines;
}

/**
 * Erases the lines paintFirstFrame drew, counted in rows at the terminal's width now (it may have
 * been resized since): row by row, as Ink's own redraw does (tmux left the frame in place when it
 * was one cursor-up and an erase-below), ending at the start of the frame's first row.
 */
export function erasePainted(stdout: NodeJS.WriteStream, lines: readonly string[]): void {
	if (lines.length > 0) {
		stdout.write(`\u001B[2K${'\u001B[1A\u001B[2K'.repeat(rowsOf(lines, stdout.columns || 80))}\r`);
	}
}
