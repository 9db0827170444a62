//! {{name}}: {{summary}}
//!
//! The binary starts the internal extension and the runtime side by side; the
//! handlers are in src/handler.rs and src/extension.rs.
use lambda_extension::{{{extension_imports}}};

use {{crate}}::{extension, handler};

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Log level and format follow the function's logging configuration
    // (AWS_LAMBDA_LOG_LEVEL / AWS_LAMBDA_LOG_FORMAT), or RUST_LOG.
    lambda_extension::tracing::init_default_subscriber();

    // An internal extension runs inside the function's process. It must register
    // before the runtime starts, and of the lifecycle events it receives INVOKE
    // only (SHUTDOWN is for external extensions).
    let extension = Extension::new()
        .with_extension_name("{{extension_name}}")
        .with_events(&["INVOKE"])
        {{processor}}
        .register()
        .await?;
    tokio::try_join!(handler::run(), extension.run())?;
    Ok(())
}
