//! `channel_model`'s `PushRequest::validate()` allocates nothing on the benchmark's valid
//! payloads, the https check included.
//!
//! dhat's allocator counts every allocation of the process, so this file is its own test
//! binary with a single test: the test harness runs nothing beside it that could allocate.

use std::hint::black_box;

use channel_bench::data::Case;
use channel_model::Validate;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[test]
fn validating_the_valid_payloads_allocates_nothing() {
    let typical = Case::Typical.push();
    let large = Case::Large.push();
    let invalid = Case::Invalid.push();
    let with_urls = typical.external_resources.iter();
    assert!(with_urls.filter(|r| r.file_urls.is_some()).count() > 10);

    let _profiler = dhat::Profiler::builder().testing().build();

    for (name, push) in [("typical", &typical), ("large", &large)] {
        let before = dhat::HeapStats::get();
        let result = black_box(push).validate();
        let after = dhat::HeapStats::get();
        assert!(result.is_ok(), "{name}: {}", result.unwrap_err());
        assert_eq!(
            after.total_blocks - before.total_blocks,
            0,
            "validating the {name} push allocated {} blocks ({} bytes)",
            after.total_blocks - before.total_blocks,
            after.total_bytes - before.total_bytes,
        );
    }

    // The counter does count: violations are owned, so recording them allocates.
    let before = dhat::HeapStats::get();
    let errors = black_box(&invalid).validate().unwrap_err();
    let after = dhat::HeapStats::get();
    assert!(after.total_blocks > before.total_blocks);
    assert_eq!(errors.len(), channel_bench::data::PLANTED.len());
}
