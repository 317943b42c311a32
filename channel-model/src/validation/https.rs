//! The `https` rule: Zendesk's `https-url` format, checked without parsing into a URL type.
//!
//! An absolute URL must use the scheme `https` and name a host; a relative reference passes
//! because Zendesk resolves it against the integration's own https address. The check scans
//! only the scheme and the authority and never allocates.

/// Whether `url` passes the `https` rule: it is a relative reference, or an absolute URL
/// whose scheme is `https` (in any case) and whose authority has a non-empty host.
///
/// URL parsers skip leading spaces and control characters and drop tabs and line breaks
/// anywhere, so `" http://example.com"` and `"ht\ttp://example.com"` would be read as `http`
/// URLs: the first is checked as the absolute URL it is, and a tab or line break anywhere
/// fails the rule, since neither a URL nor a relative reference may contain one.
///
/// ```
/// use channel_model::rules::is_https_url;
///
/// assert!(is_https_url("https://example.com/files/1.jpg"));
/// assert!(is_https_url("files/1.jpg"));
/// assert!(is_https_url("./admin_ui"));
/// assert!(!is_https_url("http://example.com/files/1.jpg"));
/// assert!(!is_https_url("https:///files/1.jpg"));
/// ```
pub fn is_https_url(url: &str) -> bool {
    let url = url.trim_start_matches(|c: char| c <= ' ');
    if url.contains(['\t', '\n', '\r']) {
        return false;
    }
    match scheme_len(url) {
        None => true,
        Some(len) => url[..len].eq_ignore_ascii_case("https") && has_host(&url[len + 1..]),
    }
}

/// The length of the RFC 3986 scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`) that
/// `url` starts with, if a `:` follows it.
fn scheme_len(url: &str) -> Option<usize> {
    let bytes = url.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (bytes[len] == b':').then_some(len)
}

/// Whether the part after `scheme:` starts with an authority (`//`) whose host is not empty.
fn has_host(hier_part: &str) -> bool {
    let Some(rest) = hier_part.strip_prefix("//") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_and_port.starts_with('[') {
        host_and_port.split(']').next().unwrap_or_default()[1..].trim()
    } else {
        host_and_port.split(':').next().unwrap_or_default()
    };
    !host.is_empty()
}

#[cfg(test)]
mod tests {
    use super::is_https_url;

    #[test]
    fn absolute_urls_need_https_and_a_host() {
        for good in [
            "https://example.com",
            "HTTPS://EXAMPLE.COM/a",
            "https://user:pw@example.com:8443/a?b#c",
            "https://[::1]:443/x",
            "https://example.com?x=1",
        ] {
            assert!(is_https_url(good), "{good}");
        }
        for bad in [
            "http://example.com",
            "ftp://example.com",
            "https:example.com",
            "https:/example.com",
            "https://",
            "https:///a",
            "https://user@/a",
            "https://:443/a",
            "https://[]/a",
            "  http://example.com",
            "javascript:alert(1)",
            "h\ttp://example.com",
            "http\n://example.com",
            "https://exa\rmple.com",
            "files/a\tb.jpg",
            "localhost:8080/a",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }

    #[test]
    fn relative_references_pass() {
        for relative in [
            "",
            "files/1.jpg",
            "/files/1",
            "./admin_ui",
            "?q=1",
            "#top",
            "1a:b",
        ] {
            assert!(is_https_url(relative), "{relative}");
        }
    }
}
