//! No leaked values: for payloads whose every string holds a marker, neither `Display`, `Debug`
//! nor the serialized form of the violations (or of `Invalid`) contains it.

mod prop_support;

use channel_model::{
    ChannelbackErrorReport, PushRequest, Validate, ValidateTokenRequest, Validated,
    ValidationErrors,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use prop_support::mutated;

/// Stands for a customer's data: text that no message of the library contains.
const MARKER: &str = "Sécret·7F3A";

/// `doc` with `MARKER` in the middle of every string and at the start of every key of the
/// free-form values (`data`, `value`), except where a string must keep its form to decode:
/// `created_at`, and `data` sent as a string of JSON (whose inside is marked before).
fn marked(doc: &Value, free_form: bool) -> Value {
    match doc {
        Value::String(s) => {
            let middle = s
                .char_indices()
                .nth(s.chars().count() / 2)
                .map_or(s.len(), |c| c.0);
            Value::String(format!("{}{MARKER}{}", &s[..middle], &s[middle..]))
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| marked(v, free_form)).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, value)| {
                    let value = match (free_form, key.as_str(), value) {
                        (false, "created_at", _) => value.clone(),
                        (false, "data", Value::String(text)) => {
                            let inner: Value = serde_json::from_str(text).expect("JSON");
                            Value::String(marked(&inner, true).to_string())
                        }
                        (false, "data" | "value", _) => marked(value, true),
                        _ => marked(value, free_form),
                    };
                    let key = match free_form {
                        true => format!("{MARKER}{key}"),
                        false => key.clone(),
                    };
                    (key, value)
                })
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

/// Every way the violations of `doc` (as a `T`) can be shown, as one text.
fn shown<T: DeserializeOwned + Validate + std::fmt::Debug>(doc: &Value) -> Option<String> {
    let value: T = serde_json::from_value(doc.clone()).expect("decodes");
    let errors: ValidationErrors = value.validate().err()?;
    let invalid = Validated::new(value).expect_err("invalid");
    let mut all = format!("{errors}\n{errors:?}\n{errors:#?}\n{invalid}\n{invalid:?}\n");
    all.push_str(&serde_json::to_string(&errors).expect("violations serialize"));
    for violation in &errors {
        all.push_str(&format!("{violation}{violation:?}{}", violation.kind()));
        all.push_str(&serde_json::to_string(violation).expect("a violation serializes"));
    }
    Some(all)
}

fn assert_no_marker(shown: Option<String>) -> Result<(), TestCaseError> {
    if let Some(shown) = shown {
        prop_assert!(
            !shown.contains("7F3A") && !shown.contains("Sécret"),
            "a value shows in:\n{}",
            shown
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn push_violations_never_show_values(doc in mutated(prop_support::push(), 6)) {
        assert_no_marker(shown::<PushRequest>(&marked(&doc, false)))?;
    }

    #[test]
    fn token_and_report_violations_never_show_values(
        token in mutated(prop_support::validate_token(), 3),
        report in mutated(prop_support::report_error(), 3),
    ) {
        assert_no_marker(shown::<ValidateTokenRequest>(&marked(&token, false)))?;
        assert_no_marker(shown::<ChannelbackErrorReport>(&marked(&report, false)))?;
    }
}

#[test]
fn a_push_with_every_rule_broken_shows_no_value() {
    let long = MARKER.repeat(7000);
    let doc = serde_json::json!({
        "instance_push_id": long, "request_id": long,
        "external_resources": [{
            "external_id": format!(" {MARKER} "), "message": long, "html_message": long,
            "parent_id": format!("{MARKER} "), "thread_id": long,
            "created_at": "2015-09-08T22:48:09Z",
            "author": {"external_id": format!("\u{3000}{MARKER}"), "name": long, "image_url": long,
                       "locale": long, "fields": [{"id": long, "value": MARKER}]},
            "display_info": [{"type": long, "data": {MARKER: long.repeat(2)}}],
            "fields": [{"id": long, "value": {MARKER: MARKER}}],
            "file_urls": [format!("http://{MARKER}.example.com/{MARKER}"), long]
        }]
    });
    let shown = shown::<PushRequest>(&doc).expect("invalid");
    assert!(
        shown.contains("/external_resources/0/file_urls/0"),
        "{shown}"
    );
    assert!(
        !shown.contains("7F3A") && !shown.contains("Sécret"),
        "{shown}"
    );
}
