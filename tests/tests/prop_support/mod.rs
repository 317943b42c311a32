//! Generators for the property tests: valid push, validate_token and report_error documents,
//! and the forms Zendesk posts and the admin UI's answer, as `serde_json::Value`, and mutations
//! that push them across the rules' boundaries.
#![allow(dead_code)]

pub mod oracle;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Characters that are Unicode `White_Space` (what `str::trim` removes).
pub const WHITESPACE: &[char] = &[
    ' ', '\t', '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{A0}', '\u{1680}', '\u{2003}',
    '\u{2028}', '\u{202F}', '\u{3000}',
];

/// Characters that look blank or odd but are not `White_Space`: zero-width space, BOM,
/// Mongolian vowel separator (no longer whitespace since Unicode 6.3), NUL, a C0 control, DEL.
pub const NOT_WHITESPACE: &[char] = &['\u{200B}', '\u{FEFF}', '\u{180E}', '\0', '\u{1F}', '\u{7F}'];

/// Characters outside ASCII, of 2, 3 and 4 bytes in UTF-8.
pub const NON_ASCII: &[char] = &['é', 'ß', 'Ω', '中', '€', '😀', '🇫', '\u{10FFFF}'];

/// ASCII characters, including the ones JSON and JSON Pointer escape.
pub const ASCII: &[char] = &[
    'a', 'Z', '0', '-', '_', '.', '/', '~', '"', '\\', ':', '@', '#',
];

/// Lengths at every limit of the spec, and one past it.
pub const BOUNDARY_LENGTHS: &[usize] = &[0, 1, 64, 65, 255, 256, 511, 512, 65535, 65536];

fn pick(chars: &'static [char]) -> impl Strategy<Value = char> {
    proptest::sample::select(chars)
}

/// Any character the generators use.
pub fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => pick(ASCII),
        2 => pick(NON_ASCII),
        1 => pick(WHITESPACE),
        1 => pick(NOT_WHITESPACE),
        1 => any::<char>(),
    ]
}

/// A short ASCII id without whitespace at its ends: valid for every id rule.
pub fn id() -> impl Strategy<Value = String> {
    vec(
        pick(&['a', 'z', '0', '9', '-', '_', '.', ':', '~', '/']),
        1..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A short text of any characters, not empty and not starting or ending with whitespace: valid
/// for every text rule but `ascii`.
pub fn words() -> impl Strategy<Value = String> {
    (pick(NON_ASCII), vec(any_char(), 0..10), pick(ASCII)).prop_map(|(first, middle, last)| {
        let mut s = String::from(first);
        s.extend(middle);
        s.push(last);
        s
    })
}

/// A date-time in the forms RFC 3339 allows.
pub fn created_at() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "2015-09-08T22:48:09Z",
        "2015-09-09T00:48:09+02:00",
        "2015-09-08T22:48:09.123456789Z",
        "2015-09-08t22:48:09z",
        "1970-01-01T00:00:00-23:59",
        "2016-12-31T23:59:60Z",
    ])
    .prop_map(str::to_owned)
}

/// URLs that pass the https rule: https URLs with a host, and relative references.
pub const GOOD_URLS: &[&str] = &[
    "https://example.com/files/1.jpg",
    "HTTPS://EXAMPLE.COM/a",
    "https://user:pw@example.com:8443/a?b#c",
    "https://[::1]:443/x",
    "https://中文.example/ü",
    "files/1.jpg",
    "/files/1",
    "./admin_ui",
    "?q=1",
    "1a:b",
    "//example.com/a",
];

/// URLs that fail it (the last ones only as `channel_model::rules::is_https_url` documents).
pub const BAD_URLS: &[&str] = &[
    "http://example.com/files/1.jpg",
    "ftp://example.com/a",
    "https:example.com",
    "https:/example.com",
    "https://",
    "https:///a",
    "https://user@/a",
    "https://:443/a",
    "https://[]/a",
    "  http://example.com",
    "\u{1}https://example.com",
    "javascript:alert(1)",
    "h\ttp://example.com",
    "https://exa\nmple.com",
    "files/a\rb.jpg",
    "localhost:8080/a",
];

pub fn good_url() -> impl Strategy<Value = String> {
    proptest::sample::select(GOOD_URLS).prop_map(str::to_owned)
}

pub fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        good_url(),
        proptest::sample::select(BAD_URLS).prop_map(str::to_owned)
    ]
}

