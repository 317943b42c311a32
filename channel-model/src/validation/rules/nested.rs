//! `nested`: the value's own rules.

use crate::validation::private::{At, Sink};
use crate::{Validate, ValidateWith};

/// Checks `nested`: validates the value at its location.
#[inline(always)]
pub fn apply<T: Validate + ?Sized>(value: &T, at: impl At, errors: &mut impl Sink) {
    errors.nested(value, at);
}

super::items_probe::items_probe!(
    crate::Validate,
    message = "`nested` does not reach the items of `{Self}`",
    label = "write `each(nested)` to check every item",
);

/// Checks `nested` in a type with a context: validates the value at its location, with the
/// context. The context comes first, so that its type is known before the value's
/// `ValidateWith` is looked up: a value with another context is then reported as such.
#[inline(always)]
pub fn apply_with<C: ?Sized, T: ValidateWith<C> + ?Sized>(
    context: &C,
    value: &T,
    at: impl At,
    errors: &mut impl Sink,
) {
    errors.nested_with(context, value, at);
}
