//! Property tests: the derive-based `validate()` against an oracle written from the spec, JSON
//! Pointers that resolve, round trips that keep every known field, and splitting and retrying
//! that never drop, duplicate or reorder a resource.
//!
//! Case counts keep these tests to about 15 seconds of a debug build on two cores, and
//! `cargo test --workspace` within a minute or so; `PROPTEST_CASES=N` runs every property N
//! times instead.

mod prop_support;

use std::collections::BTreeSet;

use channel_model::chrono::{DateTime, TimeZone, Utc};
use channel_model::{
    AdminUiRequest, Author, ChannelbackErrorReport, ClickthroughRequest, ExternalResource,
    Location, Outcome, PullRequest, PushReport, PushRequest, PushResponse, ResultsMismatch,
    ReturnForm, StatusCode, Validate, ValidateTokenRequest, ValidationErrors,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use prop_support::oracle::{self, Found};
use prop_support::{mutated, words, Mutation};

/// `default` cases, or `PROPTEST_CASES` when it is set.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Each case builds strings of up to 65536 characters: shrinking needs no more tries.
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// Decodes `doc` as a `T` (it must decode), validates it, and checks the violations against
/// the oracle's, and their pointers against the serialized model.
fn check_against_oracle<T>(doc: &Value, expected: Found) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + Serialize + Validate,
{
    let text = serde_json::to_string(doc).expect("JSON serializes");
    let model: T = match serde_json::from_str(&text) {
        Ok(model) => model,
        Err(error) => return Err(TestCaseError::fail(format!("does not decode: {error}"))),
    };
    let reported: Vec<(String, String)> = match model.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|v| (v.path().to_string(), v.code().to_owned()))
            .collect(),
    };
    // The reporting pass alone, which does not ask `is_valid()`.
    let mut recorded = ValidationErrors::new();
    model.validate_into(&Location::root(), &mut recorded);
    prop_assert_eq!(
        model.is_valid(),
        recorded.is_empty(),
        "is_valid() disagrees with the reporting pass"
    );
    prop_assert_eq!(reported.len(), recorded.len());
    let reported_set: BTreeSet<(String, String)> = reported.iter().cloned().collect();
    prop_assert_eq!(
        reported.len(),
        reported_set.len(),
        "a violation is reported twice: {:?}",
        reported
    );
    let expected: BTreeSet<(String, String)> = expected
        .into_iter()
        .map(|(pointer, code)| (pointer, code.to_owned()))
        .collect();
    prop_assert_eq!(
        &reported_set,
        &expected,
        "validate() (left) vs the oracle (right)"
    );

    let serialized = serde_json::to_value(&model).expect("the model serializes");
    for (pointer, code) in &reported {
        prop_assert!(
            serialized.pointer(pointer).is_some(),
            "{} ({}) does not resolve in the serialized model",
            pointer,
            code
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]

    /// Valid pushes and pushes mutated at the rules' boundaries: `validate()` reports exactly
    /// the oracle's `(pointer, code)` set, once each, and every pointer resolves.
    #[test]
    fn push_violations_match_the_oracle(doc in mutated(prop_support::push(), 6)) {
        check_against_oracle::<PushRequest>(&doc, oracle::push(&doc))?;
    }
}

proptest! {
    #![proptest_config(config(2048))]

    #[test]
    fn validate_token_violations_match_the_oracle(
        doc in mutated(prop_support::validate_token(), 3),
    ) {
        check_against_oracle::<ValidateTokenRequest>(&doc, oracle::validate_token(&doc))?;
    }

    #[test]
    fn report_error_violations_match_the_oracle(
        doc in mutated(prop_support::report_error(), 3),
    ) {
        check_against_oracle::<ChannelbackErrorReport>(&doc, oracle::report_error(&doc))?;
    }

    #[test]
    fn return_form_violations_match_the_oracle(
        doc in mutated(prop_support::return_form(), 3),
    ) {
        check_against_oracle::<ReturnForm>(&doc, oracle::return_form(&doc))?;
    }

    #[test]
    fn admin_ui_violations_match_the_oracle(doc in mutated(prop_support::admin_ui(), 3)) {
        check_against_oracle::<AdminUiRequest>(&doc, oracle::admin_ui(&doc))?;
    }

    #[test]
    fn pull_request_violations_match_the_oracle(doc in mutated(prop_support::pull_request(), 3)) {
        check_against_oracle::<PullRequest>(&doc, oracle::pull_request(&doc))?;
    }

    #[test]
    fn clickthrough_violations_match_the_oracle(doc in mutated(prop_support::clickthrough(), 3)) {
        check_against_oracle::<ClickthroughRequest>(&doc, oracle::clickthrough(&doc))?;
    }
}

