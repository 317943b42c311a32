//! No value of the input leaves the library. Over generated documents of every payload kind the
//! model decodes, some broken in the ways hostile input is (wrong types, broken JSON or forms,
//! duplicate keys, bad dates and URLs, deep nesting, numbers out of range), with markers planted
//! in their values:
//!
//! - no error shows any value: not `DecodeError`, `FormError`, `JsonTextError`,
//!   `Rfc3339Error`, `HttpsProblem`, `NotAnObject` or `ResultsMismatch` (`Display`, `Debug`,
//!   serialized), nor the violations (`ValidationErrors`, each `Violation` and its kind,
//!   `Invalid<T>`);
//! - the `Debug` of a decoded value (and of `Validated<T>`, and of the `PushReport` of a valid
//!   push with its results) shows no customer text or
//!   credential: the values the crate root's policy ("What `Debug` shows") keeps to their
//!   length. Ids, names of the integration, locales, dates and URLs of Zendesk's own are shown
//!   by that policy, so only the first marker goes there.
//!
//! A tally guards the test against passing vacuously: a large share of the documents must
//! decode (and hold the marker in a decoded value), and a large share must be refused.

mod prop_support;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Debug;

use channel_model::rules::check_https_url;
use channel_model::{
    AdminUiRequest, ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse,
    ClickthroughRequest, DecodeError, DisplayData, EventBatch, FormError, JsonText, Manifest,
    PullRequest, PullResponse, PushReport, PushRequest, PushResponse, ReturnForm, Validate,
    ValidateTokenRequest, Validated,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

use prop_support::{created_at, good_url, id, words};

/// Stands for customers' text and credentials: what no output of the library may show.
const SECRET: &str = "Sécret·7F3A";
/// Stands for every other value of the input: what no error may show.
const IDENT: &str = "Idént·9Q2K";

fn shows_secret(text: &str) -> bool {
    text.contains("7F3A") || text.contains("Sécret")
}

fn shows_ident(text: &str) -> bool {
    text.contains("9Q2K") || text.contains("Idént")
}

// --- The payload kinds -------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Push,
    PushResponse,
    ValidateToken,
    ReportError,
    ChannelbackForm,
    ChannelbackResponse,
    PullForm,
    PullResponse,
    Manifest,
    EventBatch,
    AdminUiForm,
    ReturnForm,
    ClickthroughQuery,
}

const KINDS: &[Kind] = &[
    Kind::Push,
    Kind::PushResponse,
    Kind::ValidateToken,
    Kind::ReportError,
    Kind::ChannelbackForm,
    Kind::ChannelbackResponse,
    Kind::PullForm,
    Kind::PullResponse,
    Kind::Manifest,
    Kind::EventBatch,
    Kind::AdminUiForm,
    Kind::ReturnForm,
    Kind::ClickthroughQuery,
];

impl Kind {
    /// Whether Zendesk sends it form-encoded (the others are JSON).
    fn is_form(self) -> bool {
        matches!(
            self,
            Kind::ChannelbackForm | Kind::PullForm | Kind::AdminUiForm | Kind::ClickthroughQuery
        )
    }

    /// A valid document of this kind, as JSON (a form as an object of strings and lists).
    fn document(self) -> BoxedStrategy<Value> {
        match self {
            Kind::Push => prop_support::push().boxed(),
            Kind::PushResponse => push_response().boxed(),
            Kind::ValidateToken => prop_support::validate_token().boxed(),
            Kind::ReportError => prop_support::report_error().boxed(),
            Kind::ChannelbackForm => channelback_form().boxed(),
            Kind::ChannelbackResponse => channelback_response().boxed(),
            Kind::PullForm => prop_support::pull_request().boxed(),
            Kind::PullResponse => pull_response().boxed(),
            Kind::Manifest => manifest().boxed(),
            Kind::EventBatch => vec(event(), 0..4)
                .prop_map(|events| json!({ "events": events }))
                .boxed(),
            Kind::AdminUiForm => prop_support::admin_ui().boxed(),
            Kind::ReturnForm => prop_support::return_form().boxed(),
            Kind::ClickthroughQuery => prop_support::clickthrough().boxed(),
        }
    }

    /// Whether the value at `pointer` is one that `Debug` must keep to its length (the crate
    /// root's policy): customers' text, who the author is, file URLs, `metadata` and `state`,
    /// display data and field values, error descriptions, the admin UI's account name and
    /// the access token.
    fn is_private(self, pointer: &str) -> bool {
        const PRIVATE: &[&str] = &[
            "message",
            "html_message",
            "author/external_id",
            "author/name",
            "author/image_url",
            "file_urls",
            "recipient_id",
            "metadata",
            "state",
            "description",
            "error",
            "deactivating_error",
            "zendesk_access_token",
        ];
        let shape = shape(pointer);
        if shape.contains("display_info/data") || shape.contains("fields/value") {
            return true;
        }
        let own_name = matches!(self, Kind::AdminUiForm | Kind::ReturnForm) && shape == "name";
        own_name
            || PRIVATE
                .iter()
                .any(|private| shape == *private || shape.ends_with(&format!("/{private}")))
    }

