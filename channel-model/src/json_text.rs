//! `state` and `metadata`: text that Zendesk stores for an integration and hands back.

use std::borrow::Borrow;
use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;

use crate::rules::{Length, MaybeEmpty};
use crate::LengthUnit;

/// The text of a `state` or `metadata` field: Zendesk stores it as it is and sends it back on
/// later requests (pull, channelback, admin UI, event callbacks); integrations fill it with
/// JSON of their own.
///
/// On the wire it is a JSON string (a form value in the forms Zendesk posts). The classic
/// mistake is to encode a value twice (serialize it to text, then serialize that text again),
/// which Zendesk stores and returns as `"\"{\\\"cursor\\\":…}\""`: [`encode`](Self::encode)
/// never does that, and [`decode`](Self::decode) reads through it. [`new`](Self::new) keeps
/// text exactly as given, JSON or not.
///
/// Zendesk accepts at most [`MAX_CHARS`](Self::MAX_CHARS) characters in the fields that
/// carry it; the payload types check that with `max_length`, which counts characters here as
/// in a `String`. Its `Debug` shows the length, never the text: `metadata` usually holds an
/// account's credentials.
///
/// ```
/// use channel_model::JsonText;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, PartialEq, Serialize, Deserialize)]
/// struct Cursor {
///     since: u64,
/// }
///
/// let state = JsonText::encode(&Cursor { since: 8 }).unwrap();
/// assert_eq!(state.as_str(), r#"{"since":8}"#);
/// // JSON text given as a string is kept, not encoded a second time.
/// assert_eq!(JsonText::encode(r#"{"since":8}"#).unwrap(), state);
/// assert_eq!(state.decode::<Cursor>().unwrap(), Some(Cursor { since: 8 }));
/// assert_eq!(format!("{state:?}"), "JsonText { chars: 11 }");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonText(String);

impl JsonText {
    /// The most characters Zendesk stores in `state` or `metadata` (the pull endpoint and
    /// channelback docs; schemas `pull_payload.json` and `channelback_payload_v2.json`:
    /// `maxLength: 5000`).
    pub const MAX_CHARS: usize = 5000;

    /// Text exactly as given, JSON or not.
    pub fn new(text: impl Into<String>) -> Self {
        JsonText(text.into())
    }

    /// The text for `value`: its compact JSON, except that a string which already holds a JSON
    /// object or array is taken as encoded and kept as it is. Any other string is encoded as a
    /// JSON string (`page-2` becomes `"page-2"`); to store text that is not JSON, use
    /// [`new`](Self::new).
    ///
    /// ```
    /// use channel_model::JsonText;
    /// use serde_json::json;
    ///
    /// assert_eq!(JsonText::encode(&json!({"a": 1})).unwrap().as_str(), r#"{"a":1}"#);
    /// assert_eq!(JsonText::encode(r#"{"a":1}"#).unwrap().as_str(), r#"{"a":1}"#);
    /// assert_eq!(JsonText::encode("page-2").unwrap().as_str(), r#""page-2""#);
    /// assert_eq!(JsonText::encode(&42).unwrap().as_str(), "42");
    /// ```
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialized as JSON (a map whose keys are not strings, say).
    pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        let text = serde_json::to_string(value)?;
        if text.starts_with('"') {
            // The value is a string: it may be JSON text already.
            let inner: String = serde_json::from_str(&text)?;
            if holds_json_container(&inner) {
                return Ok(JsonText(inner));
            }
        }
        Ok(JsonText(text))
    }

    /// The value in the text, read as JSON; `Ok(None)` for a blank text (Zendesk's "nothing
    /// stored yet"). A JSON string that holds a JSON object or array (JSON encoded twice, as
    /// some integrations write it) is read through when `T` cannot be read from the string
    /// itself.
    ///
    /// For an optional field, `field.as_ref().map_or(Ok(None), JsonText::decode)` reads it:
    ///
    /// ```
    /// use channel_model::{JsonText, PullResponse};
    /// use std::collections::BTreeMap;
    ///
    /// let mut pull = PullResponse::new([]);
    /// let state: Option<BTreeMap<String, u64>> =
    ///     pull.state.as_ref().map_or(Ok(None), JsonText::decode).unwrap();
    /// assert_eq!(state, None);
    ///
    /// pull.state = Some(JsonText::new(r#""{\"since\":8}""#)); // encoded twice
    /// let state: BTreeMap<String, u64> = pull.state.unwrap().decode().unwrap().unwrap();
    /// assert_eq!(state["since"], 8);
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not JSON, or not JSON of a `T`; the error never quotes the text.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<Option<T>, JsonTextError> {
        let text = self.0.as_str();
        if text.trim().is_empty() {
            return Ok(None);
        }
        let error = match serde_json::from_str(text) {
            Ok(value) => return Ok(Some(value)),
            Err(error) => error,
        };
        if let Ok(inner) = serde_json::from_str::<String>(text) {
            if holds_json_container(&inner) {
                return serde_json::from_str(&inner)
                    .map(Some)
                    .map_err(|error| JsonTextError::new(&error, true));
            }
        }
        Err(JsonTextError::new(&error, false))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The number of characters (Unicode scalar values), as Zendesk counts them.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether `text` is a whole JSON object or array.
fn holds_json_container(text: &str) -> bool {
    text.trim_start().starts_with(['{', '[']) && serde_json::from_str::<IgnoredAny>(text).is_ok()
}

impl From<String> for JsonText {
    fn from(text: String) -> Self {
        JsonText(text)
    }
}

impl From<&str> for JsonText {
    fn from(text: &str) -> Self {
        JsonText(text.to_owned())
    }
}

impl From<JsonText> for String {
    fn from(text: JsonText) -> Self {
        text.0
    }
}

impl AsRef<str> for JsonText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Hashes and compares as its text, so a `custom` rule may take `&str`.
impl Borrow<str> for JsonText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for JsonText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for JsonText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The length, never the text.
impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonText")
            .field("chars", &self.chars())
            .finish()
    }
}

