//! The function's handler: an EventBridge schedule fires it.
use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use lambda_runtime::{service_fn, Error, LambdaEvent};

pub async fn function_handler(event: LambdaEvent<EventBridgeEvent>) -> Result<(), Error> {
    let schedule = event.payload;
    tracing::info!(time = ?schedule.time, rules = ?schedule.resources, "scheduled run");
    // Do the periodic work here.
    Ok(())
}
