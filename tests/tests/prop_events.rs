//! Property tests of event callbacks: batches of every event type, broken in the ways Zendesk's
//! schemas rule out, against an oracle written from those schemas; every event is kept, and
//! what the model does not type serializes back exactly as it came; a known event tells of the
//! keys and `null`s it keeps beyond the schemas.

mod prop_support;

use std::collections::BTreeSet;

use channel_model::{Event, EventBatch, Inspect, Path, PathSegment, Validate};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{json, Value};

use prop_support::oracle::{https_url, relative_https_url};
use prop_support::{created_at, good_url, id, url, words};

/// The documented types, and two that Zendesk might add.
const TYPE_IDS: &[&str] = &[
    "create_integration",
    "destroy_integration",
    "create_integration_instance",
    "activate_integration_instance",
    "deactivate_integration_instance",
    "destroy_integration_instance",
    "destroy_user_identity",
    "pull_request",
    "channelback",
    "resources_created_from_external_ids",
];

/// The types whose data has `metadata`, of at most 5000 characters.
const METADATA_TYPES: &[&str] = &[
    "create_integration_instance",
    "activate_integration_instance",
    "deactivate_integration_instance",
    "destroy_integration_instance",
    "destroy_user_identity",
];

const RESOURCE_EVENT_TYPES: &[&str] = &[
    "comment_on_new_ticket",
    "comment_on_existing_ticket",
    "comment_on_follow_up_ticket",
    "external_id_associated_with_channelback",
];

/// Texts that are not RFC 3339 date-times.
const BAD_TIMESTAMPS: &[&str] = &[
    "2015-09-08 22:48:09Z",
    "2015-09-08T22:48:09",
    "2015-09-08T22:48:09+0200",
    "2015-13-08T22:48:09Z",
    "2015-09-08T24:48:09Z",
    "1441752489",
    "",
];

fn data(type_id: &'static str) -> BoxedStrategy<Value> {
    // `metadata`: at most 5000 characters, a 2-byte one counting as one.
    let text = || {
        prop_oneof![
            4 => words(),
            1 => Just(String::new()),
            1 => prop_oneof![Just("é".repeat(5000)), Just("é".repeat(5001))],
        ]
    };
    match type_id {
        "create_integration" | "destroy_integration" => good_url()
            .prop_map(|url| json!({ "manifest_url": url }))
            .boxed(),
        "create_integration_instance"
        | "activate_integration_instance"
        | "destroy_integration_instance" => text()
            .prop_map(|metadata| json!({ "metadata": metadata }))
            .boxed(),
        "deactivate_integration_instance" => (
            text(),
            prop_oneof![Just("error"), Just("api")],
            option::of(words()),
        )
            .prop_map(|(metadata, by, error)| {
                let mut d = json!({"metadata": metadata, "deactivated_by": by});
                if let Some(error) = error {
                    d["deactivating_error"] = error.into();
                }
                d
            })
            .boxed(),
        "destroy_user_identity" => (words(), option::of(text()))
            .prop_map(|(external_id, metadata)| {
                let mut d = json!({"author": {"external_id": external_id}});
                if let Some(metadata) = metadata {
                    d["metadata"] = metadata.into();
                }
                d
            })
            .boxed(),
        "pull_request" => (
            words(),
            good_url(),
            id(),
            vec(
                (id(), id(), option::of(any::<u64>()), option::of(any::<u64>())),
                0..3,
            ),
        )
            .prop_map(|(name, url, request_id, duplicates)| {
                let duplicates: Vec<Value> = duplicates
                    .into_iter()
                    .map(|(external_id, request_id, ticket, comment)| {
                        let mut d = json!({"external_id": external_id, "request_id": request_id});
                        if let Some(ticket) = ticket {
                            d["ticket_id"] = ticket.into();
                        }
                        if let Some(comment) = comment {
                            d["comment_id"] = comment.into();
                        }
                        d
                    })
                    .collect();
                json!({
                    "integration_instance_name": name, "url": url, "request_id": request_id,
                    "duplicate_external_ids": duplicates,
                })
            })
            .boxed(),
        "channelback" => (words(), good_url(), id())
            .prop_map(|(name, url, request_id)| {
                json!({"integration_instance_name": name, "url": url, "request_id": request_id})
            })
            .boxed(),
        _ => (
            id(),
            vec(
                (
                    proptest::sample::select(RESOURCE_EVENT_TYPES),
                    id(),
                    any::<u64>(),
                    any::<u64>(),
                    any::<u64>(),
                    // Now and then a follow-up without its ticket, or another with one.
                    proptest::bool::weighted(0.15),
                ),
                0..4,
            ),
        )
            .prop_map(|(request_id, events)| {
                let events: Vec<Value> = events
                    .into_iter()
                    .map(|(kind, external_id, comment, ticket, follow_up, misplaced)| {
                        let mut e = json!({
                            "type_id": kind, "external_id": external_id,
                            "comment_id": comment, "ticket_id": ticket,
                        });
                        if (kind == "comment_on_follow_up_ticket") != misplaced {
                            e["follow_up_ticket_id"] = follow_up.into();
                        }
                        e
                    })
                    .collect();
                json!({"request_id": request_id, "resource_events": events})
            })
            .boxed(),
    }
}

