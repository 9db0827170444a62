//! Stand-in for serde_json: from_str and Value, without trait bounds.
#[derive(Debug)]
pub struct Error;
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("e")
    }
}
impl std::error::Error for Error {}
pub fn from_str<T>(_s: &str) -> Result<T, Error> {
    unimplemented!()
}
#[derive(Debug, Default, Clone)]
pub struct Value;
