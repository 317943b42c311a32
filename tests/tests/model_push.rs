//! The push request's rules (push, external_resource, author, display_info, field), each
//! rejecting at its boundary and accepting just inside it, with the exact JSON Pointer and
//! code; the builders; and `split`/`split_by`.

mod model_support;

use channel_model::serde_json::{json, Map, Value};
use channel_model::{
    Author, DisplayData, DisplayInfo, ExternalResource, Field, FieldId, HttpsProblem, PushRequest,
    Validate, ViolationKind,
};
use model_support::{
    ascii, assert_max_chars, assert_max_items, at, chars, kinds, push_of, push_with, resource,
    text, to_value, v, violations,
};

const R0: &str = "/external_resources/0";

fn at_r0(rest: &str) -> String {
    format!("{R0}{rest}")
}

/// A push of one resource that `change` modified.
fn push_changed(change: impl FnOnce(&mut ExternalResource)) -> PushRequest {
    let mut resource = resource("r0");
    change(&mut resource);
    push_with(resource)
}

/// A push of one resource whose author `change` modified.
fn author_changed(change: impl FnOnce(&mut Author)) -> PushRequest {
    push_changed(|r| change(&mut r.author))
}

fn display_info(r#type: &str) -> DisplayInfo {
    let data = DisplayData::try_from(json!({"url": "https://example.com/t/1"})).unwrap();
    DisplayInfo::new(r#type, data)
}

/// Display data whose compact JSON text is exactly `len` characters, mostly multi-byte.
fn data_of_len(len: usize) -> DisplayData {
    // `{"k":"` and `"}` are the 8 characters around the text.
    let mut object = Map::new();
    object.insert("k".to_owned(), Value::String(text(len - 8)));
    let data = DisplayData::new(object);
    let json = serde_json::to_string(&data).unwrap();
    assert_eq!(json.chars().count(), len);
    assert!(json.len() > 2 * len, "the bytes must not be the characters");
    assert_eq!(data.serialized_len(), len);
    data
}

// ---------------------------------------------------------------------------------------------
// push

#[test]
fn a_minimal_push_is_valid() {
    assert_eq!(violations(&push_of(1)), []);
}

#[test]
fn instance_push_id_is_required_and_at_most_255_characters() {
    let mut push = push_of(1);
    push.instance_push_id = String::new();
    assert_eq!(violations(&push), [v("/instance_push_id", "required")]);
    // Present is all it takes: it has no whitespace rule.
    push.instance_push_id = " ".into();
    assert_eq!(violations(&push), []);
    assert_max_chars(255, "/instance_push_id", text, |id| {
        let mut push = push_of(1);
        push.instance_push_id = id;
        push
    });
}

#[test]
fn request_id_is_optional_non_empty_and_at_most_64_characters() {
    assert_eq!(push_of(1).request_id, None);
    assert_eq!(
        violations(&push_of(1).with_request_id("")),
        [v("/request_id", "non_empty")]
    );
    assert_max_chars(64, "/request_id", text, |id| push_of(1).with_request_id(id));
}

#[test]
fn external_resources_are_required_and_at_most_256() {
    assert_eq!(
        kinds(&push_of(0)),
        [("/external_resources".to_owned(), ViolationKind::Required)]
    );
    assert_eq!(PushRequest::MAX_RESOURCES, 256);
    assert_max_items(256, "/external_resources", push_of);
}

#[test]
fn each_resource_is_validated_at_its_index() {
    let mut push = push_of(300);
    push.external_resources[2].external_id = String::new();
    push.external_resources[299].message = String::new();
    assert_eq!(
        violations(&push),
        [
            v("/external_resources", "max_length"),
            v("/external_resources/2/external_id", "required"),
            v("/external_resources/299/message", "required"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// external_resource

#[test]
fn external_id_is_required_ascii_trimmed_and_at_most_255_characters() {
    let pointer = at_r0("/external_id");
    let with = |id: &str| push_changed(|r| r.external_id = id.to_owned());

    assert_eq!(violations(&with("")), [v(&pointer, "required")]);
    assert_max_chars(255, &pointer, ascii, |id| {
        push_changed(|r| r.external_id = id)
    });

    // ASCII only, reported at the first other character, counted in characters.
    assert_eq!(
        kinds(&with("msg-é€")),
        [(pointer.clone(), ViolationKind::Ascii { position: 4 })]
    );
    // 255 multi-byte characters are not too long, only not ASCII.
    assert_eq!(
        kinds(&with(&text(255))),
        [(pointer.clone(), ViolationKind::Ascii { position: 1 })]
    );

    // Trimmed: no leading or trailing (Unicode) whitespace; inner whitespace is fine.
    assert_eq!(violations(&with("msg 1")), []);
    assert_eq!(
        kinds(&with(" msg-1")),
        [(pointer.clone(), ViolationKind::Trimmed { position: 0 })]
    );
    assert_eq!(
        kinds(&with("msg-1\t")),
        [(pointer.clone(), ViolationKind::Trimmed { position: 5 })]
    );
    assert_eq!(
        kinds(&with("msg-1\u{3000}")),
        [
            (pointer.clone(), ViolationKind::Ascii { position: 5 }),
            (pointer.clone(), ViolationKind::Trimmed { position: 5 }),
        ]
    );
    // Rules in their order: ascii, trimmed, max_length.
    assert_eq!(
        violations(&with(&format!(" {}", ascii(255)))),
        [v(&pointer, "trimmed"), v(&pointer, "max_length")]
    );
}

#[test]
fn message_is_required_and_at_most_65535_characters() {
    let pointer = at_r0("/message");
    assert_eq!(
        violations(&push_changed(|r| r.message = String::new())),
        [v(&pointer, "required")]
    );
    // Whitespace is a message.
    assert_eq!(violations(&push_changed(|r| r.message = " ".into())), []);
    assert_max_chars(65535, &pointer, text, |m| push_changed(|r| r.message = m));
}

#[test]
fn html_message_is_optional_non_empty_and_at_most_65535_characters() {
    let pointer = at_r0("/html_message");
    assert_eq!(
        violations(&push_changed(|r| r.html_message = Some(String::new()))),
        [v(&pointer, "non_empty")]
    );
    assert_max_chars(65535, &pointer, text, |m| {
        push_changed(|r| r.html_message = Some(m))
    });
}

#[test]
fn parent_id_and_thread_id_are_optional_non_empty_trimmed_and_at_most_255_characters() {
    type Set = fn(&mut ExternalResource, String);
    let setters: [(&str, Set); 2] = [
        ("/parent_id", |r, id| r.parent_id = Some(id)),
        ("/thread_id", |r, id| r.thread_id = Some(id)),
    ];
    for (field, set) in setters {
        let pointer = at_r0(field);
        let with = |id: &str| push_changed(|r| set(r, id.to_owned()));
        assert_eq!(violations(&with("")), [v(&pointer, "non_empty")]);
        assert_eq!(violations(&with("thread 7")), []);
        assert_eq!(
            kinds(&with(" 7")),
            [(pointer.clone(), ViolationKind::Trimmed { position: 0 })]
        );
        assert_eq!(
            kinds(&with("7\u{a0}")),
            [(pointer.clone(), ViolationKind::Trimmed { position: 1 })]
        );
        // Not ASCII-only, unlike external_id; 255 (not the reference's 511) is the limit.
        assert_max_chars(255, &pointer, text, |id| push_changed(|r| set(r, id)));
    }
}

#[test]
fn parent_id_and_thread_id_are_exclusive() {
    let both = PushRequest::new(
        "acct-1",
        [
            resource("r0").with_parent_id("p"),
            resource("r1").with_thread_id("t"),
            resource("r2").with_parent_id("p").with_thread_id("t"),
        ],
    );
    assert_eq!(
        kinds(&both),
        [(
            "/external_resources/2".to_owned(),
            ViolationKind::Exclusive {
                fields: vec!["parent_id", "thread_id"]
            }
        )]
    );
    let errors = both.validate().unwrap_err();
    assert_eq!(
        serde_json::to_value(&errors).unwrap(),
        json!([{
            "path": "/external_resources/2",
            "code": "exclusive",
            "message": "at most one may be set, but these are all set: parent_id, thread_id",
            "fields": ["parent_id", "thread_id"]
        }])
    );

    // Present counts as set, even when empty; the fields' own violations come first.
    let empty_both = push_changed(|r| {
        r.parent_id = Some(" p".into());
        r.thread_id = Some(String::new());
    });
    assert_eq!(
        violations(&empty_both),
        [
            v(&at_r0("/parent_id"), "trimmed"),
            v(&at_r0("/thread_id"), "non_empty"),
            v(R0, "exclusive"),
        ]
    );
}

#[test]
fn display_info_is_optional_with_at_most_16_items() {
    assert_eq!(
        violations(&push_changed(|r| r.display_info = Some(Vec::new()))),
        []
    );
    assert_max_items(16, &at_r0("/display_info"), |n| {
        push_with(resource("r0").with_display_info((0..n).map(|i| display_info(&i.to_string()))))
    });
}

#[test]
fn fields_are_optional_with_at_most_64_items() {
    assert_eq!(
        violations(&push_changed(|r| r.fields = Some(Vec::new()))),
        []
    );
    assert_max_items(64, &at_r0("/fields"), |n| {
        push_with(resource("r0").with_fields((0..n as u64).map(|i| Field::new(i, i))))
    });
}

#[test]
fn file_urls_are_at_most_10_https_urls_of_at_most_511_characters() {
    let pointer = at_r0("/file_urls");
    assert_max_items(10, &pointer, |n| {
        push_with(
            resource("r0").with_file_urls((0..n).map(|i| format!("https://example.com/{i}.png"))),
        )
    });

    let with =
        |url: &str| push_with(resource("r0").with_file_urls(["https://example.com/a.png", url]));
    let item = format!("{pointer}/1");
    for (bad, problem) in [
        ("http://example.com/document", HttpsProblem::Scheme),
        ("HTTP://EXAMPLE.COM/a", HttpsProblem::Scheme),
        ("ftp://example.com/a", HttpsProblem::Scheme),
        ("https:///no-host", HttpsProblem::NoHost),
        ("https:example.com", HttpsProblem::NoHost),
        ("https://exa mple.com/", HttpsProblem::InvalidHost),
        ("https://exa<mple>.com/", HttpsProblem::InvalidHost),
        ("https://[::1", HttpsProblem::InvalidHost),
        ("https://%20/", HttpsProblem::InvalidHost),
        ("https://example.com:notaport/", HttpsProblem::InvalidPort),
        ("https://example.com:99999/", HttpsProblem::InvalidPort),
        ("https://example.com/a\tb.png", HttpsProblem::TabOrLineBreak),
        // What URL parsers strip from either end: up to the space (0x20), never past it.
        (" https://example.com/a.png", HttpsProblem::SurroundingSpace),
        ("https://example.com/a.png ", HttpsProblem::SurroundingSpace),
        ("https://example.com ", HttpsProblem::SurroundingSpace),
        (
            "\u{0}https://example.com/a.png",
            HttpsProblem::SurroundingSpace,
        ),
        (
            "https://example.com/a.png\u{1f}",
            HttpsProblem::SurroundingSpace,
        ),
        (" file/0123/a.jpg", HttpsProblem::SurroundingSpace),
        ("file/0123/a.jpg ", HttpsProblem::SurroundingSpace),
        ("   ", HttpsProblem::Empty),
    ] {
        assert_eq!(
            kinds(&with(bad)),
            [(item.clone(), ViolationKind::Https { problem })],
            "{bad:?}"
        );
    }
    for good in [
        "https://example.com/document",
        "HTTPS://example.com:8443/a?b=1#c",
        "file/0123/a.jpg",
        "/files/1",
        "./admin_ui",
        // `!` (0x21) is the first byte above the space; a space inside a path is encoded.
        "!https://example.com/a.png",
        "https://example.com/a.png!",
        "https://example.com/a b.png",
    ] {
        assert_eq!(violations(&with(good)), [], "{good}");
    }

    // 511 characters, counted as characters.
    let url = |len: usize| format!("https://example.com/{}", text(len - 20));
    assert_eq!(url(511).chars().count(), 511);
    assert_max_chars(511, &format!("{pointer}/0"), url, |u| {
        push_with(resource("r0").with_file_urls([u]))
    });
    // An http URL that is too long breaks both rules, in their order.
    let long_http = url(512).replacen("https", "http", 1) + "x";
    assert_eq!(
        kinds(&with(&long_http)),
        [
            (
                item.clone(),
                ViolationKind::Https {
                    problem: HttpsProblem::Scheme
                }
            ),
            (item.clone(), chars(511, 512)),
        ]
    );
}

#[test]
fn an_empty_file_url_is_not_a_url() {
    let push = push_with(resource("r0").with_file_urls(["https://example.com/a.png", ""]));
    assert_eq!(
        violations(&push),
        [(
            "/external_resources/0/file_urls/1".to_owned(),
            "non_empty".to_owned()
        )]
    );
}

#[test]
fn an_https_violation_says_what_is_wrong() {
    let message = |url: &str| {
        let push = push_with(resource("r0").with_file_urls([url]));
        let errors = push.validate().unwrap_err();
        let violation = errors.iter().next().unwrap();
        let json = serde_json::to_value(violation).unwrap();
        (violation.kind().to_string(), json["problem"].clone())
    };
    for (url, expected, problem) in [
        (
            "http://example.com/a.png",
            "must be an https URL (an absolute URL needs the https scheme and a host)",
            "scheme",
        ),
        (
            "https://example.com/a\tb.png",
            "must be an https URL (it holds a tab or a line break, which URL parsers drop: the \
             URL fetched would not be the one sent)",
            "tab_or_line_break",
        ),
        (
            "https://example.com/a.png\r\n",
            "must be an https URL (it holds a tab or a line break, which URL parsers drop: the \
             URL fetched would not be the one sent)",
            "tab_or_line_break",
        ),
        (
            "https://example.com/a.png ",
            "must be an https URL (it begins or ends with a space or a control character, which \
             URL parsers strip: the URL fetched would not be the one sent)",
            "surrounding_space",
        ),
        (
            "https://exa mple.com/a.png",
            "must be an https URL (its host holds a space or a character no host may have, or \
             an IPv6 address without its closing bracket)",
            "invalid_host",
        ),
        (
            "https://example.com:99999/a.png",
            "must be an https URL (its port is not a number from 0 to 65535)",
            "invalid_port",
        ),
    ] {
        assert_eq!(
            message(url),
            (expected.to_owned(), json!(problem)),
            "{url:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// author

#[test]
fn author_external_id_is_required_trimmed_and_at_most_255_characters() {
    let pointer = at_r0("/author/external_id");
    let with = |id: &str| author_changed(|a| a.external_id = id.to_owned());
    assert_eq!(violations(&with("")), [v(&pointer, "required")]);
    assert_eq!(
        kinds(&with("\u{2003}user")),
        [(pointer.clone(), ViolationKind::Trimmed { position: 0 })]
    );
    assert_eq!(
        kinds(&with("usér\n")),
        [(pointer.clone(), ViolationKind::Trimmed { position: 4 })]
    );
    // Not ASCII-only.
    assert_eq!(violations(&with("usér 1")), []);
    assert_max_chars(255, &pointer, text, |id| {
        author_changed(|a| a.external_id = id)
    });
}

#[test]
fn author_name_image_url_and_locale_are_optional_non_empty_and_at_most_255_characters() {
    type Set = fn(&mut Author, String);
    let setters: [(&str, Set); 3] = [
        ("name", |a, s| a.name = Some(s)),
        ("image_url", |a, s| a.image_url = Some(s)),
        ("locale", |a, s| a.locale = Some(s)),
    ];
    for (field, set) in setters {
        let pointer = at_r0(&format!("/author/{field}"));
        assert_eq!(
            violations(&author_changed(|a| set(a, String::new()))),
            [v(&pointer, "non_empty")]
        );
        // No whitespace rule.
        assert_eq!(violations(&author_changed(|a| set(a, " x ".into()))), []);
        assert_max_chars(255, &pointer, text, |s| author_changed(|a| set(a, s)));
    }
    // image_url: 255, not the schema's 511, and no https rule.
    assert_eq!(
        violations(&author_changed(
            |a| a.image_url = Some("http://example.com/a.png".into())
        )),
        []
    );
}

#[test]
fn author_fields_are_at_most_64_items_each_validated() {
    let pointer = at_r0("/author/fields");
    assert_max_items(64, &pointer, |n| {
        push_with(ExternalResource::new(
            "r0",
            "hi",
            at(),
            Author::new("u").with_fields((0..n).map(|i| Field::new(format!("f{i}"), "x"))),
        ))
    });
    let bad = author_changed(|a| {
        a.fields = Some(vec![
            Field::new("notes", "ok"),
            Field::new("", "x"),
            Field::new(text(256), "x"),
        ])
    });
    assert_eq!(
        kinds(&bad),
        [
            (format!("{pointer}/1/id"), ViolationKind::Required),
            (format!("{pointer}/2/id"), chars(255, 256)),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// display_info

#[test]
fn display_info_type_is_required_and_at_most_255_characters() {
    let pointer = at_r0("/display_info/0/type");
    assert_eq!(
        violations(&push_with(
            resource("r0").with_display_info([display_info("")])
        )),
        [v(&pointer, "required")]
    );
    assert_max_chars(255, &pointer, text, |t| {
        push_with(resource("r0").with_display_info([display_info(&t)]))
    });
}

#[test]
fn display_info_data_is_at_most_65535_characters_of_compact_json() {
    let pointer = at_r0("/display_info/1/data");
    let with = |data: DisplayData| {
        push_with(
            resource("r0").with_display_info([display_info("a"), DisplayInfo::new("b", data)]),
        )
    };
    assert_eq!(violations(&with(data_of_len(65535))), []);
    assert_eq!(
        kinds(&with(data_of_len(65536))),
        [(pointer.clone(), chars(65535, 65536))]
    );
    // Escapes count as the characters they are written with: a quote is `\"`, two characters,
    // so `{"q":"` + 32763 quotes + `"}` is 6 + 65526 + 2 = 65534 characters.
    let mut object = Map::new();
    object.insert("q".to_owned(), Value::String("\"".repeat(32763)));
    let data = DisplayData::new(object);
    assert_eq!(data.serialized_len(), 65534);
    assert_eq!(violations(&with(data.clone())), []);
    let mut object = data.into_object();
    object.insert("r".to_owned(), Value::from(12));
    assert_eq!(
        kinds(&with(DisplayData::new(object))),
        [(pointer, chars(65535, 65541))]
    );
    // An empty object is data.
    assert_eq!(violations(&with(DisplayData::new(Map::new()))), []);
}

#[test]
fn display_data_length_is_that_of_its_compact_json() {
    for value in [
        json!({}),
        json!({"a": 1}),
        json!({"quote\"": "back\\slash", "ctl": "\u{1}\n\t", "emoji": "😀é€", "n": [1.5, -2, 1e100, null, true]}),
        json!({"nested": {"deeper": [{"x": "ü"}, []]}, "": ""}),
    ] {
        let data = DisplayData::try_from(value.clone()).unwrap();
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(data.serialized_len(), json.chars().count(), "{json}");
        assert_eq!(serde_json::to_string(&data).unwrap(), json);
    }
    // The default is the empty object, of length 2 (`{}`).
    assert_eq!(DisplayData::default().serialized_len(), 2);
    assert_eq!(DisplayData::default(), DisplayData::new(Map::new()));
}

// ---------------------------------------------------------------------------------------------
// field

#[test]
fn field_id_is_an_integer_or_a_name_of_1_to_255_characters() {
    let pointer = at_r0("/fields/0/id");
    let with = |id: FieldId| push_with(resource("r0").with_fields([Field::new(id, "x")]));
    assert_eq!(violations(&with(FieldId::Id(0))), []);
    assert_eq!(violations(&with(FieldId::Id(u64::MAX))), []);
    assert_eq!(violations(&with(FieldId::from("subject"))), []);
    assert_eq!(
        kinds(&with(FieldId::from(""))),
        [(pointer.clone(), ViolationKind::Required)]
    );
    assert_max_chars(255, &pointer, text, |name| with(FieldId::Name(name)));
}

#[test]
fn field_value_may_be_any_json_value() {
    let values = [
        json!(null),
        json!(false),
        json!(0),
        json!(-1.5),
        json!(""),
        json!([]),
        json!({"nested": ["x"]}),
        json!(text(70000)),
    ];
    let resource = resource("r0").with_fields(values.into_iter().map(|v| Field::new("x", v)));
    assert_eq!(violations(&push_with(resource)), []);
}

// ---------------------------------------------------------------------------------------------
// everything at once

#[test]
fn violations_are_listed_in_order_with_their_pointers() {
    let bad = ExternalResource::new(
        " é",
        "",
        at(),
        Author::new("")
            .with_name("")
            .with_fields([Field::new("", 1)]),
    )
    .with_html_message("")
    .with_parent_id("p ")
    .with_thread_id("t")
    .with_display_info([display_info(""), DisplayInfo::new("t", data_of_len(65536))])
    .with_fields([Field::new(1u64, 1), Field::new(text(256), 2)])
    .with_file_urls(["http://example.com/a", "b"]);
    let push = PushRequest::new("", [resource("ok"), bad]).with_request_id(text(65));
    let r1 = "/external_resources/1";
    assert_eq!(
        violations(&push),
        [
            v("/instance_push_id", "required"),
            v("/request_id", "max_length"),
            v(&format!("{r1}/external_id"), "ascii"),
            v(&format!("{r1}/external_id"), "trimmed"),
            v(&format!("{r1}/message"), "required"),
            v(&format!("{r1}/html_message"), "non_empty"),
            v(&format!("{r1}/parent_id"), "trimmed"),
            v(&format!("{r1}/author/external_id"), "required"),
            v(&format!("{r1}/author/name"), "non_empty"),
            v(&format!("{r1}/author/fields/0/id"), "required"),
            v(&format!("{r1}/display_info/0/type"), "required"),
            v(&format!("{r1}/display_info/1/data"), "max_length"),
            v(&format!("{r1}/fields/1/id"), "max_length"),
            v(&format!("{r1}/file_urls/0"), "https"),
            v(r1, "exclusive"),
        ]
    );
    // Every pointer names a value in the serialized push.
    let json = to_value(&push);
    for violation in push.validate().unwrap_err().iter() {
        let pointer = violation.path().to_string();
        assert!(json.pointer(&pointer).is_some(), "{pointer}");
    }
}

// ---------------------------------------------------------------------------------------------
// builders

#[test]
fn external_resource_builders_set_each_field() {
    let author = Author::new("user-1")
        .with_name("Zoë")
        .with_image_url("https://example.com/zoe.png")
        .with_locale("de")
        .with_fields([Field::new("notes", "VIP"), Field::new(360001u64, true)]);
    assert_eq!(
        to_value(&author),
        json!({
            "external_id": "user-1",
            "name": "Zoë",
            "image_url": "https://example.com/zoe.png",
            "locale": "de",
            "fields": [{"id": "notes", "value": "VIP"}, {"id": 360001, "value": true}]
        })
    );
    assert_eq!(to_value(&Author::new("u")), json!({"external_id": "u"}));

    let data = DisplayData::try_from(json!({"url": "https://example.com/t/1"})).unwrap();
    let reply = ExternalResource::new("msg-2", "Any news? 📦", at(), author.clone())
        .with_internal_note(false)
        .with_html_message("<p>Any news? 📦</p>")
        .with_parent_id("msg-1")
        .with_display_info([DisplayInfo::new("urn:example:chat", data)])
        .with_allow_channelback(true)
        .with_fields([
            Field::new("subject", "Order"),
            Field::new(42u64, json!(["a"])),
        ])
        .with_file_urls(["https://example.com/r.pdf", "files/1.jpg"]);
    assert_eq!(
        to_value(&reply),
        json!({
            "external_id": "msg-2",
            "internal_note": false,
            "message": "Any news? 📦",
            "html_message": "<p>Any news? 📦</p>",
            "parent_id": "msg-1",
            "created_at": "2015-09-08T22:48:09Z",
            "author": to_value(&author),
            "display_info": [{"type": "urn:example:chat", "data": {"url": "https://example.com/t/1"}}],
            "allow_channelback": true,
            "fields": [{"id": "subject", "value": "Order"}, {"id": 42, "value": ["a"]}],
            "file_urls": ["https://example.com/r.pdf", "files/1.jpg"]
        })
    );
    assert_eq!(violations(&reply), []);

    let in_thread = ExternalResource::new("msg-3", "hi", at(), Author::new("u"))
        .with_thread_id("thread-9")
        .with_internal_note(true)
        .with_allow_channelback(false);
    assert_eq!(
        to_value(&in_thread),
        json!({
            "external_id": "msg-3",
            "internal_note": true,
            "message": "hi",
            "thread_id": "thread-9",
            "created_at": "2015-09-08T22:48:09Z",
            "author": {"external_id": "u"},
            "allow_channelback": false
        })
    );
    assert_eq!(
        to_value(&ExternalResource::new("m", "hi", at(), Author::new("u"))),
        json!({
            "external_id": "m",
            "message": "hi",
            "created_at": "2015-09-08T22:48:09Z",
            "author": {"external_id": "u"}
        })
    );

    let push = PushRequest::new("acct-1", [reply, in_thread]).with_request_id("req-1");
    assert_eq!(violations(&push), []);
    let json = to_value(&push);
    assert_eq!(json["instance_push_id"], "acct-1");
    assert_eq!(json["request_id"], "req-1");
    assert_eq!(json["external_resources"].as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// split

fn ids(push: &PushRequest) -> Vec<&str> {
    push.external_resources
        .iter()
        .map(|r| r.external_id.as_str())
        .collect()
}

fn sizes(parts: &[PushRequest]) -> Vec<usize> {
    parts.iter().map(|p| p.external_resources.len()).collect()
}

#[test]
fn split_makes_valid_parts_of_at_most_256_in_order() {
    let push = push_of(600).with_request_id("req-1");
    assert_eq!(violations(&push), [v("/external_resources", "max_length")]);
    let parts = push.clone().split();
    assert_eq!(sizes(&parts), [256, 256, 88]);
    for part in &parts {
        assert_eq!(violations(part), []);
        assert_eq!(part.instance_push_id, "acct-1");
        // request_id names one request: the parts do not share it.
        assert_eq!(part.request_id, None);
    }
    // Every resource once, in order, unchanged.
    let all: Vec<&ExternalResource> = parts.iter().flat_map(|p| &p.external_resources).collect();
    assert_eq!(all.len(), 600);
    assert!(all
        .iter()
        .zip(&push.external_resources)
        .all(|(a, b)| *a == b));
    let joined: Vec<&str> = parts.iter().flat_map(ids).collect();
    assert_eq!(joined, ids(&push));
}

#[test]
fn a_push_that_fits_is_kept_whole() {
    for count in [0, 1, 256] {
        let push = push_of(count).with_request_id("req-1");
        assert_eq!(push.clone().split(), vec![push], "{count}");
    }
    let push = push_of(5).with_request_id("req-1");
    assert_eq!(push.clone().split_by(5), [push]);
}

#[test]
fn split_by_takes_any_size_as_1_to_256() {
    let push = push_of(5).with_request_id("req-1");
    let parts = push.clone().split_by(2);
    assert_eq!(sizes(&parts), [2, 2, 1]);
    assert_eq!(parts.iter().flat_map(ids).collect::<Vec<_>>(), ids(&push));
    assert!(parts.iter().all(|p| p.request_id.is_none()));

    // 0 is taken as 1.
    let parts = push.clone().split_by(0);
    assert_eq!(sizes(&parts), [1, 1, 1, 1, 1]);
    assert_eq!(parts.iter().flat_map(ids).collect::<Vec<_>>(), ids(&push));
    assert_eq!(push_of(1).split_by(0), [push_of(1)]);

    // More than 256 is taken as 256.
    assert_eq!(sizes(&push_of(600).split_by(1000)), [256, 256, 88]);
    assert_eq!(sizes(&push_of(600).split_by(usize::MAX)), [256, 256, 88]);
    assert_eq!(sizes(&push_of(512).split_by(300)), [256, 256]);
}