/// Any JSON value, a few levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        words().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::from),
            vec((words(), inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A JSON object, sometimes sent as a string holding it (as the model accepts on input).
pub fn display_data() -> impl Strategy<Value = Value> {
    (vec((words(), json_value()), 0..4), any::<bool>()).prop_map(|(pairs, as_string)| {
        let object = Value::Object(pairs.into_iter().collect::<Map<_, _>>());
        match as_string {
            true => Value::String(object.to_string()),
            false => object,
        }
    })
}

pub fn field() -> impl Strategy<Value = Value> {
    let id = prop_oneof![
        any::<u64>().prop_map(Value::from),
        id().prop_map(Value::from)
    ];
    (id, json_value()).prop_map(|(id, value)| json!({"id": id, "value": value}))
}

/// Inserts `value` at `key` when it is `Some`.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}

pub fn author() -> impl Strategy<Value = Value> {
    (
        words(),
        option::of(words()),
        option::of(good_url()),
        option::of(proptest::sample::select(vec!["en", "fr", "pt-BR", "zh-CN"])),
        option::of(vec(field(), 0..3)),
    )
        .prop_map(|(external_id, name, image_url, locale, fields)| {
            let mut a = Map::new();
            a.insert("external_id".into(), external_id.into());
            put(&mut a, "name", name.map(Value::from));
            put(&mut a, "image_url", image_url.map(Value::from));
            put(&mut a, "locale", locale.map(Value::from));
            put(&mut a, "fields", fields.map(Value::from));
            Value::Object(a)
        })
}

pub fn display_info() -> impl Strategy<Value = Value> {
    (words(), display_data()).prop_map(|(kind, data)| json!({"type": kind, "data": data}))
}

/// A valid external resource, with each optional field present or not (but never both
/// parent_id and thread_id).
pub fn resource() -> impl Strategy<Value = Value> {
    let head = (
        id(),
        option::of(any::<bool>()),
        words(),
        option::of(words()),
        prop_oneof![
            Just((None, None)),
            id().prop_map(|p| (Some(p), None)),
            id().prop_map(|t| (None, Some(t))),
        ],
        created_at(),
    );
    let tail = (
        author(),
        option::of(vec(display_info(), 0..3)),
        option::of(any::<bool>()),
        option::of(vec(field(), 0..3)),
        option::of(vec(good_url(), 0..3)),
    );
    (head, tail).prop_map(
        |(
            (external_id, internal_note, message, html, (parent, thread), created_at),
            (author, display_info, allow_channelback, fields, file_urls),
        )| {
            let mut r = Map::new();
            r.insert("external_id".into(), external_id.into());
            put(&mut r, "internal_note", internal_note.map(Value::from));
            r.insert("message".into(), message.into());
            put(&mut r, "html_message", html.map(Value::from));
            put(&mut r, "parent_id", parent.map(Value::from));
            put(&mut r, "thread_id", thread.map(Value::from));
            r.insert("created_at".into(), created_at.into());
            r.insert("author".into(), author);
            put(&mut r, "display_info", display_info.map(Value::from));
            put(
                &mut r,
                "allow_channelback",
                allow_channelback.map(Value::from),
            );
            put(&mut r, "fields", fields.map(Value::from));
            put(&mut r, "file_urls", file_urls.map(Value::from));
            Value::Object(r)
        },
    )
}

/// A valid push of 1 to 3 resources.
pub fn push() -> impl Strategy<Value = Value> {
    (words(), option::of(id()), vec(resource(), 1..4)).prop_map(
        |(instance_push_id, request_id, resources)| {
            let mut p = Map::new();
            p.insert("instance_push_id".into(), instance_push_id.into());
            put(&mut p, "request_id", request_id.map(Value::from));
            p.insert("external_resources".into(), resources.into());
            Value::Object(p)
        },
    )
}

/// A valid validate_token body.
pub fn validate_token() -> impl Strategy<Value = Value> {
    (words(), option::of(id())).prop_map(|(instance_push_id, request_id)| {
        let mut t = Map::new();
        t.insert("instance_push_id".into(), instance_push_id.into());
        put(&mut t, "request_id", request_id.map(Value::from));
        Value::Object(t)
    })
}

/// A valid report_error body.
pub fn report_error() -> impl Strategy<Value = Value> {
    (
        words(),
        words(),
        option::of(prop_oneof![Just(String::new()), words()]),
        option::of(id()),
    )
        .prop_map(|(instance_push_id, external_id, description, request_id)| {
            let mut e = Map::new();
            e.insert("instance_push_id".into(), instance_push_id.into());
            e.insert("external_id".into(), external_id.into());
            put(&mut e, "description", description.map(Value::from));
            put(&mut e, "request_id", request_id.map(Value::from));
            Value::Object(e)
        })
}

/// A change that may break a rule. `target` picks among the candidates by remainder.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Replaces a string by `length` copies of `fill`.
    Length {
        target: usize,
        length: usize,
        fill: char,
    },
    /// Puts `c` before a string.
    Lead { target: usize, c: char },
    /// Puts `c` after a string.
    Trail { target: usize, c: char },
    /// Puts `c` inside a string, after `at` (modulo its length) characters.
    Insert { target: usize, at: usize, c: char },
    /// Replaces a string by a URL (or a relative reference).
    Url { target: usize, url: String },
    /// Sets both parent_id and thread_id on a resource.
    ParentAndThread { target: usize },
    /// Makes an array hold `limit + over` items (`over` is -1, 0 or 1), copying its first item
    /// (or a valid one, if it is empty). `limit` is the spec's for that array.
    Items { target: usize, over: i8 },
    /// Empties an array.
    NoItems { target: usize },
    /// Makes a display_info's data exactly `limit + over` characters of compact JSON, filling
    /// it with `fill` (which JSON may escape into several characters).
    DataLength { target: usize, over: i8, fill: char },
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let target = any::<usize>();
    prop_oneof![
        3 => (target, prop_oneof![Just(0), proptest::sample::select(BOUNDARY_LENGTHS)], any_char())
            .prop_map(|(target, length, fill)| Mutation::Length { target, length, fill }),
        2 => (target, prop_oneof![pick(WHITESPACE), pick(NOT_WHITESPACE)])
            .prop_map(|(target, c)| Mutation::Lead { target, c }),
        2 => (target, prop_oneof![pick(WHITESPACE), pick(NOT_WHITESPACE)])
            .prop_map(|(target, c)| Mutation::Trail { target, c }),
        2 => (target, any::<usize>(), any_char())
            .prop_map(|(target, at, c)| Mutation::Insert { target, at, c }),
        2 => (target, url()).prop_map(|(target, url)| Mutation::Url { target, url }),
        1 => target.prop_map(|target| Mutation::ParentAndThread { target }),
        1 => (target, -1i8..=1).prop_map(|(target, over)| Mutation::Items { target, over }),
        1 => target.prop_map(|target| Mutation::NoItems { target }),
        1 => (target, -1i8..=1, proptest::sample::select(vec!['x', 'é', '😀', '"', '\u{1}']))
            .prop_map(|(target, over, fill)| Mutation::DataLength { target, over, fill }),
    ]
}

/// Up to `max` mutations.
pub fn mutations(max: usize) -> impl Strategy<Value = Vec<Mutation>> {
    vec(mutation(), 0..=max)
}

/// The pointers of every string a mutation may change: every string but `created_at` (which
/// must stay a date-time to decode) and those inside the free-form `data` and `value` (which
/// no rule looks into; `DataLength` changes `data`).
pub fn string_targets(doc: &Value) -> Vec<String> {
    let mut targets = Vec::new();
    walk(doc, String::new(), &mut |pointer, value| {
        let free_form = pointer.contains("/data") || pointer.contains("/value");
        if value.is_string() && !free_form && !pointer.ends_with("/created_at") {
            targets.push(pointer.to_owned());
        }
    });
    targets
}

/// The URL-like strings: file_urls items, author image_urls and return_urls.
fn url_targets(doc: &Value) -> Vec<String> {
    let targets = string_targets(doc);
    targets
        .into_iter()
        .filter(|p| {
            p.contains("/file_urls/") || p.ends_with("/image_url") || p.ends_with("/return_url")
        })
        .collect()
}

/// Picks one of `pointers` with `target`, giving each field the same chance whatever the number
/// of its instances: first a shape (the pointer with its indices left out), then an instance.
fn choose(pointers: &[String], target: usize) -> Option<String> {
    let shape = |p: &str| -> String {
        p.split('/')
            .filter(|segment| segment.parse::<usize>().is_err())
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut shapes: Vec<String> = pointers.iter().map(|p| shape(p)).collect();
    shapes.sort();
    shapes.dedup();
    let n = shapes.len();
    if n == 0 {
        return None;
    }
    let chosen_shape = &shapes[target % n];
    let instances: Vec<&String> = pointers
        .iter()
        .filter(|p| &shape(p) == chosen_shape)
        .collect();
    Some(instances[(target / n) % instances.len()].clone())
}

/// Calls `f` with each value of `doc` and its pointer, outermost first.
pub fn walk(doc: &Value, pointer: String, f: &mut impl FnMut(&str, &Value)) {
    f(&pointer, doc);
    match doc {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{pointer}/{i}"), f);
            }
        }
        Value::Object(members) => {
            for (key, value) in members {
                let key = key.replace('~', "~0").replace('/', "~1");
                walk(value, format!("{pointer}/{key}"), f);
            }
        }
        _ => {}
    }
}

