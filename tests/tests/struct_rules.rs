//! Rules on a struct or an enum itself: `custom` functions that see the whole value, reported
//! at the value's path after its fields, in the order they are written; and the parameters of
//! a `CustomError`.

use channel_model::{serde_json, CustomError, Validate};
use channel_tests::violations;

fn v(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

#[derive(Validate)]
#[validate(custom = dates_in_order, exclusive(reply_to, thread_id))]
#[validate(custom = not_both_empty)]
struct Window {
    #[validate(max_length = 3)]
    label: String,
    start: u32,
    end: u32,
    reply_to: Option<String>,
    thread_id: Option<String>,
}

fn dates_in_order(window: &Window) -> Result<(), CustomError> {
    match window.start <= window.end {
        true => Ok(()),
        false => Err(CustomError::new("order", "must start before it ends")
            .with_param("start", window.start)
            .with_param("end", window.end)),
    }
}

fn not_both_empty(window: &Window) -> Result<(), CustomError> {
    match window.label.is_empty() && window.start == 0 {
        true => Err(CustomError::new("empty", "must have a label or a start")),
        false => Ok(()),
    }
}

#[derive(Validate)]
#[validate(custom = one_kind)]
enum Content {
    Text {
        #[validate(max_length = 2)]
        text: String,
    },
    Empty,
}

fn one_kind(content: &Content) -> Result<(), CustomError> {
    match content {
        Content::Empty => Err(CustomError::new("kind", "must have content")),
        Content::Text { .. } => Ok(()),
    }
}

#[derive(Validate)]
struct Holder {
    #[validate(nested)]
    window: Window,
    #[validate(nested)]
    content: Vec<Content>,
}

fn window(label: &str, start: u32, end: u32) -> Window {
    Window {
        label: label.into(),
        start,
        end,
        reply_to: Some("a".into()),
        thread_id: None,
    }
}

#[test]
fn struct_customs_pass_at_the_boundary() {
    assert!(violations(&window("a", 1, 1)).is_empty());
    assert_eq!(violations(&window("a", 2, 1)), [v("", "order")]);
}

#[test]
fn struct_rules_come_after_fields_in_written_order() {
    let mut value = window("", 0, 0);
    assert_eq!(violations(&value), [v("", "empty")]);
    value.label = "long".into();
    value.start = 2;
    value.end = 1;
    value.thread_id = Some("t".into());
    assert_eq!(
        violations(&value),
        [
            v("/label", "max_length"),
            v("", "order"),
            v("", "exclusive")
        ]
    );
}

#[test]
fn enum_customs_and_nested_paths() {
    let holder = Holder {
        window: window("a", 3, 1),
        content: vec![Content::Text { text: "abc".into() }, Content::Empty],
    };
    assert_eq!(
        violations(&holder),
        [
            v("/window", "order"),
            v("/content/0/Text/text", "max_length"),
            v("/content/1", "kind"),
        ]
    );
}

#[test]
fn custom_parameters_are_serialized_beside_the_code() {
    let errors = window("a", 2, 1).validate().unwrap_err();
    assert_eq!(
        serde_json::to_value(&errors).unwrap(),
        serde_json::json!([{
            "path": "",
            "code": "order",
            "message": "must start before it ends",
            "start": 2,
            "end": 1,
        }])
    );
    let error = CustomError::new("c", "m")
        .with_param("flag", true)
        .with_param("name", "x")
        .with_param("delta", -3);
    let json = serde_json::to_value(error.params().collect::<Vec<_>>()).unwrap();
    assert_eq!(
        json,
        serde_json::json!([["flag", true], ["name", "x"], ["delta", -3]])
    );
}

#[derive(Validate)]
#[validate(custom = clashing_parameters)]
struct Clash {
    #[validate(max_length = 1)]
    label: String,
}

fn clashing_parameters(_: &Clash) -> Result<(), CustomError> {
    Err(CustomError::new("clash", "names its parameters badly")
        .with_param("path", "/elsewhere")
        .with_param("code", "other")
        .with_param("message", "another")
        .with_param("limit", 1)
        .with_param("limit", 2))
}

#[test]
fn custom_parameters_never_overwrite_the_violation_nor_repeat() {
    let errors = Clash { label: "a".into() }.validate().unwrap_err();
    assert_eq!(
        serde_json::to_string(&errors).unwrap(),
        r#"[{"path":"","code":"clash","message":"names its parameters badly","limit":2}]"#
    );
    let error = clashing_parameters(&Clash { label: "a".into() }).unwrap_err();
    assert_eq!(
        error.params().map(|(name, _)| name).collect::<Vec<_>>(),
        ["path", "code", "message", "limit"]
    );
}
