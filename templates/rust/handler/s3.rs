//! The function's handler: S3 object notifications in.
use aws_lambda_events::event::s3::S3Event;
use lambda_runtime::{service_fn, Error, LambdaEvent};
use percent_encoding::percent_decode_str;

pub async fn function_handler(event: LambdaEvent<S3Event>) -> Result<(), Error> {
    for record in event.payload.records {
        let bucket = record.s3.bucket.name.unwrap_or_default();
        let key = decode_key(&record.s3.object.key.unwrap_or_default())?;
        tracing::info!(
            change = ?record.event_name,
            %bucket,
            %key,
            size = ?record.s3.object.size,
            "object changed"
        );
    }
    Ok(())
}

/// The object's key as it is in the bucket. Notifications carry keys URL-encoded,
/// with `+` for a space: `my+photo%281%29.jpg` is `my photo(1).jpg` (a `+` in the
/// key itself arrives as `%2B`).
pub fn decode_key(key: &str) -> Result<String, Error> {
    let spaced = key.replace('+', " ");
    Ok(percent_decode_str(&spaced).decode_utf8()?.into_owned())
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn keys_are_url_decoded() {
        let decoded = |key| decode_key(key).expect("valid UTF-8");
        assert_eq!(decoded("my+photo%281%29.jpg"), "my photo(1).jpg");
        assert_eq!(decoded("Happy%20Face.jpg"), "Happy Face.jpg");
        assert_eq!(decoded("1%2B1%3D2"), "1+1=2");
    }
}
