//! The URLs that Zendesk itself sends: its `return_url`, and in events the `manifest_url` and
//! the `url` it called.

use crate::rules::is_https_url;
use crate::CustomError;

/// Checks that a URL Zendesk sends is absolute, with the scheme `https`.
///
/// The `https` rule (Zendesk's schema format `https-url`) lets a relative reference pass,
/// because Zendesk resolves the URLs an integration sends against the integration's own https
/// address. A URL that Zendesk sends has nothing to be resolved against: a relative one would
/// name a page of whichever site reads it. The schema format's own words ("enforces that the
/// URL uses the HTTPS scheme") allow the stricter reading, and where sources allow two
/// readings the stricter one applies. An empty URL, or one that is not https, is left to
/// `required` and `https`, which report it once, under their codes.
pub(crate) fn absolute_url(url: &str) -> Result<(), CustomError> {
    // A URL with spaces around it is left to `https`, which refuses it.
    let absolute = url
        .get(..6)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https:"));
    match absolute || url.is_empty() || !is_https_url(url) {
        true => Ok(()),
        false => Err(CustomError::new(
            "absolute_url",
            "must be an absolute https URL, as Zendesk sends it",
        )),
    }
}
