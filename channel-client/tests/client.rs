//! The client against a real HTTP server on 127.0.0.1: statuses, re-pushes, retries, errors.

mod support;

use std::time::Duration;

use channel_client::{AccessToken, ClientBuilder, Endpoint, Error};
use channel_model::{
    AdminUiRequest, ChannelbackErrorReport, DecodeCategory, DecodeError, Outcome, PushRequest,
    StatusCode, ValidateTokenRequest, Validated,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{client, ids, policy, push, resource, server, server_then, Statuses, PUSH, TOKEN};

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn each_resource_is_paired_with_its_status() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PUSH))
        .respond_with(Statuses(|id| match id {
            "a" => "success",
            "b" => "already_imported",
            "c" => "could_not_locate_parent_external_resource",
            _ => "queued_for_later",
        }))
        .mount(&server)
        .await;
    let (client, waits) = client(&server.uri(), policy());
    let request = push(&["a", "b", "c", "d"]);

    let report = client.push(&request).await.unwrap();

    let statuses: Vec<(String, StatusCode)> = report
        .iter()
        .map(|(resource, result)| (resource.external_id.clone(), result.status.code.clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("a".to_owned(), StatusCode::Success),
            ("b".to_owned(), StatusCode::AlreadyImported),
            (
                "c".to_owned(),
                StatusCode::CouldNotLocateParentExternalResource
            ),
            ("d".to_owned(), StatusCode::Other("queued_for_later".into())),
        ]
    );
    assert_eq!(report.with_outcome(Outcome::Delivered).count(), 2);
    assert_eq!(report.with_outcome(Outcome::Failed).count(), 1);
    assert_eq!(report.with_outcome(Outcome::Unknown).count(), 1);
    // Nothing there is worth a second push.
    assert_eq!(received(&server).await.len(), 1);
    assert!(waits.taken().is_empty());
}

#[tokio::test]
async fn the_server_receives_exactly_the_validated_payload() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PUSH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .respond_with(Statuses(|_| "success"))
        .expect(1)
        .mount(&server)
        .await;
    let (client, _) = client(&server.uri(), policy());
    let request = Validated::new(
        PushRequest::new("acct-1", [resource("a").with_thread_id("t-1")]).with_request_id("req-1"),
    )
    .unwrap();

    client.push(&request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests[0].body, serde_json::to_vec(&request).unwrap());
    let agent = requests[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        agent,
        format!("channel-client/{}", env!("CARGO_PKG_VERSION"))
    );
}

#[tokio::test]
async fn halted_resources_are_pushed_again_until_done() {
    // The first answer halts b and c behind a's processing error; the next ones succeed.
    let server = server_then(
        Statuses(|id| match id {
            "a" => "processing_error",
            _ => "halted",
        }),
        Statuses(|_| "success"),
    )
    .await;
    let (client, waits) = client(&server.uri(), policy());
    let request = push(&["a", "b", "c"]);

    let report = client.push(&request).await.unwrap();

    assert_eq!(report.with_outcome(Outcome::Delivered).count(), 3);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(ids(&requests[1]), ["a", "b", "c"]);
    // The re-push is a new request: no request_id, the same account.
    let body: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(body["instance_push_id"], "acct-1");
    assert!(body.get("request_id").is_none());
    // One backoff wait, for the processing error.
    assert_eq!(waits.taken().len(), 1);
}

#[tokio::test]
async fn only_halted_resources_go_again_and_at_once() {
    let server = server_then(
        Statuses(|id| match id {
            "a" => "success",
            "b" => "could_not_locate_parent_external_resource",
            _ => "halted",
        }),
        Statuses(|_| "success"),
    )
    .await;
    let (client, waits) = client(&server.uri(), policy());
    let request = push(&["a", "b", "c", "d"]);

    let report = client.push(&request).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(ids(&requests[1]), ["c", "d"]);
    let codes: Vec<&str> = report.iter().map(|(_, r)| r.status.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "success",
            "could_not_locate_parent_external_resource",
            "success",
            "success"
        ]
    );
    assert!(waits.taken().is_empty());
}

