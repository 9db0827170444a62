/// Starts the Lambda runtime with the handler; returns only if the runtime fails.
pub async fn run() -> Result<(), Error> {
    lambda_runtime::run(service_fn(function_handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_runtime::Context;

    #[tokio::test]
    async fn handles_the_sample_event() {
        let event = serde_json::from_str(include_str!("../{{sample_file}}"))
            .expect("the sample is a valid {{sample_kind}} event");
        function_handler(LambdaEvent::new(event, Context::default()))
            .await
            .expect("the handler accepts the sample");
    }
}
