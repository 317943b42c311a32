//! The `channel-validate` binary, run as a user runs it: files and standard input, both output
//! formats, exit statuses, and what it says about valid, invalid and undecodable payloads.

use std::fs;
use std::path::Path;

use serde_json::{json, Value};

mod support;
use support::{cli, merged, Dir, Run};

/// The workspace root, where the README's command runs.
fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    fs::read_to_string(path).unwrap()
}

/// The binary run on the fixture `name`, as `push.json` in a directory of its own.
fn run_fixture(name: &str) -> Run {
    let dir = Dir::new(name);
    dir.write("push.json", fixture(name));
    dir.run(&["push.json"])
}

/// A resource with its required fields, and `extra` merged in.
fn resource(id: &str, extra: Value) -> Value {
    let resource = json!({
        "external_id": id,
        "message": "Where is my order?",
        "created_at": "2025-03-14T10:02:00Z",
        "author": {"external_id": "user-1"}
    });
    merged(resource, extra)
}

fn push(resources: Vec<Value>) -> String {
    json!({"instance_push_id": "acct-1", "external_resources": resources}).to_string()
}

const VALID_TOKEN: &str = r#"{"instance_push_id": "acct-1", "request_id": "req-1"}"#;
const INVALID_TOKEN: &str = r#"{"instance_push_id": "", "request_id": ""}"#;
const MALFORMED: &str = "{\n  \"instance_push_id\": \"acct-1\",\n}\n";

// --- The README's command and the bundled examples -------------------------------------------

#[test]
fn readme_command_shows_every_kind_of_finding_in_the_invalid_example() {
    let run = Run::of(
        cli()
            .current_dir(workspace())
            .arg("examples/push-invalid.json"),
    );
    let f = "examples/push-invalid.json";
    let expected = [
        format!("{f}:8:23: /external_resources/0/html_message: must be left out or given a value: Zendesk's schemas do not accept null"),
        format!("{f}:6:22: /external_resources/0/external_id: must contain only ASCII characters (character 10 is not ASCII)"),
        format!("{f}:13:17: /external_resources/0/author/name: must be at most 255 characters (got 256)"),
        format!("{f}:14:19: /external_resources/0/author/locale: must not be empty"),
        format!("{f}:19:22: /external_resources/1/external_id: must not begin or end with whitespace (character 0 is whitespace)"),
        format!("{f}:25:24: /external_resources/1/author/external_id: must not begin or end with whitespace (character 14 is whitespace)"),
        format!("{f}:27:21: /external_resources/1/file_urls/0: must be an https URL (an absolute URL needs the https scheme and a host)"),
        format!("{f}:18:5: /external_resources/1: at most one may be set, but these are all set: parent_id, thread_id"),
        format!("{f}:37:20: /external_resources/2/file_urls: must have at most 10 items (got 11)"),
        format!("{f}:16:7: /external_resources/0/allow_channel_back: warning: unknown key; did you mean allow_channelback?"),
        format!("{f}: push: 9 violations, 1 warning"),
    ];
    assert_eq!(run.lines(), expected, "{}", run.stdout);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
}

/// Every `$ command` in the README's `text` blocks prints what the README shows after it.
#[cfg(unix)]
#[test]
fn readme_shows_real_output() {
    let readme = fs::read_to_string(workspace().join("README.md")).unwrap();
    let binary = env!("CARGO_BIN_EXE_channel-validate");
    let mut commands = 0;
    for block in readme.split("```text\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let mut shown = block.split_inclusive('\n').peekable();
        while let Some(line) = shown.next() {
            let command = line
                .strip_prefix("$ ")
                .expect("a block starts with a command");
            let mut expected = String::new();
            while let Some(output) = shown.next_if(|line| !line.starts_with("$ ")) {
                expected.push_str(output);
            }
            let command = command
                .replace("cargo run --release -p channel-validate --", binary)
                .replace("| channel-validate", &format!("| {binary}"));
            let command = match command.strip_prefix("channel-validate ") {
                Some(args) => format!("{binary} {args}"),
                None => command,
            };
            let run = Run::of(
                support::command("sh")
                    .current_dir(workspace())
                    .args(["-c", command.trim_end()]),
            );
            assert_eq!(run.stdout, expected, "{command}");
            commands += 1;
        }
    }
    assert!(commands >= 5, "{commands}");
}

#[test]
fn bundled_valid_example_is_valid() {
    let run = Run::of(
        cli()
            .current_dir(workspace())
            .arg("examples/push-valid.json"),
    );
    assert_eq!(run.stdout, "examples/push-valid.json: push: valid\n");
    assert_eq!(run.code, 0);
}

// --- Valid and invalid files -----------------------------------------------------------------

