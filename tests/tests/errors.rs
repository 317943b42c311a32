//! `ValidationErrors` and `Violation` as users see them: the collection API, `Display`,
//! `Serialize`, `std::error::Error`, and that no offending value ever leaks into them.

use std::error::Error;

use channel_model::{
    CustomError, HttpsProblem, LengthUnit, Location, Path, PathSegment, Validate, ValidationErrors,
    Violation, ViolationKind,
};
use serde::Serialize;
use serde_json::json;

fn no_underscore(value: &str) -> Result<(), CustomError> {
    if value.contains('_') {
        Err(CustomError::new(
            "no_underscore",
            "must not contain an underscore",
        ))
    } else {
        Ok(())
    }
}

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(exclusive(parent_id, thread_id))]
struct Message {
    #[validate(required, ascii, trimmed, max_length = 8)]
    external_id: String,
    #[validate(non_empty)]
    body: Option<String>,
    #[validate(max_length = 2, each(https))]
    file_urls: Vec<String>,
    #[validate(nested)]
    author: Author,
    #[validate(custom = no_underscore)]
    locale: Option<String>,
    parent_id: Option<String>,
    thread_id: Option<String>,
}

#[derive(Serialize, Validate)]
struct Author {
    #[validate(required)]
    id: Option<String>,
    #[validate(max_length = 2)]
    tags: Vec<String>,
}

fn bad_message() -> Message {
    Message {
        external_id: " ïd-1234567".into(),
        body: Some(String::new()),
        file_urls: vec![
            "https://ok.example".into(),
            "http://bad.example".into(),
            "files/1.jpg".into(),
        ],
        author: Author {
            id: None,
            tags: vec!["a".into(), "b".into(), "c".into()],
        },
        locale: Some("pt_BR".into()),
        parent_id: Some("p".into()),
        thread_id: Some("t".into()),
    }
}

fn valid_message() -> Message {
    Message {
        external_id: "id-1".into(),
        body: None,
        file_urls: vec!["https://ok.example".into()],
        author: Author {
            id: Some("a".into()),
            tags: Vec::new(),
        },
        locale: Some("pt-BR".into()),
        parent_id: None,
        thread_id: Some("t".into()),
    }
}

const EXPECTED_DISPLAY: &str = "\
/externalId: must contain only ASCII characters (character 1 is not ASCII)
/externalId: must not begin or end with whitespace (character 0 is whitespace)
/externalId: must be at most 8 characters (got 11)
/body: must not be empty
/fileUrls: must have at most 2 items (got 3)
/fileUrls/1: must be an https URL (an absolute URL needs the https scheme and a host)
/author/id: is required and must not be empty
/author/tags: must have at most 2 items (got 3)
/locale: must not contain an underscore
at most one may be set, but these are all set: parentId, threadId";

#[test]
fn display_writes_one_line_per_violation() {
    let errors = bad_message().validate().unwrap_err();
    assert_eq!(errors.to_string(), EXPECTED_DISPLAY);
    assert_eq!(errors.len(), EXPECTED_DISPLAY.lines().count());
    for (violation, line) in errors.iter().zip(EXPECTED_DISPLAY.lines()) {
        assert_eq!(violation.to_string(), line);
    }
    // A violation at the root is its message alone.
    let root = errors.iter().last().unwrap();
    assert!(root.path().is_root());
    assert_eq!(root.to_string(), root.kind().to_string());
}

