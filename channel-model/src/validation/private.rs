//! What the derive's generated code and the rules share. Not a public API: it may change in
//! any release.
//!
//! The rules themselves are in [`rules`](crate::rules), one module per rule, each with an
//! `apply` function that the derive calls.
//!
//! The derive writes a type's rules once, in [`Check::check`], generic over a [`Sink`]: with
//! [`ValidationErrors`] it is the reporting pass (`validate_into`), with [`Verdict`] the
//! pass that only says whether every rule passes (`is_valid`). Both run the same code, so
//! they cannot disagree; the second builds no location and records nothing. `validate()`
//! runs the cheap pass first: a valid payload is walked by it alone, and an invalid one is
//! walked again, once, by the reporting pass, which alone reports. The reporting pass does
//! not ask nested values first: every level above an invalid value would check it again,
//! which costs the depth times the size on a deep recursive type.

use super::errors::ValidationErrors;
use super::location::Location;
use super::violation::ViolationKind;
use crate::{Validate, ValidateWith};

/// Where the value a rule checks is: a recipe for its [`Location`], followed only when a
/// violation is recorded or a nested value is validated.
///
/// The rules are inlined into the derived code, and the derive passes a closure that
/// captures only the parent's `&Location` (the field's name is in its code): one register. A
/// `Location` itself (four words) would be written to the stack for every field checked,
/// valid or not.
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

/// What the rules tell what they find: the violations to report ([`ValidationErrors`]), or
/// only whether there is one ([`Verdict`]).
pub trait Sink {
    /// Records a violation of `kind` at `at`.
    fn violation(&mut self, at: impl At, kind: ViolationKind);

    /// Checks a nested value, which sits at `at`.
    fn nested<T: Validate + ?Sized>(&mut self, value: &T, at: impl At);

    /// Checks a nested value, which sits at `at`, with `context`.
    fn nested_with<C: ?Sized, T: ValidateWith<C> + ?Sized>(
        &mut self,
        context: &C,
        value: &T,
        at: impl At,
    );

    /// The number of violations recorded so far, for [`sort_members_from`](Self::sort_members_from).
    fn mark(&self) -> usize;

    /// Sorts the violations recorded since `start`, all below `at` in a map whose order
    /// changes from run to run, by their key under `at`.
    fn sort_members_from(&mut self, start: usize, at: impl At);
}

impl Sink for ValidationErrors {
    #[inline(always)]
    fn violation(&mut self, at: impl At, kind: ViolationKind) {
        violation(self, at, kind);
    }

    #[inline(always)]
    fn nested<T: Validate + ?Sized>(&mut self, value: &T, at: impl At) {
        at.with_location(|at| value.validate_into(at, self));
    }

    #[inline(always)]
    fn nested_with<C: ?Sized, T: ValidateWith<C> + ?Sized>(
        &mut self,
        context: &C,
        value: &T,
        at: impl At,
    ) {
        at.with_location(|at| value.validate_with_into(context, at, self));
    }

    #[inline(always)]
    fn mark(&self) -> usize {
        self.len()
    }

    #[inline(always)]
    fn sort_members_from(&mut self, start: usize, at: impl At) {
        if self.len() > start {
            at.with_location(|at| ValidationErrors::sort_members_from(self, start, at));
        }
    }
}

/// Whether every rule passed: the [`Sink`] of `is_valid`. It builds no location and keeps no
/// violation.
#[derive(Debug)]
pub struct Verdict {
    valid: bool,
}

impl Verdict {
    /// Runs `check` with a verdict, and says whether it found every rule passed.
    #[inline(always)]
    pub fn of(check: impl FnOnce(&mut Verdict)) -> bool {
        let mut verdict = Verdict { valid: true };
        check(&mut verdict);
        verdict.valid
    }
}

impl Sink for Verdict {
    #[inline(always)]
    fn violation(&mut self, _: impl At, _: ViolationKind) {
        self.valid = false;
    }

    #[inline(always)]
    fn nested<T: Validate + ?Sized>(&mut self, value: &T, _: impl At) {
        self.valid &= value.is_valid();
    }

    #[inline(always)]
    fn nested_with<C: ?Sized, T: ValidateWith<C> + ?Sized>(
        &mut self,
        context: &C,
        value: &T,
        _: impl At,
    ) {
        self.valid &= value.is_valid_with(context);
    }

    #[inline(always)]
    fn mark(&self) -> usize {
        0
    }

    #[inline(always)]
    fn sort_members_from(&mut self, _: usize, _: impl At) {}
}

/// The rules of a derived type, written once for both passes: the derive implements it, and
/// `validate_into` and `is_valid` (or their `_with` forms) call it. `C` is the type's
/// context, `()` for a type without one.
pub trait Check<C: ?Sized> {
    /// Checks every rule of `self`, which sits at `location`, with `context`, and tells
    /// `sink` what it finds.
    fn check<S: Sink>(&self, context: &C, location: &Location<'_>, sink: &mut S);
}

/// Whether every rule of `value` passes, with `context`: [`Check::check`] with a [`Verdict`].
#[inline(always)]
pub fn is_valid<C: ?Sized, T: Check<C> + ?Sized>(value: &T, context: &C) -> bool {
    Verdict::of(|verdict| value.check(context, &Location::root(), verdict))
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