/// A valid event of a documented type.
fn event() -> impl Strategy<Value = Value> {
    proptest::sample::select(TYPE_IDS)
        .prop_flat_map(|type_id| {
            (
                Just(type_id),
                data(type_id),
                created_at(),
                words(),
                option::of(words()),
            )
        })
        .prop_map(|(type_id, data, timestamp, subdomain, error)| {
            let mut e = json!({
                "type_id": type_id, "timestamp": timestamp, "subdomain": subdomain,
                "integration_name": "Example Chat", "integration_id": "com.example.chat",
                "data": data,
            });
            if let Some(error) = error {
                e["error"] = error.into();
            }
            e
        })
}

/// A way to break an event, or one of its URLs.
#[derive(Debug, Clone)]
enum Break {
    /// Sets `type_id` to another documented type, or to an undocumented one.
    TypeId(String),
    /// Replaces `manifest_url` or `url`, if the event has one.
    Url(String),
    /// Removes the member at this index of the members the event or its data has.
    Remove { data: bool, index: usize },
    /// Sets the member at this index to a number (or, when it is a number, to a string).
    Retype { data: bool, index: usize },
    /// Replaces the timestamp by a text that is not RFC 3339.
    Timestamp(&'static str),
    /// Sets `deactivated_by` to a value outside `error` and `api`, if the event has it.
    DeactivatedBy,
    /// Replaces the whole event by a value that is not an event object.
    NotAnObject(Value),
    /// Breaks one item of `resource_events`, if the event has any: the item at this index,
    /// and its member at `key`.
    ResourceEvent {
        index: usize,
        key: usize,
        change: ItemChange,
    },
}

/// A way to break one resource event.
#[derive(Debug, Clone, Copy)]
enum ItemChange {
    /// Removes the member.
    Remove,
    /// Sets the member to `null`.
    Null,
    /// Sets the member to a number (or, when it is a number, to a string).
    Retype,
    /// Replaces the whole item by a number.
    NotAnObject,
}

fn a_break() -> impl Strategy<Value = Break> {
    let index = any::<usize>();
    prop_oneof![
        2 => prop_oneof![
            proptest::sample::select(TYPE_IDS).prop_map(str::to_owned),
            Just("instance_renamed".to_owned()),
            Just(String::new()),
        ]
        .prop_map(Break::TypeId),
        3 => url().prop_map(Break::Url),
        2 => (any::<bool>(), index).prop_map(|(data, index)| Break::Remove { data, index }),
        2 => (any::<bool>(), index).prop_map(|(data, index)| Break::Retype { data, index }),
        1 => proptest::sample::select(BAD_TIMESTAMPS).prop_map(Break::Timestamp),
        1 => Just(Break::DeactivatedBy),
        1 => prop_oneof![Just(json!(null)), Just(json!("event")), Just(json!([1]))]
            .prop_map(Break::NotAnObject),
        3 => (
            any::<usize>(),
            any::<usize>(),
            proptest::sample::select(&[
                ItemChange::Remove,
                ItemChange::Null,
                ItemChange::Retype,
                ItemChange::NotAnObject,
            ][..]),
        )
            .prop_map(|(index, key, change)| Break::ResourceEvent { index, key, change }),
    ]
}

fn apply(event: &mut Value, change: &Break) {
    match change {
        Break::TypeId(type_id) => event["type_id"] = type_id.clone().into(),
        Break::Url(url) => {
            for key in ["manifest_url", "url"] {
                if let Some(slot) = event["data"].get_mut(key) {
                    *slot = url.clone().into();
                }
            }
        }
        Break::Remove { data, index } => {
            let object = if *data { &mut event["data"] } else { event };
            if let Some(object) = object.as_object_mut().filter(|o| !o.is_empty()) {
                let key = object.keys().nth(index % object.len()).cloned().unwrap();
                object.remove(&key);
            }
        }
        Break::Retype { data, index } => {
            let object = if *data { &mut event["data"] } else { event };
            if let Some(object) = object.as_object_mut().filter(|o| !o.is_empty()) {
                let key = object.keys().nth(index % object.len()).cloned().unwrap();
                let slot = &mut object[&key];
                *slot = match slot {
                    Value::Number(_) => json!("7"),
                    _ => json!(7),
                };
            }
        }
        Break::Timestamp(text) => event["timestamp"] = (*text).into(),
        Break::DeactivatedBy => {
            if let Some(slot) = event["data"].get_mut("deactivated_by") {
                *slot = json!("admin");
            }
        }
        Break::NotAnObject(value) => *event = value.clone(),
        Break::ResourceEvent { index, key, change } => {
            let items = event["data"].get_mut("resource_events");
            let Some(items) = items
                .and_then(Value::as_array_mut)
                .filter(|i| !i.is_empty())
            else {
                return;
            };
            let count = items.len();
            let item = &mut items[index % count];
            if let ItemChange::NotAnObject = change {
                *item = json!(7);
                return;
            }
            let object = item.as_object_mut().unwrap();
            let key = object.keys().nth(key % object.len()).cloned().unwrap();
            match change {
                ItemChange::Remove => {
                    object.remove(&key);
                }
                ItemChange::Null => object[&key] = Value::Null,
                ItemChange::Retype | ItemChange::NotAnObject => {
                    let slot = &mut object[&key];
                    *slot = match slot {
                        Value::Number(_) => json!("7"),
                        _ => json!(7),
                    };
                }
            }
        }
    }
}

/// A batch of valid events, some broken, now and then with a key Zendesk may add beside them.
fn batch() -> impl Strategy<Value = Value> {
    let more = option::of(prop_oneof![
        words().prop_map(Value::from),
        Just(Value::Null)
    ]);
    (vec((event(), option::of(a_break())), 0..6), more).prop_map(|(events, more)| {
        let events: Vec<Value> = events
            .into_iter()
            .map(|(mut event, change)| {
                if let Some(change) = change {
                    apply(&mut event, &change);
                }
                event
            })
            .collect();
        let mut batch = json!({ "events": events });
        if let Some(more) = more {
            batch["more"] = more;
        }
        batch
    })
}

// --- The oracle, from Zendesk's event callback schemas -----------------------------------------

/// What the schemas say of one event: `None` when its type is not documented, otherwise
/// whether it fits, and the pointers of its URLs.
///
/// A resource event's `follow_up_ticket_id` is not a matter of fitting: the event is typed
/// with it or without, and [`resource_event_violations`] says where it does not belong. Nor is any
/// other member of a resource event: each is typed on its own, and [`resource_event_fits`]
/// says which do not fit.
fn fits(event: &Value) -> Option<(bool, Vec<&'static str>)> {
    let Some(type_id) = event.get("type_id").and_then(Value::as_str) else {
        return Some((false, Vec::new()));
    };
    if !TYPE_IDS.contains(&type_id) {
        return None;
    }
    let string = |object: &Value, key: &str| object.get(key).is_some_and(Value::is_string);
    let optional = |object: &Value, key: &str, check: &dyn Fn(&Value) -> bool| {
        object.get(key).is_none_or(check)
    };
    let envelope = ["subdomain", "integration_name", "integration_id"]
        .iter()
        .all(|key| string(event, key))
        && event
            .get("timestamp")
            .and_then(Value::as_str)
            .is_some_and(|t| !BAD_TIMESTAMPS.contains(&t))
        && optional(event, "error", &Value::is_string);
    let d = match event.get("data") {
        Some(d) if d.is_object() => d,
        _ => return Some((false, Vec::new())),
    };
    let (data_fits, urls) = match type_id {
        "create_integration" | "destroy_integration" => {
            (string(d, "manifest_url"), vec!["manifest_url"])
        }
        "create_integration_instance"
        | "activate_integration_instance"
        | "destroy_integration_instance" => (string(d, "metadata"), vec![]),
        "deactivate_integration_instance" => (
            string(d, "metadata")
                && d.get("deactivated_by")
                    .and_then(Value::as_str)
                    .is_some_and(|by| by == "error" || by == "api")
                && optional(d, "deactivating_error", &Value::is_string),
            vec![],
        ),
        "destroy_user_identity" => (
            d.get("author").is_some_and(|a| string(a, "external_id"))
                && optional(d, "metadata", &Value::is_string),
            vec![],
        ),
        "pull_request" => (
            string(d, "integration_instance_name")
                && string(d, "url")
                && string(d, "request_id")
                && d.get("duplicate_external_ids")
                    .and_then(Value::as_array)
                    .is_some_and(|items| {
                        items.iter().all(|i| {
                            string(i, "external_id")
                                && string(i, "request_id")
                                && optional(i, "ticket_id", &Value::is_u64)
                                && optional(i, "comment_id", &Value::is_u64)
                        })
                    }),
            vec!["url"],
        ),
        "channelback" => (
            string(d, "integration_instance_name") && string(d, "url") && string(d, "request_id"),
            vec!["url"],
        ),
        _ => (
            string(d, "request_id") && d.get("resource_events").is_some_and(Value::is_array),
            vec![],
        ),
    };
    Some((envelope && data_fits, urls))
}

/// Whether one item of `resource_events` fits the schema: an object with the string
/// `type_id` and `external_id`, the integer `comment_id` and `ticket_id`, and a
/// `follow_up_ticket_id` that is an integer, `null` (kept as it came) or absent.
fn resource_event_fits(e: &Value) -> bool {
    let string = |key: &str| e.get(key).is_some_and(Value::is_string);
    let integer = |key: &str| e.get(key).is_some_and(Value::is_u64);
    string("type_id")
        && string("external_id")
        && integer("comment_id")
        && integer("ticket_id")
        && e.get("follow_up_ticket_id")
            .is_none_or(|id| id.is_u64() || id.is_null())
}

/// The `(pointer, code)` pairs of the resource events of an event that fits: each that does not
/// fit (`event_data`, at the item); and of those that fit, the `follow_up_ticket_id`s: required
/// of a `comment_on_follow_up_ticket` (reported at the item that lacks it, or has `null`),
/// absent from the other documented resource events (reported at itself).
fn resource_event_violations(index: usize, event: &Value) -> Vec<(String, String)> {
    let Some(items) = event["data"]["resource_events"].as_array() else {
        return Vec::new();
    };
    let documented = |kind: &str| RESOURCE_EVENT_TYPES.contains(&kind);
    items
        .iter()
        .enumerate()
        .filter_map(|(item, e)| {
            let item = format!("/events/{index}/data/resource_events/{item}");
            if !resource_event_fits(e) {
                return Some((item, "event_data".to_owned()));
            }
            let kind = e["type_id"].as_str()?;
            let has = e.get("follow_up_ticket_id").is_some_and(|id| !id.is_null());
            let pointer = match (kind == "comment_on_follow_up_ticket", has) {
                (true, false) => item,
                (false, true) if documented(kind) => format!("{item}/follow_up_ticket_id"),
                _ => return None,
            };
            Some((pointer, "follow_up_ticket_id".to_owned()))
        })
        .collect()
}

/// The `(pointer, code)` pairs the batch breaks.
fn oracle(batch: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (index, event) in batch["events"].as_array().unwrap().iter().enumerate() {
        match fits(event) {
            None => {}
            Some((false, _)) => {
                found.insert((format!("/events/{index}"), "event_data".to_owned()));
            }
            Some((true, urls)) => {
                found.extend(resource_event_violations(index, event));
                let metadata = event["data"].get("metadata").and_then(Value::as_str);
                if METADATA_TYPES.contains(&event["type_id"].as_str().unwrap())
                    && metadata.is_some_and(|m| m.chars().count() > 5000)
                {
                    let pointer = format!("/events/{index}/data/metadata");
                    found.insert((pointer, "max_length".to_owned()));
                }
                for key in urls {
                    let url = event["data"][key].as_str().unwrap();
                    if !https_url(url) {
                        found.insert((format!("/events/{index}/data/{key}"), "https".to_owned()));
                    } else if relative_https_url(url) {
                        let absolute = "absolute_url".to_owned();
                        found.insert((format!("/events/{index}/data/{key}"), absolute));
                    }
                }
            }
        }
    }
    found
}

// --- What a known event keeps beyond Zendesk's schemas ------------------------------------------

/// A member Zendesk's schemas do not have, added to a valid event.
#[derive(Debug, Clone)]
enum Addition {
    /// A key the schemas do not list, in the event or (with `data`) in its data.
    Key {
        data: bool,
        key: &'static str,
        value: Value,
    },
    /// `null` for the event's optional `error`.
    NullError,
    /// `null` for the data's optional field, when its type has one.
    NullInData,
}

fn an_addition() -> impl Strategy<Value = Addition> {
    let value = prop_oneof![
        Just(Value::Null),
        Just(json!(1)),
        words().prop_map(Value::from)
    ];
    prop_oneof![
        3 => (any::<bool>(), proptest::sample::select(&["region", "colour", "attempts"][..]), value)
            .prop_map(|(data, key, value)| Addition::Key { data, key, value }),
        1 => Just(Addition::NullError),
        1 => Just(Addition::NullInData),
    ]
}

/// The data's optional field that takes a value, by event type.
fn optional_in_data(type_id: &str) -> Option<&'static str> {
    match type_id {
        "deactivate_integration_instance" => Some("deactivating_error"),
        "destroy_user_identity" => Some("metadata"),
        _ => None,
    }
}

