//! The pull response: its rules at their boundaries with the exact JSON Pointer and code, its
//! wire format (a fixture round trips losslessly), and the typed `state`/`metadata` helpers.

mod model_support;

use std::collections::BTreeMap;

use channel_model::serde_json::{json, Value};
use channel_model::{ExternalResource, PullResponse};
use model_support::{
    assert_max_chars, assert_max_items, chars, fixture, kinds, resource, text, to_value, v,
    violations,
};
use serde::{Deserialize, Serialize};

/// A pull of `count` valid resources with the ids `r0`, `r1`, ...
fn pull_of(count: usize) -> PullResponse {
    PullResponse::new((0..count).map(|i| resource(&format!("r{i}"))))
}

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

// ---------------------------------------------------------------------------------------------
// rules

#[test]
fn a_pull_with_nothing_new_is_valid() {
    let pull = PullResponse::new([]);
    assert_eq!(pull.external_resources, []);
    assert_eq!(violations(&pull), []);
    assert_eq!(to_value(&pull), json!({"external_resources": []}));
}

#[test]
fn external_resources_are_at_most_200() {
    assert_eq!(PullResponse::MAX_RESOURCES, 200);
    // Zendesk's schema allows 256; its docs' 200 is stricter and wins.
    assert_max_items(200, "/external_resources", pull_of);
    assert_eq!(
        violations(&pull_of(256)),
        [v("/external_resources", "max_length")]
    );
}

#[test]
fn each_resource_is_validated_in_place() {
    let mut bad = resource("r1");
    bad.message = String::new();
    bad.external_id = "r 1 ".into();
    bad.parent_id = Some("r0".into());
    bad.thread_id = Some("t".into());
    bad.file_urls = Some(vec!["http://example.com/a.png".into()]);
    let pull = PullResponse::new([resource("r0"), bad, resource("r2")]);
    assert_eq!(
        violations(&pull),
        [
            v("/external_resources/1/external_id", "trimmed"),
            v("/external_resources/1/message", "required"),
            v("/external_resources/1/file_urls/0", "https"),
            v("/external_resources/1", "exclusive"),
        ]
    );
}

#[test]
fn state_is_optional_and_at_most_5000_characters() {
    let mut pull = pull_of(1);
    // No non-empty rule: Zendesk stores an empty state as it is.
    pull.state = Some(String::new());
    assert_eq!(violations(&pull), []);
    assert_max_chars(5000, "/state", text, |state| {
        let mut pull = pull_of(1);
        pull.state = Some(state);
        pull
    });
}

#[test]
fn metadata_is_optional_and_at_most_5000_characters() {
    let mut pull = pull_of(1);
    pull.metadata = Some(String::new());
    assert_eq!(violations(&pull), []);
    assert_max_chars(5000, "/metadata", text, |metadata| {
        let mut pull = pull_of(1);
        pull.metadata = Some(metadata);
        pull
    });
}

#[test]
fn every_violation_is_reported_in_field_order() {
    let mut pull = pull_of(201);
    pull.external_resources[3].author.external_id = String::new();
    pull.state = Some(text(5001));
    pull.metadata = Some(text(6000));
    assert_eq!(
        violations(&pull),
        [
            v("/external_resources", "max_length"),
            v("/external_resources/3/author/external_id", "required"),
            v("/state", "max_length"),
            v("/metadata", "max_length"),
        ]
    );
    assert_eq!(kinds(&pull)[3], ("/metadata".to_owned(), chars(5000, 6000)));
}

#[test]
fn a_state_made_by_the_helper_is_checked_by_its_characters() {
    // `{"k":"` and `"}` are the 8 characters around the text.
    let inside = pull_of(1).with_state(&json!({"k": text(4992)})).unwrap();
    assert_eq!(inside.state.as_ref().unwrap().chars().count(), 5000);
    assert!(
        inside.state.as_ref().unwrap().len() > 10_000,
        "mostly multi-byte"
    );
    assert_eq!(violations(&inside), []);
    let outside = pull_of(1).with_metadata(&json!({"k": text(4993)})).unwrap();
    assert_eq!(
        kinds(&outside),
        [("/metadata".to_owned(), chars(5000, 5001))]
    );
}

// ---------------------------------------------------------------------------------------------
// wire format

