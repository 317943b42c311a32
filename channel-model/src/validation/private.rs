//! What the derive's generated code calls. Not a public API: it may change in any release.

use std::borrow::Borrow;

use super::errors::ValidationErrors;
use super::location::Location;
use super::rules::{is_https_url, Each, Length, Optional, Required, Text};
use super::validate::Validate;
use super::violation::{CustomError, ViolationKind};

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

/// The item at `index` of the collection at `parent`, for `each(...)`.
#[derive(Clone, Copy)]
pub struct ItemAt<P> {
    parent: P,
    index: usize,
}

impl<P: At> At for ItemAt<P> {
    #[inline(always)]
    fn with_location<R>(self, f: impl FnOnce(&Location<'_>) -> R) -> R {
        self.parent
            .with_location(|parent| f(&parent.index(self.index)))
    }
}

/// Records a violation. Out of line and cold, so that the inlined checks stay small.
#[cold]
#[inline(never)]
fn violation(errors: &mut ValidationErrors, at: impl At, kind: ViolationKind) {
    at.with_location(|at| errors.add(at, kind));
}

/// `required`: the value is present and not empty.
#[inline(always)]
pub fn required<T: Required + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    if value.is_missing() {
        violation(errors, at, ViolationKind::Required);
    }
}

/// `non_empty`: a present value is not empty.
#[inline(always)]
pub fn non_empty<T: Length + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    if value.is_empty_value() {
        violation(errors, at, ViolationKind::NonEmpty);
    }
}

/// `max_length = max`: at most `max` characters or items.
#[inline(always)]
pub fn max_length<T: Length + ?Sized>(
    value: &T,
    max: usize,
    at: impl At,
    errors: &mut ValidationErrors,
) {
    if let Some(actual) = value.length_above(max) {
        let unit = T::UNIT;
        violation(errors, at, ViolationKind::MaxLength { max, actual, unit });
    }
}

/// `ascii`: only ASCII characters.
#[inline(always)]
pub fn ascii<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    let Some(text) = value.as_text() else { return };
    // The position is looked for only when there is one.
    if !is_ascii(text.as_bytes()) {
        let byte = text.bytes().position(|b| !b.is_ascii()).unwrap_or_default();
        let position = text[..byte].chars().count();
        violation(errors, at, ViolationKind::Ascii { position });
    }
}

/// Whether every byte is ASCII. Ids are short: for fewer than 16 bytes, OR-ing them all
/// beats the standard library's checks, which branch on every byte below eight.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    if bytes.len() < 16 {
        bytes.iter().fold(0, |all, b| all | b) < 0x80
    } else {
        bytes.is_ascii()
    }
}

/// `trimmed`: no leading or trailing whitespace.
#[inline(always)]
pub fn trimmed<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    let Some(text) = value.as_text() else { return };
    let (Some(&first), Some(&last)) = (text.as_bytes().first(), text.as_bytes().last()) else {
        return;
    };
    // A printable ASCII character at each end (`!` to DEL) settles it without decoding: no
    // other ASCII characters than ' ' and '\t' to '\r' are whitespace, and they are below '!'.
    let printable = |b: u8| b.wrapping_sub(b'!') <= 0x7f - b'!';
    if !(printable(first) && printable(last)) {
        if let Some(position) = untrimmed_at(text) {
            violation(errors, at, ViolationKind::Trimmed { position });
        }
    }
}

/// The index, in characters, of the first leading or trailing whitespace character of `text`.
#[inline(never)]
fn untrimmed_at(text: &str) -> Option<usize> {
    if text.starts_with(char::is_whitespace) {
        Some(0)
    } else if text.ends_with(char::is_whitespace) {
        Some(text.trim_end().chars().count())
    } else {
        None
    }
}

/// `https`: an https URL or a relative reference.
#[inline(always)]
pub fn https<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    if value.as_text().is_some_and(|url| !is_https_url(url)) {
        violation(errors, at, ViolationKind::Https);
    }
}

