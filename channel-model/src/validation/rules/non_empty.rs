//! `non_empty`: a present value is not empty.

use std::fmt;

use super::Length;
use crate::validation::private::{At, Sink};
use crate::ViolationKind;

/// The rule's code.
pub(crate) const CODE: &str = "non_empty";

/// The rule's message.
pub(crate) fn message(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("must not be empty")
}

/// Checks `non_empty`.
#[inline(always)]
pub fn apply<T: Length + ?Sized>(value: &T, at: impl At, errors: &mut impl Sink) {
    if value.is_empty_value() {
        errors.violation(at, ViolationKind::NonEmpty);
    }
}
