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
            tracing::warn!(
                event_id = %record.event_id,
                %error,
                "record failed; Lambda retries from it"
            );
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
    let item = &record.change.new_image;
    // INSERT and MODIFY carry the item as it is now, if the stream's view type
    // includes new images (NEW_IMAGE or NEW_AND_OLD_IMAGES); REMOVE does not.
    if record.event_name != "REMOVE" && item.is_empty() {
        let hint = "set the stream view type to NEW_IMAGE or NEW_AND_OLD_IMAGES";
        return Err(format!("the {} record has no new image: {hint}", record.event_name).into());
    }
    tracing::info!(
        event_id = %record.event_id,
        change = %record.event_name,
        attributes = item.len(),
        "item changed"
    );
    Ok(())
}

#[cfg(test)]
mod record_tests {
    use super::tests::{failed, sample};

    #[tokio::test]
    async fn a_failing_record_is_reported_alone() {
        // Three records; the second lost its new image, so it fails. Lambda retries
        // from it, so the third is not processed and not listed.
        let mut event = sample();
        let third = event.records[0].clone();
        event.records.push(third);
        for (record, sequence_number) in event.records.iter_mut().zip(["100", "200", "300"]) {
            record.change.sequence_number = Some(sequence_number.to_string());
        }
        event.records[1].change.new_image = Default::default();
        assert_eq!(failed(event).await, [Some("200".to_string())]);
    }
}