/// `max_length` counts characters, as in a `String`.
impl Length for JsonText {
    const UNIT: LengthUnit = LengthUnit::Characters;

    fn is_empty_value(&self) -> bool {
        self.0.is_empty()
    }

    fn length_above(&self, max: usize) -> Option<usize> {
        Length::length_above(self.0.as_str(), max)
    }
}

impl MaybeEmpty for JsonText {
    fn is_empty_value(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a [`JsonText`] could not be read as the type asked for.
///
/// It says what kind of problem, and where in the text; never what the text holds, since
/// `metadata` usually carries an account's credentials and `state` its data.
///
/// ```
/// use channel_model::JsonText;
///
/// let state = JsonText::new(r#"{"cursor":"abc"}"#);
/// let error = state.decode::<u64>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "the JSON text does not hold the expected value: its JSON has another shape at line 1, column 1"
/// );
/// assert!(!error.to_string().contains("abc"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonTextError {
    category: Category,
    line: usize,
    column: usize,
    twice_encoded: bool,
}

impl JsonTextError {
    fn new(error: &serde_json::Error, twice_encoded: bool) -> Self {
        JsonTextError {
            category: error.classify(),
            line: error.line(),
            // serde_json counts the characters read on the line: 0 when a value that starts
            // the line is rejected before it is read.
            column: error.column().max(1),
            twice_encoded,
        }
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

impl fmt::Display for JsonTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = match self.twice_encoded {
            true => " (inside the JSON string that holds it)",
            false => "",
        };
        let (line, column) = (self.line, self.column);
        match self.category {
            Category::Syntax => write!(
                f,
                "the text is not JSON: syntax error at line {line}, column {column}{inner}"
            ),
            Category::Eof => write!(
                f,
                "the text is not JSON: it ends before its JSON does{inner}"
            ),
            Category::Data | Category::Io => write!(
                f,
                "the JSON text does not hold the expected value: its JSON has another shape \
                 at line {line}, column {column}{inner}"
            ),
        }
    }
}

impl std::error::Error for JsonTextError {}

/// Writes the builders of a type's [`JsonText`] fields (`state`, `metadata`), so that they
/// are declared once for every type that has them. `with_state => state` writes a
/// `with_state` that sets the field, a `JsonText` or an `Option<JsonText>`.
/// `metadata_update` writes the pair of an answer that may replace the account's metadata:
/// `with_metadata`, which also sets `metadata_needs_update` (without which Zendesk ignores the
/// metadata), and `with_metadata_needs_update`.
macro_rules! json_text_builders {
    (metadata_update $(, $setter:ident => $field:ident)* $(,)?) => {
        /// Sets `metadata`, and `metadata_needs_update` to `true`, without which Zendesk
        /// ignores the metadata.
        pub fn with_metadata(mut self, metadata: $crate::JsonText) -> Self {
            self.metadata = Some(metadata);
            self.metadata_needs_update = Some(true);
            self
        }

        /// Sets whether Zendesk should replace the account's metadata with `metadata`.
        pub fn with_metadata_needs_update(mut self, metadata_needs_update: bool) -> Self {
            self.metadata_needs_update = Some(metadata_needs_update);
            self
        }

        $crate::json_text::json_text_builders!($($setter => $field),*);
    };
    ($($setter:ident => $field:ident),* $(,)?) => {$(
        #[doc = concat!(
            "Sets `", stringify!($field), "`: JSON text that Zendesk stores and sends back as ",
            "it is (see [`JsonText`](crate::JsonText))."
        )]
        pub fn $setter(mut self, $field: $crate::JsonText) -> Self {
            self.$field = $field.into();
            self
        }
    )*};
}
pub(crate) use json_text_builders;

