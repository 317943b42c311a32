//! Zendesk Channel Framework ("Any Channel") payloads as Rust types, validated against every
//! limit Zendesk enforces before they are sent.
//!
//! The heart of the crate is `#[derive(Validate)]`, which anyone can put on their own types:
//!
//! ```
//! use channel_model::Validate;
//!
//! #[derive(Validate)]
//! struct Message {
//!     #[validate(required, ascii, trimmed, max_length = 255)]
//!     external_id: String,
//!     #[validate(non_empty, max_length = 65535)]
//!     body: Option<String>,
//!     #[validate(max_length = 10, each(https, max_length = 511))]
//!     file_urls: Vec<String>,
//! }
//!
//! let message = Message {
//!     external_id: " 42".into(),
//!     body: Some(String::new()),
//!     file_urls: vec!["http://example.com/a.png".into()],
//! };
//! let errors = message.validate().unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "/external_id: must not begin or end with whitespace (character 0 is whitespace)\n\
//!      /body: must not be empty\n\
//!      /file_urls/0: must be an https URL (an absolute URL needs the https scheme and a host)"
//! );
//! ```
//!
//! Every violation names where it is (a JSON Pointer built from the names that go over the
//! wire), a stable code, and the parameters that explain it; never the offending value,
//! since payloads carry customers' private messages.
//!
//! # Decoding
//!
//! Read JSON with [`from_str`], [`from_slice`] or [`from_reader`] rather than serde_json's
//! functions of the same names. They run the same `Deserialize` impls, for the model's types
//! and your own, but their [`DecodeError`] holds a JSON Pointer in wire names, a line and
//! column, a [`DecodeCategory`] and a message that names types, never a value: serde_json's
//! errors quote the value they refuse (`invalid type: string "<a customer's message>",
//! expected a boolean`), which then ends up in logs and HTTP error bodies. They also refuse
//! what serde_json lets through: a duplicate key in any object, and a struct sent as an array.
//!
//! ```
//! use channel_model::{DecodeCategory, PushResponse};
//!
//! let body = r#"{"results": [{"external_resource_id": "msg-1", "status": "Mot de passe: hunter2"}]}"#;
//! let error = channel_model::from_str::<PushResponse>(body).unwrap_err();
//! assert_eq!(error.path().to_string(), "/results/0/status");
//! assert_eq!(error.category(), DecodeCategory::Type);
//! assert!(!error.to_string().contains("hunter2"));
//! assert!(serde_json::from_str::<PushResponse>(body).unwrap_err().to_string().contains("hunter2"));
//! ```
//!
//! # What `Debug` shows
//!
//! A stray `{:?}` in a log line must not leak a customer's message or an account's
//! credentials, so the `Debug` of every payload type shows the structure (types, field names,
//! `Some`/`None`, lists), booleans, numbers, dates, status codes, and the ids that name
//! resources, threads, fields and requests; it shows customers' text and everything that may
//! hold a secret as its length only: message bodies, who the author is (`external_id`, `name`,
//! `image_url`), `file_urls` (often signed download links), `metadata` and `state`,
//! `display_info` data and field values (as their JSON type and size), and error descriptions.
//! The values stay reachable through the public fields.
//!
//! ```
//! use channel_model::chrono::{TimeZone, Utc};
//! use channel_model::{Author, ExternalResource};
//!
//! let at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
//! let resource = ExternalResource::new("msg-1", "My password is hunter2", at, Author::new("ada@example.com"));
//! let shown = format!("{resource:?}");
//! assert!(shown.contains(r#"external_id: "msg-1""#));
//! assert!(shown.contains("message: <redacted, 22 chars>"));
//! assert!(!shown.contains("hunter2") && !shown.contains("ada@"));
//! assert_eq!(resource.message, "My password is hunter2");
//! ```
#![forbid(unsafe_code)]

// The derive names `::channel_model`; this lets the crate use it on its own types.
extern crate self as channel_model;

mod admin_ui;
mod channelback;
mod clickthrough;
mod decode;
mod display_data;
mod event_callback;
mod form;
mod json_text;
mod manifest;
mod pull;
mod push;
mod redact;
mod results;
pub mod rfc3339;
mod token;
mod validated;
mod validation;

pub use admin_ui::{AccessToken, AdminUiRequest, ReturnForm};
pub use channel_derive::Validate;
pub use channelback::{ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse};
pub use clickthrough::ClickthroughRequest;
pub use decode::{from_reader, from_slice, from_str, DecodeCategory, DecodeError};
pub use display_data::{DisplayData, NotAnObject};
pub use event_callback::{
    ChannelbackData, DeactivatedBy, DeactivationData, DuplicateExternalId, Event, EventBatch,
    EventData, IdentityAuthor, InstanceData, IntegrationData, KnownEvent, PullRequestData,
    RawEvent, ResourceEvent, ResourceEventType, ResourcesCreatedData, UserIdentityData,
};
pub use form::FormError;
pub use json_text::{JsonText, JsonTextError};
pub use manifest::{Manifest, ManifestUrls};
pub use pull::{PullRequest, PullResponse};
pub use push::{Author, DisplayInfo, ExternalResource, Field, FieldId, PushRequest};
pub use results::{
    Outcome, PushReport, PushResponse, PushResult, PushStatus, ResultsMismatch, StatusCode,
};
pub use rfc3339::{format_rfc3339, parse_rfc3339, Rfc3339Error};
pub use token::ValidateTokenRequest;
pub use validated::{Invalid, Validated};
pub use validation::errors::ValidationErrors;
pub use validation::location::Location;
pub use validation::path::{Path, PathSegment};
pub use validation::rules;
pub use validation::rules::{CustomError, CustomParam, HttpsProblem};
pub use validation::validate::Validate;
pub use validation::violation::{LengthUnit, Violation, ViolationKind};

/// The date-time library of `created_at`, re-exported so that versions match.
pub use chrono;
/// The JSON library of `display_info.data` and field values, re-exported so that versions match.
pub use serde_json;

#[doc(hidden)]
pub mod __private {
    pub use crate::validation::private::*;
}
