//! Decoding JSON into the model's types (or any type that derives `Deserialize`) with errors
//! that say where and what, never quoting the input.
//!
//! `serde_json::from_str` is correct but not safe to log: its errors quote the offending
//! value (`invalid type: string "<a customer's message>", expected a boolean`), and it lets
//! through what a checker must not: a duplicate key is silently resolved in free-form data,
//! and a struct may be given as an array. [`from_str`], [`from_slice`] and [`from_reader`]
//! read the same JSON with the same `Deserialize` impls, and return a [`DecodeError`] that
//! names a JSON Pointer in wire names, a line and column, a [`DecodeCategory`] and a message
//! without values. [`from_str_inspected`] decodes the same way and tells an [`Inspect`] what
//! serde accepts without a word: keys a struct ignores, `null` for an optional field.

mod error;
mod tracker;

use std::io;

use serde::de::{Deserialize, DeserializeOwned};

pub use error::{DecodeCategory, DecodeError};
pub(crate) use tracker::DUPLICATE_KEY;
use tracker::{State, Tracker};

use crate::PathSegment;

/// What [`from_str_inspected`] tells while it decodes: what the target's `Deserialize` impls
/// accept silently, but a checker of payloads may want to report (Zendesk's schemas refuse
/// them). The decoded value is the same as [`from_str`]'s; an inspection cannot fail it.
///
/// Paths are those of errors: JSON Pointer segments in wire names, from the root, never going
/// below the start of free-form data (a field's `value`, `display_info` `data`, a map), whose
/// keys are data. Each method has a default that does nothing.
pub trait Inspect {
    /// `null` was read where the target reads an `Option` (which makes it `None`) at `path`:
    /// an optional field sent as `null` instead of being left out.
    fn null(&mut self, path: &[PathSegment]) {
        let _ = path;
    }

    /// An object read as a struct holds `key`, which is none of the struct's `fields`: serde
    /// skips its value. `path` is the object's.
    fn unknown_key(&mut self, path: &[PathSegment], key: &str, fields: &'static [&'static str]) {
        let _ = (path, key, fields);
    }
}

/// Decodes a `T` from JSON text: the whole text, with nothing but whitespace after the value.
///
/// Beyond what `serde_json::from_str` refuses, a duplicate key in any object is an error
/// (category [`DuplicateKey`](DecodeCategory::DuplicateKey)), and so is a struct given as a
/// JSON array. A struct's `Deserialize` refuses the fields it reads twice (serde's derive
/// does, and so do the model's own impls); the decoder compares the keys of every other
/// object (also those in the value of a key a struct skips), and the keys a struct skips or
/// keeps as raw JSON text without naming them.
///
/// ```
/// use channel_model::{DecodeCategory, ValidateTokenRequest};
///
/// let request: ValidateTokenRequest =
///     channel_model::from_str(r#"{"instance_push_id": "acct-1"}"#).unwrap();
/// assert_eq!(request.instance_push_id, "acct-1");
///
/// let error = channel_model::from_str::<ValidateTokenRequest>(r#"{"instance_push_id": 4242}"#)
///     .unwrap_err();
/// assert_eq!(error.category(), DecodeCategory::Type);
/// assert_eq!(error.message(), "invalid type: an integer, expected a string");
/// assert!(!error.to_string().contains("4242"));
/// ```
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_str(text), None)
}

/// Decodes a `T` from JSON text as [`from_str`] does, and tells `inspect` what the decode
/// accepted silently as it meets it, in document order.
///
/// ```
/// use channel_model::{Inspect, PathSegment, ValidateTokenRequest};
///
/// #[derive(Default)]
/// struct Notes(Vec<String>);
///
/// impl Inspect for Notes {
///     fn null(&mut self, path: &[PathSegment]) {
///         self.0.push(format!("null at {}", channel_model::Path::from(path.to_vec())));
///     }
///     fn unknown_key(&mut self, _: &[PathSegment], key: &str, _: &'static [&'static str]) {
///         self.0.push(format!("unknown key {key}"));
///     }
/// }
///
/// let text = r#"{"instance_push_id": "acct-1", "request_id": null, "colour": "blue"}"#;
/// let mut notes = Notes::default();
/// let request: ValidateTokenRequest = channel_model::from_str_inspected(text, &mut notes)?;
/// assert_eq!(request.request_id, None);
/// assert_eq!(notes.0, ["null at /request_id", "unknown key colour"]);
/// # Ok::<(), channel_model::DecodeError>(())
/// ```
pub fn from_str_inspected<'a, T: Deserialize<'a>>(
    text: &'a str,
    inspect: &mut dyn Inspect,
) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_str(text), Some(inspect))
}

/// Decodes a `T` from JSON bytes, which must be UTF-8, as [`from_str`] does.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_slice(bytes), None)
}

/// Decodes a `T` from a reader of JSON, as [`from_str`] does. serde_json reads it byte by
/// byte: wrap a file or socket in a [`BufReader`](std::io::BufReader).
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_reader(reader), None)
}

fn decode<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut json: serde_json::Deserializer<R>,
    inspect: Option<&mut dyn Inspect>,
) -> Result<T, DecodeError> {
    let state = State::new(inspect);
    let value = T::deserialize(Tracker::root(&mut json, &state));
    let value =
        value.map_err(|error| DecodeError::new(&error, state.error_path(), state.started()))?;
    // Only what follows the value is left: an error there is at the root.
    json.end()
        .map_err(|error| DecodeError::new(&error, (Vec::new(), false), true))?;
    Ok(value)
}
