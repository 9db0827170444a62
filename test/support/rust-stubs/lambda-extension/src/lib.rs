//! Stand-in for lambda-extension 1.x (docs.rs/lambda-extension 1.0.4: src/extension.rs,
//! src/events.rs, src/logs.rs, src/telemetry.rs): the builder methods take the handler shapes
//! the real bounds accept, so a handler with the wrong signature fails here too.
use std::future::Future;
pub use tower::{service_fn, ServiceFn, Shared as SharedService};
pub type Error = Box<dyn std::error::Error + Send + Sync + 'static>;
pub struct InvokeEvent {
    pub deadline_ms: u64,
    pub request_id: String,
    pub invoked_function_arn: String,
}
pub struct ShutdownEvent {
    pub shutdown_reason: String,
    pub deadline_ms: u64,
}
pub enum NextEvent {
    Invoke(InvokeEvent),
    Shutdown(ShutdownEvent),
}
pub struct LambdaEvent {
    pub next: NextEvent,
}
pub enum LambdaLogRecord {
    Function(String),
    Extension(String),
    PlatformStart { request_id: String },
}
pub struct LambdaLog {
    pub record: LambdaLogRecord,
}
pub struct ReportMetrics {
    pub duration_ms: f64,
    pub billed_duration_ms: u64,
}
pub enum LambdaTelemetryRecord<L = String> {
    Function(L),
    Extension(L),
    PlatformReport {
        request_id: String,
        status: String,
        metrics: ReportMetrics,
    },
    PlatformStart {
        request_id: String,
    },
}
pub struct LambdaTelemetry<L = String> {
    pub record: LambdaTelemetryRecord<L>,
}
pub struct Extension<'a> {
    _n: Option<&'a str>,
}
pub struct RegisteredExtension;
impl RegisteredExtension {
    pub async fn run(self) -> Result<(), Error> {
        unimplemented!()
    }
}
impl<'a> Extension<'a> {
    pub fn new() -> Self {
        Extension { _n: None }
    }
    pub fn with_extension_name(self, _n: &'a str) -> Self {
        self
    }
    pub fn with_events(self, _e: &'a [&'a str]) -> Self {
        self
    }
    pub fn with_events_processor<F, Fut>(self, _s: ServiceFn<F>) -> Self
    where
        F: Fn(LambdaEvent) -> Fut,
        Fut: Future<Output = Result<(), Error>>,
    {
        self
    }
    pub fn with_logs_processor<F, Fut>(self, _s: SharedService<ServiceFn<F>>) -> Self
    where
        F: Fn(Vec<LambdaLog>) -> Fut,
        Fut: Future<Output = Result<(), Error>>,
    {
        self
    }
    pub fn with_telemetry_processor<F, Fut>(self, _s: SharedService<ServiceFn<F>>) -> Self
    where
        F: Fn(Vec<LambdaTelemetry>) -> Fut,
        Fut: Future<Output = Result<(), Error>>,
    {
        self
    }
    pub async fn register(self) -> Result<RegisteredExtension, Error> {
        unimplemented!()
    }
    pub async fn run(self) -> Result<(), Error> {
        unimplemented!()
    }
}
pub mod tracing {
    pub fn init_default_subscriber() {}
}
