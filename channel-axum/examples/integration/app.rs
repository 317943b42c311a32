//! The example integration's routes: Zendesk's endpoints and the origin service's, over one
//! in-memory store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use channel_axum::{Answer, Integration, Problem, Rejection, Valid};
use channel_model::chrono::{DateTime, Utc};
use channel_model::{
    AdminUiRequest, Author, ChannelbackRequest, ChannelbackResponse, ClickthroughRequest,
    EventBatch, ExternalResource, JsonText, Manifest, PullRequest, PullResponse, ReturnForm,
    Validate, Validated, ValidationErrors,
};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// A message the origin service posts to `POST /origin/messages`, with the rules of the
/// resource it becomes, so that every message accepted fits in a pull.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
pub struct OriginMessage {
    /// The message's id in the origin service: the resource's `external_id`.
    #[validate(required, ascii, trimmed, max_length = 255)]
    pub id: String,
    /// The message.
    #[validate(required, max_length = 65535)]
    pub text: String,
    /// The id of the author in the origin service.
    #[validate(required, trimmed, max_length = 255)]
    pub author: String,
    /// The conversation the message belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(non_empty, trimmed, max_length = 255)]
    pub thread: Option<String>,
}

/// An agent's answer, delivered to the origin service: what `GET /origin/outbox` lists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivered {
    /// The id the answer got in the origin service.
    pub id: String,
    /// The agent's answer.
    pub text: String,
    /// The message it answers.
    pub parent_id: Option<String>,
    /// The conversation it belongs to.
    pub thread_id: Option<String>,
    /// The user it goes to.
    pub recipient_id: Option<String>,
    /// The files attached to it.
    pub file_urls: Vec<String>,
}

/// Where the last pull stopped: the index of the next message, kept by Zendesk as `state`.
#[derive(Serialize, Deserialize)]
struct Cursor {
    next: usize,
}

/// The origin service's side, in memory: a real one keeps it in its own database.
#[derive(Clone, Default)]
pub struct Origin(Arc<Mutex<Store>>);

#[derive(Default)]
struct Store {
    /// Every message posted, in order; a pull's state is an index into it.
    messages: Vec<(OriginMessage, DateTime<Utc>)>,
    /// Every answer delivered.
    outbox: Vec<Delivered>,
    /// The id each channelback got, by `request_unique_identifier`, so a retry is not
    /// delivered twice.
    delivered_as: HashMap<String, String>,
    /// The `type_id` of every event received.
    events: Vec<String>,
}

