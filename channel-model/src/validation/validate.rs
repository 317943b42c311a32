//! The `Validate` and `ValidateWith` traits and their implementations for containers of
//! validated values.

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

    /// Whether every rule of `self` passes: exactly when
    /// [`validate_into`](Validate::validate_into) would record nothing. Never allocates.
    ///
    /// [`validate`](Validate::validate) asks it first, and calls `validate_into` only when it
    /// is not valid: a valid payload is walked once, without building a location, and an
    /// invalid one at most twice (the second time to report what it breaks).
    ///
    /// The default runs `validate_into` into a list that keeps no violation
    /// ([`ValidationErrors::with_limit(0)`](ValidationErrors::with_limit)), which cannot
    /// disagree with it. The derive implements it with the same rules as `validate_into`, in
    /// a pass that builds no location and records nothing. Implement it by hand only with a
    /// check that gives the same answer:
    ///
    /// ```
    /// use channel_model::{CustomError, Location, Validate, ValidationErrors, ViolationKind};
    ///
    /// struct Even(u32);
    ///
    /// impl Validate for Even {
    ///     fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
    ///         if !self.is_valid() {
    ///             let error = CustomError::new("even", "must be an even number");
    ///             errors.add(location, ViolationKind::Custom(error));
    ///         }
    ///     }
    ///
    ///     fn is_valid(&self) -> bool {
    ///         self.0 % 2 == 0
    ///     }
    /// }
    ///
    /// assert!(Even(2).is_valid());
    /// assert!(!Even(3).is_valid());
    /// assert_eq!(Even(3).validate().unwrap_err().to_string(), "must be an even number");
    /// ```
    fn is_valid(&self) -> bool {
        let mut errors = ValidationErrors::with_limit(0);
        self.validate_into(&Location::root(), &mut errors);
        errors.is_empty()
    }

    /// Checks every rule and returns all violations, or `Ok(())` when there are none.
    ///
    /// Asks [`is_valid`](Validate::is_valid) first, and reports with
    /// [`validate_into`](Validate::validate_into) only when a rule fails.
    fn validate(&self) -> Result<(), ValidationErrors> {
        if self.is_valid() {
            return Ok(());
        }
        let mut errors = ValidationErrors::new();
        self.validate_into(&Location::root(), &mut errors);
        errors.into_result()
    }
}

/// A value whose rules need a context: data known only at run time, such as a tenant's own
/// limit, the ids of the fields an account has, or the locales it supports.
///
/// Derived with `#[validate(context = Ctx)]` on the type: its `custom` functions then take
/// the context after the value, `fn(&T, &Ctx) -> Result<(), CustomError>`, and its `nested`
/// values are validated with the same context. See the
/// [derive's documentation](derive@crate::Validate#context).
///
/// A type derived without a context implements `ValidateWith<C>` for every `C`, ignoring the
/// context, so it can be nested in any type; so do `Option`, `Vec`, slices, arrays,
/// `VecDeque`, maps, `Box`, `Rc`, `Arc` and references of a type that does. A type with a
/// context implements [`Validate`] too when the context has a [`Default`]: `validate()` then
/// validates with the default context.
///
/// ```
/// use channel_model::{CustomError, Validate, ValidateWith};
///
/// struct Tenant {
///     max_tags: usize,
/// }
///
/// #[derive(Validate)]
/// #[validate(context = Tenant)]
/// struct Ticket {
///     #[validate(custom = tags_within_plan)]
///     tags: Vec<String>,
/// }
///
/// fn tags_within_plan(tags: &[String], tenant: &Tenant) -> Result<(), CustomError> {
///     match tags.len() <= tenant.max_tags {
///         true => Ok(()),
///         false => Err(CustomError::new("plan_tags", "has more tags than the plan allows")
///             .with_param("max", tenant.max_tags)),
///     }
/// }
///
/// let ticket = Ticket { tags: vec!["vip".into(), "billing".into()] };
/// assert!(ticket.validate_with(&Tenant { max_tags: 2 }).is_ok());
/// assert!(ticket.validate_with(&Tenant { max_tags: 1 }).is_err());
/// ```
///
/// A type that implements [`Validate`] by hand nests in a type with a context once it also
/// implements `ValidateWith` for every context:
///
/// ```
/// use channel_model::{Location, Validate, ValidateWith, ValidationErrors};
///
/// struct Anything;
///
/// impl Validate for Anything {
///     fn validate_into(&self, _: &Location<'_>, _: &mut ValidationErrors) {}
/// }
///
/// impl<C: ?Sized> ValidateWith<C> for Anything {
///     fn validate_with_into(&self, _: &C, location: &Location<'_>, errors: &mut ValidationErrors) {
///         self.validate_into(location, errors);
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be validated with a context of type `{C}`",
    label = "`nested` in a type with `#[validate(context = {C})]` needs a type with the same context, or none",
    note = "derive `Validate` on `{Self}` with `#[validate(context = {C})]` or without `context`; a type that implements `Validate` by hand also needs `impl<C: ?Sized> ValidateWith<C>`"
)]
pub trait ValidateWith<C: ?Sized> {
    /// Checks every rule of `self`, which sits at `location`, with `context`, and records
    /// each violation in `errors`. Records nothing, and allocates nothing, when the value is
    /// valid.
    fn validate_with_into(
        &self,
        context: &C,
        location: &Location<'_>,
        errors: &mut ValidationErrors,
    );

