//! `channel_model::from_str`, `from_slice` and `from_reader`: errors that say where (a JSON
//! Pointer in wire names, a line and a column) and what (a category and a message), and never
//! quote the input; and what they refuse that `serde_json::from_str` lets through.

use channel_model::{DecodeCategory, DecodeError, PushRequest, PushResponse, ValidateTokenRequest};
use serde::Deserialize;

const AT: &str = "2015-09-08T22:48:09Z";

/// A push of one resource with `extra` (raw JSON members, after a comma) added to it.
fn push_with(extra: &str) -> String {
    format!(
        r#"{{"instance_push_id":"acct","external_resources":[{{"external_id":"r1","message":"m","created_at":"{AT}","author":{{"external_id":"u1"}}{extra}}}]}}"#
    )
}

fn push_error(text: &str) -> DecodeError {
    channel_model::from_str::<PushRequest>(text).expect_err("refused")
}

/// Asserts that no way of showing `error` contains `secret`.
fn assert_quiet(error: &DecodeError, secret: &str) {
    let shown = format!(
        "{error} {error:?} {}",
        serde_json::to_string(error).unwrap()
    );
    assert!(!shown.contains(secret), "{shown}");
}

#[test]
fn a_string_for_a_boolean_names_the_type_not_the_text() {
    let secret = "I'm leaving the company, call me on 555-0100";
    let text = push_with(&format!(r#","internal_note":"{secret}""#));
    // What plain serde_json says.
    let plain = serde_json::from_str::<PushRequest>(&text).unwrap_err();
    assert!(plain.to_string().contains(secret));

    let error = push_error(&text);
    assert_quiet(&error, secret);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/internal_note"
    );
    assert_eq!(error.category(), DecodeCategory::Type);
    assert_eq!(
        error.message(),
        "invalid type: a string, expected a boolean"
    );
    assert_eq!(error.line(), 1);
    assert_eq!(
        error.column(),
        text.find(secret).unwrap() + secret.len() + 1
    );
}

#[test]
fn a_string_for_a_list_or_a_struct_is_not_quoted() {
    let url = "https://private.example/x";
    let error = push_error(&push_with(&format!(r#","file_urls":"{url}""#)));
    assert_quiet(&error, "private.example");
    assert_eq!(error.path().to_string(), "/external_resources/0/file_urls");
    assert_eq!(
        error.message(),
        "invalid type: a string, expected a sequence"
    );

    let text = push_with("").replace(r#"{"external_id":"u1"}"#, r#""Ada Lovelace""#);
    let error = push_error(&text);
    assert_quiet(&error, "Lovelace");
    assert_eq!(error.path().to_string(), "/external_resources/0/author");
    assert_eq!(error.category(), DecodeCategory::Type);
}

#[test]
fn an_integer_for_a_string_is_not_quoted() {
    for field in ["external_id", "message"] {
        let text = push_with("").replace(
            &format!(r#""{field}":"#),
            &format!(r#""{field}":4242,"x":"#),
        );
        let error = push_error(&text);
        assert_quiet(&error, "4242");
        assert_eq!(
            error.path().to_string(),
            format!("/external_resources/0/{field}")
        );
        assert_eq!(
            error.message(),
            "invalid type: an integer, expected a string"
        );
    }
    let error = channel_model::from_str::<ValidateTokenRequest>(r#"{"instance_push_id":4242}"#)
        .unwrap_err();
    assert_quiet(&error, "4242");
    assert_eq!(
        error.to_string(),
        "/instance_push_id: invalid type: an integer, expected a string at line 1, column 24"
    );
}

#[test]
fn numbers_too_large_or_fractional_are_not_quoted() {
    let error = channel_model::from_str::<ValidateTokenRequest>(
        r#"{"instance_push_id":"a","request_id":123456789.25}"#,
    )
    .unwrap_err();
    assert_quiet(&error, "123456789");
    assert_eq!(error.message(), "invalid type: a number, expected a string");
}

#[test]
fn a_value_that_looks_like_the_message_is_not_quoted_either() {
    let error = push_error(&push_with(r#","internal_note":"secret, expected secret""#));
    assert_eq!(
        error.message(),
        "invalid type: a string, expected a boolean"
    );
}

#[test]
fn unknown_variants_are_not_quoted() {
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
        Blue,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Paint {
        colour: Colour,
    }
    let error = channel_model::from_str::<Paint>(r#"{"colour":"secret-green"}"#).unwrap_err();
    assert_quiet(&error, "secret");
    assert_eq!(error.category(), DecodeCategory::UnknownVariant);
    assert_eq!(error.path().to_string(), "/colour");
    assert_eq!(error.message(), "unknown variant, expected `red` or `blue`");
}

#[test]
fn missing_fields_syntax_and_end_of_input() {
    let error =
        channel_model::from_str::<ValidateTokenRequest>(r#"{"request_id":"r"}"#).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::MissingField);
    assert_eq!(error.message(), "missing field `instance_push_id`");
    assert!(error.path().is_root());

    let error = channel_model::from_str::<ValidateTokenRequest>("{\"instance_push_id\":\n'a'}")
        .unwrap_err();
    assert_eq!(error.category(), DecodeCategory::Syntax);
    assert_eq!((error.line(), error.column()), (2, 1));
    assert_eq!(error.path().to_string(), "/instance_push_id");

    let error = channel_model::from_str::<ValidateTokenRequest>(r#"{"instance_push_id":"a"} {}"#)
        .unwrap_err();
    assert_eq!(error.category(), DecodeCategory::Syntax);
    assert_eq!(error.message(), "trailing characters");

    let error =
        channel_model::from_str::<ValidateTokenRequest>(r#"{"instance_push_id":"a""#).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::Eof);
    assert_eq!(error.message(), "EOF while parsing an object");

    for empty in ["", " \n\t"] {
        let error = channel_model::from_str::<ValidateTokenRequest>(empty).unwrap_err();
        assert_eq!(error.category(), DecodeCategory::Eof);
        assert_eq!(error.message(), "the document is empty");
    }
}

#[test]
fn nesting_beyond_the_limit_is_too_deep_at_the_value() {
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let text = push_with(&format!(r#","fields":[{{"id":1,"value":{deep}}}]"#));
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::TooDeep);
    assert_eq!(error.message(), "recursion limit exceeded");
    // Inside a field's value, indexes are shown but keys are data and are not.
    assert!(
        error
            .path()
            .to_string()
            .starts_with("/external_resources/0/fields/0/value/0/0/"),
        "{error}"
    );
    let deep = format!("{}1{}", r#"{"secret":"#.repeat(200), "}".repeat(200));
    let error = push_error(&push_with(&format!(
        r#","fields":[{{"id":1,"value":{deep}}}]"#
    )));
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/fields/0/value"
    );
    assert_quiet(&error, "secret");
}

#[test]
fn a_struct_given_as_an_array_is_refused() {
    // serde_json reads `["acct"]` as a ValidateTokenRequest with `instance_push_id` "acct".
    assert!(serde_json::from_str::<ValidateTokenRequest>(r#"["acct"]"#).is_ok());
    let error = channel_model::from_str::<ValidateTokenRequest>(r#"["acct"]"#).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::Type);
    assert_eq!(
        error.message(),
        "invalid type: sequence, expected a JSON object"
    );
}

#[test]
fn duplicate_keys_are_refused_at_their_path_wherever_they_are() {
    // In the model's objects, known or unknown keys alike.
    let text = push_with(r#","message":"again""#);
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(error.path().to_string(), "/external_resources/0/message");
    assert_eq!(
        error.message(),
        "duplicate key: an object may have each key once"
    );
    assert_quiet(&error, "again");
    // serde_json refuses an unknown key twice only... never: it ignores both.
    let text = push_with(r#","colour":1,"colour":2"#);
    assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(error.path().to_string(), "/external_resources/0/colour");

    // Inside a field's value and display data, where serde_json keeps the last: reported the
    // same way, at the free-form value (its keys are data).
    let text = push_with(r#","fields":[{"id":1,"value":{"k":1,"k":2}}]"#);
    assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/fields/0/value"
    );
    assert_eq!(
        error.message(),
        "duplicate key: an object may have each key once"
    );

    let text = push_with(r#","display_info":[{"type":"t","data":{"a":{"secret":1,"secret":2}}}]"#);
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/display_info/0/data"
    );
    assert_quiet(&error, "secret");

    let text =
        r#"{"results":[{"external_resource_id":"r","status":{"code":"success","code":"halted"}}]}"#;
    let error = channel_model::from_str::<PushResponse>(text).unwrap_err();
    assert_eq!(error.path().to_string(), "/results/0/status/code");
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
}

#[test]
fn duplicate_keys_are_refused_inside_the_values_a_struct_skips() {
    // A key the model does not know is skipped, and so is its value; the objects in it are
    // still JSON the document holds, and a key repeated there is refused at the first object
    // in it (whose keys are data), as in a field's value.
    for (value, at) in [
        (r#"{"secret":1,"secret":2}"#, ""),
        (r#"[{"a":{"secret":1,"secret":2}}]"#, "/0"),
        (r#"{"a":[],"\u0061":[]}"#, ""),
    ] {
        let text = push_with(&format!(r#","colour":{value}"#));
        assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
        let error = push_error(&text);
        assert_eq!(error.category(), DecodeCategory::DuplicateKey, "{value}");
        let path = format!("/external_resources/0/colour{at}");
        assert_eq!(error.path().to_string(), path);
        assert_quiet(&error, "secret");
    }
    // The same objects with distinct keys decode, as any value of an unknown key.
    let text = push_with(r#","colour":{"a":[{"a":1,"b":{"a":2}}],"b":"\u0061","c":1e300}"#);
    assert!(channel_model::from_str::<PushRequest>(&text).is_ok());
}

#[test]
fn duplicate_keys_are_found_in_objects_of_many_keys() {
    // Past a few keys, an object's keys are looked up by hash: the first and the last key
    // repeated are found alike, and distinct keys are no duplicates.
    let members = |count: usize| {
        (0..count)
            .map(|i| format!(r#""k{i}":{i}"#))
            .collect::<Vec<_>>()
    };
    for (count, again) in [(15, 0), (16, 15), (17, 16), (200, 0), (200, 199)] {
        let mut keys = members(count);
        keys.push(format!(r#""k{again}":0"#));
        let text = push_with(&format!(
            r#","fields":[{{"id":1,"value":{{{}}}}}]"#,
            keys.join(",")
        ));
        let error = push_error(&text);
        assert_eq!(
            error.category(),
            DecodeCategory::DuplicateKey,
            "{count} {again}"
        );
        assert_eq!(
            error.path().to_string(),
            "/external_resources/0/fields/0/value"
        );
    }
    let text = push_with(&format!(
        r#","fields":[{{"id":1,"value":{{{}}}}}]"#,
        members(300).join(",")
    ));
    channel_model::from_str::<PushRequest>(&text).expect("distinct keys");
}

#[test]
fn an_inspection_hears_of_nulls_and_unknown_keys_where_they_are() {
    #[derive(Default)]
    struct Notes(Vec<String>);

    impl channel_model::Inspect for Notes {
        fn null(&mut self, path: &[channel_model::PathSegment]) {
            let path = channel_model::Path::from(path.to_vec());
            self.0.push(format!("null {path}"));
        }

        fn unknown_key(
            &mut self,
            path: &[channel_model::PathSegment],
            key: &str,
            fields: &'static [&'static str],
        ) {
            let path = channel_model::Path::from(path.to_vec());
            self.0
                .push(format!("{path} {key} {}", fields.contains(&"message")));
        }
    }

    let text = push_with(
        r#","thread_id":null,"colour":{"a":null},"fields":[{"id":1,"value":{"x":null}}]"#,
    );
    let mut notes = Notes::default();
    let push: PushRequest = channel_model::from_str_inspected(&text, &mut notes).unwrap();
    assert_eq!(push, channel_model::from_str::<PushRequest>(&text).unwrap());
    assert_eq!(
        notes.0,
        [
            "null /external_resources/0/thread_id",
            "/external_resources/0 colour true"
        ]
    );
    // The decode fails as `from_str` does, wherever the inspection is.
    let error =
        channel_model::from_str_inspected::<PushRequest>(&push_with(r#","x":1,"x":2"#), &mut notes)
            .unwrap_err();
    assert_eq!(error.path().to_string(), "/external_resources/0/x");
}

#[test]
fn the_same_key_in_different_objects_is_no_duplicate() {
    let text = push_with(r#","fields":[{"id":1,"value":{"k":{"k":1}}},{"id":2,"value":{"k":2}}]"#);
    let push: PushRequest = channel_model::from_str(&text).expect("decodes");
    assert_eq!(push, serde_json::from_str(&text).unwrap());
}

#[test]
fn slices_and_readers_decode_the_same() {
    let text = push_with(r#","internal_note":true"#);
    let push: PushRequest = channel_model::from_str(&text).unwrap();
    assert_eq!(
        channel_model::from_slice::<PushRequest>(text.as_bytes()).unwrap(),
        push
    );
    assert_eq!(
        channel_model::from_reader::<_, PushRequest>(text.as_bytes()).unwrap(),
        push
    );

    let text = push_with(r#","internal_note":"secret""#);
    let error = push_error(&text);
    assert_eq!(
        channel_model::from_slice::<PushRequest>(text.as_bytes()).unwrap_err(),
        error
    );
    assert_eq!(
        channel_model::from_reader::<_, PushRequest>(text.as_bytes()).unwrap_err(),
        error
    );

    let mut bytes = push_with(r#","internal_note":true"#).into_bytes();
    let at = bytes.iter().position(|&b| b == b'm').unwrap();
    bytes[at] = 0xFF;
    let error = channel_model::from_slice::<PushRequest>(&bytes).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::Syntax);
    assert_eq!(error.message(), "invalid unicode code point");
}

#[test]
fn errors_serialize_with_their_category() {
    let error = channel_model::from_str::<ValidateTokenRequest>(r#"{"instance_push_id":true}"#)
        .unwrap_err();
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({
            "path": "/instance_push_id",
            "category": "type",
            "message": "invalid type: a boolean, expected a string",
            "line": 1,
            "column": 24,
        })
    );
}

#[test]
fn keys_are_followed_whether_borrowed_escaped_or_read_from_a_reader() {
    // An escaped key is unescaped by serde_json into a buffer of its own: the path, the
    // duplicate check and the inspection see the key it stands for, as for a key read from
    // a reader.
    let text = push_with(r#","\u0063olour":1,"colour":2"#);
    for error in [
        push_error(&text),
        channel_model::from_reader::<_, PushRequest>(text.as_bytes()).unwrap_err(),
    ] {
        assert_eq!(error.category(), DecodeCategory::DuplicateKey);
        assert_eq!(error.path().to_string(), "/external_resources/0/colour");
    }
    let text = push_with(r#","\u006dessage":"again""#);
    let error = push_error(&text);
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(error.path().to_string(), "/external_resources/0/message");
    let text = push_with(r#","intern\u0061l_note":"yes""#);
    for error in [
        push_error(&text),
        channel_model::from_reader::<_, PushRequest>(text.as_bytes()).unwrap_err(),
    ] {
        assert_eq!(error.category(), DecodeCategory::Type);
        assert_eq!(
            error.path().to_string(),
            "/external_resources/0/internal_note"
        );
    }
}

#[test]
fn a_struct_of_your_own_refuses_its_fields_twice_at_any_depth() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
        by_name: std::collections::HashMap<String, Inner>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        a: u8,
        #[serde(default)]
        b: Option<u8>,
    }

    let cases = [
        (
            r#"{"inner":[{"a":1},{"a":1,"b":2,"a":3}],"by_name":{}}"#,
            "/inner/1/a",
        ),
        (r#"{"inner":[],"by_name":{"k":{"a":1,"a":2}}}"#, "/by_name"),
        (
            r#"{"inner":[],"by_name":{"k":{"a":1},"k":{"a":1}}}"#,
            "/by_name",
        ),
        (r#"{"inner":[],"inner":[],"by_name":{}}"#, "/inner"),
        (
            r#"{"inner":[{"a":1,"z":1,"y":2,"z":3}],"by_name":{}}"#,
            "/inner/0/z",
        ),
    ];
    for (text, path) in cases {
        let error = channel_model::from_str::<Outer>(text).unwrap_err();
        assert_eq!(error.category(), DecodeCategory::DuplicateKey, "{text}");
        assert_eq!(
            error.message(),
            "duplicate key: an object may have each key once"
        );
        assert_eq!(error.path().to_string(), path, "{text}");
    }
    let error = channel_model::from_str::<Outer>(r#"{"inner":[{"a":1,"b":"x"}],"by_name":{}}"#)
        .unwrap_err();
    assert_eq!(error.path().to_string(), "/inner/0/b");
    let error =
        channel_model::from_str::<Outer>(r#"{"inner":[{"a":1}],"by_name":{"k":{"a":"x"}}}"#)
            .unwrap_err();
    assert_eq!(error.path().to_string(), "/by_name");
}
