//! Stand-in for tower: service_fn and make::Shared (re-exported by the lambda crates).
pub struct ServiceFn<F>(pub F);
pub fn service_fn<F>(f: F) -> ServiceFn<F> {
    ServiceFn(f)
}
pub struct Shared<S>(pub S);
impl<S> Shared<S> {
    pub fn new(s: S) -> Self {
        Shared(s)
    }
}
