//! `Debug` of the payload types: structure, ids, flags and lengths, never customers' text or
//! credentials; and the values stay reachable through the fields.

use channel_model::chrono::{TimeZone, Utc};
use channel_model::{
    Author, ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse, DisplayData,
    DisplayInfo, ExternalResource, Field, JsonText, PullResponse, PushReport, PushRequest,
    PushResponse, Validated,
};
use serde_json::json;

/// Asserts that no way of showing `value` with `Debug` contains any of `secrets`.
fn assert_redacted(value: &impl std::fmt::Debug, secrets: &[&str]) -> String {
    let shown = format!("{value:?}");
    let pretty = format!("{value:#?}");
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret} in {shown}");
        assert!(!pretty.contains(secret), "{secret} in {pretty}");
    }
    shown
}

fn push() -> PushRequest {
    let at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
    let author = Author::new("zoe@example.com")
        .with_name("Zoë Durand")
        .with_image_url("https://cdn.example.com/zoe.png")
        .with_locale("fr")
        .with_fields([Field::new("notes", "VIP, allergic to peanuts")]);
    let data = DisplayData::try_from(json!({"order": "order-secret-1234", "total": 99})).unwrap();
    let resource = ExternalResource::new("msg-4711", "Mon IBAN est FR76 3000 6000", at, author)
        .with_html_message("<p>Mon IBAN est FR76 3000 6000</p>")
        .with_thread_id("conversation-9")
        .with_internal_note(false)
        .with_display_info([DisplayInfo::new("urn:example:order", data)])
        .with_fields([
            Field::new(360001u64, "card 4111 1111 1111 1111"),
            Field::new("tags", json!(["private-tag"])),
        ])
        .with_file_urls(["https://files.example.com/a.pdf?signature=s3cr3t"]);
    PushRequest::new("acct-1", [resource]).with_request_id("push-7")
}

const PUSH_SECRETS: &[&str] = &[
    "IBAN",
    "zoe@",
    "Zoë",
    "zoe.png",
    "peanuts",
    "order-secret",
    "99",
    "4111",
    "private-tag",
    "s3cr3t",
];

#[test]
fn a_push_shows_ids_flags_and_lengths_not_text() {
    let push = push();
    let shown = assert_redacted(&push, PUSH_SECRETS);
    for expected in [
        r#"instance_push_id: "acct-1""#,
        r#"request_id: Some("push-7")"#,
        r#"external_id: "msg-4711""#,
        "internal_note: Some(false)",
        "message: <redacted, 27 chars>",
        "html_message: Some(<redacted, 34 chars>)",
        r#"thread_id: Some("conversation-9")"#,
        "created_at: 2015-09-08T22:48:09Z",
        "author: Author { external_id: <redacted, 15 chars>, name: Some(<redacted, 10 chars>)",
        r#"locale: Some("fr")"#,
        r#"type: "urn:example:order", data: <redacted object, 2 members, 40 chars>"#,
        "Field { id: Id(360001), value: <redacted string, 24 chars> }",
        r#"Field { id: Name("tags"), value: <redacted array, 1 items> }"#,
        "file_urls: Some([<redacted, 48 chars>])",
    ] {
        assert!(shown.contains(expected), "{expected} not in {shown}");
    }
    // The values are all there.
    let resource = &push.external_resources[0];
    assert_eq!(resource.message, "Mon IBAN est FR76 3000 6000");
    assert_eq!(resource.author.name.as_deref(), Some("Zoë Durand"));
}

#[test]
fn validated_pushes_and_reports_are_redacted_too() {
    let push = Validated::new(push()).unwrap();
    assert_redacted(&push, PUSH_SECRETS);
    let response: PushResponse = channel_model::from_str(
        r#"{"results":[{"external_resource_id":"msg-4711","status":{"code":"processing_error","description":"could not store Mon IBAN est"}}]}"#,
    )
    .unwrap();
    let shown = assert_redacted(&response, &["IBAN"]);
    assert!(
        shown.contains("code: ProcessingError, description: Some(<redacted, 28 chars>)"),
        "{shown}"
    );
    let report = PushReport::new(&push, &response).unwrap();
    assert_redacted(&report, PUSH_SECRETS);
    assert_redacted(&report, &["could not store"]);
}

#[test]
fn a_channelback_shows_neither_the_message_nor_metadata() {
    let mut request = ChannelbackRequest::new("Votre code est 481516");
    request.recipient_id = Some("+33 6 12 34 56 78".into());
    request.thread_id = Some("conversation-9".into());
    request.metadata = Some(JsonText::new(r#"{"token":"xoxb-s3cr3t"}"#));
    request.state = Some(JsonText::new(r#"{"cursor":"private-cursor"}"#));
    request.file_urls = vec!["https://z.example/attachments/token/s3cr3t/a.png".into()];
    let shown = assert_redacted(
        &request,
        &["481516", "+33", "xoxb", "s3cr3t", "private-cursor"],
    );
    assert!(shown.contains("message: <redacted, 21 chars>"), "{shown}");
    assert!(
        shown.contains(r#"thread_id: Some("conversation-9")"#),
        "{shown}"
    );
    assert!(
        shown.contains("metadata: Some(JsonText { chars: 23 })"),
        "{shown}"
    );

    let response = ChannelbackResponse::new("msg-4712")
        .with_metadata(JsonText::new(r#"{"token":"xoxb-s3cr3t"}"#));
    assert_redacted(&response, &["xoxb"]);
    let report = ChannelbackErrorReport::new("acct-1", "msg-4712")
        .with_description("could not deliver Votre code est 481516");
    let shown = assert_redacted(&report, &["481516"]);
    assert!(shown.contains(r#"external_id: "msg-4712""#), "{shown}");
}

#[test]
fn a_pull_response_shows_neither_state_nor_metadata() {
    let pull = PullResponse::new(push().external_resources)
        .with_state(JsonText::new(r#"{"cursor":"private-cursor"}"#))
        .with_metadata(JsonText::new(r#"{"token":"xoxb-s3cr3t"}"#));
    assert_redacted(&pull, &["private-cursor", "xoxb"]);
    assert_redacted(&pull, PUSH_SECRETS);
}

#[test]
fn display_data_shows_its_size_not_its_values() {
    let data = DisplayData::try_from(json!({"customer": "Zoë", "balance": 1234.5})).unwrap();
    let shown = assert_redacted(&data, &["Zoë", "customer", "1234"]);
    assert_eq!(shown, "<redacted object, 2 members, 35 chars>");
}
