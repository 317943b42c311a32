//! `nested`: the value's own rules.

use crate::validation::private::At;
use crate::{Validate, ValidationErrors};

/// Checks `nested`: validates the value at its location.
#[inline(always)]
pub fn apply<T: Validate + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    at.with_location(|at| value.validate_into(at, errors));
}
