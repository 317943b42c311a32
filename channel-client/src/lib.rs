//! Sends validated Zendesk Channel Framework ("Any Channel") payloads to Zendesk, and makes
//! sense of what comes back.
//!
//! A [`Client`] only sends [`Validated`](channel_model::Validated) payloads, so nothing that
//! breaks one of Zendesk's limits leaves the process. It retries what is worth retrying
//! (429 and 503 as `Retry-After` says, other 5xx and connection failures with exponential
//! backoff and jitter), never a refused token, and pairs each pushed resource with its
//! result:
//!
//! ```
//! use channel_client::{AccessToken, Client};
//! use channel_model::chrono::Utc;
//! use channel_model::{Author, ExternalResource, Outcome, PushRequest, Validated};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # // A stand-in for Zendesk on 127.0.0.1 that accepts every resource.
//! # let zendesk = wiremock::MockServer::start().await;
//! # wiremock::Mock::given(wiremock::matchers::path("/api/v2/any_channel/push"))
//! #     .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
//! #         "results": [{"external_resource_id": "msg-1", "status": {"code": "success"}}]
//! #     })))
//! #     .mount(&zendesk)
//! #     .await;
//! # let token = AccessToken::from("a-token");
//! // `Client::new("yoursubdomain", token)` sends to Zendesk; here, to a local stand-in.
//! let client = Client::with_base_url(&zendesk.uri(), token)?;
//! let resource = ExternalResource::new("msg-1", "Where is my order?", Utc::now(), Author::new("user-1"));
//! let push = Validated::new(PushRequest::new("instance-push-id", [resource]))?;
//! let report = client.push(&push).await?;
//! for (resource, result) in report.iter() {
//!     if result.status.outcome() != Outcome::Delivered {
//!         eprintln!("{}: {}", resource.external_id, result.status.code);
//!     }
//! }
//! # assert!(report.iter().all(|(_, result)| result.status.outcome() == Outcome::Delivered));
//! # Ok(())
//! # }
//! ```
//!
//! Every request runs in a `tracing` span `zendesk_request` with the endpoint, the attempt,
//! the status and the wait before the next attempt; a push runs in a span `zendesk_push` with
//! the number of resources. No span or event carries a payload value or the token.
#![forbid(unsafe_code)]

mod client;
mod error;
mod push;
mod redact;
mod retry;
mod token;

/// The access token, the one type the model decodes from the admin UI request
/// ([`AdminUiRequest::zendesk_access_token`](channel_model::AdminUiRequest::zendesk_access_token))
/// and the client sends: re-exported from `channel-model`.
pub use channel_model::AccessToken;
pub use client::{Client, ClientBuilder, Endpoint};
pub use error::{BuildError, Error, ZendeskError};
pub use retry::{RetryPolicy, Sleeper, TokioSleeper};
