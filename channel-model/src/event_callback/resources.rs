//! `resources_created_from_external_ids`: the tickets and comments Zendesk made of pushed or
//! pulled resources, and how a push finds its own.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::extra::{inspect_extra, keep_extra, open, Open};
use super::{typed, Event, EventData, ExtraMembers, MalformedEvent};
use crate::{
    CustomError, ExternalResource, Inspect, Location, PathSegment, PushRequest, Validate,
    ValidateWith, ValidationErrors, ViolationKind,
};

/// The `data` of `resources_created_from_external_ids`.
///
/// | field | rule |
/// |---|---|
/// | `request_id` | required key: the `request_id` of the push (or pull) that carried the resources |
/// | `resource_events` | required key, a list; each with `type_id`, `external_id`, `comment_id`, `ticket_id`, and each valid (see [`ResourceEvent`]) |
///
/// Source: the schema `event_callback_resources_created_from_external_ids.json` (`required`).
///
/// Each resource event is decoded on its own: one that does not fit is kept as it came
/// ([`ResourceEvent::Malformed`]), and reported by [`validate`](Validate::validate) at the
/// value that does not fit (code `event_data`), while the others are still typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct ResourcesCreatedData {
    /// The `request_id` of the push (or pull) that carried the resources.
    pub request_id: String,
    /// What each resource became, in the order Zendesk sent them.
    #[validate(nested)]
    pub resource_events: Vec<ResourceEvent>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// What one resource became, a comment on a ticket: a resource event that fits its type.
///
/// | field | rule |
/// |---|---|
/// | `type_id` | required key; see [`ResourceEventType`] |
/// | `external_id` | required key |
/// | `comment_id`, `ticket_id` | required keys; integers |
/// | `follow_up_ticket_id` | required key of `comment_on_follow_up_ticket`, absent from the other documented types (code `follow_up_ticket_id`); not checked for a type this crate does not know |
///
/// Source: the schema `event_callback_resources_created_from_external_ids.json` (its
/// definitions of the four event types, one per `type_id`: only
/// `comment_on_new_follow_up_ticket` has `follow_up_ticket_id`, and requires it).
///
/// Decoding takes `follow_up_ticket_id` with any type, or without it;
/// [`validate`](Validate::validate) reports it where it does not belong, at its own pointer,
/// and where it lacks, at the resource event that lacks it (as a decoder reports a missing key:
/// a violation's pointer always leads to a value that is there):
///
/// ```
/// use channel_model::{KnownResourceEvent, Validate};
///
/// let follow_up: KnownResourceEvent = serde_json::from_str(r#"{"type_id":
///     "comment_on_follow_up_ticket", "external_id": "msg-1", "comment_id": 1, "ticket_id": 2}"#)
///     .unwrap();
/// let errors = follow_up.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "a `comment_on_follow_up_ticket` must have a `follow_up_ticket_id`"
/// );
///
/// let new: KnownResourceEvent = serde_json::from_str(r#"{"type_id": "comment_on_new_ticket",
///     "external_id": "msg-2", "comment_id": 3, "ticket_id": 4, "follow_up_ticket_id": 5}"#)
///     .unwrap();
/// let errors = new.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "/follow_up_ticket_id: must be absent: only a `comment_on_follow_up_ticket` has a \
///      follow-up ticket"
/// );
/// assert_eq!(errors.iter().next().unwrap().code(), "follow_up_ticket_id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownResourceEvent {
    /// What happened.
    pub type_id: ResourceEventType,
    /// The resource's `external_id`, as pushed.
    pub external_id: String,
    /// The comment the resource became.
    pub comment_id: u64,
    /// The ticket that holds the comment.
    pub ticket_id: u64,
    /// The follow-up ticket, for `comment_on_follow_up_ticket`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_ticket_id: Option<u64>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// One item of `resource_events`: what one resource became, when it fits its type, or the
/// item kept as it came.
///
/// Like an [`Event`] of a batch, each resource event is decoded on its own, and never fails:
/// one that is not an object, has no `type_id` string, or lacks a member or has one of the
/// wrong type (a `ticket_id` of `null`, a `comment_id` missing) is kept as its JSON text, and
/// serializes back to it, while the others are typed. A `type_id` this crate does not know is
/// not a misfit: see [`ResourceEventType::Other`].
///
/// ```
/// use channel_model::{ResourceEvent, Validate};
///
/// let data: channel_model::ResourcesCreatedData = serde_json::from_str(r#"{
///     "request_id": "push-7", "resource_events": [
///         {"type_id": "comment_on_new_ticket", "external_id": "msg-1",
///          "comment_id": 101, "ticket_id": 201},
///         {"type_id": "comment_on_new_ticket", "external_id": "msg-2", "ticket_id": null}
///     ]}"#).unwrap();
/// assert_eq!(data.resource_events[0].known().unwrap().ticket_id, 201);
/// let ResourceEvent::Malformed(odd) = &data.resource_events[1] else { unreachable!() };
/// assert_eq!(odd.path().to_string(), "/ticket_id");
/// assert_eq!(
///     data.validate().unwrap_err().to_string(),
///     "/resource_events/1/ticket_id: does not fit the event type its `type_id` names: \
///      invalid type: null, expected u64"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ResourceEvent {
    /// A resource event whose members fit its type.
    Known(KnownResourceEvent),
    /// A resource event that is not an object, has no `type_id` string, or whose members do
    /// not fit its type.
    Malformed(MalformedEvent),
}

