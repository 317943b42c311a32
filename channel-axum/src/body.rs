//! Reading a request body within a limit, and checking what it says it is.

use axum::body::Body;
use axum::http::{header, HeaderMap};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::Rejection;

/// The body, whole, when it has at most `limit` bytes: a larger one is refused (413) as soon
/// as its `Content-Length` or its bytes go past the limit, so that no more is buffered.
pub(crate) async fn read(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Rejection> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(Rejection::too_large(limit));
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(Rejection::too_large(limit))
        }
        Err(_) => Err(Rejection::unreadable()),
    }
}

/// Refuses (415) a request whose `Content-Type` is not `expected` (parameters such as
/// `charset` aside) or, for JSON, an `application/*+json` type, as axum's own extractors do.
pub(crate) fn require_content_type(headers: &HeaderMap, expected: &str) -> Result<(), Rejection> {
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    let matches = essence.is_some_and(|essence| {
        let essence = essence.to_ascii_lowercase();
        essence == expected
            || (expected == JSON
                && essence.starts_with("application/")
                && essence.ends_with("+json"))
    });
    match matches {
        true => Ok(()),
        false => Err(Rejection::content_type(expected)),
    }
}

/// The media type of JSON bodies.
pub(crate) const JSON: &str = "application/json";

/// The media type of form bodies.
pub(crate) const FORM: &str = "application/x-www-form-urlencoded";
