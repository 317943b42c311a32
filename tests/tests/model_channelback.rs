//! Channelback: the form Zendesk posts (decoding, every rule at its boundary, encoding back)
//! and the JSON the integration answers (rules, wire format, the metadata helpers).

mod model_support;

use std::collections::BTreeMap;

use channel_model::serde_json::{json, Value};
use channel_model::{ChannelbackRequest, ChannelbackResponse, FormError, JsonText, Validated};
use model_support::{ascii, assert_max_chars, fixture, text, to_value, v, violations};
use serde::Deserialize;

fn request() -> ChannelbackRequest {
    ChannelbackRequest::new("On its way!")
        .with_parent_id("msg-4711")
        .with_recipient_id("user-17")
        .with_request_unique_identifier("req-1")
}

fn form(body: &str) -> ChannelbackRequest {
    ChannelbackRequest::from_form(body).unwrap_or_else(|e| panic!("{body}: {e}"))
}

fn form_error(body: impl AsRef<[u8]>) -> FormError {
    ChannelbackRequest::from_form(body).unwrap_err()
}

#[derive(Debug, PartialEq, Deserialize)]
struct Account {
    token: String,
}

// ---------------------------------------------------------------------------------------------
// decoding the form

#[test]
fn the_form_fixture_decodes_field_by_field() {
    let request = form(&fixture("channelback-request.form"));
    assert_eq!(
        request,
        ChannelbackRequest {
            message: "Bonjour Zoë, c'est parti 📦 (1 + 1)".into(),
            parent_id: Some("post-8".into()),
            recipient_id: Some("user-17".into()),
            thread_id: Some("thread-8".into()),
            metadata: Some(r#"{"token":"t-1"}"#.into()),
            state: Some(r#"{"since":8}"#.into()),
            request_unique_identifier: Some("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f".into()),
            file_urls: vec![
                "https://example.zendesk.com/attachments/token/AbC123/?name=photo.jpg".into(),
                // Decoded once: the URL's own escapes stay.
                "https://example.zendesk.com/attachments/token/dEf456/?name=re%C3%A7u%20final.pdf"
                    .into(),
                "https://example.zendesk.com/attachments/token/gHi789/?name=notes.txt".into(),
            ],
        }
    );
    assert_eq!(violations(&request), []);
    assert_eq!(
        request
            .metadata
            .as_ref()
            .unwrap()
            .decode::<Account>()
            .unwrap(),
        Some(Account {
            token: "t-1".into()
        })
    );
    assert_eq!(
        request.state.as_ref().unwrap().decode::<Value>().unwrap(),
        Some(json!({"since": 8}))
    );
}

#[test]
fn several_file_urls_are_kept_in_order_however_the_brackets_are_written() {
    let request = form(
        "file_urls%5B%5D=https%3A%2F%2Fa.example%2F1&message=hi\
         &file_urls[]=https://a.example/2&file_urls=https://a.example/3\
         &file_urls%5b%5d=https://a.example/4",
    );
    assert_eq!(request.message, "hi");
    assert_eq!(
        request.file_urls,
        [
            "https://a.example/1",
            "https://a.example/2",
            "https://a.example/3",
            "https://a.example/4"
        ]
    );
    // Other spellings are other names, and unknown.
    let request = form("message=hi&file_urls[0]=https://a.example/1&file_url=x");
    assert_eq!(request.file_urls, Vec::<String>::new());
}

#[test]
fn plus_is_a_space_and_percent_escapes_are_bytes() {
    let request = form("message=1+%2B+1+%3D+2+%26+caf%C3%A9+%E2%82%AC+%F0%9F%98%80%0D%0Aok");
    assert_eq!(request.message, "1 + 1 = 2 & café € 😀\r\nok");
    // Names are decoded too, `+` included.
    let request = form("messag%65=hi&parent%5Fid=p&thread+id=ignored");
    assert_eq!(request.message, "hi");
    assert_eq!(request.parent_id.as_deref(), Some("p"));
    assert_eq!(request.thread_id, None);
}

#[test]
fn malformed_escapes_are_kept_as_they_are() {
    let request = form("message=100%+sure%ZZ%4&state=%");
    assert_eq!(request.message, "100% sure%ZZ%4");
    assert_eq!(request.state, Some(JsonText::new("%")));
}

#[test]
fn unknown_names_are_skipped_without_reading_their_values() {
    let request =
        form("locale_id=1&message=hi&x_new_field=%FF%FE&%FF=1&ticket_id=42&&=orphan&message_id");
    assert_eq!(request, ChannelbackRequest::new("hi"));
}

#[test]
fn empty_values_and_names_without_values_are_empty_strings() {
    let request = form("message=&parent_id&recipient_id=&thread_id&file_urls[]=");
    assert_eq!(request.message, "");
    assert_eq!(request.parent_id.as_deref(), Some(""));
    assert_eq!(request.recipient_id.as_deref(), Some(""));
    assert_eq!(request.thread_id.as_deref(), Some(""));
    assert_eq!(request.file_urls, [""]);
    // `=` in a value is part of it.
    assert_eq!(form("message=a=b==c").message, "a=b==c");
}

#[test]
fn only_message_must_be_there() {
    let request = form("message=hi");
    assert_eq!(request, ChannelbackRequest::new("hi"));
    assert_eq!(violations(&request), []);
    for body in [
        "",
        "&",
        "parent_id=m-1&thread_id=t-1",
        "Message=hi",
        "message_=hi",
    ] {
        assert_eq!(
            form_error(body),
            FormError::Missing { field: "message" },
            "{body:?}"
        );
    }
    assert_eq!(
        form_error("").to_string(),
        "the form has no `message` field"
    );
}

#[test]
fn a_repeated_single_field_is_an_error_that_names_it() {
    assert_eq!(
        form_error("message=secret+one&message=secret+two"),
        FormError::Repeated { field: "message" }
    );
    let error = form_error("message=hi&metadata=%7B%7D&metadata=secret");
    assert_eq!(error, FormError::Repeated { field: "metadata" });
    assert_eq!(
        error.to_string(),
        "the form has the field `metadata` more than once"
    );
    // Also when one of them is spelt with escapes.
    assert_eq!(
        form_error("request_unique_identifier=a&request%5Funique%5Fidentifier=a&message=hi"),
        FormError::Repeated {
            field: "request_unique_identifier"
        }
    );
}

#[test]
fn a_value_that_is_not_utf8_is_an_error_that_names_the_field_not_the_value() {
    let error = form_error("message=secret%C3%28");
    assert_eq!(
        error,
        FormError::NotUtf8 {
            field: "message",
            valid_up_to: 6
        }
    );
    assert_eq!(
        error.to_string(),
        "the form's `message` field is not UTF-8 once percent-decoded \
         (invalid byte at offset 6)"
    );
    assert_eq!(
        form_error(b"message=hi&file_urls%5B%5D=https://a.example/\xff".as_slice()),
        FormError::NotUtf8 {
            field: "file_urls[]",
            valid_up_to: 18
        }
    );
    assert_eq!(
        form_error(b"message=hi&state=%80".as_slice()),
        FormError::NotUtf8 {
            field: "state",
            valid_up_to: 0
        }
    );
    // Raw UTF-8 in the body (not escaped) is text like any other.
    assert_eq!(form("message=Zoë+😀").message, "Zoë 😀");
}

#[test]
fn errors_never_quote_the_body() {
    let bodies: [&[u8]; 4] = [
        b"parent_id=secret",
        b"message=secret&message=secret",
        b"message=secret%FF",
        b"thread_id=secret&file_urls[]=secret%C0",
    ];
    for body in bodies {
        let error = form_error(body);
        assert!(!error.to_string().contains("secret"), "{error}");
        assert!(!format!("{error:?}").contains("secret"), "{error:?}");
    }
}

#[test]
fn decoding_never_panics() {
    // Every byte in every position of short bodies around the interesting ones.
    let specials: &[u8] = b"&=+%5BmF\xff\xc3 ";
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    for a in specials {
        for b in specials {
            for c in specials {
                bodies.push([b"message", &[*a, *b, *c][..]].concat());
                bodies.push([&[*a, *b][..], b"message=", &[*c][..]].concat());
                bodies.push([b"file_urls[]=", &[*a, *b, *c][..], b"&message=x"].concat());
            }
        }
    }
    bodies.extend((0..=255u8).map(|byte| vec![b'%', byte, b'%']));
    for body in &bodies {
        let _ = ChannelbackRequest::from_form(body);
    }
}

// ---------------------------------------------------------------------------------------------
// encoding the form

#[test]
fn to_form_encodes_as_zendesk_does_and_decodes_back() {
    let request = ChannelbackRequest::new("Zoë: 1 + 1 = 2 & 100% 😀\n")
        .with_parent_id("p/1?x=y")
        .with_recipient_id("user 17")
        .with_thread_id("t#9")
        .with_metadata(JsonText::encode(&json!({"token": "t-1"})).unwrap())
        .with_state(JsonText::encode(&json!({"since": 8})).unwrap())
        .with_request_unique_identifier("req-1")
        .with_file_urls([
            "https://example.zendesk.com/a/?name=a%20b.png",
            "https://example.zendesk.com/b/?name=c.pdf",
        ]);
    let body = request.to_form();
    assert_eq!(
        body,
        "message=Zo%C3%AB%3A+1+%2B+1+%3D+2+%26+100%25+%F0%9F%98%80%0A\
         &parent_id=p%2F1%3Fx%3Dy&recipient_id=user+17&thread_id=t%239\
         &metadata=%7B%22token%22%3A%22t-1%22%7D&state=%7B%22since%22%3A8%7D\
         &request_unique_identifier=req-1\
         &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fa%2F%3Fname%3Da%2520b.png\
         &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fb%2F%3Fname%3Dc.pdf"
    );
    assert_eq!(form(&body), request);
}

#[test]
fn the_form_fixture_round_trips_through_to_form() {
    let request = form(&fixture("channelback-request.form"));
    assert_eq!(form(&request.to_form()), request);
    assert_eq!(ChannelbackRequest::new("").to_form(), "message=");
}

// ---------------------------------------------------------------------------------------------
// request rules

/// `request()` with one field changed.
fn request_with(change: impl FnOnce(&mut ChannelbackRequest)) -> ChannelbackRequest {
    let mut request = request();
    change(&mut request);
    request
}

#[test]
fn request_text_limits_are_in_characters() {
    assert_eq!(violations(&request()), []);
    assert_max_chars(65535, "/message", text, |s| request_with(|r| r.message = s));
    assert_max_chars(511, "/parent_id", text, |s| {
        request_with(|r| r.parent_id = Some(s))
    });
    assert_max_chars(255, "/recipient_id", text, |s| {
        request_with(|r| r.recipient_id = Some(s))
    });
    assert_max_chars(511, "/thread_id", text, |s| {
        request_with(|r| r.thread_id = Some(s))
    });
    assert_max_chars(5000, "/metadata", text, |s| {
        request_with(|r| r.metadata = Some(s.into()))
    });
    assert_max_chars(255, "/request_unique_identifier", ascii, |s| {
        request_with(|r| r.request_unique_identifier = Some(s))
    });
}

#[test]
fn request_fields_without_a_limit() {
    // Zendesk's docs give `state` and `file_urls[]` no limit, and the message may be empty
    // (an answer that is only attachments).
    let request = request_with(|r| {
        r.message = String::new();
        r.state = Some(text(100_000).into());
        r.file_urls = (0..64).map(|i| format!("https://a.example/{i}")).collect();
    });
    assert_eq!(violations(&request), []);
}

#[test]
fn every_request_violation_is_reported_in_field_order() {
    let request = ChannelbackRequest {
        message: text(65536),
        parent_id: Some(text(512)),
        recipient_id: Some(text(256)),
        thread_id: Some(text(512)),
        metadata: Some(text(5001).into()),
        state: Some(text(5001).into()),
        request_unique_identifier: Some(text(256)),
        file_urls: vec!["http://a.example/1".into()],
    };
    assert_eq!(
        violations(&request),
        [
            v("/message", "max_length"),
            v("/parent_id", "max_length"),
            v("/recipient_id", "max_length"),
            v("/thread_id", "max_length"),
            v("/metadata", "max_length"),
            v("/request_unique_identifier", "max_length"),
        ]
    );
}

#[test]
fn a_decoded_form_is_validated_like_any_payload() {
    let body = format!("message=hi&recipient_id={}", "%C3%A9".repeat(256));
    let request = form(&body);
    assert_eq!(request.recipient_id.as_ref().unwrap().chars().count(), 256);
    let invalid = Validated::new(request).unwrap_err();
    assert_eq!(
        invalid.errors().to_string(),
        "/recipient_id: must be at most 255 characters (got 256)"
    );
}

#[test]
fn the_request_round_trips_as_json() {
    let request = form(&fixture("channelback-request.form"));
    let json = to_value(&request);
    assert_eq!(json["file_urls"].as_array().unwrap().len(), 3);
    assert_eq!(
        serde_json::from_value::<ChannelbackRequest>(json.clone()).unwrap(),
        request
    );
    assert_eq!(
        to_value(&ChannelbackRequest::new("hi")),
        json!({"message": "hi"})
    );
    assert!(serde_json::from_value::<ChannelbackRequest>(json!({"parent_id": "p"})).is_err());
}

#[test]
fn twice_encoded_metadata_in_a_form_comes_back_readable() {
    let request = form("message=hi&metadata=%22%7B%5C%22token%5C%22%3A%5C%22t-1%5C%22%7D%22");
    let twice = serde_json::to_string(r#"{"token":"t-1"}"#).unwrap();
    assert_eq!(request.metadata, Some(JsonText::new(twice)));
    assert_eq!(
        request.metadata.unwrap().decode::<Account>().unwrap(),
        Some(Account {
            token: "t-1".into()
        })
    );
}

// ---------------------------------------------------------------------------------------------
// response

#[test]
fn response_external_id_is_required_trimmed_and_at_most_255_characters() {
    assert_eq!(violations(&ChannelbackResponse::new("msg-1")), []);
    assert_eq!(
        violations(&ChannelbackResponse::new("")),
        [v("/external_id", "required")]
    );
    for untrimmed in [" msg-1", "msg-1\n", "\u{a0}msg-1", "\u{3000}"] {
        assert_eq!(
            violations(&ChannelbackResponse::new(untrimmed)),
            [v("/external_id", "trimmed")],
            "{untrimmed:?}"
        );
    }
    // Not limited to ASCII, unlike a pushed resource's id: the limit counts characters.
    assert_max_chars(255, "/external_id", text, ChannelbackResponse::new);
}

#[test]
fn response_metadata_is_optional_and_at_most_5000_characters() {
    let mut response = ChannelbackResponse::new("m");
    response.metadata = Some(JsonText::default());
    assert_eq!(violations(&response), []);
    assert_max_chars(5000, "/metadata", text, |metadata| {
        let mut response = ChannelbackResponse::new("m");
        response.metadata = Some(metadata.into());
        response
    });
    let mut response = ChannelbackResponse::new(" ");
    response.metadata = Some(text(5001).into());
    assert_eq!(
        violations(&response),
        [v("/external_id", "trimmed"), v("/metadata", "max_length")]
    );
}

#[test]
fn the_full_response_fixture_round_trips_losslessly() {
    let text = fixture("channelback-response-full.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    let response: ChannelbackResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(violations(&response), []);
    assert_eq!(to_value(&response), json);
    assert_eq!(
        response,
        ChannelbackResponse::new("msg-4712")
            .with_allow_channelback(false)
            .with_metadata(JsonText::new(
                r#"{"token":"t-2","refreshed_at":"2015-09-09T07:02:00Z"}"#
            ))
    );
    let metadata: BTreeMap<String, String> = response.metadata.unwrap().decode().unwrap().unwrap();
    assert_eq!(metadata["token"], "t-2");
}

#[test]
fn a_minimal_response_is_just_the_external_id() {
    assert_eq!(
        to_value(&ChannelbackResponse::new("1")),
        json!({"external_id": "1"})
    );
    let response: ChannelbackResponse = serde_json::from_str(r#"{"external_id":"1"}"#).unwrap();
    assert_eq!(response, ChannelbackResponse::new("1"));
}

#[test]
fn wrong_names_seen_in_public_integrations_are_not_a_response() {
    // `message` for `external_id`: not a response at all.
    let wrong = json!({"message": "1", "allow_channel_back": true});
    assert!(serde_json::from_value::<ChannelbackResponse>(wrong).is_err());
    // A misspelt optional key is ignored, as Zendesk ignores it.
    let misspelt = json!({"external_id": "1", "allow_channel_back": false});
    assert_eq!(
        serde_json::from_value::<ChannelbackResponse>(misspelt).unwrap(),
        ChannelbackResponse::new("1")
    );
    // `null` is not a string.
    assert!(serde_json::from_value::<ChannelbackResponse>(json!({"external_id": null})).is_err());
}

#[test]
fn response_with_metadata_sets_the_flag() {
    let typed = ChannelbackResponse::new("m")
        .with_metadata(JsonText::encode(&json!({"token": "t-2"})).unwrap());
    assert_eq!(
        to_value(&typed),
        json!({"external_id": "m", "metadata_needs_update": true, "metadata": "{\"token\":\"t-2\"}"})
    );
    let off = typed.clone().with_metadata_needs_update(false);
    assert_eq!(off.metadata_needs_update, Some(false));
    assert_eq!(off.metadata, typed.metadata);
}