/// A push with every optional field present once.
fn full_push() -> Value {
    json!({
        "instance_push_id": "acct", "request_id": "req",
        "external_resources": [{
            "external_id": "r1", "internal_note": false, "message": "m", "html_message": "<p>m</p>",
            "thread_id": "t1", "created_at": "2015-09-08T22:48:09Z",
            "author": {
                "external_id": "u1", "name": "Zoë", "image_url": "https://example.com/u.png",
                "locale": "fr", "fields": [{"id": "notes", "value": "x"}]
            },
            "display_info": [{"type": "urn:t", "data": {"k": "v"}}],
            "allow_channelback": true,
            "fields": [{"id": 1, "value": 2}, {"id": "subject", "value": "s"}],
            "file_urls": ["https://example.com/f.pdf"]
        }]
    })
}

/// Not left to chance: every string field of each kind, at every boundary length, in 1- to
/// 4-byte characters and in whitespace, and with each edge character: the same as the oracle.
#[test]
fn every_field_at_every_boundary_matches_the_oracle() {
    type Oracle = fn(&Value) -> Found;
    type Check = fn(&Value) -> Result<(), TestCaseError>;
    let docs: [(Value, Oracle, Check); 7] = [
        (full_push(), oracle::push, |doc| {
            check_against_oracle::<PushRequest>(doc, oracle::push(doc))
        }),
        (
            json!({"instance_push_id": "acct", "request_id": "req"}),
            oracle::validate_token,
            |doc| check_against_oracle::<ValidateTokenRequest>(doc, oracle::validate_token(doc)),
        ),
        (
            json!({"instance_push_id": "a", "external_id": "e", "description": "d", "request_id": "r"}),
            oracle::report_error,
            |doc| check_against_oracle::<ChannelbackErrorReport>(doc, oracle::report_error(doc)),
        ),
        (
            json!({"name": "n", "metadata": "{}", "state": "[]", "return_url": "https://a.zendesk.com/r"}),
            oracle::return_form,
            |doc| check_against_oracle::<ReturnForm>(doc, oracle::return_form(doc)),
        ),
        (
            json!({"name": "n", "metadata": "{}", "state": "[]", "return_url": "https://a.zendesk.com/r",
                   "subdomain": "a", "locale": "en", "instance_push_id": "p", "zendesk_access_token": "t"}),
            oracle::admin_ui,
            |doc| check_against_oracle::<AdminUiRequest>(doc, oracle::admin_ui(doc)),
        ),
        (
            json!({"metadata": "{}", "state": "[]"}),
            oracle::pull_request,
            |doc| check_against_oracle::<PullRequest>(doc, oracle::pull_request(doc)),
        ),
        (json!({"external_id": "e"}), oracle::clickthrough, |doc| {
            check_against_oracle::<ClickthroughRequest>(doc, oracle::clickthrough(doc))
        }),
    ];
    for (base, oracle, check) in docs {
        assert_eq!(oracle(&base), Found::new(), "{base}");
        let targets = prop_support::string_targets(&base);
        let mut mutations = Vec::new();
        for target in 0..targets.len() {
            for &length in prop_support::BOUNDARY_LENGTHS {
                for fill in ['a', 'é', '中', '😀', ' ', '\u{3000}'] {
                    mutations.push(Mutation::Length {
                        target,
                        length,
                        fill,
                    });
                }
            }
            for &c in prop_support::WHITESPACE
                .iter()
                .chain(prop_support::NOT_WHITESPACE)
            {
                mutations.push(Mutation::Lead { target, c });
                mutations.push(Mutation::Trail { target, c });
            }
            for &c in prop_support::NON_ASCII {
                mutations.push(Mutation::Insert { target, at: 1, c });
            }
        }
        for target in 0..4 {
            for &url in prop_support::GOOD_URLS.iter().chain(prop_support::BAD_URLS) {
                let url = url.to_owned();
                mutations.push(Mutation::Url { target, url });
            }
        }
        for target in 0..8 {
            for over in -1..=1 {
                mutations.push(Mutation::Items { target, over });
                for fill in ['x', 'é', '"', '\u{1}'] {
                    mutations.push(Mutation::DataLength { target, over, fill });
                }
            }
            mutations.push(Mutation::NoItems { target });
        }
        mutations.push(Mutation::ParentAndThread { target: 0 });
        for mutation in &mutations {
            let mut doc = base.clone();
            prop_support::apply(&mut doc, mutation);
            if let Err(error) = check(&doc) {
                panic!("{mutation:?}: {error}");
            }
        }
    }
}

