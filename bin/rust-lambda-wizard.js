#!/usr/bin/env node
// Checks the Node version before loading anything: the bundle itself uses APIs
// that crash at load on older Node, so this file must stay plain and tiny.
var version = process.versions.node;
var major = Number(version.split('.')[0]);
if (major < 22) {
	process.stderr.write('rust-lambda-wizard needs Node.js 22 or newer; this is Node.js ' + version + '.\n' +
		'Install a current Node.js (https://nodejs.org/) and run it again.\n');
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
