// What `deploy` connects for the project's trigger, how to try it once deployed, and which
// key is still missing for that: for the generated README and `new`'s last words. Pure.
import {shellLine} from '../shell-words.js';
import type {Spec} from '../spec/schema.js';
import {describeSchedule} from '../spec/triggers.js';

/** A command, and a note for it. */
export type Line = readonly [command: string, note?: string];

export interface Connection {
	/** What deploy connects, in a sentence or two (Markdown). */
	readonly says: string;
	/** Commands to try it once deployed. */
	readonly tryIt: readonly Line[];
	/** The source key still to set before deploy can connect it: "[s3] bucket". */
	readonly missing?: string;
}

/** An ARN for a shell line: {region} and {account} become variables the lines before it set. */
function arnWords(arn: string): {arn: string; setup: Line[]} {
	const setup: Line[] = [];
	if (arn.includes('{region}')) {
		setup.push(['region=$(aws configure get region)', 'or any region of deploy.regions']);
	}

	if (arn.includes('{account}')) {
		setup.push(['account=$(aws sts get-caller-identity --query Account --output text)']);
	}

	return setup.length === 0
		? {arn, setup}
		: {arn: `"${arn.replaceAll('{region}', '${region}').replaceAll('{account}', '${account}')}"`, setup};
}

const code = (text: string) => `\`${text}\``;
const line = (command: string, note?: string): Line => (note === undefined ? [command] : [command, note]);

