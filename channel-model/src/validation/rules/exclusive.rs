//! `exclusive(a, b, ...)`, a struct rule: at most one of the named `Option` fields is set.

use std::fmt;

use crate::validation::private::Sink;
use crate::{Location, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "exclusive";

/// The rule's message, naming the fields that are set together.
pub(crate) fn message(f: &mut fmt::Formatter<'_>, fields: &[&str]) -> fmt::Result {
    f.write_str("at most one may be set, but these are all set: ")?;
    for (i, name) in fields.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

/// A field that may be unset, for `exclusive(...)`.
#[diagnostic::on_unimplemented(
    message = "`exclusive` names a field of type `{Self}`, which is not an `Option`",
    label = "only `Option` fields can be left unset"
)]
pub trait Optional {
    /// Whether the value is set.
    fn is_set(&self) -> bool;
}

/// Checks `exclusive(...)`: at most one of the fields `names` (wire names) is set; `set` says
/// which are. The names are a constant: nothing is written for them unless one is reported.
#[inline(always)]
pub fn apply<const N: usize>(
    names: &'static [&'static str; N],
    set: [bool; N],
    at: &Location<'_>,
    errors: &mut impl Sink,
) {
    if set.iter().filter(|set| **set).count() > 1 {
        report(names, &set, at, errors);
    }
}

#[cold]
#[inline(never)]
fn report(names: &[&'static str], set: &[bool], at: &Location<'_>, errors: &mut impl Sink) {
    let fields = names.iter().zip(set).filter(|(_, set)| **set);
    let fields = fields.map(|(name, _)| *name).collect();
    errors.violation(move || *at, ViolationKind::Exclusive { fields });
}

/// Whether an `exclusive` member is set.
pub fn is_set<T: Optional + ?Sized>(value: &T) -> bool {
    value.is_set()
}
