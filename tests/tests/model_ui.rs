//! `Validated<T>` can only come from a valid value: it cannot be built, deserialized or
//! changed around the rules. Compile-fail cases in `model_ui/`, run with trybuild; after a
//! compiler change, regenerate with `TRYBUILD=overwrite cargo test -p channel-tests --test
//! model_ui` and review the diff.

#[test]
fn validated_cannot_bypass_validation() {
    trybuild::TestCases::new().compile_fail("model_ui/*.rs");
}