impl ResourceEvent {
    /// The resource event's `type_id`, when it has one.
    pub fn type_id(&self) -> Option<&str> {
        match self {
            ResourceEvent::Known(known) => Some(known.type_id.as_str()),
            ResourceEvent::Malformed(malformed) => malformed.event().type_id(),
        }
    }

    /// The resource event, when it fits its type.
    pub fn known(&self) -> Option<&KnownResourceEvent> {
        match self {
            ResourceEvent::Known(known) => Some(known),
            ResourceEvent::Malformed(_) => None,
        }
    }

    /// The resource event that the JSON text `json` holds: known when its members fit its
    /// type, malformed otherwise. Members the schema does not list are kept in its
    /// [`extra`](KnownResourceEvent::extra).
    pub fn from_raw(json: Box<RawValue>) -> Self {
        let (json, _, type_id) = match typed(json) {
            Ok(typed) => typed,
            Err(malformed) => return ResourceEvent::Malformed(malformed),
        };
        match crate::from_str::<KnownResourceEvent>(json.get()) {
            Ok(mut known) => {
                keep_extra(&mut known, &json);
                ResourceEvent::Known(known)
            }
            Err(error) => ResourceEvent::Malformed(MalformedEvent::misfit(json, type_id, &error)),
        }
    }
}

/// Reads the resource event's JSON text once, whole, then types it if it fits: see
/// [`from_raw`](ResourceEvent::from_raw).
impl<'de> Deserialize<'de> for ResourceEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(ResourceEvent::from_raw)
    }
}

/// A known resource event's rule is checked in place; a malformed one is reported as
/// [`MalformedEvent`] says.
impl Validate for ResourceEvent {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        match self {
            ResourceEvent::Known(known) => known.validate_into(location, errors),
            ResourceEvent::Malformed(malformed) => malformed.validate_into(location, errors),
        }
    }
}

/// A resource event has no context: it is validated alike in a type with any.
impl<C: ?Sized> ValidateWith<C> for ResourceEvent {
    fn validate_with_into(&self, _: &C, location: &Location<'_>, errors: &mut ValidationErrors) {
        self.validate_into(location, errors);
    }
}

/// The `type_id` of a [`KnownResourceEvent`]. A type Zendesk adds later is kept as
/// [`Other`](Self::Other), so that one new kind does not hide the rest of the event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ResourceEventType {
    /// The resource started a new ticket (`comment_on_new_ticket`).
    CommentOnNewTicket,
    /// The resource was added to a ticket that existed (`comment_on_existing_ticket`).
    CommentOnExistingTicket,
    /// The resource started a follow-up of a closed ticket (`comment_on_follow_up_ticket`).
    CommentOnFollowUpTicket,
    /// The resource is the one a channelback answered with
    /// (`external_id_associated_with_channelback`).
    ExternalIdAssociatedWithChannelback,
    /// A type this crate does not know, as Zendesk wrote it.
    Other(String),
}

impl ResourceEventType {
    const KNOWN: [(&'static str, ResourceEventType); 4] = [
        (
            "comment_on_new_ticket",
            ResourceEventType::CommentOnNewTicket,
        ),
        (
            "comment_on_existing_ticket",
            ResourceEventType::CommentOnExistingTicket,
        ),
        (
            "comment_on_follow_up_ticket",
            ResourceEventType::CommentOnFollowUpTicket,
        ),
        (
            "external_id_associated_with_channelback",
            ResourceEventType::ExternalIdAssociatedWithChannelback,
        ),
    ];

    /// The type as on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ResourceEventType::Other(other) => other,
            known => Self::KNOWN
                .iter()
                .find(|(_, kind)| kind == known)
                .map_or("", |(name, _)| name),
        }
    }
}

impl From<String> for ResourceEventType {
    fn from(name: String) -> Self {
        Self::KNOWN
            .iter()
            .find(|(known, _)| *known == name)
            .map_or(ResourceEventType::Other(name), |(_, kind)| kind.clone())
    }
}