/// The arrays whose item count the spec limits, with the limit and a valid item to add.
fn array_targets(doc: &Value) -> Vec<(String, usize)> {
    let mut targets = Vec::new();
    walk(doc, String::new(), &mut |pointer, value| {
        if !value.is_array() {
            return;
        }
        let limit = match pointer.rsplit('/').next() {
            Some("external_resources") => 256,
            Some("display_info") => 16,
            Some("fields") => 64,
            Some("file_urls") => 10,
            _ => return,
        };
        targets.push((pointer.to_owned(), limit));
    });
    targets
}

fn resource_targets(doc: &Value) -> Vec<String> {
    let count = doc["external_resources"].as_array().map_or(0, Vec::len);
    (0..count)
        .map(|i| format!("/external_resources/{i}"))
        .collect()
}

fn data_targets(doc: &Value) -> Vec<String> {
    let mut targets = Vec::new();
    walk(doc, String::new(), &mut |pointer, value| {
        if pointer.ends_with("/data") && (value.is_object() || value.is_string()) {
            targets.push(pointer.to_owned());
        }
    });
    targets
}

fn chosen<T: Clone>(candidates: &[T], target: usize) -> Option<T> {
    match candidates.len() {
        0 => None,
        n => Some(candidates[target % n].clone()),
    }
}

