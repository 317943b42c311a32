//! Helpers shared by the `model_*` tests: fixed values, fixtures and violation lists.
#![allow(dead_code)]

use channel_model::chrono::{DateTime, TimeZone, Utc};
use channel_model::{
    Author, ExternalResource, LengthUnit, PushRequest, PushResult, PushStatus, StatusCode,
    Validate, ViolationKind,
};
pub use channel_tests::violations;
use serde_json::Value;

/// `2015-09-08T22:48:09Z`, the reference's example date-time.
pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap()
}

/// A valid resource with only its required fields.
pub fn resource(external_id: &str) -> ExternalResource {
    ExternalResource::new(
        external_id,
        "Where is my order?",
        at(),
        Author::new("user-1"),
    )
}

/// A valid push of `count` resources with the ids `r0`, `r1`, ...
pub fn push_of(count: usize) -> PushRequest {
    PushRequest::new("acct-1", (0..count).map(|i| resource(&format!("r{i}"))))
}

/// The result `code` for the resource `id`, without a description.
pub fn result(id: &str, code: &str) -> PushResult {
    PushResult {
        external_resource_id: id.to_owned(),
        status: PushStatus {
            code: StatusCode::from(code),
            description: None,
        },
    }
}

/// A valid push of the one resource `resource`.
pub fn push_with(resource: ExternalResource) -> PushRequest {
    PushRequest::new("acct-1", [resource])
}

/// The `(pointer, kind)` of every violation of `value`, in order.
pub fn kinds<T: Validate + ?Sized>(value: &T) -> Vec<(String, ViolationKind)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|v| (v.path().to_string(), v.kind().clone()))
            .collect(),
    }
}

/// An expected `(pointer, code)`.
pub fn v(pointer: &str, code: &str) -> (String, String) {
    (pointer.to_owned(), code.to_owned())
}

/// `max_length` in characters.
pub fn chars(max: usize, actual: usize) -> ViolationKind {
    ViolationKind::MaxLength {
        max,
        actual,
        unit: LengthUnit::Characters,
    }
}

/// `max_length` in items.
pub fn items(max: usize, actual: usize) -> ViolationKind {
    ViolationKind::MaxLength {
        max,
        actual,
        unit: LengthUnit::Items,
    }
}

/// Multi-byte characters of 2, 3 and 4 bytes, so that a text's byte length is not its length
/// in characters.
pub const WIDE: [char; 3] = ['é', '€', '😀'];

/// A text of exactly `count` characters, mostly multi-byte (its byte length is about three
/// times `count`), starting and ending with a letter so that it is trimmed.
pub fn text(count: usize) -> String {
    let text: String = (0..count)
        .map(|i| {
            if i == 0 || i + 1 == count {
                'x'
            } else {
                WIDE[i % WIDE.len()]
            }
        })
        .collect();
    assert_eq!(text.chars().count(), count);
    assert!(count < 4 || text.len() > 2 * count, "mostly multi-byte");
    text
}

/// An ASCII text of exactly `count` characters.
pub fn ascii(count: usize) -> String {
    "a".repeat(count)
}

/// Checks a text rule's boundary: `max` characters pass and `max + 1` fail with exactly one
/// `max_length` violation at `pointer`. `make(n)` builds a value whose text under test has
/// `n` characters, from `fill(n)`.
pub fn assert_max_chars<T: Validate>(
    max: usize,
    pointer: &str,
    fill: fn(usize) -> String,
    make: impl Fn(String) -> T,
) {
    let inside = fill(max);
    assert_eq!(inside.chars().count(), max);
    assert_eq!(
        kinds(&make(inside)),
        [],
        "{max} characters at {pointer} must pass"
    );
    let outside = fill(max + 1);
    assert_eq!(
        kinds(&make(outside)),
        [(pointer.to_owned(), chars(max, max + 1))],
        "{} characters at {pointer} must fail",
        max + 1
    );
}

/// Checks a collection's boundary: `max` items pass, `max + 1` fail at `pointer`.
pub fn assert_max_items<T: Validate>(max: usize, pointer: &str, make: impl Fn(usize) -> T) {
    assert_eq!(kinds(&make(max)), [], "{max} items at {pointer} must pass");
    assert_eq!(
        kinds(&make(max + 1)),
        [(pointer.to_owned(), items(max, max + 1))],
        "{} items at {pointer} must fail",
        max + 1
    );
}

/// The fixture `name` from `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `value` serialized and parsed back as a JSON value.
pub fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}
