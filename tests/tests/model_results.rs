//! The push response: status codes (known and unknown), their outcomes, pairing results with
//! the pushed resources, and the retry request.

mod model_support;

use channel_model::serde_json::{json, Value};
use channel_model::{
    Outcome, PushReport, PushRequest, PushResponse, PushResult, PushStatus, ResultsMismatch,
    StatusCode,
};
use model_support::{fixture, push_of, resource, result, to_value, violations};

const KNOWN: [(&str, StatusCode, Outcome); 5] = [
    ("success", StatusCode::Success, Outcome::Delivered),
    (
        "already_imported",
        StatusCode::AlreadyImported,
        Outcome::Delivered,
    ),
    (
        "could_not_locate_parent_external_resource",
        StatusCode::CouldNotLocateParentExternalResource,
        Outcome::Failed,
    ),
    (
        "processing_error",
        StatusCode::ProcessingError,
        Outcome::Retry,
    ),
    ("halted", StatusCode::Halted, Outcome::Retry),
];

fn response(results: &[(&str, &str)]) -> PushResponse {
    PushResponse {
        results: results.iter().map(|(id, code)| result(id, code)).collect(),
    }
}

fn ids<'a>(
    pairs: impl Iterator<Item = (&'a channel_model::ExternalResource, &'a PushResult)>,
) -> Vec<&'a str> {
    pairs
        .map(|(resource, result)| {
            assert_eq!(resource.external_id, result.external_resource_id);
            resource.external_id.as_str()
        })
        .collect()
}

#[test]
fn the_reference_example_response_deserializes() {
    let text = fixture("push-response.json");
    let response: PushResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(
        response,
        PushResponse {
            results: vec![PushResult {
                external_resource_id: "234".into(),
                status: PushStatus {
                    code: StatusCode::CouldNotLocateParentExternalResource,
                    description: Some("123".into()),
                },
            }],
        }
    );
    assert_eq!(response.results[0].status.outcome(), Outcome::Failed);
    assert_eq!(violations(&response), []);
    // Lossless, and written exactly as Zendesk writes it.
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(to_value(&response), json);
    assert_eq!(serde_json::to_string(&response).unwrap(), text.trim_end());
}

#[test]
fn known_codes_deserialize_serialize_and_classify() {
    for (code, status, outcome) in KNOWN {
        let parsed: StatusCode = serde_json::from_value(json!(code)).unwrap();
        assert_eq!(parsed, status);
        assert_eq!(StatusCode::from(code), status);
        assert_eq!(status.as_str(), code);
        assert_eq!(status.to_string(), code);
        assert_eq!(to_value(&status), json!(code));
        assert_eq!(status.outcome(), outcome, "{code}");
        let status = PushStatus {
            code: status,
            description: None,
        };
        assert_eq!(status.outcome(), outcome, "{code}");
    }
}

