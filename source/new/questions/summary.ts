// The summary the wizard ends on: every step that applies with its answer, and
// the whole config checked with the loader's rules, each problem on its row.
import {ConfigError, type Problem} from '../../errors.js';
import {toSpec} from './answers.js';
import {applies, type Flow} from './flow.js';

/** A line of the summary: a step that applies, its answer, and what is wrong with it. */
export interface SummaryRow {
	readonly index: number;
	readonly label: string;
	readonly text: string;
	readonly problem?: string | undefined;
}

/** Every step that applies, answered here, by a flag or by its default; and the problems no row owns. */
export function summary(flow: Flow): {rows: SummaryRow[]; problems: string[]} {
	const all = configProblems(flow);
	const owned = new Set<Problem>();
	const rows = flow.steps.flatMap((step, index) => {
		if (!applies(step, flow.answers)) {
			return [];
		}

		const mine = all.find(problem => step.keys.some(key => problem.where === key || problem.where.startsWith(`${key}[`)));
		if (mine) {
			owned.add(mine);
		}

		const problem = step.keys.includes('directory') && flow.answers.directory !== undefined
			? flow.options.checkDirectory?.(flow.answers.directory)
			: mine?.message;
		return [{index, label: step.label, text: step.show(flow.answers), problem}];
	});
	return {rows, problems: all.filter(problem => !owned.has(problem)).map(said)};
}

const said = (problem: Problem) => `${problem.where}: ${problem.message}`;

/** The whole config's problems, for the summary: the last chance before anything is written. */
export function summaryProblems(flow: Flow): string[] {
	return configProblems(flow).map(said);
}

function configProblems(flow: Flow): Problem[] {
	try {
		toSpec(flow.answers);
		return [];
	} catch (error) {
		if (error instanceof ConfigError) {
			return error.problems.map(problem => ({...problem, where: problem.where.replace(/^answers: /, '')}));
		}

		throw error;
	}
}
