//! What the HTTP tests share: a server on 127.0.0.1 and a client with bounded waits.

#![allow(dead_code)]

use std::time::Duration;

use axum::Router;

/// Serves `router` on a free port of 127.0.0.1 until the test ends; its base URL.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let address = listener.local_addr().expect("a bound address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

/// A client that gives up after five seconds and never follows redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// The status and JSON body of a response.
pub async fn json(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON, got {text:?}"));
    (status, body)
}

/// The `(pointer, code)` of each problem in a rejection's body.
pub fn problems(body: &serde_json::Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .expect("an `errors` list")
        .iter()
        .map(|problem| {
            let field = |name: &str| problem[name].as_str().expect(name).to_owned();
            assert!(problem["message"].is_string(), "{problem}");
            (field("pointer"), field("code"))
        })
        .collect()
}

/// GETs `url`.
pub async fn get(url: &str) -> reqwest::Response {
    client().get(url).send().await.expect("a response")
}

/// POSTs `body` to `url` as a form.
pub async fn post_form(url: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    client()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("a response")
}

/// POSTs `body` to `url` as JSON.
pub async fn post_json(url: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    client()
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("a response")
}
