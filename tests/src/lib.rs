//! Cross-crate tests for `channel-derive` and `channel-model`; the tests are in `tests/`.
//!
//! This library holds what the test files share, and runs the README's examples as
//! documentation tests.
#![forbid(unsafe_code)]

use channel_model::Validate;

/// The `(pointer, code)` of every violation of `value`, in order; empty when it is valid.
///
/// It also checks that the two passes agree: `is_valid()` says "valid" exactly when
/// `validate()` reports nothing, and the value nested in another reports the same violations
/// below it (the reporting pass asks a nested value `is_valid()` before it descends).
pub fn violations<T: Validate + ?Sized>(value: &T) -> Vec<(String, String)> {
    let found = reported(value);
    assert_eq!(
        value.is_valid(),
        found.is_empty(),
        "is_valid() disagrees with validate(): {found:?}"
    );
    let nested: Vec<(String, String)> = found
        .iter()
        .map(|(path, code)| (format!("/value{path}"), code.clone()))
        .collect();
    let outer = Nested { value };
    assert_eq!(reported(&outer), nested, "nested, it reports otherwise");
    assert_eq!(outer.is_valid(), found.is_empty());
    found
}

/// A value nested in another.
#[derive(Validate)]
struct Nested<'a, T: Validate + ?Sized> {
    #[validate(nested)]
    value: &'a T,
}

fn reported<T: Validate + ?Sized>(value: &T) -> Vec<(String, String)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => {
            assert!(!errors.is_empty(), "an Err must hold a violation");
            errors
                .iter()
                .map(|v| (v.path().to_string(), v.code().to_owned()))
                .collect()
        }
    }
}

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
