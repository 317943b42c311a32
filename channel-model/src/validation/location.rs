//! Where in a payload a value sits, kept on the stack while validating.

use super::path::{Path, PathSegment};

/// The position of the value being validated, as a chain of steps from the root.
///
/// A `Location` borrows its parent, so descending into a field or an array item costs
/// a few words on the stack and no allocation. Only when a violation is recorded is the
/// chain turned into an owned [`Path`].
///
/// ```
/// use channel_model::Location;
///
/// let root = Location::root();
/// let resources = root.field("external_resources");
/// let third = resources.index(3);
/// let author = third.field("author");
/// assert_eq!(author.to_path().to_string(), "/external_resources/3/author");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    parent: Option<&'a Location<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'static str),
    Key(&'a str),
    Index(usize),
}

impl Location<'static> {
    /// The root of the payload: the JSON Pointer `""`.
    pub const fn root() -> Self {
        Location {
            parent: None,
            step: Step::Root,
        }
    }
}

impl<'a> Location<'a> {
    /// The member `name` of the object at this location, for names known at compile time
    /// (field names as they go over the wire).
    pub const fn field(&'a self, name: &'static str) -> Location<'a> {
        Location {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    /// The member `key` of the object at this location, for keys known only at run time
    /// (e.g. the keys of a map). The key is copied only if a violation is recorded.
    pub const fn key(&'a self, key: &'a str) -> Location<'a> {
        Location {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// The item at `index` of the array at this location.
    pub const fn index(&'a self, index: usize) -> Location<'a> {
        Location {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The owned path from the root to this location.
    pub fn to_path(&self) -> Path {
        let mut segments = Vec::with_capacity(self.depth());
        let mut node = Some(self);
        while let Some(location) = node {
            match location.step {
                Step::Root => {}
                Step::Field(name) => segments.push(PathSegment::Key(name.into())),
                Step::Key(key) => segments.push(PathSegment::Key(key.to_owned().into())),
                Step::Index(index) => segments.push(PathSegment::Index(index)),
            }
            node = location.parent;
        }
        segments.reverse();
        Path::from(segments)
    }

    /// The number of steps from the root.
    pub(crate) fn depth(&self) -> usize {
        let mut depth = 0;
        let mut node = Some(self);
        while let Some(location) = node {
            if !matches!(location.step, Step::Root) {
                depth += 1;
            }
            node = location.parent;
        }
        depth
    }
}

impl Default for Location<'static> {
    fn default() -> Self {
        Location::root()
    }
}
