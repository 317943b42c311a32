//! What can go wrong when building a client or sending a request.

use std::fmt;
use std::time::Duration;

use channel_model::{DecodeError, ResultsMismatch};
use reqwest::StatusCode;
use serde::Deserialize;

use crate::client::Endpoint;
use crate::redact;

/// Why a [`Client`](crate::Client) cannot be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The subdomain is not 1 to 63 ASCII letters, digits and hyphens with a letter or digit
    /// at each end.
    #[error("the subdomain must be 1 to 63 ASCII letters, digits and hyphens, with a letter or digit at each end")]
    InvalidSubdomain,
    /// The base URL is not an absolute `http` or `https` URL without credentials, query or
    /// fragment.
    #[error(
        "the base URL must be an absolute http or https URL without credentials, query or fragment"
    )]
    InvalidBaseUrl,
    /// The token is not [well formed](crate::AccessToken::is_well_formed): it is empty, or
    /// has a character that is not visible ASCII (`!` to `~`): a space, a tab, a control
    /// character or a character outside ASCII.
    #[error("the access token must be one or more visible ASCII characters (no spaces, tabs, control characters or non-ASCII characters)")]
    InvalidToken,
    /// The [`RetryPolicy`](crate::RetryPolicy)'s `max_elapsed` is zero, which leaves no time
    /// to send a single request.
    #[error("the retry policy's max_elapsed is zero: it leaves no time to send a request")]
    ZeroMaxElapsed,
    /// The [`timeout`](crate::ClientBuilder::timeout) is zero: every request would time out
    /// at once.
    #[error("the timeout is zero: every request would time out at once")]
    ZeroTimeout,
    /// The [`connect_timeout`](crate::ClientBuilder::connect_timeout) is zero: every
    /// connection would time out at once.
    #[error("the connect timeout is zero: every connection would time out at once")]
    ZeroConnectTimeout,
    /// The HTTP stack could not be set up.
    #[error("the HTTP client cannot be set up")]
    Http(#[source] reqwest::Error),
}

