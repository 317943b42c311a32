//! Cross-crate tests for `channel-derive` and `channel-model`; the tests are in `tests/`.
//!
//! This library holds what the test files share, and runs the README's examples as
//! documentation tests.
#![forbid(unsafe_code)]

use channel_model::{Location, Validate, ValidationErrors};

/// The `(pointer, code)` of every violation of `value`, in order; empty when it is valid.
///
/// It also checks that the two passes agree: `is_valid()` says "valid" exactly when the
/// reporting pass (`validate_into`) records nothing, `validate()` (which asks `is_valid()`
/// first) reports what that pass records, and the value nested in another reports the same
/// violations below it.
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

/// What the reporting pass records for `value`, checked against what `validate()` returns.
fn reported<T: Validate + ?Sized>(value: &T) -> Vec<(String, String)> {
    let listed = |errors: &ValidationErrors| -> Vec<(String, String)> {
        errors
            .iter()
            .map(|v| (v.path().to_string(), v.code().to_owned()))
            .collect()
    };
    let mut errors = ValidationErrors::new();
    value.validate_into(&Location::root(), &mut errors);
    let recorded = listed(&errors);
    match value.validate() {
        Ok(()) => assert!(recorded.is_empty(), "validate() missed {recorded:?}"),
        Err(errors) => assert_eq!(listed(&errors), recorded, "validate() reports otherwise"),
    }
    recorded
}

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
