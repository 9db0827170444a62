// The "Next:" lines after `new` must run as the tool was started, and paths
// read as a person would type them. Pure.
import {describe, expect, it} from 'vitest';
import {howToRun, showPath, type Invocation} from '../source/cli/invoked.js';

const home = '/home/ana';
const started = (overrides: Partial<Invocation>): Invocation => ({
	script: '/usr/lib/node_modules/rust-lambda-wizard/bin/rust-lambda-wizard.js',
	viaNpx: false,
	onPath: false,
	inCheckout: false,
	...overrides,
});

describe('howToRun', () => {
	it.each([
		['installed globally (on PATH)', started({onPath: true}), '/home/ana/work', 'rust-lambda-wizard'],
		['through npx', started({viaNpx: true, script: '/home/ana/.npm/_npx/1a2b/node_modules/rust-lambda-wizard/bin/rust-lambda-wizard.js'}), '/home/ana/work', 'npx rust-lambda-wizard@latest'],
		['from a checkout', started({inCheckout: true, script: '/home/ana/src/rust-lambda-wizard/bin/rust-lambda-wizard.js'}), '/home/ana/work', 'node ~/src/rust-lambda-wizard/bin/rust-lambda-wizard.js'],
		['from a checkout, inside it', started({inCheckout: true, script: '/home/ana/src/rlw/bin/rust-lambda-wizard.js'}), '/home/ana/src/rlw', 'node bin/rust-lambda-wizard.js'],
		['npm start in a checkout (npx-like env)', started({viaNpx: true, inCheckout: true, script: '/home/ana/src/rlw/bin/rust-lambda-wizard.js'}), '/tmp', 'node ~/src/rlw/bin/rust-lambda-wizard.js'],
		['by path, off PATH, outside home', started({}), '/home/ana', 'node /usr/lib/node_modules/rust-lambda-wizard/bin/rust-lambda-wizard.js'],
	])('%s', (_case, invocation, cwd, expected) => {
		expect(howToRun(invocation, cwd, home)).toBe(expected);
	});
});

describe('showPath', () => {
	it.each([
		['/home/ana/work/orders', '/home/ana/work', 'orders'],
		['/home/ana/work', '/home/ana/work', '.'],
		['/home/ana/other/orders', '/home/ana/work/deep', '~/other/orders'],
		['/srv/orders', '/home/ana', '/srv/orders'],
	])('%s from %s', (path, cwd, expected) => {
		expect(showPath(path, cwd, home)).toBe(expected);
	});
});