#[tokio::test]
async fn processing_errors_are_retried_then_given_up() {
    let server = server(Statuses(|id| match id {
        "a" => "processing_error",
        _ => "success",
    }))
    .await;
    let (client, waits) = client(&server.uri(), policy());
    let request = push(&["a", "b"]);

    let report = client.push(&request).await.unwrap();

    // The first push, then processing_error_retries = 2 re-pushes of a alone.
    let requests = received(&server).await;
    let sent: Vec<Vec<String>> = requests.iter().map(ids).collect();
    assert_eq!(sent, [vec!["a", "b"], vec!["a"], vec!["a"]]);
    let (resource, result) = report.with_outcome(Outcome::Retry).next().unwrap();
    assert_eq!(resource.external_id, "a");
    assert_eq!(result.status.code, StatusCode::ProcessingError);
    let waits = waits.taken();
    assert_eq!(waits.len(), 2);
    assert!(waits[0] >= Duration::from_millis(100), "{waits:?}");
}

#[tokio::test]
async fn halted_forever_stops_at_max_pushes() {
    let server = server(Statuses(|_| "halted")).await;
    let mut policy = policy();
    policy.max_pushes = 4;
    let (client, _) = client(&server.uri(), policy);
    let request = push(&["a"]);

    let report = client.push(&request).await.unwrap();

    assert_eq!(received(&server).await.len(), 4);
    assert_eq!(report.with_outcome(Outcome::Retry).count(), 1);
}

#[tokio::test]
async fn too_many_requests_waits_as_retry_after_says() {
    let server = server_then(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "1")
            .insert_header("content-type", "text/plain")
            .set_body_string("Too Many Requests"),
        Statuses(|_| "success"),
    )
    .await;
    let (client, waits) = client(&server.uri(), policy());

    let request = push(&["a"]);
    let report = client.push(&request).await.unwrap();

    assert_eq!(report.with_outcome(Outcome::Delivered).count(), 1);
    assert_eq!(received(&server).await.len(), 2);
    assert_eq!(waits.taken(), [Duration::from_secs(1)]);
}

#[tokio::test]
async fn a_retry_after_beyond_the_time_limit_is_not_waited() {
    let server = server(ResponseTemplate::new(429).insert_header("retry-after", "3600")).await;
    let (client, waits) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    match error {
        Error::Unavailable {
            attempts,
            retry_after,
            ..
        } => {
            assert_eq!(attempts, 1);
            assert_eq!(retry_after, Some(Duration::from_secs(3600)));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(received(&server).await.len(), 1);
    assert!(waits.taken().is_empty());
}

#[tokio::test]
async fn service_unavailable_without_retry_after_backs_off() {
    let server = server_then(ResponseTemplate::new(503), Statuses(|_| "success")).await;
    let (client, waits) = client(&server.uri(), policy());

    client.push(&push(&["a"])).await.unwrap();

    let waits = waits.taken();
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] >= Duration::from_millis(100) && waits[0] <= Duration::from_secs(2),
        "{waits:?}"
    );
}

