//! Zendesk Channel Framework ("Any Channel") payloads as Rust types, validated against every
//! limit Zendesk enforces before they are sent.
//!
//! The types follow Zendesk's JSON field for field: build them, call [`Validate::validate`]
//! (or wrap them in [`Validated`]), and serialize them with serde. Sending them over HTTP is
//! left to the integration, or to the `channel-client` crate.
//!
//! # Pushing to Zendesk: build, validate, send, read the results
//!
//! ```
//! use channel_model::chrono::{TimeZone, Utc};
//! use channel_model::serde_json::json;
//! use channel_model::{
//!     Author, DisplayData, DisplayInfo, ExternalResource, Field, Outcome, PushReport,
//!     PushRequest, PushResponse, Validated,
//! };
//!
//! // 1. Build the payload from what the origin service handed over.
//! let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
//! let author = Author::new("user-17").with_name("Zoë Durand").with_locale("fr");
//! let message = ExternalResource::new("msg-4711", "Où en est ma commande ?", created_at, author)
//!     .with_thread_id("conversation-9")
//!     .with_display_info([DisplayInfo::new(
//!         "urn:example:chat:message",
//!         DisplayData::try_from(json!({"channel": "web"})).unwrap(),
//!     )])
//!     .with_fields([Field::new("subject", "Commande 1234")])
//!     .with_file_urls(["https://cdn.example.com/u/17/receipt.pdf"]);
//! let reply = ExternalResource::new("msg-4712", "Merci !", created_at, Author::new("user-17"))
//!     .with_parent_id("msg-4711");
//! let push = PushRequest::new("instance-push-id-from-zendesk", [message, reply]);
//!
//! // 2. Validate: a `Validated<PushRequest>` is known to pass every rule.
//! let push: Validated<PushRequest> = match Validated::new(push) {
//!     Ok(push) => push,
//!     Err(invalid) => panic!("not sent:\n{}", invalid.errors()),
//! };
//!
//! // 3. Send Zendesk's JSON (None fields are left out, created_at is in UTC with a Z) to
//! //    POST /api/v2/any_channel/push.json with your HTTP client.
//! let body = serde_json::to_string(&push).unwrap();
//! assert!(body.contains(r#""created_at":"2015-09-08T22:48:09Z""#));
//!
//! // 4. Read the answer and pair every resource with its result.
//! let answer = r#"{"results": [
//!     {"external_resource_id": "msg-4711", "status": {"code": "processing_error"}},
//!     {"external_resource_id": "msg-4712", "status": {"code": "halted"}}
//! ]}"#;
//! let response: PushResponse = channel_model::from_str(answer).unwrap();
//! let report = PushReport::new(&push, &response).unwrap();
//! assert_eq!(report.with_outcome(Outcome::Delivered).count(), 0);
//! // What to send again, in the original order.
//! let retry = report.retry_request().unwrap();
//! assert_eq!(retry.external_resources.len(), 2);
//! ```
//!
//! A push holds at most 256 resources: [`PushRequest::split_validated`] cuts a longer one into
//! validated parts.
//!
//! # Answering Zendesk: pull and channelback
//!
//! Zendesk calls the integration's pull URL for new messages, and its channelback URL with an
//! agent's reply, both form-encoded; the answers are JSON.
//!
//! ```
//! use channel_model::{ChannelbackRequest, ChannelbackResponse, JsonText, PullResponse, Validate};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, PartialEq, Serialize, Deserialize)]
//! struct Cursor {
//!     since: u64,
//! }
//!
//! // Pull: the new resources, and the state Zendesk hands back on the next pull. `JsonText`,
//! // the type of every `state` and `metadata`, writes its JSON text once.
//! let pull = PullResponse::new([]).with_state(JsonText::encode(&Cursor { since: 8 }).unwrap());
//! assert!(pull.validate().is_ok());
//! let state = pull.state.as_ref().map_or(Ok(None), JsonText::decode).unwrap();
//! assert_eq!(state, Some(Cursor { since: 8 }));
//!
//! // Channelback: decode the form (the `form` feature, on by default), check it, post the
//! // reply, answer with its id.
//! # #[cfg(feature = "form")] {
//! let request = ChannelbackRequest::from_form(
//!     "message=Merci+!&thread_id=conversation-9&file_urls%5B%5D=https%3A%2F%2Fz.example%2Fa.png",
//! )
//! .unwrap();
//! assert!(request.validate().is_ok());
//! assert_eq!(request.message, "Merci !");
//! assert_eq!(request.file_urls, ["https://z.example/a.png"]);
//! # }
//! let answer = ChannelbackResponse::new("msg-4713");
//! assert_eq!(serde_json::to_string(&answer).unwrap(), r#"{"external_id":"msg-4713"}"#);
//! ```
//!
//! [`Manifest`] describes the integration and its URLs to Zendesk.
//!
//! # Handling an event callback
//!
//! Zendesk posts batches of events to the manifest's `event_callback_url`. Each event is typed
//! by its `type_id`; an event of a type this crate does not know, or one that does not fit its
//! type, is kept as it came instead of failing the batch.
//!
//! ```
//! use channel_model::{Event, EventBatch, EventData, Validate};
//!
//! let body = r#"{"events": [
//!   {"type_id": "deactivate_integration_instance", "timestamp": "2016-03-01T09:16:00Z",
//!    "subdomain": "example", "integration_name": "Example Chat", "integration_id": "com.example.chat",
//!    "data": {"metadata": "{\"account\":\"acct-1\"}", "deactivated_by": "api"}},
//!   {"type_id": "instance_renamed", "timestamp": "2016-03-01T09:17:00Z",
//!    "subdomain": "example", "integration_name": "Example Chat", "integration_id": "com.example.chat",
//!    "data": {"name": "Support"}}
//! ]}"#;
//! let batch: EventBatch = channel_model::from_str(body).unwrap();
//! assert!(batch.validate().is_ok());
//!
//! for event in &batch.events {
//!     match event {
//!         Event::Known(known) => {
//!             if let EventData::DeactivateIntegrationInstance(data) = &known.data {
//!                 let account: serde_json::Value = data.metadata.decode().unwrap().unwrap();
//!                 assert_eq!(account["account"], "acct-1"); // stop pulling for this account
//!             }
//!         }
//!         Event::Unknown(raw) => assert_eq!(raw.type_id(), Some("instance_renamed")),
//!         Event::Malformed(_) => unreachable!("every event above fits its type"),
//!     }
//! }
//! ```
//!
//! [`PushRequest::created_resources`] finds, in `resources_created_from_external_ids` events,
//! the tickets and comments a push's resources became.
//!
//! # Your own types: `#[derive(Validate)]`
//!
//! The model's types are validated by [`Validate`], derived with the same rules anyone can put
//! on their own types (the rules and their misuse are documented on the derive):
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
//! # Limits and their sources
//!
//! Every type's documentation lists its rules in a table, with the source of each limit. Two
//! sources describe what Zendesk accepts:
//!
//! - **reference**: Zendesk's API reference for the three endpoints an integration calls
//!   (`POST /api/v2/any_channel/push`, `validate_token` and `channelback/report_error`), and
//!   Zendesk's Channel Framework documentation for what the integration serves: the **pull
//!   endpoint docs**, the **channelback docs**, the **manifest docs**, the **admin UI docs**,
//!   the **clickthrough docs** and the **event callback docs**;
//! - **schema**: Zendesk's JSON Schemas for Channel Framework traffic (the
//!   `any_channel_json_schemas` repository, release 0.15.0), which Zendesk uses to validate it
//!   itself, named by file and keyword (`external_resource.json`, `maxLength: 255`). Their
//!   format `external-id` is the rule `trimmed`, and `https-url` the rule `https`.
//!
//! A value that passes [`Validate::validate`] passes both. Where they differ, the stricter
//! rule applies, and the type's documentation says so: `parent_id` (255 characters by the
//! schema, 511 by the reference), `file_urls` (10 items by the reference, 64 by the schema),
//! `author.image_url` (255 by the reference, 511 by the schema), a pull's resources (200 by the
//! docs, 256 by the schema) and the manifest's `push_client_id` (127 by the docs, 128 by the
//! schema). The one conflict that strictness cannot settle is `display_info.data`: a string of
//! JSON by the reference, an object by the schema and by Zendesk's own examples.
//! [`DisplayData`] sends an object, reads either, and holds the reference's 65535 characters
//! to the object's JSON text. Lengths count characters (Unicode scalar values), as both
//! sources do. A few rules are the model's own, and say why: an empty push does nothing, and
//! an id that names a resource cannot be empty. The schema format `https-url` lets a relative
//! reference pass, since Zendesk resolves the URLs an integration sends against the
//! integration's own address; the URLs Zendesk sends (an admin UI request's `return_url`, an
//! event's `manifest_url` and `url`) have nothing to be resolved against, and must be absolute.
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
//! `Some`/`None`, lists), booleans, numbers, dates, status codes, the ids that name
//! resources, threads, fields and requests, and what describes the integration (its
//! manifest, the subdomain, locales, Zendesk's URLs). It shows customers' text and
//! everything that may hold a secret as its length only: message bodies, who the author or
//! recipient is (an author's `external_id`, `name` and `image_url`, a channelback's
//! `recipient_id`, the user of a `destroy_user_identity` event), `file_urls` (often signed
//! download links), `metadata` and `state`, `display_info` data and field values (as their
//! JSON type and size), error descriptions (a push result's or `report_error`'s
//! `description`, an event's `error` and `deactivating_error`), and an account's name as an
//! admin typed it (the admin UI's `name`, an event's `integration_instance_name`); an
//! [`AccessToken`] shows as `<redacted>`, and an event this crate does not type as its
//! `type_id` and keys. The values stay reachable through the public fields.
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
//!
//! # Cargo features
//!
//! - `form` (on by default): decoding and encoding what Zendesk sends as forms
//!   (`application/x-www-form-urlencoded`): `from_form` and `to_form` of
//!   [`ChannelbackRequest`] (with its `file_urls[]` list), [`PullRequest`] and
//!   [`AdminUiRequest`], [`ClickthroughRequest::from_query`], [`FormError`] and the [`form`]
//!   module. Without it (`default-features = false`) the types stay, with their JSON forms and
//!   rules, and the crate does without `form_urlencoded` and `percent-encoding`.
//! - `indexmap`: the rules on `IndexMap` fields, as on `HashMap` and `BTreeMap` ones. Off by
//!   default: it needs the Rust version of the `indexmap` release in use.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive names `::channel_model`; this lets the crate use it on its own types.
extern crate self as channel_model;

