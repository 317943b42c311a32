//! Event callbacks: what Zendesk posts (JSON) to the manifest's `event_callback_url` when
//! something happens to the integration, its instances, or what it pushed.
//!
//! A body is an [`EventBatch`]; each of its [`Event`]s is decoded on its own, so that an event
//! of a type Zendesk added later, or one whose fields do not fit its type, is kept as it came
//! ([`Event::Unknown`], [`Event::Malformed`]) and the others are still typed.

mod data;
mod resources;

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::redact;
use crate::{CustomError, Location, Validate, ValidateWith, ValidationErrors, ViolationKind};

pub use data::{
    ChannelbackData, DeactivatedBy, DeactivationData, DuplicateExternalId, EventData,
    IdentityAuthor, InstanceData, IntegrationData, PullRequestData, UserIdentityData,
};
pub use resources::{ResourceEvent, ResourceEventType, ResourcesCreatedData};

/// The body Zendesk posts to the `event_callback_url`: `{"events": [...]}`.
///
/// | field | rule | source |
/// |---|---|---|
/// | `events` | required key; each event typed by its `type_id` (see [`Event`]) | event callback docs; schema `event_callback_any.json` |
///
/// Decoding fails only when the body is not JSON or has no `events` list; every item of the
/// list is kept. Validating reports the events that do not fit their type, at their index
/// (code `event_data`), and the rules of the typed ones (`manifest_url` and `url` are https
/// URLs).
///
/// ```
/// use channel_model::{Event, EventBatch, EventData, Validate};
///
/// let body = r#"{"events": [
///   {"type_id": "create_integration_instance", "timestamp": "2015-09-08T22:48:09Z",
///    "subdomain": "example", "integration_name": "Example Chat",
///    "integration_id": "com.example.chat", "data": {"metadata": "{\"account\":\"a-1\"}"}},
///   {"type_id": "instance_renamed", "timestamp": "2015-09-08T22:48:10Z",
///    "subdomain": "example", "integration_name": "Example Chat",
///    "integration_id": "com.example.chat", "data": {"name": "Support"}}
/// ]}"#;
/// let batch: EventBatch = serde_json::from_str(body).unwrap();
/// assert!(batch.validate().is_ok());
///
/// match batch.events[0].data() {
///     Some(EventData::CreateIntegrationInstance(data)) => {
///         assert_eq!(data.metadata.as_str(), r#"{"account":"a-1"}"#);
///     }
///     other => panic!("{other:?}"),
/// }
/// // A type Zendesk added later is kept as it came.
/// assert!(matches!(batch.events[1], Event::Unknown(_)));
/// assert_eq!(batch.events[1].type_id(), Some("instance_renamed"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct EventBatch {
    /// The events, in the order Zendesk sent them.
    #[validate(nested)]
    pub events: Vec<Event>,
}

/// One event of an [`EventBatch`].
///
/// On the wire an event is an object with `type_id`, `timestamp`, `subdomain`,
/// `integration_name`, `integration_id`, an optional `error`, and `data`, whose shape
/// depends on `type_id`. Decoding never fails on an event: what does not fit is kept, as it
/// came, and serializes back to the same JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Event {
    /// An event of a documented type whose fields fit it.
    Known(KnownEvent),
    /// An event whose `type_id` is not one this crate knows: Zendesk adds types over time.
    Unknown(RawEvent),
    /// An event with no `type_id`, or of a documented type whose fields do not fit it (a
    /// missing key, a wrong type, a `timestamp` that is not RFC 3339).
    Malformed(RawEvent),
}

impl Event {
    /// The event's `type_id`, when it has one.
    pub fn type_id(&self) -> Option<&str> {
        match self {
            Event::Known(event) => Some(event.data.type_id()),
            Event::Unknown(raw) | Event::Malformed(raw) => raw.type_id(),
        }
    }

    /// The typed data of a known event.
    pub fn data(&self) -> Option<&EventData> {
        match self {
            Event::Known(event) => Some(&event.data),
            Event::Unknown(_) | Event::Malformed(_) => None,
        }
    }

