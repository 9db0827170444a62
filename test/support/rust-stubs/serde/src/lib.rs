//! Stand-in for serde: the derive macros only.
pub use serde_derive::{Deserialize, Serialize};
