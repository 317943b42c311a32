//! Hostile input for the model: each is refused with a clear error, or decodes and is reported
//! by `validate()`, and nothing panics or overflows the stack (test threads have 2 MiB).

use channel_model::{
    ChannelbackErrorReport, DecodeCategory, PushRequest, PushResponse, Validate,
    ValidateTokenRequest, ViolationKind,
};
use channel_tests::violations;
use serde::de::DeserializeOwned;
use serde_json::Value;

const AT: &str = "2015-09-08T22:48:09Z";

/// A push of one resource whose `message` is `message` (raw JSON string contents) and whose
/// first field has the value `value` (raw JSON).
fn push_text(message: &str, value: &str) -> String {
    format!(
        r#"{{"instance_push_id":"acct","external_resources":[{{"external_id":"r1","message":"{message}","created_at":"{AT}","author":{{"external_id":"u1"}},"fields":[{{"id":1,"value":{value}}}]}}]}}"#
    )
}

/// The error of decoding `text` as a `T`, which must fail.
fn error_of<T: DeserializeOwned>(text: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(_) => panic!("decoded {}", std::any::type_name::<T>()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_64_mib_message_is_a_max_length_violation() {
    const LEN: usize = 64 << 20;
    let text = push_text(&"x".repeat(LEN), "null");
    let push: PushRequest = serde_json::from_str(&text).expect("decodes");
    drop(text);
    let errors = push.validate().unwrap_err();
    let kinds: Vec<_> = errors
        .iter()
        .map(|v| (v.path().to_string(), v.kind().clone()))
        .collect();
    assert_eq!(
        kinds,
        [(
            "/external_resources/0/message".to_owned(),
            ViolationKind::MaxLength {
                max: 65535,
                actual: LEN,
                unit: channel_model::LengthUnit::Characters
            }
        )]
    );
}

#[test]
fn a_push_of_100_000_resources_is_one_max_length_violation() {
    let resource = format!(
        r#"{{"external_id":"r","message":"m","created_at":"{AT}","author":{{"external_id":"u"}}}}"#
    );
    let resources = vec![resource.as_str(); 100_000].join(",");
    let text = format!(r#"{{"instance_push_id":"acct","external_resources":[{resources}]}}"#);
    let push: PushRequest = serde_json::from_str(&text).expect("decodes");
    assert_eq!(push.external_resources.len(), 100_000);
    assert_eq!(
        violations(&push),
        [("/external_resources".to_owned(), "max_length".to_owned())]
    );
    // Splitting makes it sendable: 391 parts, every one valid.
    let parts = push.split();
    assert_eq!(parts.len(), 100_000usize.div_ceil(256));
    assert!(parts.iter().all(|part| part.validate().is_ok()));
}

/// `depth` nested arrays around `1`.
fn nested(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn field_values_nested_beyond_the_recursion_limit_are_refused() {
    for depth in [200, 10_000, 1_000_000] {
        let error = error_of::<PushRequest>(&push_text("m", &nested(depth)));
        assert!(error.starts_with("recursion limit exceeded"), "{error}");
    }
    let objects = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    let error = error_of::<PushRequest>(&push_text("m", &objects));
    assert!(error.starts_with("recursion limit exceeded"), "{error}");
}

#[test]
fn field_values_nested_up_to_the_limit_decode_validate_and_write_back() {
    // serde_json allows 128 levels; the value sits 5 levels down.
    let text = push_text("m", &nested(122));
    let push: PushRequest = serde_json::from_str(&text).expect("decodes");
    assert_eq!(violations(&push), []);
    let written = serde_json::to_string(&push).expect("serializes");
    let again: PushRequest = serde_json::from_str(&written).expect("reads back");
    assert_eq!(again, push);
}

#[test]
fn display_data_strings_nested_beyond_the_limit_are_too_deep() {
    // 128 levels and more used to be "not a JSON object": serde_json stops reading them.
    for depth in [128, 129, 100_000] {
        let deep = serde_json::to_string(&nested(depth)).unwrap();
        let text = format!(
            r#"{{"instance_push_id":"a","external_resources":[{{"external_id":"r","message":"m","created_at":"{AT}","author":{{"external_id":"u"}},"display_info":[{{"type":"t","data":{deep}}}]}}]}}"#
        );
        let error = error_of::<PushRequest>(&text);
        assert!(
            error.starts_with("display_info data nests deeper than 122 levels"),
            "{depth}: {error}"
        );
    }
    // Brackets inside strings are not nesting.
    let text = push_with_data_string(&format!(r#"{{"a":"{}"}}"#, "[".repeat(200)));
    assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
    let text = push_with_data_string(&format!(r#"{{"a\"":"{}"}}"#, "{".repeat(200)));
    assert!(serde_json::from_str::<PushRequest>(&text).is_ok());
}

#[test]
fn invalid_utf8_is_refused() {
    let mut bytes = push_text("caf\u{e9}", "null").into_bytes();
    let at = bytes.iter().position(|&b| b == 0xC3).unwrap();
    bytes[at] = 0xFF;
    for error in [
        serde_json::from_slice::<PushRequest>(&bytes).unwrap_err(),
        serde_json::from_slice::<PushRequest>(&[b'"', 0xC0, 0x80, b'"']).unwrap_err(),
    ] {
        assert!(
            error.to_string().starts_with("invalid unicode code point"),
            "{error}"
        );
    }
    // A lone surrogate escape is not a character either.
    let error = error_of::<PushRequest>(&push_text(r"\ud800\u0041", "null"));
    assert!(error.starts_with("lone leading surrogate"), "{error}");
}

#[test]
fn fractional_field_ids_are_refused() {
    for id in ["1.5", "1.0", "-2.5", "1e-3"] {
        let text = push_text("m", "null").replace(r#""id":1"#, &format!(r#""id":{id}"#));
        let error = error_of::<PushRequest>(&text);
        assert!(
            error.starts_with("invalid type: floating point")
                && error.contains("expected a field id: an integer from 0 to 18446744073709551615"),
            "{id}: {error}"
        );
    }
}

#[test]
fn field_ids_out_of_range_are_a_violation_at_their_path() {
    for id in [
        "-1",
        "-0",
        "18446744073709551616",
        "99999999999999999999999",
        "1e40",
        "-9223372036854775808",
    ] {
        let text = push_text("m", "null").replace(r#""id":1"#, &format!(r#""id":{id}"#));
        let push: PushRequest = channel_model::from_str(&text).expect("decodes");
        assert_eq!(
            violations(&push),
            [(
                "/external_resources/0/fields/0/id".to_owned(),
                "field_id".to_owned()
            )],
            "{id}"
        );
        let errors = push.validate().unwrap_err();
        assert_eq!(
            errors.to_string(),
            "/external_resources/0/fields/0/id: must be a field id: an integer from 0 to \
             18446744073709551615, or a name"
        );
    }
    let text = push_text("m", "null").replace(r#""id":1"#, r#""id":18446744073709551615"#);
    let push: PushRequest = serde_json::from_str(&text).expect("u64::MAX is an id");
    assert_eq!(violations(&push), []);
}

#[test]
fn duplicate_keys_are_refused_the_same_way_in_the_model_and_in_free_form_values() {
    let text = push_text("m", "null").replacen(
        r#""message":"m""#,
        r#""message":"m","message":"again""#,
        1,
    );
    let error = channel_model::from_str::<PushRequest>(&text).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(error.path().to_string(), "/external_resources/0/message");
    let text = r#"{"instance_push_id":"a","instance_push_id":"b"}"#;
    let error = channel_model::from_str::<ValidateTokenRequest>(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "/instance_push_id: duplicate key: an object may have each key once at line 1, column 42"
    );

    // `value` and `data` are any JSON, and serde_json keeps the last of duplicate keys.
    let text = push_text("m", r#"{"k":1,"k":2}"#);
    let push: PushRequest = serde_json::from_str(&text).unwrap();
    let fields = push.external_resources[0].fields.as_ref().unwrap();
    assert_eq!(fields[0].value, serde_json::json!({"k": 2}));
    let error = channel_model::from_str::<PushRequest>(&text).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/fields/0/value"
    );
    assert_eq!(
        error.message(),
        "duplicate key: an object may have each key once"
    );

    // Also inside `data` sent as a string of JSON: the message is the same.
    let text = push_with_data_string(r#"{"k":{"secret":1,"secret":2}}"#);
    assert!(serde_json::from_str::<Value>(&text).is_ok());
    let error = channel_model::from_str::<PushRequest>(&text).unwrap_err();
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/display_info/0/data"
    );
    assert_eq!(
        error.message(),
        "duplicate key: an object may have each key once"
    );
    assert!(!format!("{error:?}").contains("secret"));
}

/// Checks that `text` is refused as every kind, with an error starting with one of `starts`.
fn refused_as_every_kind(text: &str, starts: &[&str]) {
    let errors = [
        error_of::<PushRequest>(text),
        error_of::<PushResponse>(text),
        error_of::<ValidateTokenRequest>(text),
        error_of::<ChannelbackErrorReport>(text),
    ];
    for error in errors {
        assert!(
            starts.iter().any(|start| error.starts_with(start)),
            "{text:?}: {error}"
        );
    }
}

#[test]
fn top_level_arrays_scalars_and_empty_documents_are_refused() {
    refused_as_every_kind("[]", &["invalid length 0, expected struct"]);
    for scalar in ["42", "-1", "1.5", "true", "null", r#""acct""#] {
        refused_as_every_kind(scalar, &["invalid type: "]);
    }
    for empty in ["", " ", "\n\t\r "] {
        refused_as_every_kind(empty, &["EOF while parsing a value"]);
    }
}

#[test]
fn a_byte_order_mark_is_refused_by_the_json_parser() {
    // RFC 8259 forbids it; the command-line tool strips it and warns instead.
    let text = "\u{feff}{\"instance_push_id\":\"acct\"}";
    refused_as_every_kind(text, &["expected value at line 1 column 1"]);
}

#[test]
fn every_error_above_is_displayed_without_panicking() {
    // Errors from deep inside large documents still say where they are.
    let text = push_text("m", &nested(300));
    let error = serde_json::from_str::<Value>(&text).unwrap_err();
    assert!(error.line() == 1 && error.column() > 128, "{error}");
}

/// A push whose one display_info has `data` given as a string holding `object`.
fn push_with_data_string(object: &str) -> String {
    let data = serde_json::to_string(object).unwrap();
    format!(
        r#"{{"instance_push_id":"a","external_resources":[{{"external_id":"r","message":"m","created_at":"{AT}","author":{{"external_id":"u"}},"display_info":[{{"type":"t","data":{data}}}]}}]}}"#
    )
}

/// `depth` nested objects, the innermost `{"a":1}`.
fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

#[test]
fn display_data_strings_decode_only_as_deep_as_they_can_be_written_back() {
    // Found while writing these tests: `data` sent as a string holding 127 levels was accepted,
    // then written out as an object 5 levels down, 132 levels deep, which serde_json cannot
    // read back. Now it may hold as many levels as an object sent in its place could.
    let push: PushRequest = serde_json::from_str(&push_with_data_string(&nested_objects(122)))
        .expect("122 levels decode");
    let written = serde_json::to_string(&push).unwrap();
    let again: PushRequest = serde_json::from_str(&written).expect("and read back");
    assert_eq!(again, push);
    let inline: PushRequest = serde_json::from_str(&push_with_data_string("{}").replace(
        r#""data":"{}""#,
        &format!(r#""data":{}"#, nested_objects(122)),
    ))
    .expect("as deep as an object sent in its place");
    assert_eq!(inline, push);

    for depth in [123, 127] {
        let error = error_of::<PushRequest>(&push_with_data_string(&nested_objects(depth)));
        assert!(
            error.starts_with("display_info data nests deeper than 122 levels"),
            "{depth}: {error}"
        );
    }
    let arrays = format!(r#"{{"a":{}}}"#, nested(122));
    let error = error_of::<PushRequest>(&push_with_data_string(&arrays));
    assert!(
        error.starts_with("display_info data nests deeper"),
        "{error}"
    );
}
