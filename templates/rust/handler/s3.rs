//! The function's handler: S3 object notifications in.
use aws_lambda_events::event::s3::S3Event;
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(event: LambdaEvent<S3Event>) -> Result<(), Error> {
    for record in event.payload.records {
        let bucket = record.s3.bucket.name.unwrap_or_default();
        // Keys arrive URL-encoded: "Happy%20Face.jpg".
        let key = record.s3.object.key.unwrap_or_default();
        tracing::info!(
            change = ?record.event_name,
            %bucket,
            %key,
            size = ?record.s3.object.size,
            "object changed"
        );
    }
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
        let event = serde_json::from_str(include_str!("../events/s3.json"))
            .expect("the sample is a valid S3 event");
        function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
    }
}
