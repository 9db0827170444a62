//! The function's handler: a batch of Kinesis records in.
//!
//! Records of a shard arrive in order. The handler stops at the first record that
//! fails and reports it (partial batch response): Lambda then retries from that
//! record on, instead of the whole batch. The event source mapping needs
//! `FunctionResponseTypes: ReportBatchItemFailures`.
use aws_lambda_events::event::kinesis::{KinesisEvent, KinesisEventRecord};
use aws_lambda_events::event::streams::{KinesisBatchItemFailure, KinesisEventResponse};
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(
    event: LambdaEvent<KinesisEvent>,
) -> Result<KinesisEventResponse, Error> {
    let mut response = KinesisEventResponse::default();
    for record in &event.payload.records {
        if let Err(error) = process_record(record).await {
            let sequence_number = record.kinesis.sequence_number.clone();
            tracing::warn!(%sequence_number, %error, "record failed; Lambda retries from it");
            // The event types are #[non_exhaustive]: start from the default.
            let mut failure = KinesisBatchItemFailure::default();
            failure.item_identifier = Some(sequence_number);
            response.batch_item_failures.push(failure);
            break;
        }
    }
    Ok(response)
}

async fn process_record(record: &KinesisEventRecord) -> Result<(), Error> {
    // Lambda has already decoded the base64 payload.
    let data = std::str::from_utf8(&record.kinesis.data)?;
    tracing::info!(partition_key = %record.kinesis.partition_key, data, "record");
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

    #[tokio::test]
    async fn handles_the_sample_event() {
        let event = serde_json::from_str(include_str!("../events/kinesis.json"))
            .expect("the sample is a valid Kinesis event");
        let response = function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
        assert!(response.batch_item_failures.is_empty());
    }
}
