//! The `Validate` trait and its implementations for containers of validated values.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use super::errors::ValidationErrors;
use super::location::Location;

/// A value that can check itself against the rules of the payload it belongs to.
///
/// Usually derived: `#[derive(Validate)]` reads `#[validate(...)]` attributes on fields
/// and generates [`validate_into`](Validate::validate_into). See the
/// [derive's documentation](derive@crate::Validate) for the rules.
///
/// Implement it by hand for a type whose rules the attributes cannot express: check the
/// value and [`add`](ValidationErrors::add) a violation for each broken rule, at `location`
/// or below it.
///
/// ```
/// use channel_model::{CustomError, Location, Validate, ValidationErrors, ViolationKind};
///
/// struct Even(u32);
///
/// impl Validate for Even {
///     fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
///         if self.0 % 2 != 0 {
///             let error = CustomError::new("even", "must be an even number");
///             errors.add(location, ViolationKind::Custom(error));
///         }
///     }
/// }
///
/// assert!(Even(2).validate().is_ok());
/// assert_eq!(Even(3).validate().unwrap_err().to_string(), "must be an even number");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Validate`",
    label = "`nested` needs a type that implements `Validate`",
    note = "derive `Validate` on a type of your own; for another crate's type, check it with `custom = ...` or remove `nested`"
)]
pub trait Validate {
    /// Checks every rule of `self`, which sits at `location`, and records each violation in
    /// `errors`. Records nothing, and allocates nothing, when the value is valid.
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors);

    /// Checks every rule and returns all violations, or `Ok(())` when there are none.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_into(&Location::root(), &mut errors);
        errors.into_result()
    }
}

macro_rules! pointers {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($g)* T: Validate + ?Sized> Validate for $ty {
            #[inline]
            fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
                T::validate_into(self, location, errors);
            }
        }
    )*};
}

pointers!(['a,] &'a T, [] Box<T>, [] Rc<T>, [] Arc<T>);

/// `None` is valid; `Some` is validated in place.
impl<T: Validate> Validate for Option<T> {
    #[inline]
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_into(location, errors);
        }
    }
}

macro_rules! sequences {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        /// Each item is validated at its index.
        impl<$($g)*> Validate for $ty {
            #[inline]
            fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
                for (index, item) in self.iter().enumerate() {
                    item.validate_into(&location.index(index), errors);
                }
            }
        }
    )*};
}

sequences!(
    [T: Validate] [T],
    [T: Validate, const N: usize] [T; N],
    [T: Validate] Vec<T>,
    [T: Validate] VecDeque<T>,
);

/// Each value is validated at its key, in the map's order.
macro_rules! maps {
    ($([$($g:tt)*] $ty:ty, $unordered:literal),* $(,)?) => {$(
        impl<$($g)*> Validate for $ty {
            #[inline]
            fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
                let start = errors.len();
                for (key, value) in self {
                    value.validate_into(&location.key(key.as_ref()), errors);
                }
                // A hash map's order changes from run to run; its violations are sorted.
                if $unordered && errors.len() > start {
                    errors.sort_members_from(start, location);
                }
            }
        }
    )*};
}

maps!(
    [K: AsRef<str>, V: Validate] BTreeMap<K, V>, false,
    [K: AsRef<str>, V: Validate, S] HashMap<K, V, S>, true,
);

#[cfg(feature = "indexmap")]
maps!([K: AsRef<str>, V: Validate, S] indexmap::IndexMap<K, V, S>, false);
