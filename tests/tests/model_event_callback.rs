//! Event callbacks: every documented event type decodes, validates and round-trips; unknown
//! and malformed events are kept as they came without losing the others; pushes find what
//! their resources became.

mod model_support;

use channel_model::serde_json::{self, json, Value};
use channel_model::{
    DeactivatedBy, DecodeCategory, Event, EventBatch, EventData, Inspect, Path, PathSegment,
    PushRequest, ResourceEvent, ResourceEventType, ResourcesCreatedData, Validate,
};
use model_support::{fixture, resource, to_value, v, violations};

fn batch(name: &str) -> (EventBatch, Value) {
    let text = fixture(name);
    (
        serde_json::from_str(&text).unwrap(),
        serde_json::from_str(&text).unwrap(),
    )
}

/// A valid event of `type_id` with `data`.
fn event(type_id: &str, data: Value) -> Value {
    json!({
        "type_id": type_id,
        "timestamp": "2016-03-01T09:15:00Z",
        "subdomain": "example",
        "integration_name": "Example Chat",
        "integration_id": "com.example.chat",
        "data": data,
    })
}

fn decode(events: Vec<Value>) -> EventBatch {
    serde_json::from_value(json!({ "events": events })).unwrap()
}

#[test]
fn every_documented_event_type_decodes_validates_and_round_trips() {
    let (batch, json) = batch("event-callback-all.json");
    assert_eq!(violations(&batch), []);
    let types: Vec<&str> = batch.events.iter().filter_map(Event::type_id).collect();
    let mut expected = EventData::TYPE_IDS.to_vec();
    expected.sort_unstable();
    let mut sorted = types.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected, "one event of each type");
    for (index, event) in batch.events.iter().enumerate() {
        assert!(matches!(event, Event::Known(_)), "{index}: {event:?}");
        assert_eq!(to_value(event), json["events"][index], "{index}");
    }
    assert_eq!(to_value(&batch), json);
}

