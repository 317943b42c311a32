//! Every endpoint of an integration over real HTTP: the router on 127.0.0.1, reqwest as
//! Zendesk.

mod common;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use channel_axum::{
    Answer, Integration, Rejection, CHANNELBACK_BODY_LIMIT, EVENT_BATCH_BODY_LIMIT,
};
use channel_model::chrono::{TimeZone, Utc};
use channel_model::{
    AdminUiRequest, Author, ChannelbackRequest, ChannelbackResponse, ClickthroughRequest, Event,
    EventBatch, ExternalResource, Manifest, PullRequest, PullResponse, ReturnForm, Validate,
    Validated,
};
use common::{client, get, json, post_form, post_json, problems, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What the handlers were given.
#[derive(Clone, Default)]
struct Seen {
    channelbacks: Arc<Mutex<Vec<ChannelbackRequest>>>,
    events: Arc<Mutex<Vec<EventBatch>>>,
}

/// A secret that must never come back in an answer.
const SECRET: &str = "hunter2-s3cr3t";

async fn pull(
    _: Seen,
    request: Validated<PullRequest>,
) -> Result<Validated<PullResponse>, Response> {
    let created_at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
    // A pull whose state asks for it tries to answer with a resource Zendesk would refuse:
    // the only answer it can build is an error.
    let id = match request.state.as_ref().map(|state| state.as_str()) {
        Some("invalid") => format!(" {SECRET}"),
        _ => "msg-1".to_owned(),
    };
    let resource = ExternalResource::new(id, "Hello", created_at, Author::new("user-1"));
    Validated::new(PullResponse::new([resource]))
        .map_err(|invalid| (StatusCode::INTERNAL_SERVER_ERROR, invalid.to_string()).into_response())
}

async fn channelback(
    seen: Seen,
    request: Validated<ChannelbackRequest>,
) -> Result<Validated<ChannelbackResponse>, Response> {
    seen.channelbacks.lock().unwrap().push(request.into_inner());
    Ok(Validated::new(ChannelbackResponse::new("reply-1")).unwrap())
}

async fn admin_ui(_: Seen, request: Validated<AdminUiRequest>) -> Response {
    let name = request.name.clone().unwrap_or_default();
    match Validated::new(ReturnForm::new(name, request.return_url.clone())) {
        Ok(form) => Answer::from(form).into_response(),
        Err(invalid) => Rejection::from(invalid.into_parts().1).into_response(),
    }
}

async fn event_callback(seen: Seen, batch: EventBatch) -> Result<(), Response> {
    seen.events.lock().unwrap().push(batch);
    Ok(())
}

async fn clickthrough(_: Seen, request: Validated<ClickthroughRequest>) -> Redirect {
    Redirect::to(&format!(
        "https://origin.example/{}",
        request.external_id.len()
    ))
}

fn integration(seen: Seen) -> Router {
    Integration::new(seen)
        .admin_ui(admin_ui)
        .pull(pull)
        .channelback(channelback)
        .clickthrough(clickthrough)
        .event_callback(event_callback)
        .healthcheck(|_: Seen| async { "ok" })
        .build(|urls| Manifest::new("Test", "com.example.test", urls))
        .unwrap()
}

async fn start() -> (String, Seen) {
    let seen = Seen::default();
    (serve(integration(seen.clone())).await, seen)
}

#[tokio::test]
async fn channelback_forms_keep_every_file_url_and_decode_percent_encoding() {
    let (base, seen) = start().await;
    let body = "message=caf%C3%A9+%2B+cr%C3%A8me%20%26+%3D&parent_id=msg-1&thread_id=t%2F9\
                &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fa%3Fname%3Da.png\
                &file_urls[]=https%3A%2F%2Fexample.zendesk.com%2Fb\
                &metadata=%7B%22token%22%3A%22t-1%22%7D&new_field_from_zendesk=1";
    let (status, answer) = json(post_form(&format!("{base}/channelback"), body).await).await;
    assert_eq!(
        (status, answer),
        (200, serde_json::json!({"external_id": "reply-1"}))
    );
    let request = seen.channelbacks.lock().unwrap().pop().unwrap();
    assert_eq!(request.message, "café + crème & =");
    assert_eq!(request.thread_id.as_deref(), Some("t/9"));
    assert_eq!(
        request.file_urls,
        [
            "https://example.zendesk.com/a?name=a.png",
            "https://example.zendesk.com/b"
        ]
    );
    assert_eq!(request.metadata.unwrap().as_str(), r#"{"token":"t-1"}"#);
}

#[tokio::test]
async fn a_channelback_without_message_is_422_without_a_value() {
    let (base, seen) = start().await;
    let body = format!("parent_id={SECRET}&metadata={SECRET}");
    let (status, answer) = json(post_form(&format!("{base}/channelback"), body).await).await;
    assert_eq!(status, 422);
    assert_eq!(
        problems(&answer),
        [("/message".into(), "missing_field".into())]
    );
    assert!(!answer.to_string().contains(SECRET));
    assert!(seen.channelbacks.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_channelback_that_breaks_a_rule_is_422_at_its_pointer() {
    let (base, _) = start().await;
    // 65 535 characters pass, 65 536 do not; a 4-byte emoji counts as one.
    let at_limit = format!("message={}", "%F0%9F%93%A6".repeat(65_535));
    let response = post_form(&format!("{base}/channelback"), at_limit).await;
    assert_eq!(response.status(), 200);
    let over = format!("message={}{}", "%F0%9F%93%A6".repeat(65_535), SECRET);
    let (status, answer) = json(post_form(&format!("{base}/channelback"), over).await).await;
    assert_eq!(status, 422);
    assert_eq!(
        problems(&answer),
        [("/message".into(), "max_length".into())]
    );
    assert!(!answer.to_string().contains(SECRET));
}

#[tokio::test]
async fn malformed_forms_and_json_are_400_without_a_value() {
    let (base, seen) = start().await;
    let not_utf8 = format!("message={SECRET}%FF");
    let (status, answer) = json(post_form(&format!("{base}/channelback"), not_utf8).await).await;
    assert_eq!(status, 400);
    assert_eq!(problems(&answer), [("/message".into(), "not_utf8".into())]);
    let repeated = format!("message=a&thread_id={SECRET}&thread_id=b");
    let (status, answer) = json(post_form(&format!("{base}/channelback"), repeated).await).await;
    assert_eq!(status, 400);
    assert_eq!(
        problems(&answer),
        [("/thread_id".into(), "duplicate_key".into())]
    );
    assert!(!answer.to_string().contains(SECRET));

    let cases = [
        (
            format!(r#"{{"events": [{{"type_id": "{SECRET}"}}"#),
            "/events/1",
            "eof",
        ),
        (format!(r#"{{"events": "{SECRET}"}}"#), "/events", "type"),
        (
            format!(r#"{{"events": [], "events": ["{SECRET}"]}}"#),
            "/events",
            "duplicate_key",
        ),
        (SECRET.to_owned(), "", "syntax"),
    ];
    for (body, pointer, code) in cases {
        let (status, answer) = json(post_json(&format!("{base}/event_callback"), body).await).await;
        assert_eq!(status, 400, "{answer}");
        assert_eq!(problems(&answer), [(pointer.into(), code.into())]);
        assert!(!answer.to_string().contains(SECRET));
    }
    assert!(seen.channelbacks.lock().unwrap().is_empty());
    assert!(seen.events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_and_at_the_limit_are_read() {
    let (base, seen) = start().await;
    let url = format!("{base}/channelback");
    // At the limit the body is read (and its message is too long for the rules).
    let at_limit = format!(
        "message={}",
        "a".repeat(CHANNELBACK_BODY_LIMIT - "message=".len())
    );
    assert_eq!(post_form(&url, at_limit.clone()).await.status(), 422);
    let over = format!("{at_limit}a");
    let (status, answer) = json(post_form(&url, over).await).await;
    assert_eq!(status, 413);
    assert_eq!(problems(&answer), [("".into(), "body_too_large".into())]);

    let events = format!(
        r#"{{"events": ["{}"]}}"#,
        "a".repeat(EVENT_BATCH_BODY_LIMIT)
    );
    let response = post_json(&format!("{base}/event_callback"), events).await;
    assert_eq!(response.status(), 413);
    assert!(seen.channelbacks.lock().unwrap().is_empty());
    assert!(seen.events.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_chunked_body_is_cut_off_at_the_limit() {
    let (base, _) = start().await;
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /channelback HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // No Content-Length: the server learns the size only by reading. It answers once the
    // limit is passed; the rest may then be refused, so write errors end the loop.
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "a".repeat(64 * 1024));
    for _ in 0..(CHANNELBACK_BODY_LIMIT / (64 * 1024) + 2) {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let mut answer = vec![0; 64];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("an answer within 5 s")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test]
async fn events_of_an_unknown_type_are_answered_200_and_kept() {
    let (base, seen) = start().await;
    let body = r#"{"events": [
      {"type_id": "instance_renamed_in_a_later_version", "timestamp": "2015-09-08T22:48:10Z",
       "subdomain": "example", "integration_name": "Example", "integration_id": "com.example",
       "data": {"name": "Support"}},
      {"type_id": "create_integration_instance", "timestamp": "2015-09-08T22:48:09Z",
       "subdomain": "example", "integration_name": "Example", "integration_id": "com.example",
       "data": {"metadata": "{}"}}
    ]}"#;
    let response = post_json(&format!("{base}/event_callback"), body).await;
    assert_eq!(response.status(), 200);
    let batch = seen.events.lock().unwrap().pop().unwrap();
    assert_eq!(batch.events.len(), 2);
    assert!(matches!(batch.events[0], Event::Unknown(_)));
    assert_eq!(
        batch.events[0].type_id(),
        Some("instance_renamed_in_a_later_version")
    );
    assert!(matches!(batch.events[1], Event::Known(_)));
}

#[tokio::test]
async fn an_odd_event_reaches_the_handler_with_the_others() {
    let (base, seen) = start().await;
    let header = r#""timestamp": "2015-09-08T22:48:09Z", "subdomain": "example",
       "integration_name": "Example", "integration_id": "com.example""#;
    let body = format!(
        r#"{{"events": [
      {{"type_id": "create_integration", {header}, "data": {{"manifest_url": 7}}}},
      {{"type_id": "create_integration", {header},
       "data": {{"manifest_url": "http://{SECRET}.example/manifest"}}}},
      {{"type_id": "create_integration_instance", {header}, "data": {{"metadata": "{{}}"}}}}
    ]}}"#
    );
    let response = post_json(&format!("{base}/event_callback"), body).await;
    assert_eq!(response.status(), 200);
    let batch = seen.events.lock().unwrap().pop().unwrap();
    assert_eq!(batch.events.len(), 3);
    // The handler sees which events it can act on.
    assert!(matches!(batch.events[0], Event::Malformed(_)));
    assert_eq!(
        batch.events[1].validate().unwrap_err().to_string(),
        "/data/manifest_url: must be an https URL (an absolute URL needs the https scheme and a host)"
    );
    assert!(batch.events[2].validate().is_ok());
    assert_eq!(
        batch.events[2].type_id(),
        Some("create_integration_instance")
    );
}

#[tokio::test]
async fn the_admin_ui_escapes_hostile_names_and_refuses_javascript_urls() {
    let (base, _) = start().await;
    let return_url = "https://example.zendesk.com/zendesk/channels/integration_service_instances/editor_finalizer";
    let name = "\"><script>alert(1)</script><b x='&amp;";
    let request = AdminUiRequest::from_form(format!(
        "return_url={}&subdomain=example&locale=en-US",
        percent(return_url)
    ))
    .unwrap();
    let body = format!("{}&name={}", request.to_form(), percent(name));
    let response = post_form(&format!("{base}/admin_ui"), body).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.unwrap();
    assert!(page.contains(
        r#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&#39;&amp;amp;""#
    ));
    assert!(!page.contains("<script>alert"));
    assert_eq!(page.matches("<script>").count(), 1);

    for url in [
        "javascript:alert(1)//",
        "JavaScript:alert(document.cookie)",
        "/relative",
    ] {
        let body = format!(
            "name={SECRET}&return_url={}&subdomain=example&locale=en-US",
            percent(url)
        );
        let (status, answer) = json(post_form(&format!("{base}/admin_ui"), body).await).await;
        assert_eq!(status, 422, "{url}");
        assert_eq!(problems(&answer)[0].0, "/return_url");
        assert!(!answer.to_string().contains("alert") && !answer.to_string().contains(SECRET));
    }
}

#[tokio::test]
async fn a_pull_can_only_answer_with_a_valid_payload() {
    let (base, _) = start().await;
    let (status, answer) = json(post_form(&format!("{base}/pull"), "state=&metadata=").await).await;
    assert_eq!(status, 200);
    assert_eq!(answer["external_resources"][0]["external_id"], "msg-1");

    let response = post_form(&format!("{base}/pull"), "state=invalid").await;
    assert_eq!(response.status(), 500);
    let text = response.text().await.unwrap();
    assert!(text.contains("/external_resources/0/external_id"), "{text}");
    assert!(!text.contains(SECRET));
}

#[tokio::test]
async fn clickthrough_reads_the_query() {
    let (base, _) = start().await;
    let url = format!("{base}/clickthrough?external_id=post%2F8%3Fpage%3D2");
    let response = get(&url).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "https://origin.example/13");

    let response = get(&format!("{base}/clickthrough")).await;
    let (status, answer) = json(response).await;
    assert_eq!(status, 422);
    assert_eq!(
        problems(&answer),
        [("/external_id".into(), "missing_field".into())]
    );
    let too_long = format!("{base}/clickthrough?external_id={}", "a".repeat(256));
    assert_eq!(get(&too_long).await.status(), 422);
    let at_limit = format!("{base}/clickthrough?external_id={}", "a".repeat(255));
    assert_eq!(get(&at_limit).await.status(), 303);
}

#[tokio::test]
async fn the_manifest_lists_exactly_the_mounted_routes() {
    let (base, _) = start().await;
    let response = get(&format!("{base}/manifest")).await;
    let (status, manifest) = json(response).await;
    assert_eq!(status, 200);
    let urls = manifest["urls"].as_object().unwrap();
    let mut names: Vec<&str> = urls.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "admin_ui",
            "channelback_url",
            "clickthrough_url",
            "event_callback_url",
            "healthcheck_url",
            "pull_url"
        ]
    );
    // Each URL, resolved against the manifest's own address as Zendesk does, is served.
    for (name, url) in urls {
        let url = format!("{base}/{}", url.as_str().unwrap().trim_start_matches("./"));
        let request = match name.as_str() {
            "clickthrough_url" | "healthcheck_url" => client().get(url),
            _ => client().post(url),
        };
        let status = request.send().await.unwrap().status();
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "{name}: {status}"
        );
    }
    let health = get(&format!("{base}/healthcheck")).await;
    assert_eq!(health.text().await.unwrap(), "ok");

    // Only what is mounted is listed; without an admin UI there is no valid manifest.
    let pull_only = Integration::new(Seen::default())
        .admin_ui(admin_ui)
        .pull(pull)
        .build(|urls| Manifest::new("Test", "com.example.test", urls))
        .unwrap();
    let base = serve(pull_only).await;
    let (_, manifest) = json(get(&format!("{base}/manifest")).await).await;
    assert_eq!(
        manifest["urls"],
        serde_json::json!({"admin_ui": "./admin_ui", "pull_url": "./pull"})
    );
    let channelback_url = client()
        .post(format!("{base}/channelback"))
        .send()
        .await
        .unwrap();
    assert_eq!(channelback_url.status(), 404);

    let invalid = Integration::new(Seen::default())
        .pull(pull)
        .build(|urls| Manifest::new("Test", "com.example.test", urls))
        .unwrap_err();
    assert_eq!(
        invalid.iter().next().unwrap().path().to_string(),
        "/urls/admin_ui"
    );
}

/// `value` percent-encoded for a form.
fn percent(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[tokio::test]
async fn an_error_of_a_handler_never_answers_2xx() {
    // An error that claims success would reach Zendesk as an unvalidated answer.
    let router = Integration::new(Seen::default())
        .admin_ui(admin_ui)
        .pull(|_: Seen, _: Validated<PullRequest>| async {
            Err::<Validated<PullResponse>, _>((
                StatusCode::OK,
                axum::Json(serde_json::json!({"external_resources": [{"external_id": " x "}]})),
            ))
        })
        .channelback(|_: Seen, _: Validated<ChannelbackRequest>| async {
            Err::<Validated<ChannelbackResponse>, _>(StatusCode::CREATED)
        })
        .event_callback(|_: Seen, _: EventBatch| async { Err::<(), _>(StatusCode::ACCEPTED) })
        .build(|urls| Manifest::new("Test", "com.example.test", urls))
        .unwrap();
    let base = serve(router).await;
    assert_eq!(
        post_form(&format!("{base}/pull"), "state=").await.status(),
        500
    );
    let channelback = post_form(&format!("{base}/channelback"), "message=hi").await;
    assert_eq!(channelback.status(), 500);
    let events = post_json(&format!("{base}/event_callback"), r#"{"events": []}"#).await;
    assert_eq!(events.status(), 500);
    // A handler's own error status other than 2xx is kept.
    let failing = Integration::new(Seen::default())
        .admin_ui(admin_ui)
        .pull(|_: Seen, _: Validated<PullRequest>| async {
            Err::<Validated<PullResponse>, _>(StatusCode::SERVICE_UNAVAILABLE)
        })
        .build(|urls| Manifest::new("Test", "com.example.test", urls))
        .unwrap();
    let base = serve(failing).await;
    assert_eq!(
        post_form(&format!("{base}/pull"), "state=").await.status(),
        503
    );
}

#[tokio::test]
async fn the_manifest_cannot_list_a_route_that_is_not_mounted() {
    let router = Integration::new(Seen::default())
        .admin_ui(admin_ui)
        .pull(pull)
        .build(|mut urls| {
            urls.channelback_url = Some("./channelback".into());
            urls.pull_url = None;
            urls.about_url = Some("https://chat.example.com/about".into());
            Manifest::new("Test", "com.example.test", urls)
        })
        .unwrap();
    let base = serve(router).await;
    let (_, manifest) = json(get(&format!("{base}/manifest")).await).await;
    assert_eq!(
        manifest["urls"],
        serde_json::json!({
            "admin_ui": "./admin_ui",
            "pull_url": "./pull",
            "about_url": "https://chat.example.com/about"
        })
    );
}
