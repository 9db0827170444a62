//! {{name}}: {{summary}}
//!
//! The binary only starts the runtime; the handler is in src/handler.rs.
use {{crate}}::handler;

#[tokio::main]
async fn main() -> Result<(), {{runtime_crate}}::Error> {
    // Log level and format follow the function's logging configuration
    // (AWS_LAMBDA_LOG_LEVEL / AWS_LAMBDA_LOG_FORMAT), or RUST_LOG.
    {{runtime_crate}}::tracing::init_default_subscriber();
    handler::run().await
}