/// Valid documents alone must have no violation: a check that the generators make valid ones
/// (the mutated runs above would pass with an oracle and a model that both reject everything).
#[test]
fn unmutated_documents_are_valid() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    for _ in 0..64 {
        let doc = prop_support::push()
            .new_tree(&mut runner)
            .expect("a push")
            .current();
        assert_eq!(oracle::push(&doc), Found::new(), "{doc}");
        let push: PushRequest = serde_json::from_value(doc.clone()).expect("decodes");
        assert!(push.validate().is_ok(), "{doc}");
    }
}

/// Keys no model type has.
const UNKNOWN: &str = "x_unknown_key";

/// `doc` as the model writes it back: no unknown keys, `display_info.data` as an object, and
/// `created_at` compared as an instant (then left out).
fn normalized(doc: &Value) -> Value {
    match doc {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter(|(key, _)| key.as_str() != UNKNOWN && key.as_str() != "created_at")
                .map(|(key, value)| {
                    let value = match (key.as_str(), value) {
                        ("data", Value::String(text)) => {
                            serde_json::from_str(text).expect("data holds JSON")
                        }
                        // Free-form values are kept as they are, unknown keys and all.
                        ("data" | "value", value) => value.clone(),
                        (_, value) => normalized(value),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

/// Adds an unknown key to the root, to each resource and to each author.
fn with_unknown_keys(mut doc: Value) -> Value {
    doc[UNKNOWN] = json!({"kept": false});
    if let Some(resources) = doc["external_resources"].as_array_mut() {
        for resource in resources {
            resource[UNKNOWN] = json!(1);
            resource["author"][UNKNOWN] = json!("x");
        }
    }
    doc
}

fn instants(doc: &Value) -> Vec<DateTime<Utc>> {
    let mut found = Vec::new();
    prop_support::walk(doc, String::new(), &mut |pointer, value| {
        if pointer.ends_with("/created_at") {
            let text = value.as_str().expect("created_at is a string");
            let at = DateTime::parse_from_rfc3339(text).expect("created_at is RFC 3339");
            found.push(at.with_timezone(&Utc));
        }
    });
    found
}

proptest! {
    #![proptest_config(config(512))]

    /// JSON → model → JSON keeps every known field (unknown keys are dropped, `created_at` is
    /// the same instant written in UTC with `Z`, `data` sent as a string comes back as the
    /// object it holds), whether the push is valid or not.
    #[test]
    fn push_round_trips_keep_every_known_field(
        doc in mutated(prop_support::push(), 2),
        unknown in any::<bool>(),
    ) {
        let doc = if unknown { with_unknown_keys(doc) } else { doc };
        let text = serde_json::to_string(&doc).expect("JSON serializes");
        // The reference is read by the same parser, so that numbers compare exactly.
        let sent: Value = serde_json::from_str(&text).expect("JSON reads back");
        let push: PushRequest = serde_json::from_str(&text).expect("decodes");
        let written = serde_json::to_value(&push).expect("serializes");

        prop_assert_eq!(instants(&written), instants(&sent));
        prop_support::walk(&written, String::new(), &mut |pointer, value| {
            if pointer.ends_with("/created_at") {
                let text = value.as_str().unwrap_or_default();
                assert!(text.ends_with('Z'), "{pointer}: {text} is not in UTC with Z");
            }
        });
        prop_assert_eq!(normalized(&written), normalized(&sent));

        let again: PushRequest = serde_json::from_value(written).expect("reads back");
        prop_assert_eq!(again, push);
    }
}

fn status_code() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "success",
            "already_imported",
            "could_not_locate_parent_external_resource",
            "processing_error",
            "halted",
            // Near misses are unknown codes too.
            "Success",
            " halted",
            "",
        ])
        .prop_map(str::to_owned),
        words(),
        any::<String>(),
    ]
}

const KNOWN_CODES: [&str; 5] = [
    "success",
    "already_imported",
    "could_not_locate_parent_external_resource",
    "processing_error",
    "halted",
];

fn push_response() -> impl Strategy<Value = Value> {
    let result = (
        any::<String>(),
        status_code(),
        proptest::option::of(any::<String>()),
    )
        .prop_map(|(id, code, description)| {
            let mut status = json!({ "code": code });
            if let Some(description) = description {
                status["description"] = description.into();
            }
            json!({"external_resource_id": id, "status": status})
        });
    vec(result, 0..6).prop_map(|results| json!({ "results": results }))
}

proptest! {
    #![proptest_config(config(1024))]

    /// A push response reads and writes back as it was, and a code this library does not know
    /// survives as it was sent.
    #[test]
    fn push_responses_round_trip_with_unknown_codes(doc in push_response()) {
        let text = serde_json::to_string(&doc).expect("JSON serializes");
        let response: PushResponse = serde_json::from_str(&text).expect("decodes");
        prop_assert_eq!(serde_json::to_value(&response).expect("serializes"), doc.clone());
        for (result, sent) in response.results.iter().zip(doc["results"].as_array().unwrap()) {
            let code = sent["status"]["code"].as_str().unwrap();
            prop_assert_eq!(result.status.code.as_str(), code);
            let known = KNOWN_CODES.contains(&code);
            prop_assert_eq!(matches!(result.status.code, StatusCode::Other(_)), !known);
            prop_assert_eq!(result.status.outcome() == Outcome::Unknown, !known);
        }
    }
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap()
}

/// A push of `count` resources with distinct ids, in order.
fn push_of(count: usize, request_id: Option<&str>) -> PushRequest {
    let resources = (0..count)
        .map(|i| ExternalResource::new(format!("r{i}"), format!("m{i}"), at(), Author::new("u")));
    let push = PushRequest::new("acct", resources);
    match request_id {
        Some(id) => push.with_request_id(id),
        None => push,
    }
}

fn ids(push: &PushRequest) -> Vec<&str> {
    push.external_resources
        .iter()
        .map(|r| r.external_id.as_str())
        .collect()
}

/// The response Zendesk would give `push` with these codes, one per resource in order.
fn response_to(push: &PushRequest, codes: &[String]) -> PushResponse {
    let results: Vec<Value> = push
        .external_resources
        .iter()
        .zip(codes)
        .map(|(r, code)| json!({"external_resource_id": r.external_id, "status": {"code": code}}))
        .collect();
    serde_json::from_value(json!({ "results": results })).expect("a response")
}

/// The resources to send again by the codes' meaning: `processing_error` and `halted`.
fn to_retry<'p>(push: &'p PushRequest, codes: &[String]) -> Vec<&'p ExternalResource> {
    push.external_resources
        .iter()
        .zip(codes)
        .filter(|(_, code)| matches!(code.as_str(), "processing_error" | "halted"))
        .map(|(r, _)| r)
        .collect()
}

