//! The extension's handler: called for each lifecycle event Lambda sends it.
use lambda_extension::{Error, LambdaEvent, NextEvent};

pub async fn handler(event: LambdaEvent) -> Result<(), Error> {
    match event.next {
        NextEvent::Invoke(invoke) => {
            tracing::info!(request_id = %invoke.request_id, "the function was invoked");
        }
        NextEvent::Shutdown(shutdown) => {
            // Only external extensions receive SHUTDOWN: flush what you buffered.
            tracing::info!(reason = %shutdown.shutdown_reason, "the environment is shutting down");
        }
    }
    Ok(())
}
