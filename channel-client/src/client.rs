//! The client: where requests go, how they are sent, and what their answers mean.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use channel_model::{ChannelbackErrorReport, ValidateTokenRequest, Validated};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{StatusCode, Url};
use serde::Serialize;
use tracing::Instrument;

use crate::error::{BuildError, Error, ZendeskError};
use crate::retry::{self, Budget, RetryPolicy, Sleeper, TokioSleeper};
use crate::token;
use crate::AccessToken;

/// The `User-Agent` of every request: the crate and its version.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The most bytes of a success body that are read; a push response of 256 results with
/// long descriptions stays far below.
const MAX_RESPONSE_BYTES: usize = 1 << 20;

/// The most bytes of an error body that are read to find Zendesk's error.
const MAX_ERROR_BYTES: usize = 64 << 10;

/// A Zendesk Channel Framework endpoint the client calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// `POST /api/v2/any_channel/push`.
    Push,
    /// `POST /api/v2/any_channel/validate_token`.
    ValidateToken,
    /// `POST /api/v2/any_channel/channelback/report_error`.
    ReportError,
}

impl Endpoint {
    /// The endpoint's path, such as `/api/v2/any_channel/push`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Push => "/api/v2/any_channel/push",
            Endpoint::ValidateToken => "/api/v2/any_channel/validate_token",
            Endpoint::ReportError => "/api/v2/any_channel/channelback/report_error",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

/// An async client for Zendesk's Channel Framework endpoints that only sends
/// [`Validated`] payloads.
///
/// It is cheap to clone (clones share one connection pool). Requests carry
/// `Authorization: Bearer {token}`, `Content-Type: application/json` and
/// `User-Agent: channel-client/{version}`; they are retried as its [`RetryPolicy`] says.
///
/// ```no_run
/// use channel_client::{AccessToken, Client};
/// use channel_model::{Validated, ValidateTokenRequest};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let token = AccessToken::from(std::env::var("ZENDESK_ACCESS_TOKEN")?);
/// let client = Client::new("example", token)?;
/// let check = Validated::new(ValidateTokenRequest::new("instance-push-id"))?;
/// client.validate_token(&check).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) sleeper: Arc<dyn Sleeper>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base.as_str())
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `https://{subdomain}.zendesk.com`, with the default settings.
    ///
    /// `token` is an [`AccessToken`], such as the admin UI request's `zendesk_access_token`,
    /// or a `&str` or `String` that becomes one.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`]: among others, [`BuildError::InvalidToken`] when the token
    /// is not [well formed](AccessToken::is_well_formed).
    ///
    /// ```
    /// use channel_client::{AccessToken, BuildError, Client};
    ///
    /// assert!(Client::new("example", AccessToken::new("s3cr3t")).is_ok());
    /// assert!(Client::new("example", "s3cr3t").is_ok());
    /// assert!(Client::new("example", String::from("s3cr3t")).is_ok());
    ///
    /// let error = Client::new("example", "s3cr3t\n").unwrap_err();
    /// assert!(matches!(error, BuildError::InvalidToken));
    /// ```
    pub fn new(subdomain: &str, token: impl Into<AccessToken>) -> Result<Client, BuildError> {
        ClientBuilder::for_subdomain(subdomain, token).build()
    }

    /// A client for another base URL (a proxy, or a test server), with the default settings.
    /// Endpoint paths are appended to it: `http://127.0.0.1:8080/zendesk` sends pushes to
    /// `http://127.0.0.1:8080/zendesk/api/v2/any_channel/push`.
    pub fn with_base_url(
        base_url: &str,
        token: impl Into<AccessToken>,
    ) -> Result<Client, BuildError> {
        ClientBuilder::for_base_url(base_url, token).build()
    }

    /// The URL requests to `endpoint` go to.
    pub fn url(&self, endpoint: Endpoint) -> Url {
        let mut url = self.base.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{}", endpoint.path()));
        url
    }

