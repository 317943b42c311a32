//! The forms Zendesk posts and the query it sends: the pull request and the clickthrough, and
//! the decoder every form shares (also the channelback's and the admin UI's).

mod model_support;

use channel_model::{
    AdminUiRequest, ChannelbackRequest, ClickthroughRequest, FormError, JsonText, PullRequest,
};
use model_support::{text, v, violations};
use proptest::prelude::*;

#[test]
fn a_pull_request_carries_metadata_and_state() {
    let request =
        PullRequest::from_form("metadata=%7B%22token%22%3A%22t-1%22%7D&state=%22page-2%22&x=1")
            .unwrap();
    assert_eq!(request.metadata, Some(JsonText::new(r#"{"token":"t-1"}"#)));
    let state: Option<String> = request
        .state
        .as_ref()
        .map_or(Ok(None), JsonText::decode)
        .unwrap();
    assert_eq!(state.as_deref(), Some("page-2"));
    assert_eq!(violations(&request), []);
    assert_eq!(PullRequest::from_form(request.to_form()).unwrap(), request);
    // Every field is optional: an empty body is a first pull.
    assert_eq!(PullRequest::from_form("").unwrap(), PullRequest::default());
}

#[test]
fn a_pull_requests_texts_are_at_most_5000_characters() {
    let at = |metadata: usize, state: usize| PullRequest {
        metadata: Some(text(metadata).into()),
        state: Some(text(state).into()),
    };
    assert_eq!(violations(&at(5000, 5000)), []);
    assert_eq!(
        violations(&at(5001, 5001)),
        [v("/metadata", "max_length"), v("/state", "max_length")]
    );
}

#[test]
fn a_clickthrough_query_names_the_resource() {
    let request = ClickthroughRequest::from_query("external_id=msg%2F4711+%C3%A9").unwrap();
    assert_eq!(request.external_id, "msg/4711 é");
    assert_eq!(
        ClickthroughRequest::from_query(request.to_query()).unwrap(),
        request
    );
    assert_eq!(
        ClickthroughRequest::from_query("").unwrap_err(),
        FormError::Missing {
            field: "external_id"
        }
    );
    assert_eq!(
        ClickthroughRequest::from_query("external_id=a&external_id=b").unwrap_err(),
        FormError::Repeated {
            field: "external_id"
        }
    );
}

#[test]
fn a_clickthrough_query_may_start_with_its_question_mark() {
    let request = ClickthroughRequest::from_query("?external_id=x").unwrap();
    assert_eq!(request.external_id, "x");
    let request = ClickthroughRequest::from_query(b"?x=1&external_id=a%3Fb".as_slice()).unwrap();
    assert_eq!(request.external_id, "a?b");
    // One `?` starts the query; a second, or an encoded one, is part of the first name.
    for query in ["??external_id=x", "%3Fexternal_id=x", "?"] {
        assert_eq!(
            ClickthroughRequest::from_query(query).unwrap_err(),
            FormError::Missing {
                field: "external_id"
            },
            "{query}"
        );
    }
}

#[test]
fn a_clickthrough_external_id_is_required_and_at_most_255_characters() {
    let id = |length: usize| ClickthroughRequest {
        external_id: text(length),
    };
    assert_eq!(violations(&id(255)), []);
    assert_eq!(violations(&id(256)), [v("/external_id", "max_length")]);
    assert_eq!(violations(&id(0)), [v("/external_id", "required")]);
}

#[test]
fn errors_name_the_field_never_the_value() {
    let errors = [
        PullRequest::from_form("state=s3cr3t&state=s3cr3t").unwrap_err(),
        PullRequest::from_form(b"metadata=s3cr3t%FF".as_slice()).unwrap_err(),
        ClickthroughRequest::from_query(b"external_id=s3cr3t%C3".as_slice()).unwrap_err(),
        AdminUiRequest::from_form("zendesk_access_token=s3cr3t").unwrap_err(),
    ];
    assert_eq!(
        errors[1],
        FormError::NotUtf8 {
            field: "metadata",
            valid_up_to: 6
        }
    );
    for error in errors {
        assert!(!error.to_string().contains("s3cr3t"), "{error}");
        assert!(!format!("{error:?}").contains("s3cr3t"), "{error:?}");
    }
}

proptest! {
    /// Whatever the bytes, every decoder answers without panicking; what decodes encodes to a
    /// form that decodes to the same value.
    #[test]
    fn any_bytes_decode_or_fail_cleanly(body in proptest::collection::vec(any::<u8>(), 0..64)) {
        if let Ok(request) = PullRequest::from_form(&body) {
            prop_assert_eq!(PullRequest::from_form(request.to_form()).unwrap(), request);
        }
        if let Ok(request) = ClickthroughRequest::from_query(&body) {
            prop_assert_eq!(ClickthroughRequest::from_query(request.to_query()).unwrap(), request);
        }
        if let Ok(request) = AdminUiRequest::from_form(&body) {
            prop_assert_eq!(AdminUiRequest::from_form(request.to_form()).unwrap(), request);
        }
        if let Ok(request) = ChannelbackRequest::from_form(&body) {
            prop_assert_eq!(ChannelbackRequest::from_form(request.to_form()).unwrap(), request);
        }
    }

    /// Values of any characters survive a form of every kind.
    #[test]
    fn any_text_round_trips_through_each_form(
        a in any::<String>(), b in any::<String>(), c in any::<String>(),
    ) {
        let pull = PullRequest { metadata: Some(a.clone().into()), state: Some(b.clone().into()) };
        prop_assert_eq!(PullRequest::from_form(pull.to_form()).unwrap(), pull);
        let click = ClickthroughRequest { external_id: c.clone() };
        prop_assert_eq!(ClickthroughRequest::from_query(click.to_query()).unwrap(), click);
        let body = format!(
            "return_url={}&subdomain=s&locale=l&zendesk_access_token={}",
            percent(&a),
            percent(&c),
        );
        let admin = AdminUiRequest::from_form(body).unwrap();
        prop_assert_eq!(&admin.return_url, &a);
        let token = admin.zendesk_access_token.unwrap();
        prop_assert_eq!(token.expose_secret(), c.as_str());
    }
}

/// Every byte of `text` as `%XX`.
fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}
