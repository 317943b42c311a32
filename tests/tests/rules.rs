//! Each rule of `#[derive(Validate)]`, rejecting and accepting at its exact boundary, with the
//! codes and parameters of the violations and their order.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use channel_model::{CustomError, LengthUnit, Validate, ViolationKind};
use channel_tests::violations;

/// The `(path, kind)` of every violation of `value`, in order.
fn kinds<T: Validate + ?Sized>(value: &T) -> Vec<(String, ViolationKind)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|v| (v.path().to_string(), v.kind().clone()))
            .collect(),
    }
}

fn v(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

fn chars(max: usize, actual: usize) -> ViolationKind {
    ViolationKind::MaxLength {
        max,
        actual,
        unit: LengthUnit::Characters,
    }
}

fn items(max: usize, actual: usize) -> ViolationKind {
    ViolationKind::MaxLength {
        max,
        actual,
        unit: LengthUnit::Items,
    }
}

// ---------------------------------------------------------------------------------------------
// required

#[derive(Validate, Default)]
struct RequiredString {
    #[validate(required)]
    s: String,
}

#[test]
fn required_string_must_not_be_empty() {
    assert_eq!(
        violations(&RequiredString { s: String::new() }),
        [v("/s", "required")]
    );
    assert_eq!(
        kinds(&RequiredString::default())[0].1,
        ViolationKind::Required
    );
    assert!(violations(&RequiredString { s: "a".into() }).is_empty());
    // `required` checks presence, not content: a blank string is present.
    assert!(violations(&RequiredString { s: " ".into() }).is_empty());
}

#[derive(Validate, Default)]
struct RequiredOptions {
    #[validate(required)]
    text: Option<String>,
    #[validate(required)]
    list: Option<Vec<u8>>,
    #[validate(required)]
    number: Option<u32>,
    #[validate(required)]
    flag: Option<bool>,
    #[validate(required)]
    inner: Option<Inner>,
}

#[derive(Validate, Default)]
struct Inner {
    #[validate(max_length = 3)]
    name: String,
}

#[test]
fn required_option_must_be_some_and_not_empty() {
    assert_eq!(
        violations(&RequiredOptions::default()),
        [
            v("/text", "required"),
            v("/list", "required"),
            v("/number", "required"),
            v("/flag", "required"),
            v("/inner", "required"),
        ]
    );
    let empty_inside = RequiredOptions {
        text: Some(String::new()),
        list: Some(Vec::new()),
        number: Some(0),
        flag: Some(false),
        inner: Some(Inner::default()),
    };
    // Empty strings and collections are missing; zero, false and a struct never are.
    assert_eq!(
        violations(&empty_inside),
        [v("/text", "required"), v("/list", "required")]
    );
    let full = RequiredOptions {
        text: Some("x".into()),
        list: Some(vec![0]),
        ..empty_inside
    };
    assert!(violations(&full).is_empty());
}

#[derive(Validate)]
struct RequiredCollections {
    #[validate(required)]
    vec: Vec<String>,
    #[validate(required)]
    set: BTreeSet<u8>,
    #[validate(required)]
    map: HashMap<String, u8>,
    #[validate(required)]
    deque: VecDeque<u8>,
    #[validate(required)]
    boxed: Box<str>,
    #[validate(required)]
    cow: Cow<'static, str>,
    #[validate(required)]
    slice: Box<[u8]>,
}

#[test]
fn required_collections_must_have_an_item() {
    let empty = RequiredCollections {
        vec: Vec::new(),
        set: BTreeSet::new(),
        map: HashMap::new(),
        deque: VecDeque::new(),
        boxed: "".into(),
        cow: Cow::Borrowed(""),
        slice: Box::new([]),
    };
    assert_eq!(
        violations(&empty),
        [
            v("/vec", "required"),
            v("/set", "required"),
            v("/map", "required"),
            v("/deque", "required"),
            v("/boxed", "required"),
            v("/cow", "required"),
            v("/slice", "required"),
        ]
    );
    let full = RequiredCollections {
        // An item that is itself empty still counts.
        vec: vec![String::new()],
        set: BTreeSet::from([0]),
        map: HashMap::from([(String::new(), 0)]),
        deque: VecDeque::from([0]),
        boxed: "b".into(),
        cow: Cow::Owned("c".into()),
        slice: Box::new([0]),
    };
    assert!(violations(&full).is_empty());
}

#[derive(Validate)]
struct Borrowed<'a> {
    #[validate(required, ascii, max_length = 2)]
    text: &'a str,
    #[validate(required, max_length = 2)]
    items: &'a [u8],
}

#[test]
fn borrowed_strings_and_slices() {
    assert_eq!(
        violations(&Borrowed {
            text: "",
            items: &[]
        }),
        [v("/text", "required"), v("/items", "required")]
    );
    assert_eq!(
        violations(&Borrowed {
            text: "aé",
            items: &[1, 2, 3]
        }),
        [v("/text", "ascii"), v("/items", "max_length")]
    );
    assert!(violations(&Borrowed {
        text: "ab",
        items: &[1, 2]
    })
    .is_empty());
}

// ---------------------------------------------------------------------------------------------
// non_empty

#[derive(Validate, Default)]
struct NonEmpty {
    #[validate(non_empty)]
    text: Option<String>,
    #[validate(non_empty)]
    plain: String,
    #[validate(non_empty)]
    list: Option<Vec<u8>>,
    #[validate(non_empty)]
    map: BTreeMap<u8, u8>,
}

