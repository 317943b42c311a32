//! `channel-push` end to end: files in, requests to a real server on 127.0.0.1, lines and an
//! exit status out.

mod support;

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use serde_json::{json, Value};
use wiremock::{MockServer, ResponseTemplate};

use support::{ids, server, Statuses, TOKEN};

/// A file named `name` holding `text`, in this test target's scratch directory.
fn file(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn payload(account: &str, ids: &[&str]) -> Value {
    let resources: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({
                "external_id": id,
                "message": format!("private message {id}"),
                "created_at": "2015-09-08T22:48:09Z",
                "author": {"external_id": "user-1"}
            })
        })
        .collect();
    json!({"instance_push_id": account, "external_resources": resources})
}

/// Runs `channel-push` with `args` and the token in the environment, off the async runtime.
async fn run(args: Vec<String>) -> Output {
    run_with(args, |command| {
        command.env("ZENDESK_ACCESS_TOKEN", TOKEN);
    })
    .await
}

/// Runs `channel-push` with `args`, set up by `setup`, off the async runtime.
async fn run_with(args: Vec<String>, setup: impl FnOnce(&mut Command) + Send + 'static) -> Output {
    tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("channel-push").unwrap();
        command
            .args(args)
            .timeout(std::time::Duration::from_secs(60));
        setup(&mut command);
        command.output().unwrap()
    })
    .await
    .unwrap()
}

fn args(server: &MockServer, files: &[&PathBuf]) -> Vec<String> {
    let mut args = vec!["--base-url".to_owned(), server.uri()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn json_lines_and_json_files_are_pushed_and_each_resource_reported() {
    let server = server(Statuses(|id| match id {
        "b" => "already_imported",
        _ => "success",
    }))
    .await;
    let lines = format!(
        "{}\n{}\n",
        payload("acct-1", &["a", "b"]),
        payload("acct-1", &["c"])
    );
    let lines = file("push-ok.jsonl", &lines);
    let pretty = file(
        "push-ok.json",
        &serde_json::to_string_pretty(&payload("acct-2", &["d"])).unwrap(),
    );

    let output = run(args(&server, &[&lines, &pretty])).await;

    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "a: success\nb: already_imported\nc: success\nd: success\n"
    );
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<Vec<String>> = requests.iter().map(ids).collect();
    assert_eq!(sent, [vec!["a", "b"], vec!["c"], vec!["d"]]);
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_is_sent_when_one_payload_is_invalid() {
    let server = server(Statuses(|_| "success")).await;
    let mut invalid = payload("acct-1", &["c"]);
    invalid["external_resources"][0]["external_id"] = json!(" c");
    let lines = format!("{}\n{}\n", payload("acct-1", &["a"]), invalid);
    let lines = file("push-one-invalid.jsonl", &lines);

    let output = run(args(&server, &[&lines])).await;

    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert_eq!(
        stdout,
        format!(
            "{}:2: /external_resources/0/external_id: must not begin or end with whitespace (character 0 is whitespace)\n",
            lines.display()
        )
    );
    assert!(text(&output.stderr).contains("nothing sent"));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn undecodable_input_is_placed_not_quoted_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let good = file("push-good.json", &payload("acct-1", &["a"]).to_string());
    let bad = format!(
        "{}\n{}\n",
        payload("acct-1", &["b"]),
        r#"{"instance_push_id": "acct-1", "external_resources": [{"internal_note": "secret-value"}]}"#
    );
    let bad = file("push-wrong-type.jsonl", &bad);

    let output = run(args(&server, &[&good, &bad])).await;

    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        format!(
            "{}:2:86: /external_resources/0/internal_note: error: invalid type: a string, expected a boolean\n\
             channel-push: nothing sent: 1 of 3 payload(s) cannot be sent\n",
            bad.display()
        )
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn resources_not_delivered_exit_1() {
    let server = server(Statuses(|id| match id {
        "b" => "could_not_locate_parent_external_resource",
        _ => "success",
    }))
    .await;
    let push = file(
        "push-parent.json",
        &payload("acct-1", &["a", "b"]).to_string(),
    );

    let output = run(args(&server, &[&push])).await;

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "a: success\nb: could_not_locate_parent_external_resource\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_token_exits_2_without_showing_it() {
    let server = server(ResponseTemplate::new(401).set_body_json(
        json!({"error": "InvalidToken", "description": "The access token is invalid"}),
    ))
    .await;
    let first = file("push-401-a.json", &payload("acct-1", &["a"]).to_string());
    let second = file("push-401-b.json", &payload("acct-1", &["b"]).to_string());

    let output = run(args(&server, &[&first, &second])).await;

    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("refused the access token (401 Unauthorized): InvalidToken"),
        "{stderr}"
    );
    assert!(stderr.contains("1 later payload(s) not sent"), "{stderr}");
    assert!(!stderr.contains(TOKEN) && !text(&output.stdout).contains(TOKEN));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_token_nothing_is_sent() {
    let server = MockServer::start().await;
    let push = file("push-no-token.json", &payload("acct-1", &["a"]).to_string());
    let args = args(&server, &[&push]);

    let output = run_with(args, |command| {
        command.env_remove("ZENDESK_ACCESS_TOKEN");
    })
    .await;

    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("ZENDESK_ACCESS_TOKEN is not set"));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_validates_and_sends_nothing() {
    let server = MockServer::start().await;
    let push = file("push-dry.json", &payload("acct-1", &["a", "b"]).to_string());
    let mut args = args(&server, &[&push]);
    args.push("--dry-run".to_owned());

    let output = run(args).await;

    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("1 payload(s) with 2 resource(s) are valid"));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_is_required_and_only_one() {
    let push = file("push-usage.json", &payload("acct-1", &["a"]).to_string());
    let push = push.display().to_string();

    let none = run(vec![push.clone()]).await;
    let both = run(vec![
        "--subdomain".into(),
        "acme".into(),
        "--base-url".into(),
        "http://127.0.0.1:9".into(),
        push,
    ])
    .await;

    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none.stderr).contains("--subdomain or --base-url"));
    assert_eq!(both.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_replay_prints_what_the_readme_shows() {
    let server = server(Statuses(|_| "success")).await;
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let example = workspace.join("examples/push-valid.json");

    let output = run(args(&server, &[&example])).await;

    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let readme = std::fs::read_to_string(workspace.join("README.md")).unwrap();
    let stdout = text(&output.stdout);
    let shown: String = stdout.lines().map(|line| format!("# {line}\n")).collect();
    assert!(readme.contains(&shown), "{stdout}");
    assert_eq!(stdout.lines().count(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dash_reads_standard_input() {
    let server = server(Statuses(|_| "success")).await;
    let lines = format!(
        "{}\n{}\n",
        payload("acct-1", &["a"]),
        payload("acct-1", &["b"])
    );
    let args = args(&server, &[&PathBuf::from("-")]);

    let output = run_with(args, |command| {
        command
            .env("ZENDESK_ACCESS_TOKEN", TOKEN)
            .write_stdin(lines);
    })
    .await;

    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "a: success\nb: success\n");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
