//! Cross-crate tests for `channel-derive` and `channel-model`; the tests are in `tests/`.
//!
//! This library holds what the test files share, and runs the README's examples as
//! documentation tests.
#![forbid(unsafe_code)]

use channel_model::Validate;

/// The `(pointer, code)` of every violation of `value`, in order; empty when it is valid.
pub fn violations<T: Validate + ?Sized>(value: &T) -> Vec<(String, String)> {
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
