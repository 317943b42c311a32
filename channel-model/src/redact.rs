//! `Debug` output that shows the shape of private text, never the text (the policy is on the
//! crate root, "What `Debug` shows").

use std::fmt;

use serde_json::{Map, Value};

/// Shows a text as its length in characters: `<redacted, 12 chars>`.
pub(crate) struct Chars<'a>(pub(crate) &'a str);

impl fmt::Debug for Chars<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted, {} chars>", self.0.chars().count())
    }
}

/// Shows an optional text as `None` or `Some(<redacted, N chars>)`.
pub(crate) fn chars(text: Option<&str>) -> Option<Chars<'_>> {
    text.map(Chars)
}

/// Shows texts as a list of their lengths: `[<redacted, 12 chars>, ...]`.
pub(crate) struct Texts<'a>(pub(crate) &'a [String]);

impl fmt::Debug for Texts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|text| Chars(text)))
            .finish()
    }
}

/// Shows optional texts as `None` or `Some([<redacted, N chars>, ...])`.
pub(crate) fn texts(texts: Option<&[String]>) -> Option<Texts<'_>> {
    texts.map(Texts)
}

/// Shows a JSON value as its type and size: `<redacted object, 2 members>`, `null`.
pub(crate) struct Json<'a>(pub(crate) &'a Value);

impl fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(_) => f.write_str("<redacted boolean>"),
            Value::Number(_) => f.write_str("<redacted number>"),
            Value::String(text) => write!(f, "<redacted string, {} chars>", text.chars().count()),
            Value::Array(items) => write!(f, "<redacted array, {} items>", items.len()),
            Value::Object(members) => JsonObject(members).fmt(f),
        }
    }
}

/// Shows a JSON object as its number of members: `<redacted object, 2 members>`.
pub(crate) struct JsonObject<'a>(pub(crate) &'a Map<String, Value>);

impl fmt::Debug for JsonObject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted object, {} members>", self.0.len())
    }
}
