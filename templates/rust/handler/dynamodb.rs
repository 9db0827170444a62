//! The function's handler: a batch of DynamoDB stream records in.
//!
//! Records of a shard arrive in order. The handler stops at the first record that
//! fails and reports it (partial batch response): Lambda then retries from that
//! record on, instead of the whole batch. The event source mapping needs
//! `FunctionResponseTypes: ReportBatchItemFailures`.
use aws_lambda_events::event::dynamodb::{Event, EventRecord};
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(event: LambdaEvent<Event>) -> Result<DynamoDbEventResponse, Error> {
    let mut response = DynamoDbEventResponse::default();
    for record in &event.payload.records {
        if let Err(error) = process_record(record).await {
            tracing::warn!(event_id = %record.event_id, %error, "record failed; Lambda retries from it");
            // The event types are #[non_exhaustive]: start from the default.
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = record.change.sequence_number.clone();
            response.batch_item_failures.push(failure);
            break;
        }
    }
    Ok(response)
}

async fn process_record(record: &EventRecord) -> Result<(), Error> {
    tracing::info!(event_id = %record.event_id, change = %record.event_name, "item changed");
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
        let event = serde_json::from_str(include_str!("../events/dynamodb.json"))
            .expect("the sample is a valid DynamoDB stream event");
        let response = function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
        assert!(response.batch_item_failures.is_empty());
    }
}
