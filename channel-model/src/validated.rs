//! `Validated<T>`: proof in the type that a payload passed its rules.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

use crate::{Validate, ValidateWith, ValidationErrors};

/// A value that passed [`validate`](Validate::validate) (or
/// [`validate_with`](ValidateWith::validate_with) its context). The only way to get one is to
/// validate a `T`, and the value cannot be changed afterwards, so a function that takes a
/// `Validated<PushRequest>` only ever sends what was checked.
///
/// It serializes exactly like `T`, dereferences to `&T`, and gives the value back with
/// [`into_inner`](Validated::into_inner).
///
/// ```
/// use channel_model::{Validated, ValidateTokenRequest};
///
/// fn send(body: &Validated<ValidateTokenRequest>) -> String {
///     serde_json::to_string(body).unwrap()
/// }
///
/// let request = Validated::new(ValidateTokenRequest::new("acct-1")).unwrap();
/// assert_eq!(send(&request), r#"{"instance_push_id":"acct-1"}"#);
///
/// let invalid = Validated::new(ValidateTokenRequest::new("")).unwrap_err();
/// assert_eq!(invalid.errors().to_string(), "/instance_push_id: is required and must not be empty");
/// let mut request = invalid.into_value();
/// request.instance_push_id = "acct-1".into();
/// assert!(Validated::new(request).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Validated<T>(T);

impl<T: Validate> Validated<T> {
    /// Validates `value`: `Ok` with the proof, or `Err` with the violations and the value
    /// back, to fix it.
    pub fn new(value: T) -> Result<Self, Invalid<T>> {
        let result = value.validate();
        Validated::checked(value, result)
    }
}

impl<T> Validated<T> {
    /// Validates `value` with `context`, for a type whose rules need one
    /// ([`ValidateWith`], `#[validate(context = Ctx)]`): `Ok` with the proof, or `Err` with
    /// the violations and the value back.
    ///
    /// ```
    /// use channel_model::{CustomError, Validate, Validated};
    ///
    /// struct Plan {
    ///     max_tags: usize,
    /// }
    ///
    /// #[derive(Validate)]
    /// #[validate(context = Plan)]
    /// struct Ticket {
    ///     #[validate(custom = within_plan)]
    ///     tags: Vec<String>,
    /// }
    ///
    /// fn within_plan(tags: &[String], plan: &Plan) -> Result<(), CustomError> {
    ///     match tags.len() <= plan.max_tags {
    ///         true => Ok(()),
    ///         false => Err(CustomError::new("plan_tags", "has more tags than the plan allows")),
    ///     }
    /// }
    ///
    /// let ticket = || Ticket { tags: vec!["vip".into()] };
    /// assert!(Validated::new_with(ticket(), &Plan { max_tags: 1 }).is_ok());
    /// assert!(Validated::new_with(ticket(), &Plan { max_tags: 0 }).is_err());
    /// ```
    pub fn new_with<C: ?Sized>(value: T, context: &C) -> Result<Self, Invalid<T>>
    where
        T: ValidateWith<C>,
    {
        let result = value.validate_with(context);
        Validated::checked(value, result)
    }

    /// The proof for `value`, or the value back with its violations.
    fn checked(value: T, result: Result<(), ValidationErrors>) -> Result<Self, Invalid<T>> {
        match result {
            Ok(()) => Ok(Validated(value)),
            Err(errors) => Err(Invalid { value, errors }),
        }
    }

    /// The value, to change it (and validate it again) or to own it.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Validated<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> AsRef<T> for Validated<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Validated<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Wraps a value that is valid by construction from validated parts, such as some of a
/// validated push's resources; each use says why its value needs no new validation. (A free
/// function, so that the compiler never suggests it to users who try `Validated(value)`.)
pub(crate) fn from_valid_parts<T>(value: T) -> Validated<T> {
    Validated(value)
}

/// A value that failed validation, with its violations.
///
/// Its `Debug` and `Display` show only the violations, never the value, which may carry
/// customers' private messages.
#[derive(Clone, PartialEq)]
pub struct Invalid<T> {
    value: T,
    errors: ValidationErrors,
}

impl<T> Invalid<T> {
    /// The violations.
    pub fn errors(&self) -> &ValidationErrors {
        &self.errors
    }

    /// The value that failed.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value back, to fix it.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The value and the violations.
    pub fn into_parts(self) -> (T, ValidationErrors) {
        (self.value, self.errors)
    }
}

impl<T> From<Invalid<T>> for ValidationErrors {
    fn from(invalid: Invalid<T>) -> Self {
        invalid.errors
    }
}

impl<T> fmt::Debug for Invalid<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invalid")
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl<T> fmt::Display for Invalid<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.errors.fmt(f)
    }
}

impl<T> std::error::Error for Invalid<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.errors)
    }
}
