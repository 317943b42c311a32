//! An independent checker of push, validate_token and report_error documents, and of the
//! forms Zendesk posts (pull request, clickthrough, admin UI) and the admin UI's answer,
//! written from Zendesk's rules alone, over `serde_json::Value`: no derive, no model type.
//!
//! It returns the set of `(JSON Pointer, code)` that the spec calls for:
//! - "non-empty" (the schema's `minLength: 1`): an empty required value is `required`, an
//!   optional value that is present but empty is `non_empty`;
//! - lengths count characters (Unicode scalar values) or items: `max_length`;
//! - "ASCII only": `ascii`;
//! - "trimmed": no leading or trailing Unicode `White_Space` (`char::is_whitespace`): `trimmed`;
//! - "https URL": `https` (see [`https_url`]);
//! - parent_id and thread_id: "at most one of the two", reported on the resource: `exclusive`;
//! - `display_info.data`: its compact JSON text is at most 65535 characters: `max_length` at
//!   `.../data`.
//!
//! Only what `validate()` can see is checked: documents are expected to decode (required keys
//! present, right types, `created_at` in RFC 3339), and JSON `null` is not generated.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The `(pointer, code)` pairs a document breaks.
pub type Found = BTreeSet<(String, &'static str)>;

/// The rules of one string field.
#[derive(Clone, Copy, Default)]
struct Text {
    required: bool,
    non_empty: bool,
    max: usize,
    ascii: bool,
    trimmed: bool,
    https: bool,
}

const fn text(max: usize) -> Text {
    Text {
        required: false,
        non_empty: false,
        max,
        ascii: false,
        trimmed: false,
        https: false,
    }
}

impl Text {
    /// The same rules, and the value required (present and not empty).
    const fn required(self) -> Text {
        Text {
            required: true,
            ..self
        }
    }
}

/// required, non-empty, ≤ max
const fn required(max: usize) -> Text {
    Text {
        required: true,
        ..text(max)
    }
}

/// optional; non-empty, ≤ max
const fn optional(max: usize) -> Text {
    Text {
        non_empty: true,
        ..text(max)
    }
}

struct Checker {
    found: Found,
}

impl Checker {
    fn add(&mut self, pointer: &str, code: &'static str) {
        self.found.insert((pointer.to_owned(), code));
    }

    /// A string field `key` of `object` at `at`, if present.
    fn text(&mut self, object: &Map<String, Value>, at: &str, key: &str, rule: Text) {
        let pointer = format!("{at}/{key}");
        let Some(value) = object.get(key) else {
            if rule.required {
                self.add(&pointer, "required");
            }
            return;
        };
        let Some(s) = value.as_str() else {
            panic!("{pointer}: the oracle only checks strings here, got {value}");
        };
        self.string(&pointer, s, rule);
    }

    fn string(&mut self, pointer: &str, s: &str, rule: Text) {
        if s.is_empty() {
            if rule.required {
                self.add(pointer, "required");
            } else if rule.non_empty {
                self.add(pointer, "non_empty");
            }
        }
        if s.chars().count() > rule.max {
            self.add(pointer, "max_length");
        }
        if rule.ascii && !s.is_ascii() {
            self.add(pointer, "ascii");
        }
        let edge_is_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
        if rule.trimmed && (edge_is_space(s.chars().next()) || edge_is_space(s.chars().last())) {
            self.add(pointer, "trimmed");
        }
        // An empty text is not a URL either; it is reported once, as `required` or `non_empty`.
        if rule.https && !s.is_empty() && !https_url(s) {
            self.add(pointer, "https");
        }
    }

    /// An array field `key` of `object` at `at`, if present: its count, then each item.
    fn array<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        at: &str,
        key: &str,
        required: bool,
        max_items: usize,
    ) -> Vec<(String, &'v Value)> {
        let pointer = format!("{at}/{key}");
        let Some(value) = object.get(key) else {
            if required {
                self.add(&pointer, "required");
            }
            return Vec::new();
        };
        let items = value.as_array().expect("the oracle checks arrays here");
        if required && items.is_empty() {
            self.add(&pointer, "required");
        }
        if items.len() > max_items {
            self.add(&pointer, "max_length");
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("{pointer}/{i}"), item))
            .collect()
    }
}

/// What `doc`, an object, breaks of the `rules` of its root.
fn check(doc: &Value, rules: impl FnOnce(&mut Checker, &Map<String, Value>)) -> Found {
    let mut c = Checker {
        found: Found::new(),
    };
    rules(&mut c, object(doc, ""));
    c.found
}

