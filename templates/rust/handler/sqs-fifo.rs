//! The function's handler: a batch of messages from a FIFO queue in, the ones
//! that failed out.
//!
//! A FIFO queue delivers the messages of a group in order, and a batch may hold
//! several of a group. So the handler stops at the first message that fails and
//! reports it and every message after it: Lambda deletes only the messages before
//! it, and SQS delivers the rest again, still in order. Going on past a failure
//! would process (and delete) later messages of its group before it. The event
//! source mapping needs `FunctionResponseTypes: ReportBatchItemFailures`
//! (rust-lambda.toml: sqs.report_batch_item_failures).
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde::Deserialize;

/// What a message body holds: change it to your own message.
#[derive(Debug, Deserialize)]
pub struct Message {
    pub id: String,
    pub text: String,
}

/// Processes the messages in order; from the first failure on, reports every message as failed.
pub async fn function_handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    let records = &event.payload.records;
    for (index, record) in records.iter().enumerate() {
        if let Err(error) = process_message(record).await {
            tracing::warn!(
                message_id = ?record.message_id,
                %error,
                "message failed; it and the rest of the batch will be delivered again"
            );
            for unprocessed in &records[index..] {
                // The event types are #[non_exhaustive]: start from the default. An empty
                // identifier (a message without an ID) makes Lambda retry the whole batch.
                let mut failure = BatchItemFailure::default();
                failure.item_identifier = unprocessed.message_id.clone().unwrap_or_default();
                response.batch_item_failures.push(failure);
            }
            break;
        }
    }
    Ok(response)
}

#[cfg(test)]
mod batch_tests {
    use super::tests::failed;

    #[tokio::test]
    async fn a_bad_message_fails_with_every_message_after_it() {
        // Three messages, the second not JSON: the third, though good, waits its turn.
        let failed = failed(include_str!("../events/sqs-bad-record.json")).await;
        assert_eq!(failed, ["MessageID_2", "MessageID_3"]);
    }
}
