//! `max_length = N`: at most `N` characters (Unicode scalar values) or items.

use std::fmt;

use super::length::unit_name;
use super::Length;
use crate::validation::private::{At, Sink};
use crate::{LengthUnit, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "max_length";

/// The rule's message, e.g. `must be at most 255 characters (got 300)`.
pub(crate) fn message(
    f: &mut fmt::Formatter<'_>,
    max: &usize,
    actual: &usize,
    unit: &LengthUnit,
) -> fmt::Result {
    let units = unit_name(*unit, *max);
    match unit {
        LengthUnit::Characters => write!(f, "must be at most {max} {units} (got {actual})"),
        LengthUnit::Items => write!(f, "must have at most {max} {units} (got {actual})"),
    }
}

/// Checks `max_length = max`.
#[inline(always)]
pub fn apply<T: Length + ?Sized>(value: &T, max: usize, at: impl At, errors: &mut impl Sink) {
    if let Some(actual) = value.length_above(max) {
        let unit = T::UNIT;
        errors.violation(at, ViolationKind::MaxLength { max, actual, unit });
    }
}