#[tokio::test]
async fn server_errors_stop_after_max_attempts() {
    let server = server(ResponseTemplate::new(502)).await;
    let (client, waits) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    assert!(
        matches!(error, Error::Unavailable { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(received(&server).await.len(), 3);
    assert_eq!(waits.taken().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    // A port that was just free: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let (client, waits) = client(&format!("http://127.0.0.1:{port}"), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    assert!(
        matches!(
            error,
            Error::Transport {
                attempts: 3,
                endpoint: Endpoint::Push,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(waits.taken().len(), 2);
}

#[tokio::test]
async fn unauthorized_is_never_retried() {
    for status in [401, 403] {
        let server = MockServer::start().await;
        Mock::given(path(PUSH))
            .respond_with(ResponseTemplate::new(status).set_body_json(
                json!({"error": "InvalidToken", "description": "The access token is invalid"}),
            ))
            .mount(&server)
            .await;
        let (client, waits) = client(&server.uri(), policy());

        let error = client.push(&push(&["a"])).await.unwrap_err();

        assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
        assert_eq!(error.zendesk().unwrap().error, "InvalidToken");
        assert_eq!(received(&server).await.len(), 1);
        assert!(waits.taken().is_empty());
    }
}

#[tokio::test]
async fn error_bodies_are_parsed_into_the_error() {
    let server = server(ResponseTemplate::new(422).set_body_json(json!({
        "error": "RecordInvalid",
        "description": "Record validation errors",
        "details": {"message": [{"description": "private message a"}]}
    })))
    .await;
    Mock::given(path("/api/v2/any_channel/validate_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": {"title": "Invalid attribute", "message": "instance_push_id is unknown"}}),
        ))
        .mount(&server)
        .await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();
    assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "/api/v2/any_channel/push: Zendesk rejected the request (422 Unprocessable Entity): \
         RecordInvalid (Record validation errors)"
    );
    // `details` can repeat what was sent; it is not kept.
    assert!(!format!("{error:?}").contains("private message"));
    assert_eq!(received(&server).await.len(), 1);

    let check = Validated::new(ValidateTokenRequest::new("acct-1")).unwrap();
    let error = client.validate_token(&check).await.unwrap_err();
    let zendesk = error.zendesk().unwrap();
    assert_eq!(zendesk.error, "Invalid attribute");
    assert_eq!(
        zendesk.description.as_deref(),
        Some("instance_push_id is unknown")
    );
}

#[tokio::test]
async fn more_than_256_resources_go_in_valid_parts() {
    let server = server(Statuses(|_| "success")).await;
    let (client, _) = client(&server.uri(), policy());
    let resources = (0..600).map(|i| resource(&format!("m{i}")));
    let parts = PushRequest::new("acct-1", resources)
        .split_validated()
        .unwrap();

    let reports = client.push_all(&parts).await;

    let delivered: Vec<usize> = reports
        .iter()
        .map(|report| {
            report
                .as_ref()
                .unwrap()
                .with_outcome(Outcome::Delivered)
                .count()
        })
        .collect();
    assert_eq!(delivered, [256, 256, 88]);
    let sizes: Vec<usize> = received(&server)
        .await
        .iter()
        .map(|r| ids(r).len())
        .collect();
    assert_eq!(sizes, [256, 256, 88]);
    let last = &received(&server).await[2];
    assert_eq!(ids(last)[0], "m512");
}

#[tokio::test]
async fn push_all_stops_at_the_first_failed_part() {
    let server = server(ResponseTemplate::new(401)).await;
    let (client, _) = client(&server.uri(), policy());
    let resources = (0..300).map(|i| resource(&format!("m{i}")));
    let parts = PushRequest::new("acct-1", resources)
        .split_validated()
        .unwrap();

    let reports = client.push_all(&parts).await;

    assert_eq!(reports.len(), 1);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn results_that_do_not_pair_are_an_error() {
    let server = server(ResponseTemplate::new(200).set_body_json(json!({"results": [
        {"external_resource_id": "b", "status": {"code": "success"}}
    ]})))
    .await;
    let (client, _) = client(&server.uri(), policy());

    let error = client.push(&push(&["a"])).await.unwrap_err();

    assert!(matches!(error, Error::Mismatch(_)), "{error:?}");
}

/// `error` and its sources, `: `-separated, as a program prints them.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(error) = source {
        text = format!("{text}: {error}");
        source = error.source();
    }
    text
}

#[tokio::test]
async fn an_undecodable_answer_is_told_by_path_and_category_without_its_values() {
    const MARKER: &str = "MARKER-5e1d private message a";
    let answers = [
        (
            format!(r#"{{"results": [{{"external_resource_id": "a", "status": "{MARKER}"}}]}}"#),
            "/results/0/status",
            DecodeCategory::Type,
            "/api/v2/any_channel/push: Zendesk's answer cannot be decoded: /results/0/status: \
             invalid type: a string, expected struct PushStatus at line 1, column 84",
        ),
        (
            format!(r#"{{"results": [{{"external_resource_id": "a", "status": {MARKER}}}]}}"#),
            "/results/0/status",
            DecodeCategory::Syntax,
            "/api/v2/any_channel/push: Zendesk's answer cannot be decoded: /results/0/status: \
             expected value at line 1, column 54",
        ),
    ];
    for (body, pointer, category, text) in answers {
        let server = server(ResponseTemplate::new(200).set_body_string(body)).await;
        let (client, _) = client(&server.uri(), policy());

        let error = client.push(&push(&["a"])).await.unwrap_err();

        assert!(
            matches!(
                error,
                Error::Decode {
                    endpoint: Endpoint::Push,
                    ..
                }
            ),
            "{error:?}"
        );
        let decode = std::error::Error::source(&error)
            .and_then(|source| source.downcast_ref::<DecodeError>())
            .unwrap_or_else(|| panic!("no decoding error in {error:?}"));
        assert_eq!(decode.path().to_string(), pointer);
        assert_eq!(decode.category(), category);
        assert_eq!(chain(&error), text);
        for shown in [error.to_string(), chain(&error), format!("{error:?}")] {
            assert!(!shown.contains("MARKER"), "{shown}");
        }
    }
}

#[tokio::test]
async fn any_success_status_validates_a_token_and_reports_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/any_channel/validate_token"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v2/any_channel/channelback/report_error"))
        .respond_with(ResponseTemplate::new(201).set_body_string("not json at all"))
        .expect(1)
        .mount(&server)
        .await;
    let (client, _) = client(&server.uri(), policy());

    let check = Validated::new(ValidateTokenRequest::new("acct-1")).unwrap();
    client.validate_token(&check).await.unwrap();
    let report =
        Validated::new(ChannelbackErrorReport::new("acct-1", "msg-1").with_description("bounced"))
            .unwrap();
    client.report_error(&report).await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests[0].body, serde_json::to_vec(&check).unwrap());
    assert_eq!(requests[1].body, serde_json::to_vec(&report).unwrap());
}

