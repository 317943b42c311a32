//! `required`: the value is present and not empty.

use std::fmt;

use crate::validation::private::{At, Sink};
use crate::ViolationKind;

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

/// Whether a present value is empty, for `required` on an `Option` of it.
///
/// Strings, collections and `Option`s are empty when they have no characters, items or
/// value. `required` accepts an `Option` of any type: for a type without this trait it checks
/// only that the value is there, except that a newtype that derives `Validate` is empty when
/// its content is. Implement it (the default method says "never empty") to say when a value
/// of your own type is empty; it takes precedence over what the derive knows.
pub trait MaybeEmpty {
    /// Whether the value is empty; by default, never.
    fn is_empty_value(&self) -> bool {
        false
    }
}

/// A newtype that derives `Validate`: it is empty when its content is. The derive implements
/// it, with [`probe::Emptiness`], so that a user's own [`MaybeEmpty`] never conflicts with it.
pub trait Newtype {
    /// Whether the content is empty.
    fn is_empty_content(&self) -> bool;
}

/// Picks what `required` checks, by method resolution on the field's concrete type.
pub mod probe {
    use super::{Newtype, Required};

    /// A value seen by method resolution, which picks what `required` checks (see
    /// [`ViaRequired`] and the traits after it). The derive writes `(&&&&Probe(value)).target()`; each level
    /// of reference reaches one choice, tried in order.
    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    impl<T: ?Sized> Clone for Probe<'_, T> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<T: ?Sized> Copy for Probe<'_, T> {}

    /// First choice: a value whose type says when it is missing ([`Required`]).
    pub trait ViaRequired<'a> {
        /// The value checked.
        type Target: ?Sized;
        /// The value checked.
        fn target(&self) -> &'a Self::Target;
    }

    impl<'a, T: Required + ?Sized> ViaRequired<'a> for &&&Probe<'a, T> {
        type Target = T;
        #[inline(always)]
        fn target(&self) -> &'a T {
            self.0
        }
    }

    /// Second choice: an `Option` of a derived newtype, missing when `None` or its content empty.
    pub trait ViaOptionalNewtype<'a, T> {
        /// The value checked.
        fn target(&self) -> OptionalNewtype<'a, T>;
    }

    impl<'a, T: Newtype> ViaOptionalNewtype<'a, T> for &&Probe<'a, Option<T>> {
        #[inline(always)]
        fn target(&self) -> OptionalNewtype<'a, T> {
            OptionalNewtype(self.0)
        }
    }

    /// Third choice: any other `Option`, missing when `None`.
    pub trait ViaOption<'a, T> {
        /// The value checked.
        fn target(&self) -> Presence<'a, T>;
    }

    impl<'a, T> ViaOption<'a, T> for &Probe<'a, Option<T>> {
        #[inline(always)]
        fn target(&self) -> Presence<'a, T> {
            Presence(self.0)
        }
    }

    /// Fourth choice: a derived newtype, missing when its content is empty.
    pub trait ViaNewtype<'a, T: ?Sized> {
        /// The value checked.
        fn target(&self) -> NewtypeContent<'a, T>;
    }

    impl<'a, T: Newtype + ?Sized> ViaNewtype<'a, T> for Probe<'a, T> {
        #[inline(always)]
        fn target(&self) -> NewtypeContent<'a, T> {
            NewtypeContent(self.0)
        }
    }

    /// Last choice: the value itself, which then needs [`Required`]; its message says so.
    pub trait ViaValue<'a, T: ?Sized> {
        /// The value checked.
        fn target(self) -> &'a T;
    }

    impl<'a, T: ?Sized> ViaValue<'a, T> for Probe<'a, T> {
        #[inline(always)]
        fn target(self) -> &'a T {
            self.0
        }
    }

    /// Whether a newtype's content is empty, picked by method resolution as for `required`:
    /// `(&&Probe(content)).empty_content()` asks [`Required`], then [`Newtype`], and
    /// otherwise says "never empty".
    pub trait Emptiness {
        /// Whether the value is empty.
        fn empty_content(&self) -> bool;
    }

    impl<T: Required + ?Sized> Emptiness for &Probe<'_, T> {
        #[inline(always)]
        fn empty_content(&self) -> bool {
            self.0.is_missing()
        }
    }

    /// See [`Emptiness`]: a derived newtype's content.
    pub trait NewtypeEmptiness {
        /// Whether the value is empty.
        fn empty_content(&self) -> bool;
    }

    impl<T: Newtype + ?Sized> NewtypeEmptiness for Probe<'_, T> {
        #[inline(always)]
        fn empty_content(&self) -> bool {
            self.0.is_empty_content()
        }
    }

    /// See [`Emptiness`]: any other value is never empty.
    pub trait NeverEmpty {
        /// Whether the value is empty: never.
        fn empty_content(self) -> bool;
    }

    impl<T: ?Sized> NeverEmpty for Probe<'_, T> {
        #[inline(always)]
        fn empty_content(self) -> bool {
            false
        }
    }

    /// An `Option` of a derived newtype, for `required`.
    pub struct OptionalNewtype<'a, T>(&'a Option<T>);

    impl<T: Newtype> Required for OptionalNewtype<'_, T> {
        #[inline(always)]
        fn is_missing(&self) -> bool {
            self.0.as_ref().map_or(true, T::is_empty_content)
        }
    }

    /// An `Option` of a type that is never empty, for `required`.
    pub struct Presence<'a, T>(&'a Option<T>);

    impl<T> Required for Presence<'_, T> {
        #[inline(always)]
        fn is_missing(&self) -> bool {
            self.0.is_none()
        }
    }

    /// A derived newtype, for `required`.
    pub struct NewtypeContent<'a, T: ?Sized>(&'a T);

    impl<T: Newtype + ?Sized> Required for NewtypeContent<'_, T> {
        #[inline(always)]
        fn is_missing(&self) -> bool {
            self.0.is_empty_content()
        }
    }
}

/// Checks `required` on what [`probe`] picked.
#[inline(always)]
pub fn apply<T: Required>(value: T, at: impl At, errors: &mut impl Sink) {
    if value.is_missing() {
        errors.violation(at, ViolationKind::Required);
    }
}
