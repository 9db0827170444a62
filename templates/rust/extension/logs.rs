//! The extension's handler: batches of log records from the Logs API.
//!
//! By default the extension subscribes to the `platform` and `function` log
//! streams. Send the records where you need them; printing them (as here) writes
//! extension logs, which this extension does not receive, so nothing loops.
use lambda_extension::{Error, LambdaLog, LambdaLogRecord};

pub async fn handler(logs: Vec<LambdaLog>) -> Result<(), Error> {
    for log in logs {
        match log.record {
            LambdaLogRecord::Function(record) => tracing::info!("[function] {record}"),
            LambdaLogRecord::Extension(record) => tracing::info!("[extension] {record}"),
            _ => (),
        }
    }
    Ok(())
}
