//! The function's handler: an HTTP request in, an HTTP response out.
//!
//! A function URL and an API Gateway HTTP API send the same request shape
//! (payload 2.0); lambda_http turns it into a plain `http::Request`.
use lambda_http::{service_fn, Body, Error, Request, RequestExt, Response};

/// Answers `GET /?name=you` with a greeting.
pub async fn function_handler(event: Request) -> Result<Response<Body>, Error> {
    let name = event
        .query_string_parameters_ref()
        .and_then(|params| params.first("name"))
        .unwrap_or("world");
    tracing::info!(name, "answering");
    let response = Response::builder()
        .status(200)
        .header("content-type", "text/plain")
        .body(format!("Hello, {name}!").into())?;
    Ok(response)
}

/// Starts the Lambda runtime with the handler; returns only if the runtime fails.
pub async fn run() -> Result<(), Error> {
    lambda_http::run(service_fn(function_handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_the_sample_request() {
        let sample = include_str!("../events/{{http_event}}");
        let request = lambda_http::request::from_str(sample).expect("a valid request");
        let response = function_handler(request)
            .await
            .expect("the handler answers");
        assert_eq!(response.status(), 200);
    }
}
