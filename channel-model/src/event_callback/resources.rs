//! `resources_created_from_external_ids`: the tickets and comments Zendesk made of pushed or
//! pulled resources, and how a push finds its own.

use serde::{Deserialize, Serialize};

use super::extra::{inspect_extra_of_items, keep_extra_of_items, open, Members, Open};
use super::{Event, EventData, ExtraMembers};
use crate::{
    CustomError, ExternalResource, Inspect, Location, PathSegment, PushRequest, Validate,
    ValidateWith, ValidationErrors, ViolationKind,
};

/// The `data` of `resources_created_from_external_ids`.
///
/// | field | rule |
/// |---|---|
/// | `request_id` | required key: the `request_id` of the push (or pull) that carried the resources |
/// | `resource_events` | required key; each with `type_id`, `external_id`, `comment_id`, `ticket_id`, and each valid (see [`ResourceEvent`]) |
///
/// Source: the schema `event_callback_resources_created_from_external_ids.json` (`required`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct ResourcesCreatedData {
    /// The `request_id` of the push (or pull) that carried the resources.
    pub request_id: String,
    /// What each resource became.
    #[validate(nested)]
    pub resource_events: Vec<ResourceEvent>,
    /// Keys that Zendesk's schemas do not list, kept as they came.
    #[serde(flatten, skip_deserializing)]
    pub extra: ExtraMembers,
}

/// What one resource became: a comment, on a ticket.
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
/// use channel_model::{ResourceEvent, Validate};
///
/// let follow_up: ResourceEvent = serde_json::from_str(r#"{"type_id":
///     "comment_on_follow_up_ticket", "external_id": "msg-1", "comment_id": 1, "ticket_id": 2}"#)
///     .unwrap();
/// let errors = follow_up.validate().unwrap_err();
/// assert_eq!(
///     errors.to_string(),
///     "a `comment_on_follow_up_ticket` must have a `follow_up_ticket_id`"
/// );
///
/// let new: ResourceEvent = serde_json::from_str(r#"{"type_id": "comment_on_new_ticket",
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
pub struct ResourceEvent {
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

/// The `type_id` of a [`ResourceEvent`]. A type Zendesk adds later is kept as
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

open!(ResourceEvent);

/// `follow_up_ticket_id` against `type_id`: the one rule of a resource event.
impl Validate for ResourceEvent {
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
impl<C: ?Sized> ValidateWith<C> for ResourceEvent {
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

    fn keep_nested(&mut self, members: &Members) {
        keep_extra_of_items(&mut self.resource_events, members.get("resource_events"));
    }

    fn inspect_nested(&self, at: &mut Vec<PathSegment>, inspect: &mut dyn Inspect) {
        at.push(PathSegment::Key("resource_events".into()));
        inspect_extra_of_items(&self.resource_events, at, inspect);
        at.pop();
    }
}

impl PushRequest {
    /// What the resources of this push became, from the `resources_created_from_external_ids`
    /// events among `events`: each pushed resource paired with its [`ResourceEvent`], in the
    /// order of the events.
    ///
    /// Zendesk names the push by its `request_id`, so a push without one is never matched;
    /// the events may come in several batches, and batches hold other events too. A resource
    /// event whose `external_id` is not in this push is skipped.
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
    ) -> Vec<(&'a ExternalResource, &'a ResourceEvent)> {
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
            .filter_map(|created| {
                self.external_resources
                    .iter()
                    .find(|resource| resource.external_id == created.external_id)
                    .map(|resource| (resource, created))
            })
            .collect()
    }
}
