//! Every public error type of `channel-model`, fed input that holds a marker: none shows it,
//! in `Display`, `Debug` or serialized.
//!
//! | error | returned by | covered |
//! |---|---|---|
//! | `DecodeError` | `from_str`, `from_slice`, `from_reader` | `prop_redaction` (every payload kind, hostile decodes); here for your own types |
//! | `FormError` | `ChannelbackRequest::from_form`, `PullRequest::from_form`, `AdminUiRequest::from_form`, `ClickthroughRequest::from_query` | `prop_redaction` |
//! | `ValidationErrors`, `Violation`, `ViolationKind`, `CustomError`, `HttpsProblem` | `Validate::validate`, `PushRequest::split_validated`, `check_https_url` | `prop_redaction`, `leaks` |
//! | `Invalid<T>` | `Validated::new` | `prop_redaction`, `leaks` |
//! | `JsonTextError` | `JsonText::decode` | `prop_redaction` (`metadata`, `state`); here |
//! | `Rfc3339Error` | `parse_rfc3339` | `prop_redaction` (bad dates); here |
//! | `NotAnObject` | `DisplayData::try_from`, `DisplayData::from_serializable` | `prop_redaction` (wrong types); here |
//! | `ResultsMismatch` | `PushReport::new`, `PushReport::from_results` | here |
//! | `serde_json::Error` | `JsonText::encode` (serializing) | here |
//! | none: an event that does not fit its type is kept (`Event::Malformed`), and is a violation (`event_data`) | `from_str::<EventBatch>`, `Event::from_value` | `prop_redaction` (wrong types, bad dates, numbers out of range in events) |
//!
//! `AccessToken` has no error: its `Debug` is `AccessToken(<redacted>)` (`prop_redaction`
//! plants the secret in the admin UI's `zendesk_access_token`).

use std::collections::BTreeMap;

use channel_model::chrono::{TimeZone, Utc};
use channel_model::{
    Author, DecodeCategory, DisplayData, ExternalResource, JsonText, PushReport, PushRequest,
    PushResponse, Validated,
};
use serde::Deserialize;
use serde_json::json;

const MARKER: &str = "Sécret·7F3A";

fn assert_quiet(shown: &str) {
    assert!(
        !shown.contains("7F3A") && !shown.contains("Sécret"),
        "a value shows in: {shown}"
    );
}

fn push() -> Validated<PushRequest> {
    let at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
    let resources =
        ["msg-1", "msg-2"].map(|id| ExternalResource::new(id, "m", at, Author::new("u")));
    Validated::new(PushRequest::new("acct", resources)).unwrap()
}

#[test]
fn results_that_do_not_pair_with_the_push_are_told_by_position() {
    let push = push();
    for results in [
        json!([{"external_resource_id": "msg-1", "status": {"code": "success"}},
               {"external_resource_id": MARKER, "status": {"code": "success", "description": MARKER}}]),
        json!([{"external_resource_id": MARKER, "status": {"code": MARKER}}]),
    ] {
        let response: PushResponse =
            channel_model::from_str(&json!({ "results": results }).to_string()).unwrap();
        let error = PushReport::new(&push, &response).unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
        let error = PushReport::from_results(&push, response.results).unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
    }
}

#[test]
fn json_text_errors_give_a_position_not_the_text() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Account {
        token: u64,
    }
    for text in [
        format!("{{\"token\": \"{MARKER}\"}}"),
        format!("{{\"token\": {MARKER}}}"),
        format!("\"{{\\\"token\\\": \\\"{MARKER}\\\"}}\""),
        format!("{{\"{MARKER}\": 1}}"),
        MARKER.to_owned(),
        format!("[\"{MARKER}\""),
    ] {
        let error = JsonText::new(text.clone()).decode::<Account>().unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
    }
}

