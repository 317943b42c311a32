//! `display_info.data`: a JSON object kept as its compact JSON text, whose length is known from
//! reading it.

mod scan;

use std::fmt;

use serde::de::{self, Deserializer, Unexpected};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::decode::DUPLICATE_KEY;
use crate::rules::Length;
use crate::{DecodeError, LengthUnit};
use scan::Problem;

/// The `data` of a [`DisplayInfo`](crate::DisplayInfo): a JSON object of display hints.
///
/// Zendesk's API reference (`POST /api/v2/any_channel/push`, `display_info` object) calls it a
/// string of JSON of at most 65535 characters; its schema (`external_resource.json`,
/// `display_info.data`: `type: object`) and its own examples an object. The schema is what
/// Zendesk validates with, so `DisplayData` holds an object, is always sent as an object, and accepts on input
/// either an object or a string that holds one (nested at most 122 levels deep, so that the
/// object it is sent as can be read back). Its limit, 65535 characters, applies to the
/// object's compact JSON text.
///
/// It keeps that text, not a parsed [`Map`]: display hints are mostly passed along, so reading
/// them costs one pass over their text and one allocation, and their length is known from that
/// pass (validating it costs nothing). The text is the object as it was read, without
/// insignificant whitespace (keys in their order; strings and numbers as they were written),
/// or as serde_json writes the [`Map`] or value it was made from. Read it with
/// [`to_object`](Self::to_object) or, typed, with [`decode`](Self::decode); get the text with
/// [`as_str`](Self::as_str). Serialized with serde_json, the text is written as it is
/// (serde_json's `RawValue`, which formats other than JSON do not know);
/// `serde_json::to_value` gives the object.
///
/// ```
/// use channel_model::DisplayData;
/// use serde_json::json;
///
/// let data = DisplayData::try_from(json!({"url": "https://example.com/t/1"})).unwrap();
/// assert_eq!(data.serialized_len(), 33);
/// assert_eq!(data.to_object()["url"], "https://example.com/t/1");
/// let from_string: DisplayData =
///     channel_model::from_str(r#""{\"url\": \"https://example.com/t/1\"}""#).unwrap();
/// assert_eq!(from_string, data);
/// assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"url":"https://example.com/t/1"}"#);
/// ```
#[derive(Clone)]
pub struct DisplayData {
    /// The compact JSON text of an object with no key twice.
    json: Box<RawValue>,
    /// Its characters.
    chars: usize,
    /// The object's members.
    members: usize,
}

impl DisplayData {
    /// Display hints from a JSON object.
    pub fn new(object: Map<String, Value>) -> Self {
        // A map of strings to JSON values always serializes.
        let json = serde_json::value::to_raw_value(&object).unwrap_or_else(|_| empty());
        DisplayData {
            chars: crate::validation::rules::count_char_starts(json.get().as_bytes()),
            members: object.len(),
            json,
        }
    }

    /// Display hints from any value that serializes to a JSON object.
    pub fn from_serializable<T: Serialize + ?Sized>(value: &T) -> Result<Self, NotAnObject> {
        match serde_json::to_value(value) {
            Ok(value) => DisplayData::try_from(value),
            Err(_) => Err(NotAnObject),
        }
    }

    /// The object's compact JSON text.
    pub fn as_str(&self) -> &str {
        self.json.get()
    }

    /// The object, parsed from its text on each call.
    pub fn to_object(&self) -> Map<String, Value> {
        // The text is a JSON object: it was checked when the value was made.
        serde_json::from_str(self.json.get()).unwrap_or_default()
    }

    /// The object, by value.
    pub fn into_object(self) -> Map<String, Value> {
        self.to_object()
    }

    /// The object decoded into a `T` of your own, with [`from_str`](crate::from_str).
    ///
    /// ```
    /// use channel_model::DisplayData;
    /// use serde::Deserialize;
    /// use serde_json::json;
    ///
    /// #[derive(Deserialize)]
    /// struct Hints<'a> {
    ///     url: &'a str,
    /// }
    ///
    /// let data = DisplayData::try_from(json!({"url": "https://example.com/t/1"})).unwrap();
    /// assert_eq!(data.decode::<Hints>().unwrap().url, "https://example.com/t/1");
    /// ```
    ///
    /// # Errors
    ///
    /// When the object is not a `T`, as [`from_str`](crate::from_str) says.
    pub fn decode<'a, T: Deserialize<'a>>(&'a self) -> Result<T, DecodeError> {
        crate::from_str(self.json.get())
    }

    /// The number of characters of the object's compact JSON text.
    pub fn serialized_len(&self) -> usize {
        self.chars
    }

    /// Display data from JSON text that serde_json has read whole.
    fn from_json(json: Box<RawValue>) -> Result<Self, Problem> {
        let scanned = scan::scan(json.get())?;
        let json = if scanned.has_whitespace {
            // Compact JSON text is JSON text.
            RawValue::from_string(scan::compact(json.get())).unwrap_or_else(|_| empty())
        } else {
            json
        };
        Ok(DisplayData {
            json,
            chars: scanned.chars,
            members: scanned.members,
        })
    }
}

/// `{}`.
fn empty() -> Box<RawValue> {
    RawValue::from_string("{}".to_owned()).unwrap_or_else(|_| unreachable!("`{{}}` is JSON"))
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
        DisplayData {
            json: empty(),
            chars: 2,
            members: 0,
        }
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

/// Equal when they hold the same object: the same members, in any order.
impl PartialEq for DisplayData {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
            || (self.members == other.members && self.to_object() == other.to_object())
    }
}

/// The number of members and the length, never the data.
impl fmt::Debug for DisplayData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<redacted object, {} members, {} chars>",
            self.members, self.chars
        )
    }
}

impl Serialize for DisplayData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DisplayData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "a JSON object, or a string holding a JSON object";
        let json = Box::<RawValue>::deserialize(deserializer)?;
        let text = json.get();
        let unexpected = match text.as_bytes().first() {
            Some(b'{') => return DisplayData::from_json(json).map_err(problem),
            Some(b'"') => return from_string(text),
            Some(b'[') => Unexpected::Seq,
            Some(b't') => Unexpected::Bool(true),
            Some(b'f') => Unexpected::Bool(false),
            Some(b'n') => Unexpected::Unit,
            _ => Unexpected::Other("a number"),
        };
        Err(de::Error::invalid_type(unexpected, &EXPECTED))
    }
}

/// Display data given as a JSON string (`quoted`, with its quotes) that holds an object.
fn from_string<E: de::Error>(quoted: &str) -> Result<DisplayData, E> {
    // serde_json has read it as a string already.
    let text: String = serde_json::from_str(quoted).map_err(|_| E::custom(NotAnObject))?;
    if !nesting_within(&text, MAX_STRING_DEPTH) {
        return Err(E::custom(format_args!(
            "display_info data nests deeper than {MAX_STRING_DEPTH} levels: sent \
             as an object in its place, it could not be read back"
        )));
    }
    let json: Box<RawValue> = serde_json::from_str(&text).map_err(|_| E::custom(NotAnObject))?;
    DisplayData::from_json(json).map_err(problem)
}

fn problem<E: de::Error>(problem: Problem) -> E {
    match problem {
        Problem::NotAnObject => E::custom(NotAnObject),
        Problem::DuplicateKey => E::custom(DUPLICATE_KEY),
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
        (self.chars > max).then_some(self.chars)
    }
}