#[test]
fn non_empty_rejects_present_empty_values_only() {
    let none = NonEmpty {
        plain: "p".into(),
        map: BTreeMap::from([(1, 1)]),
        ..NonEmpty::default()
    };
    assert!(violations(&none).is_empty(), "None passes non_empty");

    let empty = NonEmpty {
        text: Some(String::new()),
        plain: String::new(),
        list: Some(Vec::new()),
        map: BTreeMap::new(),
    };
    assert_eq!(
        violations(&empty),
        [
            v("/text", "non_empty"),
            v("/plain", "non_empty"),
            v("/list", "non_empty"),
            v("/map", "non_empty"),
        ]
    );
    assert_eq!(kinds(&empty)[0].1, ViolationKind::NonEmpty);

    let full = NonEmpty {
        text: Some(" ".into()),
        plain: "p".into(),
        list: Some(vec![0]),
        map: BTreeMap::from([(1, 1)]),
    };
    assert!(violations(&full).is_empty());
}

// ---------------------------------------------------------------------------------------------
// An empty value fails required / non_empty only

#[derive(Validate, Default)]
struct EmptyEverywhere {
    #[validate(required, ascii, trimmed, https, max_length = 3)]
    a: String,
    #[validate(non_empty, ascii, trimmed, https, max_length = 3)]
    b: Option<String>,
    #[validate(required, ascii, trimmed, max_length = 3)]
    c: Option<String>,
    #[validate(ascii, trimmed, https, max_length = 3)]
    d: String,
    #[validate(required, max_length = 1, each(required))]
    e: Vec<String>,
}

