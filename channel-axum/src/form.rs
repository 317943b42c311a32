//! Forms and query strings of the user's own types: read as a JSON object of strings, so that
//! they decode with the model's redacting JSON decoder, pointers and all.

use std::borrow::Cow;

use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{Problem, Rejection};

/// Decodes a form body (or query string) into a `T`: each `name=value` is a string field,
/// each `name[]=value` an item of the list `name`; a name given twice without `[]` is refused,
/// since which value holds would be a guess. The pairs are split and percent-decoded by the
/// model's form decoder ([`channel_model::form::parse`]); a name or value that is not UTF-8
/// once decoded is refused rather than altered.
pub(crate) fn decode<T: DeserializeOwned>(encoded: &[u8]) -> Result<T, Rejection> {
    let mut object = Map::new();
    for pair in channel_model::form::parse(encoded) {
        let name = text(pair.name()).ok_or_else(|| not_utf8(String::new(), "a field name"))?;
        let (key, list) = match name.strip_suffix("[]") {
            Some(key) => (key.to_owned(), true),
            None => (name, false),
        };
        let value =
            text(pair.value()).ok_or_else(|| not_utf8(pointer(&key), "the field's value"))?;
        match (object.get_mut(&key), list) {
            (None, false) => {
                object.insert(key, Value::String(value));
            }
            (None, true) => {
                object.insert(key, Value::Array(vec![Value::String(value)]));
            }
            (Some(Value::Array(items)), true) => items.push(Value::String(value)),
            (Some(_), _) => return Err(repeated(pointer(&key))),
        }
    }
    // Serializing a map of strings cannot fail.
    let json = serde_json::to_vec(&object).unwrap_or_default();
    Ok(channel_model::from_slice(&json)?)
}

/// The decoded bytes as text, if they are UTF-8.
fn text(decoded: Cow<'_, [u8]>) -> Option<String> {
    String::from_utf8(decoded.into_owned()).ok()
}

/// The JSON Pointer of the field `key` (RFC 6901: `~` and `/` escaped).
fn pointer(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn not_utf8(pointer: String, what: &str) -> Rejection {
    let message = format!("{what} is not UTF-8 once percent-decoded");
    Rejection::new(
        StatusCode::BAD_REQUEST,
        [Problem::new(pointer, "not_utf8", message)],
    )
}

fn repeated(pointer: String) -> Rejection {
    let message = "the form has this field more than once; a list is sent as `name[]`";
    Rejection::new(
        StatusCode::BAD_REQUEST,
        [Problem::new(pointer, "duplicate_key", message)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Probe {
        name: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn lists_take_brackets_and_values_are_decoded() {
        let probe: Probe =
            decode(b"name=caf%C3%A9+cr%C3%A8me&tags[]=a&tags%5B%5D=b+c&x=1").unwrap();
        assert_eq!(probe.name, "café crème");
        assert_eq!(probe.tags, ["a", "b c"]);
    }

    #[test]
    fn repeats_and_bad_bytes_are_refused_by_name() {
        let error = decode::<Probe>(b"name=a&name=b").unwrap_err();
        assert_eq!(error.problems()[0].pointer(), "/name");
        assert_eq!(error.problems()[0].code(), "duplicate_key");
        let error = decode::<Probe>(b"name=%FF").unwrap_err();
        assert_eq!(error.problems()[0].pointer(), "/name");
        assert_eq!(error.problems()[0].code(), "not_utf8");
        let error = decode::<Probe>(b"tags[]=a").unwrap_err();
        assert_eq!(error.problems()[0].code(), "missing_field");
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    }
}
