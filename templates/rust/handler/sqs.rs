//! The function's handler: a batch of SQS messages in, the ones that failed out.
//!
//! With a partial batch response Lambda deletes every message that is not listed
//! in `batchItemFailures`, so one bad message is retried alone instead of failing
//! (and redelivering) the whole batch. The event source mapping needs
//! `FunctionResponseTypes: ReportBatchItemFailures` (rust-lambda.toml:
//! sqs.report_batch_item_failures).
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde::Deserialize;

/// What a message body holds: change it to your own message.
#[derive(Debug, Deserialize)]
pub struct Message {
    pub id: String,
    pub text: String,
}

/// Processes each message on its own and reports the ones that failed.
pub async fn function_handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for record in &event.payload.records {
        if let Err(error) = process_message(record).await {
            // An empty identifier makes Lambda retry the whole batch: the safe side
            // for a message that arrived without an ID.
            let message_id = record.message_id.clone().unwrap_or_default();
            tracing::warn!(%message_id, %error, "message failed; SQS will deliver it again");
            // The event types are #[non_exhaustive]: start from the default.
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message_id;
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

#[cfg(test)]
mod batch_tests {
    use super::tests::failed;

    #[tokio::test]
    async fn a_bad_message_fails_alone() {
        // Three messages, the second not JSON: the first and third are processed.
        let failed = failed(include_str!("../events/sqs-bad-record.json")).await;
        assert_eq!(failed, ["MessageID_2"]);
    }
}
