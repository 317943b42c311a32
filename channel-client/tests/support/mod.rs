//! What the client tests share: a recording sleeper, a client for a test server, payloads,
//! and a responder that answers a push with a status per resource.

#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use channel_client::{Client, ClientBuilder, RetryPolicy, Sleeper};
use channel_model::chrono::{TimeZone, Utc};
use channel_model::{Author, ExternalResource, PushRequest, Validated};
use serde_json::{json, Value};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The path of the push endpoint.
pub const PUSH: &str = "/api/v2/any_channel/push";

/// The token the tests use; no output may contain it.
pub const TOKEN: &str = "tok-3f9a1c-SECRET";

/// Records the waits it is asked for, and returns at once.
#[derive(Debug, Clone, Default)]
pub struct Waits(Arc<Mutex<Vec<Duration>>>);

impl Waits {
    pub fn taken(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

impl Sleeper for Waits {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.0.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

/// A policy with small, known limits.
pub fn policy() -> RetryPolicy {
    let mut policy = RetryPolicy::default();
    policy.max_attempts = 3;
    policy.min_delay = Duration::from_millis(100);
    policy.max_delay = Duration::from_secs(2);
    policy.max_elapsed = Duration::from_secs(60);
    policy.processing_error_retries = 2;
    policy.max_pushes = 8;
    policy
}

/// A client for `uri` that records its waits, with `policy`.
pub fn client(uri: &str, policy: RetryPolicy) -> (Client, Waits) {
    let waits = Waits::default();
    let client = ClientBuilder::for_base_url(uri, TOKEN)
        .retry(policy)
        .sleeper(waits.clone())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    (client, waits)
}

pub fn resource(id: &str) -> ExternalResource {
    let at = Utc.with_ymd_and_hms(2015, 9, 8, 22, 48, 9).unwrap();
    ExternalResource::new(
        id,
        format!("private message {id}"),
        at,
        Author::new("user-1"),
    )
}

pub fn push(ids: &[&str]) -> Validated<PushRequest> {
    let resources = ids.iter().map(|id| resource(id));
    Validated::new(PushRequest::new("acct-1", resources)).unwrap()
}

/// The external ids of a received push.
pub fn ids(request: &Request) -> Vec<String> {
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    body["external_resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|resource| resource["external_id"].as_str().unwrap().to_owned())
        .collect()
}

/// Answers a push with the status `status(external_id)` for each resource, in order.
pub struct Statuses(pub fn(&str) -> &'static str);

impl Respond for Statuses {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let results: Vec<Value> = ids(request)
            .iter()
            .map(|id| json!({"external_resource_id": id, "status": {"code": (self.0)(id)}}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "results": results }))
    }
}

/// A server on 127.0.0.1 that answers pushes with `answer`.
pub async fn server(answer: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(PUSH))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

/// A server on 127.0.0.1 that answers the first push with `first`, and the next ones with
/// `then`.
pub async fn server_then(
    first: impl Respond + 'static,
    then: impl Respond + 'static,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(PUSH))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(PUSH))
        .respond_with(then)
        .mount(&server)
        .await;
    server
}