fn object<'v>(value: &'v Value, at: &str) -> &'v Map<String, Value> {
    match value.as_object() {
        Some(object) => object,
        None => panic!("{at}: the oracle expects an object"),
    }
}

/// "https URL" (rules.md): an absolute URL must have the scheme `https` and a valid host; a
/// relative reference passes; the empty string does not. "Absolute" is RFC 3986's: a scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, compared without case, §3.1) and `:`; the
/// host is the authority's (`//` up to `/`, `?`, `#`, or `\` as WHATWG reads https URLs)
/// after any userinfo (`…@`) and before any port (`:…`), or inside `[…]`. A valid host holds,
/// once percent-decoded, none of WHATWG's forbidden domain code points (controls, space, `#`,
/// `%`, `/`, `:`, `<`, `>`, `?`, `@`, `[`, `\`, `]`, `^`, `|`, DEL); an IP literal is closed
/// and holds an IPv6 address; a port is digits, at most 65535.
///
/// Also encoded, as `channel_model::rules::is_https_url` documents it (URL parsers skip leading
/// C0 controls and spaces, and drop tabs and line breaks anywhere): leading characters up to
/// U+0020 are skipped before looking for the scheme, and a URL holding a tab, CR or LF fails.
pub fn https_url(url: &str) -> bool {
    let stripped = |c: char| c <= '\u{20}';
    if url.is_empty() || url.trim_matches(stripped) != url || url.contains(['\t', '\n', '\r']) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return true;
    };
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return true;
    }
    if !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = after_slashes
        .split(['/', '?', '#', '\\'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if let Some(ip_literal) = host_port.strip_prefix('[') {
        let Some((address, after)) = ip_literal.split_once(']') else {
            return false;
        };
        let ipv6 = !address.is_empty()
            && address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(port);
        return ipv6 && port_ok;
    }
    let (host, port_text) = host_port.split_once(':').unwrap_or((host_port, ""));
    !host.is_empty() && domain(host) && port(port_text)
}

/// A host name once percent-decoded holds no forbidden domain code point.
fn domain(host: &str) -> bool {
    let bytes = host.as_bytes();
    let mut decoded = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let Some(hex) = host.get(i + 1..i + 3) else {
                return false;
            };
            let Ok(byte) = u8::from_str_radix(hex, 16) else {
                return false;
            };
            if hex.starts_with(['+', '-']) {
                return false;
            }
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    !decoded
        .iter()
        .any(|&b| b <= 0x20 || b == 0x7F || b"#%/:<>?@[\\]^|".contains(&b))
}

/// A port is empty or digits of a value up to 65535.
fn port(text: &str) -> bool {
    text.is_empty()
        || (text.bytes().all(|b| b.is_ascii_digit())
            && text.trim_start_matches('0').len() <= 5
            && text.parse::<u32>().is_ok_and(|port| port <= 65535))
}

/// The rules of a push request (`POST /api/v2/any_channel/push`).
pub fn push(doc: &Value) -> Found {
    check(doc, |c, root| {
        c.text(root, "", "instance_push_id", required(255));
        c.text(root, "", "request_id", optional(64));
        for (at, resource) in c.array(root, "", "external_resources", true, 256) {
            external_resource(c, &at, object(resource, &at));
        }
    })
}

fn external_resource(c: &mut Checker, at: &str, r: &Map<String, Value>) {
    c.text(
        r,
        at,
        "external_id",
        Text {
            ascii: true,
            trimmed: true,
            ..required(255)
        },
    );
    c.text(r, at, "message", required(65535));
    c.text(r, at, "html_message", optional(65535));
    let id = Text {
        trimmed: true,
        ..optional(255)
    };
    c.text(r, at, "parent_id", id);
    c.text(r, at, "thread_id", id);
    let author_at = format!("{at}/author");
    author(c, &author_at, object(&r["author"], &author_at));
    for (at, info) in c.array(r, at, "display_info", false, 16) {
        display_info(c, &at, object(info, &at));
    }
    for (at, field) in c.array(r, at, "fields", false, 64) {
        field_rules(c, &at, object(field, &at));
    }
    // Each item is present: an empty one is reported as `non_empty` (rules.md).
    let url = Text {
        https: true,
        ..optional(511)
    };
    for (at, item) in c.array(r, at, "file_urls", false, 10) {
        c.string(&at, item.as_str().expect("file_urls holds strings"), url);
    }
    // "parent_id + thread_id: at most one of the two", on the resource.
    if r.contains_key("parent_id") && r.contains_key("thread_id") {
        c.add(at, "exclusive");
    }
}

fn author(c: &mut Checker, at: &str, a: &Map<String, Value>) {
    c.text(
        a,
        at,
        "external_id",
        Text {
            trimmed: true,
            ..required(255)
        },
    );
    c.text(a, at, "name", optional(255));
    c.text(a, at, "image_url", optional(255));
    c.text(a, at, "locale", optional(255));
    for (at, field) in c.array(a, at, "fields", false, 64) {
        field_rules(c, &at, object(field, &at));
    }
}

fn display_info(c: &mut Checker, at: &str, d: &Map<String, Value>) {
    c.text(d, at, "type", required(255));
    // "data: required; a JSON object; serialized ≤ 65535 characters", and on input "either an
    // object or a string that holds a JSON object".
    let data = match &d["data"] {
        Value::String(text) => serde_json::from_str(text).expect("data holds a JSON object"),
        other => other.clone(),
    };
    assert!(data.is_object(), "{at}/data: the oracle expects an object");
    let compact = serde_json::to_string(&data).expect("JSON serializes");
    if compact.chars().count() > 65535 {
        c.add(&format!("{at}/data"), "max_length");
    }
}

fn field_rules(c: &mut Checker, at: &str, f: &Map<String, Value>) {
    // "id: required; an integer, or a non-empty string ≤ 255"
    match &f["id"] {
        Value::String(name) => c.string(&format!("{at}/id"), name, required(255)),
        Value::Number(n) => assert!(n.is_u64(), "{at}/id: the oracle expects a whole number"),
        other => panic!("{at}/id: the oracle expects an integer or a string, got {other}"),
    }
}

/// The rules of `POST /api/v2/any_channel/validate_token`.
pub fn validate_token(doc: &Value) -> Found {
    check(doc, |c, root| {
        c.text(root, "", "instance_push_id", required(255));
        c.text(root, "", "request_id", optional(64));
    })
}

/// The rules of `POST /api/v2/any_channel/channelback/report_error`.
pub fn report_error(doc: &Value) -> Found {
    check(doc, |c, root| {
        c.text(root, "", "instance_push_id", required(255));
        let id = Text {
            trimmed: true,
            ..required(255)
        };
        c.text(root, "", "external_id", id);
        c.text(root, "", "description", text(511));
        c.text(root, "", "request_id", optional(64));
    })
}

/// The rules of the admin UI's answer ([`channel_model::ReturnForm`]): those of the admin UI
/// request ([`admin_ui`]), the name required, and no NUL in what the HTML form carries, its
/// action included (`html_text`).
pub fn return_form(doc: &Value) -> Found {
    check(doc, |c, root| {
        admin_ui_rules(c, root);
        c.text(root, "", "name", text(usize::MAX).required());
        for key in ["name", "metadata", "state", "return_url"] {
            if root
                .get(key)
                .and_then(Value::as_str)
                .is_some_and(|s| s.contains('\0'))
            {
                c.add(&format!("/{key}"), "html_text");
            }
        }
    })
}

/// The rules of the admin UI request: `metadata` and `state` ≤ 5000, `return_url` required and
/// an absolute https URL.
pub fn admin_ui(doc: &Value) -> Found {
    check(doc, admin_ui_rules)
}

fn admin_ui_rules(c: &mut Checker, root: &Map<String, Value>) {
    metadata_and_state(c, root);
    let url = Text {
        https: true,
        ..text(usize::MAX).required()
    };
    c.text(root, "", "return_url", url);
    if root
        .get("return_url")
        .and_then(Value::as_str)
        .is_some_and(relative_https_url)
    {
        c.add("/return_url", "absolute_url");
    }
}

/// Whether `url`, one that Zendesk sends, breaks `absolute_url`: it passes the https rule as
/// a relative reference. An empty or non-https URL is reported by `required` or `https` alone.
pub fn relative_https_url(url: &str) -> bool {
    let absolute = url.to_ascii_lowercase().starts_with("https:");
    !url.is_empty() && https_url(url) && !absolute
}

/// The rules of the pull request form: `metadata` and `state` ≤ 5000.
pub fn pull_request(doc: &Value) -> Found {
    check(doc, metadata_and_state)
}

/// `metadata` and `state`, of the pull request and admin UI forms: at most 5000 characters.
fn metadata_and_state(c: &mut Checker, root: &Map<String, Value>) {
    c.text(root, "", "metadata", text(5000));
    c.text(root, "", "state", text(5000));
}

/// The rules of the clickthrough query: `external_id` required, ≤ 255.
pub fn clickthrough(doc: &Value) -> Found {
    check(doc, |c, root| {
        c.text(root, "", "external_id", text(255).required());
    })
}
