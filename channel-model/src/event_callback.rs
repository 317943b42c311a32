//! Event callbacks: what Zendesk posts (JSON) to the manifest's `event_callback_url` when
//! something happens to the integration, its instances, or what it pushed.
//!
//! A body is an [`EventBatch`]; each of its [`Event`]s is decoded on its own, so that an event
//! of a type Zendesk added later, or one whose fields do not fit its type, is kept as it came
//! ([`Event::Unknown`], [`Event::Malformed`]) and the others are still typed. The resource
//! events of a `resources_created_from_external_ids` event are decoded one by one in the same
//! way ([`ResourceEvent`]).

mod batch;
mod data;
mod extra;
mod resources;

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::redact;
use crate::{
    CustomError, DecodeCategory, Inspect, Location, Path, PathSegment, Validate, ValidateWith,
    ValidationErrors, Violation, ViolationKind,
};
use extra::{inspect_extra, keep_extra, Members, Open};

pub use batch::EventBatch;
pub use data::{
    ChannelbackData, DeactivatedBy, DeactivationData, DuplicateExternalId, EventData,
    IdentityAuthor, InstanceData, IntegrationData, PullRequestData, UserIdentityData,
};
pub use extra::ExtraMembers;
pub use resources::{KnownResourceEvent, ResourceEvent, ResourceEventType, ResourcesCreatedData};

/// One event of an [`EventBatch`].
///
/// On the wire an event is an object with `type_id`, `timestamp`, `subdomain`,
/// `integration_name`, `integration_id`, an optional `error`, and `data`, whose shape
/// depends on `type_id`. Decoding never fails on an event: what does not fit is kept as the
/// JSON text it came as, and serializes back to it; a known event keeps, in its `extra`
/// members, what its types do not hold, so that it serializes back to the same JSON in meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Event {
    /// An event of a documented type whose fields fit it.
    Known(KnownEvent),
    /// An event whose `type_id` is not one this crate knows: Zendesk adds types over time.
    Unknown(RawEvent),
    /// An event with no `type_id`, of a documented type whose fields do not fit it (a
    /// missing key, a wrong type, a `timestamp` that is not RFC 3339), or of another type
    /// that repeats a key in one of its objects.
    Malformed(MalformedEvent),
}

impl Event {
    /// The event's `type_id`, when it has one.
    pub fn type_id(&self) -> Option<&str> {
        match self {
            Event::Known(event) => Some(event.data.type_id()),
            Event::Unknown(raw) => raw.type_id(),
            Event::Malformed(malformed) => malformed.event.type_id(),
        }
    }

    /// The typed data of a known event.
    pub fn data(&self) -> Option<&EventData> {
        match self {
            Event::Known(event) => Some(&event.data),
            Event::Unknown(_) | Event::Malformed(_) => None,
        }
    }

    /// Tells `inspect` what a known event keeps in its `extra` members (and those of its
    /// data) that Zendesk's schemas do not have, as [`from_str_inspected`] tells of what a
    /// decode ignores: each `null` given to a field, at the field's path
    /// ([`null`](Inspect::null)), and each key the schemas do not list, with the object's path
    /// and its fields ([`unknown_key`](Inspect::unknown_key)). `at` is the event's own path
    /// (`/events/3`); the paths told are below it. Each object's members are told in the
    /// order they came, before those of the objects inside it. An unknown or malformed event
    /// tells nothing: it is kept whole.
    ///
    /// A batch decoded with [`from_str_inspected`] tells of its own keys beside `events`
    /// as it decodes, but not of what is inside its events, which are read whole first.
    ///
    /// [`from_str_inspected`]: crate::from_str_inspected
    ///
    /// ```
    /// use channel_model::{Event, Inspect, Path, PathSegment};
    ///
    /// #[derive(Default)]
    /// struct Notes(Vec<String>);
    ///
    /// impl Inspect for Notes {
    ///     fn null(&mut self, path: &[PathSegment]) {
    ///         self.0.push(format!("null at {}", Path::from(path.to_vec())));
    ///     }
    ///     fn unknown_key(&mut self, path: &[PathSegment], key: &str, _: &'static [&'static str]) {
    ///         self.0.push(format!("unknown key {key} in {}", Path::from(path.to_vec())));
    ///     }
    /// }
    ///
    /// let event: Event = serde_json::from_str(r#"{"type_id": "channelback",
    ///     "timestamp": "2016-03-01T09:15:00Z", "subdomain": "example",
    ///     "integration_name": "Example Chat", "integration_id": "com.example.chat",
    ///     "error": null, "data": {"integration_instance_name": "Support",
    ///     "url": "https://chat.example.com/channelback", "request_id": "cb-1", "region": "eu"}}"#)
    ///     .unwrap();
    /// let mut notes = Notes::default();
    /// event.inspect_extra(&[PathSegment::Key("events".into()), PathSegment::Index(0)], &mut notes);
    /// assert_eq!(notes.0, ["null at /events/0/error", "unknown key region in /events/0/data"]);
    /// ```
    pub fn inspect_extra(&self, at: &[PathSegment], inspect: &mut dyn Inspect) {
        if let Event::Known(event) = self {
            inspect_extra(event, &mut at.to_vec(), inspect);
        }
    }

