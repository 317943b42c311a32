//! The pull response: its rules at their boundaries with the exact JSON Pointer and code, its
//! wire format (a fixture round trips losslessly), and `state` and `metadata` at their limits.

mod model_support;

use channel_model::serde_json::{json, Value};
use channel_model::{ExternalResource, JsonText, PullResponse};
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
    pull.state = Some(JsonText::default());
    assert_eq!(violations(&pull), []);
    assert_max_chars(5000, "/state", text, |state| {
        let mut pull = pull_of(1);
        pull.state = Some(state.into());
        pull
    });
}

#[test]
fn metadata_is_optional_and_at_most_5000_characters() {
    let mut pull = pull_of(1);
    pull.metadata = Some(JsonText::default());
    assert_eq!(violations(&pull), []);
    assert_max_chars(5000, "/metadata", text, |metadata| {
        let mut pull = pull_of(1);
        pull.metadata = Some(metadata.into());
        pull
    });
}

#[test]
fn every_violation_is_reported_in_field_order() {
    let mut pull = pull_of(201);
    pull.external_resources[3].author.external_id = String::new();
    pull.state = Some(text(5001).into());
    pull.metadata = Some(text(6000).into());
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
    let inside = pull_of(1).with_state(JsonText::encode(&json!({"k": text(4992)})).unwrap());
    assert_eq!(inside.state.as_ref().unwrap().chars(), 5000);
    assert!(
        inside.state.as_ref().unwrap().as_str().len() > 10_000,
        "mostly multi-byte"
    );
    assert_eq!(violations(&inside), []);
    let outside = pull_of(1).with_metadata(JsonText::encode(&json!({"k": text(4993)})).unwrap());
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
    let state = pull.state.as_ref().map_or(Ok(None), JsonText::decode);
    assert_eq!(state.unwrap(), Some(cursor()));
    // Through the typed value and back.
    let again: PullResponse = serde_json::from_value(to_value(&pull)).unwrap();
    assert_eq!(again, pull);
}

#[test]
fn built_and_decoded_pulls_agree() {
    let built = PullResponse::new([resource("r0")])
        .with_state(JsonText::encode(&cursor()).unwrap())
        .with_metadata(JsonText::encode(&json!({"token": "t-2"})).unwrap());
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