mod admin_ui;
mod channelback;
mod clickthrough;
mod decode;
mod display_data;
mod event_callback;
mod fields;
#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
pub mod form;
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
mod zendesk_url;

pub use admin_ui::{AccessToken, AdminUiRequest, ReturnForm};
pub use channel_derive::Validate;
pub use channelback::{ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse};
pub use clickthrough::ClickthroughRequest;
pub use decode::{
    from_reader, from_slice, from_str, from_str_inspected, DecodeCategory, DecodeError, Inspect,
};
pub use display_data::{DisplayData, NotAnObject};
pub use event_callback::{
    ChannelbackData, DeactivatedBy, DeactivationData, DuplicateExternalId, Event, EventBatch,
    EventData, ExtraMembers, IdentityAuthor, InstanceData, IntegrationData, KnownEvent,
    KnownResourceEvent, MalformedEvent, PullRequestData, RawEvent, ResourceEvent,
    ResourceEventType, ResourcesCreatedData, UserIdentityData,
};
pub use fields::fields_of;
#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
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
pub use validation::validate::{Validate, ValidateWith};
pub use validation::violation::{LengthUnit, Violation, ViolationKind};

/// The date-time library of `created_at`, re-exported so that versions match.
pub use chrono;
/// The JSON library of `display_info.data` and field values, re-exported so that versions match.
pub use serde_json;

#[doc(hidden)]
pub mod __private {
    pub use crate::validation::private::*;
}