    /// Decodes `input` as this kind, and shows everything the library lets out of it.
    fn outcome(self, input: &[u8], via: Via) -> Outcome {
        match self {
            Kind::Push => json_outcome::<PushRequest>(input, via),
            Kind::PushResponse => json_outcome::<PushResponse>(input, via),
            Kind::ValidateToken => json_outcome::<ValidateTokenRequest>(input, via),
            Kind::ReportError => json_outcome::<ChannelbackErrorReport>(input, via),
            Kind::ChannelbackForm => form_outcome(ChannelbackRequest::from_form(input)),
            Kind::ChannelbackResponse => json_outcome::<ChannelbackResponse>(input, via),
            Kind::PullForm => form_outcome(PullRequest::from_form(input)),
            Kind::PullResponse => json_outcome::<PullResponse>(input, via),
            Kind::Manifest => json_outcome::<Manifest>(input, via),
            Kind::EventBatch => json_outcome::<EventBatch>(input, via),
            Kind::AdminUiForm => form_outcome(AdminUiRequest::from_form(input)),
            Kind::ReturnForm => json_outcome::<ReturnForm>(input, via),
            Kind::ClickthroughQuery => form_outcome(ClickthroughRequest::from_query(input)),
        }
    }
}

/// `pointer` without its array indices: `/external_resources/0/message` is
/// `external_resources/message`.
fn shape(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .filter(|segment| segment.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join("/")
}

/// The last key of `pointer`, skipping array indices.
fn last_key(pointer: &str) -> &str {
    pointer
        .rsplit('/')
        .find(|segment| segment.parse::<usize>().is_err())
        .unwrap_or("")
}

/// Stored JSON text, as `metadata` and `state` hold: empty, or a small object.
fn stored_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        vec((words(), words()), 0..3).prop_map(|pairs| {
            Value::Object(pairs.into_iter().map(|(k, v)| (k, v.into())).collect()).to_string()
        }),
    ]
}

/// `object` with `key` set to `value` when it is `Some`.
fn with(mut object: Value, key: &str, value: Option<Value>) -> Value {
    if let Some(value) = value {
        object[key] = value;
    }
    object
}

fn push_response() -> impl Strategy<Value = Value> {
    let code = proptest::sample::select(vec![
        "success",
        "halted",
        "processing_error",
        "already_imported",
        "could_not_locate_parent_external_resource",
        "a_code_zendesk_may_add",
    ]);
    vec((id(), code, option::of(words())), 0..4).prop_map(|results| {
        let results: Vec<Value> = results
            .into_iter()
            .map(|(external_id, code, description)| {
                let status = with(
                    json!({ "code": code }),
                    "description",
                    description.map(Value::from),
                );
                json!({"external_resource_id": external_id, "status": status})
            })
            .collect();
        json!({ "results": results })
    })
}

fn channelback_form() -> impl Strategy<Value = Value> {
    (
        words(),
        prop_oneof![
            id().prop_map(|p| ("parent_id", p)),
            id().prop_map(|t| ("thread_id", t))
        ],
        option::of(words()),
        option::of(stored_text()),
        option::of(stored_text()),
        option::of(id()),
        vec(good_url(), 0..3),
    )
        .prop_map(
            |(message, (reply_to, reply_id), recipient, metadata, state, request, files)| {
                let mut form = json!({ "message": message, reply_to: reply_id });
                form = with(form, "recipient_id", recipient.map(Value::from));
                form = with(form, "metadata", metadata.map(Value::from));
                form = with(form, "state", state.map(Value::from));
                form = with(form, "request_unique_identifier", request.map(Value::from));
                with(form, "file_urls", Some(files.into()))
            },
        )
}

fn channelback_response() -> impl Strategy<Value = Value> {
    (
        id(),
        option::of(any::<bool>()),
        option::of(stored_text()),
        option::of(any::<bool>()),
    )
        .prop_map(|(external_id, allow, metadata, needs_update)| {
            let answer = json!({ "external_id": external_id });
            let answer = with(answer, "allow_channelback", allow.map(Value::from));
            let answer = with(answer, "metadata", metadata.map(Value::from));
            with(
                answer,
                "metadata_needs_update",
                needs_update.map(Value::from),
            )
        })
}

fn pull_response() -> impl Strategy<Value = Value> {
    (
        vec(prop_support::resource(), 0..3),
        option::of(stored_text()),
        option::of(stored_text()),
    )
        .prop_map(|(resources, state, metadata)| {
            let answer = json!({ "external_resources": resources });
            let answer = with(answer, "state", state.map(Value::from));
            with(answer, "metadata", metadata.map(Value::from))
        })
}