    /// The event that `value` holds, read as [`from_raw`](Self::from_raw) reads its text. A
    /// [`Value`] holds a number as an `f64` (or a 64-bit integer): to keep every digit of an
    /// untyped event, decode it from its text.
    pub fn from_value(value: Value) -> Self {
        let json = serde_json::value::to_raw_value(&value)
            .unwrap_or_else(|_| unreachable!("a JSON value always serializes"));
        Event::from_raw(json)
    }

    /// The event that the JSON text `json` holds: known when its `type_id` is documented and
    /// its fields fit, unknown when its `type_id` is another string, malformed otherwise.
    ///
    /// ```
    /// use channel_model::serde_json::value::RawValue;
    /// use channel_model::Event;
    ///
    /// let json = r#"{"type_id": 7, "data": {}}"#;
    /// let Event::Malformed(event) = Event::from_raw(RawValue::from_string(json.into()).unwrap())
    /// else {
    ///     unreachable!()
    /// };
    /// assert_eq!(event.path().to_string(), "/type_id");
    /// assert_eq!(event.message(), "invalid type: an integer, expected a string");
    /// ```
    pub fn from_raw(json: Box<RawValue>) -> Self {
        let (json, members, type_id) = match typed(json) {
            Ok(typed) => typed,
            Err(malformed) => return Event::Malformed(malformed),
        };
        if !EventData::is_known_type(&type_id) {
            // Kept whole, unread by any type: a key repeated in it is refused here. Nothing
            // else is: its numbers are kept exactly, whatever their size.
            return match crate::from_str::<Unread>(json.get()) {
                Err(error) if error.category() == DecodeCategory::DuplicateKey => {
                    let event = RawEvent::new(json, Some(type_id));
                    let path = error.path().clone();
                    Event::Malformed(MalformedEvent::new(
                        event,
                        Misfit::RepeatsAKey,
                        path,
                        error.message(),
                    ))
                }
                _ => Event::Unknown(RawEvent::new(json, Some(type_id))),
            };
        }
        match KnownEvent::decode(&type_id, &json, &members) {
            Ok(known) => Event::Known(known),
            Err(error) => Event::Malformed(MalformedEvent::misfit(json, type_id, &error)),
        }
    }
}

/// The JSON text of an event (or a resource event), its members and its `type_id`; or, when
/// it is not an object or has no `type_id` string, the event kept as it came, malformed.
fn typed(json: Box<RawValue>) -> Result<(Box<RawValue>, Members, String), MalformedEvent> {
    let Some(members) = Members::of(&json) else {
        let event = RawEvent::new(json, None);
        let misfit = Misfit::NotAnObject;
        return Err(MalformedEvent::new(
            event,
            misfit,
            Path::root(),
            NOT_AN_OBJECT,
        ));
    };
    let type_id = match members.get("type_id") {
        None => Err((Misfit::NoTypeId, Path::root(), NO_TYPE_ID.to_owned())),
        Some(type_id) => crate::from_str::<String>(type_id.get()).map_err(|error| {
            let path = Path::from(vec![PathSegment::Key("type_id".into())]);
            (Misfit::TypeIdNotAString, path, error.message().to_owned())
        }),
    };
    match type_id {
        Ok(type_id) => Ok((json, members, type_id)),
        Err((misfit, path, message)) => {
            let event = RawEvent::new(json, None);
            Err(MalformedEvent::new(event, misfit, path, message))
        }
    }
}

/// An object read for its keys alone: as a struct that knows none of them, so that the
/// decoder compares them, and those of every object in their values, and names the key
/// where one repeats.
struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;

        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = Unread;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Unread, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Unread)
            }
        }

        deserializer.deserialize_struct("Event", &[], Keys)
    }
}

const NOT_AN_OBJECT: &str = "an event must be a JSON object";
const NO_TYPE_ID: &str = "an event must have a `type_id`, the name of its type";

