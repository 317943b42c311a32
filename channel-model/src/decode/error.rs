//! [`DecodeError`]: why a document could not be decoded, without a word of its content.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::error::Category;

use super::tracker::DUPLICATE_KEY;
#[cfg(feature = "form")]
use crate::FormError;
use crate::{Path, PathSegment};

/// What kind of problem made a document undecodable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeCategory {
    /// The input could not be read. Code `io`.
    Io,
    /// The text is not JSON (including trailing content and invalid UTF-8). Code `syntax`.
    Syntax,
    /// The text ends before its JSON does, or holds no JSON at all. Code `eof`.
    Eof,
    /// The JSON nests deeper than serde_json's limit of 128 levels. Code `too_deep`.
    TooDeep,
    /// A value of the wrong JSON type: a number for a string, an array for an object.
    /// Code `type`.
    Type,
    /// A value of the right type that the target refuses: an RFC 3339 date-time that is
    /// not one, `display_info.data` that is not an object. Code `value`.
    Value,
    /// An array or tuple with the wrong number of items. Code `invalid_length`.
    InvalidLength,
    /// A required key is absent. Code `missing_field`.
    MissingField,
    /// A key the target does not allow (`#[serde(deny_unknown_fields)]`). Code
    /// `unknown_field`.
    UnknownField,
    /// An enum variant the target does not know. Code `unknown_variant`.
    UnknownVariant,
    /// An object has the same key twice. Code `duplicate_key`.
    DuplicateKey,
}

impl DecodeCategory {
    /// The stable code, e.g. `missing_field`.
    pub const fn code(self) -> &'static str {
        match self {
            DecodeCategory::Io => "io",
            DecodeCategory::Syntax => "syntax",
            DecodeCategory::Eof => "eof",
            DecodeCategory::TooDeep => "too_deep",
            DecodeCategory::Type => "type",
            DecodeCategory::Value => "value",
            DecodeCategory::InvalidLength => "invalid_length",
            DecodeCategory::MissingField => "missing_field",
            DecodeCategory::UnknownField => "unknown_field",
            DecodeCategory::UnknownVariant => "unknown_variant",
            DecodeCategory::DuplicateKey => "duplicate_key",
        }
    }
}

impl fmt::Display for DecodeCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a document could not be decoded: where, what kind of problem, and a message that
/// names types, keys of the model and positions, never a value of the input.
///
/// `Display` writes `pointer: message at line L, column C` (without the pointer at the
/// root, without the position when there is none); `Serialize` writes an object with `path`,
/// `category`, `message`, `line` and `column`.
///
/// ```
/// use channel_model::{DecodeCategory, PushRequest};
///
/// let text = r#"{"instance_push_id": "acct", "external_resources": [
///     {"external_id": "m1", "message": "Call me on 555-0100", "internal_note": "yes"}]}"#;
/// let error = channel_model::from_str::<PushRequest>(text).unwrap_err();
/// assert_eq!(error.path().to_string(), "/external_resources/0/internal_note");
/// assert_eq!(error.category(), DecodeCategory::Type);
/// assert_eq!(
///     error.to_string(),
///     "/external_resources/0/internal_note: invalid type: a string, expected a boolean \
///      at line 2, column 82"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    path: Path,
    category: DecodeCategory,
    message: String,
    line: usize,
    column: usize,
}

impl DecodeError {
    /// The error serde_json returned, at `path` (where the tracker followed decoding to, and
    /// whether that is in free-form data); `started` says whether any value was read before
    /// it.
    pub(super) fn new(
        error: &serde_json::Error,
        (mut path, free): (Vec<PathSegment>, bool),
        started: bool,
    ) -> Self {
        let category = category_of(error);
        // A struct's `Deserialize` refuses a field it reads twice where the struct is, naming
        // the field (serde's derive says `duplicate field `name``, the name on the wire): the
        // error is at the key, unless the struct is in free-form data, whose keys are data.
        if let (DecodeCategory::DuplicateKey, false) = (category, free) {
            let text = message(error);
            let field = text.strip_prefix("duplicate field `");
            if let Some(field) = field.and_then(|field| field.strip_suffix('`')) {
                path.push(PathSegment::Key(field.to_owned().into()));
            }
        }
        let message = match category {
            DecodeCategory::Eof if !started => "the document is empty".to_owned(),
            // serde's derive says `duplicate field `name``: the path names the key already.
            DecodeCategory::DuplicateKey => DUPLICATE_KEY.to_owned(),
            _ => message(error),
        };
        DecodeError {
            path: Path::from(path),
            category,
            message,
            line: error.line(),
            column: column(error),
        }
    }

    /// Where in the document the problem is, as a JSON Pointer in wire names. It never goes
    /// below the start of free-form data (a field's `value`, `display_info` `data`, a map),
    /// whose keys are data.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What kind of problem it is.
    pub fn category(&self) -> DecodeCategory {
        self.category
    }