fn manifest() -> impl Strategy<Value = Value> {
    const URLS: &[&str] = &[
        "pull_url",
        "channelback_url",
        "clickthrough_url",
        "healthcheck_url",
        "about_url",
        "dashboard_url",
        "event_callback_url",
    ];
    (
        words(),
        id(),
        option::of(words()),
        option::of(id()),
        good_url(),
        vec((proptest::sample::select(URLS), good_url()), 0..4),
    )
        .prop_map(|(name, id, author, push_client_id, admin_ui, urls)| {
            let mut all = json!({ "admin_ui": admin_ui });
            for (key, url) in urls {
                all[key] = url.into();
            }
            let manifest = json!({"name": name, "id": id, "version": "1.0", "urls": all});
            let manifest = with(manifest, "author", author.map(Value::from));
            with(manifest, "push_client_id", push_client_id.map(Value::from))
        })
}

/// An event of a documented type, or of one Zendesk may add.
fn event() -> impl Strategy<Value = Value> {
    let data = prop_oneof![
        good_url().prop_map(|url| ("create_integration", json!({ "manifest_url": url }))),
        stored_text().prop_map(|m| ("activate_integration_instance", json!({ "metadata": m }))),
        (stored_text(), option::of(words())).prop_map(|(metadata, error)| {
            let data = json!({"metadata": metadata, "deactivated_by": "error"});
            let data = with(data, "deactivating_error", error.map(Value::from));
            ("deactivate_integration_instance", data)
        }),
        (words(), stored_text()).prop_map(|(user, metadata)| {
            let data = json!({"author": {"external_id": user}, "metadata": metadata});
            ("destroy_user_identity", data)
        }),
        (words(), good_url(), id(), id()).prop_map(|(name, url, request, external_id)| {
            let data = json!({
                "integration_instance_name": name, "url": url, "request_id": request,
                "duplicate_external_ids": [{"external_id": external_id, "request_id": request,
                                            "ticket_id": 7}],
            });
            ("pull_request", data)
        }),
        (words(), good_url(), id()).prop_map(|(name, url, request)| {
            let data =
                json!({"integration_instance_name": name, "url": url, "request_id": request});
            ("channelback", data)
        }),
        (id(), id(), any::<u64>()).prop_map(|(request, external_id, ticket)| {
            let data = json!({"request_id": request, "resource_events": [{
                "type_id": "comment_on_new_ticket", "external_id": external_id,
                "comment_id": 1, "ticket_id": ticket,
            }]});
            ("resources_created_from_external_ids", data)
        }),
        words().prop_map(|name| ("instance_renamed", json!({ "name": name }))),
    ];
    (data, created_at(), words(), option::of(words())).prop_map(
        |((type_id, data), timestamp, subdomain, error)| {
            let event = json!({
                "type_id": type_id, "timestamp": timestamp, "subdomain": subdomain,
                "integration_name": "Example Chat", "integration_id": "com.example.chat",
                "data": data,
            });
            with(event, "error", error.map(Value::from))
        },
    )
}

// --- Planting the markers ----------------------------------------------------------------------

/// The keys whose strings must keep their form for the document to mean what it says: dates
/// and the names of types and codes (the hostile changes break them on purpose).
const KEEP_FORM: &[&str] = &[
    "created_at",
    "timestamp",
    "type_id",
    "deactivated_by",
    "code",
];

/// `text` with `marker` in its middle.
fn plant(text: &str, marker: &str) -> String {
    let middle = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |c| c.0);
    format!("{}{marker}{}", &text[..middle], &text[middle..])
}

/// `doc` with `SECRET` in every private string (and at the start of the keys of display data
/// and field values, which are data), and, when `idents`, `IDENT` in every other string.
fn marked(kind: Kind, doc: &Value, pointer: &str, idents: bool) -> Value {
    let private = kind.is_private(pointer);
    match doc {
        Value::String(text) if pointer.ends_with("/data") && private => {
            // display_info data sent as a string of JSON: marked inside, so that it still
            // decodes.
            match serde_json::from_str::<Value>(text) {
                Ok(inner) => Value::String(marked(kind, &inner, pointer, idents).to_string()),
                Err(_) => Value::String(plant(text, SECRET)),
            }
        }
        Value::String(text) if private => Value::String(plant(text, SECRET)),
        Value::String(text) if idents && !KEEP_FORM.contains(&last_key(pointer)) => {
            Value::String(plant(text, IDENT))
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| marked(kind, item, &format!("{pointer}/{i}"), idents))
                .collect(),
        ),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, value)| {
                    let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                    let key = match private {
                        true => format!("{SECRET}{key}"),
                        false => key.clone(),
                    };
                    (key, marked(kind, value, &at, idents))
                })
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

/// The marker for a value planted at `pointer`.
fn marker(kind: Kind, pointer: &str) -> &'static str {
    match kind.is_private(pointer) {
        true => SECRET,
        false => IDENT,
    }
}

// --- Hostile changes ---------------------------------------------------------------------------

/// How the JSON text is read.
#[derive(Debug, Clone, Copy)]
enum Via {
    Str,
    Slice,
    Reader,
}

