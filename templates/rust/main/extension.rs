//! {{extension_name}}: {{summary}}
//!
//! An external extension: its own process, started by Lambda from
//! /opt/extensions/{{extension_name}}. The handler is in src/extension.rs.
use lambda_extension::{{{extension_imports}}};

use {{crate}}::extension;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_extension::tracing::init_default_subscriber();

    // Registers under its file name, for INVOKE and SHUTDOWN events.
    Extension::new()
        {{processor}}
        .run()
        .await
}
