//! The push payload in garde 0.23's terms.
//!
//! Native: lengths (`length(chars, ...)` counts characters on every call; `min = 1` is
//! "required" or "non-empty"), `ascii`, `dive` for nested values, `inner` for each URL.
//! Custom functions, since garde has no such rule:
//! - `trimmed` (no leading or trailing whitespace);
//! - `https` (garde's `url` accepts any scheme and rejects relative references; the custom
//!   function uses the `url` crate, as garde's `url` rule does);
//! - `exclusive(parent_id, thread_id)`, a struct-level custom rule;
//! - the length of `display_info.data` as compact JSON, serialized on every call.
#![allow(missing_docs)] // The fields mirror `channel_model`'s, which are documented there.

use channel_model::chrono::{DateTime, Utc};
use garde::Validate;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::peers::{self, field_id_from_ours};
use crate::Library;

/// garde, through the types of this module.
pub struct Garde;

impl Library for Garde {
    const NAME: &'static str = "garde";
    type Push = PushRequest;
    type Errors = garde::Report;

    fn validate(push: &PushRequest) -> Result<(), garde::Report> {
        push.validate()
    }

    /// garde writes `external_resources[3].author.name`; this turns it into a JSON Pointer.
    /// garde names fields as Rust does: `r#type` is `type` on the wire.
    fn paths(errors: &garde::Report) -> Vec<String> {
        let pointer = |path: &garde::Path| {
            let path = path.to_string().replace("r#", "");
            let mut pointer = String::new();
            if !path.is_empty() && !path.starts_with('[') {
                pointer.push('/');
            }
            for c in path.chars() {
                match c {
                    '.' | '[' => pointer.push('/'),
                    ']' => {}
                    c => pointer.push(c),
                }
            }
            pointer
        };
        errors.iter().map(|(path, _)| pointer(path)).collect()
    }
}

/// See [`channel_model::PushRequest`].
#[derive(Debug, Deserialize, Validate)]
pub struct PushRequest {
    #[garde(length(chars, min = 1, max = 255))]
    pub instance_push_id: String,
    #[garde(length(chars, min = 1, max = 64))]
    pub request_id: Option<String>,
    #[garde(length(min = 1, max = 256), dive)]
    pub external_resources: Vec<ExternalResource>,
}

/// See [`channel_model::ExternalResource`].
#[derive(Debug, Deserialize, Validate)]
#[garde(custom(exclusive))]
pub struct ExternalResource {
    #[garde(length(chars, min = 1, max = 255), ascii, custom(trimmed))]
    pub external_id: String,
    #[garde(skip)]
    pub internal_note: Option<bool>,
    #[garde(length(chars, min = 1, max = 65535))]
    pub message: String,
    #[garde(length(chars, min = 1, max = 65535))]
    pub html_message: Option<String>,
    #[garde(length(chars, min = 1, max = 255), custom(trimmed_option))]
    pub parent_id: Option<String>,
    #[garde(length(chars, min = 1, max = 255), custom(trimmed_option))]
    pub thread_id: Option<String>,
    #[serde(with = "channel_model::rfc3339")]
    #[garde(skip)]
    pub created_at: DateTime<Utc>,
    #[garde(dive)]
    pub author: Author,
    #[garde(length(max = 16), dive)]
    pub display_info: Option<Vec<DisplayInfo>>,
    #[garde(skip)]
    pub allow_channelback: Option<bool>,
    #[garde(length(max = 64), dive)]
    pub fields: Option<Vec<Field>>,
    #[garde(
        length(max = 10),
        inner(inner(length(chars, max = 511), custom(https)))
    )]
    pub file_urls: Option<Vec<String>>,
}

/// See [`channel_model::Author`].
#[derive(Debug, Deserialize, Validate)]
pub struct Author {
    #[garde(length(chars, min = 1, max = 255), custom(trimmed))]
    pub external_id: String,
    #[garde(length(chars, min = 1, max = 255))]
    pub name: Option<String>,
    #[garde(length(chars, min = 1, max = 255))]
    pub image_url: Option<String>,
    #[garde(length(chars, min = 1, max = 255))]
    pub locale: Option<String>,
    #[garde(length(max = 64), dive)]
    pub fields: Option<Vec<Field>>,
}

/// See [`channel_model::DisplayInfo`].
#[derive(Debug, Deserialize, Validate)]
pub struct DisplayInfo {
    #[garde(length(chars, min = 1, max = 255))]
    pub r#type: String,
    #[garde(custom(data_length))]
    pub data: Map<String, Value>,
}

/// See [`channel_model::Field`].
#[derive(Debug, Deserialize, Validate)]
pub struct Field {
    #[garde(dive)]
    pub id: FieldId,
    #[garde(skip)]
    pub value: Value,
}

/// See [`channel_model::FieldId`].
#[derive(Debug, Deserialize, Validate)]
#[serde(from = "channel_model::FieldId")]
pub enum FieldId {
    /// A custom field's numeric id.
    Id(#[garde(skip)] u64),
    /// A field's name.
    Name(#[garde(length(chars, min = 1, max = 255))] String),
}

field_id_from_ours!(FieldId);

fn trimmed(value: &str, _: &()) -> garde::Result {
    match peers::is_trimmed(value) {
        true => Ok(()),
        false => Err(garde::Error::new("must not begin or end with whitespace")),
    }
}

fn trimmed_option(value: &Option<String>, context: &()) -> garde::Result {
    value
        .as_deref()
        .map_or(Ok(()), |value| trimmed(value, context))
}

fn https(value: &str, _: &()) -> garde::Result {
    match peers::is_https_url(value) {
        true => Ok(()),
        false => Err(garde::Error::new("must be an https URL")),
    }
}

fn exclusive(resource: &ExternalResource, _: &()) -> garde::Result {
    match resource.parent_id.is_some() && resource.thread_id.is_some() {
        true => Err(garde::Error::new("parent_id and thread_id are both set")),
        false => Ok(()),
    }
}

fn data_length(data: &Map<String, Value>, _: &()) -> garde::Result {
    match peers::compact_json_chars(data) > peers::MAX_DATA_CHARS {
        true => Err(garde::Error::new(
            "must be at most 65535 characters as JSON",
        )),
        false => Ok(()),
    }
}