/// A change that hostile input makes. `target` picks among the candidates by remainder.
#[derive(Debug, Clone)]
enum Change {
    /// None: the document as generated (with its markers).
    Nothing,
    /// A value of another JSON type holding a marker (a string for a number, a list for a
    /// string...), or, in a form, a field without `=`.
    WrongType { target: usize, choice: usize },
    /// The text cut short, after a marker or anywhere.
    Cut { target: usize, after_marker: bool },
    /// Bytes that break the syntax (of JSON or of a form) put after a marker.
    Garbage { target: usize, choice: usize },
    /// A byte that is not UTF-8 put after a marker.
    NotUtf8 { target: usize },
    /// An object's (or a form's) first key repeated, with a marker as its value.
    Duplicate { target: usize },
    /// A date that is not RFC 3339, or breaks its rules, holding a marker.
    BadDate { target: usize, choice: usize },
    /// A URL that is not https or not a URL, holding a marker.
    BadUrl { target: usize, choice: usize },
    /// A value nested deeper than the decoder reads, a marker at its bottom.
    Deep {
        target: usize,
        depth: usize,
        objects: bool,
        as_text: bool,
    },
    /// A number out of every integer type's range, or not an integer.
    OutOfRange { target: usize, choice: usize },
}

fn change() -> impl Strategy<Value = Change> {
    let target = any::<usize>();
    let choice = any::<usize>();
    prop_oneof![
        8 => Just(Change::Nothing),
        3 => (target, choice).prop_map(|(target, choice)| Change::WrongType { target, choice }),
        1 => (target, any::<bool>())
            .prop_map(|(target, after_marker)| Change::Cut { target, after_marker }),
        1 => (target, choice).prop_map(|(target, choice)| Change::Garbage { target, choice }),
        1 => target.prop_map(|target| Change::NotUtf8 { target }),
        2 => target.prop_map(|target| Change::Duplicate { target }),
        2 => (target, choice).prop_map(|(target, choice)| Change::BadDate { target, choice }),
        2 => (target, choice).prop_map(|(target, choice)| Change::BadUrl { target, choice }),
        1 => (target, 120usize..400, any::<bool>(), any::<bool>()).prop_map(
            |(target, depth, objects, as_text)| Change::Deep { target, depth, objects, as_text }
        ),
        1 => (target, choice).prop_map(|(target, choice)| Change::OutOfRange { target, choice }),
    ]
}

fn via() -> impl Strategy<Value = Via> {
    prop_oneof![Just(Via::Str), Just(Via::Slice), Just(Via::Reader)]
}

/// Every value's pointer, outermost first.
fn pointers(doc: &Value, keep: impl Fn(&str, &Value) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    prop_support::walk(doc, String::new(), &mut |pointer, value| {
        if keep(pointer, value) {
            found.push(pointer.to_owned());
        }
    });
    found
}

fn pick<T: Clone>(candidates: &[T], target: usize) -> Option<T> {
    match candidates.len() {
        0 => None,
        n => Some(candidates[target % n].clone()),
    }
}

/// A raw JSON text to put in place of a value: the value is set to a placeholder string that
/// the text replaces once the document is written.
const RAW: &str = "\u{1}raw\u{1}";

const BAD_DATES: &[&str] = &[
    "{m}",
    "2015-09-08T22:48:09Z{m}",
    "{m}2015-09-08T22:48:09Z",
    "2015-09-08T22:48:{m}Z",
    "2015-09-08 22:48:09Z{m}",
    "1998-12-31T23:58:60Z{m}",
    "2015-09-08T22:48:09.1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111{m}Z",
];

const BAD_URLS: &[&str] = &[
    "http://{m}.example.com/{m}",
    "https://exa mple{m}.com/",
    "https://exa<mple>{m}.com/",
    "https://example.com:{m}/",
    "https://example.com:99999/{m}",
    "https://[::1{m}",
    "https://%20{m}/",
    "https://example.com/{m}\tb.png",
    "javascript:alert('{m}')",
    "{m}:8080/a",
];

const OUT_OF_RANGE: &[&str] = &[
    "-1",
    "-0",
    "18446744073709551616",
    "-9223372036854775809",
    "1e400",
    "3.5",
    "1e2",
];