#[test]
fn unknown_codes_are_kept_as_sent() {
    for code in [
        "rate_limited",
        "SUCCESS",
        "Success",
        " success",
        "",
        "halted ",
        "成功",
    ] {
        let text = format!(r#"{{"code":"{code}","description":"later"}}"#);
        let status: PushStatus = serde_json::from_str(&text).unwrap();
        assert_eq!(status.code, StatusCode::Other(code.to_owned()));
        assert_eq!(status.code.as_str(), code);
        assert_eq!(status.outcome(), Outcome::Unknown);
        assert_eq!(serde_json::to_string(&status).unwrap(), text);
    }
    // From a JSON value (an owned string) too.
    let code: StatusCode = serde_json::from_value(json!("queued")).unwrap();
    assert_eq!(code, StatusCode::Other("queued".into()));
    assert_eq!(to_value(&code), json!("queued"));
    // A code is a string.
    for bad in ["1", "null", "{}", r#"["success"]"#] {
        assert!(serde_json::from_str::<StatusCode>(bad).is_err(), "{bad}");
    }
}

#[test]
fn response_wire_format() {
    let json = json!({"results": [
        {"external_resource_id": "1", "status": {"code": "success"}},
        {"external_resource_id": "2", "status": {"code": "processing_error", "description": "boom"}},
        {"external_resource_id": "3", "status": {"code": "something_new"}}
    ]});
    let response: PushResponse = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(response.results[0].status.description, None);
    assert_eq!(
        response.results[2].status.code,
        StatusCode::Other("something_new".into())
    );
    // No `"description": null` for the ones without.
    assert_eq!(to_value(&response), json);
    assert!(!serde_json::to_string(&response).unwrap().contains("null"));
    // Required keys.
    for bad in [
        json!({}),
        json!({"results": [{"status": {"code": "success"}}]}),
        json!({"results": [{"external_resource_id": "1"}]}),
        json!({"results": [{"external_resource_id": "1", "status": {}}]}),
    ] {
        assert!(
            serde_json::from_value::<PushResponse>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PushReport

#[test]
fn a_report_pairs_resources_with_results_in_order() {
    let request = push_of(6).with_request_id("req-1");
    let response = response(&[
        ("r0", "success"),
        ("r1", "processing_error"),
        ("r2", "already_imported"),
        ("r3", "could_not_locate_parent_external_resource"),
        ("r4", "halted"),
        ("r5", "rate_limited"),
    ]);
    let report = PushReport::new(&request, &response).unwrap();
    assert_eq!(ids(report.iter()), ["r0", "r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(ids(report.with_outcome(Outcome::Delivered)), ["r0", "r2"]);
    assert_eq!(ids(report.with_outcome(Outcome::Failed)), ["r3"]);
    assert_eq!(ids(report.with_outcome(Outcome::Retry)), ["r1", "r4"]);
    assert_eq!(ids(report.with_outcome(Outcome::Unknown)), ["r5"]);
    // The pairs are the request's and the response's own values.
    let (resource, result) = report.iter().nth(3).unwrap();
    assert!(std::ptr::eq(resource, &request.external_resources[3]));
    assert!(std::ptr::eq(result, &response.results[3]));
}

#[test]
fn a_report_needs_as_many_results_as_resources() {
    let request = push_of(3);
    let two = response(&[("r0", "success"), ("r1", "success")]);
    let mismatch = PushReport::new(&request, &two).unwrap_err();
    assert_eq!(
        mismatch,
        ResultsMismatch::Count {
            resources: 3,
            results: 2
        }
    );
    assert_eq!(
        mismatch.to_string(),
        "the push had 3 external resources but the response has 2 results"
    );
    let four = response(&[
        ("r0", "success"),
        ("r1", "success"),
        ("r2", "success"),
        ("r3", "success"),
    ]);
    assert_eq!(
        PushReport::new(&request, &four).unwrap_err(),
        ResultsMismatch::Count {
            resources: 3,
            results: 4
        }
    );
    // A count mismatch is reported even when the ids would not match either.
    let other = response(&[("x", "success")]);
    assert_eq!(
        PushReport::new(&request, &other).unwrap_err(),
        ResultsMismatch::Count {
            resources: 3,
            results: 1
        }
    );
}

#[test]
fn a_report_needs_each_result_to_name_its_resource() {
    let request = push_of(4);
    // Swapped results: the first mismatch is at 1.
    let swapped = response(&[
        ("r0", "success"),
        ("r2", "success"),
        ("r1", "success"),
        ("r4", "success"),
    ]);
    let mismatch = PushReport::new(&request, &swapped).unwrap_err();
    assert_eq!(mismatch, ResultsMismatch::ExternalId { index: 1 });
    assert_eq!(
        mismatch.to_string(),
        "/results/1/external_resource_id does not match /external_resources/1/external_id of the push"
    );
    // Ids are compared exactly.
    let spaced = response(&[
        ("r0", "success"),
        ("r1", "success"),
        ("r2", "success"),
        ("R3", "success"),
    ]);
    assert_eq!(
        PushReport::new(&request, &spaced).unwrap_err(),
        ResultsMismatch::ExternalId { index: 3 }
    );
    let empty = PushRequest::new("acct-1", []);
    let no_results = response(&[]);
    let report = PushReport::new(&empty, &no_results).unwrap();
    assert_eq!(report.iter().count(), 0);
    assert_eq!(report.retry_request(), None);
}

#[test]
fn the_retry_request_has_the_processing_errors_and_halted_in_order() {
    let request = PushRequest::new(
        "acct-1",
        [
            resource("r0"),
            resource("r1").with_thread_id("t-1"),
            resource("r2"),
            resource("r3").with_html_message("<b>x</b>"),
            resource("r4"),
            resource("r5"),
        ],
    )
    .with_request_id("req-1");
    let response = response(&[
        ("r0", "success"),
        ("r1", "halted"),
        ("r2", "could_not_locate_parent_external_resource"),
        ("r3", "processing_error"),
        ("r4", "something_new"),
        ("r5", "halted"),
    ]);
    let report = PushReport::new(&request, &response).unwrap();
    let retry = report.retry_request().unwrap();
    assert_eq!(retry.instance_push_id, "acct-1");
    assert_eq!(retry.request_id, None);
    assert_eq!(
        retry.external_resources,
        [
            request.external_resources[1].clone(),
            request.external_resources[3].clone(),
            request.external_resources[5].clone(),
        ]
    );
    assert_eq!(violations(&retry), []);
}

#[test]
fn there_is_no_retry_request_when_nothing_is_to_retry() {
    let request = push_of(4);
    let response = response(&[
        ("r0", "success"),
        ("r1", "already_imported"),
        ("r2", "could_not_locate_parent_external_resource"),
        ("r3", "rate_limited"),
    ]);
    let report = PushReport::new(&request, &response).unwrap();
    assert_eq!(report.retry_request(), None);
    assert_eq!(report.with_outcome(Outcome::Retry).count(), 0);
}
