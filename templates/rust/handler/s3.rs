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