    /// Checks that the token works for the account: `POST /api/v2/any_channel/validate_token`.
    /// Any 2xx status is success; the body is ignored.
    ///
    /// # Errors
    ///
    /// [`Error::Unauthorized`] when Zendesk refuses the token; the other [`Error`]s when the
    /// request fails.
    pub async fn validate_token(
        &self,
        request: &Validated<ValidateTokenRequest>,
    ) -> Result<(), Error> {
        let mut budget = Budget::new(self.retry.max_elapsed);
        self.send(
            Endpoint::ValidateToken,
            request,
            &mut budget,
            Expect::Nothing,
        )
        .await
        .map(drop)
    }

    /// Tells Zendesk a channelback failed:
    /// `POST /api/v2/any_channel/channelback/report_error`. Any 2xx status is success; the
    /// body is ignored.
    ///
    /// # Errors
    ///
    /// As [`validate_token`](Self::validate_token).
    pub async fn report_error(
        &self,
        report: &Validated<ChannelbackErrorReport>,
    ) -> Result<(), Error> {
        let mut budget = Budget::new(self.retry.max_elapsed);
        self.send(Endpoint::ReportError, report, &mut budget, Expect::Nothing)
            .await
            .map(drop)
    }

    /// Sends `body` to `endpoint`, retrying as the policy says, within `budget`; the body of
    /// the success answer when `expect` asks for it.
    pub(crate) async fn send<T: Serialize>(
        &self,
        endpoint: Endpoint,
        body: &Validated<T>,
        budget: &mut Budget,
        expect: Expect,
    ) -> Result<Vec<u8>, Error> {
        // Encoded once; each attempt sends the same bytes.
        let body = Bytes::from(serde_json::to_vec(body).map_err(Error::Encode)?);
        let url = self.url(endpoint);
        let mut backoff = self.retry.backoff();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::info_span!(
                "zendesk_request",
                endpoint = endpoint.path(),
                attempt,
                status = tracing::field::Empty,
                wait_ms = tracing::field::Empty,
            );
            let timeout = self.timeout.min(budget.remaining());
            let sent = self.attempt(endpoint, &url, body.clone(), timeout, attempt, expect);
            let (error, retry_after) = match sent.instrument(span.clone()).await {
                Ok(answer) => return Ok(answer),
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Retry { error, retry_after }) => (error, retry_after),
            };
            let wait = retry_after.or_else(|| backoff.next());
            let wait =
                wait.filter(|wait| attempt < self.retry.max_attempts && budget.allows(*wait));
            let Some(wait) = wait else {
                span.in_scope(|| tracing::warn!("giving up"));
                return Err(error);
            };
            span.record("wait_ms", wait.as_millis() as u64);
            span.in_scope(|| tracing::info!("retrying"));
            budget.wait(&*self.sleeper, wait).await;
        }
    }

    /// Sends the request once.
    async fn attempt(
        &self,
        endpoint: Endpoint,
        url: &Url,
        body: Bytes,
        timeout: Duration,
        attempt: u32,
        expect: Expect,
    ) -> Result<Vec<u8>, Failure> {
        let transport = |source| Failure::Retry {
            error: Error::Transport {
                endpoint,
                attempts: attempt,
                source,
            },
            retry_after: None,
        };
        let request = self
            .http
            .post(url.clone())
            .body(body.clone())
            .timeout(timeout);
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        if status.is_success() {
            return match expect {
                Expect::Nothing => Ok(Vec::new()),
                Expect::Body => match read(response, MAX_RESPONSE_BYTES).await {
                    Ok(body) => Ok(body),
                    Err(Read::TooLarge) => Err(Failure::Final(Error::InvalidResponse {
                        endpoint,
                        problem: format!("the body is larger than {MAX_RESPONSE_BYTES} bytes"),
                    })),
                    Err(Read::Failed(source)) => Err(transport(source)),
                },
            };
        }
        let retry_after = match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                retry::retry_after(response.headers(), SystemTime::now())
            }
            _ => None,
        };
        let zendesk = match read(response, MAX_ERROR_BYTES).await {
            Ok(answer) => ZendeskError::parse(&answer, &body),
            Err(_) => None,
        };
        Err(match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                Failure::Final(Error::Unauthorized {
                    endpoint,
                    status,
                    zendesk,
                })
            }
            _ if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() => {
                Failure::Retry {
                    error: Error::Unavailable {
                        endpoint,
                        status,
                        attempts: attempt,
                        retry_after,
                        zendesk,
                    },
                    retry_after,
                }
            }
            _ => Failure::Final(Error::Rejected {
                endpoint,
                status,
                zendesk,
            }),
        })
    }
}