fn edit_string(doc: &mut Value, target: usize, edit: impl FnOnce(&str) -> String) {
    edit_string_among(doc, &string_targets(doc), target, edit);
}

fn edit_string_among(
    doc: &mut Value,
    targets: &[String],
    target: usize,
    edit: impl FnOnce(&str) -> String,
) {
    if let Some(pointer) = choose(targets, target) {
        let slot = doc.pointer_mut(&pointer).expect("a target resolves");
        let new = edit(slot.as_str().expect("a string target"));
        *slot = Value::String(new);
    }
}

/// A valid item for an array that is empty.
fn valid_item(pointer: &str) -> Value {
    let at = "2015-09-08T22:48:09Z";
    match pointer.rsplit('/').next() {
        Some("external_resources") => json!({
            "external_id": "r", "message": "m", "created_at": at, "author": {"external_id": "u"}
        }),
        Some("display_info") => json!({"type": "t", "data": {}}),
        Some("fields") => json!({"id": 1, "value": null}),
        _ => json!("https://example.com/f"),
    }
}

/// Applies `mutation` to `doc`; a mutation with nothing to act on does nothing.
pub fn apply(doc: &mut Value, mutation: &Mutation) {
    match *mutation {
        Mutation::Length {
            target,
            length,
            fill,
        } => edit_string(doc, target, |_| std::iter::repeat_n(fill, length).collect()),
        Mutation::Lead { target, c } => edit_string(doc, target, |s| format!("{c}{s}")),
        Mutation::Trail { target, c } => edit_string(doc, target, |s| format!("{s}{c}")),
        Mutation::Insert { target, at, c } => edit_string(doc, target, |s| {
            let count = s.chars().count();
            let at = if count == 0 { 0 } else { at % (count + 1) };
            let mut chars: Vec<char> = s.chars().collect();
            chars.insert(at, c);
            chars.into_iter().collect()
        }),
        Mutation::Url { target, ref url } => {
            let targets = match url_targets(doc) {
                urls if urls.is_empty() => string_targets(doc),
                urls => urls,
            };
            edit_string_among(doc, &targets, target, |_| url.clone());
        }
        Mutation::ParentAndThread { target } => {
            if let Some(pointer) = chosen(&resource_targets(doc), target) {
                let r = doc.pointer_mut(&pointer).and_then(Value::as_object_mut);
                let r = r.expect("a resource is an object");
                r.entry("parent_id").or_insert_with(|| "parent".into());
                r.entry("thread_id").or_insert_with(|| "thread".into());
            }
        }
        Mutation::Items { target, over } => {
            let arrays = array_targets(doc);
            let pointers: Vec<String> = arrays.iter().map(|(p, _)| p.clone()).collect();
            if let Some(pointer) = choose(&pointers, target) {
                let limit = arrays
                    .iter()
                    .find(|(p, _)| *p == pointer)
                    .map_or(0, |a| a.1);
                let items = doc.pointer_mut(&pointer).and_then(Value::as_array_mut);
                let items = items.expect("an array target");
                // Resources are padded with a small valid one, to keep a case cheap; the other
                // arrays with copies of their first item, whose violations then repeat.
                let item = match items.first() {
                    Some(first) if limit != 256 => first.clone(),
                    _ => valid_item(&pointer),
                };
                let count = (limit as isize + isize::from(over)) as usize;
                items.resize(count, item);
            }
        }
        Mutation::NoItems { target } => {
            let arrays = array_targets(doc);
            let pointers: Vec<String> = arrays.into_iter().map(|(p, _)| p).collect();
            if let Some(pointer) = choose(&pointers, target) {
                *doc.pointer_mut(&pointer).expect("an array target") = json!([]);
            }
        }
        Mutation::DataLength { target, over, fill } => {
            if let Some(pointer) = chosen(&data_targets(doc), target) {
                let total = (65535 + isize::from(over)) as usize;
                *doc.pointer_mut(&pointer).expect("a data target") = data_of_length(total, fill);
            }
        }
    }
}

