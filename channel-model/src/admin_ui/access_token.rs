//! `zendesk_access_token`: a secret that shows itself only when asked by name.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// The OAuth access token Zendesk gives an integration for an account: posted to the admin
/// UI as `zendesk_access_token` when the manifest has a `push_client_id`, and the credential
/// for pushing to the account (`Authorization: Bearer {token}`).
///
/// It cannot leak by accident: its `Debug` shows only that it is there, it has no `Display`,
/// and it does not implement `Serialize` (a type that holds it must choose to write it).
/// [`expose_secret`](Self::expose_secret) gives the token, for the `Authorization` header.
/// It is built from a `&str` or a `String` ([`new`](Self::new) or `From`), so the token
/// of an [`AdminUiRequest`](crate::AdminUiRequest), or one read from the environment, goes
/// as it is to an HTTP client that takes it.
///
/// ```
/// use channel_model::AccessToken;
///
/// let token = AccessToken::new("0123456789abcdef");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert_eq!(format!("Bearer {}", token.expose_secret()), "Bearer 0123456789abcdef");
/// assert_eq!(AccessToken::from("0123456789abcdef"), token);
/// assert!(token.is_well_formed());
/// assert!(!AccessToken::from("0123456789abcdef\n").is_well_formed());
/// ```
///
/// Neither formatting it nor serializing it compiles:
///
/// ```compile_fail,E0277
/// let token = channel_model::AccessToken::new("0123456789abcdef");
/// let shown = format!("{token}");
/// ```
///
/// ```compile_fail,E0277
/// let token = channel_model::AccessToken::new("0123456789abcdef");
/// let json = serde_json::to_string(&token);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// The token `secret`, as given: whether it can be sent is
    /// [`is_well_formed`](Self::is_well_formed)'s question.
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken(secret.into())
    }

    /// The token itself: for the request that uses it, never for a log.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether the token can go into an `Authorization: Bearer {token}` header: one or more
    /// visible ASCII characters (`!` to `~`), so not empty and without a space, a tab, a
    /// control character or a character outside ASCII.
    ///
    /// Source: OAuth's bearer tokens (RFC 6750, section 2.1, `b64token`) are made of visible
    /// ASCII characters only. An HTTP header could carry more (tabs, spaces and bytes from
    /// 0x80, RFC 9110 section 5.5), but servers trim or read those differently, and a token
    /// with one is a mistake, such as a line read with its end or a copy with a space. This
    /// rule refuses those and nothing a bearer token can hold.
    pub fn is_well_formed(&self) -> bool {
        !self.0.is_empty() && self.0.bytes().all(|byte| byte.is_ascii_graphic())
    }
}

impl From<String> for AccessToken {
    fn from(secret: String) -> Self {
        AccessToken(secret)
    }
}

impl From<&str> for AccessToken {
    fn from(secret: &str) -> Self {
        AccessToken(secret.to_owned())
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Reads the token from a JSON string, so that a request logged or stored by its owner can be
/// read back.
impl<'de> Deserialize<'de> for AccessToken {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(AccessToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn well_formed(token: &str) -> bool {
        AccessToken::from(token).is_well_formed()
    }

    #[test]
    fn tokens_are_one_or_more_visible_ascii_characters() {
        assert!(well_formed("0123456789abcdef"));
        // The ends of the visible range, alone and together.
        assert!(well_formed("!"));
        assert!(well_formed("~"));
        assert!(well_formed("!~"));
        assert!(well_formed("a-._~+/="));
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
            assert!(!well_formed(refused), "{refused:?}");
        }
    }

    #[test]
    fn every_way_of_building_it_keeps_the_token_as_given() {
        let given = " not trimmed\n";
        for token in [
            AccessToken::new(given),
            AccessToken::from(given),
            AccessToken::from(given.to_owned()),
        ] {
            assert_eq!(token.expose_secret(), given);
        }
    }
}