    /// Whether every rule of `self` passes with `context`: exactly when
    /// [`validate_with_into`](ValidateWith::validate_with_into) would record nothing. Never
    /// allocates. As [`Validate::is_valid`], which says why: by default it runs
    /// `validate_with_into` into a list that keeps no violation.
    fn is_valid_with(&self, context: &C) -> bool {
        let mut errors = ValidationErrors::with_limit(0);
        self.validate_with_into(context, &Location::root(), &mut errors);
        errors.is_empty()
    }

    /// Checks every rule with `context` and returns all violations, or `Ok(())` when there
    /// are none.
    fn validate_with(&self, context: &C) -> Result<(), ValidationErrors> {
        if self.is_valid_with(context) {
            return Ok(());
        }
        let mut errors = ValidationErrors::new();
        self.validate_with_into(context, &Location::root(), &mut errors);
        errors.into_result()
    }
}

/// Implements `Validate` and, from the same bodies, `ValidateWith<C>` for containers of an
/// item type: the first body validates items with `visit(item, location, errors)`, which is
/// `validate_into` in the one and `validate_with_into` with the context in the other; the
/// second says whether every item is valid with `valid(item)`, which is `is_valid` or
/// `is_valid_with`.
macro_rules! containers {
    ($(
        $(#[$attr:meta])*
        [$($g:tt)*] $ty:ty, $item:ident $(: ?$unsized:ident)? =>
        |$this:ident, $location:ident, $errors:ident, $visit:ident| $body:expr,
        |$valid:ident| $all:expr;
    )*) => {$(
        $(#[$attr])*
        impl<$($g)* $item: Validate $(+ ?$unsized)?> Validate for $ty {
            #[inline]
            fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
                let ($this, $location, $errors) = (self, location, errors);
                let $visit =
                    |item: &$item, location: &Location<'_>, errors: &mut ValidationErrors| {
                        item.validate_into(location, errors)
                    };
                $body
            }

            // A pointer's, an `Option`'s or a list's verdict is a loop or a branch around the
            // item's: kept in the caller, which `validate()` compiles in the user's crate.
            #[inline(always)]
            fn is_valid(&self) -> bool {
                let ($this, $valid) = (self, |item: &$item| item.is_valid());
                $all
            }
        }

        $(#[$attr])*
        impl<$($g)* $item: ValidateWith<C> $(+ ?$unsized)?, C: ?Sized> ValidateWith<C> for $ty {
            #[inline]
            fn validate_with_into(
                &self,
                context: &C,
                location: &Location<'_>,
                errors: &mut ValidationErrors,
            ) {
                let ($this, $location, $errors) = (self, location, errors);
                let $visit =
                    |item: &$item, location: &Location<'_>, errors: &mut ValidationErrors| {
                        item.validate_with_into(context, location, errors)
                    };
                $body
            }

            #[inline]
            fn is_valid_with(&self, context: &C) -> bool {
                let ($this, $valid) = (self, |item: &$item| item.is_valid_with(context));
                $all
            }
        }
    )*};
}