/// A change made to the JSON document itself; it returns the raw text to put in place of
/// the placeholder, if any, and the texts the change put in, for the checks of their own.
fn change_document(kind: Kind, doc: &mut Value, change: &Change) -> (Option<String>, Extras) {
    let mut extras = Extras::default();
    let mut raw = None;
    match *change {
        Change::WrongType { target, choice } => {
            if let Some(pointer) = pick(&pointers(doc, |_, _| true), target) {
                let m = marker(kind, &pointer);
                let slot = doc.pointer_mut(&pointer).expect("a pointer resolves");
                let choices = match slot {
                    Value::String(_) => {
                        vec![
                            json!(42),
                            json!(true),
                            json!([m]),
                            json!({ m: m }),
                            json!(-1.5),
                        ]
                    }
                    Value::Object(_) => vec![json!(m), json!([m]), json!(7)],
                    Value::Array(_) => vec![json!(m), json!({ "k": m }), json!(false)],
                    _ => vec![json!(m), json!([m]), json!({ "k": m })],
                };
                *slot = choices[choice % choices.len()].clone();
                if !slot.is_object() {
                    extras.not_objects.push(slot.clone());
                }
            }
        }
        Change::Duplicate { target } => {
            let objects = pointers(doc, |_, value| {
                value.as_object().is_some_and(|members| !members.is_empty())
            });
            if let Some(pointer) = pick(&objects, target) {
                let key = doc
                    .pointer(&pointer)
                    .unwrap()
                    .as_object()
                    .unwrap()
                    .keys()
                    .next();
                let key = key.unwrap().clone();
                let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                extras.duplicate = Some((pointer, key, marker(kind, &at)));
            }
        }
        Change::BadDate { target, choice } => {
            let dates = pointers(doc, |pointer, value| {
                value.is_string() && matches!(last_key(pointer), "created_at" | "timestamp")
            });
            if let Some(pointer) = pick(&dates, target) {
                let m = marker(kind, &pointer);
                let date = BAD_DATES[choice % BAD_DATES.len()].replace("{m}", m);
                extras.dates.push(date.clone());
                *doc.pointer_mut(&pointer).unwrap() = date.into();
            }
        }
        Change::BadUrl { target, choice } => {
            let urls = pointers(doc, |pointer, value| {
                value.is_string()
                    && (pointer.contains("/file_urls/")
                        || pointer.contains("/urls/")
                        || matches!(
                            last_key(pointer),
                            "image_url" | "return_url" | "url" | "manifest_url"
                        ))
            });
            if let Some(pointer) = pick(&urls, target) {
                let m = marker(kind, &pointer);
                let url = BAD_URLS[choice % BAD_URLS.len()].replace("{m}", m);
                extras.urls.push(url.clone());
                *doc.pointer_mut(&pointer).unwrap() = url.into();
            }
        }
        Change::Deep {
            target,
            depth,
            objects,
            as_text,
        } => {
            // Display data and field values take any JSON: nesting is what stops them.
            let free_form = pointers(doc, |pointer, _| {
                let shape = shape(pointer);
                shape.ends_with("display_info/data") || shape.ends_with("fields/value")
            });
            let everywhere = pointers(doc, |pointer, _| !pointer.is_empty());
            let candidates = match free_form.is_empty() {
                true => everywhere,
                false => free_form,
            };
            if let Some(pointer) = pick(&candidates, target) {
                let m = marker(kind, &pointer);
                let bottom = serde_json::to_string(m).unwrap();
                let deep = match objects {
                    true => format!("{}{bottom}{}", r#"{"a":"#.repeat(depth), "}".repeat(depth)),
                    false => format!("{}{bottom}{}", "[".repeat(depth), "]".repeat(depth)),
                };
                raw = Some(match as_text {
                    true => serde_json::to_string(&deep).unwrap(),
                    false => deep,
                });
                *doc.pointer_mut(&pointer).unwrap() = RAW.into();
            }
        }
        Change::OutOfRange { target, choice } => {
            let numbers = pointers(doc, |pointer, value| {
                value.is_number() || (value.is_string() && last_key(pointer) == "id")
            });
            if let Some(pointer) = pick(&numbers, target) {
                raw = Some(OUT_OF_RANGE[choice % OUT_OF_RANGE.len()].to_owned());
                *doc.pointer_mut(&pointer).unwrap() = RAW.into();
            }
        }
        Change::Nothing | Change::Cut { .. } | Change::Garbage { .. } | Change::NotUtf8 { .. } => {}
    }
    (raw, extras)
}

/// What a change put in that the test also hands to the library's other checks.
#[derive(Debug, Default)]
struct Extras {
    /// The object (pointer) whose first key is written twice, the key, and the marker.
    duplicate: Option<(String, String, &'static str)>,
    /// Bad dates: also parsed by `parse_rfc3339`.
    dates: Vec<String>,
    /// Bad URLs: also checked by `check_https_url`.
    urls: Vec<String>,
    /// Values that are not objects: also given to `DisplayData::try_from`.
    not_objects: Vec<Value>,
}

/// Writes `value` as compact JSON, with the first key of the object at `duplicate` written a
/// second time, its value the marker.
fn write_json(
    value: &Value,
    pointer: &str,
    duplicate: &Option<(String, String, &str)>,
    out: &mut String,
) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, &format!("{pointer}/{i}"), duplicate, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap());
                out.push(':');
                let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                write_json(item, &at, duplicate, out);
                if let Some((object, repeated, marker)) = duplicate {
                    if i == 0 && object == pointer && repeated == key {
                        out.push_str(&format!(",{}:", serde_json::to_string(key).unwrap()));
                        out.push_str(&serde_json::to_string(marker).unwrap());
                    }
                }
            }
            out.push('}');
        }
        scalar => out.push_str(&serde_json::to_string(scalar).unwrap()),
    }
}

/// The byte offsets just after each marker in `text`: the secret's when there is one,
/// otherwise the other's.
fn after_markers(text: &[u8]) -> Vec<usize> {
    let find = |needle: &[u8]| -> Vec<usize> {
        text.windows(needle.len())
            .enumerate()
            .filter(|(_, window)| *window == needle)
            .map(|(at, _)| at + needle.len())
            .collect()
    };
    match find(b"7F3A") {
        secrets if !secrets.is_empty() => secrets,
        _ => find(b"9Q2K"),
    }
}