#[test]
fn an_empty_value_fails_only_required_and_non_empty() {
    let empty = EmptyEverywhere {
        b: Some(String::new()),
        c: Some(String::new()),
        ..EmptyEverywhere::default()
    };
    assert_eq!(
        violations(&empty),
        [
            v("/a", "required"),
            v("/b", "non_empty"),
            v("/c", "required"),
            v("/e", "required"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Every rule but required passes on None

#[derive(Validate, Default)]
#[validate(exclusive(a, b))]
struct AllNone {
    #[validate(non_empty, max_length = 1, ascii, trimmed, https, custom = always_fails)]
    a: Option<String>,
    #[validate(non_empty, max_length = 1, each(required))]
    b: Option<Vec<String>>,
    #[validate(max_length = 1, each(nested), nested)]
    c: Option<Vec<Inner>>,
    #[validate(custom = always_fails_u32)]
    d: Option<u32>,
    #[validate(required, ascii, trimmed, custom = always_fails)]
    e: Option<String>,
}

fn always_fails(_: &str) -> Result<(), CustomError> {
    Err(CustomError::new("always", "always fails"))
}

fn always_fails_u32(_: &u32) -> Result<(), CustomError> {
    Err(CustomError::new("always", "always fails"))
}

#[test]
fn every_rule_but_required_passes_on_none() {
    assert_eq!(violations(&AllNone::default()), [v("/e", "required")]);
}

// ---------------------------------------------------------------------------------------------
// max_length

#[derive(Validate)]
struct Limited {
    #[validate(max_length = 255)]
    text: String,
}

fn limited(text: String) -> Vec<(String, ViolationKind)> {
    kinds(&Limited { text })
}

#[test]
fn max_length_counts_ascii_characters() {
    assert!(limited("a".repeat(255)).is_empty());
    assert_eq!(
        limited("a".repeat(256)),
        [("/text".into(), chars(255, 256))]
    );
    assert!(limited(String::new()).is_empty());
}

#[test]
fn max_length_counts_unicode_scalar_values_not_bytes() {
    // 255 four-byte emoji are 1020 bytes but 255 characters.
    let emoji = "😀".repeat(255);
    assert_eq!(emoji.len(), 1020);
    assert!(limited(emoji).is_empty());
    assert_eq!(
        limited("😀".repeat(256)),
        [("/text".into(), chars(255, 256))]
    );

    // A precomposed accented letter is 2 bytes and 1 character.
    assert!(limited("é".repeat(255)).is_empty());
    assert_eq!(
        limited("é".repeat(256)),
        [("/text".into(), chars(255, 256))]
    );

    // Three-byte characters, mixed with ASCII.
    assert!(limited(format!("{}{}", "€".repeat(200), "a".repeat(55))).is_empty());
    assert_eq!(
        limited(format!("{}{}", "€".repeat(200), "a".repeat(56))),
        [("/text".into(), chars(255, 256))]
    );

    // A decomposed letter (e + combining acute) is two scalar values: not graphemes.
    let decomposed = "e\u{301}".repeat(128);
    assert_eq!(decomposed.chars().count(), 256);
    assert_eq!(limited(decomposed), [("/text".into(), chars(255, 256))]);
    assert!(limited("e\u{301}".repeat(127) + "e").is_empty());
}

#[derive(Validate)]
struct LimitedCollections {
    #[validate(max_length = 3)]
    vec: Vec<String>,
    #[validate(max_length = 3)]
    opt: Option<Vec<u8>>,
    #[validate(max_length = 3)]
    set: HashSet<u8>,
    #[validate(max_length = 3)]
    map: BTreeMap<String, String>,
    #[validate(max_length = 3)]
    array: [u8; 4],
    #[validate(max_length = 3)]
    opt_text: Option<String>,
    #[validate(max_length = 3)]
    rc: Rc<str>,
    #[validate(max_length = 3)]
    arc: Arc<Vec<u8>>,
}

#[test]
fn max_length_counts_items_of_collections() {
    // Items are counted, whatever their size.
    let at_limit = LimitedCollections {
        vec: vec!["long string".into(); 3],
        opt: Some(vec![1, 2, 3]),
        set: HashSet::from([1, 2, 3]),
        map: (0..3).map(|i| (i.to_string(), "x".repeat(10))).collect(),
        array: [0; 4],
        opt_text: Some("äöü".into()),
        rc: "abc".into(),
        arc: Arc::new(vec![1, 2, 3]),
    };
    assert_eq!(
        kinds(&at_limit),
        [("/array".into(), items(3, 4))],
        "only the array is over"
    );
    let over = LimitedCollections {
        vec: vec![String::new(); 4],
        opt: Some(vec![1, 2, 3, 4, 5]),
        set: HashSet::from([1, 2, 3, 4]),
        map: (0..4).map(|i| (i.to_string(), String::new())).collect(),
        array: [0; 4],
        opt_text: Some("äöüß".into()),
        rc: "abcd".into(),
        arc: Arc::new(vec![1, 2, 3, 4]),
    };
    assert_eq!(
        kinds(&over),
        [
            ("/vec".into(), items(3, 4)),
            ("/opt".into(), items(3, 5)),
            ("/set".into(), items(3, 4)),
            ("/map".into(), items(3, 4)),
            ("/array".into(), items(3, 4)),
            ("/opt_text".into(), chars(3, 4)),
            ("/rc".into(), chars(3, 4)),
            ("/arc".into(), items(3, 4)),
        ]
    );
}

#[derive(Validate)]
struct One {
    #[validate(max_length = 1)]
    text: String,
}

#[test]
fn max_length_one() {
    assert!(violations(&One {
        text: String::new()
    })
    .is_empty());
    assert!(violations(&One {
        text: "😀".into()
    })
    .is_empty());
    assert_eq!(
        kinds(&One {
            text: "😀😀".into()
        }),
        [("/text".into(), chars(1, 2))]
    );
}

// ---------------------------------------------------------------------------------------------
// ascii

#[derive(Validate)]
struct Ascii {
    #[validate(ascii)]
    text: Option<String>,
}

fn ascii(text: &str) -> Vec<(String, ViolationKind)> {
    kinds(&Ascii {
        text: Some(text.into()),
    })
}

fn ascii_at(position: usize) -> Vec<(String, ViolationKind)> {
    vec![("/text".into(), ViolationKind::Ascii { position })]
}

#[test]
fn ascii_accepts_every_ascii_character() {
    let all: String = (0u8..=127).map(char::from).collect();
    assert!(ascii(&all).is_empty());
    assert!(ascii("").is_empty());
    assert!(kinds(&Ascii { text: None }).is_empty());
}

#[test]
fn ascii_reports_the_first_non_ascii_character() {
    assert_eq!(ascii("é"), ascii_at(0));
    assert_eq!(ascii("aé"), ascii_at(1));
    assert_eq!(ascii("abc😀"), ascii_at(3));
    assert_eq!(ascii("ab\u{80}"), ascii_at(2));
    // Only the first one counts, however many follow.
    assert_eq!(ascii("order 42: größe €"), ascii_at(12));
    assert_eq!(ascii("x\u{A0}y"), ascii_at(1));
}

// ---------------------------------------------------------------------------------------------
// trimmed

#[derive(Validate)]
struct Trimmed {
    #[validate(trimmed)]
    text: String,
}

fn trimmed(text: &str) -> Vec<(String, ViolationKind)> {
    kinds(&Trimmed { text: text.into() })
}

fn trimmed_at(position: usize) -> Vec<(String, ViolationKind)> {
    vec![("/text".into(), ViolationKind::Trimmed { position })]
}

#[test]
fn trimmed_accepts_inner_whitespace() {
    assert!(trimmed("").is_empty());
    assert!(trimmed("a").is_empty());
    assert!(trimmed("a b\tc\nd\u{3000}e").is_empty());
}

#[test]
fn trimmed_reports_leading_whitespace_at_zero() {
    assert_eq!(trimmed(" a"), trimmed_at(0));
    assert_eq!(trimmed("\ta"), trimmed_at(0));
    assert_eq!(trimmed("\u{3000}a"), trimmed_at(0));
    assert_eq!(trimmed("\u{A0}a"), trimmed_at(0));
    // Leading and trailing: the leading one is reported.
    assert_eq!(trimmed(" a "), trimmed_at(0));
    // Whitespace only.
    assert_eq!(trimmed("   "), trimmed_at(0));
}

#[test]
fn trimmed_reports_the_first_trailing_whitespace_in_characters() {
    assert_eq!(trimmed("a "), trimmed_at(1));
    assert_eq!(trimmed("ab\n"), trimmed_at(2));
    assert_eq!(trimmed("a b  "), trimmed_at(3));
    assert_eq!(trimmed("x\u{A0}"), trimmed_at(1));
    assert_eq!(trimmed("x \u{3000}"), trimmed_at(1));
    // Characters, not bytes: "é" and "😀" are one character each.
    assert_eq!(trimmed("é\u{3000}"), trimmed_at(1));
    assert_eq!(trimmed("😀😀 "), trimmed_at(2));
    assert_eq!(trimmed("日本語\u{3000}\u{3000}"), trimmed_at(3));
}

#[test]
fn trimmed_means_what_str_trim_removes() {
    // Unicode White_Space characters, and some look-alikes that are not White_Space.
    let candidates = [
        '\t', '\n', '\u{B}', '\u{C}', '\r', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}',
        '\u{2007}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
        '\u{200B}', '\u{FEFF}', '\u{180E}', '\u{0}', '\u{1F}', '\u{7F}', '\u{2060}', '_',
    ];
    for c in candidates {
        let whitespace = c.to_string().trim().is_empty();
        let leading = format!("{c}x");
        let trailing = format!("x{c}");
        if whitespace {
            assert_eq!(trimmed(&leading), trimmed_at(0), "{:?}", c);
            assert_eq!(trimmed(&trailing), trimmed_at(1), "{:?}", c);
        } else {
            assert!(trimmed(&leading).is_empty(), "{:?}", c);
            assert!(trimmed(&trailing).is_empty(), "{:?}", c);
        }
    }
    // Spelled out: ideographic and no-break spaces are whitespace, a zero-width space is not.
    assert_eq!(trimmed("\u{3000}x"), trimmed_at(0));
    assert_eq!(trimmed("x\u{A0}"), trimmed_at(1));
    assert!(trimmed("\u{200B}x\u{200B}").is_empty());
}

// ---------------------------------------------------------------------------------------------
// https

#[derive(Validate)]
struct Url {
    #[validate(https)]
    url: Option<String>,
}

fn https_passes(url: &str) -> bool {
    let errors = violations(&Url {
        url: Some(url.into()),
    });
    match errors.as_slice() {
        [] => true,
        [(path, code)] if path == "/url" && code == "https" => false,
        other => panic!("unexpected violations for {url:?}: {other:?}"),
    }
}

#[test]
fn https_accepts_https_urls_in_any_case() {
    for url in [
        "https://example.com",
        "https://example.com/files/1.jpg?size=large#top",
        "HTTPS://X",
        "HtTpS://example.com",
        "https://user:secret@example.com:8443/a",
        "https://[::1]/a",
        "https://127.0.0.1",
        "https://example.com:443",
        "https://ex.com?q",
        "https://ex.com#f",
    ] {
        assert!(https_passes(url), "{url:?} must pass");
    }
}

#[test]
fn https_accepts_relative_references() {
    for url in [
        "files/1.jpg",
        "/x",
        "./admin_ui",
        "../up",
        "?page=2",
        "#fragment",
        "",
        "//cdn.example.com/a.png",
        "./http://example.com",
        "/http://example.com",
        "1http://x",
    ] {
        assert!(https_passes(url), "{url:?} must pass");
    }
    assert!(violations(&Url { url: None }).is_empty());
}

#[test]
fn https_rejects_other_schemes_and_missing_hosts() {
    for url in [
        "http://example.com",
        "http://",
        "HTTP://EXAMPLE.COM",
        "ftp://example.com",
        "javascript:alert(1)",
        "mailto:someone@example.com",
        "data:text/plain,hi",
        "https:///a",
        "https://",
        "https:",
        "https:example.com",
        "https:/example.com",
        "https://user@/a",
        "https://:443",
        "https://?q",
        "https://#f",
        "httpx://example.com",
        "https+x://example.com",
        // Spaces and control characters at either end, which URL parsers strip.
        " https://x",
        "https://x ",
        " http://x",
        "\thttp://x",
        "\u{0}http://x",
    ] {
        assert!(!https_passes(url), "{url:?} must fail");
    }
}

#[derive(Validate)]
struct Urls {
    #[validate(max_length = 3, each(https, max_length = 20))]
    urls: Vec<String>,
}

#[test]
fn https_on_each_item() {
    let urls = Urls {
        urls: vec![
            "https://a.example".into(),
            "http://b.example".into(),
            "relative/path".into(),
            format!("https://{}.example", "c".repeat(20)),
        ],
    };
    assert_eq!(
        violations(&urls),
        [
            v("/urls", "max_length"),
            v("/urls/1", "https"),
            v("/urls/3", "max_length"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Several rules on one value

#[derive(Validate)]
struct Many {
    #[validate(ascii, trimmed, max_length = 3)]
    forward: String,
    #[validate(max_length = 3, trimmed, ascii)]
    backward: String,
}

#[test]
fn every_failing_rule_is_reported_in_the_order_written() {
    let bad = Many {
        forward: " é  x".into(),
        backward: " é  x".into(),
    };
    assert_eq!(
        kinds(&bad),
        [
            ("/forward".into(), ViolationKind::Ascii { position: 1 }),
            ("/forward".into(), ViolationKind::Trimmed { position: 0 }),
            ("/forward".into(), chars(3, 5)),
            ("/backward".into(), chars(3, 5)),
            ("/backward".into(), ViolationKind::Trimmed { position: 0 }),
            ("/backward".into(), ViolationKind::Ascii { position: 1 }),
        ]
    );
    let one_each = Many {
        forward: "é".into(),
        backward: "abc ".into(),
    };
    assert_eq!(
        violations(&one_each),
        [
            v("/forward", "ascii"),
            v("/backward", "max_length"),
            v("/backward", "trimmed"),
        ]
    );
}

#[derive(Validate)]
struct SplitAttributes {
    #[validate(trimmed)]
    #[validate(max_length = 2, ascii)]
    text: String,
}

#[test]
fn rules_of_several_attributes_run_in_the_order_written() {
    assert_eq!(
        violations(&SplitAttributes {
            text: "üüü ".into()
        }),
        [
            v("/text", "trimmed"),
            v("/text", "max_length"),
            v("/text", "ascii"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// nested

#[derive(Validate)]
struct Nesting {
    #[validate(nested)]
    plain: Inner,
    #[validate(nested)]
    optional: Option<Inner>,
    #[validate(nested)]
    list: Vec<Inner>,
    #[validate(nested)]
    boxed: Box<Inner>,
    #[validate(nested)]
    slice: Box<[Inner]>,
    #[validate(nested)]
    array: [Inner; 2],
    #[validate(nested)]
    optional_list: Option<Vec<Inner>>,
    #[validate(nested)]
    list_of_options: Vec<Option<Inner>>,
    #[validate(nested)]
    rc: Rc<Inner>,
    #[validate(nested)]
    deque: VecDeque<Box<Inner>>,
}

fn inner(name: &str) -> Inner {
    Inner { name: name.into() }
}

#[test]
fn nested_reports_under_the_field() {
    let ok = || inner("ok");
    let bad = || inner("long");
    let value = Nesting {
        plain: bad(),
        optional: Some(bad()),
        list: vec![ok(), bad(), ok(), bad()],
        boxed: Box::new(bad()),
        slice: vec![bad()].into_boxed_slice(),
        array: [ok(), bad()],
        optional_list: Some(vec![ok(), ok(), bad()]),
        list_of_options: vec![None, Some(bad())],
        rc: Rc::new(bad()),
        deque: VecDeque::from([Box::new(ok()), Box::new(bad())]),
    };
    assert_eq!(
        violations(&value),
        [
            v("/plain/name", "max_length"),
            v("/optional/name", "max_length"),
            v("/list/1/name", "max_length"),
            v("/list/3/name", "max_length"),
            v("/boxed/name", "max_length"),
            v("/slice/0/name", "max_length"),
            v("/array/1/name", "max_length"),
            v("/optional_list/2/name", "max_length"),
            v("/list_of_options/1/name", "max_length"),
            v("/rc/name", "max_length"),
            v("/deque/1/name", "max_length"),
        ]
    );
    let valid = Nesting {
        plain: ok(),
        optional: None,
        list: Vec::new(),
        boxed: Box::new(ok()),
        slice: Box::new([]),
        array: [ok(), ok()],
        optional_list: None,
        list_of_options: vec![None],
        rc: Rc::new(ok()),
        deque: VecDeque::new(),
    };
    assert!(violations(&valid).is_empty());
}

#[derive(Validate)]
struct Deep {
    #[validate(nested)]
    middle: Vec<Middle>,
}

#[derive(Validate)]
struct Middle {
    #[validate(required)]
    id: String,
    #[validate(nested)]
    leaves: Vec<Inner>,
    #[validate(max_length = 1)]
    tags: Vec<String>,
}

#[test]
fn nested_values_are_reported_in_place() {
    let deep = Deep {
        middle: vec![
            Middle {
                id: String::new(),
                leaves: vec![inner("long"), inner("ok"), inner("longer")],
                tags: vec!["a".into(), "b".into()],
            },
            Middle {
                id: "1".into(),
                leaves: vec![inner("ok")],
                tags: Vec::new(),
            },
            Middle {
                id: String::new(),
                leaves: Vec::new(),
                tags: Vec::new(),
            },
        ],
    };
    assert_eq!(
        violations(&deep),
        [
            v("/middle/0/id", "required"),
            v("/middle/0/leaves/0/name", "max_length"),
            v("/middle/0/leaves/2/name", "max_length"),
            v("/middle/0/tags", "max_length"),
            v("/middle/2/id", "required"),
        ]
    );
}

#[derive(Validate)]
struct NestedWithOtherRules {
    #[validate(required, nested)]
    inner: Option<Inner>,
    #[validate(max_length = 1, nested)]
    list: Vec<Inner>,
    #[validate(nested, max_length = 1)]
    list_after: Vec<Inner>,
}

#[test]
fn nested_combines_with_collection_rules_in_order() {
    let value = NestedWithOtherRules {
        inner: None,
        list: vec![inner("long"), inner("long")],
        list_after: vec![inner("long"), inner("ok")],
    };
    assert_eq!(
        violations(&value),
        [
            v("/inner", "required"),
            v("/list", "max_length"),
            v("/list/0/name", "max_length"),
            v("/list/1/name", "max_length"),
            v("/list_after/0/name", "max_length"),
            v("/list_after", "max_length"),
        ]
    );
}

#[derive(Validate)]
struct Generic<T> {
    #[validate(nested)]
    value: T,
    #[validate(max_length = 1, each(nested))]
    values: Vec<T>,
}

#[test]
fn nested_in_a_generic_struct() {
    let value = Generic {
        value: inner("long"),
        values: vec![inner("ok"), inner("long")],
    };
    assert_eq!(
        violations(&value),
        [
            v("/value/name", "max_length"),
            v("/values", "max_length"),
            v("/values/1/name", "max_length"),
        ]
    );
    assert!(violations(&Generic {
        value: inner("ok"),
        values: vec![inner("ok")]
    })
    .is_empty());
}

/// Text rules on fields whose types are, or hold, type parameters.
#[derive(Validate)]
struct GenericText<S, O> {
    #[validate(https, ascii)]
    url: S,
    #[validate(trimmed)]
    label: Option<O>,
    #[validate(each(trimmed))]
    tags: Vec<O>,
}

#[test]
fn text_rules_in_a_generic_struct() {
    let value = GenericText {
        url: "http://example.com/é",
        label: Some(" a".to_owned()),
        tags: vec!["ok".to_owned(), "b ".to_owned()],
    };
    assert_eq!(
        violations(&value),
        [
            v("/url", "https"),
            v("/url", "ascii"),
            v("/label", "trimmed"),
            v("/tags/1", "trimmed"),
        ]
    );
    let valid = GenericText {
        url: String::from("https://example.com/a"),
        label: None::<String>,
        tags: Vec::new(),
    };
    assert!(violations(&valid).is_empty());
}

// ---------------------------------------------------------------------------------------------
// each

#[derive(Validate)]
struct Each {
    #[validate(each(required, max_length = 3))]
    texts: Vec<String>,
    #[validate(each(non_empty, trimmed))]
    optional_texts: Option<Vec<String>>,
    #[validate(each(each(ascii)))]
    grid: Vec<Vec<String>>,
    #[validate(each(custom = always_fails))]
    maybe: Vec<Option<String>>,
    #[validate(each(required))]
    required_items: Vec<Option<String>>,
    #[validate(each(nested))]
    inners: [Inner; 2],
    #[validate(each(max_length = 1))]
    sets: BTreeSet<Vec<u8>>,
}

#[test]
fn each_checks_every_item_at_its_index() {
    let value = Each {
        texts: vec![String::new(), "abcd".into(), "abc".into(), "äöüß".into()],
        optional_texts: Some(vec!["ok".into(), String::new(), " x".into()]),
        grid: vec![vec!["a".into()], vec!["b".into(), "ç".into()], Vec::new()],
        maybe: vec![None, Some("x".into()), None, Some(String::new())],
        required_items: vec![Some("x".into()), None, Some(String::new())],
        inners: [inner("long"), inner("ok")],
        sets: BTreeSet::from([vec![1], vec![1, 2]]),
    };
    assert_eq!(
        violations(&value),
        [
            v("/texts/0", "required"),
            v("/texts/1", "max_length"),
            v("/texts/3", "max_length"),
            v("/optional_texts/1", "non_empty"),
            v("/optional_texts/2", "trimmed"),
            v("/grid/1/1", "ascii"),
            v("/maybe/1", "always"),
            v("/maybe/3", "always"),
            v("/required_items/1", "required"),
            v("/required_items/2", "required"),
            v("/inners/0/name", "max_length"),
            v("/sets/1", "max_length"),
        ]
    );
}

#[test]
fn each_passes_on_none_and_empty() {
    let value = Each {
        texts: Vec::new(),
        optional_texts: None,
        grid: vec![Vec::new()],
        maybe: vec![None, None],
        required_items: Vec::new(),
        inners: [inner("a"), inner("b")],
        sets: BTreeSet::new(),
    };
    assert!(violations(&value).is_empty());
}

#[derive(Validate)]
struct EachAndCollection {
    #[validate(each(max_length = 2), max_length = 1, non_empty)]
    items_first: Vec<String>,
    #[validate(non_empty, max_length = 1, each(max_length = 2))]
    collection_first: Vec<String>,
}

#[test]
fn each_runs_where_it_is_written() {
    let value = EachAndCollection {
        items_first: vec!["abc".into(), "abcd".into()],
        collection_first: vec!["abc".into(), "ab".into()],
    };
    assert_eq!(
        violations(&value),
        [
            v("/items_first/0", "max_length"),
            v("/items_first/1", "max_length"),
            v("/items_first", "max_length"),
            v("/collection_first", "max_length"),
            v("/collection_first/0", "max_length"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// custom

mod checks {
    use channel_model::CustomError;

    pub fn even(value: &u32) -> Result<(), CustomError> {
        if value.is_multiple_of(2) {
            Ok(())
        } else {
            Err(CustomError::new("even", "must be an even number"))
        }
    }

    pub fn locale(value: &str) -> Result<(), CustomError> {
        if value.contains('_') {
            Err(CustomError::new(
                "locale",
                "must use `-` between language and region",
            ))
        } else {
            Ok(())
        }
    }

    pub fn short_list(value: &[String]) -> Result<(), CustomError> {
        if value.len() > 1 {
            Err(CustomError::new("short_list", "too many"))
        } else {
            Ok(())
        }
    }
}

fn inner_is_named_ok(value: &Inner) -> Result<(), CustomError> {
    if value.name == "ok" {
        Ok(())
    } else {
        Err(CustomError::new(
            String::from("inner_name"),
            String::from("must be named ok"),
        ))
    }
}

#[derive(Validate)]
struct Custom {
    #[validate(custom = checks::even)]
    number: u32,
    #[validate(custom = checks::even)]
    optional_number: Option<u32>,
    #[validate(custom = checks::locale)]
    locale: String,
    #[validate(custom = checks::locale)]
    optional_locale: Option<String>,
    #[validate(custom = checks::short_list)]
    list: Vec<String>,
    #[validate(custom = inner_is_named_ok, nested)]
    inner: Option<Inner>,
    #[validate(required, custom = checks::locale, max_length = 2)]
    combined: Option<String>,
}

#[test]
fn custom_rules_get_the_value_or_the_option_contents() {
    let bad = Custom {
        number: 3,
        optional_number: Some(5),
        locale: "pt_BR".into(),
        optional_locale: Some("de_DE".into()),
        list: vec![String::new(), String::new()],
        inner: Some(inner("long")),
        combined: Some("a_b".into()),
    };
    assert_eq!(
        violations(&bad),
        [
            v("/number", "even"),
            v("/optional_number", "even"),
            v("/locale", "locale"),
            v("/optional_locale", "locale"),
            v("/list", "short_list"),
            v("/inner", "inner_name"),
            v("/inner/name", "max_length"),
            v("/combined", "locale"),
            v("/combined", "max_length"),
        ]
    );
    let errors = bad.validate().unwrap_err();
    let ViolationKind::Custom(error) = errors.iter().next().unwrap().kind() else {
        panic!("expected a custom violation");
    };
    assert_eq!(
        (error.code(), error.message()),
        ("even", "must be an even number")
    );

    let none = Custom {
        number: 2,
        optional_number: None,
        locale: "pt-BR".into(),
        optional_locale: None,
        list: vec![String::new()],
        inner: None,
        combined: None,
    };
    assert_eq!(violations(&none), [v("/combined", "required")]);
}

// ---------------------------------------------------------------------------------------------
// exclusive

#[derive(Validate, Default)]
#[validate(exclusive(parent_id, thread_id, reply_to))]
struct Exclusive {
    parent_id: Option<String>,
    #[validate(trimmed)]
    thread_id: Option<String>,
    reply_to: Option<u64>,
    #[validate(non_empty)]
    other: Option<String>,
}

fn exclusive_kind(fields: &[&'static str]) -> ViolationKind {
    ViolationKind::Exclusive {
        fields: fields.to_vec(),
    }
}

#[test]
fn exclusive_allows_at_most_one() {
    assert!(kinds(&Exclusive::default()).is_empty());
    for one in [
        Exclusive {
            parent_id: Some("p".into()),
            ..Exclusive::default()
        },
        Exclusive {
            thread_id: Some(String::new()),
            other: Some("o".into()),
            ..Exclusive::default()
        },
        Exclusive {
            reply_to: Some(0),
            other: Some("o".into()),
            ..Exclusive::default()
        },
    ] {
        assert!(kinds(&one).is_empty());
    }
}

#[test]
fn exclusive_reports_the_fields_set_together_at_the_object() {
    let two = Exclusive {
        parent_id: Some("p".into()),
        reply_to: Some(1),
        ..Exclusive::default()
    };
    assert_eq!(
        kinds(&two),
        [(String::new(), exclusive_kind(&["parent_id", "reply_to"]))]
    );
    // An empty string is still set.
    let all = Exclusive {
        parent_id: Some(String::new()),
        thread_id: Some("t ".into()),
        reply_to: Some(1),
        other: Some("o".into()),
    };
    assert_eq!(
        kinds(&all),
        [
            ("/thread_id".into(), ViolationKind::Trimmed { position: 1 }),
            (
                String::new(),
                exclusive_kind(&["parent_id", "thread_id", "reply_to"])
            ),
        ]
    );
}

#[derive(Validate, Default)]
// Clippy takes the second `a` for a duplicated attribute; it is a second group.
#[allow(clippy::duplicated_attributes)]
#[validate(exclusive(b, a))]
#[validate(exclusive(c, a))]
struct ExclusiveOrder {
    a: Option<u8>,
    b: Option<u8>,
    c: Option<u8>,
}

#[test]
fn exclusive_groups_in_the_order_written_fields_in_declaration_order() {
    let value = ExclusiveOrder {
        a: Some(1),
        b: Some(2),
        c: Some(3),
    };
    assert_eq!(
        kinds(&value),
        [
            (String::new(), exclusive_kind(&["a", "b"])),
            (String::new(), exclusive_kind(&["a", "c"])),
        ]
    );
}

#[derive(Validate)]
struct ExclusiveHolder {
    #[validate(nested)]
    single: Exclusive,
    #[validate(nested)]
    list: Vec<Exclusive>,
    #[validate(required)]
    after: String,
}

#[test]
fn exclusive_of_a_nested_struct_is_at_that_struct_after_its_fields() {
    let both = || Exclusive {
        parent_id: Some("p".into()),
        thread_id: Some(" t".into()),
        ..Exclusive::default()
    };
    let value = ExclusiveHolder {
        single: both(),
        list: vec![Exclusive::default(), both()],
        after: String::new(),
    };
    assert_eq!(
        violations(&value),
        [
            v("/single/thread_id", "trimmed"),
            v("/single", "exclusive"),
            v("/list/1/thread_id", "trimmed"),
            v("/list/1", "exclusive"),
            v("/after", "required"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// required on an `Option` of any type, and newtypes

mod required_any {
    use std::net::{IpAddr, Ipv4Addr};
    use std::time::Duration;

    use channel_model::chrono::{DateTime, Utc};
    use channel_model::rules::MaybeEmpty;
    use channel_model::{serde_json, Validate};
    use channel_tests::violations;

    use super::v;

    /// `required` is `Some` for types that have no emptiness, and no impl is needed.
    #[derive(Validate, Default)]
    struct Foreign {
        #[validate(required)]
        at: Option<DateTime<Utc>>,
        #[validate(required)]
        json: Option<serde_json::Value>,
        #[validate(required)]
        timeout: Option<Duration>,
        #[validate(required)]
        ip: Option<IpAddr>,
        #[validate(required)]
        pair: Option<(u8, u8)>,
        #[validate(required)]
        nested_option: Option<Option<String>>,
    }

    #[test]
    fn required_is_some_for_any_type() {
        let all = ["/at", "/json", "/timeout", "/ip", "/pair", "/nested_option"];
        let missing: Vec<_> = all.iter().map(|path| v(path, "required")).collect();
        assert_eq!(violations(&Foreign::default()), missing);
        let present = Foreign {
            at: Some(DateTime::UNIX_EPOCH),
            json: Some(serde_json::Value::Null),
            timeout: Some(Duration::ZERO),
            ip: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            pair: Some((0, 0)),
            nested_option: Some(Some("a".into())),
        };
        assert!(violations(&present).is_empty());
        // An `Option` of an `Option` is empty as the inner one is.
        for inner in [None, Some(String::new())] {
            let value = Foreign {
                nested_option: Some(inner),
                ..Foreign::default()
            };
            assert_eq!(violations(&value), missing);
        }
    }

    #[derive(Validate)]
    struct ExternalId(#[validate(max_length = 5)] String);

    #[derive(serde::Serialize, Validate)]
    #[serde(transparent)]
    struct Labels {
        #[validate(max_length = 2)]
        labels: Vec<String>,
    }

    #[derive(Validate)]
    struct Number(u32);

    #[derive(Validate)]
    struct Message {
        #[validate(required, nested)]
        id: Option<ExternalId>,
        #[validate(required)]
        direct: ExternalId,
        #[validate(required, nested)]
        labels: Option<Labels>,
        #[validate(required)]
        number: Option<Number>,
    }

    fn message(id: &str, direct: &str, labels: usize, number: Option<u32>) -> Message {
        Message {
            id: Some(ExternalId(id.into())),
            direct: ExternalId(direct.into()),
            labels: Some(Labels {
                labels: vec!["a".into(); labels],
            }),
            number: number.map(Number),
        }
    }

    #[test]
    fn a_newtype_is_empty_when_its_content_is() {
        assert!(violations(&message("a", "b", 1, Some(0))).is_empty());
        assert_eq!(
            violations(&message("", "", 0, None)),
            [
                v("/id", "required"),
                v("/direct", "required"),
                v("/labels", "required"),
                v("/number", "required"),
            ]
        );
        assert_eq!(
            violations(&message("abcdef", "b", 3, Some(0))),
            [v("/id", "max_length"), v("/labels", "max_length")]
        );
    }

    /// A user's own emptiness for a derived type: no conflict with the derive, and it wins.
    #[derive(Validate)]
    struct Blank(#[validate(max_length = 5)] String);

    impl MaybeEmpty for Blank {
        fn is_empty_value(&self) -> bool {
            self.0.trim().is_empty()
        }
    }

    #[derive(Validate)]
    struct WithBlank {
        #[validate(required)]
        blank: Option<Blank>,
    }

    #[test]
    fn a_users_emptiness_takes_precedence() {
        let blank = |text: &str| WithBlank {
            blank: Some(Blank(text.into())),
        };
        assert_eq!(violations(&blank("  ")), [v("/blank", "required")]);
        assert!(violations(&blank(" a ")).is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// min_length, and limits given as constant expressions

mod min_length {
    use channel_model::{LengthUnit, Validate, ViolationKind};

    use super::kinds;

    const MIN: usize = 3;

    mod limits {
        pub const NAME: usize = 4;
    }

    #[derive(Validate, Default)]
    struct Lengths {
        #[validate(min_length = MIN)]
        text: String,
        #[validate(min_length = limits::NAME, max_length = limits::NAME + 1)]
        optional: Option<String>,
        #[validate(min_length = MIN - 1)]
        items: Vec<u8>,
    }

    fn chars(min: usize, actual: usize) -> ViolationKind {
        ViolationKind::MinLength {
            min,
            actual,
            unit: LengthUnit::Characters,
        }
    }

    fn valid() -> Lengths {
        Lengths {
            text: "abc".into(),
            optional: None,
            items: vec![1, 2],
        }
    }

    #[test]
    fn counts_characters_at_the_boundary() {
        assert!(kinds(&valid()).is_empty());
        // A 4-byte emoji is one character: 2 characters fail, 3 pass.
        for (text, ok) in [
            ("ab", false),
            ("a📦", false),
            ("a📦c", true),
            ("abcd", true),
        ] {
            let value = Lengths {
                text: text.into(),
                ..valid()
            };
            let expected = match ok {
                true => Vec::new(),
                false => vec![("/text".to_owned(), chars(3, 2))],
            };
            assert_eq!(kinds(&value), expected, "{text}");
        }
    }

    #[test]
    fn empty_has_length_zero_and_none_passes() {
        let value = Lengths {
            text: String::new(),
            optional: Some(String::new()),
            items: Vec::new(),
        };
        assert_eq!(
            kinds(&value),
            [
                ("/text".to_owned(), chars(3, 0)),
                ("/optional".to_owned(), chars(4, 0)),
                (
                    "/items".to_owned(),
                    ViolationKind::MinLength {
                        min: 2,
                        actual: 0,
                        unit: LengthUnit::Items
                    }
                ),
            ]
        );
    }

    #[test]
    fn constant_paths_and_expressions_are_limits() {
        let with = |optional: &str| Lengths {
            optional: Some(optional.into()),
            ..valid()
        };
        assert_eq!(kinds(&with("abc")), [("/optional".to_owned(), chars(4, 3))]);
        assert!(kinds(&with("abcd")).is_empty());
        assert!(kinds(&with("abcde")).is_empty());
        assert_eq!(kinds(&with("abcdef"))[0].1.code(), "max_length");
        let items = Lengths {
            items: vec![1],
            ..valid()
        };
        assert_eq!(kinds(&items)[0].1.code(), "min_length");
    }

    #[derive(Validate)]
    struct Presence {
        #[validate(required, min_length = 3)]
        name: String,
        #[validate(non_empty, min_length = 2)]
        nickname: Option<String>,
        #[validate(required, min_length = 2)]
        tags: Option<Vec<String>>,
        #[validate(each(required, min_length = 2))]
        aliases: Vec<String>,
    }

    #[test]
    fn beside_required_or_non_empty_an_empty_value_is_reported_once() {
        let empty = Presence {
            name: String::new(),
            nickname: Some(String::new()),
            tags: Some(Vec::new()),
            aliases: vec![String::new()],
        };
        let found = kinds(&empty);
        let codes: Vec<(String, &str)> = found
            .iter()
            .map(|(path, kind)| (path.clone(), kind.code()))
            .collect();
        assert_eq!(
            codes,
            [
                ("/name".to_owned(), "required"),
                ("/nickname".to_owned(), "non_empty"),
                ("/tags".to_owned(), "required"),
                ("/aliases/0".to_owned(), "required"),
            ]
        );
        // A value that is there but short still fails `min_length`, at its boundary.
        let short = Presence {
            name: "ab".into(),
            nickname: Some("a".into()),
            tags: Some(vec!["a".into()]),
            aliases: vec!["a".into()],
        };
        let items = |min, actual| ViolationKind::MinLength {
            min,
            actual,
            unit: LengthUnit::Items,
        };
        assert_eq!(
            kinds(&short),
            [
                ("/name".to_owned(), chars(3, 2)),
                ("/nickname".to_owned(), chars(2, 1)),
                ("/tags".to_owned(), items(2, 1)),
                ("/aliases/0".to_owned(), chars(2, 1)),
            ]
        );
        let enough = Presence {
            name: "abc".into(),
            nickname: None,
            tags: Some(vec!["a".into(), "b".into()]),
            aliases: vec!["ab".into()],
        };
        assert!(kinds(&enough).is_empty());
    }

    #[derive(Validate)]
    struct One {
        #[validate(min_length = 1, max_length = 1)]
        initial: String,
        #[validate(min_length = 1, max_length = 1)]
        items: Vec<u8>,
    }

    #[test]
    fn a_limit_of_one_is_singular_in_the_message() {
        let messages = |value: &One| -> Vec<String> {
            let errors = value.validate().unwrap_err();
            errors.iter().map(|v| v.kind().to_string()).collect()
        };
        let short = One {
            initial: String::new(),
            items: Vec::new(),
        };
        assert_eq!(
            messages(&short),
            [
                "must be at least 1 character (got 0)",
                "must have at least 1 item (got 0)"
            ]
        );
        let long = One {
            initial: "ab".into(),
            items: vec![1, 2],
        };
        assert_eq!(
            messages(&long),
            [
                "must be at most 1 character (got 2)",
                "must have at most 1 item (got 2)"
            ]
        );
    }

    #[test]
    fn serializes_its_parameters() {
        let value = Lengths {
            text: "ab".into(),
            ..valid()
        };
        let json = channel_model::serde_json::to_value(value.validate().unwrap_err()).unwrap();
        assert_eq!(
            json,
            channel_model::serde_json::json!([{
                "path": "/text",
                "code": "min_length",
                "message": "must be at least 3 characters (got 2)",
                "min": 3,
                "actual": 2,
                "unit": "characters",
            }])
        );
    }
}
