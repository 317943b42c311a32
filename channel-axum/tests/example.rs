//! The example integration's whole loop over real HTTP: an origin message goes to Zendesk on
//! a pull, an agent's answer comes back by channelback and lands in the outbox.

mod common;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/integration/app.rs"]
mod app;

use common::{get, json, post_form, post_json, problems, serve};
use serde_json::json;

#[tokio::test]
async fn origin_message_pull_channelback_outbox() {
    let base = serve(app::router(app::Origin::default())).await;

    // The origin service posts two messages.
    for body in [
        json!({"id": "m-1", "text": "Bonjour ! Où est ma commande ?", "author": "user-1", "thread": "t-1"}),
        json!({"id": "m-2", "text": "📦 & <b>merci</b>", "author": "user-2"}),
    ] {
        let response = post_json(&format!("{base}/origin/messages"), body.to_string()).await;
        assert_eq!(response.status(), 201);
    }
    // An invalid one is refused by its rules, without its value in the answer.
    let invalid = json!({"id": " m-3", "text": "secret text", "author": "user-1"});
    let (status, answer) =
        json(post_json(&format!("{base}/origin/messages"), invalid.to_string()).await).await;
    assert_eq!(status, 422);
    assert_eq!(problems(&answer), [("/id".into(), "trimmed".into())]);
    assert!(!answer.to_string().contains("secret text"));

    // Zendesk's first pull gets both, and a state that it sends back on the next one.
    let (status, pull) = json(post_form(&format!("{base}/pull"), "metadata=&state=").await).await;
    assert_eq!(status, 200);
    let resources = pull["external_resources"].as_array().unwrap();
    assert_eq!(resources.len(), 2);
    assert_eq!(resources[0]["external_id"], "m-1");
    assert_eq!(resources[0]["message"], "Bonjour ! Où est ma commande ?");
    assert_eq!(resources[0]["thread_id"], "t-1");
    assert_eq!(resources[0]["author"]["external_id"], "user-1");
    assert_eq!(resources[1]["message"], "📦 & <b>merci</b>");
    let state = pull["state"].as_str().unwrap();
    let next = format!(
        "state={}",
        percent_encoding::utf8_percent_encode(state, percent_encoding::NON_ALPHANUMERIC)
    );
    let (_, again) = json(post_form(&format!("{base}/pull"), next.clone()).await).await;
    assert_eq!(again["external_resources"], json!([]));

    // A message posted later comes on the pull after it.
    let later = json!({"id": "m-3", "text": "Still there?", "author": "user-1"});
    post_json(&format!("{base}/origin/messages"), later.to_string()).await;
    let (_, third) = json(post_form(&format!("{base}/pull"), next).await).await;
    assert_eq!(third["external_resources"][0]["external_id"], "m-3");

    // An agent answers m-1 with a file; Zendesk retries the same request once.
    let channelback = "message=Elle+arrive+demain+%F0%9F%9A%9A&parent_id=m-1&thread_id=t-1\
                       &recipient_id=user-1&request_unique_identifier=req-1\
                       &file_urls%5B%5D=https%3A%2F%2Fexample.zendesk.com%2Fattachments%2Ftoken%2Fa%2F%3Fname%3Dfacture.pdf";
    for _ in 0..2 {
        let (status, answer) =
            json(post_form(&format!("{base}/channelback"), channelback).await).await;
        assert_eq!((status, answer), (200, json!({"external_id": "reply-1"})));
    }
    let outbox = get(&format!("{base}/origin/outbox")).await;
    let (_, outbox) = json(outbox).await;
    assert_eq!(
        outbox,
        json!([{
            "id": "reply-1",
            "text": "Elle arrive demain 🚚",
            "parent_id": "m-1",
            "thread_id": "t-1",
            "recipient_id": "user-1",
            "file_urls": ["https://example.zendesk.com/attachments/token/a/?name=facture.pdf"]
        }])
    );
}

#[tokio::test]
async fn manifest_admin_ui_events_clickthrough_and_health() {
    let base = serve(app::router(app::Origin::default())).await;
    let (status, manifest) = json(get(&format!("{base}/manifest")).await).await;
    assert_eq!(status, 200);
    assert_eq!(manifest["urls"]["pull_url"], "./pull");
    assert_eq!(manifest["channelback_files"], true);

    let admin = "name=&metadata=&state=&return_url=https%3A%2F%2Fexample.zendesk.com%2Fzendesk%2Fchannels%2Fintegration_service_instances%2Feditor_finalizer\
                 &subdomain=example&locale=en-US";
    let response = post_form(&format!("{base}/admin_ui"), admin).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"<input type="hidden" name="name" value="Example origin">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"value="{&quot;subdomain&quot;:&quot;example&quot;}""#),
        "{page}"
    );

    let events = r#"{"events": [{"type_id": "a_type_from_the_future", "timestamp": "2015-09-08T22:48:09Z"}]}"#;
    assert_eq!(
        post_json(&format!("{base}/event_callback"), events)
            .await
            .status(),
        200
    );
    let (_, seen) = json(get(&format!("{base}/origin/events")).await).await;
    assert_eq!(seen, json!(["a_type_from_the_future"]));

    let message = json!({"id": "post/8?x", "text": "Hi", "author": "user-1"});
    post_json(&format!("{base}/origin/messages"), message.to_string()).await;
    let click = get(&format!("{base}/clickthrough?external_id=post%2F8%3Fx")).await;
    assert_eq!(click.status(), 303);
    let location = click.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, "/origin/messages/post%2F8%3Fx");
    let (status, found) = json(get(&format!("{base}{location}")).await).await;
    assert_eq!((status, &found["text"]), (200, &json!("Hi")));

    let health = get(&format!("{base}/healthcheck")).await;
    assert_eq!(health.text().await.unwrap(), "ok");
}
