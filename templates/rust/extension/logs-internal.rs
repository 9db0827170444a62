//! The internal extension's handler: batches of platform records from the Logs API.
//!
//! The extension runs in the function's process, so whatever it prints is function
//! output, which the Logs API would send back as `function` records: each printed
//! record would bring another one. It subscribes to `platform` records only.
use lambda_extension::{Error, LambdaLog, LambdaLogRecord};

/// The log streams the extension subscribes to: platform records only (see above).
pub const LOG_TYPES: &[&str] = &["platform"];

pub async fn handler(logs: Vec<LambdaLog>) -> Result<(), Error> {
    for log in logs {
        match log.record {
            LambdaLogRecord::PlatformReport {
                request_id,
                metrics,
            } => {
                tracing::info!(%request_id, duration_ms = metrics.duration_ms, "[platform] report")
            }
            LambdaLogRecord::PlatformFault(fault) => tracing::warn!("[platform] fault: {fault}"),
            _ => (),
        }
    }
    Ok(())
}
