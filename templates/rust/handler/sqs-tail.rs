// What both SQS handlers share (standard and FIFO queues): processing one
// message, the runtime's start, and the helper their tests use.
async fn process_message(record: &SqsMessage) -> Result<(), Error> {
    let body = record.body.as_deref().ok_or("the message has no body")?;
    let message: Message = serde_json::from_str(body)?;
    tracing::info!(id = %message.id, text = %message.text, "processed");
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

    /// The IDs of the messages the handler reports as failed for a sample batch.
    pub(super) async fn failed(json: &str) -> Vec<String> {
        let event: SqsEvent = serde_json::from_str(json).expect("the sample is a valid SQS event");
        let response = function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler reports failures per message, never for the batch");
        response
            .batch_item_failures
            .into_iter()
            .map(|failure| failure.item_identifier)
            .collect()
    }

    #[tokio::test]
    async fn good_messages_report_no_failures() {
        assert!(failed(include_str!("../events/sqs.json")).await.is_empty());
    }
}