impl Origin {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A handler that panicked leaves whole entries: the store stays usable.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The most messages one pull returns.
const PULL_BATCH: usize = PullResponse::MAX_RESOURCES;

/// The whole service: Zendesk's endpoints (with the manifest at `/manifest`) and the
/// origin service's under `/origin`.
pub fn router(origin: Origin) -> Router {
    let zendesk = Integration::new(origin.clone())
        .admin_ui(admin_ui)
        .pull(pull)
        .channelback(channelback)
        .clickthrough(clickthrough)
        .event_callback(event_callback)
        .healthcheck(|_: Origin| async { "ok" })
        .build(|urls| {
            Manifest::new("Example origin", "com.example.origin", urls)
                .with_author("channel-axum")
                .with_version("1.0.0")
                .with_channelback_files(true)
        })
        .expect("the example's manifest is valid");
    let origin_routes = Router::new()
        .route("/origin/messages", post(receive))
        .route("/origin/messages/{id}", get(message))
        .route("/origin/outbox", get(outbox))
        .route("/origin/events", get(events))
        .with_state(origin);
    zendesk.merge(origin_routes)
}

/// The admin UI: the account is made at once, named as Zendesk proposes (or "Example
/// origin"), with the subdomain as its metadata. A real one shows a settings page first.
async fn admin_ui(_: Origin, request: Validated<AdminUiRequest>) -> Response {
    let name = request.name.as_deref().filter(|name| !name.is_empty());
    let metadata = JsonText::encode(&serde_json::json!({"subdomain": request.subdomain}));
    let form = ReturnForm::new(name.unwrap_or("Example origin"), request.return_url.clone())
        .with_metadata(metadata.unwrap_or_default());
    match Validated::new(form) {
        Ok(form) => Answer::from(form).into_response(),
        Err(invalid) => Rejection::from(invalid.into_parts().1).into_response(),
    }
}

/// The messages posted since the cursor in `state`, at most [`PULL_BATCH`] of them.
async fn pull(
    origin: Origin,
    request: Validated<PullRequest>,
) -> Result<Validated<PullResponse>, Response> {
    let cursor = request
        .state
        .as_ref()
        .map_or(Ok(None), JsonText::decode::<Cursor>);
    let next = match cursor {
        Ok(cursor) => cursor.map_or(0, |cursor| cursor.next),
        Err(_) => {
            let problem = Problem::new("/state", "state", "is not a cursor of this integration");
            return Err(Rejection::new(StatusCode::BAD_REQUEST, [problem]).into_response());
        }
    };
    let store = origin.store();
    let batch = store.messages.iter().skip(next).take(PULL_BATCH);
    let resources: Vec<ExternalResource> = batch
        .map(|(message, received_at)| {
            let resource = ExternalResource::new(
                message.id.clone(),
                message.text.clone(),
                *received_at,
                Author::new(message.author.clone()),
            );
            match &message.thread {
                Some(thread) => resource.with_thread_id(thread.clone()),
                None => resource,
            }
        })
        .collect();
    let cursor = Cursor {
        next: next.min(store.messages.len()) + resources.len(),
    };
    let state = JsonText::encode(&cursor).map_err(|_| server_error(None))?;
    Validated::new(PullResponse::new(resources).with_state(state))
        .map_err(|invalid| server_error(Some(&invalid.into_parts().1)))
}

/// Delivers the agent's answer to the outbox, once per `request_unique_identifier`.
async fn channelback(
    origin: Origin,
    request: Validated<ChannelbackRequest>,
) -> Result<Validated<ChannelbackResponse>, Response> {
    let mut store = origin.store();
    let retried = request
        .request_unique_identifier
        .as_ref()
        .and_then(|key| store.delivered_as.get(key).cloned());
    let id = match retried {
        Some(id) => id,
        None => {
            let id = format!("reply-{}", store.outbox.len() + 1);
            let request = request.into_inner();
            if let Some(key) = request.request_unique_identifier {
                store.delivered_as.insert(key, id.clone());
            }
            store.outbox.push(Delivered {
                id: id.clone(),
                text: request.message,
                parent_id: request.parent_id,
                thread_id: request.thread_id,
                recipient_id: request.recipient_id,
                file_urls: request.file_urls,
            });
            id
        }
    };
    Validated::new(ChannelbackResponse::new(id))
        .map_err(|invalid| server_error(Some(&invalid.into_parts().1)))
}

/// What a path segment leaves as it is: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Sends the agent to the message in the origin service.
async fn clickthrough(_: Origin, request: Validated<ClickthroughRequest>) -> Redirect {
    let id = utf8_percent_encode(&request.external_id, SEGMENT);
    Redirect::to(&format!("/origin/messages/{id}"))
}

/// Records the type of every event, the ones this crate does not know included.
async fn event_callback(origin: Origin, batch: EventBatch) -> Result<(), Response> {
    let mut store = origin.store();
    for event in &batch.events {
        let type_id = event.type_id().unwrap_or("(none)");
        eprintln!("event: {type_id}");
        store.events.push(type_id.to_owned());
    }
    Ok(())
}

/// `POST /origin/messages`: a message for the next pull.
async fn receive(
    State(origin): State<Origin>,
    Valid(Json(message)): Valid<Json<OriginMessage>>,
) -> StatusCode {
    origin.store().messages.push((message, Utc::now()));
    StatusCode::CREATED
}

/// `GET /origin/messages/{id}`: a message, where a clickthrough leads.
async fn message(State(origin): State<Origin>, Path(id): Path<String>) -> Response {
    let store = origin.store();
    match store.messages.iter().find(|(message, _)| message.id == id) {
        Some((message, _)) => Json(message.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /origin/outbox`: every answer delivered.
async fn outbox(State(origin): State<Origin>) -> Json<Vec<Delivered>> {
    Json(origin.store().outbox.clone())
}

/// `GET /origin/events`: the type of every event received.
async fn events(State(origin): State<Origin>) -> Json<Vec<String>> {
    Json(origin.store().events.clone())
}

/// 500: the service made a payload Zendesk would refuse; the violations say where, without
/// values.
fn server_error(errors: Option<&ValidationErrors>) -> Response {
    let message = errors.map_or_else(
        || "could not encode the state".to_owned(),
        |e| e.to_string(),
    );
    eprintln!("not sent to Zendesk: {message}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
