//! `min_length = N`: at least `N` characters (Unicode scalar values) or items.

use std::fmt;

use super::length::unit_name;
use super::Length;
use crate::validation::private::{At, Sink};
use crate::{LengthUnit, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "min_length";

/// The rule's message, e.g. `must be at least 3 characters (got 1)`.
pub(crate) fn message(
    f: &mut fmt::Formatter<'_>,
    min: &usize,
    actual: &usize,
    unit: &LengthUnit,
) -> fmt::Result {
    let units = unit_name(*unit, *min);
    match unit {
        LengthUnit::Characters => write!(f, "must be at least {min} {units} (got {actual})"),
        LengthUnit::Items => write!(f, "must have at least {min} {units} (got {actual})"),
    }
}

/// Checks `min_length = min`. An absent value (`None`) passes; an empty one has length 0.
#[inline(always)]
pub fn apply<T: Length + ?Sized>(value: &T, min: usize, at: impl At, errors: &mut impl Sink) {
    check(value, min, true, at, errors);
}

/// Checks `min_length = min` beside `required` or `non_empty`: an empty value is theirs to
/// report, once, so it passes here.
#[inline(always)]
pub fn apply_unless_empty<T: Length + ?Sized>(
    value: &T,
    min: usize,
    at: impl At,
    errors: &mut impl Sink,
) {
    check(value, min, false, at, errors);
}

#[inline(always)]
fn check<T: Length + ?Sized>(
    value: &T,
    min: usize,
    empty_fails: bool,
    at: impl At,
    errors: &mut impl Sink,
) {
    let Some(below) = min.checked_sub(1) else {
        return;
    };
    if value.length_above(below).is_none() {
        // Out of line: only a value that is too short gets here.
        report(value, min, empty_fails, at, errors);
    }
}

#[cold]
#[inline(never)]
fn report<T: Length + ?Sized>(
    value: &T,
    min: usize,
    empty_fails: bool,
    at: impl At,
    errors: &mut impl Sink,
) {
    let actual = match value.length_above(0) {
        Some(actual) => actual,
        None if empty_fails && value.is_empty_value() => 0,
        // Absent, or empty and reported by another rule.
        None => return,
    };
    let unit = T::UNIT;
    errors.violation(at, ViolationKind::MinLength { min, actual, unit });
}
