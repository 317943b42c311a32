//! What the derive's generated code calls. Not a public API: it may change in any release.

use std::borrow::Borrow;

use super::errors::ValidationErrors;
use super::location::Location;
use super::rules::{is_https_url, Each, Length, Optional, Required, Text};
use super::validate::Validate;
use super::violation::{CustomError, ViolationKind};

/// `required`: the value is present and not empty.
pub fn required<T: Required + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    if value.is_missing() {
        errors.add(at, ViolationKind::Required);
    }
}

/// `non_empty`: a present value is not empty.
pub fn non_empty<T: Length + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    if value.is_empty_value() {
        errors.add(at, ViolationKind::NonEmpty);
    }
}

/// `max_length = max`: at most `max` characters or items.
pub fn max_length<T: Length + ?Sized>(
    value: &T,
    max: usize,
    at: &Location<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(actual) = value.length_above(max) {
        let unit = T::UNIT;
        errors.add(at, ViolationKind::MaxLength { max, actual, unit });
    }
}

/// `ascii`: only ASCII characters.
pub fn ascii<T: Text + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    let Some(text) = value.as_text() else { return };
    if let Some(byte) = text.bytes().position(|b| !b.is_ascii()) {
        let position = text[..byte].chars().count();
        errors.add(at, ViolationKind::Ascii { position });
    }
}

/// `trimmed`: no leading or trailing whitespace.
pub fn trimmed<T: Text + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    let Some(text) = value.as_text() else { return };
    let position = if text.starts_with(char::is_whitespace) {
        0
    } else if text.ends_with(char::is_whitespace) {
        text.trim_end().chars().count()
    } else {
        return;
    };
    errors.add(at, ViolationKind::Trimmed { position });
}

/// `https`: an https URL or a relative reference.
pub fn https<T: Text + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    if value.as_text().is_some_and(|url| !is_https_url(url)) {
        errors.add(at, ViolationKind::Https);
    }
}

/// `nested`: the value's own rules.
pub fn nested<T: Validate + ?Sized>(value: &T, at: &Location<'_>, errors: &mut ValidationErrors) {
    value.validate_into(at, errors);
}

/// `each(...)`: `check` every item at its index.
pub fn each<C, F>(items: &C, at: &Location<'_>, errors: &mut ValidationErrors, mut check: F)
where
    C: Each + ?Sized,
    F: FnMut(&C::Item, &Location<'_>, &mut ValidationErrors),
{
    items.for_each_item(|index, item| check(item, &at.index(index), errors));
}

/// `exclusive(...)`: at most one of `fields` (wire name, is set) is set.
pub fn exclusive(
    fields: &[(&'static str, bool)],
    at: &Location<'_>,
    errors: &mut ValidationErrors,
) {
    if fields.iter().filter(|(_, set)| *set).count() > 1 {
        let fields = fields.iter().filter(|(_, set)| *set).map(|(name, _)| *name);
        errors.add(
            at,
            ViolationKind::Exclusive {
                fields: fields.collect(),
            },
        );
    }
}

/// Whether an `exclusive` member is set.
pub fn is_set<T: Optional + ?Sized>(value: &T) -> bool {
    value.is_set()
}

/// The value a `custom` rule sees: an `Option` field's value when it is `Some` (and nothing
/// when it is `None`), any other field as it is. Chosen by method resolution on concrete
/// types: `CustomOption` applies to `CustomTarget<Option<T>>` itself, `CustomValue` only
/// after an auto-reference, so the `Option` case wins when it fits.
pub struct CustomTarget<'a, T: ?Sized>(pub &'a T);

/// Picks an `Option` field's value for `custom`.
pub trait CustomOption<'a> {
    /// The type `custom` sees.
    type Target: ?Sized;
    /// The value `custom` sees, if any.
    fn custom_target(&self) -> Option<&'a Self::Target>;
}

impl<'a, T> CustomOption<'a> for CustomTarget<'a, Option<T>> {
    type Target = T;
    fn custom_target(&self) -> Option<&'a T> {
        self.0.as_ref()
    }
}

/// Picks any other field's value for `custom`.
pub trait CustomValue<'a> {
    /// The type `custom` sees.
    type Target: ?Sized;
    /// The value `custom` sees, if any.
    fn custom_target(&self) -> Option<&'a Self::Target>;
}

impl<'a, T: ?Sized> CustomValue<'a> for &CustomTarget<'a, T> {
    type Target = T;
    fn custom_target(&self) -> Option<&'a T> {
        Some(self.0)
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

/// `custom = f`: `f` accepts the value (skipped for `None`).
pub fn custom<T, U, F>(target: Option<&T>, at: &Location<'_>, errors: &mut ValidationErrors, f: F)
where
    T: CustomInput<U> + ?Sized,
    U: ?Sized,
    F: FnOnce(&U) -> Result<(), CustomError>,
{
    if let Some(Err(error)) = target.map(|value| f(value.custom_input())) {
        errors.add(at, ViolationKind::Custom(error));
    }
}
