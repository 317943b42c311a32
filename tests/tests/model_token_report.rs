//! `validate_token` and `channelback/report_error` rules at their boundaries, and
//! `Validated<T>` / `Invalid<T>`.

mod model_support;

use channel_model::serde_json::json;
use channel_model::{
    Author, ChannelbackErrorReport, ExternalResource, Invalid, PushRequest, Validate,
    ValidateTokenRequest, Validated, ValidationErrors, ViolationKind,
};
use model_support::{assert_max_chars, at, kinds, push_of, text, to_value, v, violations};

// ---------------------------------------------------------------------------------------------
// validate_token

#[test]
fn validate_token_instance_push_id_is_required_and_at_most_255_characters() {
    assert_eq!(violations(&ValidateTokenRequest::new("acct-1")), []);
    assert_eq!(
        violations(&ValidateTokenRequest::new("")),
        [v("/instance_push_id", "required")]
    );
    assert_max_chars(255, "/instance_push_id", text, ValidateTokenRequest::new);
}

#[test]
fn validate_token_request_id_is_optional_non_empty_and_at_most_64_characters() {
    let request = ValidateTokenRequest::new("acct-1");
    assert_eq!(request.request_id, None);
    assert_eq!(
        violations(&request.clone().with_request_id("")),
        [v("/request_id", "non_empty")]
    );
    assert_max_chars(64, "/request_id", text, |id| {
        request.clone().with_request_id(id)
    });
}

