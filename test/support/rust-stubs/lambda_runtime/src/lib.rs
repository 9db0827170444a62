//! Stand-in for lambda_runtime 1.x: the items the templates use, with the signatures of
//! docs.rs/lambda_runtime (src/lib.rs run, src/types.rs LambdaEvent and #[non_exhaustive] Context).
use std::future::Future;
pub use tower::{service_fn, ServiceFn};
pub type Error = Box<dyn std::error::Error + Send + Sync + 'static>;
#[non_exhaustive]
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub request_id: String,
    pub deadline: u64,
}
pub struct LambdaEvent<T> {
    pub payload: T,
    pub context: Context,
}
impl<T> LambdaEvent<T> {
    pub fn new(payload: T, context: Context) -> Self {
        Self { payload, context }
    }
}
pub async fn run<A, F, Fut, R>(_h: ServiceFn<F>) -> Result<(), Error>
where
    F: Fn(LambdaEvent<A>) -> Fut,
    Fut: Future<Output = Result<R, Error>>,
{
    unimplemented!()
}
pub mod tracing {
    pub fn init_default_subscriber() {}
}