/// Changes made to the text: cut it, break its syntax, or make it not UTF-8.
fn change_text(text: &mut Vec<u8>, change: &Change, form: bool) {
    let at = |target: usize, after_marker: bool, len: usize| match after_markers(text) {
        markers if after_marker && !markers.is_empty() => markers[target % markers.len()],
        _ => target % (len + 1),
    };
    match *change {
        Change::Cut {
            target,
            after_marker,
        } => {
            let cut = at(target, after_marker, text.len());
            text.truncate(cut);
        }
        Change::Garbage { target, choice } => {
            let json: &[&[u8]] = &[b"\"", b"\\", b"\x01", b"}", b",", b"x\":", b"\\u12", b"\n"];
            let forms: &[&[u8]] = &[b"%", b"%G", b"%F", b"&", b"=", b"+", b"%00", b"&=&"];
            let garbage = match form {
                true => forms[choice % forms.len()],
                false => json[choice % json.len()],
            };
            let at = at(target, true, text.len());
            text.splice(at..at, garbage.iter().copied());
        }
        Change::NotUtf8 { target } => {
            let bad: &[u8] = if form { b"%FF%C3" } else { b"\xFF\xC3" };
            let at = at(target, true, text.len());
            text.splice(at..at, bad.iter().copied());
        }
        _ => {}
    }
}

/// Percent-encodes every byte but ASCII letters and digits.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

/// The form (or query string) for a JSON object of strings and lists of strings, changed as
/// `change` says for a form: `WrongType` is a field without `=`, `Duplicate` a field sent
/// twice, `BadUrl` a bad URL in a URL field, the others a field this kind does not read.
fn form_text(kind: Kind, doc: &Value, change: &Change, extras: &mut Extras) -> String {
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for (key, value) in doc.as_object().expect("a form is an object") {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let pointer = format!("/{key}/{i}");
                    let item = item.as_str().unwrap().to_owned();
                    pairs.push((pointer, format!("{key}[]"), item));
                }
            }
            other => {
                let text = other.as_str().unwrap().to_owned();
                pairs.push((format!("/{key}"), key.clone(), text));
            }
        }
    }
    let mut bare = None;
    match *change {
        Change::WrongType { target, .. } => bare = pick(&pairs, target).map(|pair| pair.1),
        Change::Duplicate { target } => {
            if let Some((pointer, name, _)) = pick(&pairs, target) {
                let m = marker(kind, &pointer);
                pairs.push((pointer, name, m.to_owned()));
            }
        }
        Change::BadUrl { target, choice } => {
            let urls: Vec<usize> = (0..pairs.len())
                .filter(|&i| pairs[i].0.contains("file_urls") || pairs[i].0 == "/return_url")
                .collect();
            if let Some(i) = pick(&urls, target) {
                let url =
                    BAD_URLS[choice % BAD_URLS.len()].replace("{m}", marker(kind, &pairs[i].0));
                extras.urls.push(url.clone());
                pairs[i].2 = url;
            }
        }
        Change::BadDate { .. } | Change::Deep { .. } | Change::OutOfRange { .. } => {
            pairs.push(("/unread".into(), format!("{IDENT}unread"), IDENT.into()));
        }
        _ => {}
    }
    let mut fields: Vec<String> = pairs
        .iter()
        .map(|(_, name, value)| format!("{}={}", encode(name), encode(value)))
        .collect();
    if let Some(name) = bare {
        fields.push(encode(&name));
    }
    fields.join("&")
}

// --- What the library lets out ------------------------------------------------------------------

/// What came out of decoding one input.
#[derive(Debug, Default)]
struct Outcome {
    /// Whether it decoded.
    decoded: bool,
    /// Whether it decoded and passed validation.
    valid: bool,
    /// Whether the decoded value holds the secret marker (as serialized).
    holds_secret: bool,
    /// The `Debug` of the decoded value, and of `Validated<T>` when it is valid.
    debug: String,
    /// Every error's `Display`, `Debug` and serialized form.
    errors: String,
}

fn decode_error_text(error: &DecodeError) -> String {
    let json = serde_json::to_string(error).expect("a decode error serializes");
    format!(
        "{error}\n{error:?}\n{error:#?}\n{json}\n{}\n{}\n{}",
        error.message(),
        error.path(),
        error.category()
    )
}

/// What the library lets out of a decoded value beyond its `Debug` and its violations.
trait LetsOut: Sized {
    /// The errors of the other checks of the value as decoded.
    fn errors(&self) -> String {
        String::new()
    }

    /// The `Debug` of what is built from the value once it is valid, and the errors of
    /// building it.
    fn built(_valid: &Validated<Self>) -> (String, String) {
        (String::new(), String::new())
    }
}

/// Splitting validates again; a valid push is paired with results whose descriptions hold the
/// secret, and with too few results.
impl LetsOut for PushRequest {
    fn errors(&self) -> String {
        match self.clone().split_validated() {
            Ok(_) => String::new(),
            Err(errors) => format!("{errors}\n{errors:?}\n"),
        }
    }