    /// The event that `value` holds: known when its `type_id` is documented and its fields
    /// fit, unknown when its `type_id` is another string, malformed otherwise.
    pub fn from_value(value: Value) -> Self {
        let type_id = value.get("type_id").and_then(Value::as_str);
        match type_id {
            Some(type_id) if !EventData::is_known_type(type_id) => Event::Unknown(RawEvent(value)),
            None => Event::Malformed(RawEvent(value)),
            Some(_) => match KnownEvent::deserialize(&value) {
                Ok(event) => Event::Known(event),
                Err(_) => Event::Malformed(RawEvent(value)),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Event::from_value)
    }
}

/// A known event's rules are checked in place; a malformed one is reported at its index with
/// the code `event_data`; an unknown one has no rules.
impl Validate for Event {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        match self {
            Event::Known(event) => event.validate_into(location, errors),
            Event::Unknown(_) => {}
            Event::Malformed(_) => {
                let error = CustomError::new(
                    "event_data",
                    "does not fit the event type its `type_id` names (a missing or mistyped field)",
                );
                errors.add(location, ViolationKind::Custom(error));
            }
        }
    }
}

/// An event has no context: it is validated alike in a type with any.
impl<C: ?Sized> ValidateWith<C> for Event {
    fn validate_with_into(&self, _: &C, location: &Location<'_>, errors: &mut ValidationErrors) {
        self.validate_into(location, errors);
    }
}

/// An event of a documented type, with its `data` typed.
///
/// | field | rule | source |
/// |---|---|---|
/// | `type_id`, `data` | required keys; see [`EventData`] | schema `event_callback_base.json` (`required`) |
/// | `timestamp` | required key; RFC 3339 on input (as `created_at`), sent in UTC with `Z` | schema `event_callback_base.json` (`required`) |
/// | `subdomain`, `integration_name`, `integration_id` | required keys | schema `event_callback_base.json` (`required`) |
/// | `error` | optional | schema `event_callback_base.json` |
///
/// Keys that Zendesk's schemas do not list are not kept.
#[derive(Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct KnownEvent {
    /// When it happened.
    #[serde(with = "crate::rfc3339")]
    pub timestamp: DateTime<Utc>,
    /// The Zendesk account's subdomain (`example` for `example.zendesk.com`).
    pub subdomain: String,
    /// The integration's name, from its manifest.
    pub integration_name: String,
    /// The integration's id, from its manifest.
    pub integration_id: String,
    /// What went wrong, for events about a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The `type_id` and the `data` typed by it.
    #[serde(flatten)]
    #[validate(nested)]
    pub data: EventData,
}

/// Shows the error's length, not its text, which may quote the origin service.
impl fmt::Debug for KnownEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KnownEvent")
            .field("timestamp", &self.timestamp)
            .field("subdomain", &self.subdomain)
            .field("integration_name", &self.integration_name)
            .field("integration_id", &self.integration_id)
            .field("error", &redact::chars(self.error.as_deref()))
            .field("data", &self.data)
            .finish()
    }
}

/// An event kept as Zendesk sent it: any JSON value, usually an object.
#[derive(Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RawEvent(Value);

impl RawEvent {
    /// The event's `type_id`, when it is a string.
    pub fn type_id(&self) -> Option<&str> {
        self.0.get("type_id").and_then(Value::as_str)
    }

    /// The event's `data`, when it has one.
    pub fn data(&self) -> Option<&Value> {
        self.0.get("data")
    }

    /// The whole event.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The whole event, owned.
    pub fn into_value(self) -> Value {
        self.0
    }
}

/// Shows the `type_id` and the names of the members, never their values.
impl fmt::Debug for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = match &self.0 {
            Value::Object(members) => members.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        f.debug_struct("RawEvent")
            .field("type_id", &self.type_id())
            .field("keys", &keys)
            .finish()
    }
}
