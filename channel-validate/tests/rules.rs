//! The exact rules, through the binary: leap seconds, `created_at`'s length, hosts and ports of
//! https URLs, empty URLs, tabs in URLs, display data nested too deep and duplicate keys in
//! free-form values, each with the exit status and the finding a user sees.

use serde_json::{json, Value};

mod support;
use support::{push_with, run_file};

/// Runs the binary with `--format json` on `text`, written to a file: its exit status and its
/// one JSON line.
fn check(name: &str, text: &str) -> (i32, Value) {
    let run = run_file(&format!("{name}.json"), text, &["--format", "json"]);
    (run.code, run.json_line())
}

fn assert_valid(name: &str, text: &str) {
    let (code, line) = check(name, text);
    assert_eq!((code, &line["valid"]), (0, &json!(true)), "{line}");
}

/// Asserts that `text` cannot be decoded, with `code` at `path`; the error's message.
fn assert_error(name: &str, text: &str, path: &str, code: &str) -> String {
    let (status, line) = check(name, text);
    assert_eq!(status, 2, "{line}");
    assert_eq!(line["error"]["path"], path, "{line}");
    assert_eq!(line["error"]["code"], code, "{line}");
    line["error"]["message"].as_str().unwrap().to_owned()
}

/// The one violation of `text`.
fn violation(name: &str, text: &str) -> Value {
    let (status, line) = check(name, text);
    assert_eq!(status, 1, "{line}");
    let violations = line["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{line}");
    violations[0].clone()
}

#[test]
fn a_leap_second_is_23_59_60_in_utc_only() {
    for good in [
        "1998-12-31T23:59:60Z",
        "1998-12-31T15:59:60.123-08:00",
        "2015-09-09T01:59:60+02:00",
    ] {
        assert_valid("leap-good", &push_with(json!({ "created_at": good })));
    }
    for bad in [
        "1998-12-31T23:58:60Z",
        "2015-09-08T22:48:60Z",
        "2015-09-09T02:59:60+02:00",
    ] {
        let message = assert_error(
            "leap-bad",
            &push_with(json!({ "created_at": bad })),
            "/external_resources/0/created_at",
            "value",
        );
        assert!(
            message.contains("a leap second (:60) is 23:59:60 in UTC only"),
            "{message}"
        );
    }
}

#[test]
fn created_at_has_at_most_255_characters() {
    let with_digits = |digits: usize| format!("2015-09-08T22:48:09.{}Z", "1".repeat(digits));
    assert_eq!(with_digits(234).chars().count(), 255);
    assert_valid(
        "at-255",
        &push_with(json!({ "created_at": with_digits(234) })),
    );
    let message = assert_error(
        "at-256",
        &push_with(json!({ "created_at": with_digits(235) })),
        "/external_resources/0/created_at",
        "value",
    );
    assert!(message.contains("at most 255 characters"), "{message}");
}

#[test]
fn https_urls_need_a_valid_host_and_port_and_say_what_is_wrong() {
    for (url, problem) in [
        ("https://exa mple.com/", "invalid_host"),
        ("https://exa<mple>.com/", "invalid_host"),
        ("https://[::1", "invalid_host"),
        ("https://%20/", "invalid_host"),
        ("https://example.com:notaport/", "invalid_port"),
        ("https://example.com:99999/", "invalid_port"),
        ("https://example.com/a\tb.png", "tab_or_line_break"),
    ] {
        let found = violation("url", &push_with(json!({ "file_urls": [url] })));
        assert_eq!(
            found["path"], "/external_resources/0/file_urls/0",
            "{url:?}"
        );
        assert_eq!(found["code"], "https", "{url:?}");
        assert_eq!(found["problem"], problem, "{url:?}");
    }
    let tab = violation(
        "tab",
        &push_with(json!({ "file_urls": ["https://example.com/a\tb.png"] })),
    );
    assert!(
        tab["message"]
            .as_str()
            .unwrap()
            .contains("tab or a line break"),
        "{tab}"
    );
    // Relative references pass, as the rules decide; 65535 is a port.
    for url in ["files/1.jpg", "/files/1", "https://example.com:65535/a"] {
        assert_valid("url-good", &push_with(json!({ "file_urls": [url] })));
    }
}

#[test]
fn an_empty_url_is_not_a_url() {
    let found = violation("empty-url", &push_with(json!({ "file_urls": [""] })));
    assert_eq!(found["path"], "/external_resources/0/file_urls/0");
    assert_eq!(found["code"], "non_empty");
}

#[test]
fn display_data_strings_nested_128_levels_are_too_deep() {
    for depth in [128, 129] {
        let data = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        let text = push_with(json!({ "display_info": [{"type": "t", "data": data}] }));
        let message = assert_error(
            "deep-data",
            &text,
            "/external_resources/0/display_info/0/data",
            "value",
        );
        assert!(message.contains("nests deeper than"), "{message}");
    }
}

#[test]
fn duplicate_keys_in_data_and_field_values_are_refused_as_in_the_model() {
    for (extra, path) in [
        (
            r#""display_info":[{"type":"t","data":{"k":1,"k":2}}]"#,
            "/external_resources/0/display_info/0/data",
        ),
        (
            r#""display_info":[{"type":"t","data":"{\"k\":1,\"k\":2}"}]"#,
            "/external_resources/0/display_info/0/data",
        ),
        (
            r#""fields":[{"id":1,"value":{"k":1,"k":2}}]"#,
            "/external_resources/0/fields/0/value",
        ),
    ] {
        let text = push_with(json!({})).replacen(
            r#""message":"m""#,
            &format!(r#""message":"m",{extra}"#),
            1,
        );
        assert_error("duplicate", &text, path, "duplicate_key");
    }
}
