//! One broken rule: where, which rule, and the parameters that explain it.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::path::Path;

/// What a length counts: characters of a string or items of a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LengthUnit {
    /// Unicode scalar values (Rust `char`s), as JSON Schema's `maxLength` counts them.
    Characters,
    /// Items of an array, set or map.
    Items,
}

impl LengthUnit {
    /// The unit's name: `characters` or `items`.
    pub const fn as_str(self) -> &'static str {
        match self {
            LengthUnit::Characters => "characters",
            LengthUnit::Items => "items",
        }
    }
}

/// The error a [`custom`](crate::Validate#custom-rules) rule returns: a stable code and a
/// readable message.
///
/// The message must not quote the offending value: payloads carry customers' private
/// messages, and violations end up in logs.
///
/// ```
/// use channel_model::CustomError;
///
/// fn locale(value: &str) -> Result<(), CustomError> {
///     if value.contains('_') {
///         return Err(CustomError::new("locale", "must use `-` between language and region"));
///     }
///     Ok(())
/// }
/// assert_eq!(locale("pt_BR").unwrap_err().code(), "locale");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomError {
    code: Cow<'static, str>,
    message: Cow<'static, str>,
}

impl CustomError {
    /// A custom error with a stable machine-readable `code` and a human-readable `message`.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Self {
        CustomError {
            code: code.into(),
            message: message.into(),
        }
    }

    /// The stable code, e.g. `locale`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The readable message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CustomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CustomError {}

/// Which rule a value broke, with the parameters that explain it (never the value itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A required value is missing (`None`) or empty. Code `required`.
    Required,
    /// An optional value is present but empty. Code `non_empty`.
    NonEmpty,
    /// A string has more characters, or a collection more items, than allowed. Code `max_length`.
    MaxLength {
        /// The largest length allowed.
        max: usize,
        /// The value's length.
        actual: usize,
        /// What the lengths count.
        unit: LengthUnit,
    },
    /// A string holds a character that is not ASCII. Code `ascii`.
    Ascii {
        /// The index, in characters from 0, of the first character that is not ASCII.
        position: usize,
    },
    /// A string begins or ends with whitespace. Code `trimmed`.
    Trimmed {
        /// The index, in characters from 0, of the first whitespace character that
        /// leads or trails.
        position: usize,
    },
    /// An absolute URL whose scheme is not `https` or that has no host. Code `https`.
    Https,
    /// More than one field of an exclusive group is set. Code `exclusive`.
    Exclusive {
        /// The wire names of the fields that are set together, in declaration order.
        fields: Vec<&'static str>,
    },
    /// A custom rule failed; its code is the custom error's own.
    Custom(CustomError),
}

impl ViolationKind {
    /// The stable code: `required`, `non_empty`, `max_length`, `ascii`, `trimmed`, `https`,
    /// `exclusive`, or a custom rule's own code.
    pub fn code(&self) -> &str {
        match self {
            ViolationKind::Required => "required",
            ViolationKind::NonEmpty => "non_empty",
            ViolationKind::MaxLength { .. } => "max_length",
            ViolationKind::Ascii { .. } => "ascii",
            ViolationKind::Trimmed { .. } => "trimmed",
            ViolationKind::Https => "https",
            ViolationKind::Exclusive { .. } => "exclusive",
            ViolationKind::Custom(error) => error.code(),
        }
    }
}

impl fmt::Display for ViolationKind {
    /// The readable message, e.g. `must be at most 255 characters (got 300)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViolationKind::Required => f.write_str("is required and must not be empty"),
            ViolationKind::NonEmpty => f.write_str("must not be empty"),
            ViolationKind::MaxLength { max, actual, unit } => match unit {
                LengthUnit::Characters => {
                    write!(f, "must be at most {max} characters (got {actual})")
                }
                LengthUnit::Items => write!(f, "must have at most {max} items (got {actual})"),
            },
            ViolationKind::Ascii { position } => write!(
                f,
                "must contain only ASCII characters (character {position} is not ASCII)"
            ),
            ViolationKind::Trimmed { position } => write!(
                f,
                "must not begin or end with whitespace (character {position} is whitespace)"
            ),
            ViolationKind::Https => f.write_str(
                "must be an https URL (an absolute URL needs the https scheme and a host)",
            ),
            ViolationKind::Exclusive { fields } => {
                f.write_str("at most one may be set, but these are all set: ")?;
                write_list(f, fields)
            }
            ViolationKind::Custom(error) => f.write_str(error.message()),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

/// A rule that a value broke, and where that value is.
///
/// ```
/// use channel_model::Validate;
///
/// #[derive(Validate)]
/// struct Author {
///     #[validate(max_length = 5)]
///     name: String,
/// }
///
/// let errors = Author { name: "Ada Lovelace".into() }.validate().unwrap_err();
/// let violation = errors.iter().next().unwrap();
/// assert_eq!(violation.path().to_string(), "/name");
/// assert_eq!(violation.code(), "max_length");
/// assert_eq!(violation.to_string(), "/name: must be at most 5 characters (got 12)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    path: Path,
    kind: ViolationKind,
}

impl Violation {
    /// A violation of `kind` at `path`.
    pub fn new(path: Path, kind: ViolationKind) -> Self {
        Violation { path, kind }
    }

    /// Where the offending value is; its `Display` is a JSON Pointer.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The rule that was broken, with its parameters.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }

    /// The stable code of the rule, e.g. `max_length`.
    pub fn code(&self) -> &str {
        self.kind.code()
    }
}

impl fmt::Display for Violation {
    /// `pointer: message`, or the message alone for the document's root.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl Serialize for Violation {
    /// An object with `path`, `code` and `message`, then the rule's parameters:
    /// `max`, `actual` and `unit` for `max_length`; `position` for `ascii` and `trimmed`;
    /// `fields` for `exclusive`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &format_args!("{}", self.kind))?;
        match &self.kind {
            ViolationKind::MaxLength { max, actual, unit } => {
                map.serialize_entry("max", max)?;
                map.serialize_entry("actual", actual)?;
                map.serialize_entry("unit", unit.as_str())?;
            }
            ViolationKind::Ascii { position } | ViolationKind::Trimmed { position } => {
                map.serialize_entry("position", position)?;
            }
            ViolationKind::Exclusive { fields } => map.serialize_entry("fields", fields)?,
            ViolationKind::Required
            | ViolationKind::NonEmpty
            | ViolationKind::Https
            | ViolationKind::Custom(_) => {}
        }
        map.end()
    }
}
