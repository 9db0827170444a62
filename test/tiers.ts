// Which test files are unit tests (`npm run test:unit`): pure, task and UI tests that
// run no real program (no moto, cargo, podman, tmux, rustfmt, cfn-lint, python3) and
// need no build (dist/). Every other test file is a real test; `npm test` runs both.
// A file is unit only when listed here; test/tiers.test.ts checks that none of these
// starts a process, directly or through a test/support helper.
export const unitTests = [
	'test/args.test.ts',
	'test/build-plan.test.ts',
	'test/build-tasks.test.ts',
	'test/container.test.ts', // a shell-script docker in a temporary folder, not a real one
	'test/errors.test.ts',
	'test/function-zip.test.ts',
	'test/help.test.ts',
	'test/invoked.test.ts',
	'test/new-folder.test.ts',
	'test/new-questions.test.ts',
	'test/plan-companion-size.test.ts',
	'test/plan-concurrency.test.ts',
	'test/plan-event-invoke-config.test.ts',
	'test/plan-event-source-mapping.test.ts',
	'test/plan-http.test.ts',
	'test/plan-image.test.ts',
	'test/plan-layer-guided.test.ts',
	'test/plan-layer-version.test.ts',
	'test/plan-layers.test.ts',
	'test/plan-notify.test.ts',
	'test/plan-role.test.ts',
	'test/plan-schedule.test.ts',
	'test/plan-stream-mappings.test.ts',
	'test/plan.test.ts',
	'test/permissions.test.ts',
	'test/policy.test.ts',
	'test/prerequisites.test.ts',
	'test/profiles.test.ts',
	'test/registry-login.test.ts',
	'test/rollout-plan.test.ts',
	'test/rollout-smoke.test.ts',
	'test/spec-triggers.test.ts',
	'test/spec.test.ts',
	'test/tasks-image.test.ts',
	'test/tasks.test.ts',
	'test/tiers.test.ts',
	'test/waiting.test.ts',
	'test/ui/first-frame.test.tsx',
	'test/ui/flow.test.ts',
	'test/ui/wizard.test.tsx',
] as const;

export const allTests = ['test/**/*.test.ts', 'test/**/*.test.tsx'] as const;
