//! The extension's handler: batches of log records from the Logs API.
//!
//! Send the records where you need them. Printing them (as here) writes
//! extension logs, which this extension does not subscribe to, so nothing loops.
use lambda_extension::{Error, LambdaLog, LambdaLogRecord};

/// The log streams the extension subscribes to: `platform`, `function`, `extension`.
pub const LOG_TYPES: &[&str] = &["platform", "function"];

pub async fn handler(logs: Vec<LambdaLog>) -> Result<(), Error> {
    for log in logs {
        match log.record {
            LambdaLogRecord::Function(record) => tracing::info!("[function] {record}"),
            LambdaLogRecord::PlatformReport {
                request_id,
                metrics,
            } => {
                tracing::info!(%request_id, duration_ms = metrics.duration_ms, "[platform] report")
            }
            _ => (),
        }
    }
    Ok(())
}
