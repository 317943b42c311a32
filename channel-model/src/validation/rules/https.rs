//! The `https` rule: Zendesk's `https-url` format, checked without parsing into a URL type.
//!
//! An absolute URL must use the scheme `https` and name a host; a relative reference passes
//! because Zendesk resolves it against the integration's own https address. The check reads
//! the URL once, eight bytes at a time, then the scheme and (unless it is plainly `https://`
//! and a host) the authority; it never allocates.

use std::fmt;

use super::Text;
use crate::validation::private::{violation, At};
use crate::{ValidationErrors, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "https";

/// The rule's message.
pub(crate) fn message(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("must be an https URL (an absolute URL needs the https scheme and a host)")
}

/// Checks `https`.
#[inline(always)]
pub fn apply<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    if value.as_text().is_some_and(|url| !is_https_url(url)) {
        violation(errors, at, ViolationKind::Https);
    }
}

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
    // What URL parsers skip is ASCII (at most ' '), so bytes can be trimmed and scanned: every
    // byte position found below is a character boundary.
    let start = url.bytes().position(|b| b > b' ').unwrap_or(url.len());
    let url = &url[start..];
    let scan = Scan::of(url.as_bytes());
    if scan.line_break {
        return false;
    }
    if starts_with_https_slashes(url.as_bytes()) {
        // The common case, `https://host...`: with no `@` anywhere, a host that starts with a
        // letter or digit is not empty, so the authority need not be parsed.
        let first = url.as_bytes().get(8);
        return (!scan.at_sign && first.is_some_and(u8::is_ascii_alphanumeric))
            || has_host(&url[6..]);
    }
    match scheme_len(url) {
        None => true,
        Some(len) => url[..len].eq_ignore_ascii_case("https") && has_host(&url[len + 1..]),
    }
}

/// What one pass over a URL finds.
#[derive(Default)]
struct Scan {
    /// A tab, a line feed or a carriage return.
    line_break: bool,
    /// An `@`.
    at_sign: bool,
}

impl Scan {
    /// Scans `bytes` eight at a time (the last eight overlapping the word before), and looks at
    /// single bytes only in a word that holds an `@` or a byte below 0x0E (as '\t', '\n' and
    /// '\r' are): in a URL, hardly ever.
    fn of(bytes: &[u8]) -> Scan {
        let mut scan = Scan::default();
        if bytes.len() < 8 {
            scan.add(bytes);
            return scan;
        }
        let mut words = bytes.chunks_exact(8);
        for chunk in words.by_ref().filter_map(<[u8]>::first_chunk) {
            scan.add_word(chunk);
        }
        if let (false, Some(last)) = (words.remainder().is_empty(), bytes.last_chunk()) {
            scan.add_word(last);
        }
        scan
    }

    fn add_word(&mut self, chunk: &[u8; 8]) {
        const AT_SIGNS: u64 = ONES * b'@' as u64;
        let word = u64::from_le_bytes(*chunk);
        if bytes_below(word, 0x0E) | bytes_below(word ^ AT_SIGNS, 1) != 0 {
            self.add(chunk);
        }
    }

    fn add(&mut self, bytes: &[u8]) {
        self.line_break |= bytes.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r'));
        self.at_sign |= bytes.contains(&b'@');
    }
}

/// Eight bytes of 1.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);

/// Not zero exactly when a byte of `word` is below `n` (at most 0x80): subtracting `n` from
/// each byte then borrows into the high bit of a byte whose high bit was clear.
fn bytes_below(word: u64, n: u8) -> u64 {
    const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH_BITS
}

/// Whether `url` starts with `https://`, the scheme in any case, in one comparison: setting
/// bit 0x20 lower-cases a letter, and turns no other byte into one of `https`.
fn starts_with_https_slashes(url: &[u8]) -> bool {
    const LOWER_SCHEME: u64 = u64::from_le_bytes([0x20, 0x20, 0x20, 0x20, 0x20, 0, 0, 0]);
    url.first_chunk::<8>().is_some_and(|head| {
        u64::from_le_bytes(*head) | LOWER_SCHEME == u64::from_le_bytes(*b"https://")
    })
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
    // One pass over the authority: it ends at `/`, `?` or `#`; the host follows the last `@`.
    let mut host_start = 0;
    let mut end = rest.len();
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                end = i;
                break;
            }
            b'@' => host_start = i + 1,
            _ => {}
        }
    }
    let host_and_port = &rest[host_start..end];
    match host_and_port.as_bytes().first() {
        None | Some(b':') => false,
        // An IP literal: something other than whitespace between `[` and `]` (or the end).
        Some(b'[') => !host_and_port[1..]
            .split(']')
            .next()
            .unwrap_or_default()
            .trim()
            .is_empty(),
        Some(_) => true,
    }
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
    fn the_https_fast_path_agrees_with_the_authority_parser() {
        for good in [
            "https://a",
            "https://example.com/@user",
            "https://example.com/a?b=@c#@d",
            "hTtPs://x.example/",
            "https://user@example.com/",
            "https://a:b@example.com:1/",
            "https://@example.com",
        ] {
            assert!(is_https_url(good), "{good}");
        }
        for bad in [
            "https://user@/a",
            "https://a@b@/c",
            "https://:1/",
            "https://?a",
            "https://#a",
            "https://example.com/a\tb",
            "https://example.com/a/b/c/d/e\n",
            "https:\r//example.com",
            "HTTPS://exa\rmple.com/long/path/to/a/file.png",
        ] {
            assert!(!is_https_url(bad), "{bad:?}");
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