export function connection(spec: Spec): Connection {
	const alias = code(spec.deploy.alias);
	const qualified = `${spec.function.name}:${spec.deploy.alias}`;
	const invoke = (event: string): Line => [`aws lambda invoke --function-name ${qualified} --payload fileb://${event} response.json`, 'one event, by hand'];
	const missing = (section: string, key: string, what: string): Connection => ({
		says: `**Not connected yet**: set ${code(`[${section}] ${key}`)} (${what}) in rust-lambda.toml, then run ${code('rust-lambda-wizard deploy')}. Until then deploy creates the function and says what is missing.`,
		tryIt: [],
		missing: `[${section}] ${key}`,
	});

	switch (spec.project.trigger) {
		case 'http': {
			const http = spec.http!;
			const iam = http.auth === 'iam';
			const cors = http.cors_allow_origins ? `, with CORS for ${http.cors_allow_origins.map(code).join(', ')}` : '';
			const signed = iam ? ' --aws-sigv4 "aws:amz:$region:lambda" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"' : '';
			// A signed request names its region; the credentials are the caller's own.
			const setup: Line[] = iam ? [['region=$(aws configure get region)', 'the region of the URL']] : [];
			if (http.endpoint === 'http-api') {
				return {
					says: `\`deploy\` creates an API Gateway HTTP API whose default route invokes the alias ${alias}${iam ? ' (IAM: callers sign their requests)' : ' (public)'}${cors}, and prints its endpoint.`,
					tryIt: [...setup, [`curl${iam ? ' --aws-sigv4 "aws:amz:$region:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"' : ''} "https://API_ID.execute-api.REGION.amazonaws.com/?name=you"`, 'the endpoint deploy printed']],
				};
			}

			return {
				says: `\`deploy\` gives the alias ${alias} a function URL${iam ? ' (IAM: callers sign their requests)' : ' (public: anyone with the URL may call it)'}${cors}, and prints it.`,
				tryIt: [...setup, [`curl${signed} "https://URL_ID.lambda-url.REGION.on.aws/?name=you"`, 'the URL deploy printed']],
			};
		}

		case 'sqs': {
			const queue = spec.sqs?.queue_arn;
			if (!queue) {
				return missing('sqs', 'queue_arn', 'the queue\'s ARN');
			}

			const name = queue.split(':').at(-1)!;
			return {
				says: `\`deploy\` maps the queue ${code(queue)} to the alias ${alias} (batches of up to ${spec.sqs!.batch_size}${spec.sqs!.report_batch_item_failures ? ', failed messages reported one by one' : ''}).`,
				tryIt: [[`aws sqs send-message --queue-url "$(aws sqs get-queue-url --queue-name ${name} --query QueueUrl --output text)" --message-body '{"hello": "world"}'`]],
			};
		}

		case 'sns': {
			const topic = spec.sns?.topic_arn;
			if (!topic) {
				return missing('sns', 'topic_arn', 'the topic\'s ARN');
			}

			const {arn, setup} = arnWords(topic);
			return {
				says: `\`deploy\` subscribes the alias ${alias} to the topic ${code(topic)}${spec.sns!.filter_policy ? ` with the filter policy ${code(spec.sns!.filter_policy)}` : ''}, and lets SNS invoke it from that topic only.`,
				tryIt: [...setup, line(`aws sns publish --topic-arn ${arn} --message '{"hello": "world"}'`, spec.sns!.filter_policy ? 'add --message-attributes that match the filter policy' : undefined)],
			};
		}

		case 's3': {
			const s3 = spec.s3!;
			if (!s3.bucket) {
				return missing('s3', 'bucket', 'the bucket\'s name');
			}

			const filters = [s3.prefix === undefined ? '' : `starting with ${code(s3.prefix)}`, s3.suffix === undefined ? '' : `ending with ${code(s3.suffix)}`].filter(Boolean);
			const key = `${s3.prefix ?? ''}hello${s3.suffix ?? '.txt'}`;
			const created = s3.events.some(event => event.startsWith('s3:ObjectCreated:'));
			const removed = s3.events.some(event => event.startsWith('s3:ObjectRemoved:'));
			const tryIt: Line[] = [];
			if (created || removed) {
				tryIt.push(['echo hello > hello.txt'], line(shellLine(['aws', 's3', 'cp', 'hello.txt', `s3://${s3.bucket}/${key}`]), created ? 'an object-created event' : undefined));
			}

			if (removed) {
				tryIt.push([shellLine(['aws', 's3', 'rm', `s3://${s3.bucket}/${key}`]), 'an object-removed event']);
			}

			return {
				says: `\`deploy\` adds a notification to the bucket ${code(s3.bucket)} (it must be in the function's region) that invokes the alias ${alias} on ${s3.events.map(code).join(', ')}${filters.length > 0 ? ` for keys ${filters.join(' and ')}` : ''}, keeping the bucket's other notifications.`,
				tryIt,
			};
		}

		case 'schedule': {
			const schedule = spec.schedule!;
			if (!schedule.expression) {
				return missing('schedule', 'expression', 'e.g. "rate(5 minutes)"');
			}

			const words = describeSchedule(schedule.expression);
			return {
				says: `\`deploy\` creates an EventBridge Scheduler schedule ${code(schedule.expression)}${words ? ` (${words})` : ''}${schedule.timezone ? ` in ${schedule.timezone}` : ''} that invokes the alias ${alias}${schedule.input ? ` with ${code(schedule.input)}` : ''}.`,
				tryIt: [[`aws logs tail /aws/lambda/${spec.function.name} --follow`, 'watch the scheduled runs'], invoke('events/schedule.json')],
			};
		}

		case 'dynamodb': {
			const stream = spec.dynamodb!;
			if (!stream.table) {
				return missing('dynamodb', 'table', 'the table\'s name');
			}

			return {
				says: `\`deploy\` maps the stream of the table ${code(stream.table)} to the alias ${alias}, starting at ${stream.starting_position}, with failed records reported one by one. The table needs a stream: ${code(`aws dynamodb update-table --table-name ${stream.table} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES`)}.`,
				tryIt: [[`aws dynamodb put-item --table-name ${stream.table} --item '{"id": {"S": "hello"}}'`, 'with your table\'s key attributes']],
			};
		}

		case 'kinesis': {
			const stream = spec.kinesis!;
			if (!stream.stream_arn) {
				return missing('kinesis', 'stream_arn', 'the stream\'s ARN');
			}

			const {arn, setup} = arnWords(stream.stream_arn);
			return {
				says: `\`deploy\` maps the stream ${code(stream.stream_arn)} to the alias ${alias}, starting at ${stream.starting_position}, with failed records reported one by one.`,
				tryIt: [...setup, [`aws kinesis put-record --stream-arn ${arn} --partition-key 1 --cli-binary-format raw-in-base64-out --data '{"hello": "world"}'`]],
			};
		}

		case 'json': {
			return {
				says: `Nothing invokes it on its own: \`deploy\` creates the function and the alias ${alias}, for other code or services to call.`,
				tryIt: [invoke('events/request.json')],
			};
		}
	}
}
