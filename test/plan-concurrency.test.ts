// Reserved concurrency: the planner and the unreserved-floor check, pure and table-driven.
import {describe, expect, it} from 'vitest';
import {concurrencyProblem, planConcurrency, unreservedAfter} from '../source/deploy/concurrency.js';

describe('planConcurrency', () => {
	it.each([
		{desired: undefined, current: undefined, expected: []},
		{desired: 10, current: undefined, expected: ['create: Reserve 10 concurrent executions for orders']},
		{desired: 10, current: 10, expected: ['no-op: Reserved concurrency of orders unchanged (10)']},
		{desired: 20, current: 10, expected: ['update: Change the reserved concurrency of orders']},
		{desired: undefined, current: 10, expected: ['delete: Remove the reserved concurrency of orders']},
		{desired: 0, current: undefined, expected: ['create: Reserve 0 concurrent executions for orders']},
	])('config $desired, AWS $current', ({desired, current, expected}) => {
		expect(planConcurrency('orders', 'us-east-1', desired, current).map(action => `${action.change}: ${action.title}`)).toEqual(expected);
	});

	it('gives put and delete commands', () => {
		expect(planConcurrency('orders', 'us-east-1', 10, 5)[0]!.awsCommand.join(' '))
			.toBe('aws lambda put-function-concurrency --function-name orders --reserved-concurrent-executions 10 --region us-east-1');
		expect(planConcurrency('orders', 'us-east-1', undefined, 5)[0]!.awsCommand.join(' '))
			.toBe('aws lambda delete-function-concurrency --function-name orders --region us-east-1');
	});

	it('warns that 0 throttles everything', () => {
		expect(planConcurrency('orders', 'us-east-1', 0, undefined)[0]!.details).toEqual(['0 throttles every invocation']);
	});
});

describe('the unreserved floor (at least 100 stay unreserved)', () => {
	const account = {limit: 1000, unreserved: 1000};

	it.each([
		{case: 'fits easily', desired: 10, current: undefined, account, problem: false},
		{case: 'leaves exactly 100', desired: 900, current: undefined, account, problem: false},
		{case: 'leaves 99', desired: 901, current: undefined, account, problem: true},
		{case: 'counts what this function already holds', desired: 900, current: 100, account: {limit: 1000, unreserved: 900}, problem: false},
		{case: 'a decrease is always fine', desired: 50, current: 100, account: {limit: 1000, unreserved: 20}, problem: false},
		{case: 'a small account', desired: 10, current: undefined, account: {limit: 100, unreserved: 100}, problem: true},
		{case: 'nothing reserved in the config', desired: undefined, current: 10, account: {limit: 100, unreserved: 90}, problem: false},
		{case: 'the endpoint cannot tell', desired: 10_000, current: undefined, account: 'unsupported' as const, problem: false},
	])('$case', ({desired, current, account, problem}) => {
		expect(concurrencyProblem('us-east-1', desired, current, account) !== undefined).toBe(problem);
	});

	it('on a low-quota account quotes the floor Lambda keeps there (its whole quota), not 100', () => {
		expect(concurrencyProblem('us-east-1', 1, undefined, {limit: 10, unreserved: 10})).toBe(
			"1 would leave 9 of the account's 10 concurrent executions unreserved in us-east-1; "
			+ 'Lambda keeps at least 10 unreserved, so reserve at most 0 there, or ask AWS for a higher concurrency quota',
		);
		expect(concurrencyProblem('us-east-1', 5, undefined, {limit: 50, unreserved: 50})).toContain('Lambda keeps at least 50 unreserved');
	});

	it('says what is left, the floor, and the most that fits', () => {
		expect(concurrencyProblem('eu-west-1', 950, 50, {limit: 1000, unreserved: 900})).toBe(
			"950 would leave 0 of the account's 1000 concurrent executions unreserved in eu-west-1; "
			+ 'Lambda keeps at least 100 unreserved, so reserve at most 850 there, or ask AWS for a higher concurrency quota',
		);
	});

	it('computes what remains unreserved after the change', () => {
		expect(unreservedAfter({limit: 1000, unreserved: 900}, 100, 300)).toBe(700);
		expect(unreservedAfter({limit: 1000, unreserved: 1000}, undefined, 10)).toBe(990);
	});
});