/// What a success answer is needed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// Nothing: any 2xx is success.
    Nothing,
    /// Its body.
    Body,
}

/// A failed attempt: given up on, or to try again (after `retry_after` when the server said).
enum Failure {
    Final(Error),
    Retry {
        error: Error,
        retry_after: Option<Duration>,
    },
}

enum Read {
    TooLarge,
    Failed(reqwest::Error),
}

/// The response's body, when it has at most `limit` bytes.
async fn read(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Read> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Read::Failed)? {
        if body.len() + chunk.len() > limit {
            return Err(Read::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Settings for a [`Client`]: where it sends, how long it waits, how it retries.
///
/// ```
/// use std::time::Duration;
/// use channel_client::{ClientBuilder, RetryPolicy};
///
/// let client = ClientBuilder::for_base_url("http://127.0.0.1:8080", "token")
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::never())
///     .build()
///     .unwrap();
/// assert_eq!(
///     client.url(channel_client::Endpoint::Push).as_str(),
///     "http://127.0.0.1:8080/api/v2/any_channel/push"
/// );
/// ```
#[derive(Debug)]
pub struct ClientBuilder {
    base: Result<Url, BuildError>,
    token: AccessToken,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    timeout: Duration,
    connect_timeout: Duration,
}

impl ClientBuilder {
    /// Settings for `https://{subdomain}.zendesk.com`.
    pub fn for_subdomain(subdomain: &str, token: impl Into<AccessToken>) -> Self {
        let base = match valid_subdomain(subdomain) {
            true => Url::parse(&format!("https://{subdomain}.zendesk.com/"))
                .map_err(|_| BuildError::InvalidSubdomain),
            false => Err(BuildError::InvalidSubdomain),
        };
        ClientBuilder::with_base(base, token.into())
    }

    /// Settings for another base URL: see [`Client::with_base_url`].
    pub fn for_base_url(base_url: &str, token: impl Into<AccessToken>) -> Self {
        let base = Url::parse(base_url)
            .ok()
            .filter(|url| {
                matches!(url.scheme(), "http" | "https")
                    && url.has_host()
                    && url.username().is_empty()
                    && url.password().is_none()
                    && url.query().is_none()
                    && url.fragment().is_none()
            })
            .ok_or(BuildError::InvalidBaseUrl);
        ClientBuilder::with_base(base, token.into())
    }

    fn with_base(base: Result<Url, BuildError>, token: AccessToken) -> Self {
        ClientBuilder {
            base,
            token,
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
        }
    }

    /// How requests are retried. Default: [`RetryPolicy::default`].
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How the client waits between attempts. Default: [`TokioSleeper`].
    pub fn sleeper(mut self, sleeper: impl Sleeper) -> Self {
        self.sleeper = Arc::new(sleeper);
        self
    }

    /// The longest one attempt may take, from connecting to the end of the body. Default:
    /// 30 s. It must not be zero: [`build`](Self::build) refuses it
    /// ([`BuildError::ZeroTimeout`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take. Default: 10 s. It must not be zero:
    /// [`build`](Self::build) refuses it ([`BuildError::ZeroConnectTimeout`]).
    pub fn connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = connect_timeout;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// When the subdomain or base URL is invalid, the token is not
    /// [well formed](AccessToken::is_well_formed) ([`BuildError::InvalidToken`]), the
    /// retry policy's `max_elapsed`, the timeout or the connect timeout is zero, or the TLS
    /// stack cannot be set up.
    pub fn build(self) -> Result<Client, BuildError> {
        let base = self.base?;
        if self.retry.max_elapsed.is_zero() {
            return Err(BuildError::ZeroMaxElapsed);
        }
        if self.timeout.is_zero() {
            return Err(BuildError::ZeroTimeout);
        }
        if self.connect_timeout.is_zero() {
            return Err(BuildError::ZeroConnectTimeout);
        }
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, token::bearer(&self.token)?);
        let json = HeaderValue::from_static("application/json");
        headers.insert(header::CONTENT_TYPE, json.clone());
        headers.insert(header::ACCEPT, json);
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            // A redirected POST loses its body; Zendesk's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.connect_timeout)
            .build()
            .map_err(BuildError::Http)?;
        let mut retry = self.retry;
        retry.max_attempts = retry.max_attempts.max(1);
        retry.max_pushes = retry.max_pushes.max(1);
        Ok(Client {
            http,
            base,
            timeout: self.timeout,
            retry,
            sleeper: self.sleeper,
        })
    }
}

/// Whether `subdomain` is a DNS label: 1 to 63 ASCII letters, digits and hyphens, with a
/// letter or digit at each end.
fn valid_subdomain(subdomain: &str) -> bool {
    let bytes = subdomain.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes.first() != Some(&b'-')
        && bytes.last() != Some(&b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains_are_dns_labels() {
        assert!(valid_subdomain("acme"));
        assert!(valid_subdomain("acme-2"));
        assert!(valid_subdomain(&"a".repeat(63)));
        assert!(!valid_subdomain(&"a".repeat(64)));
        assert!(!valid_subdomain(""));
        assert!(!valid_subdomain("-acme"));
        assert!(!valid_subdomain("acme.evil.com/x"));
        assert!(!valid_subdomain("acme:8080"));
    }

    #[test]
    fn base_urls_keep_their_path() {
        let client = Client::with_base_url("http://127.0.0.1:9/zendesk/", "t").unwrap();
        assert_eq!(
            client.url(Endpoint::ReportError).as_str(),
            "http://127.0.0.1:9/zendesk/api/v2/any_channel/channelback/report_error"
        );
        let client = Client::new("acme", "t").unwrap();
        assert_eq!(
            client.url(Endpoint::Push).as_str(),
            "https://acme.zendesk.com/api/v2/any_channel/push"
        );
    }

    #[test]
    fn invalid_settings_are_refused() {
        for url in [
            "ftp://h/",
            "http://u:p@h/",
            "http://h/?q",
            "/relative",
            "mailto:a@b",
        ] {
            let error = Client::with_base_url(url, "t").unwrap_err();
            assert!(matches!(error, BuildError::InvalidBaseUrl), "{url}");
        }
        for token in ["bad\ntoken", "", "bad token", "bad\ttoken", "bäd"] {
            let error = Client::new("acme", token).unwrap_err();
            assert!(matches!(error, BuildError::InvalidToken), "{token:?}");
            assert!(!error.to_string().contains("bad"));
        }
    }

    #[test]
    fn a_zero_max_elapsed_is_refused_and_a_nanosecond_is_not() {
        let with = |max_elapsed| {
            let policy = RetryPolicy {
                max_elapsed,
                ..RetryPolicy::default()
            };
            ClientBuilder::for_base_url("http://127.0.0.1:9/", "t")
                .retry(policy)
                .build()
        };
        let error = with(Duration::ZERO).unwrap_err();
        assert!(matches!(error, BuildError::ZeroMaxElapsed));
        assert_eq!(
            error.to_string(),
            "the retry policy's max_elapsed is zero: it leaves no time to send a request"
        );
        assert!(with(Duration::from_nanos(1)).is_ok());
        assert!(with(Duration::MAX).is_ok());
    }

    #[test]
    fn a_zero_timeout_is_refused_and_a_nanosecond_is_not() {
        let builder = || ClientBuilder::for_base_url("http://127.0.0.1:9/", "t");
        let error = builder().timeout(Duration::ZERO).build().unwrap_err();
        assert!(matches!(error, BuildError::ZeroTimeout), "{error:?}");
        assert_eq!(
            error.to_string(),
            "the timeout is zero: every request would time out at once"
        );
        let error = builder()
            .connect_timeout(Duration::ZERO)
            .build()
            .unwrap_err();
        assert!(matches!(error, BuildError::ZeroConnectTimeout), "{error:?}");
        assert_eq!(
            error.to_string(),
            "the connect timeout is zero: every connection would time out at once"
        );
        for timeout in [Duration::from_nanos(1), Duration::MAX] {
            assert!(builder().timeout(timeout).build().is_ok());
            assert!(builder().connect_timeout(timeout).build().is_ok());
        }
    }
}
