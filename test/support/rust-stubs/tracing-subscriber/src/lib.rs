//! Stand-in for tracing-subscriber (the generated code does not call it).