    fn built(push: &Validated<PushRequest>) -> (String, String) {
        const CODES: &[&str] = &["halted", "processing_error", "success", "an_unknown_code"];
        let results: Vec<Value> = (push.external_resources.iter().enumerate())
            .map(|(i, resource)| {
                json!({"external_resource_id": resource.external_id, "status": {
                    "code": CODES[i % CODES.len()], "description": format!("failed: {SECRET}")}})
            })
            .collect();
        let response: PushResponse =
            serde_json::from_value(json!({ "results": results })).expect("a push response");
        let report = PushReport::new(push, &response).expect("results that pair");
        let mut debug = format!("{response:?}\n{report:?}\n{report:#?}\n");
        if let Some(retry) = report.retry_request() {
            debug.push_str(&format!("{retry:?}\n"));
        }
        let mut short = response.clone();
        short.results.pop();
        let error = PushReport::new(push, &short).expect_err("a result too few");
        (debug, format!("{error}\n{error:?}\n"))
    }
}

impl LetsOut for ChannelbackRequest {
    fn errors(&self) -> String {
        json_texts([self.metadata.as_ref(), self.state.as_ref()])
    }
}

impl LetsOut for ChannelbackResponse {
    fn errors(&self) -> String {
        json_texts([self.metadata.as_ref()])
    }
}

impl LetsOut for PullRequest {
    fn errors(&self) -> String {
        json_texts([self.metadata.as_ref(), self.state.as_ref()])
    }
}

impl LetsOut for PullResponse {
    fn errors(&self) -> String {
        json_texts([self.metadata.as_ref(), self.state.as_ref()])
    }
}

impl LetsOut for AdminUiRequest {
    fn errors(&self) -> String {
        json_texts([self.metadata.as_ref(), self.state.as_ref()])
    }
}

impl LetsOut for ReturnForm {
    fn errors(&self) -> String {
        json_texts([Some(&self.metadata), Some(&self.state)])
    }
}

impl LetsOut for PushResponse {}
impl LetsOut for ValidateTokenRequest {}
impl LetsOut for ChannelbackErrorReport {}
impl LetsOut for Manifest {}
impl LetsOut for EventBatch {}
impl LetsOut for ClickthroughRequest {}

/// Shows a decoded value, then validates it and shows its violations, or what is built from
/// it once valid.
fn decoded<T>(value: T) -> Outcome
where
    T: Serialize + Validate + Debug + Clone + LetsOut,
{
    let serialized = serde_json::to_string(&value).expect("a decoded value serializes");
    let mut outcome = Outcome {
        decoded: true,
        holds_secret: shows_secret(&serialized),
        debug: format!("{value:?}\n{value:#?}\n"),
        errors: value.errors(),
        ..Outcome::default()
    };
    match Validated::new(value) {
        Ok(valid) => {
            outcome.valid = true;
            outcome.debug.push_str(&format!("{valid:?}\n{valid:#?}\n"));
            let (debug, errors) = T::built(&valid);
            outcome.debug.push_str(&debug);
            outcome.errors.push_str(&errors);
        }
        Err(invalid) => {
            let errors = invalid.errors();
            let json = serde_json::to_string(errors).expect("violations serialize");
            outcome.errors.push_str(&format!(
                "{invalid}\n{invalid:?}\n{invalid:#?}\n{errors}\n{errors:?}\n{json}\n"
            ));
            for violation in errors {
                let json = serde_json::to_string(violation).expect("a violation serializes");
                let kind = violation.kind();
                outcome.errors.push_str(&format!(
                    "{violation}\n{violation:?}\n{kind}\n{kind:?}\n{}\n{json}\n",
                    violation.path()
                ));
            }
        }
    }
    outcome
}

fn json_outcome<T>(input: &[u8], via: Via) -> Outcome
where
    T: DeserializeOwned + Serialize + Validate + Debug + Clone + LetsOut,
{
    let result = match (via, std::str::from_utf8(input)) {
        (Via::Str, Ok(text)) => channel_model::from_str::<T>(text),
        (Via::Str | Via::Slice, _) => channel_model::from_slice::<T>(input),
        (Via::Reader, _) => channel_model::from_reader::<_, T>(input),
    };
    match result {
        Ok(value) => decoded(value),
        Err(error) => Outcome {
            errors: decode_error_text(&error),
            ..Outcome::default()
        },
    }
}

fn form_outcome<T>(result: Result<T, FormError>) -> Outcome
where
    T: Serialize + Validate + Debug + Clone + LetsOut,
{
    match result {
        Ok(value) => decoded(value),
        Err(error) => Outcome {
            errors: format!("{error}\n{error:?}\n{error:#?}"),
            ..Outcome::default()
        },
    }
}

/// The errors of reading `metadata` and `state` as JSON (they hold markers, so are often not
/// JSON), as a value and as a struct.
fn json_texts<'a>(texts: impl IntoIterator<Item = Option<&'a JsonText>>) -> String {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Account {
        token: u64,
    }
    let mut shown = String::new();
    for text in texts.into_iter().flatten() {
        if let Err(error) = text.decode::<Value>() {
            shown.push_str(&format!("{error}\n{error:?}\n"));
        }
        if let Err(error) = text.decode::<Account>() {
            shown.push_str(&format!("{error}\n{error:?}\n"));
        }
    }
    shown
}