#[cfg(test)]
mod tests {
    use super::*;

    fn encode<T: Serialize + ?Sized>(value: &T) -> String {
        JsonText::encode(value).unwrap().into_string()
    }

    fn decode<T: DeserializeOwned>(text: &str) -> Result<Option<T>, JsonTextError> {
        JsonText::new(text).decode()
    }

    #[test]
    fn a_string_of_json_is_kept_and_other_strings_are_encoded() {
        assert_eq!(encode(r#"{"a":1}"#), r#"{"a":1}"#);
        assert_eq!(encode(" [1, 2]"), " [1, 2]");
        assert_eq!(encode("page-2"), r#""page-2""#);
        assert_eq!(encode("{not json"), r#""{not json""#);
        assert_eq!(encode("42"), r#""42""#);
        assert_eq!(encode(&42), "42");
    }

    #[test]
    fn blank_text_is_no_value() {
        assert_eq!(decode::<u32>("").unwrap(), None);
        assert_eq!(decode::<u32>(" \n").unwrap(), None);
    }

    #[test]
    fn twice_encoded_json_is_read_through() {
        let text = serde_json::to_string(r#"{"a":1}"#).unwrap();
        let value: serde_json::Value = decode(&text).unwrap().unwrap();
        // A `Value` can be read from the string itself: it is.
        assert_eq!(value, serde_json::json!(r#"{"a":1}"#));
        let map: std::collections::BTreeMap<String, u32> = decode(&text).unwrap().unwrap();
        assert_eq!(map["a"], 1);
        let error = decode::<Vec<u32>>(&text).unwrap_err();
        assert!(error.is_twice_encoded());
        assert_eq!(error.category(), Category::Data);
    }

    #[test]
    fn errors_name_the_place_not_the_value() {
        let error = decode::<u32>(r#""secret-token""#).unwrap_err();
        assert_eq!(error.category(), Category::Data);
        assert!(!error.to_string().contains("secret"), "{error}");
        let error = decode::<u32>("secret=1").unwrap_err();
        assert_eq!(error.category(), Category::Syntax);
        assert!(!error.to_string().contains("secret"), "{error}");
        let error = decode::<Vec<u32>>("[1,").unwrap_err();
        assert_eq!(error.category(), Category::Eof);
        assert_eq!(
            error.to_string(),
            "the text is not JSON: it ends before its JSON does"
        );
    }

    #[test]
    fn the_length_counts_characters_and_debug_shows_only_it() {
        let text = JsonText::new("é".repeat(JsonText::MAX_CHARS));
        assert_eq!(text.length_above(JsonText::MAX_CHARS), None);
        let over = JsonText::new("é".repeat(JsonText::MAX_CHARS + 1));
        assert_eq!(over.length_above(JsonText::MAX_CHARS), Some(5001));
        let secret = JsonText::new(r#"{"token":"s3cr3t"}"#);
        assert_eq!(format!("{secret:?}"), "JsonText { chars: 18 }");
    }

    #[test]
    fn the_wire_form_is_a_json_string() {
        let text = JsonText::new(r#"{"a":1}"#);
        let wire = serde_json::to_string(&text).unwrap();
        assert_eq!(wire, r#""{\"a\":1}""#);
        assert_eq!(serde_json::from_str::<JsonText>(&wire).unwrap(), text);
    }
}
