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

async fn process_message(record: &SqsMessage) -> Result<(), Error> {
    let body = record.body.as_deref().ok_or("the message has no body")?;
    let message: Message = serde_json::from_str(body)?;
    tracing::info!(id = %message.id, text = %message.text, "processed");
    Ok(())
}

/// Starts the Lambda runtime with the handler; returns only if the runtime fails.
pub async fn run() -> Result<(), Error> {
    lambda_runtime::run(service_fn(function_handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_runtime::Context;

    async fn failed(json: &str) -> Vec<String> {
        let event: SqsEvent = serde_json::from_str(json).expect("the sample is a valid SQS event");
        let response = function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler reports failures per message, never for the batch");
        response
            .batch_item_failures
            .into_iter()
            .map(|failure| failure.item_identifier)
            .collect()
    }

    #[tokio::test]
    async fn good_messages_report_no_failures() {
        assert!(failed(include_str!("../events/sqs.json")).await.is_empty());
    }

    #[tokio::test]
    async fn a_bad_message_fails_alone() {
        // Three messages, the second not JSON: the first and third are processed.
        let failed = failed(include_str!("../events/sqs-bad-record.json")).await;
        assert_eq!(failed, ["MessageID_2"]);
    }
}
