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
    // Lambda sends the payload base64-encoded; the event type decodes it into bytes.
    let data = std::str::from_utf8(&record.kinesis.data)?;
    tracing::info!(partition_key = %record.kinesis.partition_key, data, "record");
    Ok(())
}

#[cfg(test)]
mod record_tests {
    use super::tests::{failed, sample};

    #[tokio::test]
    async fn undecodable_data_fails_its_record() {
        // The first record's data is not UTF-8: it fails, and Lambda retries from it.
        let mut event = sample();
        *event.records[0].kinesis.data = vec![0xff, 0xfe];
        let first = event.records[0].kinesis.sequence_number.clone();
        assert_eq!(failed(event).await, [Some(first)]);
    }
}