#[test]
fn encoding_errors_of_json_text_hold_no_value() {
    // serde_json refuses keys that are not strings, whatever they hold.
    let mut map = BTreeMap::new();
    map.insert(vec![MARKER.to_owned()], MARKER);
    let error = JsonText::encode(&map).unwrap_err();
    assert_quiet(&format!("{error}\n{error:?}"));
}

#[test]
fn dates_and_display_data_that_are_refused_are_not_quoted() {
    for text in [
        MARKER.to_owned(),
        format!("2015-09-08T22:48:09Z{MARKER}"),
        format!("2015-09-08T22:48:{MARKER}Z"),
    ] {
        let error = channel_model::parse_rfc3339(&text).unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
    }
    for value in [json!(MARKER), json!([MARKER]), json!(7)] {
        let error = DisplayData::try_from(value.clone()).unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
        let error = DisplayData::from_serializable(&value).unwrap_err();
        assert_quiet(&format!("{error}\n{error:?}"));
    }
}

/// Your own types decode with the same errors: a wrong type, an unknown variant, a bad value.
#[test]
fn decode_errors_of_your_own_types_hold_no_value() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    #[serde(rename_all = "snake_case")]
    enum Channel {
        Web,
        Mail,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    #[serde(deny_unknown_fields)]
    struct Message {
        body: String,
        channel: Channel,
        count: u8,
        tags: [String; 1],
    }
    let m = serde_json::to_string(MARKER).unwrap();
    for (text, category) in [
        (
            format!(r#"{{"body": 1, "channel": {m}}}"#),
            DecodeCategory::Type,
        ),
        (
            format!(r#"{{"body": "b", "channel": {m}}}"#),
            DecodeCategory::UnknownVariant,
        ),
        (
            format!(r#"{{"body": "b", "channel": "web", "count": {m}}}"#),
            DecodeCategory::Type,
        ),
        (
            r#"{"body": "b", "channel": "web", "count": 256}"#.to_owned(),
            DecodeCategory::Value,
        ),
        (
            format!(r#"{{"body": {m}, "channel": "web", "count": 1, "tags": []}}"#),
            DecodeCategory::InvalidLength,
        ),
        (
            // serde_json reads one item, then finds the second where the array should end.
            format!(r#"{{"body": "b", "channel": "web", "count": 1, "tags": [{m}, {m}]}}"#),
            DecodeCategory::Syntax,
        ),
        (
            format!(r#"{{"body": "b", "channel": "web", "count": 1, "tags": ["t"], {m}: 1}}"#),
            DecodeCategory::UnknownField,
        ),
    ] {
        let error = channel_model::from_str::<Message>(&text).unwrap_err();
        assert_eq!(error.category(), category, "{error}");
        let json = serde_json::to_string(&error).unwrap();
        assert_quiet(&format!("{error}\n{error:?}\n{json}"));
    }
    // The unknown name is left out, the names the type knows stay.
    let text = format!(r#"{{"body": "b", "channel": "web", "count": 1, "tags": ["t"], {m}: 1}}"#);
    assert_eq!(
        channel_model::from_str::<Message>(&text)
            .unwrap_err()
            .message(),
        "unknown field, expected one of `body`, `channel`, `count`, `tags`"
    );

    // A type without fields or variants, and a name that holds serde's own words.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Nothing {}
    #[derive(Debug, Deserialize)]
    enum Never {}
    let tricky = serde_json::to_string(&format!("x, expected {MARKER}")).unwrap();
    let error = channel_model::from_str::<Nothing>(&format!("{{{tricky}: 1}}")).unwrap_err();
    assert_eq!(error.message(), "unknown field, there are no fields");
    let error = channel_model::from_str::<Never>(&tricky).unwrap_err();
    assert_eq!(error.message(), "unknown variant, there are no variants");
    let error = channel_model::from_str::<Channel>(&tricky).unwrap_err();
    assert_eq!(error.message(), "unknown variant, expected `web` or `mail`");
}
