//! Decoding JSON into the model's types (or any type that derives `Deserialize`) with errors
//! that say where and what, never quoting the input.
//!
//! `serde_json::from_str` is correct but not safe to log: its errors quote the offending
//! value (`invalid type: string "<a customer's message>", expected a boolean`), and it lets
//! through what a checker must not: a duplicate key is silently resolved in free-form data,
//! and a struct may be given as an array. [`from_str`], [`from_slice`] and [`from_reader`]
//! read the same JSON with the same `Deserialize` impls, and return a [`DecodeError`] that
//! names a JSON Pointer in wire names, a line and column, a [`DecodeCategory`] and a message
//! without values.

mod error;
mod tracker;

use std::cell::RefCell;
use std::io;

use serde::de::{Deserialize, DeserializeOwned};

pub use error::{DecodeCategory, DecodeError};
pub(crate) use tracker::DUPLICATE_KEY;
use tracker::{State, Tracker};

/// Decodes a `T` from JSON text: the whole text, with nothing but whitespace after the value.
///
/// Beyond what `serde_json::from_str` refuses, a duplicate key in any object is an error
/// (category [`DuplicateKey`](DecodeCategory::DuplicateKey)), and so is a struct given as a
/// JSON array.
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
    decode(serde_json::Deserializer::from_str(text))
}

/// Decodes a `T` from JSON bytes, which must be UTF-8, as [`from_str`] does.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_slice(bytes))
}

/// Decodes a `T` from a reader of JSON, as [`from_str`] does. serde_json reads it byte by
/// byte: wrap a file or socket in a [`BufReader`](std::io::BufReader).
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T, DecodeError> {
    decode(serde_json::Deserializer::from_reader(reader))
}

fn decode<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut json: serde_json::Deserializer<R>,
) -> Result<T, DecodeError> {
    let state = RefCell::new(State::default());
    let value = T::deserialize(Tracker::new(&mut json, &state));
    let value = value.map_err(|error| DecodeError::new(&error, state.into_inner()))?;
    json.end()
        .map_err(|error| DecodeError::new(&error, State::after_value()))?;
    Ok(value)
}
