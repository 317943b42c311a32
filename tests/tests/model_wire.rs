//! The wire format: fixtures round trip losslessly, `None` is omitted, `display_info.data`
//! is taken as an object or a string holding one and always sent as an object, `created_at`
//! is strict RFC 3339 on input and UTC with `Z` on output.

mod model_support;

use channel_model::serde_json::{json, Value};
use channel_model::{
    Author, ChannelbackErrorReport, DisplayData, DisplayInfo, ExternalResource, Field, FieldId,
    PushRequest, PushStatus, StatusCode, ValidateTokenRequest,
};
use model_support::{at, fixture, resource, to_value, violations};

/// `resource` as JSON with `key` set to `value` (or removed, for `None`).
fn resource_json(key: &str, value: Option<Value>) -> Value {
    let mut json = to_value(&resource("r0"));
    let object = json.as_object_mut().unwrap();
    match value {
        Some(value) => object.insert(key.to_owned(), value),
        None => object.remove(key),
    };
    json
}

fn parse_resource(json: Value) -> Result<ExternalResource, String> {
    serde_json::from_value::<ExternalResource>(json.clone()).map_err(|e| e.to_string())?;
    // And from text, which serde_json reads with borrowed strings.
    serde_json::from_str(&json.to_string()).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// fixtures

#[test]
fn the_full_push_fixture_round_trips_losslessly() {
    let text = fixture("push-full.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    let push: PushRequest = serde_json::from_str(&text).unwrap();
    assert_eq!(violations(&push), []);
    assert_eq!(to_value(&push), json);
    // Through text again, to the same value.
    let again: PushRequest = serde_json::from_str(&serde_json::to_string(&push).unwrap()).unwrap();
    assert_eq!(again, push);
    let pretty: PushRequest =
        serde_json::from_str(&serde_json::to_string_pretty(&push).unwrap()).unwrap();
    assert_eq!(pretty, push);
}

#[test]
fn the_full_push_fixture_sets_every_field() {
    let push: PushRequest = serde_json::from_str(&fixture("push-full.json")).unwrap();
    assert!(push.request_id.is_some());
    let [first, second, third] = &push.external_resources[..] else {
        panic!("three resources");
    };
    // Every field of a resource and of an author is set on one of them or another.
    for r in [first, second] {
        assert!(r.internal_note.is_some());
        assert!(r.html_message.is_some());
        assert!(r.display_info.is_some());
        assert!(r.allow_channelback.is_some());
        assert!(r.fields.is_some());
        assert!(r.file_urls.is_some());
        let a = &r.author;
        assert!(a.name.is_some() && a.image_url.is_some() && a.locale.is_some());
        assert!(a.fields.is_some());
    }
    assert_eq!(first.thread_id.as_deref(), Some("chat:conversation:9931"));
    assert_eq!(first.parent_id, None);
    assert_eq!(
        second.parent_id.as_deref(),
        Some(first.external_id.as_str())
    );
    assert_eq!(second.thread_id, None);
    assert!(third.thread_id.is_some());
    assert_eq!(third.internal_note, None);

    // Multi-byte text.
    assert!(first.message.contains('📦') && first.message.len() > first.message.chars().count());
    assert!(second.message.contains("至急対応"));
    assert!(third.message.starts_with("Ответ"));

    // Field ids of both kinds.
    let ids: Vec<&FieldId> = first.fields.iter().flatten().map(|f| &f.id).collect();
    assert!(ids.contains(&&FieldId::Id(360005550001)));
    assert!(ids.contains(&&FieldId::from("subject")));
    let author_ids: Vec<&FieldId> = first
        .author
        .fields
        .iter()
        .flatten()
        .map(|f| &f.id)
        .collect();
    assert!(author_ids.contains(&&FieldId::Id(360001234567)));
    assert!(author_ids.contains(&&FieldId::from("notes")));

    // display_info data held as an object.
    let info = &first.display_info.as_ref().unwrap()[0];
    assert_eq!(info.r#type, "urn:example:chat:conversation");
    assert_eq!(info.data.to_object()["unread"], json!(2));
    assert_eq!(
        info.data.serialized_len(),
        serde_json::to_string(&info.data).unwrap().chars().count()
    );

    assert_eq!(first.file_urls.as_ref().unwrap().len(), 3);
    assert_eq!(
        channel_model::format_rfc3339(&second.created_at),
        "2024-05-17T09:29:03.250Z"
    );
}

#[test]
fn the_fixtures_are_read_without_the_shared_directory() {
    // Fixtures live in this package, not in a checkout-only directory.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    assert!(dir.join("push-full.json").is_file());
    assert!(dir.join("push-response.json").is_file());
}

// ---------------------------------------------------------------------------------------------
// omitted fields

#[test]
fn none_is_omitted_never_null() {
    let minimal = PushRequest::new("acct-1", [resource("r0")]);
    let text = serde_json::to_string(&minimal).unwrap();
    assert_eq!(
        text,
        r#"{"instance_push_id":"acct-1","external_resources":[{"external_id":"r0","message":"Where is my order?","created_at":"2015-09-08T22:48:09Z","author":{"external_id":"user-1"}}]}"#
    );
    for text in [
        serde_json::to_string(&ValidateTokenRequest::new("acct-1")).unwrap(),
        serde_json::to_string(&ChannelbackErrorReport::new("acct-1", "m")).unwrap(),
        serde_json::to_string(&PushStatus {
            code: StatusCode::Success,
            description: None,
        })
        .unwrap(),
        serde_json::to_string(&Author::new("u")).unwrap(),
    ] {
        assert!(!text.contains("null"), "{text}");
    }
    // A null read from outside is as if the key were absent, and is not sent back.
    let json = json!({
        "instance_push_id": "acct-1",
        "request_id": null,
        "external_resources": [{
            "external_id": "r0", "message": "Where is my order?", "created_at": "2015-09-08T22:48:09Z",
            "author": {"external_id": "user-1", "name": null, "image_url": null, "locale": null, "fields": null},
            "internal_note": null, "html_message": null, "parent_id": null, "thread_id": null,
            "display_info": null, "allow_channelback": null, "fields": null, "file_urls": null
        }]
    });
    let push: PushRequest = serde_json::from_value(json).unwrap();
    assert_eq!(push, minimal);
    assert_eq!(serde_json::to_string(&push).unwrap(), text);
}

#[test]
fn display_info_type_is_sent_as_type() {
    let data = DisplayData::try_from(json!({"a": 1})).unwrap();
    let info = DisplayInfo::new("urn:x", data);
    assert_eq!(to_value(&info), json!({"type": "urn:x", "data": {"a": 1}}));
    let back: DisplayInfo = serde_json::from_str(r#"{"type":"urn:x","data":{"a":1}}"#).unwrap();
    assert_eq!(back, info);
    assert!(serde_json::from_str::<DisplayInfo>(r#"{"r#type":"urn:x","data":{}}"#).is_err());
}

#[test]
fn unknown_keys_are_ignored() {
    let json = resource_json("allow_channel_back", Some(json!(false)));
    assert_eq!(parse_resource(json).unwrap(), resource("r0"));
}

#[test]
fn required_keys_must_be_present() {
    for key in ["external_id", "message", "created_at", "author"] {
        let error = parse_resource(resource_json(key, None)).unwrap_err();
        assert!(error.contains(&format!("missing field `{key}`")), "{error}");
    }
    let no_author_id = resource_json("author", Some(json!({"name": "x"})));
    assert!(parse_resource(no_author_id).is_err());
    for info in [json!({"type": "t"}), json!({"data": {}})] {
        let json = resource_json("display_info", Some(json!([info])));
        assert!(parse_resource(json).is_err(), "{info}");
    }
    for field in [json!({"id": "subject"}), json!({"value": 1})] {
        let json = resource_json("fields", Some(json!([field])));
        assert!(parse_resource(json).is_err(), "{field}");
    }
    for push in [
        json!({"external_resources": []}),
        json!({"instance_push_id": "acct-1"}),
    ] {
        assert!(
            serde_json::from_value::<PushRequest>(push.clone()).is_err(),
            "{push}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// display_info.data

fn data_from(data: Value) -> Result<DisplayData, String> {
    let json = json!({"type": "urn:x", "data": data});
    let from_value = serde_json::from_value::<DisplayInfo>(json.clone()).map_err(|e| e.to_string());
    let from_str =
        serde_json::from_str::<DisplayInfo>(&json.to_string()).map_err(|e| e.to_string());
    // The same either way; only serde_json's position differs in the errors.
    match (&from_value, &from_str) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert!(b.starts_with(a.as_str()), "{a} / {b}"),
        _ => panic!("{from_value:?} / {from_str:?}"),
    }
    from_str.map(|info| info.data)
}

#[test]
fn display_data_is_taken_as_an_object_or_a_string_holding_one() {
    let object = json!({"url": "https://example.com/t/1", "n": [1, 2], "é": "😀"});
    let from_object = data_from(object.clone()).unwrap();
    let from_string = data_from(Value::String(object.to_string())).unwrap();
    let from_pretty = data_from(Value::String(
        serde_json::to_string_pretty(&object).unwrap(),
    ))
    .unwrap();
    assert_eq!(from_object, from_string);
    assert_eq!(from_object, from_pretty);
    // Sent as an object, whatever it came as; its length is that of the compact object.
    for data in [&from_object, &from_string, &from_pretty] {
        assert_eq!(to_value(data), object);
        assert_eq!(data.serialized_len(), object.to_string().chars().count());
    }
    assert_eq!(
        data_from(Value::String("{}".into())).unwrap(),
        DisplayData::default()
    );
    assert_eq!(
        data_from(Value::String(" { \"a\" : 1 } ".into()))
            .unwrap()
            .serialized_len(),
        7
    );

    let resource = json!({
        "external_id": "r0", "message": "hi", "created_at": "2015-09-08T22:48:09Z",
        "author": {"external_id": "u"},
        "display_info": [{"type": "urn:x", "data": "{\"ticket\":\"#1\"}"}]
    });
    let parsed = parse_resource(resource).unwrap();
    assert_eq!(
        to_value(&parsed)["display_info"],
        json!([{"type": "urn:x", "data": {"ticket": "#1"}}])
    );
}

#[test]
fn display_data_that_is_not_an_object_is_a_deserialization_error() {
    let message = "display_info data must be a JSON object, or a string holding a JSON object";
    for text in [
        "[1]", "nope", "", "null", "1", "\"{}\"", "{\"a\":1", "{} {}", "true",
    ] {
        let error = data_from(Value::String(text.into())).unwrap_err();
        assert!(error.contains(message), "{text:?}: {error}");
    }
    for value in [json!([{"a": 1}]), json!(1), json!(true), json!(null)] {
        let error = data_from(value.clone()).unwrap_err();
        assert!(
            error.contains("expected a JSON object, or a string holding a JSON object"),
            "{value}: {error}"
        );
    }
    assert!(DisplayData::try_from(json!([1])).is_err());
    assert!(DisplayData::try_from(json!("{}")).is_err());
    assert!(DisplayData::from_serializable(&[1, 2]).is_err());
    assert_eq!(
        DisplayData::from_serializable(&std::collections::BTreeMap::from([("a", 1)]))
            .unwrap()
            .serialized_len(),
        7
    );
}

// ---------------------------------------------------------------------------------------------
// created_at

fn created_at(text: &str) -> Result<String, String> {
    let json = resource_json("created_at", Some(json!(text)));
    let resource = parse_resource(json)?;
    Ok(to_value(&resource)["created_at"]
        .as_str()
        .unwrap()
        .to_owned())
}

#[test]
fn created_at_takes_any_offset_and_is_sent_in_utc_with_z() {
    for (input, sent) in [
        ("2015-09-08T22:48:09Z", "2015-09-08T22:48:09Z"),
        ("2015-09-09T00:48:09+02:00", "2015-09-08T22:48:09Z"),
        ("2015-09-08T17:18:09-05:30", "2015-09-08T22:48:09Z"),
        ("2015-09-08T22:48:09+00:00", "2015-09-08T22:48:09Z"),
        ("2015-09-08T22:48:09-00:00", "2015-09-08T22:48:09Z"),
        ("2015-09-08t22:48:09z", "2015-09-08T22:48:09Z"),
        ("2015-09-09T08:48:09+10:00", "2015-09-08T22:48:09Z"),
        ("2015-09-08T22:48:09.250Z", "2015-09-08T22:48:09.250Z"),
        ("2015-09-08T22:48:09.5+01:00", "2015-09-08T21:48:09.500Z"),
        ("2015-09-08T22:48:09.000Z", "2015-09-08T22:48:09Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z"),
        ("2000-02-29T00:00:00+14:00", "2000-02-28T10:00:00Z"),
    ] {
        assert_eq!(created_at(input).as_deref(), Ok(sent), "{input}");
    }
    assert_eq!(
        resource("r0").created_at,
        serde_json::from_value::<ExternalResource>(resource_json(
            "created_at",
            Some(json!("2015-09-09T00:48:09+02:00"))
        ))
        .unwrap()
        .created_at
    );
}

#[test]
fn created_at_is_strict_rfc_3339() {
    for (input, expected) in [
        (
            "2015-09-08 22:48:09Z",
            "expected `T` between the date and the time at character 10",
        ),
        (
            "2015-09-08T22:48:09+0200",
            "expected `:` in the offset, as in `+02:00` at character 22",
        ),
        (
            "2015-09-08T22:48:09 UTC",
            "expected `Z` or an offset such as `+02:00` at character 19",
        ),
        (
            "2015-09-08T22:48:09UTC",
            "expected `Z` or an offset such as `+02:00` at character 19",
        ),
        (
            "2015-09-08T22:48:09",
            "expected `Z` or an offset such as `+02:00` at character 19",
        ),
        (
            "2015-09-08",
            "expected `T` between the date and the time at character 10",
        ),
        (
            "2015-09-08T22:48Z",
            "expected `:` after the minutes at character 16",
        ),
        (
            "15-09-08T22:48:09Z",
            "expected a four-digit year at character 2",
        ),
        (
            "2015-13-08T22:48:09Z",
            "expected a date that exists at character 10",
        ),
        (
            "2015-09-08T22:48:09.Z",
            "expected digits after the decimal point at character 20",
        ),
        (
            "2015-09-08T22:48:09Z ",
            "expected the end of the date-time at character 20",
        ),
        (
            "Tue, 08 Sep 2015 22:48:09 GMT",
            "expected a four-digit year at character 0",
        ),
    ] {
        let error = created_at(input).unwrap_err();
        assert!(
            error.starts_with("not an RFC 3339 date-time such as 2015-09-08T22:48:09Z: "),
            "{input}: {error}"
        );
        assert!(error.contains(expected), "{input}: {error}");
    }
    for input in [json!(1441752489), json!(null), json!({})] {
        assert!(
            parse_resource(resource_json("created_at", Some(input.clone()))).is_err(),
            "{input}"
        );
    }
    // The error says what is wrong, not what was sent.
    let error = created_at("secret-4711").unwrap_err();
    assert!(!error.contains("secret"), "{error}");
}

#[test]
fn a_leap_second_is_23_59_60_in_utc_only() {
    for (input, sent) in [
        ("1998-12-31T23:59:60Z", "1998-12-31T23:59:60Z"),
        ("1998-12-31T15:59:60.123-08:00", "1998-12-31T23:59:60.123Z"),
        ("2015-09-09T01:59:60+02:00", "2015-09-08T23:59:60Z"),
        ("2016-12-31T18:29:60-05:30", "2016-12-31T23:59:60Z"),
    ] {
        assert_eq!(created_at(input).as_deref(), Ok(sent), "{input}");
    }
    for input in [
        "1998-12-31T23:58:60Z",
        "2015-09-08T22:48:60Z",
        "2015-09-09T02:59:60+02:00",
        "1998-12-31T23:59:60+01:00",
        "1998-12-31T23:59:60.5-00:30",
    ] {
        let error = created_at(input).unwrap_err();
        assert!(
            error.contains(
                "expected seconds below 60: a leap second (:60) is 23:59:60 in UTC only \
                 at character 17"
            ),
            "{input}: {error}"
        );
    }
}

#[test]
fn created_at_has_at_most_255_characters_however_long_its_fraction() {
    // "2015-09-08T22:48:09." is 20 characters, "Z" one more.
    let with_digits = |digits: usize| format!("2015-09-08T22:48:09.{}Z", "1".repeat(digits));
    assert_eq!(with_digits(234).len(), 255);
    assert_eq!(
        created_at(&with_digits(234)).as_deref(),
        Ok("2015-09-08T22:48:09.111111111Z")
    );
    let error = created_at(&with_digits(235)).unwrap_err();
    assert!(
        error
            .contains("expected the end of the date-time: at most 255 characters at character 255"),
        "{error}"
    );
    let error = created_at(&format!("{}+02:00", &with_digits(300)[..320])).unwrap_err();
    assert!(error.contains("at most 255 characters"), "{error}");
}

// ---------------------------------------------------------------------------------------------
// fields

#[test]
fn field_ids_are_integers_or_names_on_the_wire() {
    let fields: Vec<Field> = serde_json::from_value(json!([
        {"id": 360001, "value": "a"},
        {"id": 0, "value": null},
        {"id": 18446744073709551615u64, "value": [1]},
        {"id": "subject", "value": {"x": 1}},
        {"id": "", "value": 1}
    ]))
    .unwrap();
    assert_eq!(
        fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
        [
            FieldId::Id(360001),
            FieldId::Id(0),
            FieldId::Id(u64::MAX),
            FieldId::from("subject"),
            FieldId::from(""),
        ]
    );
    assert_eq!(fields[1].value, Value::Null);
    assert_eq!(
        to_value(&fields),
        json!([
            {"id": 360001, "value": "a"},
            {"id": 0, "value": null},
            {"id": 18446744073709551615u64, "value": [1]},
            {"id": "subject", "value": {"x": 1}},
            {"id": "", "value": 1}
        ])
    );
    for bad in [json!(1.5), json!(null), json!(true), json!(["subject"])] {
        let field = json!({"id": bad, "value": 1});
        assert!(
            serde_json::from_value::<Field>(field.clone()).is_err(),
            "{field}"
        );
        assert!(
            serde_json::from_str::<Field>(&field.to_string()).is_err(),
            "{field}"
        );
    }
}

#[test]
fn field_ids_out_of_range_decode_and_are_written_back_as_read() {
    for (text, written) in [
        ("-1", "-1"),
        ("-0", "-0.0"),
        ("18446744073709551616", "1.8446744073709552e+19"),
    ] {
        let id: FieldId = serde_json::from_str(text).expect(text);
        assert!(matches!(id, FieldId::OutOfRange(_)), "{text}");
        assert_eq!(serde_json::to_string(&id).unwrap(), written);
        let field: Field = serde_json::from_value(json!({"id": id, "value": 1})).unwrap();
        assert_eq!(field.id, id);
    }
}

#[test]
fn builders_and_deserialization_agree() {
    let built = ExternalResource::new("m", "hi", at(), Author::new("u").with_locale("de"))
        .with_fields([Field::new(7u64, 1), Field::new("subject", "x")]);
    let parsed = parse_resource(json!({
        "external_id": "m", "message": "hi", "created_at": "2015-09-08T22:48:09Z",
        "author": {"external_id": "u", "locale": "de"},
        "fields": [{"id": 7, "value": 1}, {"id": "subject", "value": "x"}]
    }))
    .unwrap();
    assert_eq!(parsed, built);
}
