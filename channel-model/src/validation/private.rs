//! What the derive's generated code and the rules share. Not a public API: it may change in
//! any release.
//!
//! The rules themselves are in [`rules`](crate::rules), one module per rule, each with an
//! `apply` function that the derive calls.

use super::errors::ValidationErrors;
use super::location::Location;
use super::violation::ViolationKind;

/// Where the value a rule checks is: a recipe for its [`Location`], followed only when a
/// violation is recorded or a nested value is validated.
///
/// The rules are inlined into the derived `validate_into`, and the derive passes a closure
/// that captures only the parent's `&Location` (the field's name is in its code): one
/// register. A `Location` itself (four words) would be written to the stack for every field
/// checked, valid or not.
pub trait At: Copy {
    /// Calls `f` with the location.
    fn with_location<R>(self, f: impl FnOnce(&Location<'_>) -> R) -> R;
}

impl<'a, F: FnOnce() -> Location<'a> + Copy> At for F {
    #[inline(always)]
    fn with_location<R>(self, f: impl FnOnce(&Location<'_>) -> R) -> R {
        f(&self())
    }
}

/// Records a violation. Out of line and cold, so that the inlined checks stay small.
#[cold]
#[inline(never)]
pub(crate) fn violation(errors: &mut ValidationErrors, at: impl At, kind: ViolationKind) {
    at.with_location(|at| errors.add(at, kind));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The kinds of violation that `check` records for a value at the root.
    pub(crate) fn violations(
        check: impl FnOnce(Location<'_>, &mut ValidationErrors),
    ) -> Vec<ViolationKind> {
        let mut errors = ValidationErrors::new();
        check(Location::root(), &mut errors);
        errors.iter().map(|v| v.kind().clone()).collect()
    }
}