/// Why a request to Zendesk did not succeed.
///
/// No variant carries a value of the payload or the token: only the endpoint, HTTP status,
/// attempt count, and the `error` and `description` of Zendesk's error body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401 or 403: the token was revoked or lacks the scope. Never retried.
    #[error(
        "{endpoint}: Zendesk refused the access token ({status}){}",
        Detail(zendesk)
    )]
    Unauthorized {
        /// The endpoint called.
        endpoint: Endpoint,
        /// 401 or 403.
        status: StatusCode,
        /// Zendesk's error body, when it sent one.
        zendesk: Option<ZendeskError>,
    },
    /// Another 4xx or 3xx status: sending the same request again would fail the same way.
    #[error(
        "{endpoint}: Zendesk rejected the request ({status}){}",
        Detail(zendesk)
    )]
    Rejected {
        /// The endpoint called.
        endpoint: Endpoint,
        /// The status.
        status: StatusCode,
        /// Zendesk's error body, when it sent one.
        zendesk: Option<ZendeskError>,
    },
    /// 429 or 5xx, still after the last attempt the [`RetryPolicy`](crate::RetryPolicy)
    /// allows (in number or in time).
    #[error(
        "{endpoint}: Zendesk is unavailable ({status}) after {attempts} attempt(s){}",
        Detail(zendesk)
    )]
    Unavailable {
        /// The endpoint called.
        endpoint: Endpoint,
        /// The last status.
        status: StatusCode,
        /// How many requests were sent.
        attempts: u32,
        /// How long the last `Retry-After` asked to wait, when it gave a time.
        retry_after: Option<Duration>,
        /// Zendesk's error body, when it sent one.
        zendesk: Option<ZendeskError>,
    },
    /// The request could not be sent, or no answer came (connection refused, timeout, ...),
    /// still after the last attempt allowed.
    #[error("{endpoint}: no answer from Zendesk after {attempts} attempt(s)")]
    Transport {
        /// The endpoint called.
        endpoint: Endpoint,
        /// How many requests were tried.
        attempts: u32,
        /// The last failure.
        #[source]
        source: reqwest::Error,
    },
    /// A success status whose body cannot be taken in whole (it is too large).
    #[error("{endpoint}: Zendesk's answer cannot be read: {problem}")]
    InvalidResponse {
        /// The endpoint called.
        endpoint: Endpoint,
        /// What is wrong with it, never the body's text.
        problem: String,
    },
    /// A success status whose body does not decode as the endpoint's answer: it is not
    /// JSON, or a member is missing or of the wrong type. The source, decoded by
    /// [`channel_model::from_slice`], says where (a JSON Pointer), what kind of problem and at
    /// which line and column, never a value of the body: the body echoes external ids and
    /// may quote what was pushed.
    #[error("{endpoint}: Zendesk's answer cannot be decoded")]
    Decode {
        /// The endpoint called.
        endpoint: Endpoint,
        /// Where and what.
        #[source]
        source: DecodeError,
    },
    /// The push response's results do not pair with the resources pushed.
    #[error("{}: the results do not match the push", Endpoint::Push)]
    Mismatch(#[source] ResultsMismatch),
    /// The request could not be written as JSON.
    #[error("the request cannot be encoded as JSON")]
    Encode(#[source] serde_json::Error),
}

impl Error {
    /// The HTTP status Zendesk answered with, when it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Unauthorized { status, .. }
            | Error::Rejected { status, .. }
            | Error::Unavailable { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Zendesk's error body, when it sent one.
    pub fn zendesk(&self) -> Option<&ZendeskError> {
        match self {
            Error::Unauthorized { zendesk, .. }
            | Error::Rejected { zendesk, .. }
            | Error::Unavailable { zendesk, .. } => zendesk.as_ref(),
            _ => None,
        }
    }
}

/// Zendesk's error body: `{"error": "InvalidToken", "description": "..."}`.
///
/// Some endpoints write `error` as an object `{"title": ..., "message": ...}`; its title is
/// taken as `error` and its message as `description`. Other members (such as `details`,
/// which may repeat submitted values) are not kept. A value of the request (of 4 characters
/// or more) that `error` or `description` repeats is replaced with `<redacted>`, control
/// characters are escaped (`\n`, `\u{1b}`: a server's text cannot forge log lines), and each
/// is cut to 1024 characters (then ending with `…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZendeskError {
    /// The error's name, such as `InvalidToken` or `RecordInvalid`.
    pub error: String,
    /// Zendesk's explanation.
    pub description: Option<String>,
}

impl ZendeskError {
    /// The error in `body`, when it is Zendesk's error JSON, without the values of `sent`
    /// (the request's JSON).
    pub(crate) fn parse(body: &[u8], sent: &[u8]) -> Option<Self> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Name {
            Text(String),
            Object {
                title: String,
                message: Option<String>,
            },
        }
        #[derive(Deserialize)]
        struct Body {
            error: Name,
            description: Option<String>,
        }
        let body: Body = channel_model::from_slice(body).ok()?;
        let (error, description) = match body.error {
            Name::Text(error) => (error, body.description),
            Name::Object { title, message } => (title, body.description.or(message)),
        };
        let sent = redact::sent_values(sent);
        Some(ZendeskError {
            error: redact::redact(error, &sent),
            description: description.map(|description| redact::redact(description, &sent)),
        })
    }
}

impl fmt::Display for ZendeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error)?;
        match &self.description {
            Some(description) => write!(f, " ({description})"),
            None => Ok(()),
        }
    }
}

/// `: {zendesk error}` when there is one.
struct Detail<'a>(&'a Option<ZendeskError>);

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(error) => write!(f, ": {error}"),
            None => Ok(()),
        }
    }
}
