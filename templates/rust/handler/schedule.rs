//! The function's handler: an EventBridge schedule fires it.
use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(event: LambdaEvent<EventBridgeEvent>) -> Result<(), Error> {
    let schedule = event.payload;
    tracing::info!(time = ?schedule.time, rules = ?schedule.resources, "scheduled run");
    // Do the periodic work here.
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
        let event = serde_json::from_str(include_str!("../events/schedule.json"))
            .expect("the sample is a valid scheduled event");
        function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
    }
}
