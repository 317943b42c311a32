//! `Valid<Json<T>>`, `Valid<Form<T>>` and `Valid<Query<T>>` for a user's own type, over real
//! HTTP.

mod common;

use axum::extract::{DefaultBodyLimit, Query};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use channel_axum::Valid;
use channel_model::Validate;
use common::{client, json, post_form, post_json, problems, serve};
use serde::Deserialize;

#[derive(Debug, Deserialize, Validate)]
struct Note {
    #[validate(required, max_length = 5)]
    title: String,
    #[serde(default)]
    #[validate(max_length = 2)]
    tags: Vec<String>,
}

async fn app() -> String {
    let router = Router::new()
        .route(
            "/json",
            post(|Valid(Json(note)): Valid<Json<Note>>| async move { note.title }),
        )
        .route(
            "/form",
            post(|Valid(Form(note)): Valid<Form<Note>>| async move { note.tags.join(",") }),
        )
        .route(
            "/query",
            get(|Valid(Query(note)): Valid<Query<Note>>| async move { note.title }),
        )
        .layer(DefaultBodyLimit::max(1024));
    serve(router).await
}

const SECRET: &str = "hunter2";

#[tokio::test]
async fn json_decodes_validates_and_never_quotes() {
    let base = app().await;
    let url = format!("{base}/json");
    let ok = post_json(&url, r#"{"title": "📦📦📦📦📦"}"#).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "📦📦📦📦📦");

    let cases = [
        (
            format!(r#"{{"title": "{SECRET}!"}}"#),
            422,
            "/title",
            "max_length",
        ),
        (
            r#"{"title": "a", "tags": ["a", "b", "c"]}"#.to_owned(),
            422,
            "/tags",
            "max_length",
        ),
        (
            format!(r#"{{"title": true, "x": "{SECRET}"}}"#),
            400,
            "/title",
            "type",
        ),
        (
            format!(r#"{{"title": "a", "title": "{SECRET}"}}"#),
            400,
            "/title",
            "duplicate_key",
        ),
        (format!(r#"{{"title": "{SECRET}""#), 400, "", "eof"),
        (
            format!(r#"{{"title": "{}"}}"#, "a".repeat(1024)),
            413,
            "",
            "body_too_large",
        ),
    ];
    for (body, status, pointer, code) in cases {
        let (got, answer) = json(post_json(&url, body).await).await;
        assert_eq!(got, status, "{answer}");
        assert_eq!(problems(&answer), [(pointer.into(), code.into())]);
        assert!(!answer.to_string().contains(SECRET));
    }
    let text = client()
        .post(&url)
        .body(r#"{"title": "a"}"#)
        .send()
        .await
        .unwrap();
    let (status, answer) = json(text).await;
    assert_eq!(status, 415);
    assert_eq!(problems(&answer), [("".into(), "content_type".into())]);
}

#[tokio::test]
async fn forms_take_lists_with_brackets() {
    let base = app().await;
    let url = format!("{base}/form");
    let ok = post_form(&url, "title=a+b&tags%5B%5D=x%26y&tags[]=z").await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "x&y,z");

    let cases = [
        (format!("title={SECRET}"), 422, "/title", "max_length"),
        (
            "title=a&tags[]=1&tags[]=2&tags[]=3".to_owned(),
            422,
            "/tags",
            "max_length",
        ),
        (format!("tags[]={SECRET}"), 400, "", "missing_field"),
        (
            format!("title=a&title={SECRET}"),
            400,
            "/title",
            "duplicate_key",
        ),
        (format!("title={SECRET}%FF"), 400, "/title", "not_utf8"),
    ];
    for (body, status, pointer, code) in cases {
        let (got, answer) = json(post_form(&url, body).await).await;
        assert_eq!(got, status, "{answer}");
        assert_eq!(problems(&answer), [(pointer.into(), code.into())]);
        assert!(!answer.to_string().contains(SECRET));
    }
    let as_json = post_json(&url, "title=a").await;
    assert_eq!(as_json.status(), 415);
}

#[tokio::test]
async fn queries_decode_and_validate() {
    let base = app().await;
    let ok = common::get(&format!("{base}/query?title=%C3%A9t%C3%A9")).await;
    assert_eq!(ok.text().await.unwrap(), "été");
    let response = common::get(&format!("{base}/query?title={SECRET}")).await;
    let (status, answer) = json(response).await;
    assert_eq!(status, 422);
    assert_eq!(problems(&answer), [("/title".into(), "max_length".into())]);
    assert!(!answer.to_string().contains(SECRET));
}
