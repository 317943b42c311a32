//! The access token in the `Authorization` header, where it never shows.

use channel_model::AccessToken;
use reqwest::header::HeaderValue;

use crate::error::BuildError;

/// The `Authorization: Bearer {token}` header value, marked sensitive so that it appears in
/// no log or `Debug` output; [`BuildError::InvalidToken`] for a token that is not
/// [well formed](AccessToken::is_well_formed).
pub(crate) fn bearer(token: &AccessToken) -> Result<HeaderValue, BuildError> {
    if !token.is_well_formed() {
        return Err(BuildError::InvalidToken);
    }
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose_secret()))
        .map_err(|_| BuildError::InvalidToken)?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_bearer_and_sensitive() {
        let value = bearer(&AccessToken::from("s3cr3t")).unwrap();
        assert_eq!(value.to_str().unwrap(), "Bearer s3cr3t");
        assert!(value.is_sensitive());
    }

    #[test]
    fn a_token_that_is_not_well_formed_makes_no_header() {
        for refused in ["", "s3cr3t\n", "s3 cr3t", "s3cr\u{e9}t"] {
            let refused = AccessToken::from(refused);
            assert!(!refused.is_well_formed());
            assert!(matches!(bearer(&refused), Err(BuildError::InvalidToken)));
        }
    }
}
