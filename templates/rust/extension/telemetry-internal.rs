//! The internal extension's handler: batches of platform events from the Telemetry API.
//!
//! The extension runs in the function's process, so whatever it prints is function
//! output, which the Telemetry API would send back as `function` events: each
//! printed event would bring another one. It subscribes to `platform` events only.
use lambda_extension::{Error, LambdaTelemetry, LambdaTelemetryRecord};

/// The streams the extension subscribes to: platform events only (see above).
pub const TELEMETRY_TYPES: &[&str] = &["platform"];

pub async fn handler(events: Vec<LambdaTelemetry>) -> Result<(), Error> {
    for event in events {
        if let LambdaTelemetryRecord::PlatformReport {
            request_id,
            status,
            metrics,
            ..
        } = event.record
        {
            tracing::info!(
                %request_id,
                ?status,
                duration_ms = metrics.duration_ms,
                "[platform] report"
            );
        }
    }
    Ok(())
}
