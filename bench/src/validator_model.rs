//! The push payload in validator 0.21's terms.
//!
//! Native: lengths (`length` counts characters on every call; `min = 1` is "required" or
//! "non-empty"), `nested` for nested values and lists of them.
//! Custom functions, since validator has no such rule:
//! - `ascii` and `trimmed`;
//! - `https` (validator's `url` accepts any scheme and rejects relative references; the custom
//!   function uses the `url` crate, as validator's `url` rule does);
//! - `exclusive(parent_id, thread_id)`, a struct-level `schema` function;
//! - the length of `display_info.data` as compact JSON, serialized on every call;
//! - the length of a field id's name (validator derives on structs only, so the id is checked
//!   by a custom function on the `id` field);
//! - validator puts the offending value in each error, so every type is also `Serialize`;
//! - each file URL: validator has no per-item rules for a list of strings, so each URL is a
//!   `FileUrl` struct (transparent on the wire) checked through `nested`, and violations are
//!   reported at `/file_urls/{index}/url`.
#![allow(missing_docs)] // The fields mirror `channel_model`'s, which are documented there.

use std::borrow::Cow;

use channel_model::chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::peers::{self, field_id_from_ours};
use crate::Library;

/// validator, through the types of this module.
pub struct Validator;

impl Library for Validator {
    const NAME: &'static str = "validator";
    type Push = PushRequest;
    type Errors = ValidationErrors;

    fn validate(push: &PushRequest) -> Result<(), ValidationErrors> {
        push.validate()
    }

    /// validator nests its errors in maps by field name and index; this flattens them into
    /// JSON Pointers (a struct-level `schema` error, `__all__`, sits at its struct). validator
    /// names fields as Rust does: `r#type` is `type` on the wire.
    fn paths(errors: &ValidationErrors) -> Vec<String> {
        fn walk(errors: &ValidationErrors, at: &str, paths: &mut Vec<String>) {
            for (field, kind) in errors.errors() {
                let here = match field.as_ref() {
                    "__all__" => at.to_owned(),
                    field => format!("{at}/{}", field.trim_start_matches("r#")),
                };
                match kind {
                    ValidationErrorsKind::Field(list) => {
                        paths.extend(list.iter().map(|_| here.clone()));
                    }
                    ValidationErrorsKind::Struct(nested) => walk(nested, &here, paths),
                    ValidationErrorsKind::List(items) => {
                        for (index, nested) in items {
                            walk(nested, &format!("{here}/{index}"), paths);
                        }
                    }
                }
            }
        }
        let mut paths = Vec::new();
        walk(errors, "", &mut paths);
        paths
    }
}

/// See [`channel_model::PushRequest`].
#[derive(Debug, Serialize, Deserialize, Validate)]
pub struct PushRequest {
    #[validate(length(min = 1, max = 255))]
    pub instance_push_id: String,
    #[validate(length(min = 1, max = 64))]
    pub request_id: Option<String>,
    #[validate(length(min = 1, max = 256), nested)]
    pub external_resources: Vec<ExternalResource>,
}

/// See [`channel_model::ExternalResource`].
#[derive(Debug, Serialize, Deserialize, Validate)]
#[validate(schema(function = "exclusive", skip_on_field_errors = false))]
pub struct ExternalResource {
    #[validate(
        length(min = 1, max = 255),
        custom(function = "ascii"),
        custom(function = "trimmed")
    )]
    pub external_id: String,
    pub internal_note: Option<bool>,
    #[validate(length(min = 1, max = 65535))]
    pub message: String,
    #[validate(length(min = 1, max = 65535))]
    pub html_message: Option<String>,
    #[validate(length(min = 1, max = 255), custom(function = "trimmed"))]
    pub parent_id: Option<String>,
    #[validate(length(min = 1, max = 255), custom(function = "trimmed"))]
    pub thread_id: Option<String>,
    #[serde(with = "channel_model::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[validate(nested)]
    pub author: Author,
    #[validate(length(max = 16), nested)]
    pub display_info: Option<Vec<DisplayInfo>>,
    pub allow_channelback: Option<bool>,
    #[validate(length(max = 64), nested)]
    pub fields: Option<Vec<Field>>,
    #[validate(length(max = 10), nested)]
    pub file_urls: Option<Vec<FileUrl>>,
}

/// One of `file_urls`: a string on the wire.
#[derive(Debug, Serialize, Deserialize, Validate)]
#[serde(transparent)]
pub struct FileUrl {
    #[validate(length(max = 511), custom(function = "https"))]
    pub url: String,
}

/// See [`channel_model::Author`].
#[derive(Debug, Serialize, Deserialize, Validate)]
pub struct Author {
    #[validate(length(min = 1, max = 255), custom(function = "trimmed"))]
    pub external_id: String,
    #[validate(length(min = 1, max = 255))]
    pub name: Option<String>,
    #[validate(length(min = 1, max = 255))]
    pub image_url: Option<String>,
    #[validate(length(min = 1, max = 255))]
    pub locale: Option<String>,
    #[validate(length(max = 64), nested)]
    pub fields: Option<Vec<Field>>,
}

/// See [`channel_model::DisplayInfo`].
#[derive(Debug, Serialize, Deserialize, Validate)]
pub struct DisplayInfo {
    #[validate(length(min = 1, max = 255))]
    pub r#type: String,
    #[validate(custom(function = "data_length"))]
    pub data: Map<String, Value>,
}

/// See [`channel_model::Field`].
#[derive(Debug, Serialize, Deserialize, Validate)]
pub struct Field {
    #[validate(custom(function = "field_id"))]
    pub id: FieldId,
    pub value: Value,
}

/// See [`channel_model::FieldId`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged, from = "channel_model::FieldId")]
pub enum FieldId {
    Id(u64),
    Name(String),
}

field_id_from_ours!(FieldId);

fn error(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

fn ascii(value: &str) -> Result<(), ValidationError> {
    match value.is_ascii() {
        true => Ok(()),
        false => Err(error("ascii", "must contain only ASCII characters")),
    }
}

fn trimmed(value: &str) -> Result<(), ValidationError> {
    match peers::is_trimmed(value) {
        true => Ok(()),
        false => Err(error("trimmed", "must not begin or end with whitespace")),
    }
}

fn https(value: &str) -> Result<(), ValidationError> {
    match peers::is_https_url(value) {
        true => Ok(()),
        false => Err(error("https", "must be an https URL")),
    }
}

fn exclusive(resource: &ExternalResource) -> Result<(), ValidationError> {
    match resource.parent_id.is_some() && resource.thread_id.is_some() {
        true => Err(error("exclusive", "parent_id and thread_id are both set")),
        false => Ok(()),
    }
}

fn data_length(data: &Map<String, Value>) -> Result<(), ValidationError> {
    match peers::compact_json_chars(data) > peers::MAX_DATA_CHARS {
        true => Err(error("length", "must be at most 65535 characters as JSON")),
        false => Ok(()),
    }
}

fn field_id(id: &FieldId) -> Result<(), ValidationError> {
    match id {
        FieldId::Name(name) if name.is_empty() || name.chars().count() > 255 => {
            Err(error("length", "must have 1 to 255 characters"))
        }
        _ => Ok(()),
    }
}