#[test]
fn the_full_pull_fixture_round_trips_losslessly() {
    let text = fixture("pull-full.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    let pull: PullResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(violations(&pull), []);
    assert_eq!(to_value(&pull), json);
    assert_eq!(pull.external_resources.len(), 2);
    assert_eq!(pull.metadata_needs_update, Some(true));
    assert_eq!(pull.state_as::<Cursor>().unwrap(), Some(cursor()));
    // Through the typed value and back.
    let again: PullResponse = serde_json::from_value(to_value(&pull)).unwrap();
    assert_eq!(again, pull);
}

#[test]
fn built_and_decoded_pulls_agree() {
    let built = PullResponse::new([resource("r0")])
        .with_state(&cursor())
        .unwrap()
        .with_metadata(&json!({"token": "t-2"}))
        .unwrap();
    let json = json!({
        "external_resources": [to_value(&resource("r0"))],
        "state": "{\"since\":\"2015-09-09T07:02:00Z\",\"page\":2}",
        "metadata_needs_update": true,
        "metadata": "{\"token\":\"t-2\"}",
    });
    assert_eq!(to_value(&built), json);
    assert_eq!(serde_json::from_value::<PullResponse>(json).unwrap(), built);
}

#[test]
fn external_resources_is_a_required_key() {
    let error = serde_json::from_str::<PullResponse>(r#"{"state": "s"}"#).unwrap_err();
    assert!(error
        .to_string()
        .starts_with("missing field `external_resources`"));
    let pull: PullResponse = serde_json::from_str(r#"{"external_resources": []}"#).unwrap();
    assert_eq!(pull, PullResponse::new([]));
}

#[test]
fn state_and_metadata_are_strings_on_the_wire() {
    // The opposite mistake to encoding twice: an object where Zendesk wants a string.
    for key in ["state", "metadata"] {
        let doc = json!({"external_resources": [], key: {"since": 8}});
        assert!(
            serde_json::from_value::<PullResponse>(doc).is_err(),
            "{key}"
        );
    }
    let doc = json!({"external_resources": [], "metadata_needs_update": "true"});
    assert!(serde_json::from_value::<PullResponse>(doc).is_err());
}

#[test]
fn none_is_omitted() {
    let pull = pull_of(1).with_metadata_needs_update(false);
    let json = to_value(&pull);
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["external_resources", "metadata_needs_update"]);
}

#[test]
fn resources_are_the_push_resources() {
    let text = fixture("pull-full.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    let first: ExternalResource =
        serde_json::from_value(json["external_resources"][0].clone()).unwrap();
    let pull: PullResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(pull.external_resources[0], first);
}

// ---------------------------------------------------------------------------------------------
// state and metadata helpers

#[test]
fn with_state_serializes_the_value_once() {
    let pull = PullResponse::new([]).with_state(&cursor()).unwrap();
    assert_eq!(
        pull.state.as_deref(),
        Some(r#"{"since":"2015-09-09T07:02:00Z","page":2}"#)
    );
    assert_eq!(pull.state_as::<Cursor>().unwrap(), Some(cursor()));
    // The helper does not touch the metadata flag.
    assert_eq!(pull.metadata_needs_update, None);
}

#[test]
fn with_state_does_not_encode_json_text_twice() {
    let typed = PullResponse::new([]).with_state(&cursor()).unwrap();
    let text = serde_json::to_string(&cursor()).unwrap();
    for given in [text.clone(), format!(" {text}")] {
        let from_text = PullResponse::new([]).with_state(&given).unwrap();
        assert_eq!(from_text.state.as_deref(), Some(given.as_str()));
        assert_eq!(from_text.state_as::<Cursor>().unwrap(), Some(cursor()));
    }
    assert_eq!(
        PullResponse::new([]).with_state(text.as_str()).unwrap(),
        typed
    );
    // An array is JSON text too.
    let list = PullResponse::new([]).with_state("[1,2]").unwrap();
    assert_eq!(list.state.as_deref(), Some("[1,2]"));
    assert_eq!(list.state_as::<Vec<u8>>().unwrap(), Some(vec![1, 2]));
}

#[test]
fn with_state_encodes_other_strings_and_values_as_json() {
    let cases: [(Value, &str); 6] = [
        (json!("page-2"), r#""page-2""#),
        (json!("{not json"), r#""{not json""#),
        (json!("42"), r#""42""#),
        (json!(42), "42"),
        (json!(null), "null"),
        (json!("Zoë 📦"), "\"Zoë 📦\""),
    ];
    for (value, state) in cases {
        let pull = PullResponse::new([]).with_state(&value).unwrap();
        assert_eq!(pull.state.as_deref(), Some(state), "{value}");
        assert_eq!(pull.state_as::<Value>().unwrap(), Some(value));
    }
    let page = PullResponse::new([]).with_state("page-2").unwrap();
    assert_eq!(
        page.state_as::<String>().unwrap().as_deref(),
        Some("page-2")
    );
}

#[test]
fn with_state_reports_what_serde_json_cannot_serialize() {
    let mut map = BTreeMap::new();
    map.insert(vec![1u8], 1);
    assert!(PullResponse::new([]).with_state(&map).is_err());
    assert!(PullResponse::new([]).with_metadata(&map).is_err());
}

#[test]
fn no_state_or_a_blank_one_reads_as_none() {
    let mut pull = PullResponse::new([]);
    assert_eq!(pull.state_as::<Cursor>().unwrap(), None);
    for blank in ["", " ", "\n\t"] {
        pull.state = Some(blank.into());
        assert_eq!(pull.state_as::<Cursor>().unwrap(), None, "{blank:?}");
    }
    assert_eq!(pull.metadata_as::<Cursor>().unwrap(), None);
}

#[test]
fn a_state_encoded_twice_is_read_through() {
    let mut pull = PullResponse::new([]);
    let once = serde_json::to_string(&cursor()).unwrap();
    pull.state = Some(serde_json::to_string(&once).unwrap());
    assert_eq!(pull.state_as::<Cursor>().unwrap(), Some(cursor()));
    // A type that a string can be read as gets the string.
    assert_eq!(pull.state_as::<String>().unwrap(), Some(once));
}

#[test]
fn reading_errors_say_where_never_what() {
    let mut pull = PullResponse::new([]);
    pull.state = Some("since=secret-cursor".into());
    let error = pull.state_as::<Cursor>().unwrap_err();
    assert_eq!(error.field(), "state");
    assert_eq!(error.category(), serde_json::error::Category::Syntax);
    assert_eq!(
        error.to_string(),
        "`state` is not JSON text: syntax error at line 1, column 1"
    );

    pull.metadata = Some(r#"{"token": "secret-token", "page": "two"}"#.into());
    let error = pull.metadata_as::<BTreeMap<String, u32>>().unwrap_err();
    assert_eq!(error.field(), "metadata");
    assert_eq!(error.category(), serde_json::error::Category::Data);
    assert!(!error.is_twice_encoded());
    assert_eq!((error.line(), error.column()), (1, 24));
    assert!(!error.to_string().contains("secret"), "{error}");

    // In twice-encoded JSON, the error is about the JSON inside.
    pull.metadata = Some(serde_json::to_string(r#"{"token": "secret-token"}"#).unwrap());
    let error = pull.metadata_as::<BTreeMap<String, u32>>().unwrap_err();
    assert!(error.is_twice_encoded());
    assert_eq!(
        error.to_string(),
        "`metadata` does not hold the expected value: its JSON has another shape at line 1, \
         column 24 (inside the JSON string that holds it)"
    );
}

#[test]
fn with_metadata_also_asks_zendesk_to_store_it() {
    let pull = PullResponse::new([])
        .with_metadata(&json!({"token": "t-2"}))
        .unwrap();
    assert_eq!(pull.metadata.as_deref(), Some(r#"{"token":"t-2"}"#));
    assert_eq!(pull.metadata_needs_update, Some(true));
    let text = PullResponse::new([])
        .with_metadata(r#"{"token":"t-2"}"#)
        .unwrap();
    assert_eq!(text, pull);
    let mut metadata: BTreeMap<String, String> = pull.metadata_as().unwrap().unwrap();
    assert_eq!(metadata.remove("token").as_deref(), Some("t-2"));
    // The flag can still be set either way afterwards.
    let held = pull.with_metadata_needs_update(false);
    assert_eq!(held.metadata_needs_update, Some(false));
}
