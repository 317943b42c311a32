//! One broken rule: where, which rule, and the parameters that explain it.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::path::Path;
use super::rules::{self, CustomError, HttpsProblem};

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

impl Serialize for LengthUnit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Declares [`ViolationKind`] from one line per rule: the variant, its parameters, and the
/// module in [`rules`](super::rules) whose `CODE` and `message` describe it. A violation is
/// serialized with its parameters under their field names, so each is written only here.
macro_rules! violation_kinds {
    ($(
        $(#[$doc:meta])*
        $variant:ident $({ $($(#[$field_doc:meta])* $field:ident: $ty:ty),* $(,)? })? => $rule:ident,
    )*) => {
        /// Which rule a value broke, with the parameters that explain it (never the value itself).
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ViolationKind {
            $(
                $(#[$doc])*
                $variant $({ $($(#[$field_doc])* $field: $ty),* })?,
            )*
            /// A custom rule failed; its code, message and parameters are the custom error's.
            Custom(CustomError),
        }

        impl ViolationKind {
            /// The stable code: the rule's name (`required`, `max_length`, `exclusive`, ...),
            /// or a custom rule's own code.
            pub fn code(&self) -> &str {
                match self {
                    $(ViolationKind::$variant { .. } => rules::$rule::CODE,)*
                    ViolationKind::Custom(error) => error.code(),
                }
            }

            /// Writes the rule's parameters as entries of `map`.
            fn serialize_parameters<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                match self {
                    $(ViolationKind::$variant $({ $($field),* })? => {
                        $($(map.serialize_entry(stringify!($field), $field)?;)*)?
                    })*
                    ViolationKind::Custom(error) => {
                        // A parameter must not overwrite the violation's own keys: a
                        // reader would take it for the violation's path or code.
                        for (name, value) in error.params() {
                            if !matches!(name, "path" | "code" | "message") {
                                map.serialize_entry(name, value)?;
                            }
                        }
                    }
                }
                Ok(())
            }
        }

        impl fmt::Display for ViolationKind {
            /// The readable message, e.g. `must be at most 255 characters (got 300)`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(ViolationKind::$variant $({ $($field),* })? => {
                        rules::$rule::message(f $($(, $field)*)?)
                    })*
                    ViolationKind::Custom(error) => f.write_str(error.message()),
                }
            }
        }
    };
}

violation_kinds! {
    /// A required value is missing (`None`) or empty. Code `required`.
    Required => required,
    /// An optional value is present but empty. Code `non_empty`.
    NonEmpty => non_empty,
    /// A string has more characters, or a collection more items, than allowed. Code `max_length`.
    MaxLength {
        /// The largest length allowed.
        max: usize,
        /// The value's length.
        actual: usize,
        /// What the lengths count.
        unit: LengthUnit,
    } => max_length,
    /// A string has fewer characters, or a collection fewer items, than required. Code
    /// `min_length`.
    MinLength {
        /// The smallest length allowed.
        min: usize,
        /// The value's length.
        actual: usize,
        /// What the lengths count.
        unit: LengthUnit,
    } => min_length,
    /// A string holds a character that is not ASCII. Code `ascii`.
    Ascii {
        /// The index, in characters from 0, of the first character that is not ASCII.
        position: usize,
    } => ascii,
    /// A string begins or ends with whitespace. Code `trimmed`.
    Trimmed {
        /// The index, in characters from 0, of the first whitespace character that
        /// leads or trails.
        position: usize,
    } => trimmed,
    /// Not an https URL or a relative reference: empty, holding a tab or a line break, or an
    /// absolute URL whose scheme is not `https` or whose host or port is missing or invalid.
    /// Code `https`.
    Https {
        /// What is wrong.
        problem: HttpsProblem,
    } => https,
    /// More than one field of an exclusive group is set. Code `exclusive`.
    Exclusive {
        /// The wire names of the fields that are set together, in declaration order.
        fields: Vec<&'static str>,
    } => exclusive,
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
    /// An object with `path`, `code` and `message`, then the rule's parameters under the
    /// names of [`ViolationKind`]'s fields: `max`, `actual` and `unit` for `max_length`;
    /// `position` for `ascii` and `trimmed`; `fields` for `exclusive`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &format_args!("{}", self.kind))?;
        self.kind.serialize_parameters(&mut map)?;
        map.end()
    }
}
