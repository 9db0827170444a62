// A sender for a --dry-run without credentials: an account where nothing exists
// yet. Every read answers "not found" (so the plan creates everything), and the
// account is a placeholder the plan shows as it is.
import type {AnyRequest, AwsSender, OperationName, Output, Request, Service} from '../deploy/request.js';

export const placeholderAccount = '<account>';

const notFound = () => Object.assign(new Error('(dry run without credentials: assumed not to exist)'), {name: 'ResourceNotFoundException', $metadata: {httpStatusCode: 404}});

export function offlineSender(region: string): AwsSender {
	const sender: AwsSender = {
		region,
		async sendAny(request: AnyRequest) {
			if (request.service === 'sts') {
				return {Account: placeholderAccount};
			}

			if (request.operation === 'GetAccountSettings') {
				// As an endpoint without the call answers: the floor is then not checked, and said so.
				throw Object.assign(new Error('not available without credentials'), {name: 'UnknownOperationException', $metadata: {httpStatusCode: 404}});
			}

			throw notFound();
		},
		send: async <S extends Service, O extends OperationName<S>>(request: Request<S, O>) => sender.sendAny(request as AnyRequest) as Promise<Output<S, O>>,
	};
	return sender;
}
