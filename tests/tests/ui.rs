//! Compile-fail and compile-pass cases for `#[derive(Validate)]`, run with trybuild.
//!
//! `ui/fail/*.rs` must fail to compile with exactly the diagnostics in the `.stderr` beside
//! each; `ui/pass/*.rs` must compile and their `main` must not panic. After changing a
//! diagnostic on purpose, regenerate with `TRYBUILD=overwrite cargo test -p channel-tests
//! --test ui` and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
