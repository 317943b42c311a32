//! `nested`: the value's own rules.

use crate::validation::private::At;
use crate::{Validate, ValidationErrors};

/// Checks `nested`: validates the value at its location.
#[inline(always)]
pub fn apply<T: Validate + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    at.with_location(|at| value.validate_into(at, errors));
}

super::items_probe::items_probe!(
    crate::Validate,
    message = "`nested` does not reach the items of `{Self}`",
    label = "write `each(nested)` to check every item",
);