#[test]
fn valid_file_prints_one_summary_line_and_exits_0() {
    let dir = Dir::new("valid");
    dir.write("token.json", VALID_TOKEN)
        .write("push.json", push(vec![resource("msg-1", json!({}))]));
    let run = dir.run(&["token.json", "push.json"]);
    assert_eq!(
        run.lines(),
        [
            "token.json: validate-token: valid",
            "push.json: push: valid"
        ]
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
}

#[test]
fn invalid_file_prints_file_pointer_message_lines_and_exits_1() {
    let dir = Dir::new("invalid");
    let doc = push(vec![
        resource("msg-1", json!({})),
        resource(
            "msg-2 ",
            json!({"parent_id": "msg-1", "thread_id": "t-1", "file_urls": ["http://example.com/a.png"]}),
        ),
    ]);
    dir.write("bad.json", doc);
    let run = dir.run(&["bad.json"]);
    assert_eq!(
        run.lines(),
        [
            "bad.json:1:234: /external_resources/1/external_id: must not begin or end with whitespace (character 5 is whitespace)",
            "bad.json:1:256: /external_resources/1/file_urls/0: must be an https URL (an absolute URL needs the https scheme and a host)",
            "bad.json:1:149: /external_resources/1: at most one may be set, but these are all set: parent_id, thread_id",
            "bad.json: push: 3 violations",
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let dir = Dir::new("chars");
    let at_limit = "é".repeat(255);
    let over = "日".repeat(256);
    dir.write(
        "names.json",
        push(vec![
            resource(
                "a",
                json!({"author": {"external_id": "u", "name": at_limit}}),
            ),
            resource("b", json!({"author": {"external_id": "u", "name": over}})),
        ]),
    );
    let run = dir.run(&["names.json"]);
    assert_eq!(
        run.lines(),
        [
            "names.json:1:441: /external_resources/1/author/name: must be at most 255 characters (got 256)",
            "names.json: push: 1 violation",
        ]
    );
}

// --- Undecodable inputs ----------------------------------------------------------------------

#[test]
fn malformed_json_gives_line_and_column_and_exits_2() {
    let dir = Dir::new("malformed");
    dir.write("broken.json", MALFORMED);
    let run = dir.run(&["broken.json"]);
    assert_eq!(run.stdout, "broken.json:3:1: error: trailing comma\n");
    assert_eq!(run.code, 2);
}

#[test]
fn wrong_type_gives_the_json_path_with_line_and_column() {
    let dir = Dir::new("wrong-type");
    let doc = "{\n  \"instance_push_id\": \"acct-1\",\n  \"external_resources\": [\n    {\"external_id\": \"m\", \"message\": \"hi\", \"created_at\": \"2025-03-14T10:02:00Z\",\n     \"author\": {\"external_id\": \"u\"}, \"allow_channelback\": \"yes\"}\n  ]\n}\n";
    dir.write("typed.json", doc);
    let run = dir.run(&["typed.json"]);
    assert_eq!(
        run.stdout,
        "typed.json:5:63: /external_resources/0/allow_channelback: error: invalid type: a string, expected a boolean\n"
    );
    assert_eq!(run.code, 2);

    let run = dir.run(&["--format", "json", "typed.json"]);
    let [line] = &run.json()[..] else {
        panic!("{}", run.stdout)
    };
    assert_eq!(line["source"], "typed.json");
    assert_eq!(line["kind"], "push");
    assert_eq!(line["valid"], false);
    assert_eq!(
        line["error"],
        json!({
            "path": "/external_resources/0/allow_channelback",
            "code": "type",
            "line": 5,
            "column": 63,
            "message": "invalid type: a string, expected a boolean"
        })
    );
    assert!(line.get("violations").is_none() && line.get("warnings").is_none());
}

#[test]
fn missing_field_gives_the_path_of_the_object_that_lacks_it() {
    let dir = Dir::new("missing");
    let doc = json!({"instance_push_id": "a", "external_resources": [
        resource("m", json!({})),
        {"external_id": "n", "message": "hi", "created_at": "2025-03-14T10:02:00Z"}
    ]});
    dir.write("missing.json", serde_json::to_string_pretty(&doc).unwrap());
    let run = dir.run(&["--format", "json", "missing.json"]);
    let error = &run.json()[0]["error"];
    assert_eq!(error["path"], "/external_resources/1");
    assert_eq!(error["message"], "missing field `author`");
    assert!(error["line"].as_u64().unwrap() > 1, "{error}");
    assert!(error["column"].as_u64().unwrap() >= 1, "{error}");
    assert_eq!(run.code, 2);
}

#[test]
fn empty_and_blank_files_are_empty_documents() {
    let dir = Dir::new("empty");
    dir.write("empty.json", "")
        .write("blank.json", " \n\t\r\n")
        .write("bom-only.json", "\u{feff}");
    let run = dir.run(&["empty.json", "blank.json", "bom-only.json"]);
    assert_eq!(
        run.lines(),
        [
            "empty.json: error: the document is empty",
            "blank.json: error: the document is empty",
            "bom-only.json: error: the document is empty",
        ]
    );
    assert_eq!(run.code, 2);
}

#[test]
fn text_that_is_not_utf8_is_an_error_with_its_offset() {
    let dir = Dir::new("not-utf8");
    dir.write("latin1.json", b"{\"instance_push_id\": \"caf\xe9\"}");
    let run = dir.run(&["--format", "json", "latin1.json"]);
    assert_eq!(
        run.json(),
        [json!({
            "source": "latin1.json",
            "kind": null,
            "valid": false,
            "error": {"path": "", "code": "utf8", "line": 1, "column": 26,
                      "message": "not UTF-8 text: invalid byte at offset 25"}
        })]
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_document_that_is_not_an_object_is_an_error() {
    let dir = Dir::new("not-object");
    dir.write("array.json", format!("[{VALID_TOKEN}]"))
        .write("string.json", "\"acct-1\"")
        .write("null.json", "null");
    let run = dir.run(&["array.json", "string.json", "null.json"]);
    assert_eq!(
        run.lines(),
        [
            "array.json:1:1: error: the document is not a JSON object",
            "string.json:1:8: error: the document is not a JSON object",
            "null.json:1:4: error: the document is not a JSON object",
        ]
    );
    assert_eq!(run.code, 2);

    // serde would take an array for a struct, field by field; Zendesk would not.
    let run = dir.run(&["--kind", "validate-token", "array.json"]);
    assert_eq!(
        run.stdout,
        "array.json:1:1: error: invalid type: sequence, expected a JSON object\n"
    );
    assert_eq!(run.code, 2);
}

#[test]
fn several_documents_in_a_file_are_each_checked_and_named_by_their_line() {
    let dir = Dir::new("several");
    // Pretty-printed documents one after another, and trailing content that is no document.
    let pretty =
        serde_json::to_string_pretty(&json!({"instance_push_id": "", "request_id": "r"})).unwrap();
    dir.write("two.json", format!("{pretty}\n{VALID_TOKEN} x\n"));
    let run = dir.run(&["two.json"]);
    assert_eq!(
        run.lines(),
        [
            "two.json:2:23: /instance_push_id: is required and must not be empty",
            "two.json:1: validate-token: 1 violation",
            "two.json:5: validate-token: valid",
            "two.json:5:55: error: expected value",
        ]
    );
    assert_eq!(run.code, 2);
}

#[test]
fn unreadable_files_are_errors_on_standard_error_and_the_others_are_still_checked() {
    let dir = Dir::new("missing-file");
    dir.write("token.json", VALID_TOKEN);
    for format in ["text", "json", "github"] {
        let run = dir.run(&["--format", format, "nowhere.json", "token.json"]);
        assert!(
            run.stderr
                .starts_with("channel-validate: nowhere.json: cannot read: "),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(!run.stdout.contains("nowhere"), "{}", run.stdout);
        assert_eq!(run.code, 2);
    }
    let run = dir.run(&["nowhere.json", "token.json"]);
    assert_eq!(run.stdout, "token.json: validate-token: valid\n");
}

// --- Several inputs: the worst status wins ---------------------------------------------------

#[test]
fn valid_and_invalid_exits_1() {
    let dir = Dir::new("mixed-1");
    dir.write("good.json", VALID_TOKEN)
        .write("bad.json", INVALID_TOKEN);
    let run = dir.run(&["good.json", "bad.json", "good.json"]);
    assert_eq!(
        run.lines(),
        [
            "good.json: validate-token: valid",
            "bad.json:1:22: /instance_push_id: is required and must not be empty",
            "bad.json:1:40: /request_id: must not be empty",
            "bad.json: validate-token: 2 violations",
            "good.json: validate-token: valid",
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn undecodable_wins_over_invalid_and_every_file_is_still_reported() {
    let dir = Dir::new("mixed-2");
    dir.write("bad.json", INVALID_TOKEN)
        .write("broken.json", MALFORMED)
        .write("good.json", VALID_TOKEN);
    for order in [
        ["bad.json", "broken.json", "good.json"],
        ["broken.json", "good.json", "bad.json"],
    ] {
        let run = dir.run(&order);
        let expected: Vec<&str> = order
            .iter()
            .map(|file| match *file {
                "bad.json" => "bad.json: validate-token: 2 violations",
                "broken.json" => "broken.json:3:1: error: trailing comma",
                _ => "good.json: validate-token: valid",
            })
            .collect();
        assert_eq!(run.summaries(), expected, "{}", run.stdout);
        assert_eq!(run.code, 2);

        let run = dir.run(&[&["--format", "json"][..], &order[..]].concat());
        let sources: Vec<Value> = run.json().iter().map(|l| l["source"].clone()).collect();
        assert_eq!(sources, order.map(Value::from));
        assert_eq!(run.code, 2);
    }
}

// --- Standard input --------------------------------------------------------------------------

#[test]
fn standard_input_is_read_without_files_or_with_a_dash() {
    let dir = Dir::new("stdin");
    let run = dir.run_stdin(&[], VALID_TOKEN);
    assert_eq!(run.stdout, "<stdin>: validate-token: valid\n");
    assert_eq!(run.code, 0);

    dir.write("bad.json", INVALID_TOKEN);
    let run = dir.run_stdin(&["bad.json", "-"], VALID_TOKEN);
    assert_eq!(run.lines().last(), Some(&"<stdin>: validate-token: valid"));
    assert_eq!(run.code, 1);

    let run = dir.run_stdin(&["--format", "json", "-"], MALFORMED);
    assert_eq!(run.json()[0]["source"], "<stdin>");
    assert_eq!(run.json()[0]["error"]["message"], "trailing comma");
    assert_eq!(run.code, 2);
}

// --- Kinds: forced and inferred --------------------------------------------------------------

#[test]
fn kind_option_forces_the_kind() {
    let dir = Dir::new("kind");
    dir.write("token.json", VALID_TOKEN);
    assert_eq!(
        dir.run(&["token.json"]).stdout,
        "token.json: validate-token: valid\n"
    );

    let run = dir.run(&["--kind", "push", "token.json"]);
    assert_eq!(
        run.stdout,
        "token.json:1:53: error: missing field `external_resources`\n"
    );
    assert_eq!(run.code, 2);

    let run = dir.run(&["--kind", "report-error", "--format", "json", "token.json"]);
    let line = &run.json()[0];
    assert_eq!(line["kind"], "report-error");
    assert_eq!(line["error"]["message"], "missing field `external_id`");

    // A document with no key of any kind can still be checked as one.
    dir.write("bare.json", r#"{"note": "hello"}"#);
    let run = dir.run(&["--kind", "validate-token", "bare.json"]);
    assert_eq!(
        run.stdout,
        "bare.json:1:17: error: missing field `instance_push_id`\n"
    );
}

#[test]
fn usage_errors_are_claps() {
    let run = Run::of(cli().args(["--kind", "tweet", "a.json"]));
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("invalid value 'tweet'"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("push-response"), "{}", run.stderr);

    let run = Run::of(cli().args(["--format", "yaml"]));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--format"), "{}", run.stderr);
}

#[test]
fn each_kind_is_inferred_from_a_minimal_document() {
    let dir = Dir::new("infer");
    let minimal = [
        ("push", push(vec![resource("m", json!({}))])),
        (
            "push-response",
            r#"{"results": [{"external_resource_id": "m", "status": {"code": "success"}}]}"#
                .to_owned(),
        ),
        ("validate-token", r#"{"instance_push_id": "a"}"#.to_owned()),
        (
            "report-error",
            r#"{"instance_push_id": "a", "external_id": "m"}"#.to_owned(),
        ),
        (
            "pull",
            json!({"external_resources": [resource("m", json!({}))]}).to_string(),
        ),
        ("channelback", r#"{"external_id": "m"}"#.to_owned()),
        (
            "manifest",
            r#"{"name": "Relay", "id": "com.example.relay", "urls": {"admin_ui": "./admin"}}"#
                .to_owned(),
        ),
    ];
    for (kind, doc) in minimal {
        dir.write("doc.json", &doc);
        let run = dir.run(&["--format", "json", "doc.json"]);
        assert_eq!(run.json()[0]["kind"], kind, "{doc}");
        assert_eq!(run.json()[0]["valid"], true, "{doc}: {}", run.stdout);
        assert_eq!(run.code, 0);
    }
}

#[test]
fn inference_says_when_it_is_ambiguous_or_impossible() {
    let dir = Dir::new("ambiguous");
    // `instance_push_id` belongs to a push, a validate_token, a report_error and an admin UI
    // request, and as a number it decodes as none of them.
    dir.write("amb.json", r#"{"instance_push_id": 42}"#)
        .write("none.json", r#"{"greeting": "hello"}"#);
    let run = dir.run(&["amb.json", "none.json"]);
    assert_eq!(
        run.lines(),
        [
            "amb.json: error: ambiguous: this could be a push or a validate-token or a report-error or a admin-ui; use --kind",
            "none.json: error: cannot tell which kind of payload this is: none of its keys belongs to one; use --kind",
        ]
    );
    assert_eq!(run.code, 2);

    let run = dir.run(&["--format", "json", "amb.json"]);
    assert_eq!(run.json()[0]["kind"], Value::Null);
    assert!(run.json()[0]["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("ambiguous:"));

    // A push that also carries a pull response's `state` (an integration that reuses one
    // builder for both) decodes as either; it has more of a push's keys (2 of 3) than of a
    // pull's (2 of 4), so it is checked as a push, and `--kind` can say otherwise.
    let doc = json!({"instance_push_id": "a", "external_resources": [resource("m", json!({}))],
                     "state": ""});
    dir.write("push-state.json", doc.to_string());
    for args in [
        &["push-state.json"][..],
        &["--kind", "push", "push-state.json"],
    ] {
        let run = dir.run(args);
        assert_eq!(
            run.lines(),
            [
                "push-state.json:1:169: /state: warning: unknown key; Zendesk ignores it",
                "push-state.json: push: valid, 1 warning",
            ]
        );
        assert_eq!(run.code, 0);
    }
    let run = dir.run(&["--kind", "pull", "push-state.json"]);
    assert_eq!(
        run.lines(),
        [
            "push-state.json:1:146: /instance_push_id: warning: unknown key; Zendesk ignores it",
            "push-state.json: pull: valid, 1 warning",
        ]
    );
}

// --- JSON output -----------------------------------------------------------------------------

#[test]
fn json_format_writes_one_object_per_input() {
    let dir = Dir::new("json");
    let doc = push(vec![resource(
        "msg-1",
        json!({"thread_id": "t".repeat(256), "allow_channel_back": true, "html_message": null}),
    )]);
    dir.write("good.json", VALID_TOKEN)
        .write("bad.json", doc)
        .write("broken.json", MALFORMED);
    let run = dir.run(&["--format", "json", "good.json", "bad.json", "broken.json"]);
    assert_eq!(run.code, 2);
    let lines = run.json();
    assert_eq!(lines.len(), 3, "{}", run.stdout);

    assert_eq!(
        lines[0],
        json!({"source": "good.json", "kind": "validate-token", "valid": true,
               "violations": [], "warnings": []})
    );

    assert_eq!(
        lines[1],
        json!({
            "source": "bad.json",
            "kind": "push",
            "valid": false,
            "violations": [
                {"path": "/external_resources/0/html_message", "code": "null",
                 "message": "must be left out or given a value: Zendesk's schemas do not accept null",
                 "line": 1, "column": 158},
                {"path": "/external_resources/0/thread_id", "code": "max_length",
                 "message": "must be at most 255 characters (got 256)",
                 "max": 255, "actual": 256, "unit": "characters", "line": 1, "column": 206}
            ],
            "warnings": [
                {"path": "/external_resources/0/allow_channel_back", "code": "unknown_key",
                 "message": "unknown key; did you mean allow_channelback?",
                 "suggestion": "allow_channelback", "line": 1, "column": 25}
            ]
        })
    );

    assert_eq!(
        lines[2],
        json!({
            "source": "broken.json",
            "kind": null,
            "valid": false,
            "error": {"path": "", "code": "syntax", "line": 3, "column": 1, "message": "trailing comma"}
        })
    );
}

// --- What serde lets through: null, unknown keys, --strict -----------------------------------

#[test]
fn null_for_an_optional_field_is_a_violation_with_code_null() {
    let dir = Dir::new("null");
    let doc = push(vec![resource(
        "m",
        json!({"internal_note": null, "author": {"external_id": "u", "image_url": null},
               "fields": [{"id": "priority", "value": null}],
               "display_info": [{"type": "t", "data": {"x": null}}]}),
    )]);
    dir.write("null.json", doc);
    let run = dir.run(&["null.json"]);
    // A field's value and display data may hold null; only optional fields may not.
    assert_eq!(
        run.lines(),
        [
            "null.json:1:65: /external_resources/0/author/image_url: must be left out or given a value: Zendesk's schemas do not accept null",
            "null.json:1:231: /external_resources/0/internal_note: must be left out or given a value: Zendesk's schemas do not accept null",
            "null.json: push: 2 violations",
        ]
    );
    assert_eq!(run.code, 1);

    let run = dir.run(&["--format", "json", "null.json"]);
    let violations = run.json()[0]["violations"].clone();
    let codes: Vec<&Value> = violations
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["code"])
        .collect();
    assert_eq!(codes, ["null", "null"]);

    // A required field cannot be null: the document does not match the type.
    dir.write("required.json", "{\n  \"external_id\": null\n}\n");
    let run = dir.run(&["--kind", "channelback", "required.json"]);
    assert_eq!(
        run.stdout,
        "required.json:2:21: /external_id: error: invalid type: null, expected a string\n"
    );
    assert_eq!(run.code, 2);
}

#[test]
fn unknown_keys_are_warnings_with_the_closest_known_key() {
    let dir = Dir::new("unknown");
    let doc = json!({
        "instance_push_id": "acct-1",
        "external_resources": [resource("m", json!({"allow_channel_back": false,
                                                    "author": {"external_id": "u", "nmae": "Ann"}}))],
        "priority": "high",
    });
    dir.write("keys.json", doc.to_string());
    let run = dir.run(&["keys.json"]);
    assert_eq!(
        run.lines(),
        [
            "keys.json:1:25: /external_resources/0/allow_channel_back: warning: unknown key; did you mean allow_channelback?",
            "keys.json:1:80: /external_resources/0/author/nmae: warning: unknown key; did you mean name?",
            "keys.json:1:209: /priority: warning: unknown key; Zendesk ignores it",
            "keys.json: push: valid, 3 warnings",
        ]
    );
    assert_eq!(run.code, 0);
}

#[test]
fn strict_turns_warnings_into_violations() {
    let dir = Dir::new("strict");
    dir.write(
        "typo.json",
        r#"{"instance_push_id": "acct-1", "request_ID": "r-1"}"#,
    )
    .write("bom.json", format!("\u{feff}{VALID_TOKEN}"));

    let run = dir.run(&["typo.json", "bom.json"]);
    assert_eq!(
        run.lines(),
        [
            "typo.json:1:32: /request_ID: warning: unknown key; did you mean request_id?",
            "typo.json: validate-token: valid, 1 warning",
            "bom.json:1:1: warning: starts with a byte order mark, which JSON text must not have",
            "bom.json: validate-token: valid, 1 warning",
        ]
    );
    assert_eq!(run.code, 0);

    let run = dir.run(&["--strict", "typo.json", "bom.json"]);
    assert_eq!(
        run.lines(),
        [
            "typo.json:1:32: /request_ID: unknown key; did you mean request_id?",
            "typo.json: validate-token: 1 violation",
            "bom.json:1:1: starts with a byte order mark, which JSON text must not have",
            "bom.json: validate-token: 1 violation",
        ]
    );
    assert_eq!(run.code, 1);

    let run = dir.run(&["--strict", "--format", "json", "typo.json"]);
    let line = &run.json()[0];
    assert_eq!(line["valid"], false);
    assert_eq!(line["warnings"], json!([]));
    assert_eq!(line["violations"][0]["code"], "unknown_key");
    assert_eq!(line["violations"][0]["suggestion"], "request_id");
}

#[test]
fn a_closed_pipe_ends_the_output_but_every_input_is_still_checked() {
    let dir = Dir::new("pipe");
    // About 20 KB of violations per file, far more than a pipe holds in all.
    let resources = (0..256)
        .map(|i| resource(&format!(" msg-{i}"), json!({})))
        .collect();
    dir.write("bad.json", push(resources))
        .write("broken.json", MALFORMED);
    let mut files = vec!["bad.json"; 100];
    for (last, code) in [(None, 1), (Some("broken.json"), 2)] {
        files.extend(last);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_channel-validate"))
            .current_dir(&dir.0)
            .args(&files)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Like `| head`: the reader goes away before reading everything.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code));
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}

// --- Colour, size, privacy -------------------------------------------------------------------

#[test]
fn no_colour_codes_when_not_writing_to_a_terminal() {
    let dir = Dir::new("colour");
    dir.write("bad.json", INVALID_TOKEN)
        .write("good.json", VALID_TOKEN)
        .write("broken.json", MALFORMED)
        .write("warn.json", r#"{"instance_push_id": "a", "extra": 1}"#);
    let files = ["bad.json", "good.json", "broken.json", "warn.json"];
    let run = dir.run(&files);
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    assert!(run.stdout.contains("error: ") && run.stdout.contains("warning: "));

    // The colours exist, and a user can ask for them through the usual variable.
    let run = Run::of(
        cli()
            .current_dir(&dir.0)
            .env("CLICOLOR_FORCE", "1")
            .args(files),
    );
    assert!(run.stdout.contains("\x1b["), "{:?}", run.stdout);
}

#[test]
fn a_large_push_is_checked_whole() {
    let dir = Dir::new("large");
    // 256 resources, each with a 64 KiB message of two-byte characters (32768 of them); one
    // message of 65536 three-byte characters is one character too long.
    let message = "é".repeat(32 * 1024);
    let mut resources: Vec<Value> = (0..256)
        .map(|i| resource(&format!("msg-{i}"), json!({"message": message})))
        .collect();
    resources[200]["message"] = json!("日".repeat(65536));
    resources[255]["message"] = json!("日".repeat(65535));
    let doc = push(resources);
    assert!(doc.len() > 16 << 20);
    dir.write("large.json", &doc);

    let run = dir.run(&["large.json"]);
    assert_eq!(
        run.lines(),
        [
            "large.json:1:6575419: /external_resources/200/message: must be at most 65535 characters (got 65536)",
            "large.json: push: 1 violation",
        ]
    );
    assert_eq!(run.code, 1);

    // One resource more than a push may carry.
    let mut doc: Value = serde_json::from_str(&doc).unwrap();
    let resources = doc["external_resources"].as_array_mut().unwrap();
    resources[200]["message"] = json!("ok");
    resources.push(resource("msg-256", json!({})));
    dir.write("too-many.json", doc.to_string());
    let run = dir.run(&["too-many.json"]);
    assert_eq!(
        run.lines(),
        [
            "too-many.json:1:23: /external_resources: must have at most 256 items (got 257)",
            "too-many.json: push: 1 violation",
        ]
    );
}

#[test]
fn messages_never_quote_the_offending_value() {
    const MARKER: &str = "PRIVATE-9f3c";
    let secret = format!("{MARKER}, expected {MARKER}");
    let dir = Dir::new("private");
    let docs = [
        // Wrong types, where serde would quote the value.
        json!({"instance_push_id": "a", "request_id": secret.clone(), "external_resources": [
            resource("m", json!({"internal_note": secret.clone()}))]}),
        json!({"instance_push_id": "a", "external_resources": [
            resource("m", json!({"created_at": secret.clone()}))]}),
        json!({"instance_push_id": "a", "external_resources": [
            resource("m", json!({"display_info": [{"type": "t", "data": secret.clone()}]}))]}),
        json!({"instance_push_id": "a", "external_resources": [
            resource("m", json!({"fields": [{"id": [secret.clone()], "value": 1}]}))]}),
        json!({"results": [{"external_resource_id": "m", "status": {"code": [secret.clone()]}}]}),
        json!({"instance_push_id": [secret.clone()], "external_resources": []}),
        // Broken rules.
        json!({"instance_push_id": "a", "request_id": secret.repeat(5), "external_resources": [
        resource(&format!(" {secret}é"), json!({
            "thread_id": format!("{secret} "),
            "parent_id": secret.clone(),
            "message": secret.repeat(3000),
            "author": {"external_id": format!("\t{secret}"), "name": secret.repeat(20)},
            "file_urls": [format!("http://{MARKER}.example.com/{MARKER}")],
        }))]}),
    ];
    for (i, doc) in docs.iter().enumerate() {
        dir.write(&format!("doc-{i}.json"), doc.to_string());
    }
    dir.write(
        "syntax.json",
        format!(r#"{{"instance_push_id": "{MARKER}" "#),
    )
    .write(
        "bad-escape.json",
        format!(r#"{{"instance_push_id": "\q{MARKER}"}}"#),
    );
    let mut files: Vec<String> = (0..docs.len()).map(|i| format!("doc-{i}.json")).collect();
    files.extend(["syntax.json".into(), "bad-escape.json".into()]);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();

    for format in ["text", "json"] {
        let run = dir.run(&[&["--format", format][..], &files[..]].concat());
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(!run.stdout.contains(MARKER), "{}", run.stdout);
        assert!(!run.stderr.contains(MARKER), "{}", run.stderr);
    }
    let run = dir.run(&[&["--format", "json"][..], &files[..]].concat());
    assert_eq!(run.json().len(), files.len());
    let decoded = run
        .json()
        .iter()
        .filter(|line| line["error"].is_null())
        .count();
    assert_eq!(decoded, 1, "only the last document decodes");
    // The last document decodes: every rule it breaks is reported, by position.
    let run = dir.run(&["--format", "json", files[docs.len() - 1]]);
    let codes: Vec<String> = run.json()[0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        codes,
        [
            "max_length",
            "ascii",
            "trimmed",
            "max_length",
            "trimmed",
            "trimmed",
            "max_length",
            "https",
            "exclusive"
        ]
    );
}

// --- Lessons from real integrations (rewritten; see the fixtures) ----------------------------

#[test]
fn java_serializer_nulls_are_violations_and_a_stray_author_key_a_warning() {
    // A Jackson-serialized push: unset optional fields are written as null, an author
    // property that belongs in `author.fields` sits on the author, and `created_at` has an
    // offset instead of `Z` (RFC 3339 allows it).
    let run = run_fixture("jackson-nulls-push.json");
    assert_eq!(
        run.lines(),
        [
            "push.json:7:23: /external_resources/0/html_message: must be left out or given a value: Zendesk's schemas do not accept null",
            "push.json:12:22: /external_resources/0/author/image_url: must be left out or given a value: Zendesk's schemas do not accept null",
            "push.json:13:9: /external_resources/0/author/details: warning: unknown key; Zendesk ignores it",
            "push.json: push: 2 violations, 1 warning",
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn relative_file_urls_pass_the_https_rule() {
    // Integrations in production send file URLs relative to their own https address, one of
    // them with an absolute URL in its query; Zendesk resolves them, and rules.md lets them
    // pass. An absolute http URL still fails.
    let dir = Dir::new("fixture-relative");
    let text = fixture("relative-file-urls-push.json");
    dir.write("push.json", &text);
    assert_eq!(dir.run(&["push.json"]).stdout, "push.json: push: valid\n");

    dir.write(
        "http.json",
        text.replace(
            "attachments/0042/parcel.jpg",
            "http://relay.example/0042/parcel.jpg",
        ),
    );
    let run = dir.run(&["http.json"]);
    assert_eq!(
        run.lines()[0],
        "http.json:16:9: /external_resources/0/file_urls/0: must be an https URL (an absolute URL needs the https scheme and a host)"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn an_external_id_built_from_the_message_outgrows_its_limit() {
    // The id embeds the base64 of the message, so any message of 157 characters or more
    // makes it longer than 255; a ticket field id "0" sent as a string is a valid name.
    let run = run_fixture("derived-id-too-long-push.json");
    assert_eq!(
        run.lines(),
        [
            "push.json:5:22: /external_resources/0/external_id: must be at most 255 characters (got 279)",
            "push.json: push: 1 violation",
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn an_empty_object_among_the_resources_cannot_be_decoded() {
    // A webhook handler pushes `{}` for every message type it does not handle: the whole
    // push is undecodable, and the error points at the object and its line.
    let run = run_fixture("empty-resource-push.json");
    assert_eq!(
        run.stdout,
        "push.json:29:6: /external_resources/2: error: missing field `external_id`\n"
    );
    assert_eq!(run.code, 2);
}

// --- Logs, directories, positions, CI ---------------------------------------------------------

#[test]
fn a_json_lines_log_is_checked_line_by_line() {
    let dir = Dir::new("log");
    let lines = [
        push(vec![resource("msg-1", json!({}))]),
        push(vec![resource("msg-2 ", json!({}))]),
        // A line cut short, as a log rotated mid-write leaves it; then blank lines.
        r#"{"instance_push_id": "acct-1", "external_resources": [{"external_id": "m"#.to_owned(),
        String::new(),
        "  ".to_owned(),
        VALID_TOKEN.to_owned(),
    ];
    dir.write("day.jsonl", lines.join("\n") + "\n");
    let column = lines[1].find("msg-2 ").unwrap();
    let run = dir.run(&["day.jsonl"]);
    assert_eq!(
        run.lines(),
        [
            "day.jsonl:1: push: valid".to_owned(),
            format!("day.jsonl:2:{column}: /external_resources/0/external_id: must not begin or end with whitespace (character 5 is whitespace)"),
            "day.jsonl:2: push: 1 violation".to_owned(),
            format!("day.jsonl:3:{}: /external_resources: error: EOF while parsing a string", lines[2].len()),
            "day.jsonl:6: validate-token: valid".to_owned(),
        ]
    );
    assert_eq!(run.code, 2);

    // The same log under another name, on standard input, in JSON.
    let run = dir.run_stdin(&["--format", "json"], &(lines.join("\n") + "\n"));
    let sources: Vec<Value> = run.json().iter().map(|l| l["source"].clone()).collect();
    assert_eq!(
        sources,
        ["<stdin>:1", "<stdin>:2", "<stdin>:3", "<stdin>:6"]
    );
    assert_eq!(run.json()[2]["error"]["line"], 3);
    assert_eq!(run.code, 2);
}

#[test]
fn a_document_of_a_kind_not_inferred_is_named_by_its_line() {
    // Nothing in these documents to point at: the line each starts at names it, in every
    // format, as it names their summaries.
    let dir = Dir::new("log-kinds");
    let log = format!("{VALID_TOKEN}\n{{\"colour\": 1}}\n{{}}\n");
    dir.write("day.jsonl", &log);
    let unknown =
        "cannot tell which kind of payload this is: none of its keys belongs to one; use --kind";
    let run = dir.run(&["day.jsonl"]);
    assert_eq!(
        run.lines(),
        [
            "day.jsonl:1: validate-token: valid".to_owned(),
            format!("day.jsonl:2: error: {unknown}"),
            format!("day.jsonl:3: error: {unknown}"),
        ]
    );
    assert_eq!(run.code, 2);
    let run = dir.run(&["--format", "github", "day.jsonl"]);
    assert_eq!(
        run.lines(),
        [
            format!("::error file=day.jsonl,line=2,title=kind::{unknown}"),
            format!("::error file=day.jsonl,line=3,title=kind::{unknown}"),
        ]
    );
    // A file of one document has no line to name.
    dir.write("one.json", "{}");
    let run = dir.run(&["one.json"]);
    assert_eq!(run.lines(), [format!("one.json: error: {unknown}")]);
}

#[test]
fn a_log_of_many_lines_is_reported_in_order_whatever_the_threads() {
    let dir = Dir::new("order");
    let lines: Vec<String> = (0..3000)
        .map(|i| match i % 3 {
            0 => push(vec![resource(&format!("msg-{i}"), json!({}))]),
            1 => push(vec![resource(&format!(" msg-{i}"), json!({}))]),
            _ => format!("{{\"instance_push_id\": {i}"),
        })
        .collect();
    dir.write("big.log", lines.join("\n"));
    let one = dir.run(&["--jobs", "1", "big.log"]);
    let all = dir.run(&["big.log"]);
    assert_eq!(one.stdout, all.stdout);
    assert_eq!((one.code, all.code), (2, 2));
    let summaries: Vec<String> = all
        .lines()
        .iter()
        .map(|line| line.split(':').nth(1).unwrap().to_owned())
        .collect();
    let expected: Vec<String> = (1..=3000)
        .flat_map(|line| match line % 3 {
            2 => vec![line.to_string(); 2],
            _ => vec![line.to_string()],
        })
        .collect();
    assert_eq!(summaries, expected);
}

#[test]
fn directories_are_walked_for_json_files_skipping_ignored_and_hidden_ones() {
    let dir = Dir::new("walk");
    fs::create_dir_all(dir.0.join("fixtures/sub")).unwrap();
    fs::create_dir_all(dir.0.join("fixtures/.cache")).unwrap();
    fs::create_dir_all(dir.0.join("fixtures/target")).unwrap();
    dir.write("fixtures/.gitignore", "target/\nscratch-*.json\n")
        .write("fixtures/b.json", VALID_TOKEN)
        .write(
            "fixtures/a.jsonl",
            format!("{VALID_TOKEN}\n{INVALID_TOKEN}\n"),
        )
        .write("fixtures/notes.txt", "not JSON")
        .write("fixtures/payload.log", VALID_TOKEN)
        .write("fixtures/scratch-1.json", MALFORMED)
        .write("fixtures/.hidden.json", MALFORMED)
        .write("fixtures/.cache/c.json", MALFORMED)
        .write("fixtures/target/t.json", MALFORMED)
        .write("fixtures/sub/c.ndjson", VALID_TOKEN)
        .write("fixtures/sub/d.json", INVALID_TOKEN);
    let run = dir.run(&["fixtures"]);
    assert_eq!(
        run.summaries(),
        [
            "fixtures/a.jsonl:1: validate-token: valid",
            "fixtures/a.jsonl:2: validate-token: 2 violations",
            "fixtures/b.json: validate-token: valid",
            "fixtures/sub/c.ndjson: validate-token: valid",
            "fixtures/sub/d.json: validate-token: 2 violations",
        ]
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");

    // --glob chooses other files; a file named on the command line is checked whatever it is.
    let run = dir.run(&["--glob", "*.log", "fixtures", "fixtures/notes.txt"]);
    assert_eq!(
        run.lines(),
        [
            "fixtures/payload.log: validate-token: valid",
            "fixtures/notes.txt:1:2: error: expected ident",
        ]
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_quoted_pattern_is_expanded_as_a_shell_would() {
    let dir = Dir::new("pattern");
    fs::create_dir_all(dir.0.join("fixtures/sub")).unwrap();
    dir.write("fixtures/b.json", INVALID_TOKEN)
        .write("fixtures/a.json", VALID_TOKEN)
        .write("fixtures/.hidden.json", MALFORMED)
        .write("fixtures/notes.txt", MALFORMED)
        .write("fixtures/sub/c.json", VALID_TOKEN);
    let run = dir.run(&["fixtures/*.json"]);
    assert_eq!(
        run.summaries(),
        [
            "fixtures/a.json: validate-token: valid",
            "fixtures/b.json: validate-token: 2 violations",
        ]
    );
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    // `**` crosses directories; a pattern in the current directory names files as given.
    let run = dir.run(&["fixtures/**/c.json", "*.none"]);
    assert_eq!(run.lines(), ["fixtures/sub/c.json: validate-token: valid"]);
    assert_eq!(
        run.stderr,
        "channel-validate: *.none: cannot read: no file matches the pattern\n"
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_document_on_one_line_may_be_followed_by_pretty_printed_ones() {
    let dir = Dir::new("mixed");
    let pretty =
        serde_json::to_string_pretty(&json!({"instance_push_id": "", "request_id": "r"})).unwrap();
    dir.write(
        "mixed.json",
        format!("{VALID_TOKEN}\n{pretty}\n{VALID_TOKEN}\n"),
    );
    let run = dir.run(&["mixed.json"]);
    assert_eq!(
        run.lines(),
        [
            "mixed.json:1: validate-token: valid",
            "mixed.json:3:23: /instance_push_id: is required and must not be empty",
            "mixed.json:2: validate-token: 1 violation",
            "mixed.json:6: validate-token: valid",
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_repeated_top_level_key_is_reported_at_its_pointer() {
    let dir = Dir::new("repeated");
    dir.write(
        "twice.json",
        "{\"instance_push_id\": \"a\",\n \"instance_push_id\": \"b\"}",
    );
    let run = dir.run(&["twice.json"]);
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("twice.json:2:"), "{}", lines[0]);
    assert!(
        lines[0].ends_with(
            ": /instance_push_id: error: duplicate key: an object may have each key once"
        ),
        "{}",
        lines[0]
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_key_repeated_inside_a_value_is_reported_at_the_value_whatever_the_key_order() {
    let dir = Dir::new("repeated-inside");
    // The kind is told by a key after the resources, so inference reads the keys first.
    let data = json!({"display_info": [{"type": "t", "data": {"a": 1}}]});
    let resources = json!([resource("r1", data)]).to_string();
    let resources = resources.replace(r#"{"a":1}"#, r#"{"a":1,"a":2}"#);
    let text = format!(r#"{{"external_resources": {resources}, "instance_push_id": "acct-1"}}"#);
    dir.write("data.json", &text);
    // A key the model does not know is skipped, and what is repeated in its value refused.
    let unknown = push(vec![resource("r1", json!({"colour": {"a": 1}}))]);
    dir.write(
        "unknown.json",
        unknown.replace(r#"{"a":1}"#, r#"{"a":1,"a":2}"#),
    );
    let run = dir.run(&["data.json", "unknown.json"]);
    let lines = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for (line, pointer) in lines.iter().zip([
        "/external_resources/0/display_info/0/data",
        "/external_resources/0/colour",
    ]) {
        let expected =
            format!(": {pointer}: error: duplicate key: an object may have each key once");
        assert!(line.ends_with(&expected), "{line}");
    }
    assert_eq!(run.code, 2);
}

/// The value at `line` and `column` (in characters) of `text`.
fn value_at(text: &str, line: u64, column: u64) -> Value {
    let line_text = text.split('\n').nth(line as usize - 1).unwrap();
    let start: usize = text
        .split('\n')
        .take(line as usize - 1)
        .map(|l| l.len() + 1)
        .sum();
    let within: usize = line_text
        .chars()
        .take(column as usize - 1)
        .map(char::len_utf8)
        .sum();
    let mut values = serde_json::Deserializer::from_str(&text[start + within..]).into_iter();
    values.next().unwrap().unwrap()
}

#[test]
fn every_finding_points_at_its_value() {
    let dir = Dir::new("positions");
    let doc = json!({
        "instance_push_id": "acct-1",
        "external_resources": [
            resource("msg-1", json!({"author": {"external_id": "u", "name": "日".repeat(256)}})),
            resource(" msg-2", json!({
                "parent_id": "p", "thread_id": "t", "html_message": null,
                "file_urls": ["https://example.com/a", "http://example.com/b"],
                "allow_channel_back": true,
                "fields": [{"id": "f", "value": {"nested": [1, 2]}}]
            })),
        ],
        "unknown": {"a": 1}
    });
    // Pretty-printed, and compact after characters of several bytes on the same line.
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let compact = doc.to_string();
    let text = format!("{pretty}\n{compact}\n");
    dir.write("doc.json", &text);
    let run = dir.run(&["--format", "json", "doc.json"]);
    let reports = run.json();
    assert_eq!(reports.len(), 2, "{}", run.stdout);
    for report in &reports {
        let findings: Vec<&Value> = ["violations", "warnings"]
            .iter()
            .flat_map(|sort| report[sort].as_array().unwrap())
            .collect();
        assert_eq!(findings.len(), 7, "{report}");
        for finding in findings {
            let (line, column) = (
                finding["line"].as_u64().unwrap(),
                finding["column"].as_u64().unwrap(),
            );
            let pointer = finding["path"].as_str().unwrap();
            // An unknown key is shown where the key is written.
            let expected = match finding["code"] == "unknown_key" {
                true => json!(pointer.rsplit('/').next().unwrap()),
                false => doc.pointer(pointer).unwrap().clone(),
            };
            assert_eq!(value_at(&text, line, column), expected, "{finding}");
        }
    }
    // Text output gives the same places.
    let run = dir.run(&["doc.json"]);
    let name_line = run
        .lines()
        .into_iter()
        .find(|l| l.contains("/author/name"))
        .unwrap()
        .to_owned();
    let at: Vec<u64> = name_line
        .split(':')
        .skip(1)
        .take(2)
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(value_at(&text, at[0], at[1]), json!("日".repeat(256)));
}

#[test]
fn github_format_writes_escaped_workflow_commands() {
    let dir = Dir::new("github");
    let name = "100%, really: bad.json";
    let doc = r#"{"instance_push_id": "", "request_id": "r", "50%\nx,y:z": 1}"#;
    dir.write(name, doc);
    let run = dir.run(&["--format", "github", name]);
    assert_eq!(
        run.lines(),
        [
            "::error file=100%25%2C really%3A bad.json,line=1,col=22,title=required::/instance_push_id: is required and must not be empty",
            "::warning file=100%25%2C really%3A bad.json,line=1,col=45,title=unknown_key::/50%25\\nx,y:z: unknown key; Zendesk ignores it",
        ]
    );
    assert_eq!(run.code, 1);

    dir.write("broken.json", MALFORMED);
    let run = dir.run(&["--format", "github", "--strict", "broken.json", name]);
    assert_eq!(
        run.lines()[0],
        "::error file=broken.json,line=3,col=1,title=syntax::trailing comma"
    );
    assert!(run.lines()[2].starts_with("::error "), "{}", run.stdout);
    assert_eq!(run.code, 2);
}

#[test]
fn quiet_writes_nothing_and_keeps_the_exit_status() {
    let dir = Dir::new("quiet");
    dir.write("good.json", VALID_TOKEN)
        .write("bad.json", INVALID_TOKEN)
        .write("broken.json", MALFORMED);
    for (files, code) in [
        (&["good.json"][..], 0),
        (&["good.json", "bad.json"], 1),
        (&["bad.json", "broken.json"], 2),
    ] {
        for quiet in ["-q", "--quiet"] {
            let run = dir.run(&[&[quiet][..], files].concat());
            assert_eq!((run.stdout.as_str(), run.code), ("", code), "{files:?}");
        }
    }
    // Errors about files still go to standard error.
    let run = dir.run(&["-q", "nowhere.json"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 2));
    assert!(
        run.stderr.contains("nowhere.json: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn color_option_overrides_the_terminal_check_and_the_variables() {
    let dir = Dir::new("color");
    dir.write("bad.json", INVALID_TOKEN);
    let run = dir.run(&["--color", "always", "bad.json"]);
    assert!(
        run.stdout.contains("\x1b[1m\x1b[31m2 violations"),
        "{:?}",
        run.stdout
    );
    let run = Run::of(
        cli()
            .current_dir(&dir.0)
            .env("CLICOLOR_FORCE", "1")
            .args(["--color", "never", "bad.json"]),
    );
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    let run = Run::of(
        cli()
            .current_dir(&dir.0)
            .env("CLICOLOR_FORCE", "1")
            .args(["--color", "auto", "bad.json"]),
    );
    assert!(run.stdout.contains('\x1b'), "{:?}", run.stdout);
    let run = dir.run(&["--color", "auto", "bad.json"]);
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    // JSON and workflow commands are never coloured.
    for format in ["json", "github"] {
        let run = dir.run(&["--color", "always", "--format", format, "bad.json"]);
        assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    }
}

#[test]
fn findings_are_capped_per_input_and_the_rest_counted() {
    let dir = Dir::new("cap");
    let urls: Vec<String> = (0..1000)
        .map(|i| format!("http://example.com/{i}"))
        .collect();
    let resources = vec![resource(" m", json!({"file_urls": urls, "extra": 1}))];
    dir.write("many.json", push(resources));
    let run = dir.run(&["many.json"]);
    let lines = run.lines();
    assert_eq!(lines.len(), 101, "{}", run.stdout);
    assert_eq!(
        lines[100],
        "many.json: push: 1002 violations, 1 warning (903 not shown: see --max-findings)"
    );
    assert_eq!(run.code, 1);

    let run = dir.run(&["--max-findings", "3", "--format", "json", "many.json"]);
    let report = &run.json()[0];
    assert_eq!(report["violations"].as_array().unwrap().len(), 3);
    assert_eq!(report["warnings"], json!([]));
    assert_eq!(report["omitted"], 1000);

    let run = dir.run(&["--max-findings", "0", "many.json"]);
    assert_eq!(run.lines().len(), 1004);
    assert_eq!(
        run.lines()[1003],
        "many.json: push: 1002 violations, 1 warning"
    );
}

#[test]
fn keys_cannot_forge_lines_or_reach_the_terminal() {
    let dir = Dir::new("controls");
    let forged = "x\ndoc.json: push: valid";
    let escape = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let c1 = "\u{9b}31m\u{85}";
    let doc = json!({"instance_push_id": "a", forged: 1, escape: 2, c1: 3, "ok\u{7f}": 4});
    dir.write("doc.json", doc.to_string());
    let run = dir.run(&["doc.json"]);
    // One line per finding and the summary; no control character at all.
    assert_eq!(run.lines().len(), 5, "{}", run.stdout);
    assert!(
        !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(": /\\u001b]0;owned\\u0007\\u001b[2J: warning: unknown key"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(": /x\\ndoc.json: push: valid: warning"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(": /\\u009b31m\\u0085: warning"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(": /ok\\u007f: warning"),
        "{}",
        run.stdout
    );

    // JSON escapes them all, C1 and DEL included, and the pointer still names the key.
    for format in ["json", "github"] {
        let run = dir.run(&["--format", format, "doc.json"]);
        assert!(
            !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{:?}",
            run.stdout
        );
    }
    let run = dir.run(&["--format", "json", "doc.json"]);
    let paths: Vec<String> = run.json()[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["path"].as_str().unwrap().to_owned())
        .collect();
    for key in [forged, escape, c1, "ok\u{7f}"] {
        assert!(paths.contains(&format!("/{key}")), "{paths:?}");
    }
    assert!(run.stdout.contains(r"\u009b31m\u0085"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn file_names_with_control_characters_are_escaped() {
    let dir = Dir::new("control-names");
    let name = "a\nb\u{1b}[31m.json";
    dir.write(name, INVALID_TOKEN);
    let run = dir.run(&[name]);
    assert_eq!(run.lines().len(), 3, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("a\\nb\\u001b[31m.json:1:22: /instance_push_id"),
        "{}",
        run.stdout
    );
}

// --- What Zendesk sends: event callbacks and forms -------------------------------------------

#[test]
fn an_event_callback_is_inferred_and_unknown_event_types_are_warnings() {
    let dir = Dir::new("events");
    let event = |type_id: &str, data: Value| {
        json!({"type_id": type_id, "timestamp": "2016-03-01T09:15:00Z", "subdomain": "example",
               "integration_name": "Example Chat", "integration_id": "com.example.chat", "data": data})
    };
    let batch = json!({"events": [
        event("channelback", json!({"integration_instance_name": "i", "url": "https://a.example/cb", "request_id": "r"})),
        event("instance_renamed", json!({"name": "n"})),
    ]});
    dir.write("events.json", batch.to_string());
    let run = dir.run(&["events.json"]);
    assert_eq!(
        run.lines(),
        [
            "events.json:1:410: /events/1/type_id: warning: an event type this version does not know; the event is kept as it came",
            "events.json: event-callback: valid, 1 warning",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 0);
    assert_eq!(dir.run(&["--strict", "events.json"]).code, 1);

    let broken = json!({"events": [event("create_integration", json!({"manifest_url": "http://a.example/m"})),
                                    event("channelback", json!({}))]});
    dir.write("broken.json", broken.to_string());
    let run = dir.run(&["--format", "json", "broken.json"]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<(&str, &str)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["path"].as_str().unwrap(), v["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("/events/0/data/manifest_url", "https"),
            // The data lacks its keys: the object that lacks them.
            ("/events/1/data", "event_data")
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn unknown_keys_and_nulls_inside_known_events_are_found_at_their_pointers() {
    let dir = Dir::new("event-keys");
    let text = r#"{"events": [
  {"type_id": "deactivate_integration_instance", "timestamp": "2016-03-01T09:15:00Z",
   "subdomain": "example", "integration_name": "Example Chat",
   "integration_id": "com.example.chat", "error": null, "eror": "eu",
   "data": {"metadata": "{}", "deactivated_by": "api", "deactivating_eror": "x"}},
  {"type_id": "pull_request", "timestamp": "2016-03-01T09:15:01Z",
   "subdomain": "example", "integration_name": "Example Chat",
   "integration_id": "com.example.chat",
   "data": {"integration_instance_name": "i", "url": "https://a.example/pull",
            "request_id": "r", "duplicate_external_ids": [
              {"external_id": "m", "request_id": "r", "ticket_id": null, "size": 2}]}},
  {"type_id": "instance_renamed", "data": {"name": null, "colour": 1}}
], "more": 1}
"#;
    dir.write("events.json", text);
    let run = dir.run(&["events.json"]);
    assert_eq!(
        run.lines(),
        [
            "events.json:4:51: /events/0/error: must be left out or given a value: Zendesk's schemas do not accept null",
            "events.json:11:68: /events/1/data/duplicate_external_ids/0/ticket_id: must be left out or given a value: Zendesk's schemas do not accept null",
            "events.json:13:4: /more: warning: unknown key; Zendesk ignores it",
            "events.json:4:57: /events/0/eror: warning: unknown key; did you mean error?",
            "events.json:5:56: /events/0/data/deactivating_eror: warning: unknown key; did you mean deactivating_error?",
            "events.json:11:74: /events/1/data/duplicate_external_ids/0/size: warning: unknown key; Zendesk ignores it",
            "events.json:12:15: /events/2/type_id: warning: an event type this version does not know; the event is kept as it came",
            "events.json: event-callback: 2 violations, 5 warnings",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
    // They count toward the findings shown, as the others do.
    let run = dir.run(&["--max-findings", "3", "events.json"]);
    assert_eq!(
        run.lines().last().copied(),
        Some("events.json: event-callback: 2 violations, 5 warnings (4 not shown: see --max-findings)")
    );
}

#[test]
fn forms_are_read_as_zendesk_posts_them_and_their_kind_inferred() {
    let dir = Dir::new("forms");
    let cases = [
        ("message=Thanks%21&file_urls%5B%5D=https%3A%2F%2Fz.example%2Fa.png", "channelback-request"),
        ("return_url=https%3A%2F%2Fa.zendesk.com%2Fr&subdomain=a&locale=en&zendesk_access_token=s3cr3t", "admin-ui"),
        ("metadata=%7B%7D&state=", "pull-request"),
        ("external_id=msg-1", "clickthrough"),
        // A query as a URL carries it.
        ("?external_id=msg-1", "clickthrough"),
    ];
    for (form, kind) in cases {
        let run = dir.run_stdin(&[], &format!("{form}\n"));
        assert_eq!(run.stdout, format!("<stdin>: {kind}: valid\n"), "{form}");
        assert_eq!(run.code, 0);
        let run = dir.run_stdin(&["--kind", kind], form);
        assert_eq!(run.code, 0, "{}", run.stdout);
    }
    // A form breaks rules like its JSON does, and the error of one that cannot be decoded
    // names the field, never a value.
    let run = dir.run_stdin(
        &["--kind", "admin-ui"],
        "return_url=javascript%3Aalert(1)&subdomain=a&locale=en",
    );
    assert!(
        run.stdout.contains("/return_url: must be an https URL"),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
    let run = dir.run_stdin(
        &["--kind", "admin-ui"],
        "subdomain=s3cr3t&subdomain=s3cr3t&locale=en",
    );
    assert!(
        run.stdout.contains("`subdomain` more than once"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("s3cr3t"));
    assert_eq!(run.code, 2);
    // The same kinds as JSON.
    let run = dir.run_stdin(
        &["--kind", "channelback-request"],
        r#"{"message": "hi", "file_urls": []}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = dir.run_stdin(
        &[],
        r#"{"message": "hi", "request_unique_identifier": "r"}"#,
    );
    assert_eq!(run.stdout, "<stdin>: channelback-request: valid\n");
}

#[test]
fn help_says_how_a_form_is_given() {
    let run = Run::of(cli().arg("--help"));
    assert!(
        run.stdout.contains("form-encoded body itself"),
        "{}",
        run.stdout
    );
    for kind in [
        "event-callback",
        "admin-ui",
        "pull-request",
        "clickthrough",
        "channelback-request",
    ] {
        assert!(run.stdout.contains(kind), "{kind}");
    }
}
