// The wizard's questions, in order. Each is asked only when it applies. The essential
// ones come first: after them a person may take the defaults for all the others.
import type {Step} from '../step.js';
import {extensionInternal, extensionKind} from './extension.js';
import {asyncInvocation, maxEventAge, onFailure, onSuccess, reservedConcurrency, retries, securityGroups, subnets, vpc} from './network.js';
import {architecture, imageBase, memory, packaging, timeout} from './packaging.js';
import {directory, kind, name} from './project.js';
import {alias, local, regions, strategy} from './release.js';
import {batchingWindow, batchSize, queueArn, queueFifo} from './sqs.js';
import {
	dynamodbPosition, dynamodbTable, kinesisPosition, kinesisStream, s3Bucket, s3Events, s3Prefix, s3Suffix,
	scheduleExpression, scheduleInput, scheduleTimezone, snsFilterPolicy, snsTopic,
} from './sources.js';
import {httpAuth, httpCors, httpEndpoint, trigger} from './trigger.js';

/** What to build, what triggers it and from where, and how it is packaged. */
const essential: readonly Step[] = [
	name, kind,
	trigger, httpEndpoint, queueArn, snsTopic, s3Bucket, scheduleExpression, dynamodbTable, kinesisStream,
	extensionKind,
	packaging,
];

const others: readonly Step[] = [
	directory,
	httpAuth, httpCors,
	snsFilterPolicy,
	s3Events, s3Prefix, s3Suffix,
	scheduleTimezone, scheduleInput,
	dynamodbPosition, kinesisPosition,
	extensionInternal,
	imageBase, architecture, memory, timeout,
	queueFifo, batchSize, batchingWindow,
	vpc, subnets, securityGroups,
	reservedConcurrency,
	asyncInvocation, retries, maxEventAge, onSuccess, onFailure,
	regions, alias, strategy,
	local,
];

export const steps: readonly Step[] = [...essential.map(step => ({...step, essential: true})), ...others];
