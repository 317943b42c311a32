//! Bytes → every payload kind → validate → the errors' `Display`, `Debug` and JSON.
//!
//! Besides "no panic", each decoded value must hold what the library promises:
//! - every violation's path resolves in the value's serialized form;
//! - the value serializes, the text reads back as the same kind, and writes the same text again
//!   (nothing known is lost on a round trip);
//! - every form (channelback, pull, admin UI, clickthrough query) reads back from the form the
//!   value writes;
//! - a valid admin UI answer renders its HTML page.
#![no_main]
#![forbid(unsafe_code)]

use channel_model::{
    AdminUiRequest, ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse,
    ClickthroughRequest, EventBatch, Manifest, PullRequest, PullResponse, PushRequest,
    PushResponse, ReturnForm, Validate, ValidateTokenRequest, Validated,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fuzz_target!(|data: &[u8]| {
    check::<PushRequest>(data);
    check::<PushResponse>(data);
    check::<ValidateTokenRequest>(data);
    check::<ChannelbackErrorReport>(data);
    check::<PullResponse>(data);
    check::<ChannelbackResponse>(data);
    check::<Manifest>(data);
    check::<EventBatch>(data);
    check::<AdminUiRequest>(data);
    check::<PullRequest>(data);
    check::<ClickthroughRequest>(data);
    check::<ReturnForm>(data);
    check_html(data);
    check_form(
        data,
        |b| ChannelbackRequest::from_form(b),
        ChannelbackRequest::to_form,
    );
    check_form(data, |b| PullRequest::from_form(b), PullRequest::to_form);
    check_form(
        data,
        |b| AdminUiRequest::from_form(b),
        AdminUiRequest::to_form,
    );
    check_form(
        data,
        |b| ClickthroughRequest::from_query(b),
        ClickthroughRequest::to_query,
    );
});

fn check<T: DeserializeOwned + Serialize + Validate>(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let text = serde_json::to_string(&value).expect("a decoded value serializes");
    report(&value);
    let again: T = match serde_json::from_str(&text) {
        Ok(again) => again,
        Err(error) => panic!("the serialized value does not read back: {error}"),
    };
    let text_again = serde_json::to_string(&again).expect("a re-read value serializes");
    assert_eq!(text, text_again, "a round trip changed the value");
}

fn check_form<T, E>(data: &[u8], decode: impl Fn(&[u8]) -> Result<T, E>, encode: fn(&T) -> String)
where
    T: PartialEq + std::fmt::Debug + Serialize + Validate,
    E: std::fmt::Display,
{
    let Ok(value) = decode(data) else {
        return;
    };
    report(&value);
    let form = encode(&value);
    match decode(form.as_bytes()) {
        Ok(again) => assert_eq!(again, value, "a form round trip changed the value"),
        Err(error) => panic!("the written form does not read back: {error}"),
    }
}

fn check_html(data: &[u8]) {
    let Ok(form) = serde_json::from_slice::<ReturnForm>(data) else {
        return;
    };
    if let Ok(form) = Validated::new(form) {
        let html = form.to_html();
        assert_eq!(html.matches("<input ").count(), 3, "one input per value");
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "no value opens a script"
        );
    }
}

/// Validates `value` and renders its violations every way they can be shown.
fn report<T: Serialize + Validate>(value: &T) {
    let Err(errors) = value.validate() else {
        return;
    };
    assert!(!errors.is_empty(), "an Err holds a violation");
    let serialized = serde_json::to_value(value).expect("a decoded value serializes");
    for violation in &errors {
        let pointer = violation.path().to_string();
        assert!(
            serialized.pointer(&pointer).is_some(),
            "{pointer} does not resolve in the serialized value"
        );
    }
    let _ = errors.to_string();
    let _ = format!("{errors:?}");
    serde_json::to_string(&errors).expect("violations serialize");
}