#[test]
fn validate_token_wire_format() {
    assert_eq!(
        to_value(&ValidateTokenRequest::new("acct-1")),
        json!({"instance_push_id": "acct-1"})
    );
    let request: ValidateTokenRequest =
        serde_json::from_str(r#"{"instance_push_id":"acct-1","request_id":"r-1"}"#).unwrap();
    assert_eq!(
        request,
        ValidateTokenRequest::new("acct-1").with_request_id("r-1")
    );
    assert_eq!(
        to_value(&request),
        json!({"instance_push_id": "acct-1", "request_id": "r-1"})
    );
    assert!(serde_json::from_str::<ValidateTokenRequest>(r#"{"request_id":"r-1"}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// channelback/report_error

fn report() -> ChannelbackErrorReport {
    ChannelbackErrorReport::new("acct-1", "msg-1")
}

#[test]
fn report_error_instance_push_id_is_required_and_at_most_255_characters() {
    assert_eq!(violations(&report()), []);
    assert_eq!(
        violations(&ChannelbackErrorReport::new("", "msg-1")),
        [v("/instance_push_id", "required")]
    );
    assert_max_chars(255, "/instance_push_id", text, |id| {
        ChannelbackErrorReport::new(id, "msg-1")
    });
}

#[test]
fn report_error_external_id_is_required_trimmed_and_at_most_255_characters() {
    let with = |id: &str| ChannelbackErrorReport::new("acct-1", id);
    assert_eq!(violations(&with("")), [v("/external_id", "required")]);
    assert_eq!(
        kinds(&with(" msg-1")),
        [(
            "/external_id".to_owned(),
            ViolationKind::Trimmed { position: 0 }
        )]
    );
    assert_eq!(
        kinds(&with("msg-1\u{2028}")),
        [(
            "/external_id".to_owned(),
            ViolationKind::Trimmed { position: 5 }
        )]
    );
    assert_eq!(violations(&with("msg 1 ü")), []);
    assert_max_chars(255, "/external_id", text, |id| {
        ChannelbackErrorReport::new("acct-1", id)
    });
}

#[test]
fn report_error_description_is_optional_and_at_most_511_characters() {
    // No minimum length: an empty description is a description.
    assert_eq!(violations(&report().with_description("")), []);
    assert_max_chars(511, "/description", text, |d| report().with_description(d));
}

#[test]
fn report_error_request_id_is_optional_non_empty_and_at_most_64_characters() {
    assert_eq!(
        violations(&report().with_request_id("")),
        [v("/request_id", "non_empty")]
    );
    assert_max_chars(64, "/request_id", text, |id| report().with_request_id(id));
}

#[test]
fn report_error_wire_format() {
    assert_eq!(
        to_value(&report()),
        json!({"instance_push_id": "acct-1", "external_id": "msg-1"})
    );
    let full = report()
        .with_description("Recipient blocked the bot 🚫")
        .with_request_id("r-1");
    let json = json!({
        "instance_push_id": "acct-1",
        "external_id": "msg-1",
        "description": "Recipient blocked the bot 🚫",
        "request_id": "r-1"
    });
    assert_eq!(to_value(&full), json);
    assert_eq!(
        serde_json::from_value::<ChannelbackErrorReport>(json).unwrap(),
        full
    );
    assert_eq!(
        violations(&ChannelbackErrorReport::new("", " x").with_request_id(text(65))),
        [
            v("/instance_push_id", "required"),
            v("/external_id", "trimmed"),
            v("/request_id", "max_length"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Validated<T> and Invalid<T>

#[test]
fn validated_comes_only_from_a_valid_value() {
    let push = push_of(2).with_request_id("req-1");
    let validated = Validated::new(push.clone()).unwrap();
    assert_eq!(*validated, push);
    assert_eq!(validated.as_ref(), &push);
    assert_eq!(validated.external_resources.len(), 2);
    assert_eq!(validated.clone().into_inner(), push);

    let invalid = Validated::new(push_of(0)).unwrap_err();
    assert_eq!(
        invalid
            .errors()
            .iter()
            .map(|e| (e.path().to_string(), e.code()))
            .collect::<Vec<_>>(),
        [("/external_resources".to_owned(), "required")]
    );
    assert!(Validated::new(ValidateTokenRequest::new("")).is_err());
    assert!(Validated::new(report().with_description(text(512))).is_err());
    assert!(Validated::new(report().with_description(text(511))).is_ok());
}

#[test]
fn validated_serializes_exactly_like_its_value() {
    let push = PushRequest::new(
        "acct-1",
        [
            ExternalResource::new("m-1", "héllo 😀", at(), Author::new("u-1").with_name("Zoë"))
                .with_thread_id("t-1"),
        ],
    )
    .with_request_id("req-1");
    let validated = Validated::new(push.clone()).unwrap();
    assert_eq!(
        serde_json::to_string(&validated).unwrap(),
        serde_json::to_string(&push).unwrap()
    );
    assert_eq!(
        serde_json::to_string_pretty(&validated).unwrap(),
        serde_json::to_string_pretty(&push).unwrap()
    );

    let token = Validated::new(ValidateTokenRequest::new("acct-1")).unwrap();
    assert_eq!(
        serde_json::to_string(&token).unwrap(),
        r#"{"instance_push_id":"acct-1"}"#
    );
}

#[test]
fn invalid_gives_the_value_back() {
    let mut push = push_of(3);
    push.external_resources[1].message = String::new();
    let invalid: Invalid<PushRequest> = Validated::new(push.clone()).unwrap_err();
    assert_eq!(invalid.value(), &push);
    assert_eq!(invalid.errors().len(), 1);
    assert_eq!(
        invalid.errors().to_string(),
        "/external_resources/1/message: is required and must not be empty"
    );
    assert_eq!(invalid.errors(), &push.validate().unwrap_err());

    let (value, errors) = invalid.clone().into_parts();
    assert_eq!(value, push);
    assert_eq!(errors, push.validate().unwrap_err());
    let errors: ValidationErrors = invalid.clone().into();
    assert_eq!(errors.len(), 1);

    // Fixed and validated again.
    let mut fixed = invalid.into_value();
    assert_eq!(fixed, push);
    fixed.external_resources[1].message = "now with a message".into();
    assert!(Validated::new(fixed).is_ok());
}

#[test]
fn invalid_does_not_show_the_value() {
    let secret = "SECRET-4711";
    let resource = ExternalResource::new(
        format!("{secret} "),
        format!("my card number is {secret}"),
        at(),
        Author::new(secret)
            .with_name(format!("{secret}{}", "x".repeat(300)))
            .with_locale(secret),
    )
    .with_html_message(secret)
    .with_parent_id(secret)
    .with_thread_id(secret)
    .with_file_urls([format!("http://{secret}.example.com/")]);
    let push = PushRequest::new(secret, [resource]).with_request_id(secret.repeat(10));
    let invalid = Validated::new(push).unwrap_err();
    assert_eq!(
        invalid
            .errors()
            .iter()
            .map(|e| (e.path().to_string(), e.code().to_owned()))
            .collect::<Vec<_>>(),
        [
            v("/request_id", "max_length"),
            v("/external_resources/0/external_id", "trimmed"),
            v("/external_resources/0/author/name", "max_length"),
            v("/external_resources/0/file_urls/0", "https"),
            v("/external_resources/0", "exclusive"),
        ]
    );
    let debug = format!("{invalid:?}");
    let pretty = format!("{invalid:#?}");
    let display = invalid.to_string();
    let errors = serde_json::to_string(invalid.errors()).unwrap();
    for shown in [&debug, &pretty, &display, &errors] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(!shown.contains("card"), "{shown}");
    }
    assert!(debug.starts_with("Invalid {"), "{debug}");
    assert_eq!(display, invalid.errors().to_string());
    assert_eq!(
        display.lines().collect::<Vec<_>>(),
        [
            "/request_id: must be at most 64 characters (got 110)",
            "/external_resources/0/external_id: must not begin or end with whitespace (character 11 is whitespace)",
            "/external_resources/0/author/name: must be at most 255 characters (got 311)",
            "/external_resources/0/file_urls/0: must be an https URL (an absolute URL needs the https scheme and a host)",
            "/external_resources/0: at most one may be set, but these are all set: parent_id, thread_id",
        ]
    );
    let source = std::error::Error::source(&invalid).unwrap();
    assert_eq!(source.to_string(), display);
}
