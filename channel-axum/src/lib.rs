//! The endpoints Zendesk calls on an integration service, for [axum] 0.8: extractors that
//! decode and validate what Zendesk sends, answers that can only carry validated payloads,
//! and a router builder whose manifest lists exactly the routes it mounts.
//!
//! - [`Zendesk<T>`] extracts a pull, channelback or admin UI form, an event callback batch
//!   or a clickthrough query, decoded with the model's own decoders and validated: the
//!   handler gets a [`Validated<T>`](channel_model::Validated).
//! - [`Valid<E>`] does the same for your own types that derive `Deserialize` and
//!   `Validate`: `Valid<Json<T>>`, `Valid<Form<T>>`, `Valid<Query<T>>`, as `axum-valid` does.
//! - [`Answer<T>`] answers with a validated pull response, channelback response or manifest
//!   as JSON, or with a validated [`ReturnForm`](channel_model::ReturnForm) as its escaped
//!   self-submitting page.
//! - [`Integration`] assembles the routes from your handlers and serves the manifest.
//!
//! A request that cannot be decoded is answered 400, one over the endpoint's body limit 413,
//! one that breaks the rules 422, each with a [`Rejection`] body listing the problems by JSON
//! Pointer and code, never quoting a value: requests carry customers' messages and
//! credentials.
//!
//! The crate's example, `cargo run -p channel-axum --example integration`, is a complete small
//! integration; its docs say what a real deployment keeps where.
//!
//! ```
//! use std::convert::Infallible;
//!
//! use channel_axum::Integration;
//! use channel_model::{
//!     ChannelbackRequest, ChannelbackResponse, Manifest, PullRequest, PullResponse, Validated,
//! };
//!
//! #[derive(Clone)]
//! struct App;
//!
//! // Zendesk pulls: answer with the new resources (none here), validated before they leave.
//! async fn pull(_: App, _: Validated<PullRequest>) -> Result<Validated<PullResponse>, Infallible> {
//!     Ok(Validated::new(PullResponse::new([])).expect("an empty pull is valid"))
//! }
//!
//! // An agent answered: deliver `request.message` to the origin service, then name its id.
//! async fn channelback(
//!     _: App,
//!     request: Validated<ChannelbackRequest>,
//! ) -> Result<Validated<ChannelbackResponse>, Infallible> {
//!     assert!(!request.message.is_empty());
//!     Ok(Validated::new(ChannelbackResponse::new("msg-2")).expect("a trimmed id is valid"))
//! }
//!
//! let router: axum::Router = Integration::new(App)
//!     .admin_ui(|_: App, _: Validated<channel_model::AdminUiRequest>| async { "settings" })
//!     .pull(pull)
//!     .channelback(channelback)
//!     .build(|urls| Manifest::new("Support chat", "com.example.chat", urls))
//!     .expect("the manifest is valid");
//! // Serve it with `axum::serve(listener, router)`.
//! # drop(router);
//! ```
#![forbid(unsafe_code)]

mod answer;
mod body;
mod form;
mod integration;
mod rejection;
mod valid;
mod zendesk;

pub use answer::{Answer, Reply};
pub use integration::Integration;
pub use rejection::{Problem, Rejection};
pub use valid::Valid;
pub use zendesk::{
    Source, Zendesk, ZendeskRequest, ADMIN_UI_BODY_LIMIT, CHANNELBACK_BODY_LIMIT,
    EVENT_BATCH_BODY_LIMIT, PULL_BODY_LIMIT,
};