/// Adds `addition` to `event`, at index `index` of its batch, and gives what an inspection
/// must be told of it: `("null", pointer)` or `("key", pointer of the key)`.
fn add(event: &mut Value, index: usize, addition: &Addition) -> Option<(String, String)> {
    let at = format!("/events/{index}");
    match addition {
        Addition::Key { data, key, value } => {
            let (object, at) = match data {
                true => (&mut event["data"], format!("{at}/data")),
                false => (&mut *event, at),
            };
            object[*key] = value.clone();
            Some(("key".to_owned(), format!("{at}/{key}")))
        }
        Addition::NullError => {
            event["error"] = Value::Null;
            Some(("null".to_owned(), format!("{at}/error")))
        }
        Addition::NullInData => {
            let field = optional_in_data(event["type_id"].as_str().unwrap())?;
            event["data"][field] = Value::Null;
            Some(("null".to_owned(), format!("{at}/data/{field}")))
        }
    }
}

/// What an inspection is told, as `(kind, pointer)` pairs.
#[derive(Default)]
struct Told(BTreeSet<(String, String)>);

impl Inspect for Told {
    fn null(&mut self, path: &[PathSegment]) {
        let pointer = Path::from(path.to_vec()).to_string();
        self.0.insert(("null".to_owned(), pointer));
    }