containers! {
    /// The value pointed to is validated in place.
    ['a,] &'a T, T: ?Sized => |this, location, errors, visit|
        visit(this, location, errors), |valid| valid(this);
    [] Box<T>, T: ?Sized => |this, location, errors, visit|
        visit(this, location, errors), |valid| valid(this);
    [] Rc<T>, T: ?Sized => |this, location, errors, visit|
        visit(this, location, errors), |valid| valid(this);
    [] Arc<T>, T: ?Sized => |this, location, errors, visit|
        visit(this, location, errors), |valid| valid(this);
}

containers! {
    /// `None` is valid; `Some` is validated in place.
    [] Option<T>, T => |this, location, errors, visit| if let Some(item) = this {
        visit(item, location, errors);
    }, |valid| this.as_ref().map_or(true, valid);
}

containers! {
    /// Each item is validated at its index.
    [] [T], T => |this, location, errors, visit| {
        validate_sequence(this, location, errors, visit)
    }, |valid| this.iter().all(valid);
    /// Each item is validated at its index.
    [const N: usize,] [T; N], T => |this, location, errors, visit| {
        validate_sequence(this, location, errors, visit)
    }, |valid| this.iter().all(valid);
    /// Each item is validated at its index.
    [] Vec<T>, T => |this, location, errors, visit| {
        validate_sequence(this, location, errors, visit)
    }, |valid| this.iter().all(valid);
    /// Each item is validated at its index.
    [] VecDeque<T>, T => |this, location, errors, visit| {
        validate_sequence(this, location, errors, visit)
    }, |valid| this.iter().all(valid);
}

containers! {
    /// Each value is validated at its key, in the map's order.
    [K: AsRef<str>,] BTreeMap<K, V>, V => |this, location, errors, visit| {
        validate_map(this, false, location, errors, visit)
    }, |valid| this.values().all(valid);
    /// Each value is validated at its key; the violations are sorted by key.
    [K: AsRef<str>, S,] HashMap<K, V, S>, V => |this, location, errors, visit| {
        validate_map(this, true, location, errors, visit)
    }, |valid| this.values().all(valid);
}

#[cfg(feature = "indexmap")]
containers! {
    /// Each value is validated at its key, in the map's order.
    [K: AsRef<str>, S,] indexmap::IndexMap<K, V, S>, V => |this, location, errors, visit| {
        validate_map(this, false, location, errors, visit)
    }, |valid| this.values().all(valid);
}

/// Validates each item at its index with `validate`.
#[inline(always)]
fn validate_sequence<'s, T: 's>(
    items: impl IntoIterator<Item = &'s T>,
    location: &Location<'_>,
    errors: &mut ValidationErrors,
    validate: impl Fn(&T, &Location<'_>, &mut ValidationErrors),
) {
    for (index, item) in items.into_iter().enumerate() {
        validate(item, &location.index(index), errors);
    }
}

/// Validates each value of a map at its key with `validate`.
#[inline(always)]
fn validate_map<'m, K: AsRef<str> + 'm, V: 'm>(
    map: impl IntoIterator<Item = (&'m K, &'m V)>,
    unordered: bool,
    location: &Location<'_>,
    errors: &mut ValidationErrors,
    mut validate: impl FnMut(&V, &Location<'_>, &mut ValidationErrors),
) {
    let start = errors.len();
    for (key, value) in map {
        validate(value, &location.key(key.as_ref()), errors);
    }
    // A hash map's order changes from run to run; its violations are sorted.
    if unordered && errors.len() > start {
        errors.sort_members_from(start, location);
    }
}
