//! [`Valid<E>`]: decoding and validating the user's own types, as `axum-valid` does.

use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::{Form, Json};
use bytes::Bytes;
use channel_model::Validate;
use serde::de::DeserializeOwned;

use crate::body::{require_content_type, FORM, JSON};
use crate::{form, Problem, Rejection};

/// Extracts `E` (axum's [`Json<T>`], [`Form<T>`] or [`Query<T>`](axum::extract::Query)) for
/// a type of your own that derives `Deserialize` and `Validate`, then validates it: the
/// wrapper of `axum-valid`, with decoding that never quotes the request.
///
/// It reads JSON with [`channel_model::from_slice`] (duplicate keys refused), and a form or
/// query string as a JSON object of strings, `name[]` fields making a list: a field of
/// another type takes its text through serde (`#[serde(with = ...)]`). Errors answer 400
/// (undecodable), 413 (a body over axum's [`DefaultBodyLimit`](axum::extract::DefaultBodyLimit)),
/// 415 (another `Content-Type`) or 422 (rules broken), each as a [`Rejection`].
///
/// ```
/// use axum::{routing::post, Json, Router};
/// use channel_axum::Valid;
/// use channel_model::Validate;
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Validate)]
/// struct Message {
///     #[validate(required, max_length = 255)]
///     id: String,
///     #[validate(max_length = 65535)]
///     text: String,
/// }
///
/// async fn receive(Valid(Json(message)): Valid<Json<Message>>) -> String {
///     message.id
/// }
///
/// let app: Router = Router::new().route("/messages", post(receive));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Valid<E>(pub E);

impl<E> std::ops::Deref for Valid<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.0
    }
}

impl<T, S> FromRequest<S> for Valid<Json<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        require_content_type(request.headers(), JSON)?;
        let body = bytes(request, state).await?;
        checked(channel_model::from_slice(&body)?).map(|value| Valid(Json(value)))
    }
}

impl<T, S> FromRequest<S> for Valid<Form<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        require_content_type(request.headers(), FORM)?;
        let body = bytes(request, state).await?;
        checked(form::decode(&body)?).map(|value| Valid(Form(value)))
    }
}

impl<T, S> FromRequestParts<S> for Valid<axum::extract::Query<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        checked(form::decode(query.as_bytes())?).map(|value| Valid(axum::extract::Query(value)))
    }
}

/// The body, within the limit axum's `DefaultBodyLimit` sets for the route.
async fn bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, Rejection> {
    Bytes::from_request(request, state)
        .await
        .map_err(|rejection: BytesRejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Rejection::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                [Problem::new(
                    "",
                    "body_too_large",
                    "the body is larger than this endpoint accepts",
                )],
            ),
            _ => Rejection::unreadable(),
        })
}

/// `value` when it passes its rules (422 otherwise).
fn checked<T: Validate>(value: T) -> Result<T, Rejection> {
    value.validate().map_err(Rejection::from)?;
    Ok(value)
}
