//! {{name}}: {{summary}}
//!
//! The code lives in this library; the binaries ({{entries}}) only start it.
{{modules}}
