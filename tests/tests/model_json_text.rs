//! `JsonText`, the one type of `state` and `metadata`: JSON put in without encoding it twice,
//! read back through twice-encoded text, errors that never quote the text, and the same
//! behaviour in every payload that carries it.

use std::collections::BTreeMap;

use channel_model::serde_json::{self, json, Value};
use channel_model::{ChannelbackRequest, ChannelbackResponse, JsonText, PullResponse};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cursor {
    since: String,
    page: u32,
}

fn cursor() -> Cursor {
    Cursor {
        since: "2015-09-09T07:02:00Z".into(),
        page: 2,
    }
}

fn encode<T: Serialize + ?Sized>(value: &T) -> JsonText {
    JsonText::encode(value).unwrap()
}

#[test]
fn encode_serializes_the_value_once() {
    let state = encode(&cursor());
    assert_eq!(state, r#"{"since":"2015-09-09T07:02:00Z","page":2}"#);
    assert_eq!(state.decode::<Cursor>().unwrap(), Some(cursor()));
}

#[test]
fn encode_does_not_encode_json_text_twice() {
    let typed = encode(&cursor());
    let text = serde_json::to_string(&cursor()).unwrap();
    for given in [text.clone(), format!(" {text}")] {
        let from_text = encode(&given);
        assert_eq!(from_text.as_str(), given);
        assert_eq!(from_text.decode::<Cursor>().unwrap(), Some(cursor()));
    }
    assert_eq!(encode(text.as_str()), typed);
    // An array is JSON text too.
    let list = encode("[1,2]");
    assert_eq!(list, "[1,2]");
    assert_eq!(list.decode::<Vec<u8>>().unwrap(), Some(vec![1, 2]));
}

#[test]
fn encode_encodes_other_strings_and_values_as_json() {
    let cases: [(Value, &str); 6] = [
        (json!("page-2"), r#""page-2""#),
        (json!("{not json"), r#""{not json""#),
        (json!("42"), r#""42""#),
        (json!(42), "42"),
        (json!(null), "null"),
        (json!("Zoë 📦"), "\"Zoë 📦\""),
    ];
    for (value, expected) in cases {
        let text = encode(&value);
        assert_eq!(text, expected, "{value}");
        assert_eq!(text.decode::<Value>().unwrap(), Some(value));
    }
    assert_eq!(
        encode("page-2").decode::<String>().unwrap().as_deref(),
        Some("page-2")
    );
}

#[test]
fn encode_reports_what_serde_json_cannot_serialize() {
    let mut map = BTreeMap::new();
    map.insert(vec![1u8], 1);
    assert!(JsonText::encode(&map).is_err());
}

#[test]
fn new_keeps_any_text_as_it_is() {
    for raw in ["page-2", "{not json", "", " \"quoted\" "] {
        assert_eq!(JsonText::new(raw).as_str(), raw);
        assert_eq!(JsonText::from(raw.to_owned()).into_string(), raw);
    }
}

#[test]
fn a_blank_text_reads_as_none() {
    for blank in ["", " ", "\n\t"] {
        assert_eq!(
            JsonText::new(blank).decode::<Cursor>().unwrap(),
            None,
            "{blank:?}"
        );
    }
}

#[test]
fn a_text_encoded_twice_is_read_through() {
    let once = serde_json::to_string(&cursor()).unwrap();
    let twice = JsonText::new(serde_json::to_string(&once).unwrap());
    assert_eq!(twice.decode::<Cursor>().unwrap(), Some(cursor()));
    // A type that a string can be read as gets the string.
    assert_eq!(twice.decode::<String>().unwrap(), Some(once));
}

#[test]
fn reading_errors_say_where_never_what() {
    let error = JsonText::new("since=secret-cursor")
        .decode::<Cursor>()
        .unwrap_err();
    assert_eq!(error.category(), serde_json::error::Category::Syntax);
    assert_eq!(
        error.to_string(),
        "the text is not JSON: syntax error at line 1, column 1"
    );

    let metadata = JsonText::new(r#"{"token": "secret-token", "page": "two"}"#);
    let error = metadata.decode::<BTreeMap<String, u32>>().unwrap_err();
    assert_eq!(error.category(), serde_json::error::Category::Data);
    assert!(!error.is_twice_encoded());
    assert_eq!((error.line(), error.column()), (1, 24));
    assert!(!error.to_string().contains("secret"), "{error}");
    assert!(!format!("{error:?}").contains("secret"), "{error:?}");

    // In twice-encoded JSON, the error is about the JSON inside.
    let metadata = JsonText::new(serde_json::to_string(r#"{"token": "secret-token"}"#).unwrap());
    let error = metadata.decode::<BTreeMap<String, u32>>().unwrap_err();
    assert!(error.is_twice_encoded());
    assert_eq!(
        error.to_string(),
        "the JSON text does not hold the expected value: its JSON has another shape at line 1, \
         column 24 (inside the JSON string that holds it)"
    );
}

#[test]
fn debug_shows_the_length_never_the_text() {
    let metadata = JsonText::new(r#"{"token":"secret-token"}"#);
    assert_eq!(format!("{metadata:?}"), "JsonText { chars: 24 }");
    let pull = PullResponse::new([]).with_metadata(metadata);
    assert!(!format!("{pull:?}").contains("secret"), "{pull:?}");
}

#[test]
fn every_payload_carries_the_same_text_on_the_wire() {
    let metadata = encode(&json!({"token": "t-2"}));
    let wire = json!("{\"token\":\"t-2\"}");

    let pull = PullResponse::new([]).with_metadata(metadata.clone());
    assert_eq!(serde_json::to_value(&pull).unwrap()["metadata"], wire);
    assert_eq!(pull.metadata_needs_update, Some(true));

    let response = ChannelbackResponse::new("m-1").with_metadata(metadata.clone());
    assert_eq!(serde_json::to_value(&response).unwrap()["metadata"], wire);
    assert_eq!(response.metadata_needs_update, Some(true));

    let request = ChannelbackRequest::new("hi").with_metadata(metadata.clone());
    assert_eq!(serde_json::to_value(&request).unwrap()["metadata"], wire);
    let decoded = ChannelbackRequest::from_form(request.to_form()).unwrap();
    assert_eq!(decoded.metadata, Some(metadata));
}

#[test]
fn an_optional_field_reads_in_one_expression() {
    let mut pull = PullResponse::new([]);
    let none: Option<Cursor> = pull
        .state
        .as_ref()
        .map_or(Ok(None), JsonText::decode)
        .unwrap();
    assert_eq!(none, None);
    pull = pull.with_state(encode(&cursor()));
    let some: Option<Cursor> = pull
        .state
        .as_ref()
        .map_or(Ok(None), JsonText::decode)
        .unwrap();
    assert_eq!(some, Some(cursor()));
}