#[tokio::test]
async fn the_token_is_in_no_debug_output_or_error() {
    let server = server(ResponseTemplate::new(401)).await;
    let (client, _) = client(&server.uri(), policy());
    let refused_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let (unreachable, _) = support::client(&format!("http://127.0.0.1:{refused_port}"), policy());

    let unauthorized = client.push(&push(&["a"])).await.unwrap_err();
    let transport = unreachable.push(&push(&["a"])).await.unwrap_err();

    let mut shown = vec![
        format!("{client:?}"),
        format!("{unreachable:?}"),
        format!("{:?}", channel_client::AccessToken::from(TOKEN)),
        format!(
            "{:?}",
            channel_client::ClientBuilder::for_subdomain("acme", TOKEN)
        ),
    ];
    for error in [&unauthorized, &transport] {
        shown.push(format!("{error:?}"));
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(error) = source {
            shown.push(error.to_string());
            source = error.source();
        }
    }
    for text in shown {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("private message"), "{text}");
    }
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let server = server(ResponseTemplate::new(200).set_delay(Duration::from_secs(10))).await;
    let waits = support::Waits::default();
    let client = channel_client::ClientBuilder::for_base_url(&server.uri(), TOKEN)
        .retry(policy())
        .sleeper(waits.clone())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let error = client.push(&push(&["a"])).await.unwrap_err();

    match &error {
        Error::Transport {
            attempts, source, ..
        } => {
            assert_eq!(*attempts, 3);
            assert!(source.is_timeout(), "{source:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(waits.taken().len(), 2);
}

#[tokio::test]
async fn retry_after_may_be_an_http_date() {
    let at = std::time::SystemTime::now() + Duration::from_secs(30);
    let server = server_then(
        ResponseTemplate::new(503).insert_header("retry-after", httpdate::fmt_http_date(at)),
        Statuses(|_| "success"),
    )
    .await;
    let (client, waits) = client(&server.uri(), policy());

    client.push(&push(&["a"])).await.unwrap();

    // Until the date (in whole seconds), less the time the answer took to come: far more than
    // the backoff's 2 s at most.
    let waits = waits.taken();
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] > Duration::from_secs(20) && waits[0] <= Duration::from_secs(30),
        "{waits:?}"
    );
}

#[tokio::test]
async fn the_admin_ui_requests_token_goes_straight_into_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PUSH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(Statuses(|_| "success"))
        .expect(1)
        .mount(&server)
        .await;
    let form = format!(
        "return_url=https%3A%2F%2Facme.zendesk.com%2Fzendesk%2Fchannels\
         %2Fintegration_service_instances%2Feditor_finalizer\
         &subdomain=acme&locale=en-US&instance_push_id=acct-1&zendesk_access_token={TOKEN}"
    );
    let request = AdminUiRequest::from_form(form).unwrap();
    // The model's type is the client's: no conversion, no exposed secret.
    let token: AccessToken = request.zendesk_access_token.unwrap();

    let client = ClientBuilder::for_base_url(&server.uri(), token)
        .retry(policy())
        .build()
        .unwrap();
    let request = push(&["a"]);
    let report = client.push(&request).await.unwrap();

    assert!(report
        .iter()
        .all(|(_, result)| result.status.outcome() == Outcome::Delivered));
    assert_eq!(received(&server).await.len(), 1);
}

#[test]
fn an_admin_ui_token_that_is_not_well_formed_builds_no_client() {
    let request = AdminUiRequest::from_form(
        "return_url=https%3A%2F%2Facme.zendesk.com%2Fback\
             &subdomain=acme&locale=en-US&zendesk_access_token=s3cr%20et%0A",
    )
    .unwrap();
    let token = request.zendesk_access_token.unwrap();
    assert!(!token.is_well_formed());

    let error = channel_client::Client::new(&request.subdomain, token).unwrap_err();
    assert!(matches!(error, channel_client::BuildError::InvalidToken));
    assert!(!format!("{error:?} {error}").contains("s3cr"));
}
