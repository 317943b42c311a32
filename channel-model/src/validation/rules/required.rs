//! `required`: the value is present and not empty.

use std::fmt;

use crate::validation::private::{violation, At};
use crate::{ValidationErrors, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "required";

/// The rule's message.
pub(crate) fn message(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("is required and must not be empty")
}

/// A value that `required` can find missing: an `Option`, a string or a collection.
#[diagnostic::on_unimplemented(
    message = "`required` does not apply to `{Self}`",
    label = "`required` needs an `Option`, a string or a collection",
    note = "a value of this type is always present; remove `required`"
)]
pub trait Required {
    /// Whether the value is missing: `None`, or an empty string or collection.
    fn is_missing(&self) -> bool;
}

/// What an `Option` may hold when its field is `required`: whether a present value is empty.
///
/// Strings and collections are empty when they have no characters or items; numbers, booleans
/// and types that derive `Validate` never are. Implement it (the default method says "never
/// empty") to use `required` on an `Option` of your own type.
#[diagnostic::on_unimplemented(
    message = "`required` cannot tell whether a `{Self}` is empty",
    label = "`required` on an `Option` needs to know whether its value is empty",
    note = "implement `channel_model::rules::MaybeEmpty` for `{Self}`; the default says never empty"
)]
pub trait MaybeEmpty {
    /// Whether the value is empty; by default, never.
    fn is_empty_value(&self) -> bool {
        false
    }
}

/// Checks `required`.
#[inline(always)]
pub fn apply<T: Required + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    if value.is_missing() {
        violation(errors, at, ViolationKind::Required);
    }
}