#[test]
fn serialize_writes_path_code_message_and_parameters() {
    let errors = bad_message().validate().unwrap_err();
    let expected = json!([
        {
            "path": "/externalId",
            "code": "ascii",
            "message": "must contain only ASCII characters (character 1 is not ASCII)",
            "position": 1
        },
        {
            "path": "/externalId",
            "code": "trimmed",
            "message": "must not begin or end with whitespace (character 0 is whitespace)",
            "position": 0
        },
        {
            "path": "/externalId",
            "code": "max_length",
            "message": "must be at most 8 characters (got 11)",
            "max": 8,
            "actual": 11,
            "unit": "characters"
        },
        { "path": "/body", "code": "non_empty", "message": "must not be empty" },
        {
            "path": "/fileUrls",
            "code": "max_length",
            "message": "must have at most 2 items (got 3)",
            "max": 2,
            "actual": 3,
            "unit": "items"
        },
        {
            "path": "/fileUrls/1",
            "code": "https",
            "message": "must be an https URL (an absolute URL needs the https scheme and a host)",
            "problem": "scheme"
        },
        {
            "path": "/author/id",
            "code": "required",
            "message": "is required and must not be empty"
        },
        {
            "path": "/author/tags",
            "code": "max_length",
            "message": "must have at most 2 items (got 3)",
            "max": 2,
            "actual": 3,
            "unit": "items"
        },
        {
            "path": "/locale",
            "code": "no_underscore",
            "message": "must not contain an underscore"
        },
        {
            "path": "",
            "code": "exclusive",
            "message": "at most one may be set, but these are all set: parentId, threadId",
            "fields": ["parentId", "threadId"]
        }
    ]);
    assert_eq!(serde_json::to_value(&errors).unwrap(), expected);

    // One violation serializes as one of those objects.
    let first = serde_json::to_value(errors.iter().next().unwrap()).unwrap();
    assert_eq!(first, expected[0]);
    // The keys come in a stable order: path, code, message, then the parameters.
    let text = serde_json::to_string(&errors.as_slice()[2]).unwrap();
    assert_eq!(
        text,
        r#"{"path":"/externalId","code":"max_length","message":"must be at most 8 characters (got 11)","max":8,"actual":11,"unit":"characters"}"#
    );
}

#[test]
fn codes_and_kinds() {
    let errors = bad_message().validate().unwrap_err();
    let codes: Vec<&str> = errors.iter().map(Violation::code).collect();
    assert_eq!(
        codes,
        [
            "ascii",
            "trimmed",
            "max_length",
            "non_empty",
            "max_length",
            "https",
            "required",
            "max_length",
            "no_underscore",
            "exclusive",
        ]
    );
    let kinds: Vec<&ViolationKind> = errors.iter().map(Violation::kind).collect();
    assert_eq!(kinds[0], &ViolationKind::Ascii { position: 1 });
    assert_eq!(kinds[1], &ViolationKind::Trimmed { position: 0 });
    assert_eq!(
        kinds[2],
        &ViolationKind::MaxLength {
            max: 8,
            actual: 11,
            unit: LengthUnit::Characters
        }
    );
    assert_eq!(kinds[3], &ViolationKind::NonEmpty);
    assert_eq!(
        kinds[5],
        &ViolationKind::Https {
            problem: HttpsProblem::Scheme
        }
    );
    assert_eq!(kinds[6], &ViolationKind::Required);
    assert_eq!(
        kinds[8],
        &ViolationKind::Custom(CustomError::new(
            "no_underscore",
            "must not contain an underscore"
        ))
    );
    assert_eq!(
        kinds[9],
        &ViolationKind::Exclusive {
            fields: vec!["parentId", "threadId"]
        }
    );
    for kind in kinds {
        assert_eq!(
            kind.code(),
            serde_json::to_value(Violation::new(Path::root(), kind.clone())).unwrap()["code"]
        );
    }
    assert_eq!(LengthUnit::Characters.as_str(), "characters");
    assert_eq!(LengthUnit::Items.as_str(), "items");
}

#[test]
fn a_valid_value_is_ok() {
    assert_eq!(valid_message().validate(), Ok(()));
    let mut errors = ValidationErrors::new();
    valid_message().validate_into(&Location::root(), &mut errors);
    assert!(errors.is_empty());
    assert_eq!(errors.len(), 0);
    assert_eq!(errors.to_string(), "");
    assert_eq!(serde_json::to_value(&errors).unwrap(), json!([]));
    assert_eq!(errors.into_result(), Ok(()));
}

#[test]
fn collection_api() {
    let errors = bad_message().validate().unwrap_err();
    assert!(!errors.is_empty());
    assert_eq!(errors.len(), 10);
    assert_eq!(errors.iter().count(), 10);
    assert_eq!(errors.as_slice().len(), 10);

    // By reference, in order.
    let mut by_ref = Vec::new();
    for violation in &errors {
        by_ref.push(violation.path().to_string());
    }
    assert_eq!(by_ref[0], "/externalId");
    assert_eq!(by_ref[9], "");

    // By value.
    let owned: Vec<Violation> = errors.clone().into_iter().collect();
    assert_eq!(owned.as_slice(), errors.as_slice());

    // Collected back, and extended.
    let rebuilt: ValidationErrors = owned.iter().cloned().collect();
    assert_eq!(rebuilt, errors);
    let mut extended = ValidationErrors::default();
    extended.extend(owned.iter().take(2).cloned());
    extended.push(owned[2].clone());
    assert_eq!(extended.as_slice(), &errors.as_slice()[..3]);

    // Validating into an existing collection appends.
    let mut twice = ValidationErrors::new();
    let message = bad_message();
    message.validate_into(&Location::root(), &mut twice);
    message.validate_into(&Location::root().field("again"), &mut twice);
    assert_eq!(twice.len(), 20);
    assert_eq!(twice.as_slice()[10].path().to_string(), "/again/externalId");
    assert_eq!(twice.as_slice()[19].path().to_string(), "/again");
    assert!(twice.into_result().is_err());
}

