//! [`Zendesk<T>`]: the extractor of what Zendesk sends to an integration.

use axum::extract::{FromRequest, Request};
use channel_model::{
    AdminUiRequest, ChannelbackRequest, ClickthroughRequest, EventBatch, PullRequest, Validate,
    Validated, ValidationErrors,
};

use crate::{body, Rejection};

/// Extracts a request that Zendesk sends to an integration, decoded with the model's own
/// decoders and validated: the handler gets a [`Validated<T>`].
///
/// | `T` | endpoint | decoded from | body limit |
/// |---|---|---|---|
/// | [`PullRequest`] | `pull_url` | form body | [`PULL_BODY_LIMIT`] |
/// | [`ChannelbackRequest`] | `channelback_url` | form body, `file_urls[]` repeated | [`CHANNELBACK_BODY_LIMIT`] |
/// | [`AdminUiRequest`] | `admin_ui` | form body | [`ADMIN_UI_BODY_LIMIT`] |
/// | [`EventBatch`] | `event_callback_url` | JSON body | [`EVENT_BATCH_BODY_LIMIT`] |
/// | [`ClickthroughRequest`] | `clickthrough_url` | query string | none read |
///
/// A request that cannot be decoded is refused with 400, a body over the limit with 413,
/// and one that decodes but breaks the type's rules with 422, each with a [`Rejection`]
/// body that names fields, never values. The `Content-Type` is not checked: Zendesk is the
/// only client, and an event batch should not be lost to a proxy that rewrote a header.
///
/// An event batch keeps every event: one of a type added after this crate is
/// [`Event::Unknown`](channel_model::Event::Unknown) and passes. One of a documented type
/// whose fields do not fit it breaks the batch's rules (code `event_data` at its index), so
/// `Zendesk<EventBatch>` answers the batch 422 and its handler sees none of the events.
/// [`Integration::event_callback`](crate::Integration::event_callback) does not: it hands
/// every batch that decodes to its handler, odd events and all.
///
/// ```
/// use axum::routing::post;
/// use axum::Router;
/// use channel_axum::{Answer, Zendesk};
/// use channel_model::{ChannelbackRequest, ChannelbackResponse, Validated};
///
/// async fn channelback(Zendesk(request): Zendesk<ChannelbackRequest>) -> Answer<ChannelbackResponse> {
///     let delivered_as = format!("reply-to-{}", request.parent_id.as_deref().unwrap_or("none"));
///     Validated::new(ChannelbackResponse::new(delivered_as)).unwrap().into()
/// }
///
/// let app: Router = Router::new().route("/channelback", post(channelback));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Zendesk<T>(pub Validated<T>);

/// The largest pull form accepted: 256 KiB. Its `metadata` and `state` have at most 5000
/// characters each (Zendesk's pull docs), at most 60 000 bytes each once percent-encoded
/// (12 bytes for a 4-byte character).
pub const PULL_BODY_LIMIT: usize = 256 * 1024;

/// The largest admin UI form accepted: 256 KiB, as for [`PULL_BODY_LIMIT`]: `metadata` and
/// `state` (≤ 5000 characters each) dominate it.
pub const ADMIN_UI_BODY_LIMIT: usize = 256 * 1024;

/// The largest channelback form accepted: 2 MiB. Its `message` has at most 65 535
/// characters (Zendesk's channelback docs), 786 420 bytes once percent-encoded;
/// `metadata`, `state` and the ids add about 140 000 more, which leaves room for over a
/// thousand `file_urls[]`.
pub const CHANNELBACK_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The largest event callback batch accepted: 4 MiB. Zendesk documents no limit; a
/// `resources_created_from_external_ids` event for a full push (256 resources, ids of up to
/// 255 characters, 12 bytes each when escaped) is under 1 MiB, which leaves room for several
/// such events in one batch.
pub const EVENT_BATCH_BODY_LIMIT: usize = 4 * 1024 * 1024;

mod sealed {
    pub trait Sealed {}
}

/// A request Zendesk sends to an integration, which [`Zendesk`] extracts: implemented by
/// the model's request types only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request that Zendesk sends to an integration",
    label = "not a Zendesk request",
    note = "for your own types, use `Valid<Json<T>>`, `Valid<Form<T>>` or `Valid<Query<T>>`"
)]
pub trait ZendeskRequest: Validate + Sized + sealed::Sealed {
    /// Where the request is and how it is decoded.
    #[doc(hidden)]
    const SOURCE: Source;

    /// Decodes the request from its body or query.
    #[doc(hidden)]
    fn decode(encoded: &[u8]) -> Result<Self, Rejection>;
}

/// Where a [`ZendeskRequest`] is read from.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// The body, of at most this many bytes.
    Body(usize),
    /// The query string.
    Query,
}

macro_rules! zendesk_request {
    ($type:ty, $source:expr, |$encoded:ident| $decode:expr) => {
        impl sealed::Sealed for $type {}

        impl ZendeskRequest for $type {
            const SOURCE: Source = $source;

            fn decode($encoded: &[u8]) -> Result<Self, Rejection> {
                Ok($decode?)
            }
        }
    };
}

zendesk_request!(PullRequest, Source::Body(PULL_BODY_LIMIT), |body| {
    PullRequest::from_form(body)
});
zendesk_request!(
    ChannelbackRequest,
    Source::Body(CHANNELBACK_BODY_LIMIT),
    |body| ChannelbackRequest::from_form(body)
);
zendesk_request!(AdminUiRequest, Source::Body(ADMIN_UI_BODY_LIMIT), |body| {
    AdminUiRequest::from_form(body)
});
zendesk_request!(EventBatch, Source::Body(EVENT_BATCH_BODY_LIMIT), |body| {
    channel_model::from_slice::<EventBatch>(body)
});
zendesk_request!(ClickthroughRequest, Source::Query, |query| {
    ClickthroughRequest::from_query(query)
});

/// The `T` that `request` carries, decoded but not validated: 400 when it cannot be decoded,
/// 413 when its body is over the limit.
pub(crate) async fn decode<T: ZendeskRequest>(request: Request) -> Result<T, Rejection> {
    match T::SOURCE {
        Source::Query => T::decode(request.uri().query().unwrap_or_default().as_bytes()),
        Source::Body(limit) => {
            let (parts, body) = request.into_parts();
            T::decode(&body::read(&parts.headers, body, limit).await?)
        }
    }
}

impl<T: ZendeskRequest, S: Send + Sync> FromRequest<S> for Zendesk<T> {
    type Rejection = Rejection;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Rejection> {
        let value = decode::<T>(request).await?;
        Validated::new(value)
            .map(Zendesk)
            .map_err(|invalid| ValidationErrors::from(invalid).into())
    }
}

impl<T> std::ops::Deref for Zendesk<T> {
    type Target = Validated<T>;

    fn deref(&self) -> &Validated<T> {
        &self.0
    }
}
