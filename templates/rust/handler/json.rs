//! The function's handler: a JSON request in, a JSON response out.
//!
//! Invoke it directly (`aws lambda invoke`, another service, a Step Functions
//! task): the payload is deserialized into `Request`.
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde::{Deserialize, Serialize};

/// The payload the function expects: change it to your own.
#[derive(Debug, Deserialize)]
pub struct Request {
    pub name: String,
}

/// What the function answers.
#[derive(Debug, Serialize)]
pub struct Response {
    pub message: String,
}

pub async fn function_handler(event: LambdaEvent<Request>) -> Result<Response, Error> {
    let name = event.payload.name;
    tracing::info!(request_id = %event.context.request_id, %name, "invoked");
    Ok(Response {
        message: format!("Hello, {name}!"),
    })
}

/// Starts the Lambda runtime with the handler; returns only if the runtime fails.
pub async fn run() -> Result<(), Error> {
    lambda_runtime::run(service_fn(function_handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_runtime::Context;

    #[tokio::test]
    async fn greets_the_sample_request() {
        let request = serde_json::from_str(include_str!("../events/request.json"))
            .expect("the sample is a valid request");
        let response = function_handler(LambdaEvent::new(request, Context::default()))
            .await
            .expect("the handler answers");
        assert_eq!(response.message, "Hello, Ferris!");
    }
}
