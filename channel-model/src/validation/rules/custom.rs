//! `custom = path::to::function`: a function of the user's accepts the value.

use std::borrow::{Borrow, Cow};
use std::fmt;

use serde::{Serialize, Serializer};

use crate::validation::private::{At, Sink};
use crate::ViolationKind;

/// The error a [`custom`](crate::Validate#custom-rules) rule returns: a stable code, a
/// readable message, and parameters that explain it.
///
/// The message and the parameters must not quote the offending value: payloads carry
/// customers' private messages, and violations end up in logs. A violation serializes the
/// parameters beside `path`, `code` and `message`, as the built-in rules' parameters are
/// (`max` and `actual` for `max_length`); give them other names than those three, which a
/// serialized violation keeps for its own.
///
/// ```
/// use channel_model::CustomError;
///
/// fn locale(value: &str) -> Result<(), CustomError> {
///     if value.contains('_') {
///         return Err(CustomError::new("locale", "must use `-` between language and region"));
///     }
///     if value.len() > 5 {
///         return Err(CustomError::new("locale", "must be at most 5 bytes")
///             .with_param("max", 5)
///             .with_param("actual", value.len()));
///     }
///     Ok(())
/// }
/// assert_eq!(locale("pt_BR").unwrap_err().code(), "locale");
/// let error = locale("pt-BR-x").unwrap_err();
/// assert_eq!(error.params().collect::<Vec<_>>(), [("max", &5.into()), ("actual", &7.into())]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomError {
    code: Cow<'static, str>,
    message: Cow<'static, str>,
    params: Vec<(Cow<'static, str>, CustomParam)>,
}

/// The value of a [`CustomError`] parameter: a number, a boolean or a string (a limit, a
/// count, a name from the rule; never the offending value).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CustomParam {
    /// A boolean.
    Bool(bool),
    /// A negative integer.
    Int(i64),
    /// A non-negative integer, whatever its type was: `5_i32` and `5_usize` are equal.
    UInt(u64),
    /// A string.
    Str(Cow<'static, str>),
}

impl Serialize for CustomParam {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomParam::Bool(value) => serializer.serialize_bool(*value),
            CustomParam::Int(value) => serializer.serialize_i64(*value),
            CustomParam::UInt(value) => serializer.serialize_u64(*value),
            CustomParam::Str(value) => serializer.serialize_str(value),
        }
    }
}

macro_rules! params_from {
    ($($variant:ident($as:ty): $($ty:ty),*;)*) => {$($(
        impl From<$ty> for CustomParam {
            fn from(value: $ty) -> Self {
                CustomParam::$variant(<$as>::from(value))
            }
        }
    )*)*};
}

params_from! {
    Bool(bool): bool;
    UInt(u64): u8, u16, u32, u64;
    Str(Cow<'static, str>): &'static str, String, Cow<'static, str>;
}

/// Signed and pointer-sized integers: `usize` and `isize` have at most 64 bits on every
/// target Rust supports.
macro_rules! integers_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for CustomParam {
            fn from(value: $ty) -> Self {
                match u64::try_from(value) {
                    Ok(value) => CustomParam::UInt(value),
                    Err(_) => CustomParam::Int(value as i64),
                }
            }
        }
    )*};
}

integers_from!(i8, i16, i32, i64, isize, usize);

impl CustomError {
    /// A custom error with a stable machine-readable `code` and a human-readable `message`.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Self {
        CustomError {
            code: code.into(),
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// Adds the parameter `name` with `value`, e.g. `.with_param("limit", 5)`. A name given
    /// again replaces the earlier value, in its place: a serialized violation has each key once.
    /// The names `path`, `code` and `message` are kept in [`params`](Self::params) but left out
    /// of a serialized violation, where those keys are the violation's own.
    pub fn with_param(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<CustomParam>,
    ) -> Self {
        let (name, value) = (name.into(), value.into());
        match self.params.iter_mut().find(|(known, _)| *known == name) {
            Some((_, known)) => *known = value,
            None => self.params.push((name, value)),
        }
        self
    }

    /// The parameters, in the order they were added.
    pub fn params(&self) -> impl Iterator<Item = (&str, &CustomParam)> {
        self.params.iter().map(|(name, value)| (&**name, value))
    }

    /// The stable code, e.g. `locale`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The readable message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CustomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CustomError {}

/// Picks the value a `custom` rule sees, by method resolution on the field's concrete type:
/// an `Option` field's value when it is `Some` (and nothing when it is `None`), any other
/// field as it is. The derive writes `(&Probe(value)).target()`: [`probe::ViaOption`] applies
/// to `&Probe<Option<T>>` as it is, [`probe::ViaValue`] only after an auto-reference, so the
/// `Option` case wins when it fits.
pub mod probe {
    /// A field's value, for method resolution.
    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    /// Picks an `Option` field's value.
    pub trait ViaOption<'a> {
        /// The type `custom` sees.
        type Target: ?Sized;
        /// The value `custom` sees, if any.
        fn target(&self) -> Option<&'a Self::Target>;
    }

    impl<'a, T> ViaOption<'a> for Probe<'a, Option<T>> {
        type Target = T;
        #[inline(always)]
        fn target(&self) -> Option<&'a T> {
            self.0.as_ref()
        }
    }

    /// Picks any other field's value.
    pub trait ViaValue<'a> {
        /// The type `custom` sees.
        type Target: ?Sized;
        /// The value `custom` sees, if any.
        fn target(&self) -> Option<&'a Self::Target>;
    }

    impl<'a, T: ?Sized> ViaValue<'a> for &Probe<'a, T> {
        type Target = T;
        #[inline(always)]
        fn target(&self) -> Option<&'a T> {
            Some(self.0)
        }
    }
}

/// A field value that a `custom` function taking `&U` can check.
#[diagnostic::on_unimplemented(
    message = "a `custom` function for a `{Self}` value cannot take `&{U}`",
    label = "its argument does not match the field's type",
    note = "the function must be `fn(&{Self}) -> Result<(), channel_model::CustomError>`, or take a borrowed form of it such as `&str` for a `String`; an `Option` field passes its value when it is `Some`"
)]
pub trait CustomInput<U: ?Sized> {
    /// The value as the function takes it.
    fn custom_input(&self) -> &U;
}

impl<T: Borrow<U> + ?Sized, U: ?Sized> CustomInput<U> for T {
    fn custom_input(&self) -> &U {
        self.borrow()
    }
}

/// Checks `custom = f`: `f` accepts the value (skipped for `None`).
#[inline(always)]
pub fn apply<T, U, F>(target: Option<&T>, at: impl At, errors: &mut impl Sink, f: F)
where
    T: CustomInput<U> + ?Sized,
    U: ?Sized,
    F: FnOnce(&U) -> Result<(), CustomError>,
{
    if let Some(Err(error)) = target.map(|value| f(value.custom_input())) {
        errors.violation(at, ViolationKind::Custom(error));
    }
}

/// Checks `custom = f` in a type with a context: `f` accepts the value with the context
/// (skipped for `None`).
#[inline(always)]
pub fn apply_with<C, T, U, F>(
    context: &C,
    target: Option<&T>,
    at: impl At,
    errors: &mut impl Sink,
    f: F,
) where
    T: CustomInput<U> + ?Sized,
    U: ?Sized,
    C: ?Sized,
    F: FnOnce(&U, &C) -> Result<(), CustomError>,
{
    if let Some(Err(error)) = target.map(|value| f(value.custom_input(), context)) {
        errors.violation(at, ViolationKind::Custom(error));
    }
}