/// `{"k":"…"}` whose compact JSON text is exactly `total` characters, mostly `fill`.
pub fn data_of_length(total: usize, fill: char) -> Value {
    // `{"k":""}` is 8 characters; each `fill` adds as many as JSON writes for it.
    let per = serde_json::to_string(&fill.to_string())
        .expect("a string serializes")
        .chars()
        .count()
        - 2;
    let room = total - 8;
    let mut s: String = std::iter::repeat_n(fill, room / per).collect();
    s.extend(std::iter::repeat_n('x', room % per));
    json!({ "k": s })
}

/// A document from `base` with `mutations` applied.
pub fn mutated(
    base: impl Strategy<Value = Value>,
    max_mutations: usize,
) -> impl Strategy<Value = Value> {
    (base, mutations(max_mutations)).prop_map(|(mut doc, mutations)| {
        for mutation in &mutations {
            apply(&mut doc, mutation);
        }
        doc
    })
}

/// Stored JSON text: empty, or a small JSON object as an integration writes it.
fn stored_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        vec((words(), words()), 0..3).prop_map(|pairs| Value::Object(
            pairs.into_iter().map(|(k, v)| (k, v.into())).collect()
        )
        .to_string()),
    ]
}

/// Zendesk's `return_url`s: absolute https URLs.
pub fn return_url() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "https://example.zendesk.com/zendesk/channels/integration_service_instances/editor_finalizer",
        "HTTPS://EXAMPLE.ZENDESK.COM/r?a=1&b=2",
        "https://中文.example/ü#x",
    ])
    .prop_map(str::to_owned)
}

/// A valid admin UI answer.
pub fn return_form() -> impl Strategy<Value = Value> {
    (
        words(),
        option::of(stored_text()),
        option::of(stored_text()),
        return_url(),
    )
        .prop_map(|(name, metadata, state, return_url)| {
            let mut f = Map::new();
            f.insert("name".into(), name.into());
            put(&mut f, "metadata", metadata.map(Value::from));
            put(&mut f, "state", state.map(Value::from));
            f.insert("return_url".into(), return_url.into());
            Value::Object(f)
        })
}

/// A valid admin UI request, as JSON.
pub fn admin_ui() -> impl Strategy<Value = Value> {
    (
        option::of(words()),
        option::of(stored_text()),
        option::of(stored_text()),
        return_url(),
        id(),
        option::of(id()),
    )
        .prop_map(|(name, metadata, state, return_url, push_id, token)| {
            let mut r = Map::new();
            put(&mut r, "name", name.map(Value::from));
            put(&mut r, "metadata", metadata.map(Value::from));
            put(&mut r, "state", state.map(Value::from));
            r.insert("return_url".into(), return_url.into());
            r.insert("subdomain".into(), "example".into());
            r.insert("locale".into(), "pt-BR".into());
            put(&mut r, "instance_push_id", Some(push_id.into()));
            put(&mut r, "zendesk_access_token", token.map(Value::from));
            Value::Object(r)
        })
}

/// A valid pull request form, as JSON.
pub fn pull_request() -> impl Strategy<Value = Value> {
    (option::of(stored_text()), option::of(stored_text())).prop_map(|(metadata, state)| {
        let mut r = Map::new();
        put(&mut r, "metadata", metadata.map(Value::from));
        put(&mut r, "state", state.map(Value::from));
        Value::Object(r)
    })
}

/// A valid clickthrough query, as JSON.
pub fn clickthrough() -> impl Strategy<Value = Value> {
    words().prop_map(|external_id| json!({ "external_id": external_id }))
}
