//! The function's handler: SNS notifications in.
//!
//! SNS invokes the function asynchronously: if the handler returns an error,
//! Lambda retries the event (see rust-lambda.toml [async]).
use aws_lambda_events::event::sns::SnsEvent;
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(event: LambdaEvent<SnsEvent>) -> Result<(), Error> {
    for record in event.payload.records {
        let message = record.sns;
        tracing::info!(
            message_id = %message.message_id,
            subject = ?message.subject,
            body = %message.message,
            "notification received"
        );
    }
    Ok(())
}