/// The errors of the checks that stand on their own, for the values a change put in.
fn extras_text(extras: &Extras) -> String {
    let mut shown = String::new();
    for date in &extras.dates {
        if let Err(error) = channel_model::parse_rfc3339(date) {
            shown.push_str(&format!("{error}\n{error:?}\n"));
        }
    }
    for url in &extras.urls {
        if let Err(problem) = check_https_url(url) {
            let json = serde_json::to_string(&problem).expect("a problem serializes");
            shown.push_str(&format!("{problem:?}\n{}\n{json}\n", problem.code()));
        }
    }
    for value in &extras.not_objects {
        if let Err(error) = DisplayData::try_from(value.clone()) {
            shown.push_str(&format!("{error}\n{error:?}\n"));
        }
    }
    shown
}

// --- The property -------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Tally {
    cases: usize,
    decoded: usize,
    rejected: usize,
    valid: usize,
    holds_secret: usize,
    shows_ident: usize,
}

/// One case: a document of `kind` with markers, changed by `change`, read `via`.
fn check(
    (kind, doc, change, idents, via): (Kind, Value, Change, bool, Via),
    tally: &RefCell<BTreeMap<Kind, Tally>>,
) -> Result<(), TestCaseError> {
    let mut doc = marked(kind, &doc, "", idents);
    let (input, extras) = match kind.is_form() {
        true => {
            let mut extras = Extras::default();
            let text = form_text(kind, &doc, &change, &mut extras);
            (text.into_bytes(), extras)
        }
        false => {
            let (raw, extras) = change_document(kind, &mut doc, &change);
            let mut text = String::new();
            write_json(&doc, "", &extras.duplicate, &mut text);
            if let Some(raw) = raw {
                text = text.replace(&serde_json::to_string(RAW).unwrap(), &raw);
            }
            (text.into_bytes(), extras)
        }
    };
    let mut input = input;
    change_text(&mut input, &change, kind.is_form());
    let via = match change {
        Change::NotUtf8 { .. } => Via::Slice,
        _ => via,
    };

    let mut outcome = kind.outcome(&input, via);
    outcome.errors.push_str(&extras_text(&extras));

    let shown_input = String::from_utf8_lossy(&input);
    prop_assert!(
        !shows_secret(&outcome.errors) && !shows_ident(&outcome.errors),
        "an error shows a value of the input\n{:?} {:?}\ninput: {}\nerrors:\n{}",
        kind,
        change,
        shown_input,
        outcome.errors
    );
    prop_assert!(
        !shows_secret(&outcome.debug),
        "Debug shows a customer's text or a credential\n{:?} {:?}\ninput: {}\nDebug:\n{}",
        kind,
        change,
        shown_input,
        outcome.debug
    );

    let mut tally = tally.borrow_mut();
    let counts = tally.entry(kind).or_default();
    counts.cases += 1;
    counts.decoded += usize::from(outcome.decoded);
    counts.rejected += usize::from(!outcome.decoded);
    counts.valid += usize::from(outcome.valid);
    counts.holds_secret += usize::from(outcome.holds_secret);
    counts.shows_ident += usize::from(shows_ident(&outcome.debug));
    Ok(())
}

fn case() -> impl Strategy<Value = (Kind, Value, Change, bool, Via)> {
    proptest::sample::select(KINDS).prop_flat_map(|kind| {
        (
            Just(kind),
            kind.document(),
            change(),
            proptest::bool::weighted(0.3),
            via(),
        )
    })
}

#[test]
fn no_value_of_the_input_shows_in_an_error_nor_customer_text_in_debug() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(3000);
    let mut runner = TestRunner::new(Config {
        cases,
        max_shrink_iters: 1024,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = RefCell::new(BTreeMap::new());
    if let Err(failure) = runner.run(&case(), |case| check(case, &tally)) {
        panic!("{failure}");
    }

    // The guard: every kind was decoded and refused, and over all kinds, the documents that
    // decoded held the secret, were valid, and showed the ids the policy shows.
    let tally = tally.into_inner();
    let sum = |count: fn(&Tally) -> usize| tally.values().map(count).sum::<usize>();
    let total = sum(|t| t.cases);
    eprintln!("{tally:#?}");
    assert_eq!(tally.len(), KINDS.len(), "{tally:#?}");
    for (kind, counts) in &tally {
        assert!(
            counts.decoded * 5 >= counts.cases && counts.rejected * 10 >= counts.cases,
            "{kind:?}: too few decoded or refused: {counts:?}"
        );
    }
    assert!(sum(|t| t.decoded) * 2 >= total, "{tally:#?}");
    assert!(sum(|t| t.rejected) * 5 >= total, "{tally:#?}");
    assert!(sum(|t| t.holds_secret) * 4 >= total, "{tally:#?}");
    assert!(sum(|t| t.valid) * 10 >= total, "{tally:#?}");
    assert!(sum(|t| t.shows_ident) * 20 >= total, "{tally:#?}");
}