impl From<ResourceEventType> for String {
    fn from(kind: ResourceEventType) -> Self {
        match kind {
            ResourceEventType::Other(other) => other,
            known => known.as_str().to_owned(),
        }
    }
}

open!(KnownResourceEvent);

/// `follow_up_ticket_id` against `type_id`: the one rule of a resource event.
impl Validate for KnownResourceEvent {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        let field = location.field("follow_up_ticket_id");
        let (at, message) = match (&self.type_id, self.follow_up_ticket_id) {
            (ResourceEventType::CommentOnFollowUpTicket, None) => (location, LACKS_FOLLOW_UP),
            (ResourceEventType::Other(_) | ResourceEventType::CommentOnFollowUpTicket, _)
            | (_, None) => return,
            (_, Some(_)) => (&field, NOT_A_FOLLOW_UP),
        };
        let error = CustomError::new("follow_up_ticket_id", message);
        errors.add(at, ViolationKind::Custom(error));
    }
}

const LACKS_FOLLOW_UP: &str = "a `comment_on_follow_up_ticket` must have a `follow_up_ticket_id`";
const NOT_A_FOLLOW_UP: &str =
    "must be absent: only a `comment_on_follow_up_ticket` has a follow-up ticket";

/// A resource event has no context: it is validated alike in a type with any.
impl<C: ?Sized> ValidateWith<C> for KnownResourceEvent {
    fn validate_with_into(&self, _: &C, location: &Location<'_>, errors: &mut ValidationErrors) {
        self.validate_into(location, errors);
    }
}

impl Open for ResourcesCreatedData {
    fn extra_members(&self) -> &ExtraMembers {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut ExtraMembers {
        &mut self.extra
    }

    // Each resource event keeps its own members as it is decoded.

    /// Tells of what the known resource events keep; a malformed one is kept whole.
    fn inspect_nested(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        at.push(PathSegment::Key("resource_events".into()));
        for (index, item) in self.resource_events.iter().enumerate() {
            if let ResourceEvent::Known(known) = item {
                at.push(PathSegment::Index(index));
                inspect_extra(known, at, inspect);
                at.pop();
            }
        }
        at.pop();
    }
}

impl PushRequest {
    /// What the resources of this push became, from the `resources_created_from_external_ids`
    /// events among `events`: each pushed resource paired with its [`KnownResourceEvent`], in
    /// the order of the events.
    ///
    /// Zendesk names the push by its `request_id`, so a push without one is never matched;
    /// the events may come in several batches, and batches hold other events too. A resource
    /// event whose `external_id` is not in this push is skipped, and so is a malformed one
    /// ([`ResourceEvent::Malformed`], which validation reports): the others of its event are
    /// still paired.
    ///
    /// ```
    /// use channel_model::chrono::{TimeZone, Utc};
    /// use channel_model::{Author, EventBatch, ExternalResource, PushRequest};
    ///
    /// let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
    /// let message = ExternalResource::new("msg-1", "Hello", created_at, Author::new("user-1"));
    /// let push = PushRequest::new("acct-1", [message]).with_request_id("push-7");
    ///
    /// let batch: EventBatch = serde_json::from_str(r#"{"events": [{
    ///     "type_id": "resources_created_from_external_ids",
    ///     "timestamp": "2015-09-08T22:48:10Z",
    ///     "subdomain": "example",
    ///     "integration_name": "Example Chat",
    ///     "integration_id": "com.example.chat",
    ///     "data": {"request_id": "push-7", "resource_events": [{
    ///         "type_id": "comment_on_new_ticket",
    ///         "external_id": "msg-1", "comment_id": 111, "ticket_id": 222
    ///     }]}
    /// }]}"#).unwrap();
    ///
    /// let created = push.created_resources(&batch.events);
    /// assert_eq!(created.len(), 1);
    /// let (resource, event) = created[0];
    /// assert_eq!((resource.external_id.as_str(), event.ticket_id), ("msg-1", 222));
    /// ```
    pub fn created_resources<'a>(
        &'a self,
        events: impl IntoIterator<Item = &'a Event>,
    ) -> Vec<(&'a ExternalResource, &'a KnownResourceEvent)> {
        let Some(request_id) = self.request_id.as_deref() else {
            return Vec::new();
        };
        events
            .into_iter()
            .filter_map(|event| match event.data() {
                Some(EventData::ResourcesCreatedFromExternalIds(data))
                    if data.request_id == request_id =>
                {
                    Some(&data.resource_events)
                }
                _ => None,
            })
            .flatten()
            .filter_map(ResourceEvent::known)
            .filter_map(|created| {
                self.external_resources
                    .iter()
                    .find(|resource| resource.external_id == created.external_id)
                    .map(|resource| (resource, created))
            })
            .collect()
    }
}
