// What both stream handlers share (DynamoDB and Kinesis): the runtime's start, the
// sample event, and the helper their tests use.

/// Starts the Lambda runtime with the handler; returns only if the runtime fails.
pub async fn run() -> Result<(), Error> {
    lambda_runtime::run(service_fn(function_handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_runtime::Context;

    /// The sample event in events/.
    pub(super) fn sample() -> {{event_type}} {
        serde_json::from_str(include_str!("../{{sample_file}}"))
            .expect("the sample is a valid {{sample_kind}} event")
    }

    /// The sequence numbers of the records the handler reports as failed.
    pub(super) async fn failed(event: {{event_type}}) -> Vec<Option<String>> {
        let response = function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler reports failures per record, never for the batch");
        response
            .batch_item_failures
            .into_iter()
            .map(|failure| failure.item_identifier)
            .collect()
    }

    #[tokio::test]
    async fn handles_the_sample_event() {
        assert!(failed(sample()).await.is_empty());
    }
}
