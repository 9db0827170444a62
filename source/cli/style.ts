// Colour only where the stream supports it; NO_COLOR, FORCE_COLOR and pipes are
// honoured by Node's own styleText.
import {styleText} from 'node:util';

type Format = Parameters<typeof styleText>[0];

export function paint(stream: NodeJS.WriteStream, format: Format, text: string): string {
	return styleText(format, text, {stream, validateStream: true});
}
