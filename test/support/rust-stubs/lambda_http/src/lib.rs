//! Stand-in for lambda_http 1.x: run, Request/Response/Body, RequestExt, request::from_str
//! (docs.rs/lambda_http src/lib.rs, src/request.rs, src/ext).
use std::future::Future;
pub use tower::{service_fn, ServiceFn};
pub type Error = Box<dyn std::error::Error + Send + Sync + 'static>;
#[derive(Debug, Default)]
pub enum Body {
    #[default]
    Empty,
    Text(String),
}
impl From<String> for Body {
    fn from(s: String) -> Self {
        Body::Text(s)
    }
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatusCode(u16);
impl PartialEq<u16> for StatusCode {
    fn eq(&self, o: &u16) -> bool {
        self.0 == *o
    }
}
#[derive(Debug)]
pub struct HttpError;
impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("e")
    }
}
impl std::error::Error for HttpError {}
pub struct Response<T> {
    body: T,
}
impl Response<()> {
    pub fn builder() -> Builder {
        Builder
    }
}
impl<T> Response<T> {
    pub fn status(&self) -> StatusCode {
        StatusCode(200)
    }
    pub fn body(&self) -> &T {
        &self.body
    }
}
pub struct Builder;
impl Builder {
    pub fn status(self, _s: u16) -> Self {
        self
    }
    pub fn header(self, _k: &str, _v: &str) -> Self {
        self
    }
    pub fn body<T>(self, body: T) -> Result<Response<T>, HttpError> {
        Ok(Response { body })
    }
}
pub struct HttpRequest<T>(T);
pub type Request = HttpRequest<Body>;
pub struct QueryMap;
impl QueryMap {
    pub fn first(&self, _k: &str) -> Option<&str> {
        None
    }
}
pub trait RequestExt {
    fn query_string_parameters_ref(&self) -> Option<&QueryMap>;
}
impl RequestExt for Request {
    fn query_string_parameters_ref(&self) -> Option<&QueryMap> {
        None
    }
}
pub mod request {
    pub fn from_str(_s: &str) -> Result<super::Request, serde_json::Error> {
        unimplemented!()
    }
}
pub async fn run<F, Fut, R>(_h: ServiceFn<F>) -> Result<(), Error>
where
    F: Fn(Request) -> Fut,
    Fut: Future<Output = Result<R, Error>>,
{
    unimplemented!()
}
pub mod tracing {
    pub fn init_default_subscriber() {}
}