#[test]
fn validation_errors_are_a_std_error() {
    fn check(message: &Message) -> Result<(), Box<dyn Error + Send + Sync>> {
        message.validate()?;
        Ok(())
    }
    assert!(check(&valid_message()).is_ok());
    let error = check(&bad_message()).unwrap_err();
    assert_eq!(error.to_string(), EXPECTED_DISPLAY);
    assert!(error.source().is_none());
    assert!(error.downcast_ref::<ValidationErrors>().is_some());

    let custom: &dyn Error = &CustomError::new("code", "message");
    assert_eq!(custom.to_string(), "message");
}

#[test]
fn hand_built_violations() {
    let mut errors = ValidationErrors::new();
    let root = Location::root();
    let files = root.field("files");
    let second = files.index(1);
    errors.add(
        &second,
        ViolationKind::Https {
            problem: HttpsProblem::NoHost,
        },
    );
    errors.push(Violation::new(
        Path::from(vec![PathSegment::Key("a/b".into())]),
        ViolationKind::Custom(CustomError::new("c", "custom message")),
    ));
    assert_eq!(
        errors.to_string(),
        "/files/1: must be an https URL (an absolute URL needs the https scheme and a host)\n\
         /a~1b: custom message"
    );
    assert_eq!(
        serde_json::to_value(&errors).unwrap()[1],
        json!({"path": "/a~1b", "code": "c", "message": "custom message"})
    );
}

// ---------------------------------------------------------------------------------------------
// No offending value leaks into the errors

const MARKER: &str = "SECRET-Zoë-7f3a";

#[derive(Debug, Serialize, Validate)]
#[validate(exclusive(first, second))]
struct Private {
    #[validate(required, ascii, trimmed, max_length = 16)]
    text: String,
    #[validate(max_length = 16, https)]
    url: Option<String>,
    #[validate(max_length = 1, each(ascii, trimmed, max_length = 4, https))]
    list: Vec<String>,
    #[validate(custom = no_underscore)]
    custom: String,
    #[validate(nested)]
    inner: Vec<PrivateInner>,
    first: Option<String>,
    second: Option<String>,
}

#[derive(Debug, Serialize, Validate)]
struct PrivateInner {
    #[validate(trimmed, ascii, max_length = 3)]
    note: String,
}

#[test]
fn violations_never_contain_the_offending_value() {
    let value = Private {
        text: format!(" {MARKER} {MARKER} "),
        url: Some(format!("http://{MARKER}.example/{MARKER}")),
        list: vec![
            format!("{MARKER} "),
            format!("javascript:{MARKER}"),
            format!("\u{3000}{MARKER}"),
        ],
        custom: format!("{MARKER}_x"),
        inner: vec![PrivateInner {
            note: format!("{MARKER}\u{A0}"),
        }],
        first: Some(MARKER.into()),
        second: Some(MARKER.into()),
    };
    let errors = value.validate().unwrap_err();
    // Every field broke at least one rule.
    assert_eq!(
        errors
            .iter()
            .map(|v| v.path().to_string())
            .collect::<std::collections::BTreeSet<_>>(),
        [
            "",
            "/custom",
            "/inner/0/note",
            "/list",
            "/list/0",
            "/list/1",
            "/list/2",
            "/text",
            "/url",
        ]
        .map(String::from)
        .into()
    );
    let display = errors.to_string();
    let debug = format!("{errors:?}");
    let pretty = format!("{errors:#?}");
    let json = serde_json::to_string(&errors).unwrap();
    for (form, text) in [
        ("Display", &display),
        ("Debug", &debug),
        ("pretty Debug", &pretty),
        ("JSON", &json),
    ] {
        for needle in [MARKER, "SECRET", "7f3a", "javascript", "example"] {
            assert!(
                !text.contains(needle),
                "{form} contains {needle:?}:\n{text}"
            );
        }
    }
    for violation in &errors {
        assert!(!violation.to_string().contains(MARKER));
        assert!(!format!("{violation:?}").contains(MARKER));
    }
}
