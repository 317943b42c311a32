//! `display_info.data`: a JSON object whose serialized length is known without re-serializing.

use std::fmt;
use std::io;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::decode::DUPLICATE_KEY;
use crate::rules::Length;
use crate::{DecodeCategory, LengthUnit};

/// The `data` of a [`DisplayInfo`](crate::DisplayInfo): a JSON object of display hints.
///
/// Zendesk's API reference (`POST /api/v2/any_channel/push`, `display_info` object) calls it a
/// string of JSON of at most 65535 characters; its schema (`external_resource.json`,
/// `display_info.data`: `type: object`) and its own examples an object. The schema is what
/// Zendesk validates with, so `DisplayData` holds an object, is always sent as an object, and accepts on input
/// either an object or a string that holds one (nested at most 122 levels deep, so that the
/// object it is sent as can be read back). Its limit, 65535 characters, applies to the
/// object's compact JSON text; that length is computed once, when the value is made, so
/// validating it costs nothing.
///
/// ```
/// use channel_model::DisplayData;
/// use serde_json::json;
///
/// let data = DisplayData::try_from(json!({"url": "https://example.com/t/1"})).unwrap();
/// assert_eq!(data.serialized_len(), 33);
/// let from_string: DisplayData =
///     channel_model::from_str(r#""{\"url\":\"https://example.com/t/1\"}""#).unwrap();
/// assert_eq!(from_string, data);
/// assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"url":"https://example.com/t/1"}"#);
/// ```
#[derive(Clone, PartialEq)]
pub struct DisplayData {
    object: Map<String, Value>,
    serialized_len: usize,
}

impl DisplayData {
    /// Display hints from a JSON object.
    pub fn new(object: Map<String, Value>) -> Self {
        let serialized_len = compact_len(&object);
        DisplayData {
            object,
            serialized_len,
        }
    }

    /// Display hints from any value that serializes to a JSON object.
    pub fn from_serializable<T: Serialize + ?Sized>(value: &T) -> Result<Self, NotAnObject> {
        match serde_json::to_value(value) {
            Ok(value) => DisplayData::try_from(value),
            Err(_) => Err(NotAnObject),
        }
    }

    /// The object.
    pub fn as_object(&self) -> &Map<String, Value> {
        &self.object
    }

    /// The object, by value.
    pub fn into_object(self) -> Map<String, Value> {
        self.object
    }

    /// The number of characters of the object's compact JSON text.
    pub fn serialized_len(&self) -> usize {
        self.serialized_len
    }
}

/// Counts the characters that serde_json writes, without keeping them.
fn compact_len(object: &Map<String, Value>) -> usize {
    struct CharCounter(usize);

    impl io::Write for CharCounter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            // serde_json writes whole UTF-8 sequences; count the bytes that start a character.
            self.0 += crate::validation::rules::count_char_starts(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    let mut counter = CharCounter(0);
    // Writing a JSON map into a counter cannot fail: keys are strings, the writer never errs.
    let _ = serde_json::to_writer(&mut counter, object);
    counter.0
}

/// The error for display data that is not a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnObject;

impl fmt::Display for NotAnObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("display_info data must be a JSON object, or a string holding a JSON object")
    }
}

impl std::error::Error for NotAnObject {}

/// The empty object, `{}`.
impl Default for DisplayData {
    fn default() -> Self {
        DisplayData::new(Map::new())
    }
}

impl From<Map<String, Value>> for DisplayData {
    fn from(object: Map<String, Value>) -> Self {
        DisplayData::new(object)
    }
}

impl TryFrom<Value> for DisplayData {
    type Error = NotAnObject;

    fn try_from(value: Value) -> Result<Self, NotAnObject> {
        match value {
            Value::Object(object) => Ok(DisplayData::new(object)),
            _ => Err(NotAnObject),
        }
    }
}

/// The number of members and the length, never the data.
impl fmt::Debug for DisplayData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<redacted object, {} members, {} chars>",
            self.object.len(),
            self.serialized_len
        )
    }
}

impl Serialize for DisplayData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.object.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DisplayData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> de::Visitor<'de> for Visitor {
            type Value = DisplayData;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object, or a string holding a JSON object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<DisplayData, A::Error> {
                let object = Map::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(DisplayData::new(object))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DisplayData, E> {
                if !nesting_within(text, MAX_STRING_DEPTH) {
                    return Err(E::custom(format_args!(
                        "display_info data nests deeper than {MAX_STRING_DEPTH} levels: sent \
                         as an object in its place, it could not be read back"
                    )));
                }
                match crate::from_str::<Value>(text) {
                    Ok(Value::Object(object)) => Ok(DisplayData::new(object)),
                    Err(error) if error.category() == DecodeCategory::DuplicateKey => {
                        Err(E::custom(DUPLICATE_KEY))
                    }
                    _ => Err(E::custom(NotAnObject)),
                }
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

/// The most levels of nesting (the object itself is one) that `data` given as a string may
/// have. It is always sent as an object, 5 levels down in a push or a pull response, and JSON
/// readers limit nesting (serde_json to 127 levels): an object any deeper would be written out
/// but could not be read back, by this library or by others.
const MAX_STRING_DEPTH: usize = 122;

/// Whether the JSON `text` nests at most `max` levels of arrays and objects. It is checked on
/// the text, before parsing: beyond 127 levels serde_json stops with an error that would not
/// say why.
fn nesting_within(text: &str, max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'{' | b'[') => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            (false, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// `max_length` on `data` limits the characters of its compact JSON text.
impl Length for DisplayData {
    const UNIT: LengthUnit = LengthUnit::Characters;

    fn is_empty_value(&self) -> bool {
        false
    }

    fn length_above(&self, max: usize) -> Option<usize> {
        (self.serialized_len > max).then_some(self.serialized_len)
    }
}
