//! The integration manifest: every rule at its boundary with the exact JSON Pointer and code,
//! https URLs (`http://` refused, relative references accepted), and the wire format.

mod model_support;

use channel_model::serde_json::{json, Value};
use channel_model::{Manifest, ManifestUrls};
use model_support::{assert_max_chars, chars, fixture, kinds, text, to_value, v, violations};

fn manifest() -> Manifest {
    Manifest::new(
        "Example chat",
        "com.example.chat",
        ManifestUrls::new("https://chat.example.com/zendesk/admin"),
    )
}

fn manifest_with(change: impl FnOnce(&mut Manifest)) -> Manifest {
    let mut manifest = manifest();
    change(&mut manifest);
    manifest
}

/// Every URL field of `urls`, by wire name, for tests that go through all of them.
fn url_fields(urls: &mut ManifestUrls) -> [(&'static str, &mut Option<String>); 7] {
    [
        ("pull_url", &mut urls.pull_url),
        ("channelback_url", &mut urls.channelback_url),
        ("clickthrough_url", &mut urls.clickthrough_url),
        ("healthcheck_url", &mut urls.healthcheck_url),
        ("about_url", &mut urls.about_url),
        ("dashboard_url", &mut urls.dashboard_url),
        ("event_callback_url", &mut urls.event_callback_url),
    ]
}

/// An https URL of exactly `count` characters, mostly multi-byte.
fn https_url(count: usize) -> String {
    let url = format!("https://example.com/{}", text(count - 20));
    assert_eq!(url.chars().count(), count);
    url
}

// ---------------------------------------------------------------------------------------------
// manifest fields

#[test]
fn a_minimal_manifest_is_valid() {
    assert_eq!(violations(&manifest()), []);
    assert_eq!(
        to_value(&manifest()),
        json!({
            "name": "Example chat",
            "id": "com.example.chat",
            "urls": {"admin_ui": "https://chat.example.com/zendesk/admin"}
        })
    );
}

#[test]
fn name_is_required_and_at_most_255_characters() {
    assert_eq!(
        violations(&manifest_with(|m| m.name = String::new())),
        [v("/name", "required")]
    );
    assert_max_chars(255, "/name", text, |name| manifest_with(|m| m.name = name));
}

#[test]
fn id_is_required_and_at_most_511_characters() {
    assert_eq!(
        violations(&manifest_with(|m| m.id = String::new())),
        [v("/id", "required")]
    );
    assert_max_chars(511, "/id", text, |id| manifest_with(|m| m.id = id));
}

#[test]
fn version_and_author_are_optional_non_empty_and_at_most_255_characters() {
    assert_eq!(
        violations(&manifest().with_version("").with_author("")),
        [v("/version", "non_empty"), v("/author", "non_empty")]
    );
    assert_max_chars(255, "/version", text, |version| {
        manifest().with_version(version)
    });
    assert_max_chars(255, "/author", text, |author| {
        manifest().with_author(author)
    });
}

#[test]
fn push_client_id_is_optional_non_empty_and_at_most_127_characters() {
    assert_eq!(
        violations(&manifest().with_push_client_id("")),
        [v("/push_client_id", "non_empty")]
    );
    // Zendesk's schema allows 128; its docs' 127 is stricter and wins.
    assert_max_chars(127, "/push_client_id", text, |id| {
        manifest().with_push_client_id(id)
    });
}

#[test]
fn booleans_have_no_rule() {
    let manifest = manifest()
        .with_channelback_files(false)
        .with_create_followup_tickets(true);
    assert_eq!(manifest.channelback_files, Some(false));
    assert_eq!(manifest.create_followup_tickets, Some(true));
    assert_eq!(violations(&manifest), []);
}

// ---------------------------------------------------------------------------------------------
// urls

#[test]
fn admin_ui_is_required() {
    assert_eq!(
        violations(&manifest_with(|m| m.urls.admin_ui = String::new())),
        [v("/urls/admin_ui", "required")]
    );
    let error = serde_json::from_value::<Manifest>(json!({
        "name": "n", "id": "i", "urls": {"pull_url": "https://a.example/pull"}
    }))
    .unwrap_err();
    assert!(
        error.to_string().starts_with("missing field `admin_ui`"),
        "{error}"
    );
    let error = serde_json::from_value::<Manifest>(json!({"name": "n", "id": "i"})).unwrap_err();
    assert!(
        error.to_string().starts_with("missing field `urls`"),
        "{error}"
    );
}

#[test]
fn an_http_url_is_refused_wherever_it_is() {
    let http = "http://chat.example.com/zendesk/x";
    assert_eq!(
        violations(&manifest_with(|m| m.urls.admin_ui = http.into())),
        [v("/urls/admin_ui", "https")]
    );
    for index in 0..7 {
        let mut manifest = manifest();
        let (name, field) = url_fields(&mut manifest.urls)
            .into_iter()
            .nth(index)
            .unwrap();
        *field = Some(http.into());
        assert_eq!(
            violations(&manifest),
            [v(&format!("/urls/{name}"), "https")],
            "{name}"
        );
    }
}

#[test]
fn every_url_is_checked_and_reported_in_field_order() {
    let mut manifest = manifest();
    manifest.urls.admin_ui = "http://a.example/admin".into();
    for (_, field) in url_fields(&mut manifest.urls) {
        *field = Some("HTTP://a.example/x".into());
    }
    assert_eq!(
        violations(&manifest),
        [
            v("/urls/admin_ui", "https"),
            v("/urls/pull_url", "https"),
            v("/urls/channelback_url", "https"),
            v("/urls/clickthrough_url", "https"),
            v("/urls/healthcheck_url", "https"),
            v("/urls/about_url", "https"),
            v("/urls/dashboard_url", "https"),
            v("/urls/event_callback_url", "https"),
        ]
    );
}

#[test]
fn urls_that_are_not_https_in_disguise_are_refused() {
    for bad in [
        " http://a.example/pull",
        "ftp://a.example/pull",
        "https:///pull",
        "https:pull",
        "ht\ttps://a.example/pull",
        "./pull\n",
        "javascript:alert(1)",
    ] {
        assert_eq!(
            violations(&manifest_with(|m| m.urls.pull_url = Some(bad.into()))),
            [v("/urls/pull_url", "https")],
            "{bad:?}"
        );
    }
}

#[test]
fn relative_references_pass() {
    // Zendesk resolves them against the manifest's own https address, as in its sample
    // integration.
    let mut manifest = manifest();
    manifest.urls.admin_ui = "./admin_ui".into();
    let relative = [
        "./pull",
        "/zendesk/channelback",
        "clickthrough",
        "../health?x=1",
        "about#top",
        "//chat.example.com/dashboard",
        "?event=1",
    ];
    for ((_, field), url) in url_fields(&mut manifest.urls).into_iter().zip(relative) {
        *field = Some(url.into());
    }
    assert_eq!(violations(&manifest), []);
}

#[test]
fn every_url_is_at_most_511_characters() {
    assert_max_chars(511, "/urls/admin_ui", https_url, |url| {
        manifest_with(|m| m.urls.admin_ui = url)
    });
    for index in 0..7 {
        let name = url_fields(&mut manifest().urls)[index].0;
        assert_max_chars(511, &format!("/urls/{name}"), https_url, |url| {
            let mut manifest = manifest();
            *url_fields(&mut manifest.urls)[index].1 = Some(url);
            manifest
        });
    }
    // A relative reference too.
    assert_max_chars(511, "/urls/pull_url", text, |url| {
        manifest_with(|m| m.urls.pull_url = Some(url))
    });
}

#[test]
fn a_long_http_url_breaks_both_rules_in_the_order_they_are_written() {
    let url = format!("http://example.com/{}", text(493));
    assert_eq!(url.chars().count(), 512);
    let manifest = manifest_with(|m| m.urls.about_url = Some(url));
    assert_eq!(
        violations(&manifest),
        [
            v("/urls/about_url", "https"),
            v("/urls/about_url", "max_length")
        ]
    );
    assert_eq!(kinds(&manifest)[1].1, chars(511, 512));
}

// ---------------------------------------------------------------------------------------------
// wire format

#[test]
fn the_full_manifest_fixture_round_trips_losslessly() {
    let text = fixture("manifest-full.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    let manifest: Manifest = serde_json::from_str(&text).unwrap();
    assert_eq!(violations(&manifest), []);
    assert_eq!(to_value(&manifest), json);
    let built = Manifest::new(
        "Example Chat — Zendesk bridge",
        "com.example.chat.zendesk",
        ManifestUrls::new("https://chat.example.com/zendesk/admin")
            .with_pull_url("https://chat.example.com/zendesk/pull")
            .with_channelback_url("https://chat.example.com/zendesk/channelback")
            .with_clickthrough_url("https://chat.example.com/zendesk/clickthrough")
            .with_healthcheck_url("https://chat.example.com/zendesk/health")
            .with_about_url("https://chat.example.com/about")
            .with_dashboard_url("https://chat.example.com/zendesk/dashboard")
            .with_event_callback_url("https://chat.example.com/zendesk/events"),
    )
    .with_version("v2.1.0")
    .with_author("Example Inc.")
    .with_push_client_id("example-chat")
    .with_channelback_files(true)
    .with_create_followup_tickets(false);
    assert_eq!(built, manifest);
}

#[test]
fn a_manifest_with_an_http_url_decodes_and_is_invalid() {
    let doc = json!({
        "name": "Legacy chat",
        "id": "com.example.legacy",
        "author": "Example Inc.",
        "version": "v0.9",
        "urls": {
            "admin_ui": "https://legacy.example.com/admin",
            "pull_url": "http://legacy.example.com/pull",
            "channelback_url": "https://legacy.example.com/channelback"
        }
    });
    let manifest: Manifest = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(violations(&manifest), [v("/urls/pull_url", "https")]);
    assert_eq!(to_value(&manifest), doc);
}

#[test]
fn wrong_types_do_not_decode() {
    for doc in [
        json!({"name": "n", "id": 7, "urls": {"admin_ui": "a"}}),
        json!({"name": "n", "id": "i", "channelback_files": "true", "urls": {"admin_ui": "a"}}),
        json!({"name": "n", "id": "i", "urls": "https://a.example/admin"}),
        json!({"name": "n", "id": "i", "urls": {"admin_ui": null}}),
    ] {
        assert!(
            serde_json::from_value::<Manifest>(doc.clone()).is_err(),
            "{doc}"
        );
    }
}
