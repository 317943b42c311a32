//! Owned JSON Pointers (RFC 6901) naming where a violation was found.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// One step of a [`Path`]: an object member or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// An object member, by the name it has in the JSON.
    Key(Cow<'static, str>),
    /// An array item, counted from 0.
    Index(usize),
}

/// The location of a violation in the JSON document, from its root.
///
/// Its [`Display`](fmt::Display) (and its serialized form) is an RFC 6901 JSON Pointer:
/// `""` for the root, `/external_resources/3/author/name` below it, with `~` written as
/// `~0` and `/` as `~1`. The names are those that go over the wire (serde renames applied),
/// so the pointer can be resolved in the serialized payload, e.g. with
/// `serde_json::Value::pointer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: Vec<PathSegment>,
}

impl Path {
    /// The path of the document's root: the JSON Pointer `""`.
    pub const fn root() -> Self {
        Path {
            segments: Vec::new(),
        }
    }

    /// The steps from the root, outermost first.
    pub fn segments(&self) -> &[PathSegment] {
        &self.segments
    }

    /// Whether this is the root of the document.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
}

impl From<Vec<PathSegment>> for Path {
    fn from(segments: Vec<PathSegment>) -> Self {
        Path { segments }
    }
}

impl fmt::Display for PathSegment {
    /// Writes the segment escaped as RFC 6901 requires, without the leading `/`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSegment::Index(index) => write!(f, "{index}"),
            PathSegment::Key(key) => {
                let mut rest: &str = key;
                while let Some(at) = rest.find(['~', '/']) {
                    f.write_str(&rest[..at])?;
                    f.write_str(if rest.as_bytes()[at] == b'~' {
                        "~0"
                    } else {
                        "~1"
                    })?;
                    rest = &rest[at + 1..];
                }
                f.write_str(rest)
            }
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            write!(f, "/{segment}")?;
        }
        Ok(())
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
