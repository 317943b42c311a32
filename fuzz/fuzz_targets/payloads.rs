//! Bytes → every payload kind → validate → the errors' `Display`, `Debug` and JSON.
//!
//! Besides "no panic", each decoded value must hold what the library promises:
//! - every violation's path resolves in the value's serialized form;
//! - the value serializes, the text reads back as the same kind, and writes the same text again
//!   (nothing known is lost on a round trip);
//! - a channelback form reads back from the form the value writes.
#![no_main]
#![forbid(unsafe_code)]

use channel_model::{
    ChannelbackErrorReport, ChannelbackRequest, ChannelbackResponse, Manifest, PullResponse,
    PushRequest, PushResponse, Validate, ValidateTokenRequest,
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
    check_form(data);
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

fn check_form(data: &[u8]) {
    let Ok(request) = ChannelbackRequest::from_form(data) else {
        return;
    };
    report(&request);
    let form = request.to_form();
    match ChannelbackRequest::from_form(form.as_bytes()) {
        Ok(again) => assert_eq!(again, request, "a form round trip changed the request"),
        Err(error) => panic!("the written form does not read back: {error}"),
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