/// Reads the event's JSON text once, whole, then types what it can: see
/// [`from_raw`](Event::from_raw).
impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Event::from_raw)
    }
}

/// A known event's rules are checked in place; a malformed one is reported as
/// [`MalformedEvent`] says; an unknown one has no rules.
impl Validate for Event {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        match self {
            Event::Known(event) => event.validate_into(location, errors),
            Event::Unknown(_) => {}
            Event::Malformed(malformed) => malformed.validate_into(location, errors),
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
/// Keys that Zendesk's schemas do not list, and a `null` where they have a value (an `error`
/// of `null`), are kept in [`extra`](Self::extra) (and in the `extra` of each data type), so
/// that the event serializes back to what Zendesk sent.
#[derive(Clone, PartialEq, Serialize, Validate)]
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
    /// The event's keys that Zendesk's schemas do not list, and `null`s where they have a
    /// value.
    #[serde(flatten)]
    pub extra: ExtraMembers,
}

/// The members of a known event other than `type_id` and `data`, as on the wire; those two
/// are read past, so that the keys it reads are all of an event's.
#[derive(Deserialize)]
struct Header {
    #[serde(with = "crate::rfc3339")]
    timestamp: DateTime<Utc>,
    subdomain: String,
    integration_name: String,
    integration_id: String,
    error: Option<String>,
    #[serde(default, rename = "type_id")]
    _type_id: IgnoredAny,
    #[serde(default, rename = "data")]
    _data: IgnoredAny,
}

impl KnownEvent {
    /// The event of the documented `type_id` that `json` (with `members`) holds, or where
    /// and why it does not fit.
    fn decode(
        type_id: &str,
        json: &RawValue,
        members: &Members,
    ) -> Result<Self, crate::DecodeError> {
        let header: Header = crate::from_str(json.get())?;
        // `type_id` first, so that the data is read straight into its type and a problem in
        // it is found at its own pointer below `/data`.
        let tagged = match members.get("data") {
            Some(data) => format!(r#"{{"type_id":"{type_id}","data":{}}}"#, data.get()),
            None => format!(r#"{{"type_id":"{type_id}"}}"#),
        };
        let mut event = KnownEvent {
            timestamp: header.timestamp,
            subdomain: header.subdomain,
            integration_name: header.integration_name,
            integration_id: header.integration_id,
            error: header.error,
            data: crate::from_str(&tagged)?,
            extra: ExtraMembers::default(),
        };
        keep_extra(&mut event, json);
        Ok(event)
    }
}

impl Open for KnownEvent {
    fn extra_members(&self) -> &ExtraMembers {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut ExtraMembers {
        &mut self.extra
    }

    fn keep_nested(&mut self, members: &Members) {
        if let Some(data) = members.get("data") {
            self.data.keep_extra(data);
        }
    }

    /// A known event decodes through [`Event`]: its keys are those of its [`Header`].
    fn fields() -> &'static [&'static str] {
        crate::fields_of::<Header>()
    }

    fn inspect_nested(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        at.push(PathSegment::Key("data".into()));
        self.data.inspect_extra(at, inspect);
        at.pop();
    }
}

/// Decodes an [`Event`] that must be known: one that is not fails, naming where it does not
/// fit, never the value.
impl<'de> Deserialize<'de> for KnownEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Event::deserialize(deserializer)? {
            Event::Known(event) => Ok(event),
            Event::Unknown(_) => Err(serde::de::Error::custom(
                "the event's `type_id` is not a documented one",
            )),
            Event::Malformed(malformed) => Err(serde::de::Error::custom(malformed)),
        }
    }
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
            .field("extra", &self.extra)
            .finish()
    }
}

/// An event (or a [`ResourceEvent`]) kept as the JSON text Zendesk sent: any JSON value,
/// usually an object. Numbers keep all their digits, however many.
#[derive(Clone)]
pub struct RawEvent {
    json: Box<RawValue>,
    type_id: Option<String>,
}

impl RawEvent {
    fn new(json: Box<RawValue>, type_id: Option<String>) -> Self {
        RawEvent { json, type_id }
    }

    /// The event's `type_id`, when it is a string.
    pub fn type_id(&self) -> Option<&str> {
        self.type_id.as_deref()
    }

    /// The event's `data`, as its JSON text, when it has one.
    pub fn data(&self) -> Option<Box<RawValue>> {
        Members::of(&self.json)?.take("data")
    }

    /// The whole event, as its JSON text.
    pub fn as_raw(&self) -> &RawValue {
        &self.json
    }