#[test]
fn the_data_is_typed_by_the_type_id() {
    let (batch, _) = batch("event-callback-all.json");
    let data: Vec<&EventData> = batch.events.iter().filter_map(Event::data).collect();
    match data[4] {
        EventData::DeactivateIntegrationInstance(data) => {
            assert_eq!(data.deactivated_by, DeactivatedBy::Error);
            assert_eq!(
                data.deactivating_error.as_deref(),
                Some("pull_url answered 500")
            );
            let metadata: Value = data.metadata.decode().unwrap().unwrap();
            assert_eq!(metadata, json!({"account": "acct-1"}));
        }
        other => panic!("{other:?}"),
    }
    match data[6] {
        EventData::DestroyUserIdentity(data) => assert_eq!(data.author.external_id, "user-17"),
        other => panic!("{other:?}"),
    }
    match data[7] {
        EventData::PullRequest(data) => {
            assert_eq!(data.duplicate_external_ids.len(), 2);
            assert_eq!(data.duplicate_external_ids[0].ticket_id, Some(222));
            assert_eq!(data.duplicate_external_ids[1].comment_id, None);
        }
        other => panic!("{other:?}"),
    }
    match data[9] {
        EventData::ResourcesCreatedFromExternalIds(data) => {
            let kinds: Vec<&ResourceEventType> = data
                .resource_events
                .iter()
                .map(|e| &e.known().unwrap().type_id)
                .collect();
            assert_eq!(
                kinds,
                [
                    &ResourceEventType::CommentOnNewTicket,
                    &ResourceEventType::CommentOnExistingTicket,
                    &ResourceEventType::CommentOnFollowUpTicket,
                    &ResourceEventType::ExternalIdAssociatedWithChannelback,
                ]
            );
            let follow_up = data.resource_events[2].known().unwrap();
            assert_eq!(follow_up.follow_up_ticket_id, Some(202));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn odd_events_are_kept_as_they_came_and_the_others_still_typed() {
    let (batch, json) = batch("event-callback-odd.json");
    let kinds: Vec<&str> = batch
        .events
        .iter()
        .map(|event| match event {
            Event::Known(_) => "known",
            Event::Unknown(_) => "unknown",
            Event::Malformed(_) => "malformed",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "unknown",
            "malformed",
            "malformed",
            "malformed",
            "malformed",
            "known"
        ]
    );
    // Unknown and malformed events serialize back to exactly what came.
    for index in 0..5 {
        assert_eq!(
            to_value(&batch.events[index]),
            json["events"][index],
            "{index}"
        );
    }
    let Event::Unknown(raw) = &batch.events[0] else {
        unreachable!()
    };
    assert_eq!(raw.type_id(), Some("instance_renamed"));
    let data: Value = serde_json::from_str(raw.data().unwrap().get()).unwrap();
    assert_eq!(data["previous"]["ids"], json!([1, 2.5, null]));
    assert_eq!(batch.events[1].type_id(), Some("channelback"));
    assert_eq!(batch.events[3].type_id(), None);
    // The known event's offset is read, and it is sent in UTC.
    assert_eq!(
        to_value(&batch.events[5])["timestamp"],
        json!("2016-03-01T08:16:02Z")
    );
    // Malformed events are violations at their index; an unknown type is not.
    // Malformed events are violations at the value that does not fit (for a missing key, the
    // object that lacks it).
    assert_eq!(
        violations(&batch),
        [
            v("/events/1/data", "event_data"),
            v("/events/2/timestamp", "event_data"),
            v("/events/3", "event_data"),
            v("/events/4", "event_data"),
        ]
    );
}

#[test]
fn a_known_type_with_data_of_another_type_is_malformed() {
    let batch = decode(vec![
        event("pull_request", json!({"manifest_url": "https://a.example"})),
        event("create_integration", json!({"manifest_url": 7})),
        event(
            "deactivate_integration_instance",
            json!({"metadata": "", "deactivated_by": "admin"}),
        ),
        event("destroy_user_identity", json!({"author": {}})),
        event(
            "resources_created_from_external_ids",
            json!({"request_id": "r", "resource_events": {"type_id": "comment_on_new_ticket"}}),
        ),
        event("channelback", json!(null)),
    ]);
    for event in &batch.events {
        assert!(matches!(event, Event::Malformed(_)), "{event:?}");
    }
}

#[test]
fn a_new_resource_event_type_keeps_the_rest_of_the_event() {
    let batch = decode(vec![event(
        "resources_created_from_external_ids",
        json!({"request_id": "r", "resource_events": [{"type_id": "comment_on_merged_ticket", "external_id": "m", "comment_id": 1, "ticket_id": 2}]}),
    )]);
    let Some(EventData::ResourcesCreatedFromExternalIds(data)) = batch.events[0].data() else {
        panic!("{:?}", batch.events[0]);
    };
    assert_eq!(
        data.resource_events[0].known().unwrap().type_id,
        ResourceEventType::Other("comment_on_merged_ticket".into())
    );
    assert_eq!(
        data.resource_events[0].type_id(),
        Some("comment_on_merged_ticket")
    );
    assert_eq!(
        to_value(&batch)["events"][0]["data"]["resource_events"][0]["type_id"],
        json!("comment_on_merged_ticket")
    );
}

#[test]
fn urls_must_be_https() {
    let batch = decode(vec![
        event(
            "create_integration",
            json!({"manifest_url": "http://chat.example.com/manifest.json"}),
        ),
        event(
            "destroy_integration",
            json!({"manifest_url": "javascript:alert(1)"}),
        ),
        event(
            "pull_request",
            json!({"integration_instance_name": "i", "url": "http://chat.example.com/pull", "request_id": "r", "duplicate_external_ids": []}),
        ),
        event(
            "channelback",
            json!({"integration_instance_name": "i", "url": "ftp://chat.example.com/cb", "request_id": "r"}),
        ),
    ]);
    assert_eq!(
        violations(&batch),
        [
            v("/events/0/data/manifest_url", "https"),
            v("/events/1/data/manifest_url", "https"),
            v("/events/2/data/url", "https"),
            v("/events/3/data/url", "https"),
        ]
    );
}

/// Zendesk sends these URLs: a relative reference, which the `https` rule lets pass for URLs
/// an integration sends, has nothing to be resolved against.
#[test]
fn urls_zendesk_sends_must_be_absolute() {
    let with_url = |url: &str| {
        decode(vec![
            event("create_integration", json!({ "manifest_url": url })),
            event(
                "pull_request",
                json!({"integration_instance_name": "i", "url": url, "request_id": "r", "duplicate_external_ids": []}),
            ),
            event(
                "channelback",
                json!({"integration_instance_name": "i", "url": url, "request_id": "r"}),
            ),
        ])
    };
    let pointers = |code: &str| {
        vec![
            v("/events/0/data/manifest_url", code),
            v("/events/1/data/url", code),
            v("/events/2/data/url", code),
        ]
    };
    for relative in [
        "/channelback",
        "channelback",
        "./manifest.json",
        "//chat.example.com/channelback",
        "?q=1",
        "1a:b",
    ] {
        assert_eq!(
            violations(&with_url(relative)),
            pointers("absolute_url"),
            "{relative:?}"
        );
    }
    for absolute in [
        "https://chat.example.com/channelback",
        "HTTPS://CHAT.EXAMPLE.COM/cb",
        "https://[::1]:8443/cb",
    ] {
        assert_eq!(violations(&with_url(absolute)), [], "{absolute:?}");
    }
    for spaced in [
        " https://chat.example.com/cb",
        "https://chat.example.com/cb ",
    ] {
        assert_eq!(
            violations(&with_url(spaced)),
            pointers("https"),
            "{spaced:?}"
        );
    }
    // What is not an https URL, or empty, is reported once, under its own code.
    assert_eq!(violations(&with_url("https:cb")), pointers("https"));
    assert_eq!(
        violations(&with_url("http://a.example/cb")),
        pointers("https")
    );
    assert_eq!(violations(&with_url("")), pointers("required"));
}

#[test]
fn a_body_without_an_events_list_is_an_error() {
    for body in ["{}", r#"{"events": {}}"#, "[]", r#"{"events": ["#, ""] {
        assert!(serde_json::from_str::<EventBatch>(body).is_err(), "{body}");
    }
    let empty: EventBatch = serde_json::from_str(r#"{"events": []}"#).unwrap();
    assert!(empty.events.is_empty());
}

#[test]
fn debug_never_shows_metadata_errors_or_user_ids() {
    let batch = decode(vec![
        event(
            "create_integration_instance",
            json!({"metadata": "{\"token\":\"s3cr3t-token\"}"}),
        ),
        event(
            "deactivate_integration_instance",
            json!({"metadata": "s3cr3t-token", "deactivated_by": "error", "deactivating_error": "s3cr3t-token rejected"}),
        ),
        event(
            "destroy_user_identity",
            json!({"author": {"external_id": "+15550100-s3cr3t"}}),
        ),
        event("instance_renamed", json!({"name": "s3cr3t-token"})),
        event("channelback", json!({"s3cr3t-token": 1})),
    ]);
    let mut with_error = event(
        "create_integration",
        json!({"manifest_url": "https://a.example"}),
    );
    with_error["error"] = json!("s3cr3t-token");
    let both = decode(vec![with_error]);
    for shown in [
        format!("{batch:?}"),
        format!("{both:?}"),
        format!("{batch:#?}"),
    ] {
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
    assert!(format!("{batch:?}").contains("instance_renamed"));
}

#[test]
fn a_push_learns_the_tickets_and_comments_its_resources_became() {
    let (batch, _) = batch("event-callback-all.json");
    let push = PushRequest::new(
        "acct-1",
        ["msg-1", "msg-2", "msg-3", "msg-unseen"].map(resource),
    )
    .with_request_id("push-7");
    let created = push.created_resources(&batch.events);
    let found: Vec<(&str, u64, u64)> = created
        .iter()
        .map(|(resource, event)| {
            (
                resource.external_id.as_str(),
                event.ticket_id,
                event.comment_id,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("msg-1", 201, 101),
            ("msg-2", 201, 102),
            ("msg-3", 202, 103)
        ]
    );

    // Events of other pushes, and a second batch, are read too.
    let later = decode(vec![
        event(
            "resources_created_from_external_ids",
            json!({"request_id": "push-8", "resource_events": [{"type_id": "comment_on_new_ticket", "external_id": "msg-unseen", "comment_id": 1, "ticket_id": 2}]}),
        ),
        event(
            "resources_created_from_external_ids",
            json!({"request_id": "push-7", "resource_events": [{"type_id": "comment_on_new_ticket", "external_id": "msg-unseen", "comment_id": 105, "ticket_id": 203}]}),
        ),
    ]);
    let all = push.created_resources(batch.events.iter().chain(&later.events));
    assert_eq!(all.len(), 4);
    assert_eq!(all[3].0.external_id, "msg-unseen");
    assert_eq!(all[3].1.ticket_id, 203);

    // Without a request_id, a push cannot be told apart from another.
    let anonymous = PushRequest::new("acct-1", [resource("msg-1")]);
    assert!(anonymous.created_resources(&batch.events).is_empty());
}

#[test]
fn an_odd_resource_event_costs_the_others_nothing() {
    let good = |external_id: &str, comment: u64| {
        json!({"type_id": "comment_on_new_ticket", "external_id": external_id,
               "comment_id": comment, "ticket_id": 201})
    };
    let odd = [
        // A missing key: reported at the resource event that lacks it.
        (
            json!({"type_id": "comment_on_new_ticket", "external_id": "msg-2", "ticket_id": 201}),
            "",
        ),
        // A `null` where the schema has an integer: reported at the value.
        (
            json!({"type_id": "comment_on_new_ticket", "external_id": "msg-2", "comment_id": 102, "ticket_id": null}),
            "/ticket_id",
        ),
        (json!(7), ""),
        (
            json!({"external_id": "msg-2", "comment_id": 102, "ticket_id": 201}),
            "",
        ),
        (
            json!({"type_id": ["comment_on_new_ticket"], "external_id": "msg-2", "comment_id": 102, "ticket_id": 201}),
            "/type_id",
        ),
    ];
    let push = PushRequest::new("acct-1", ["msg-1", "msg-2", "msg-3"].map(resource))
        .with_request_id("push-7");
    for (odd, at) in odd {
        let data = json!({"request_id": "push-7", "resource_events": [
            good("msg-1", 101), odd.clone(), good("msg-3", 103),
        ]});
        let sent = json!({ "events": [event("resources_created_from_external_ids", data)] });
        let batch: EventBatch = serde_json::from_value(sent.clone()).unwrap();
        let Some(EventData::ResourcesCreatedFromExternalIds(data)) = batch.events[0].data() else {
            panic!("{odd}: {:?}", batch.events[0]);
        };
        assert!(matches!(
            data.resource_events[1],
            ResourceEvent::Malformed(_)
        ));

        // The well-formed ones are still linked.
        let linked: Vec<(&str, u64)> = push
            .created_resources(&batch.events)
            .iter()
            .map(|(resource, created)| (resource.external_id.as_str(), created.comment_id))
            .collect();
        assert_eq!(linked, [("msg-1", 101), ("msg-3", 103)], "{odd}");

        // The odd one is reported at its own pointer, alone.
        let pointer = format!("/events/0/data/resource_events/1{at}");
        assert_eq!(violations(&batch), [v(&pointer, "event_data")], "{odd}");
        assert!(sent.pointer(&pointer).is_some());

        // And it round-trips exactly, with the batch.
        assert_eq!(to_value(&batch), sent);
        assert_eq!(to_value(&data.resource_events[1]), odd);
    }
}

#[test]
fn an_odd_resource_event_keeps_its_exact_text() {
    let text = format!(
        r#"{{"request_id": "r", "resource_events": [{{"type_id": "comment_on_new_ticket", "external_id": "m", "comment_id": {BEYOND_U64}, "ticket_id": 2}}]}}"#
    );
    let data: ResourcesCreatedData = serde_json::from_str(&text).unwrap();
    let ResourceEvent::Malformed(odd) = &data.resource_events[0] else {
        panic!("{:?}", data.resource_events[0]);
    };
    assert_eq!(odd.path().to_string(), "/comment_id");
    assert_eq!(odd.event().type_id(), Some("comment_on_new_ticket"));
    assert!(serde_json::to_string(&data).unwrap().contains(BEYOND_U64));
    assert!(!format!("{data:?}").contains(BEYOND_U64));
}

#[test]
fn an_event_decodes_on_its_own() {
    let event: Event = serde_json::from_value(event(
        "channelback",
        json!({"integration_instance_name": "i", "url": "https://a.example/cb", "request_id": "cb-1"}),
    ))
    .unwrap();
    assert!(matches!(event, Event::Known(_)));
    let again: Event = serde_json::from_value(to_value(&event)).unwrap();
    assert_eq!(again, event);
}

/// The exact numbers that a `f64` cannot hold.
const BEYOND_U64: &str = "18446744073709551616";
const LONG_DECIMAL: &str = "1.00000000000000000001";

#[test]
fn known_events_keep_unknown_keys_and_nulls_at_every_level() {
    let text = fixture("event-callback-extra.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    for batch in [
        serde_json::from_str::<EventBatch>(&text).unwrap(),
        channel_model::from_str::<EventBatch>(&text).unwrap(),
    ] {
        assert_eq!(violations(&batch), []);
        for (index, event) in batch.events.iter().enumerate() {
            let Event::Known(known) = event else {
                panic!("{index}: {event:?}");
            };
            assert_eq!(to_value(known), json["events"][index], "{index}");
        }
        // Numbers are written back with all their digits.
        let written = serde_json::to_string(&batch).unwrap();
        assert_eq!(written.matches(BEYOND_U64).count(), 2, "{written}");
        assert_eq!(written.matches(LONG_DECIMAL).count(), 1, "{written}");

        let Event::Known(first) = &batch.events[0] else {
            unreachable!()
        };
        let keys: Vec<&str> = first.extra.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["error", "region", "attempts"]);
        assert_eq!(first.extra.get("error").unwrap().get(), "null");
        assert_eq!(first.error, None);
        let EventData::DeactivateIntegrationInstance(data) = &first.data else {
            unreachable!()
        };
        assert_eq!(data.deactivated_by, DeactivatedBy::Api);
        assert_eq!(data.extra.get("deactivating_error").unwrap().get(), "null");
        assert!(data
            .extra
            .get("actor")
            .unwrap()
            .get()
            .contains(LONG_DECIMAL));
        // The typed fields hold no unknown key, and Debug shows keys, never values.
        let shown = format!("{first:?}");
        assert!(
            shown.contains("region") && !shown.contains("eu-1"),
            "{shown}"
        );
    }
}

#[test]
fn a_field_set_over_a_kept_null_is_written_once() {
    let text = fixture("event-callback-extra.json");
    let mut batch: EventBatch = serde_json::from_str(&text).unwrap();
    let Event::Known(first) = &mut batch.events[0] else {
        unreachable!()
    };
    assert_eq!(first.extra.remove("error").unwrap().get(), "null");
    assert!(first.extra.remove("error").is_none());
    first.error = Some("pull_url answered 500".into());
    let written = serde_json::to_string(&first).unwrap();
    assert_eq!(written.matches(r#""error""#).count(), 1, "{written}");
    assert_eq!(first.extra.len(), 2);
}

#[test]
fn unknown_and_malformed_events_keep_every_digit() {
    let body = format!(
        r#"{{"events": [
            {{"type_id": "instance_renamed", "data": {{"count": {BEYOND_U64}, "ratio": {LONG_DECIMAL}}}}},
            {{"type_id": "channelback", "timestamp": "2016-03-01T09:15:00Z", "subdomain": "example",
              "integration_name": "Example Chat", "integration_id": "com.example.chat",
              "data": {{"url": {BEYOND_U64}, "ratio": {LONG_DECIMAL}}}}}
        ]}}"#
    );
    for batch in [
        serde_json::from_str::<EventBatch>(&body).unwrap(),
        channel_model::from_str::<EventBatch>(&body).unwrap(),
    ] {
        assert!(matches!(batch.events[0], Event::Unknown(_)));
        assert!(matches!(batch.events[1], Event::Malformed(_)));
        for event in &batch.events {
            let written = serde_json::to_string(event).unwrap();
            assert!(written.contains(LONG_DECIMAL), "{written}");
            assert!(written.contains(BEYOND_U64), "{written}");
        }
        let Event::Unknown(raw) = &batch.events[0] else {
            unreachable!()
        };
        assert_eq!(
            raw.data().unwrap().get(),
            format!(r#"{{"count": {BEYOND_U64}, "ratio": {LONG_DECIMAL}}}"#)
        );
        // Decoded again, the event is the same.
        let again: EventBatch =
            serde_json::from_str(&serde_json::to_string(&batch).unwrap()).unwrap();
        let written = |batch: &EventBatch| serde_json::to_string(batch).unwrap();
        assert_eq!(written(&again), written(&batch));
    }
}

#[test]
fn a_malformed_event_is_reported_at_the_value_that_does_not_fit() {
    let secret = "s3cr3t-value";
    let mut no_subdomain = event("channelback", json!({}));
    no_subdomain.as_object_mut().unwrap().remove("subdomain");
    let mut bad_error = event(
        "create_integration",
        json!({"manifest_url": "https://a.example"}),
    );
    bad_error["error"] = json!([secret]);
    let batch = decode(vec![
        event("create_integration", json!({"manifest_url": 7})),
        event(
            "pull_request",
            json!({
                "integration_instance_name": "i", "url": "https://a.example/pull", "request_id": "r",
                "duplicate_external_ids": [{"external_id": "m", "request_id": "r", "ticket_id": secret}],
            }),
        ),
        event(
            "resources_created_from_external_ids",
            json!({"request_id": "r", "resource_events": [
                {"type_id": "comment_on_new_ticket", "external_id": "m", "comment_id": 1, "ticket_id": 2},
                {"type_id": "comment_on_new_ticket", "external_id": "m", "comment_id": -1, "ticket_id": 2},
            ]}),
        ),
        event(
            "destroy_user_identity",
            json!({"author": {"external_id": false}}),
        ),
        event(
            "deactivate_integration_instance",
            json!({"metadata": "", "deactivated_by": secret}),
        ),
        {
            let mut e = event("channelback", json!({}));
            e["timestamp"] = json!(secret);
            e
        },
        no_subdomain,
        bad_error,
        json!({"type_id": 7}),
        json!(secret),
        event("channelback", json!(secret)),
    ]);
    assert_eq!(
        violations(&batch),
        [
            v("/events/0/data/manifest_url", "event_data"),
            v(
                "/events/1/data/duplicate_external_ids/0/ticket_id",
                "event_data"
            ),
            v("/events/2/data/resource_events/1/comment_id", "event_data"),
            v("/events/3/data/author/external_id", "event_data"),
            v("/events/4/data/deactivated_by", "event_data"),
            v("/events/5/timestamp", "event_data"),
            v("/events/6", "event_data"),
            v("/events/7/error", "event_data"),
            v("/events/8/type_id", "event_data"),
            v("/events/9", "event_data"),
            v("/events/10/data", "event_data"),
        ]
    );
    let errors = batch.validate().unwrap_err();
    for violation in errors.iter() {
        let shown = format!("{violation} {violation:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
    let Event::Malformed(first) = &batch.events[0] else {
        unreachable!()
    };
    assert_eq!(first.path().to_string(), "/data/manifest_url");
    assert_eq!(
        first.message(),
        "invalid type: an integer, expected a string"
    );
    assert_eq!(first.event().type_id(), Some("create_integration"));
    let Event::Malformed(missing) = &batch.events[6] else {
        unreachable!()
    };
    assert_eq!(missing.message(), "missing field `subdomain`");
    for event in &batch.events {
        let shown = format!("{event:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}

#[test]
fn follow_up_ticket_id_belongs_to_follow_up_comments_alone() {
    let item = |type_id: &str, follow_up: Option<u64>| {
        let mut item =
            json!({"type_id": type_id, "external_id": "m", "comment_id": 1, "ticket_id": 2});
        if let Some(id) = follow_up {
            item["follow_up_ticket_id"] = id.into();
        }
        item
    };
    let items = vec![
        item("comment_on_follow_up_ticket", Some(3)),
        item("comment_on_follow_up_ticket", None),
        item("comment_on_new_ticket", None),
        item("comment_on_new_ticket", Some(3)),
        item("comment_on_existing_ticket", None),
        item("comment_on_existing_ticket", Some(0)),
        item("external_id_associated_with_channelback", None),
        item("external_id_associated_with_channelback", Some(3)),
        // A type Zendesk adds later may carry it, or not.
        item("comment_on_merged_ticket", Some(3)),
        item("comment_on_merged_ticket", None),
    ];
    let batch = decode(vec![event(
        "resources_created_from_external_ids",
        json!({"request_id": "r", "resource_events": items}),
    )]);
    assert!(matches!(batch.events[0], Event::Known(_)));
    // A missing one at the resource event that lacks it, one too many at itself.
    let item = |index: usize| format!("/events/0/data/resource_events/{index}");
    let field = |index: usize| format!("{}/follow_up_ticket_id", item(index));
    let code = "follow_up_ticket_id";
    assert_eq!(
        violations(&batch),
        [
            v(&item(1), code),
            v(&field(3), code),
            v(&field(5), code),
            v(&field(7), code),
        ]
    );
    // Every pointer leads to a value that is there.
    let written = to_value(&batch);
    for (pointer, _) in violations(&batch) {
        assert!(written.pointer(&pointer).is_some(), "{pointer}");
    }
}

#[test]
fn a_batch_keeps_its_own_unknown_members() {
    let body = format!(
        r#"{{"more": 1, "events": [], "next": null, "cursor": {{"n":{BEYOND_U64}}}, "ratio": {LONG_DECIMAL}}}"#
    );
    for batch in [
        serde_json::from_str::<EventBatch>(&body).unwrap(),
        channel_model::from_str::<EventBatch>(&body).unwrap(),
    ] {
        let keys: Vec<&str> = batch.extra.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["more", "next", "cursor", "ratio"]);
        assert_eq!(batch.extra.get("next").unwrap().get(), "null");
        assert_eq!(
            serde_json::to_string(&batch).unwrap(),
            format!(
                r#"{{"events":[],"more":1,"next":null,"cursor":{{"n":{BEYOND_U64}}},"ratio":{LONG_DECIMAL}}}"#
            )
        );
        assert_eq!(violations(&batch), []);
        // Debug shows the keys, never the values.
        let shown = format!("{batch:?}");
        assert!(
            shown.contains("cursor") && !shown.contains(BEYOND_U64),
            "{shown}"
        );
    }
    // Decoded from a JSON value too; without other keys, there are none.
    let batch: EventBatch = serde_json::from_value(json!({"events": [], "more": 1})).unwrap();
    assert_eq!(to_value(&batch), json!({"events": [], "more": 1}));
    let plain: EventBatch = serde_json::from_str(r#"{"events": []}"#).unwrap();
    assert!(plain.extra.is_empty());
    assert_eq!(plain, EventBatch::new([]));
    assert_eq!(plain, EventBatch::default());
    assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"events":[]}"#);
}

#[test]
fn a_batch_with_events_twice_does_not_decode() {
    let body = r#"{"events": [], "events": []}"#;
    assert!(serde_json::from_str::<EventBatch>(body).is_err());
    let error = channel_model::from_str::<EventBatch>(body).unwrap_err();
    assert_eq!(error.path().to_string(), "/events");
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);

    // The other keys, kept as they came, are refused twice alike.
    let body = r#"{"events": [], "more": 1, "more": 2}"#;
    let error = channel_model::from_str::<EventBatch>(body).unwrap_err();
    assert_eq!(error.path().to_string(), "/more");
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert_eq!(
        error.to_string(),
        "/more: duplicate key: an object may have each key once at line 1, column 34"
    );

    // And so is a key repeated inside the value of one of them, at any depth, whichever
    // decoder reads the batch; its numbers, of any size, are kept as they came.
    let body = r#"{"events": [], "more": {"a": 1, "b": [{"c": 1, "c": 2}]}}"#;
    let error = channel_model::from_str::<EventBatch>(body).unwrap_err();
    assert_eq!(error.path().to_string(), "/more");
    assert_eq!(error.category(), DecodeCategory::DuplicateKey);
    assert!(serde_json::from_str::<EventBatch>(body).is_err());
    let body = r#"{"events": [], "more": {"c": 1, "d": {"c": 1e400}}, "n": 18446744073709551616}"#;
    let batch = channel_model::from_str::<EventBatch>(body).unwrap();
    let written = serde_json::to_string(&batch).unwrap();
    assert!(
        written.contains(r#""more":{"c": 1, "d": {"c": 1e400}}"#),
        "{written}"
    );
    assert!(written.contains("18446744073709551616"), "{written}");
}

#[test]
fn keys_repeated_inside_an_event_are_refused_whatever_its_type() {
    let known = r#""timestamp": "2016-03-01T09:15:00Z", "subdomain": "example",
        "integration_name": "Example Chat", "integration_id": "com.example.chat""#;
    let url = r#""integration_instance_name": "i", "url": "https://chat.example.com/cb", "request_id": "r""#;
    for (event, path) in [
        // A type this crate does not know: the event is kept whole, and read for its keys.
        (
            r#"{"type_id": "x_new", "k": "secret-1", "k": "secret-2"}"#.to_owned(),
            "/k",
        ),
        (
            r#"{"type_id": "x_new", "data": {"a": {"k": "secret-1", "k": "secret-2"}}}"#.to_owned(),
            "/data",
        ),
        // A key a known event's types do not name, and the objects in its value.
        (
            format!(
                r#"{{"type_id": "channelback", {known}, "region": {{"k": "secret-1", "k": "secret-2"}}, "data": {{{url}}}}}"#
            ),
            "/region",
        ),
        (
            format!(
                r#"{{"type_id": "channelback", {known}, "data": {{{url}, "region": [{{"k": "secret-1", "k": "secret-2"}}]}}}}"#
            ),
            "/data/region/0",
        ),
    ] {
        let body = format!(r#"{{"events": [{event}]}}"#);
        let batch = channel_model::from_str::<EventBatch>(&body).unwrap();
        let Event::Malformed(malformed) = &batch.events[0] else {
            panic!("{event}: {:?}", batch.events[0]);
        };
        assert_eq!(malformed.path().to_string(), path, "{event}");
        assert_eq!(
            malformed.message(),
            "duplicate key: an object may have each key once"
        );
        let errors = batch.validate().unwrap_err();
        let shown = format!(
            "{errors} {errors:?} {}",
            serde_json::to_string(&errors).unwrap()
        );
        assert!(!shown.contains("secret"), "{shown}");
        // A known event's message says it does not fit its type, before why.
        let shown = errors.to_string();
        assert!(shown.starts_with(&format!("/events/0{path}: ")), "{shown}");
        assert!(
            shown.ends_with(": duplicate key: an object may have each key once"),
            "{shown}"
        );
    }
    // An event of an unknown type whose keys are distinct is kept as it came, numbers of any
    // size included.
    let body = r#"{"events": [{"type_id": "x_new", "a": {"a": 1e400}, "b": [{"a": 2}]}]}"#;
    let batch = channel_model::from_str::<EventBatch>(body).unwrap();
    assert!(matches!(batch.events[0], Event::Unknown(_)));
    assert!(batch.validate().is_ok());
    let written = serde_json::to_string(&batch).unwrap();
    assert!(written.contains(r#""a": {"a": 1e400}"#), "{written}");
}

#[test]
fn metadata_holds_at_most_5000_characters() {
    // A 2-byte character counts as one.
    let metadata = |chars: usize| "é".repeat(chars);
    let events = |chars: usize| {
        vec![
            event(
                "create_integration_instance",
                json!({"metadata": metadata(chars)}),
            ),
            event(
                "activate_integration_instance",
                json!({"metadata": metadata(chars)}),
            ),
            event(
                "destroy_integration_instance",
                json!({"metadata": metadata(chars)}),
            ),
            event(
                "deactivate_integration_instance",
                json!({"metadata": metadata(chars), "deactivated_by": "api"}),
            ),
            event(
                "destroy_user_identity",
                json!({"author": {"external_id": "u"}, "metadata": metadata(chars)}),
            ),
        ]
    };
    assert_eq!(violations(&decode(events(5000))), []);
    let over = decode(events(5001));
    assert!(over.events.iter().all(|e| matches!(e, Event::Known(_))));
    let expected: Vec<_> = (0..5)
        .map(|index| v(&format!("/events/{index}/data/metadata"), "max_length"))
        .collect();
    assert_eq!(violations(&over), expected);
    let errors = over.validate().unwrap_err();
    let first = errors.iter().next().unwrap();
    assert_eq!(
        first.to_string(),
        "/events/0/data/metadata: must be at most 5000 characters (got 5001)"
    );
}

#[test]
fn each_way_of_being_malformed_has_its_own_message() {
    let secret = "s3cr3t-value";
    let mut no_type_id = event("channelback", json!({}));
    no_type_id.as_object_mut().unwrap().remove("type_id");
    let mut null_type_id = event("channelback", json!({}));
    null_type_id["type_id"] = Value::Null;
    let batch = decode(vec![
        json!(secret),
        json!([secret]),
        no_type_id,
        json!({"type_id": 7, "data": secret}),
        null_type_id,
        event("create_integration", json!({"manifest_url": 7})),
        // A type this crate does not know is no violation.
        event("instance_renamed", json!(secret)),
    ]);
    let errors = batch.validate().unwrap_err();
    let shown: Vec<String> = errors
        .iter()
        .map(|v| format!("{} {}", v.code(), v))
        .collect();
    assert_eq!(
        shown,
        [
            "event_data /events/0: an event must be a JSON object",
            "event_data /events/1: an event must be a JSON object",
            "event_data /events/2: an event must have a `type_id`, the name of its type",
            "event_data /events/3/type_id: must be a string naming the event's type: \
             invalid type: an integer, expected a string",
            "event_data /events/4/type_id: must be a string naming the event's type: \
             invalid type: null, expected a string",
            "event_data /events/5/data/manifest_url: does not fit the event type its \
             `type_id` names: invalid type: an integer, expected a string",
        ]
    );
    let Event::Malformed(missing) = &batch.events[2] else {
        unreachable!()
    };
    assert_eq!(missing.path().to_string(), "");
    assert_eq!(
        missing.message(),
        "an event must have a `type_id`, the name of its type"
    );
}

#[test]
fn debug_shows_the_instance_name_as_its_length() {
    let name = "Ada's s3cr3t shop";
    let batch = decode(vec![
        event(
            "pull_request",
            json!({"integration_instance_name": name, "url": "https://a.example/pull",
                   "request_id": "pull-1", "duplicate_external_ids": []}),
        ),
        event(
            "channelback",
            json!({"integration_instance_name": name, "url": "https://a.example/cb",
                   "request_id": "cb-1"}),
        ),
    ]);
    for shown in [format!("{batch:?}"), format!("{batch:#?}")] {
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert_eq!(shown.matches("<redacted, 17 chars>").count(), 2, "{shown}");
        // What names requests and Zendesk's URLs is shown.
        assert!(shown.contains("pull-1") && shown.contains("https://a.example/cb"));
    }
}

/// What an inspection is told, as text.
#[derive(Default)]
struct Notes(Vec<String>);

impl Inspect for Notes {
    fn null(&mut self, path: &[PathSegment]) {
        self.0.push(format!("null {}", Path::from(path.to_vec())));
    }

    fn unknown_key(&mut self, path: &[PathSegment], key: &str, fields: &'static [&'static str]) {
        let mut fields = fields.to_vec();
        fields.sort_unstable();
        let path = Path::from(path.to_vec());
        self.0
            .push(format!("key {path} {key} [{}]", fields.join(" ")));
    }
}

fn inspected(batch: &EventBatch) -> Vec<String> {
    let mut notes = Notes::default();
    for (index, event) in batch.events.iter().enumerate() {
        let at = [PathSegment::Key("events".into()), PathSegment::Index(index)];
        event.inspect_extra(&at, &mut notes);
    }
    notes.0
}

#[test]
fn known_events_tell_of_their_unknown_keys_and_nulls_at_every_level() {
    let batch: EventBatch = serde_json::from_str(&fixture("event-callback-extra.json")).unwrap();
    let envelope = "[data error integration_id integration_name subdomain timestamp type_id]";
    let duplicate = "[comment_id external_id request_id ticket_id]";
    assert_eq!(
        inspected(&batch),
        [
            "null /events/0/error".to_owned(),
            format!("key /events/0 region {envelope}"),
            format!("key /events/0 attempts {envelope}"),
            "null /events/0/data/deactivating_error".to_owned(),
            "key /events/0/data actor [deactivated_by deactivating_error metadata]".to_owned(),
            "null /events/1/data/duplicate_external_ids/0/ticket_id".to_owned(),
            format!("key /events/1/data/duplicate_external_ids/0 thread {duplicate}"),
            format!("key /events/1/data/duplicate_external_ids/1 size {duplicate}"),
            "key /events/2/data source [request_id resource_events]".to_owned(),
            "key /events/2/data/resource_events/0 via \
             [comment_id external_id follow_up_ticket_id ticket_id type_id]"
                .to_owned(),
            "null /events/3/data/metadata".to_owned(),
            "key /events/3/data/author name [external_id]".to_owned(),
        ]
    );
    // A `null` given to a key the schemas do not list is an unknown key; events without
    // extra members, and events kept whole, tell nothing.
    let batch = decode(vec![
        event(
            "create_integration",
            json!({"manifest_url": "https://a.example", "note": null}),
        ),
        event(
            "channelback",
            json!({"integration_instance_name": "i", "url": "https://a.example/cb", "request_id": "r"}),
        ),
        event("instance_renamed", json!({"name": null})),
        event("create_integration", json!({"manifest_url": null})),
    ]);
    assert!(matches!(batch.events[3], Event::Malformed(_)));
    assert_eq!(
        inspected(&batch),
        ["key /events/0/data note [manifest_url]"]
    );
}
