#!/usr/bin/env node
// Checks the Node version before loading anything: the bundle itself uses APIs
// that crash at load on older Node, so this file must stay plain and tiny.
var version = process.versions.node;
var parts = version.split('.').map(Number);
// 22.13: the oldest Node that listr2, the newest-needing dependency here, supports.
if (parts[0] < 22 || (parts[0] === 22 && parts[1] < 13)) {
	process.stderr.write('rust-lambda-wizard needs Node.js 22.13 or newer, but this is Node.js ' + version + ': install a current Node.js (https://nodejs.org/) and run it again.\n');
	process.exitCode = 1;
} else {
	import('../dist/main.js').then(
		function (cli) { return cli.run(); },
		function (error) {
			process.stderr.write('rust-lambda-wizard is not built (' + error.message + ').\nRun `npm install` in the checkout; its prepare script builds dist/.\n');
			process.exitCode = 1;
		},
	);
}
