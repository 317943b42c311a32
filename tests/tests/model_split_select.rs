//! Pushes of any size as valid parts (`split_validated`), the resources of a validated push
//! to send again (`select`), and reports that own their results (`from_results`).

mod model_support;

use channel_model::{
    Outcome, PushReport, PushRequest, ResultsMismatch, Validated, ValidationErrors,
};
use model_support::{push_of, result, v, violations};

fn codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    (errors.iter())
        .map(|violation| (violation.path().to_string(), violation.code().to_owned()))
        .collect()
}

fn ids(push: &PushRequest) -> Vec<String> {
    (push.external_resources.iter())
        .map(|resource| resource.external_id.clone())
        .collect()
}

#[test]
fn a_push_that_fits_is_one_part_and_keeps_its_request_id() {
    let parts = push_of(256)
        .with_request_id("req-1")
        .split_validated()
        .unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].external_resources.len(), 256);
    assert_eq!(parts[0].request_id.as_deref(), Some("req-1"));
}

#[test]
fn one_resource_more_makes_two_parts() {
    let parts = push_of(257)
        .with_request_id("req-1")
        .split_validated()
        .unwrap();
    let sizes: Vec<usize> = parts.iter().map(|p| p.external_resources.len()).collect();
    assert_eq!(sizes, [256, 1]);
    assert_eq!(ids(&parts[1]), ["r256"]);
    assert!(parts.iter().all(|part| part.request_id.is_none()));
    assert!(parts.iter().all(|part| part.instance_push_id == "acct-1"));
}

#[test]
fn violations_are_named_by_their_place_in_the_whole_push() {
    let mut push = push_of(600);
    push.instance_push_id = String::new();
    push.external_resources[3].external_id = " r3".into();
    push.external_resources[256].message = String::new();
    push.external_resources[599].author.external_id = String::new();

    let errors = push.split_validated().unwrap_err();

    assert_eq!(
        codes(&errors),
        [
            v("/instance_push_id", "required"),
            v("/external_resources/3/external_id", "trimmed"),
            v("/external_resources/256/message", "required"),
            v("/external_resources/599/author/external_id", "required"),
        ]
    );
}

#[test]
fn an_empty_push_is_one_invalid_part() {
    let errors = push_of(0).split_validated().unwrap_err();
    assert_eq!(codes(&errors), [v("/external_resources", "required")]);
}

#[test]
fn select_keeps_the_chosen_resources_in_order_without_request_id() {
    let push = Validated::new(push_of(5).with_request_id("req-1")).unwrap();

    let again = push.select(|index, _| index.is_multiple_of(2)).unwrap();

    assert_eq!(ids(&again), ["r0", "r2", "r4"]);
    assert_eq!(again.instance_push_id, "acct-1");
    assert_eq!(again.request_id, None);
    // `select` skips validation; its result passes it all the same.
    assert_eq!(violations(&*again), []);
    assert!(push
        .select(|_, resource| resource.external_id == "r9")
        .is_none());
}

#[test]
fn a_report_can_own_its_results() {
    let push = push_of(2);
    let results = vec![result("r0", "success"), result("r1", "halted")];

    let report = PushReport::from_results(&push, results).unwrap();

    assert_eq!(report.with_outcome(Outcome::Delivered).count(), 1);
    assert_eq!(ids(&report.retry_request().unwrap()), ["r1"]);
    let short = PushReport::from_results(&push, vec![result("r0", "success")]).unwrap_err();
    assert_eq!(
        short,
        ResultsMismatch::Count {
            resources: 2,
            results: 1
        }
    );
    let swapped = vec![result("r1", "success"), result("r0", "success")];
    let error = PushReport::from_results(&push, swapped).unwrap_err();
    assert_eq!(error, ResultsMismatch::ExternalId { index: 0 });
}
