//! Cross-crate tests for `channel-derive` and `channel-model`; the tests are in `tests/`.
//!
//! This library only runs the README's examples as documentation tests.
#![forbid(unsafe_code)]

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
