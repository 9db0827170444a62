//! The extension's handler: batches of events from the Telemetry API.
//!
//! By default the extension subscribes to the `platform` and `function` streams:
//! function logs, and platform events such as the report of each invocation.
use lambda_extension::{Error, LambdaTelemetry, LambdaTelemetryRecord};

pub async fn handler(events: Vec<LambdaTelemetry>) -> Result<(), Error> {
    for event in events {
        match event.record {
            LambdaTelemetryRecord::Function(record) => tracing::info!("[function] {record}"),
            LambdaTelemetryRecord::PlatformReport {
                request_id,
                metrics,
                ..
            } => {
                tracing::info!(%request_id, duration_ms = metrics.duration_ms, "[platform] report")
            }
            _ => (),
        }
    }
    Ok(())
}
