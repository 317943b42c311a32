//! The access token, a secret that never shows.

use std::fmt;

use reqwest::header::HeaderValue;

use crate::error::BuildError;

/// The OAuth access token Zendesk gave the integration for an account (the integration's
/// `ZENDESK_ACCESS_TOKEN`, handed over on the admin UI's `return_url`).
///
/// It is a secret: its `Debug` is `AccessToken(<redacted>)`, it has no `Display`, and the
/// client marks the `Authorization` header it goes into as sensitive, so it appears in no
/// log, `Debug` output or error.
///
/// ```
/// use channel_client::AccessToken;
///
/// let token = AccessToken::from("s3cr3t");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// ```
#[derive(Clone)]
pub struct AccessToken(String);

impl AccessToken {
    /// The token as given, to hand it to another client. Keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The `Authorization: Bearer` header value, marked sensitive.
    pub(crate) fn bearer(&self) -> Result<HeaderValue, BuildError> {
        let mut value = HeaderValue::try_from(format!("Bearer {}", self.0))
            .map_err(|_| BuildError::InvalidToken)?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl From<String> for AccessToken {
    fn from(token: String) -> Self {
        AccessToken(token)
    }
}

impl From<&str> for AccessToken {
    fn from(token: &str) -> Self {
        AccessToken(token.to_owned())
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}
