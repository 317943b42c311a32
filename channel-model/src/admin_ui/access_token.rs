//! `zendesk_access_token`: a secret that shows itself only when asked by name.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// The OAuth access token Zendesk gives the admin UI when the manifest has a
/// `push_client_id`: the credential for pushing to the account.
///
/// It cannot leak by accident: its `Debug` shows only that it is there, it has no `Display`,
/// and it does not implement `Serialize` (a type that holds it must choose to write it).
/// [`expose_secret`](Self::expose_secret) gives the token, for the `Authorization` header.
///
/// ```
/// use channel_model::AccessToken;
///
/// let token = AccessToken::new("0123456789abcdef");
/// assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
/// assert_eq!(format!("Bearer {}", token.expose_secret()), "Bearer 0123456789abcdef");
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
    /// The token `secret`.
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken(secret.into())
    }

    /// The token itself: for the request that uses it, never for a log.
    pub fn expose_secret(&self) -> &str {
        &self.0
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
