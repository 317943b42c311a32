//! Violation paths are RFC 6901 JSON Pointers in the names that go over the wire: serde's
//! renames, raw identifiers, flattening, newtypes and every enum representation.
//!
//! Besides the expected pointer, every test checks that each pointer resolves in the value as
//! `serde_json` serializes it, so the paths agree with serde itself.

use channel_model::{
    LengthUnit, Location, Path, PathSegment, Validate, ValidationErrors, ViolationKind,
};
use serde::Serialize;

/// The path of every violation of `value`, in order, after checking that each one resolves
/// in `value` serialized by serde.
fn paths<T: Validate + Serialize + ?Sized>(value: &T) -> Vec<String> {
    let json = serde_json::to_value(value).expect("serializes");
    let Err(errors) = value.validate() else {
        return Vec::new();
    };
    errors
        .iter()
        .map(|violation| {
            let pointer = violation.path().to_string();
            assert!(
                json.pointer(&pointer).is_some(),
                "{pointer:?} does not resolve in {json}"
            );
            pointer
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Structs

#[derive(Serialize, Validate)]
struct Plain {
    #[validate(required)]
    external_id: String,
    #[validate(nested)]
    author: Author,
}

#[derive(Serialize, Validate)]
struct Author {
    #[validate(required)]
    name: String,
}

#[test]
fn fields_are_members_and_the_root_is_empty() {
    let value = Plain {
        external_id: String::new(),
        author: Author {
            name: String::new(),
        },
    };
    assert_eq!(paths(&value), ["/external_id", "/author/name"]);
    let errors = value.validate().unwrap_err();
    let author = &errors.as_slice()[1];
    assert_eq!(
        author.path().segments(),
        [
            PathSegment::Key("author".into()),
            PathSegment::Key("name".into())
        ]
    );
    assert!(!author.path().is_root());
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Renamed {
    #[validate(required)]
    external_id: String,
    #[serde(rename = "thread")]
    #[validate(required)]
    thread_id: String,
    #[serde(rename(serialize = "parentRef", deserialize = "parent"))]
    #[validate(required)]
    parent_id: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "displayName"
    )]
    #[validate(non_empty)]
    display_name_field: Option<String>,
    #[serde(alias = "ignored", default)]
    #[validate(required)]
    file_url_2x: String,
    #[validate(required)]
    r#type: String,
    #[serde(rename = "r#match")]
    #[validate(required)]
    r#match: String,
}

#[test]
fn serde_renames_and_raw_identifiers() {
    let value = Renamed {
        external_id: String::new(),
        thread_id: String::new(),
        parent_id: String::new(),
        display_name_field: Some(String::new()),
        file_url_2x: String::new(),
        r#type: String::new(),
        r#match: String::new(),
    };
    assert_eq!(
        paths(&value),
        [
            "/externalId",
            "/thread",
            "/parentRef",
            "/displayName",
            "/fileUrl2x",
            "/type",
            "/r#match",
        ]
    );
}

#[derive(Serialize, Validate)]
#[serde(rename_all(serialize = "SCREAMING_SNAKE_CASE", deserialize = "camelCase"))]
struct RenamedForSerializing {
    #[validate(required)]
    external_id: String,
}

#[test]
fn rename_all_for_serializing_is_used() {
    let value = RenamedForSerializing {
        external_id: String::new(),
    };
    assert_eq!(paths(&value), ["/EXTERNAL_ID"]);
}

/// `rename(serialize = ...)` and `rename(deserialize = ...)` in two attributes, in both orders:
/// the path always has the serialize name.
#[derive(Serialize, Validate)]
#[serde(rename_all(serialize = "camelCase"))]
#[serde(rename_all(deserialize = "snake_case"))]
struct SplitRenames {
    #[serde(rename(serialize = "wireName"))]
    #[serde(rename(deserialize = "legacy"))]
    #[validate(required)]
    first: String,
    #[serde(rename(deserialize = "legacy_second"))]
    #[serde(rename(serialize = "secondWire"))]
    #[validate(required)]
    second: String,
    #[validate(required)]
    third_field: String,
    #[validate(nested)]
    choice: SplitRenamedEnum,
}

#[derive(Serialize, Validate)]
#[serde(rename_all(deserialize = "snake_case"))]
#[serde(rename_all(serialize = "SCREAMING_SNAKE_CASE"))]
#[serde(rename_all_fields(serialize = "camelCase"))]
#[serde(rename_all_fields(deserialize = "snake_case"))]
enum SplitRenamedEnum {
    #[serde(rename(serialize = "text"))]
    #[serde(rename(deserialize = "old_text"))]
    TextMessage {
        #[validate(required)]
        body_text: String,
    },
    #[serde(rename(deserialize = "old"))]
    OtherMessage {
        #[serde(rename(deserialize = "old_field"))]
        #[validate(required)]
        other_text: String,
    },
}

#[test]
fn split_renames_use_the_serialize_names_in_any_order() {
    let text = SplitRenames {
        first: String::new(),
        second: String::new(),
        third_field: String::new(),
        choice: SplitRenamedEnum::TextMessage {
            body_text: String::new(),
        },
    };
    assert_eq!(
        paths(&text),
        [
            "/wireName",
            "/secondWire",
            "/thirdField",
            "/choice/text/bodyText"
        ]
    );
    let other = SplitRenamedEnum::OtherMessage {
        other_text: String::new(),
    };
    assert_eq!(paths(&other), ["/OTHER_MESSAGE/otherText"]);
}

/// A struct and an enum under one `rename_all` convention, with the names expected for the
/// fields `file_url` and `r#type` and for the variant `TextMessage`.
macro_rules! rename_all_case {
    ($rule:literal, $file_url:literal, $type:literal, $variant:literal) => {{
        #[derive(Serialize, Validate)]
        #[serde(rename_all = $rule)]
        struct S {
            #[validate(required)]
            file_url: String,
            #[validate(required)]
            r#type: String,
        }

        #[derive(Serialize, Validate)]
        #[serde(rename_all = $rule)]
        enum E {
            TextMessage {
                #[validate(required)]
                body_text: String,
            },
        }

        let s = S {
            file_url: String::new(),
            r#type: String::new(),
        };
        assert_eq!(
            paths(&s),
            [concat!("/", $file_url), concat!("/", $type)],
            $rule
        );
        let e = E::TextMessage {
            body_text: String::new(),
        };
        // The container's convention names the variants, not their fields.
        assert_eq!(paths(&e), [concat!("/", $variant, "/body_text")], $rule);
    }};
}

#[test]
fn every_rename_all_convention() {
    rename_all_case!("lowercase", "file_url", "type", "textmessage");
    rename_all_case!("UPPERCASE", "FILE_URL", "TYPE", "TEXTMESSAGE");
    rename_all_case!("PascalCase", "FileUrl", "Type", "TextMessage");
    rename_all_case!("camelCase", "fileUrl", "type", "textMessage");
    rename_all_case!("snake_case", "file_url", "type", "text_message");
    rename_all_case!("SCREAMING_SNAKE_CASE", "FILE_URL", "TYPE", "TEXT_MESSAGE");
    rename_all_case!("kebab-case", "file-url", "type", "text-message");
    rename_all_case!("SCREAMING-KEBAB-CASE", "FILE-URL", "TYPE", "TEXT-MESSAGE");
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Edges {
    #[validate(required)]
    _leading: String,
    #[validate(required)]
    a_b_c: String,
    #[validate(required)]
    url_2x: String,
}

#[test]
fn rename_all_edge_cases_match_serde() {
    let value = Edges {
        _leading: String::new(),
        a_b_c: String::new(),
        url_2x: String::new(),
    };
    assert_eq!(paths(&value), ["/leading", "/aBC", "/url2x"]);
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "snake_case")]
enum SnakeVariants {
    HTTPServer {
        #[validate(required)]
        id: String,
    },
    Utf8Text(#[validate(required)] String),
}

#[test]
fn snake_case_variants_match_serde() {
    assert_eq!(
        paths(&SnakeVariants::HTTPServer { id: String::new() }),
        ["/h_t_t_p_server/id"]
    );
    assert_eq!(
        paths(&SnakeVariants::Utf8Text(String::new())),
        ["/utf8_text"]
    );
}

// ---------------------------------------------------------------------------------------------
// Flatten, newtypes, transparent, tuples

#[derive(Serialize, Validate)]
struct Flattening {
    #[validate(required)]
    id: String,
    #[serde(flatten)]
    #[validate(nested)]
    meta: Meta,
    #[serde(flatten)]
    #[validate(nested)]
    extra: Option<Extra>,
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(exclusive(parent_id, thread_id))]
struct Meta {
    #[validate(max_length = 3)]
    created_by: String,
    #[validate(nested)]
    author: Author,
    parent_id: Option<String>,
    thread_id: Option<String>,
}

#[derive(Serialize, Validate)]
struct Extra {
    #[validate(required)]
    note: String,
}

#[test]
fn flatten_adds_no_segment() {
    let value = Flattening {
        id: String::new(),
        meta: Meta {
            created_by: "abcd".into(),
            author: Author {
                name: String::new(),
            },
            parent_id: Some("p".into()),
            thread_id: Some("t".into()),
        },
        extra: Some(Extra {
            note: String::new(),
        }),
    };
    assert_eq!(
        paths(&value),
        ["/id", "/createdBy", "/author/name", "", "/note"]
    );
    let errors = value.validate().unwrap_err();
    assert!(errors.as_slice()[3].path().is_root());
}

#[derive(Serialize, Validate)]
struct ExternalId(#[validate(required, max_length = 3)] String);

#[derive(Serialize, Validate)]
#[serde(transparent)]
struct Wrapper {
    #[validate(nested)]
    inner: Author,
}

#[derive(Serialize, Validate)]
struct Pair(
    #[validate(required)] String,
    #[validate(nested)] Author,
    #[validate(each(required))] Vec<String>,
);

#[derive(Serialize, Validate)]
struct Holder {
    #[validate(nested)]
    id: ExternalId,
    #[validate(nested)]
    ids: Vec<ExternalId>,
    #[validate(nested)]
    wrapper: Wrapper,
    #[validate(nested)]
    pair: Pair,
}

#[test]
fn newtypes_and_transparent_add_no_segment_tuples_add_indexes() {
    let value = Holder {
        id: ExternalId(String::new()),
        ids: vec![ExternalId("ok".into()), ExternalId("long".into())],
        wrapper: Wrapper {
            inner: Author {
                name: String::new(),
            },
        },
        pair: Pair(
            String::new(),
            Author {
                name: String::new(),
            },
            vec!["x".into(), String::new()],
        ),
    };
    assert_eq!(
        paths(&value),
        [
            "/id",
            "/ids/1",
            "/wrapper/name",
            "/pair/0",
            "/pair/1/name",
            "/pair/2/1",
        ]
    );
}

#[test]
fn a_newtype_at_the_root_is_the_root() {
    let errors = ExternalId(String::new()).validate().unwrap_err();
    assert_eq!(paths(&ExternalId(String::new())), [""]);
    assert!(errors.as_slice()[0].path().is_root());
}

// The skipped fields are never read: they are there to be skipped.
#[allow(dead_code)]
#[derive(Serialize, Validate)]
struct SkippingTuple(
    #[serde(skip)] u8,
    #[validate(required)] String,
    #[validate(max_length = 1)] String,
);

#[allow(dead_code)]
#[derive(Serialize, Validate)]
struct SkippingPair(#[serde(skip_serializing)] u8, #[validate(required)] String);

#[derive(Serialize, Validate)]
enum SkippingVariant {
    Tuple(#[serde(skip)] u8, #[validate(required)] String),
}

#[test]
fn skipped_tuple_fields_take_no_index() {
    assert_eq!(
        paths(&SkippingTuple(0, String::new(), "ab".into())),
        ["/0", "/1"]
    );
    assert_eq!(paths(&SkippingPair(0, String::new())), ["/0"]);
    assert_eq!(
        paths(&SkippingVariant::Tuple(0, String::new())),
        ["/Tuple/0"]
    );
}

// ---------------------------------------------------------------------------------------------
// Enums

#[derive(Serialize, Validate)]
struct Body {
    #[validate(required)]
    text: String,
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "snake_case")]
enum External {
    TextMessage {
        #[validate(required)]
        text: String,
    },
    Wrapped(#[validate(nested)] Body),
    Tuple(#[validate(required)] String, #[validate(required)] String),
    #[serde(rename = "renamed")]
    RenamedVariant {
        #[validate(required)]
        text: String,
    },
    #[serde(rename_all = "camelCase")]
    CamelFields {
        #[validate(required)]
        display_name: String,
    },
    Unit,
    #[serde(untagged)]
    Untagged {
        #[validate(required)]
        loose_text: String,
    },
}

#[test]
fn externally_tagged_variants_are_members() {
    let cases = [
        (
            External::TextMessage {
                text: String::new(),
            },
            vec!["/text_message/text"],
        ),
        (
            External::Wrapped(Body {
                text: String::new(),
            }),
            vec!["/wrapped/text"],
        ),
        (
            External::Tuple(String::new(), String::new()),
            vec!["/tuple/0", "/tuple/1"],
        ),
        (
            External::RenamedVariant {
                text: String::new(),
            },
            vec!["/renamed/text"],
        ),
        (
            External::CamelFields {
                display_name: String::new(),
            },
            vec!["/camel_fields/displayName"],
        ),
        (
            External::Untagged {
                loose_text: String::new(),
            },
            vec!["/loose_text"],
        ),
        (External::Unit, vec![]),
    ];
    for (value, expected) in cases {
        assert_eq!(paths(&value), expected);
    }
}

#[derive(Serialize, Validate)]
#[serde(tag = "type", rename_all_fields = "camelCase")]
enum Internal {
    Message {
        #[validate(required)]
        body_text: String,
    },
    Wrapped(#[validate(nested)] Body),
    #[serde(rename_all = "UPPERCASE")]
    Own {
        #[validate(required)]
        body_text: String,
    },
    Unit,
}

#[test]
fn internally_tagged_variants_add_no_segment() {
    assert_eq!(
        paths(&Internal::Message {
            body_text: String::new()
        }),
        ["/bodyText"]
    );
    assert_eq!(
        paths(&Internal::Wrapped(Body {
            text: String::new()
        })),
        ["/text"]
    );
    assert_eq!(
        paths(&Internal::Own {
            body_text: String::new()
        }),
        ["/BODY_TEXT"]
    );
    assert!(paths(&Internal::Unit).is_empty());
}

#[derive(Serialize, Validate)]
#[serde(tag = "kind", content = "data")]
enum Adjacent {
    Message {
        #[validate(required)]
        text: String,
    },
    Wrapped(#[validate(nested)] Body),
    Tuple(#[validate(required)] String, #[validate(required)] String),
    Newtype(#[validate(required)] String),
}

#[test]
fn adjacently_tagged_variants_are_under_the_content() {
    assert_eq!(
        paths(&Adjacent::Message {
            text: String::new()
        }),
        ["/data/text"]
    );
    assert_eq!(
        paths(&Adjacent::Wrapped(Body {
            text: String::new()
        })),
        ["/data/text"]
    );
    assert_eq!(
        paths(&Adjacent::Tuple("x".into(), String::new())),
        ["/data/1"]
    );
    assert_eq!(paths(&Adjacent::Newtype(String::new())), ["/data"]);
}

#[derive(Serialize, Validate)]
#[serde(untagged)]
enum Untagged {
    Message {
        #[validate(required)]
        text: String,
    },
    Wrapped(#[validate(nested)] Body),
    Tuple(#[validate(required)] String, #[validate(required)] String),
}

#[test]
fn untagged_variants_add_no_segment() {
    assert_eq!(
        paths(&Untagged::Message {
            text: String::new()
        }),
        ["/text"]
    );
    assert_eq!(
        paths(&Untagged::Wrapped(Body {
            text: String::new()
        })),
        ["/text"]
    );
    assert_eq!(paths(&Untagged::Tuple(String::new(), "x".into())), ["/0"]);
}

#[derive(Serialize, Validate)]
enum WithExclusive {
    #[validate(exclusive(a, b))]
    Pick {
        #[validate(required)]
        a: Option<String>,
        #[serde(rename = "bee")]
        b: Option<String>,
    },
}

#[derive(Serialize, Validate)]
struct Events {
    #[validate(nested)]
    events: Vec<WithExclusive>,
    #[validate(nested)]
    internal: Option<Internal>,
}

#[test]
fn enums_nested_in_place_and_variant_rules_at_the_variant() {
    let value = Events {
        events: vec![
            WithExclusive::Pick {
                a: Some("a".into()),
                b: None,
            },
            WithExclusive::Pick {
                a: Some(String::new()),
                b: Some("b".into()),
            },
        ],
        internal: Some(Internal::Message {
            body_text: String::new(),
        }),
    };
    assert_eq!(
        paths(&value),
        ["/events/1/Pick/a", "/events/1/Pick", "/internal/bodyText",]
    );
    let errors = value.validate().unwrap_err();
    assert_eq!(
        errors.as_slice()[1].kind(),
        &ViolationKind::Exclusive {
            fields: vec!["a", "bee"]
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Escaping

#[derive(Serialize, Validate)]
struct Escaped {
    #[serde(rename = "a/b")]
    #[validate(required)]
    slash: String,
    #[serde(rename = "~tilde")]
    #[validate(required)]
    tilde: String,
    #[serde(rename = "~1")]
    #[validate(required)]
    tilde_one: String,
    #[serde(rename = "/~/")]
    #[validate(nested)]
    mixed: Author,
    #[serde(rename = "")]
    #[validate(required)]
    empty: String,
    #[serde(rename = "größe")]
    #[validate(required)]
    unicode: String,
}

#[test]
fn keys_are_escaped_as_rfc_6901_requires() {
    let value = Escaped {
        slash: String::new(),
        tilde: String::new(),
        tilde_one: String::new(),
        mixed: Author {
            name: String::new(),
        },
        empty: String::new(),
        unicode: String::new(),
    };
    assert_eq!(
        paths(&value),
        ["/a~1b", "/~0tilde", "/~01", "/~1~0~1/name", "/", "/größe"]
    );
    let errors = value.validate().unwrap_err();
    // The segments keep the names as they are; only the pointer escapes them.
    assert_eq!(
        errors.as_slice()[3].path().segments()[0],
        PathSegment::Key("/~/".into())
    );
}

/// A map validated by hand, with keys known only at run time.
#[derive(Serialize)]
struct Labels(std::collections::BTreeMap<String, String>);

impl Validate for Labels {
    fn validate_into(&self, location: &Location<'_>, errors: &mut ValidationErrors) {
        for (key, value) in &self.0 {
            let actual = value.chars().count();
            if actual > 3 {
                let unit = LengthUnit::Characters;
                let kind = ViolationKind::MaxLength {
                    max: 3,
                    actual,
                    unit,
                };
                errors.add(&location.key(key), kind);
            }
        }
    }
}

#[derive(Serialize, Validate)]
struct WithLabels {
    #[validate(nested)]
    labels: Labels,
}

#[test]
fn run_time_keys_are_escaped_too() {
    let labels = ["a/b", "~", "~1", "", "plain", "ok"]
        .into_iter()
        .map(|key| {
            let value = if key == "ok" { "abc" } else { "abcd" };
            (key.to_owned(), value.to_owned())
        })
        .collect();
    let value = WithLabels {
        labels: Labels(labels),
    };
    assert_eq!(
        paths(&value),
        [
            "/labels/",
            "/labels/a~1b",
            "/labels/plain",
            "/labels/~0",
            "/labels/~01"
        ]
    );
}

#[test]
fn locations_and_paths() {
    let root = Location::root();
    assert!(root.to_path().is_root());
    assert_eq!(root.to_path(), Path::root());
    assert_eq!(root.to_path().to_string(), "");
    let items = root.field("items");
    let third = items.index(3);
    let key = third.key("a/b~");
    let path = key.to_path();
    assert_eq!(path.to_string(), "/items/3/a~1b~0");
    assert_eq!(
        path.segments(),
        [
            PathSegment::Key("items".into()),
            PathSegment::Index(3),
            PathSegment::Key("a/b~".into()),
        ]
    );
    assert_eq!(
        serde_json::to_value(&path).unwrap(),
        serde_json::json!("/items/3/a~1b~0")
    );
    assert_eq!(
        Path::from(vec![PathSegment::Index(0), PathSegment::Key("".into())]).to_string(),
        "/0/"
    );
    assert_eq!(PathSegment::Key("~/".into()).to_string(), "~0~1");
}
