//! Hostile input for the `channel-validate` binary: each gives a clear finding or error, an exit
//! status that says which, and neither a panic nor a quoted value; plus the same decoding path
//! in-process, where test threads have only 2 MiB of stack.

use channel_model::DecodeError;
use channel_validate::kind::Kind;
use channel_validate::report::{Failure, Report, Status};
use channel_validate::{check_bytes, Options};
use serde_json::{json, Value};

mod support;
use support::{command, push_with, run_file, Dir, Run, AT};

/// Checks `text` as one document, as the binary checks a file.
fn check(text: &str, kind: Option<Kind>, strict: bool) -> Report {
    let options = Options {
        kind,
        strict,
        ..Options::default()
    };
    check_bytes("f.json", text.as_bytes().to_vec(), &options)
}

/// The decode error of a report.
fn decode_error(report: &Report) -> &DecodeError {
    match &report.result {
        Err(Failure::Undecodable { error, .. }) => error,
        other => panic!("not a decode error: {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn a_64_mib_message_is_a_max_length_violation_in_bounded_memory() {
    const LEN: usize = 64 << 20;
    let text = push_with(json!({"message": "é".repeat(LEN / 2) + &"x".repeat(LEN / 2)}));
    let dir = Dir::new("big-message");
    dir.write("big-message.json", &text);
    drop(text);
    // The address space is capped at 512 MiB, 8 times the input: a copy too many, or a
    // quadratic buffer, would abort the run.
    let binary = env!("CARGO_BIN_EXE_channel-validate");
    let run = Run::of(command("sh").current_dir(&dir.0).args([
        "-c",
        r#"ulimit -v 524288 && exec "$0" --format json "$1""#,
        binary,
        "big-message.json",
    ]));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let line = run.json_line();
    assert_eq!(
        line["violations"],
        json!([{
            "path": "/external_resources/0/message", "code": "max_length",
            "message": format!("must be at most 65535 characters (got {LEN})"),
            "max": 65535, "actual": LEN, "unit": "characters", "line": 1, "column": 120
        }])
    );
}

#[test]
fn a_push_of_100_000_resources_is_one_violation() {
    let resource = json!({
        "external_id": "r", "message": "m", "created_at": AT, "author": {"external_id": "u"}
    });
    let resources = vec![resource; 100_000];
    let text = json!({"instance_push_id": "acct", "external_resources": resources}).to_string();
    let run = run_file("100k.json", text, &[]);
    let source = run.stdout.split(":1:23: ").next().unwrap().to_owned();
    assert_eq!(
        run.stdout,
        format!(
            "{source}:1:23: /external_resources: must have at most 256 items (got 100000)\n\
             {source}: push: 1 violation\n"
        )
    );
    assert_eq!(run.code, 1);
}

/// `depth` nested arrays around `1`.
fn nested_arrays(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

/// `depth` nested objects, each with the key `key`, around `1`.
fn nested_objects(depth: usize, key: &str) -> String {
    format!(
        "{}1{}",
        format!(r#"{{"{key}":"#).repeat(depth),
        "}".repeat(depth)
    )
}

fn push_text_with_value(value: &str) -> String {
    format!(
        r#"{{"instance_push_id":"acct","external_resources":[{{"external_id":"r1","message":"m","created_at":"{AT}","author":{{"external_id":"u1"}},"fields":[{{"id":1,"value":{value}}}]}}]}}"#
    )
}

#[test]
fn values_nested_beyond_the_recursion_limit_are_an_error_not_a_stack_overflow() {
    // In-process, on a test thread's 2 MiB stack, through the inspecting decoder.
    // serde_json allows 128 levels; a field's value starts 5 levels down.
    for (value, valid) in [
        (nested_arrays(122), true),
        (nested_objects(122, "k"), true),
        (nested_arrays(123), false),
        (nested_arrays(100_000), false),
        (nested_objects(100_000, "k"), false),
    ] {
        let text = push_text_with_value(&value);
        for kind in [None, Some(Kind::Push)] {
            let report = check(&text, kind, false);
            match valid {
                true => assert_eq!(report.status(), Status::Valid, "{report:?}"),
                false => {
                    let error = decode_error(&report);
                    assert_eq!(error.message(), "recursion limit exceeded");
                }
            }
        }
    }
    // And through the binary.
    let run = run_file(
        "deep.json",
        push_text_with_value(&nested_arrays(1_000_000)),
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains(": recursion limit exceeded\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn errors_inside_free_form_values_are_reported_at_the_value_not_at_its_keys() {
    // The keys of `value` and `data` are data: an error below them names only the value.
    let cases = [
        (
            push_text_with_value(&nested_objects(200, "SECRET")),
            "/external_resources/0/fields/0/value",
        ),
        (
            push_text_with_value(r#"{"SECRET": [1, 2,]}"#),
            "/external_resources/0/fields/0/value",
        ),
        (
            push_text_with_value(r#"[{"a": 1}, {"SECRET": {"x": tru}}]"#),
            "/external_resources/0/fields/0/value/1",
        ),
        (
            push_with(json!({"display_info": [{"type": "t", "data": {}}]}))
                .replace(r#""data":{}"#, r#""data":{"SECRET":{"SECRET":[1,}}"#),
            "/external_resources/0/display_info/0/data",
        ),
    ];
    for (text, path) in cases {
        let report = check(&text, Some(Kind::Push), false);
        let error = decode_error(&report);
        assert_eq!(error.path().to_string(), path, "{error}");
        // Inferring the kind reads the document once more, and stops at the broken text.
        let out = every_output(&text);
        assert!(!out.contains("SECRET"), "{out}");
    }
    // Struct keys are names, not data: an error below one still names it.
    let text = push_with(json!({"author": {"external_id": "u", "name": 5}}));
    let report = check(&text, None, false);
    let error = decode_error(&report);
    assert_eq!(
        error.path().to_string(),
        "/external_resources/0/author/name"
    );
}

#[test]
fn invalid_utf8_in_a_file_is_an_error_with_its_offset() {
    let mut bytes = push_with(json!({"message": "café"})).into_bytes();
    let at = bytes.iter().position(|&b| b == 0xC3).unwrap();
    bytes[at] = 0xFF;
    let run = run_file("latin1.json", &bytes, &["--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.json_line()["error"]["message"],
        format!("not UTF-8 text: invalid byte at offset {at}")
    );
}

#[test]
fn field_ids_out_of_range_are_a_violation_that_does_not_quote_them() {
    for id in [
        "1e40",
        "99999999999999999999999",
        "18446744073709551616",
        "-1",
        "-0",
    ] {
        let text = push_text_with_value("null").replace(r#""id":1"#, &format!(r#""id":{id}"#));
        let run = run_file("big-id.json", text, &["--format", "json"]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        let violations = &run.json_line()["violations"];
        assert_eq!(violations[0]["path"], "/external_resources/0/fields/0/id");
        assert_eq!(violations[0]["code"], "field_id");
        assert!(
            !run.stdout.contains("e40") && !run.stdout.contains("9999"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn duplicate_keys_are_an_error_naming_the_key() {
    let text =
        push_with(json!({})).replacen(r#""message":"m""#, r#""message":"m","message":"n""#, 1);
    let run = run_file("dup.json", text, &["--format", "json"]);
    assert_eq!(run.code, 2);
    let error = &run.json_line()["error"];
    assert_eq!(error["path"], "/external_resources/0/message");
    assert_eq!(error["code"], "duplicate_key");

    // At the top level, whether the kind is given or inferred: at the repeated key, which
    // a struct of the model reads (column 42, its closing quote), or at its value, which the
    // reader of the top-level keys skips (column 43, the colon before it).
    let text = r#"{"instance_push_id":"a","instance_push_id":"b"}"#;
    for (args, at) in [
        (&["--kind", "validate-token"][..], ":1:42: "),
        (&[], ":1:43: "),
    ] {
        let run = run_file("dup-root.json", text, args);
        assert_eq!(run.code, 2);
        assert!(run.stdout.contains(at), "{}", run.stdout);
        assert!(
            run.stdout.contains("error: duplicate key"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn top_level_arrays_scalars_and_empty_documents_are_errors() {
    for (text, message) in [
        ("[]", "the document is not a JSON object"),
        (
            r#"[{"instance_push_id": "a"}]"#,
            "the document is not a JSON object",
        ),
        ("42", "the document is not a JSON object"),
        (r#""instance_push_id""#, "the document is not a JSON object"),
        ("null", "the document is not a JSON object"),
        ("", "the document is empty"),
        ("\n \t\r\n", "the document is empty"),
        ("\u{feff}", "the document is empty"),
    ] {
        let run = run_file("top.json", text, &["--format", "json"]);
        assert_eq!(run.code, 2, "{text:?}: {}", run.stdout);
        assert_eq!(run.json_line()["error"]["message"], message, "{text:?}");
        // Forced to a kind, an array is still refused: Zendesk's payloads are objects.
        let run = run_with_kind(text);
        assert_eq!(run.code, 2, "{text:?}: {}", run.stdout);
    }
}

fn run_with_kind(text: &str) -> Run {
    run_file("top-kind.json", text, &["--kind", "validate-token"])
}

#[test]
fn a_byte_order_mark_is_a_warning_and_the_document_is_still_checked() {
    let text = format!("\u{feff}{}", r#"{"instance_push_id": "acct"}"#);
    let run = run_file("bom.json", &text, &["--format", "json"]);
    assert_eq!(run.code, 0);
    let line = run.json_line();
    assert_eq!(line["kind"], "validate-token");
    assert_eq!(line["warnings"][0]["code"], "bom");
    let run = run_file("bom.json", &text, &["--strict"]);
    assert_eq!(run.code, 1);
}

/// What the tool writes, in both formats, for `text`, checked as it infers and as every kind.
fn every_output(text: &str) -> String {
    let mut out = Vec::new();
    let kinds = std::iter::once(None).chain(Kind::ALL.map(Some));
    for kind in kinds {
        for strict in [false, true] {
            let report = check(text, kind, strict);
            report.write_text(true, &mut out).unwrap();
            report.write_json(&mut out).unwrap();
            report.write_github(&mut out).unwrap();
            out.extend(format!("{report:?}").into_bytes());
        }
    }
    String::from_utf8(out).unwrap()
}

const MARKER: &str = "Sécret7F3A";

#[test]
fn undecodable_documents_never_show_their_values() {
    let m = MARKER;
    let cases = [
        format!(r#"{{"instance_push_id": "{m}", "request_id": ["{m}"]}}"#),
        format!(r#"{{"instance_push_id": {{"a": "{m}"}}}}"#),
        // A value that looks like the rest of the message.
        format!(r#"{{"instance_push_id": "a", "request_id": "x, expected {m}"}}"#),
        format!(r#"{{"instance_push_id": "a", "request_id": "{m}\", expected a string"}}"#),
        r#"{"instance_push_id": "a", "external_id": "e", "description": true}"#.to_owned(),
        push_with(json!({"internal_note": MARKER})),
        push_with(json!({"internal_note": format!("{m}, expected {m}")})),
        push_with(json!({"allow_channelback": 73577357})),
        push_with(json!({"allow_channelback": -73577357})),
        push_with(json!({"allow_channelback": 7.3577357e300})),
        push_with(json!({"created_at": MARKER})),
        push_with(json!({"created_at": format!("2015-09-08T22:48:09Z{m}")})),
        push_with(json!({"author": MARKER})),
        push_with(json!({"author": [MARKER]})),
        push_with(json!({"fields": [{"id": MARKER}]})),
        push_with(json!({"fields": [{"id": -73577357, "value": MARKER}]})),
        push_with(json!({"fields": [{"id": 7.3577357, "value": MARKER}]})),
        push_with(json!({"fields": [{"id": [MARKER], "value": MARKER}]})),
        push_with(json!({"display_info": [{"type": MARKER, "data": MARKER}]})),
        push_with(json!({"display_info": [{"type": MARKER, "data": format!("{{\"{m}\": [1,}}")}]})),
        push_with(json!({"display_info": [{"type": MARKER, "data": [MARKER]}]})),
        push_with(json!({"file_urls": MARKER})),
        push_with(json!({"file_urls": [73577357]})),
        format!(
            r#"{{"results": [{{"external_resource_id": "{m}", "status": {{"code": 73577357}}}}]}}"#
        ),
        format!(r#"{{"results": [{{"external_resource_id": "{m}", "status": "{m}"}}]}}"#),
        // Broken JSON around values.
        format!(r#"{{"instance_push_id": "{m}"#),
        format!(r#"{{"instance_push_id": "{m}\q"}}"#),
        format!("{{\"instance_push_id\": \"{m}\u{1}\"}}"),
        format!(r#"{{"instance_push_id": "{m}"}} "{m}""#),
        format!(r#"["{m}"]"#),
        format!(r#""{m}""#),
        format!(r#"{{"instance_push_id": {m}}}"#),
    ];
    for text in &cases {
        let out = every_output(text);
        assert!(
            !out.contains("7F3A") && !out.contains("Sécret"),
            "{text}\n{out}"
        );
        assert!(
            !out.contains("73577357") && !out.contains("3577357"),
            "{text}\n{out}"
        );
    }
}

#[test]
fn violations_never_show_their_values() {
    let m = MARKER;
    let long = MARKER.repeat(7000);
    let text = json!({
        "instance_push_id": long, "request_id": format!(" {m}"),
        "external_resources": [{
            "external_id": format!(" {m} "), "message": long, "html_message": long,
            "parent_id": format!("{m} "), "thread_id": long, "created_at": AT,
            "author": {"external_id": format!("\u{3000}{m}"), "name": long, "image_url": long,
                       "locale": long, "fields": [{"id": long, "value": m}]},
            "display_info": [{"type": long, "data": {m: long.repeat(2)}}],
            "fields": [{"id": long, "value": {m: m}}],
            "file_urls": [format!("http://{m}.example.com/{m}"), long]
        }]
    })
    .to_string();
    let out = every_output(&text);
    assert!(out.contains("18 violations"), "{out}");
    assert!(!out.contains("7F3A") && !out.contains("Sécret"), "{out}");
}

/// Documents of each kind with `MARKER` in every string, and every node that may hold one.
fn marked_documents() -> Vec<Value> {
    let m = MARKER;
    vec![
        json!({
            "instance_push_id": m, "request_id": m,
            "external_resources": [{
                "external_id": m, "internal_note": false, "message": m, "html_message": m,
                "thread_id": m, "created_at": AT,
                "author": {"external_id": m, "name": m, "image_url": m, "locale": m,
                           "fields": [{"id": m, "value": {m: [m]}}]},
                "display_info": [{"type": m, "data": {m: m}}],
                "allow_channelback": true,
                "fields": [{"id": 73577357, "value": m}],
                "file_urls": [m]
            }]
        }),
        json!({"results": [{"external_resource_id": m, "status": {"code": m, "description": m}}]}),
        json!({"instance_push_id": m, "request_id": m}),
        json!({"instance_push_id": m, "external_id": m, "description": m, "request_id": m}),
    ]
}

fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(member, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

/// Values of every JSON type, each holding the marker where it can.
fn hostile_value() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let m = MARKER;
    prop_oneof![
        Just(json!(m)),
        Just(json!(format!("{m}, expected {m}"))),
        Just(json!(format!("{m}\", expected a string"))),
        Just(json!(73577357)),
        Just(json!(-73577357)),
        Just(json!(7.3577357e300)),
        Just(json!(true)),
        Just(Value::Null),
        Just(json!([m])),
        Just(json!([73577357])),
        Just(json!({"k": m})),
        Just(json!({m: m})),
        Just(json!("2015-09-08T22:48:09Z")),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

    /// Any node of any kind's document replaced by a value of another type: whatever the tool
    /// says, in either format, as inferred or as any kind, quotes no value.
    #[test]
    fn replaced_values_never_show(
        doc in proptest::sample::select(marked_documents()),
        at in proptest::prelude::any::<proptest::sample::Index>(),
        value in hostile_value(),
    ) {
        let mut doc = doc;
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let pointer = at.get(&all).clone();
        *doc.pointer_mut(&pointer).unwrap() = value;
        let out = every_output(&doc.to_string());
        // Keys of the model's objects are names, and are shown: `{m: m}` in place of a struct
        // is an unknown key there. Anywhere else, a marker is a leak.
        let out = out.replace(&format!("{pointer}/{MARKER}"), &format!("{pointer}/<key>"));
        proptest::prop_assert!(
            !out.contains("7F3A") && !out.contains("Sécret") && !out.contains("3577357"),
            "{}: {}", pointer, out
        );
    }
}

#[test]
fn a_64_mib_unknown_key_gets_no_suggestion_and_is_shown_shortened() {
    const LEN: usize = 64 << 20;
    let key = "k".repeat(LEN);
    let text = format!(r#"{{"instance_push_id": "a", "{key}": 1}}"#);
    for kind in [None, Some(Kind::ValidateToken)] {
        let report = check(&text, kind, false);
        let mut out = Vec::new();
        report.write_text(true, &mut out).unwrap();
        report.write_json(&mut out).unwrap();
        report.write_github(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.len() < 2000, "{} bytes of output", out.len());
        let shortened = format!("/{}…({LEN} characters)", "k".repeat(32));
        assert_eq!(out.matches(&shortened).count(), 3, "{out}");
        assert!(out.contains("unknown key; Zendesk ignores it"), "{out}");
    }
    // A key that is a typo of a field is still told, however it is written.
    let report = check(r#"{"instance_push_id": "a", "request_íd": 1}"#, None, false);
    let mut out = Vec::new();
    report.write_text(true, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("did you mean request_id?"), "{out}");
}

#[test]
fn a_raw_control_character_is_reported_at_its_column_however_the_kind_is_found() {
    let text = "{\"instance_push_id\": \"ab\u{1}\"}";
    let at = text.find('\u{1}').unwrap() + 1;
    for kind in [None, Some(Kind::ValidateToken)] {
        match &check(text, kind, false).result {
            Err(failure) => {
                let position = failure.position().expect("a position");
                assert_eq!((position.line, position.column), (1, at), "{kind:?}");
            }
            Ok(checked) => panic!("decoded: {checked:?}"),
        }
    }
}
