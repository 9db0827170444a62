//! The extension's handler: batches of events from the Telemetry API.
//!
//! Send the events where you need them. Printing them (as here) writes extension
//! logs, which this extension does not subscribe to, so nothing loops.
use lambda_extension::{Error, LambdaTelemetry, LambdaTelemetryRecord};

/// The streams the extension subscribes to: `platform`, `function`, `extension`.
pub const TELEMETRY_TYPES: &[&str] = &["platform", "function"];

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
