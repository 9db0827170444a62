// What invokes the function, and for HTTP, how it is reached.
import {defaults, suggestions} from '../../../spec/defaults.js';
import {get, type Answers} from '../answers.js';
import {listStep, selectStep} from '../kinds.js';
import {buildsFunction, noFunction} from './project.js';

export const trigger = selectStep({
	id: 'trigger',
	label: 'Trigger',
	title: 'What triggers the function?',
	key: 'project.trigger',
	fallback: suggestions.trigger,
	when: buildsFunction,
	whyNot: noFunction('nothing invokes it (it runs beside the functions that use the layer)'),
	choices: [
		{value: 'http', label: 'HTTP requests', hint: 'a function URL or an API Gateway HTTP API'},
		{value: 'sqs', label: 'SQS messages', hint: 'batches, with per-message failure reports'},
		{value: 'sns', label: 'SNS notifications'},
		{value: 's3', label: 'S3 object events'},
		{value: 'schedule', label: 'An EventBridge schedule', hint: 'cron or rate'},
		{value: 'dynamodb', label: 'A DynamoDB stream'},
		{value: 'kinesis', label: 'A Kinesis stream'},
		{value: 'json', label: 'Plain JSON', hint: 'invoked directly or by another service'},
	],
});

const isHttp = (answers: Answers) => buildsFunction(answers) && get(answers, 'project.trigger') === 'http';

export const httpEndpoint = selectStep({
	id: 'http-endpoint',
	label: 'HTTP endpoint',
	title: 'How is the function reached over HTTP?',
	key: 'http.endpoint',
	fallback: defaults.http.endpoint,
	when: isHttp,
	choices: [
		{value: 'function-url', label: 'A Lambda function URL', hint: 'simplest: one HTTPS endpoint, no extra service'},
		{value: 'http-api', label: 'An API Gateway HTTP API', hint: 'routes, custom domains, throttling'},
	],
});

export const httpAuth = selectStep({
	id: 'http-auth',
	label: 'HTTP callers',
	title: 'Who may call it?',
	key: 'http.auth',
	fallback: defaults.http.auth,
	when: isHttp,
	note: answers => (get(answers, 'http.endpoint') === 'http-api'
		? 'IAM: callers sign requests with SigV4 and need execute-api:Invoke; public: anyone who has the URL.'
		: 'Public (auth NONE) needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction granted to everyone; IAM: callers sign with SigV4.'),
	choices: [
		{value: 'none', label: 'Anyone (public)'},
		{value: 'iam', label: 'Only signed AWS requests (IAM)'},
	],
});

export const httpCors = listStep({
	id: 'http-cors',
	label: 'CORS origins',
	title: 'Browser origins allowed to call it (CORS, optional)',
	key: 'http.cors_allow_origins',
	optional: true,
	when: isHttp,
	note: () => 'Only for calls from web pages on other sites, e.g. https://example.com (or * for any). Empty: no CORS headers.',
});
