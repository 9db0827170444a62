// The wizard's questions, in order. Each is asked only when it applies.
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

export const steps: readonly Step[] = [
	name, directory, kind,
	trigger, httpEndpoint, httpAuth, httpCors,
	snsTopic, snsFilterPolicy,
	s3Bucket, s3Events, s3Prefix, s3Suffix,
	scheduleExpression, scheduleTimezone, scheduleInput,
	dynamodbTable, dynamodbPosition,
	kinesisStream, kinesisPosition,
	extensionKind, extensionInternal,
	packaging, imageBase, architecture, memory, timeout,
	queueArn, queueFifo, batchSize, batchingWindow,
	vpc, subnets, securityGroups,
	reservedConcurrency,
	asyncInvocation, retries, maxEventAge, onSuccess, onFailure,
	regions, alias, strategy,
	local,
];
