//! Every violation found in one value.

use std::fmt;

use serde::{Serialize, Serializer};

use super::location::Location;
use super::path::PathSegment;
use super::violation::{Violation, ViolationKind};

/// All the violations found by one [`validate`](crate::Validate::validate) call, in a
/// deterministic order: fields in declaration order, nested values in place, a struct's own
/// rules (such as `exclusive`) after its fields.
///
/// `Display` writes one line per violation (`/external_resources/3/author/name: must be at
/// most 255 characters (got 300)`); `Serialize` writes a list of objects with `path`, `code`,
/// `message` and the rule's parameters. Neither contains the offending values.
///
/// A list made with [`with_limit`](Self::with_limit) keeps at most that many violations and
/// only counts the others ([`omitted`](Self::omitted)), so that a document with millions of
/// bad values is checked in memory bounded by the limit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
    limit: usize,
    omitted: usize,
}

impl Default for ValidationErrors {
    fn default() -> Self {
        ValidationErrors::new()
    }
}

impl ValidationErrors {
    /// An empty list without a limit; it does not allocate until a violation is added.
    pub const fn new() -> Self {
        ValidationErrors::with_limit(usize::MAX)
    }

    /// An empty list that keeps the first `limit` violations added and counts the rest
    /// without building them.
    ///
    /// ```
    /// use channel_model::{Location, ValidationErrors, ViolationKind};
    ///
    /// let mut errors = ValidationErrors::with_limit(1);
    /// errors.add(&Location::root().field("a"), ViolationKind::Required);
    /// errors.add(&Location::root().field("b"), ViolationKind::Required);
    /// assert_eq!((errors.len(), errors.omitted()), (1, 1));
    /// assert!(errors.into_result().is_err());
    /// ```
    pub const fn with_limit(limit: usize) -> Self {
        ValidationErrors {
            violations: Vec::new(),
            limit,
            omitted: 0,
        }
    }

    /// Records a violation of `kind` at `location`. Used by `Validate` implementations.
    pub fn add(&mut self, location: &Location<'_>, kind: ViolationKind) {
        if self.full() {
            return;
        }
        self.violations
            .push(Violation::new(location.to_path(), kind));
    }

    /// Sorts the violations from `start` on, all below `location` in a map whose order
    /// changes from run to run, by the key under `location`; a stable sort, so that each
    /// value's own violations keep their order.
    #[cold]
    pub(crate) fn sort_members_from(&mut self, start: usize, location: &Location<'_>) {
        fn key(violation: &Violation, depth: usize) -> Option<&str> {
            match violation.path().segments().get(depth) {
                Some(PathSegment::Key(key)) => Some(key),
                _ => None,
            }
        }
        let depth = location.depth();
        self.violations[start..].sort_by(|a, b| key(a, depth).cmp(&key(b, depth)));
    }

    /// Appends an already built violation.
    pub fn push(&mut self, violation: Violation) {
        if !self.full() {
            self.violations.push(violation);
        }
    }

    /// Whether the limit is reached; if so, counts the violation being added as omitted.
    fn full(&mut self) -> bool {
        let full = self.violations.len() >= self.limit;
        self.omitted += usize::from(full);
        full
    }

    /// The number of violations kept.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// The number of violations found beyond the limit given to
    /// [`with_limit`](Self::with_limit), counted but not kept.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// Whether no violation was found (kept or omitted).
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.omitted == 0
    }

    /// The violations, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// The violations as a slice.
    pub fn as_slice(&self) -> &[Violation] {
        &self.violations
    }

    /// `Ok(())` when there are no violations, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl Serialize for ValidationErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.violations.serialize(serializer)
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl Extend<Violation> for ValidationErrors {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        for violation in iter {
            self.push(violation);
        }
    }
}

impl FromIterator<Violation> for ValidationErrors {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        ValidationErrors {
            violations: iter.into_iter().collect(),
            ..ValidationErrors::new()
        }
    }
}
