//! The client against servers on 127.0.0.1 that answer in ways Zendesk should not: echoed
//! payloads, huge or non-UTF-8 bodies, redirects, results that do not pair.

mod support;

use channel_client::Error;
use serde_json::json;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{client, policy, push, server, PUSH, TOKEN};

/// `error`'s `Debug` and every `Display` of its chain.
fn shown(error: &Error) -> Vec<String> {
    let mut shown = vec![format!("{error:?}")];
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(error) = source {
        shown.push(error.to_string());
        source = error.source();
    }
    shown
}

#[tokio::test]
async fn an_error_body_that_repeats_sent_values_does_not_carry_them() {
    let server = server(ResponseTemplate::new(422).set_body_json(json!({
        "error": "Invalid private message a",
        "description": "Message 'private message a' from user-1 is invalid",
    })))
    .await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    let zendesk = error.zendesk().unwrap();
    assert_eq!(zendesk.error, "Invalid <redacted>");
    assert_eq!(
        zendesk.description.as_deref(),
        Some("Message '<redacted>' from <redacted> is invalid")
    );
    for text in shown(&error) {
        assert!(!text.contains("private message"), "{text}");
        assert!(!text.contains("user-1"), "{text}");
    }
}

#[tokio::test]
async fn a_huge_error_description_is_shortened() {
    let server = server(ResponseTemplate::new(400).set_body_json(json!({
        "error": "BadRequest",
        "description": "é".repeat(20_000),
    })))
    .await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    let description = error.zendesk().unwrap().description.as_deref().unwrap();
    assert!(description.chars().count() <= 1025, "{}", description.len());
    assert!(description.ends_with('…'));
    assert!(error.to_string().len() < 4096);
}

#[tokio::test]
async fn error_bodies_too_large_or_not_utf8_are_not_kept() {
    for body in [vec![b'x'; 200_000], vec![0xff, 0xfe, b'{', 0x80]] {
        let server = server(ResponseTemplate::new(400).set_body_bytes(body)).await;
        let (client, _) = client(&server.uri(), policy());

        let error = client.push(&push(&["a"])).await.unwrap_err();

        assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
        assert!(error.zendesk().is_none());
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(path(PUSH))
        .respond_with(ResponseTemplate::new(200))
        .mount(&elsewhere)
        .await;
    let target = format!(
        "{}{PUSH}",
        elsewhere.uri().replace("127.0.0.1", "localhost")
    );
    let server = server(ResponseTemplate::new(307).insert_header("location", target)).await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    for text in shown(&error) {
        assert!(!text.contains(TOKEN), "{text}");
    }
}

#[tokio::test]
async fn more_results_than_resources_are_a_mismatch() {
    let server = server(ResponseTemplate::new(200).set_body_json(json!({"results": [
        {"external_resource_id": "a", "status": {"code": "success"}},
        {"external_resource_id": "b", "status": {"code": "success"}}
    ]})))
    .await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    assert!(
        matches!(
            &error,
            Error::Mismatch(channel_model::ResultsMismatch::Count {
                resources: 1,
                results: 2
            })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_huge_retry_after_without_a_time_limit_does_not_overflow() {
    let huge = u64::MAX.to_string();
    let server = support::server_then(
        ResponseTemplate::new(429).insert_header("retry-after", huge.as_str()),
        ResponseTemplate::new(429)
            .insert_header("retry-after", huge.as_str())
            .set_delay(std::time::Duration::from_millis(1100)),
    )
    .await;
    let mut policy = policy();
    policy.max_elapsed = std::time::Duration::MAX;
    let (client, waits) = client(&server.uri(), policy);

    let error = client.push(&push(&["a"])).await.unwrap_err();

    // The first wait leaves less than a second of `Duration::MAX`: the second attempt gets
    // that long, and the call ends there.
    match &error {
        Error::Transport {
            attempts, source, ..
        } => {
            assert_eq!(*attempts, 2);
            assert!(source.is_timeout(), "{source:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(waits.taken().len(), 1);
}
