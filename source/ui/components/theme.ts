// Colours, or none: with NO_COLOR (or a terminal without colour) every component
// draws plain text. The caller decides; components only read the context.
import {createContext, useContext} from 'react';

export interface Theme {
	readonly accent?: string;
	readonly good?: string;
	readonly bad?: string;
}

export const colourful: Theme = {accent: 'cyan', good: 'green', bad: 'red'};
export const plain: Theme = {};

export const ThemeContext = createContext<Theme>(colourful);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** Ink's color prop, or none: <Text {...paint(theme.good)}> draws plain text when the theme has no colour. */
export const paint = (color: string | undefined): {color?: string} => (color === undefined ? {} : {color});
