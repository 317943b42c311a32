//! `state` and `metadata`: strings that integrations fill with JSON of their own.
//!
//! Zendesk stores both as opaque text and hands them back on later requests. Integrations put
//! JSON in them, and the classic mistake is to encode it twice (serialize a value to text, then
//! serialize that text again), which Zendesk stores and returns as `"\"{\\\"cursor\\\":…}\""`.
//! The typed helpers of [`PullResponse`](crate::PullResponse),
//! [`ChannelbackResponse`](crate::ChannelbackResponse) and
//! [`ChannelbackRequest`](crate::ChannelbackRequest) go through [`encode`] and [`decode`], which
//! never do that and undo it when they find it.

use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use serde_json::error::Category;

/// The text for `value`: its compact JSON, except that a string which already holds a JSON
/// object or array is taken as encoded and kept as it is.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let text = serde_json::to_string(value)?;
    if text.starts_with('"') {
        // The value is a string: it may be JSON text already.
        let inner: String = serde_json::from_str(&text)?;
        if holds_json_container(&inner) {
            return Ok(inner);
        }
    }
    Ok(text)
}

/// The value in `text`, read as JSON; `None` for no text or a blank one (Zendesk's "nothing
/// stored yet"). A JSON string that holds a JSON object or array (twice-encoded JSON) is read
/// through when `T` cannot be read from the string itself.
pub(crate) fn decode<T: DeserializeOwned>(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<T>, EmbeddedJsonError> {
    let Some(text) = text.filter(|text| !text.trim().is_empty()) else {
        return Ok(None);
    };
    let error = match serde_json::from_str(text) {
        Ok(value) => return Ok(Some(value)),
        Err(error) => error,
    };
    if let Ok(inner) = serde_json::from_str::<String>(text) {
        if holds_json_container(&inner) {
            return serde_json::from_str(&inner)
                .map(Some)
                .map_err(|error| EmbeddedJsonError::new(field, &error, true));
        }
    }
    Err(EmbeddedJsonError::new(field, &error, false))
}

/// Whether `text` is a whole JSON object or array.
fn holds_json_container(text: &str) -> bool {
    text.trim_start().starts_with(['{', '[']) && serde_json::from_str::<IgnoredAny>(text).is_ok()
}

/// Why the JSON in a `state` or `metadata` text could not be read as the type asked for.
///
/// It says which field, what kind of problem, and where in the text; never what the text
/// holds, since `metadata` usually carries an account's credentials and `state` its data.
///
/// ```
/// use channel_model::PullResponse;
///
/// let mut pull = PullResponse::new([]);
/// pull.state = Some(r#"{"cursor":"abc"}"#.to_owned());
/// let error = pull.state_as::<u64>().unwrap_err();
/// assert_eq!(error.field(), "state");
/// assert_eq!(
///     error.to_string(),
///     "`state` does not hold the expected value: its JSON has another shape at line 1, column 1"
/// );
/// assert!(!error.to_string().contains("abc"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedJsonError {
    field: &'static str,
    category: Category,
    line: usize,
    column: usize,
    twice_encoded: bool,
}

impl EmbeddedJsonError {
    fn new(field: &'static str, error: &serde_json::Error, twice_encoded: bool) -> Self {
        EmbeddedJsonError {
            field,
            category: error.classify(),
            line: error.line(),
            // serde_json counts the characters read on the line: 0 when a value that starts
            // the line is rejected before it is read.
            column: error.column().max(1),
            twice_encoded,
        }
    }

    /// The field whose text could not be read: `state` or `metadata`.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What kind of problem it is: not JSON (`Syntax`), JSON cut short (`Eof`), or JSON of
    /// another shape than the type asked for (`Data`).
    pub fn category(&self) -> Category {
        self.category
    }

    /// The line of the problem in the text, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the problem in the text, from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the text is JSON encoded twice (a JSON string holding JSON), and the problem is
    /// in the JSON inside it; the line and column are then those of the inner text.
    pub fn is_twice_encoded(&self) -> bool {
        self.twice_encoded
    }
}

impl fmt::Display for EmbeddedJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field;
        let inner = match self.twice_encoded {
            true => " (inside the JSON string that holds it)",
            false => "",
        };
        let (line, column) = (self.line, self.column);
        match self.category {
            Category::Syntax => write!(
                f,
                "`{field}` is not JSON text: syntax error at line {line}, column {column}{inner}"
            ),
            Category::Eof => write!(
                f,
                "`{field}` is not JSON text: it ends before its JSON does{inner}"
            ),
            Category::Data | Category::Io => write!(
                f,
                "`{field}` does not hold the expected value: its JSON has another shape \
                 at line {line}, column {column}{inner}"
            ),
        }
    }
}

impl std::error::Error for EmbeddedJsonError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_of_json_is_kept_and_other_strings_are_encoded() {
        assert_eq!(encode(r#"{"a":1}"#).unwrap(), r#"{"a":1}"#);
        assert_eq!(encode(" [1, 2]").unwrap(), " [1, 2]");
        assert_eq!(encode("page-2").unwrap(), r#""page-2""#);
        assert_eq!(encode("{not json").unwrap(), r#""{not json""#);
        assert_eq!(encode("42").unwrap(), r#""42""#);
        assert_eq!(encode(&42).unwrap(), "42");
    }

    #[test]
    fn blank_text_is_no_value() {
        assert_eq!(decode::<u32>("state", None).unwrap(), None);
        assert_eq!(decode::<u32>("state", Some("")).unwrap(), None);
        assert_eq!(decode::<u32>("state", Some(" \n")).unwrap(), None);
    }

    #[test]
    fn twice_encoded_json_is_read_through() {
        let text = serde_json::to_string(r#"{"a":1}"#).unwrap();
        let value: serde_json::Value = decode("state", Some(&text)).unwrap().unwrap();
        // A `Value` can be read from the string itself: it is.
        assert_eq!(value, serde_json::json!(r#"{"a":1}"#));
        let map: std::collections::BTreeMap<String, u32> =
            decode("state", Some(&text)).unwrap().unwrap();
        assert_eq!(map["a"], 1);
        let error = decode::<Vec<u32>>("metadata", Some(&text)).unwrap_err();
        assert!(error.is_twice_encoded());
        assert_eq!(error.category(), Category::Data);
    }

    #[test]
    fn errors_name_the_place_not_the_value() {
        let error = decode::<u32>("metadata", Some(r#""secret-token""#)).unwrap_err();
        assert_eq!(error.category(), Category::Data);
        assert!(!error.to_string().contains("secret"), "{error}");
        let error = decode::<u32>("state", Some("secret=1")).unwrap_err();
        assert_eq!(error.category(), Category::Syntax);
        assert!(!error.to_string().contains("secret"), "{error}");
        let error = decode::<Vec<u32>>("state", Some("[1,")).unwrap_err();
        assert_eq!(error.category(), Category::Eof);
        assert_eq!(
            error.to_string(),
            "`state` is not JSON text: it ends before its JSON does"
        );
    }
}
