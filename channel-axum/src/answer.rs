//! [`Answer<T>`]: the only way to answer Zendesk with a payload, and only a validated one.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use channel_model::{ChannelbackResponse, Manifest, PullResponse, ReturnForm, Validate, Validated};

/// An answer to Zendesk, made from a [`Validated<T>`] and nothing else, so that a handler
/// cannot answer with a payload Zendesk would reject.
///
/// | `T` | answers |
/// |---|---|
/// | [`PullResponse`], [`ChannelbackResponse`], [`Manifest`] | 200, the JSON of the payload |
/// | [`ReturnForm`] | 200, its escaped self-submitting HTML page, `Cache-Control: no-store` (it holds the account's metadata) |
///
/// ```
/// use axum::response::IntoResponse;
/// use channel_axum::Answer;
/// use channel_model::{PullResponse, Validated};
///
/// let answer = Answer::from(Validated::new(PullResponse::new([])).unwrap());
/// assert_eq!(answer.into_response().status(), 200);
/// ```
///
/// A payload that was not validated cannot become an answer:
///
/// ```compile_fail
/// use channel_axum::Answer;
/// use channel_model::PullResponse;
///
/// let answer = Answer::from(PullResponse::new([]));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<T>(Validated<T>);

impl<T> Answer<T> {
    /// The validated payload back.
    pub fn into_inner(self) -> Validated<T> {
        self.0
    }
}

impl<T> From<Validated<T>> for Answer<T> {
    fn from(payload: Validated<T>) -> Self {
        Answer(payload)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A payload an integration answers Zendesk with, and how it goes over HTTP.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a payload an integration answers Zendesk with",
    note = "Zendesk takes a `PullResponse`, `ChannelbackResponse`, `Manifest` or `ReturnForm`"
)]
pub trait Reply: Validate + Sized + sealed::Sealed {
    /// The response that carries `payload`.
    fn respond(payload: Validated<Self>) -> Response;
}

macro_rules! json_reply {
    ($($type:ty),*) => {$(
        impl sealed::Sealed for $type {}

        impl Reply for $type {
            fn respond(payload: Validated<Self>) -> Response {
                Json(payload).into_response()
            }
        }
    )*};
}

json_reply!(PullResponse, ChannelbackResponse, Manifest);

impl sealed::Sealed for ReturnForm {}

impl Reply for ReturnForm {
    fn respond(payload: Validated<Self>) -> Response {
        let page = Html(payload.to_html());
        ([(header::CACHE_CONTROL, "no-store")], page).into_response()
    }
}

impl<T: Reply> IntoResponse for Answer<T> {
    fn into_response(self) -> Response {
        T::respond(self.0)
    }
}
