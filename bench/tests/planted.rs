//! Every library reports every violation planted in the invalid case, and nothing on the
//! valid ones: a fast wrong answer cannot win the benchmark.
//!
//! Runs with the `peers` feature: `cargo test -p channel-bench --features peers` (CI does).

use channel_bench::data::{Case, PLANTED};
use channel_bench::{Garde, Library, Ours, Validator};

/// The JSON Pointers `L` reports on `case`, sorted; none when the push is valid.
fn reported<L: Library>(case: Case) -> Vec<String> {
    let push = L::deserialize(&case.json());
    let mut paths = L::validate(&push)
        .err()
        .map_or_else(Vec::new, |e| L::paths(&e));
    paths.sort();
    paths
}

/// Pairs each reported path with the planted violation it is at (or below: validator reports
/// a file URL at `/file_urls/0/url`, garde a field id's name at `/fields/1/id/0`), and fails
/// unless every planted violation is reported exactly once and nothing else is.
fn assert_reports_every_planted_violation<L: Library>() {
    let reported = reported::<L>(Case::Invalid);
    let mut unmatched: Vec<&str> = PLANTED.iter().map(|p| p.path).collect();
    for path in &reported {
        let found = unmatched
            .iter()
            .position(|planted| path == planted || path.starts_with(&format!("{planted}/")));
        match found {
            Some(index) => {
                unmatched.remove(index);
            }
            None => panic!(
                "{} reported {path}, which was not planted (or twice)",
                L::NAME
            ),
        }
    }
    assert!(
        unmatched.is_empty(),
        "{} missed {unmatched:?}; it reported {reported:#?}",
        L::NAME
    );
}

#[test]
fn channel_model_reports_each_planted_violation_with_its_code() {
    let push = Ours::deserialize(&Case::Invalid.json());
    let errors = Ours::validate(&push).unwrap_err();
    let found: Vec<(String, &str)> = errors
        .iter()
        .map(|v| (v.path().to_string(), v.code()))
        .collect();
    let planted: Vec<(String, &str)> = PLANTED
        .iter()
        .map(|p| (p.path.to_owned(), p.code))
        .collect();
    assert_eq!(found, planted);
}

#[test]
fn every_library_reports_every_planted_violation() {
    assert_reports_every_planted_violation::<Ours>();
    assert_reports_every_planted_violation::<Garde>();
    assert_reports_every_planted_violation::<Validator>();
}

#[test]
fn no_library_reports_anything_on_valid_payloads() {
    for case in [Case::Typical, Case::Large] {
        assert_eq!(reported::<Ours>(case), Vec::<String>::new());
        assert_eq!(reported::<Garde>(case), Vec::<String>::new());
        assert_eq!(reported::<Validator>(case), Vec::<String>::new());
    }
}