/// `nested`: the value's own rules.
#[inline(always)]
pub fn nested<T: Validate + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    at.with_location(|at| value.validate_into(at, errors));
}

/// `each(...)`: `check` every item at its index.
#[inline(always)]
pub fn each<C, A, F>(items: &C, at: A, errors: &mut ValidationErrors, mut check: F)
where
    C: Each + ?Sized,
    A: At,
    F: FnMut(&C::Item, ItemAt<A>, &mut ValidationErrors),
{
    items.for_each_item(|index, item| check(item, ItemAt { parent: at, index }, errors));
}

/// `exclusive(...)`: at most one of `fields` (wire name, is set) is set.
#[inline(always)]
pub fn exclusive(
    fields: &[(&'static str, bool)],
    at: &Location<'_>,
    errors: &mut ValidationErrors,
) {
    if fields.iter().filter(|(_, set)| *set).count() > 1 {
        exclusive_violation(fields, at, errors);
    }
}

#[cold]
#[inline(never)]
fn exclusive_violation(
    fields: &[(&'static str, bool)],
    at: &Location<'_>,
    errors: &mut ValidationErrors,
) {
    let fields = fields.iter().filter(|(_, set)| *set).map(|(name, _)| *name);
    let fields = fields.collect();
    errors.add(at, ViolationKind::Exclusive { fields });
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
#[inline(always)]
pub fn custom<T, U, F>(target: Option<&T>, at: impl At, errors: &mut ValidationErrors, f: F)
where
    T: CustomInput<U> + ?Sized,
    U: ?Sized,
    F: FnOnce(&U) -> Result<(), CustomError>,
{
    if let Some(Err(error)) = target.map(|value| f(value.custom_input())) {
        violation(errors, at, ViolationKind::Custom(error));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violations(check: impl FnOnce(Location<'_>, &mut ValidationErrors)) -> Vec<ViolationKind> {
        let mut errors = ValidationErrors::new();
        check(Location::root(), &mut errors);
        errors.iter().map(|v| v.kind().clone()).collect()
    }

    #[test]
    fn trimmed_decodes_what_the_ascii_test_cannot_settle() {
        let trimmed_at = |text: &str| violations(|at, errors| trimmed(text, move || at, errors));
        // Not whitespace, though below '!' or at DEL.
        for text in ["\u{0}a\u{1f}", "\u{7f}", "\u{1c}x\u{1f}"] {
            assert!(trimmed_at(text).is_empty(), "{text:?}");
        }
        for (text, position) in [
            ("\u{b}a", 0),
            ("a\u{c}", 1),
            ("é\u{85}", 1),
            ("\u{2029}", 0),
        ] {
            assert_eq!(
                trimmed_at(text),
                [ViolationKind::Trimmed { position }],
                "{text:?}"
            );
        }
    }

    #[test]
    fn ascii_finds_the_first_other_character_in_short_and_long_text() {
        let ascii_at = |text: &str| violations(|at, errors| ascii(text, move || at, errors));
        for len in [0, 1, 7, 8, 15, 16, 17, 40] {
            let text = "a".repeat(len);
            assert!(ascii_at(&text).is_empty());
            let position = len;
            let text = text + "é";
            assert_eq!(
                ascii_at(&text),
                [ViolationKind::Ascii { position }],
                "{len}"
            );
        }
    }

    #[test]
    fn each_reports_items_at_their_index_and_nests() {
        let items = vec![vec!["ok", " x"], vec![], vec!["y "]];
        let mut errors = ValidationErrors::new();
        let root = &Location::root();
        let at = move || root.field("items");
        each(&items, at, &mut errors, |item, at, errors| {
            each(item, at, errors, |text, at, errors| {
                trimmed(*text, at, errors)
            });
        });
        let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
        assert_eq!(paths, ["/items/0/1", "/items/2/0"]);
    }
}
