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
/// It goes into the header as `Bearer {token}`, so it must be one or more visible ASCII
/// characters (`!` to `~`): [`ClientBuilder::build`](crate::ClientBuilder::build) refuses an
/// empty token, and one with a space, a tab, a control character or a character outside ASCII
/// ([`BuildError::InvalidToken`]). An HTTP header could carry some of these (reqwest's
/// `HeaderValue` takes tabs, spaces and bytes from 0x80), but servers trim or read them
/// differently, and OAuth's bearer tokens (RFC 6750, `b64token`) have none of them: such a
/// token is a mistake, such as a line read with its end or a copy with a space.
///
/// ```
/// use channel_client::{AccessToken, BuildError, Client};
///
/// let token = AccessToken::from("s3cr3t");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert!(Client::new("example", token).is_ok());
///
/// let error = Client::new("example", "s3cr3t\n").unwrap_err();
/// assert!(matches!(error, BuildError::InvalidToken));
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
        if self.0.is_empty() || !self.0.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BuildError::InvalidToken);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(token: &str) -> bool {
        AccessToken::from(token).bearer().is_ok()
    }

    #[test]
    fn tokens_are_one_or_more_visible_ascii_characters() {
        assert!(accepted("0123456789abcdef"));
        // The ends of the visible range, alone and together.
        assert!(accepted("!"));
        assert!(accepted("~"));
        assert!(accepted("!~"));
        assert!(accepted("a-._~+/="));
        // Empty, and each neighbour of the range: space and DEL, then tab, a line break,
        // NUL, other controls, and characters from U+0080 (bytes from 0x80) on.
        for refused in [
            "",
            " ",
            "a b",
            " a",
            "a ",
            "\u{7f}",
            "a\tb",
            "\t",
            "a\n",
            "a\r\n",
            "\0",
            "\u{1f}",
            "\u{80}",
            "\u{9f}",
            "\u{a0}",
            "é",
            "tok\u{e9}n",
            "😀",
        ] {
            assert!(!accepted(refused), "{refused:?}");
        }
    }

    #[test]
    fn the_header_is_bearer_and_sensitive() {
        let value = AccessToken::from("s3cr3t").bearer().unwrap();
        assert_eq!(value.to_str().unwrap(), "Bearer s3cr3t");
        assert!(value.is_sensitive());
    }
}
