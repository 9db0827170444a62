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
        let event = serde_json::from_str(include_str!("../events/sns.json"))
            .expect("the sample is a valid SNS event");
        function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
    }
}
