//! The body of an event callback: its events, and the keys Zendesk adds beside them.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::{Event, ExtraMembers};
use crate::decode::DUPLICATE_KEY;
use crate::{DecodeCategory, Validate};

/// The body Zendesk posts to the `event_callback_url`: `{"events": [...]}`.
///
/// | field | rule | source |
/// |---|---|---|
/// | `events` | required key; each event typed by its `type_id` (see [`Event`]) | event callback docs; schema `event_callback_any.json` |
/// | other keys | none: kept in [`extra`](Self::extra) as they came | Zendesk adds members over time |
///
/// Decoding fails only when the body is not JSON or has no `events` list; every item of the
/// list is kept. Validating reports each event that does not fit its type at the value that
/// does not fit (code `event_data`, e.g. `/events/3/data/manifest_url`), and the rules of the
/// typed ones (`manifest_url` and `url` are absolute https URLs; a resource event's
/// `follow_up_ticket_id` is where its `type_id` says, see [`ResourceEvent`](crate::ResourceEvent)).
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
///
/// Keys of the body other than `events` are kept, and written back, as they came; a batch
/// built in Rust starts with none ([`new`](Self::new), [`Default`]):
///
/// ```
/// use channel_model::EventBatch;
///
/// let batch: EventBatch = serde_json::from_str(r#"{"events": [], "more": 1}"#).unwrap();
/// assert_eq!(batch.extra.get("more").unwrap().get(), "1");
/// assert_eq!(serde_json::to_string(&batch).unwrap(), r#"{"events":[],"more":1}"#);
///
/// let built = EventBatch::new([]);
/// assert!(built.extra.is_empty());
/// assert_eq!(built, EventBatch::default());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Validate)]
pub struct EventBatch {
    /// The events, in the order Zendesk sent them.
    #[validate(nested)]
    pub events: Vec<Event>,
    /// The body's keys other than `events`, and their values, as they came.
    #[serde(flatten)]
    pub extra: ExtraMembers,
}

impl EventBatch {
    /// A batch of `events`, with no other keys.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        EventBatch {
            events: events.into_iter().collect(),
            extra: ExtraMembers::default(),
        }
    }
}

/// Reads `events` as a list of [`Event`]s, and keeps every other key, whatever its value, in
/// [`extra`](EventBatch::extra). A body without `events`, or with it twice, does not decode.
impl<'de> Deserialize<'de> for EventBatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Body;

        impl<'de> Visitor<'de> for Body {
            type Value = EventBatch;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event callback body: a JSON object with an `events` list")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventBatch, A::Error> {
                let mut events = None;
                let mut extra = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key != EVENTS {
                        extra.push((key, map.next_value::<Kept>()?.0));
                    } else if events.is_some() {
                        return Err(de::Error::duplicate_field(EVENTS));
                    } else {
                        events = Some(map.next_value()?);
                    }
                }
                Ok(EventBatch {
                    events: events.ok_or_else(|| de::Error::missing_field(EVENTS))?,
                    extra: ExtraMembers::from_members(extra),
                })
            }
        }

        // As a struct, so that a decoder that watches for keys a type does not know is told
        // of the kept ones.
        deserializer.deserialize_struct("EventBatch", &[EVENTS], Body)
    }
}

const EVENTS: &str = "events";

/// The value of one of the batch's other keys, kept as the JSON text it came as. A decoder
/// does not read kept text, so its objects are checked here for a key given twice (reported
/// at the batch's key, as in other free-form data). Nothing else in it is refused: its
/// numbers are kept exactly, whatever their size.
struct Kept(Box<RawValue>);

impl<'de> Deserialize<'de> for Kept {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Box::<RawValue>::deserialize(deserializer)?;
        match crate::from_str::<IgnoredAny>(json.get()) {
            Err(error) if error.category() == DecodeCategory::DuplicateKey => {
                Err(de::Error::custom(DUPLICATE_KEY))
            }
            _ => Ok(Kept(json)),
        }
    }
}