    /// What is wrong, e.g. `invalid type: an integer, expected a string`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line of the problem in the text, from 1; 0 when it is not at a place in the
    /// text (an I/O error).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the problem in the text, in bytes from 1; 0 when it is not at a place
    /// in the text.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if self.line > 0 {
            write!(f, " at line {}, column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

impl Serialize for DecodeError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("category", self.category.code())?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("line", &self.line)?;
        map.serialize_entry("column", &self.column)?;
        map.end()
    }
}

/// The column of `error`, from 1. serde_json gives the number of bytes read on the line,
/// which is 0 when a value at the start of a line is rejected before it is read.
fn column(error: &serde_json::Error) -> usize {
    match error.line() {
        0 => 0,
        _ => error.column().max(1),
    }
}

/// The category of an error serde_json made, or that a `Deserialize` impl made through it.
/// serde's `de::Error` constructors each start their message with fixed words.
fn category_of(error: &serde_json::Error) -> DecodeCategory {
    match error.classify() {
        Category::Io => DecodeCategory::Io,
        Category::Eof => DecodeCategory::Eof,
        Category::Syntax if message(error) == "recursion limit exceeded" => DecodeCategory::TooDeep,
        Category::Syntax => DecodeCategory::Syntax,
        Category::Data => {
            let text = error.to_string();
            if text.starts_with(DUPLICATE_KEY) {
                return DecodeCategory::DuplicateKey;
            }
            let kinds = [
                ("invalid type: ", DecodeCategory::Type),
                ("invalid value: ", DecodeCategory::Value),
                ("invalid length ", DecodeCategory::InvalidLength),
                ("missing field ", DecodeCategory::MissingField),
                ("unknown field ", DecodeCategory::UnknownField),
                ("unknown variant ", DecodeCategory::UnknownVariant),
                ("duplicate field ", DecodeCategory::DuplicateKey),
            ];
            kinds
                .into_iter()
                .find(|(prefix, _)| text.starts_with(prefix))
                .map_or(DecodeCategory::Value, |(_, category)| category)
        }
    }
}

/// serde_json's message without its position suffix, and with any quoted value left out:
/// `invalid type: string "…", expected a boolean` becomes
/// `invalid type: a string, expected a boolean`, and `unknown variant `…`, expected one of
/// `a`, `b`` becomes `unknown variant, expected one of `a`, `b``. An unknown field's name is
/// left out the same way: it is the input's, not the target's, and may be anything.
fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let text = text.strip_suffix(&suffix).unwrap_or(&text);
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            // The value comes first and may itself hold `, expected `: split at the last one.
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return format!("{prefix}{}, expected {expected}", redact(found));
            }
        }
    }
    for unknown in ["unknown variant", "unknown field"] {
        if let Some(rest) = text.strip_prefix(unknown).and_then(|r| r.strip_prefix(' ')) {
            // serde's message for a type without variants or fields.
            let none = [", there are no variants", ", there are no fields"]
                .into_iter()
                .find(|none| rest.ends_with(none));
            return match (none, rest.rsplit_once(", expected ")) {
                (Some(none), _) => format!("{unknown}{none}"),
                (None, Some((_, expected))) => format!("{unknown}, expected {expected}"),
                (None, None) => unknown.to_owned(),
            };
        }
    }
    text.to_owned()
}

/// What serde's `Unexpected` wrote, without the value: `string "…"` → `a string`.
fn redact(found: &str) -> String {
    let kinds = [
        ("string", "a string"),
        ("integer", "an integer"),
        ("floating point", "a number"),
        ("boolean", "a boolean"),
        ("character", "a character"),
    ];
    for (kind, name) in kinds {
        if found.starts_with(kind) {
            return name.to_owned();
        }
    }
    // The other kinds (`null`, `map`, `sequence`, ...) carry no value; should one ever come
    // quoted, what is quoted is left out.
    let words = found.split(['`', '"']).next().unwrap_or_default();
    words.trim_end().to_owned()
}

/// A form (or query string) that could not be decoded, as a decoding error: at the field, or
/// at the root for a missing one; no line or column, since a form has one line.
#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
impl From<FormError> for DecodeError {
    fn from(error: FormError) -> Self {
        let (field, category) = match error {
            FormError::Missing { .. } => (None, DecodeCategory::MissingField),
            FormError::Repeated { field } => (Some(field), DecodeCategory::DuplicateKey),
            FormError::NotUtf8 { field, .. } => (Some(field), DecodeCategory::Syntax),
        };
        let path = field.map_or_else(Vec::new, |field| vec![PathSegment::Key(field.into())]);
        DecodeError {
            path: Path::from(path),
            category,
            message: error.to_string(),
            line: 0,
            column: 0,
        }
    }
}