    /// The whole event, as its JSON text, owned.
    pub fn into_raw(self) -> Box<RawValue> {
        self.json
    }
}

/// Equal when the JSON texts are.
impl PartialEq for RawEvent {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl Eq for RawEvent {}

/// The JSON text, as it came.
impl Serialize for RawEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// Shows the `type_id` and the names of the members, never their values.
impl fmt::Debug for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members = Members::of(&self.json);
        let keys: Vec<&str> = members.as_ref().map_or_else(Vec::new, Members::keys);
        f.debug_struct("RawEvent")
            .field("type_id", &self.type_id())
            .field("keys", &keys)
            .finish()
    }
}

/// An event that does not fit the type its `type_id` names, kept as it came, with where
/// and why: an [`Event`] of a batch, or a [`ResourceEvent`] of a
/// `resources_created_from_external_ids` event, which is kept in the same way, alone, so that
/// the other resource events of its event are still typed.
///
/// ```
/// use channel_model::{Event, EventBatch};
///
/// let batch: EventBatch = channel_model::from_str(r#"{"events": [{
///     "type_id": "create_integration", "timestamp": "2016-03-01T09:15:00Z",
///     "subdomain": "example", "integration_name": "Example Chat",
///     "integration_id": "com.example.chat", "data": {"manifest_url": 7}
/// }]}"#).unwrap();
/// let Event::Malformed(event) = &batch.events[0] else { unreachable!() };
/// assert_eq!(event.path().to_string(), "/data/manifest_url");
/// assert_eq!(event.message(), "invalid type: an integer, expected a string");
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct MalformedEvent {
    event: RawEvent,
    #[serde(skip)]
    misfit: Misfit,
    #[serde(skip)]
    path: Path,
    #[serde(skip)]
    message: String,
}

impl MalformedEvent {
    fn new(event: RawEvent, misfit: Misfit, path: Path, message: impl Into<String>) -> Self {
        MalformedEvent {
            event,
            misfit,
            path,
            message: message.into(),
        }
    }

    /// The event `json`, of the documented `type_id`, kept with where and why it does not fit
    /// that type.
    fn misfit(json: Box<RawValue>, type_id: String, error: &crate::DecodeError) -> Self {
        let path = error.path().clone();
        let event = RawEvent::new(json, Some(type_id));
        MalformedEvent::new(event, Misfit::DoesNotFit, path, error.message())
    }

    /// The event, as it came.
    pub fn event(&self) -> &RawEvent {
        &self.event
    }

    /// The event, as it came, owned.
    pub fn into_event(self) -> RawEvent {
        self.event
    }

    /// Where in the event the first value that does not fit is, as a JSON Pointer from the
    /// event (`/data/manifest_url`; in a resource event, `/ticket_id`); for a missing key, the
    /// object that lacks it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What does not fit, in words that never quote the value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Which way an event is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Misfit {
    /// The event is not a JSON object.
    NotAnObject,
    /// The event has no `type_id`.
    NoTypeId,
    /// The event's `type_id` is not a string.
    TypeIdNotAString,
    /// The event's `type_id` is a documented type that its other members do not fit.
    DoesNotFit,
    /// The event, of a type this crate does not know, repeats a key.
    RepeatsAKey,
}

/// Reported at the value that does not fit (the event's path joined with
/// [`path`](MalformedEvent::path)), with the code `event_data` and a message that says which
/// way it is malformed: not an object, no `type_id`, a `type_id` that is not a string,
/// members that do not fit the type, or a key repeated.
impl Validate for MalformedEvent {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        let mut path = location.to_path().segments().to_vec();
        path.extend_from_slice(self.path.segments());
        let message = match self.misfit {
            Misfit::NotAnObject | Misfit::NoTypeId | Misfit::RepeatsAKey => self.message.clone(),
            Misfit::TypeIdNotAString => {
                format!("must be a string naming the event's type: {}", self.message)
            }
            Misfit::DoesNotFit => format!(
                "does not fit the event type its `type_id` names: {}",
                self.message
            ),
        };
        let kind = ViolationKind::Custom(CustomError::new("event_data", message));
        errors.push(Violation::new(Path::from(path), kind));
    }
}

/// Where and why, never the value.
impl fmt::Display for MalformedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// The event's `type_id` and keys, where and why it does not fit; never a value.
impl fmt::Debug for MalformedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MalformedEvent")
            .field("event", &self.event)
            .field("path", &self.path.to_string())
            .field("message", &self.message)
            .finish()
    }
}