    fn unknown_key(&mut self, path: &[PathSegment], key: &str, fields: &'static [&'static str]) {
        assert!(!fields.contains(&key), "{key} is a field");
        let pointer = format!("{}/{key}", Path::from(path.to_vec()));
        self.0.insert(("key".to_owned(), pointer));
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// `validate()` reports exactly the oracle's violations, once each.
    #[test]
    fn event_violations_match_the_oracle(doc in batch()) {
        let batch: EventBatch = serde_json::from_value(doc.clone()).expect("a batch decodes");
        let reported: Vec<(String, String)> = match batch.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|v| (v.path().to_string(), v.code().to_owned()))
                .collect(),
        };
        let set: BTreeSet<_> = reported.iter().cloned().collect();
        prop_assert_eq!(reported.len(), set.len(), "reported twice: {:?}", reported);
        // Every pointer leads to a value that was sent. An event (or a resource event) that
        // does not fit is reported at a value inside it, which the oracle does not pick out of
        // several problems.
        let mut by_event = BTreeSet::new();
        for (pointer, code) in set {
            prop_assert!(doc.pointer(&pointer).is_some(), "{} is not in the batch", pointer);
            if code == "event_data" {
                // `/events/N`, or `/events/N/data/resource_events/M`.
                let segments: Vec<&str> = pointer.split('/').collect();
                let depth = match segments.get(4..6) {
                    Some(["resource_events", _]) => 6,
                    _ => 3,
                };
                by_event.insert((segments[..depth].join("/"), code));
            } else {
                by_event.insert((pointer, code));
            }
        }
        prop_assert_eq!(by_event, oracle(&doc));
    }

    /// A known event tells of exactly the keys the schemas do not list and the `null`s that it
    /// keeps, at their pointers, and is still valid and known.
    #[test]
    fn known_events_tell_of_what_they_keep(
        events in vec((event(), vec(an_addition(), 0..4)), 0..4),
    ) {
        let mut expected = BTreeSet::new();
        let mut sent = Vec::new();
        for (index, (mut event, additions)) in events.into_iter().enumerate() {
            for addition in &additions {
                expected.extend(add(&mut event, index, addition));
            }
            sent.push(event);
        }
        let batch: EventBatch = serde_json::from_value(json!({ "events": sent })).unwrap();
        let mut told = Told::default();
        for (index, event) in batch.events.iter().enumerate() {
            prop_assert!(matches!(event, Event::Known(_)), "{:?}", event);
            let at = [PathSegment::Key("events".into()), PathSegment::Index(index)];
            event.inspect_extra(&at, &mut told);
        }
        prop_assert_eq!(told.0, expected);
    }

    /// Every event is kept, in order; what the model does not type comes back exactly, and
    /// what it types comes back with the same members, and the same when decoded again. The
    /// batch's own other keys come back too.
    #[test]
    fn every_event_is_kept_and_round_trips(doc in batch()) {
        let batch: EventBatch = serde_json::from_value(doc.clone()).expect("a batch decodes");
        let beside_events = |batch: &Value| {
            let mut batch = batch.clone();
            batch.as_object_mut().map(|members| members.remove("events"));
            batch
        };
        let written = serde_json::to_value(&batch).unwrap();
        prop_assert_eq!(beside_events(&written), beside_events(&doc));
        let sent = doc["events"].as_array().unwrap();
        prop_assert_eq!(batch.events.len(), sent.len());
        for (event, sent) in batch.events.iter().zip(sent) {
            let known = fits(sent).is_some_and(|(fits, _)| fits);
            prop_assert_eq!(matches!(event, Event::Known(_)), known, "{}", sent);
            let written = serde_json::to_value(event).unwrap();
            match event {
                Event::Known(_) => {
                    let again: Event = serde_json::from_value(written.clone()).unwrap();
                    prop_assert_eq!(&again, event);
                    // The same members, the timestamp aside (it is written in UTC).
                    let without_timestamp = |event: &Value| {
                        let mut event = event.clone();
                        event.as_object_mut().map(|members| members.remove("timestamp"));
                        event
                    };
                    prop_assert_eq!(without_timestamp(&written), without_timestamp(sent));
                }
                _ => prop_assert_eq!(&written, sent),
            }
        }
    }
}
