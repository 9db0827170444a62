// Builds one planned action: a no-op carries no operation and no aws command.
import {awsCommand} from './aws-cli.js';
import type {Action, Change, Operation} from './types.js';

export type MakeAction = (change: Change, title: string, operation: Operation, details?: string[]) => Action;

export function actionsIn(region: string): MakeAction {
	return (change, title, operation, details = []) => ({
		change,
		title,
		details,
		awsCommand: change === 'no-op' ? [] : awsCommand(operation, region),
		operation: change === 'no-op' ? {type: 'none'} : operation,
	});
}

export const noOp = (make: MakeAction, title: string) => make('no-op', title, {type: 'none'});