proptest! {
    #![proptest_config(config(1024))]

    /// `split_by` keeps every resource exactly once, in order, in parts of at most the size
    /// asked (taken as 1 to 256), each non-empty and to the same account.
    #[test]
    fn split_never_drops_duplicates_or_reorders(
        count in prop_oneof![0usize..20, 250usize..270, 0usize..700],
        max in prop_oneof![Just(0usize), 1usize..5, 250usize..300, 0usize..1000],
        request_id in proptest::option::of(prop_support::id()),
    ) {
        let push = push_of(count, request_id.as_deref());
        let parts = push.clone().split_by(max);
        let size = max.clamp(1, PushRequest::MAX_RESOURCES);

        if count <= size {
            prop_assert_eq!(&parts, &vec![push.clone()]);
        } else {
            prop_assert_eq!(parts.len(), count.div_ceil(size));
            for part in &parts {
                prop_assert!(!part.external_resources.is_empty());
                prop_assert!(part.external_resources.len() <= size);
                prop_assert_eq!(&part.instance_push_id, &push.instance_push_id);
                prop_assert_eq!(&part.request_id, &None);
            }
        }
        let rejoined: Vec<&ExternalResource> =
            parts.iter().flat_map(|p| &p.external_resources).collect();
        let original: Vec<&ExternalResource> = push.external_resources.iter().collect();
        prop_assert_eq!(rejoined, original);
    }

    /// `retry_request` holds exactly the resources whose status says to send them again, in
    /// their order, once each, whole; and `split` then retrying each part is retrying the whole.
    #[test]
    fn retry_never_drops_duplicates_or_reorders(
        codes in vec(status_code(), 0..40),
        max in 1usize..8,
    ) {
        let push = push_of(codes.len(), Some("req"));
        let response = response_to(&push, &codes);
        let report = PushReport::new(&push, &response).expect("the results match");
        let expected = to_retry(&push, &codes);
        match report.retry_request() {
            None => prop_assert!(expected.is_empty()),
            Some(retry) => {
                let got: Vec<&ExternalResource> = retry.external_resources.iter().collect();
                prop_assert_eq!(got, expected.clone());
                prop_assert_eq!(&retry.instance_push_id, &push.instance_push_id);
                prop_assert_eq!(retry.request_id, None);
            }
        }

        let mut codes_left = &codes[..];
        let mut retried = Vec::new();
        for part in push.clone().split_by(max) {
            let (these, rest) = codes_left.split_at(part.external_resources.len());
            codes_left = rest;
            let response = response_to(&part, these);
            let report = PushReport::new(&part, &response).expect("the results match");
            if let Some(retry) = report.retry_request() {
                retried.extend(retry.external_resources);
            }
        }
        let expected: Vec<ExternalResource> = expected.into_iter().cloned().collect();
        prop_assert_eq!(retried, expected);
    }

    /// A response that does not match its push is refused, never paired wrongly: a result
    /// too many or too few, or one that names another resource.
    #[test]
    fn mismatched_responses_are_refused(
        codes in vec(status_code(), 1..20),
        change in any::<prop::sample::Index>(),
        extra in any::<bool>(),
    ) {
        let push = push_of(codes.len(), None);
        let mut doc = serde_json::to_value(response_to(&push, &codes)).unwrap();
        let results = doc["results"].as_array_mut().unwrap();
        let index = change.index(results.len());
        let expected = if extra {
            results.push(results[index].clone());
            ResultsMismatch::Count { resources: codes.len(), results: codes.len() + 1 }
        } else {
            results[index]["external_resource_id"] = json!("someone-else");
            ResultsMismatch::ExternalId { index }
        };
        let response: PushResponse = serde_json::from_value(doc).unwrap();
        prop_assert_eq!(PushReport::new(&push, &response).unwrap_err(), expected);
        prop_assert_eq!(ids(&push).len(), codes.len());
    }
}
