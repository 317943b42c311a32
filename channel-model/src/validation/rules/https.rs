//! The `https` rule: Zendesk's `https-url` format, checked without parsing into a URL type.
//!
//! An absolute URL must use the scheme `https` and name a valid host; a relative reference
//! passes because Zendesk resolves it against the integration's own https address. The check
//! reads the URL once, eight bytes at a time, for tabs and line breaks, then the scheme and
//! the authority; it never allocates.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Text;
use crate::validation::private::{At, Sink};
use crate::ViolationKind;

/// The rule's code.
pub(crate) const CODE: &str = "https";

/// The rule's message, which says what is wrong.
pub(crate) fn message(f: &mut fmt::Formatter<'_>, problem: &HttpsProblem) -> fmt::Result {
    let why = match problem {
        HttpsProblem::Empty => "the empty string is not a URL",
        HttpsProblem::TabOrLineBreak => {
            "it holds a tab or a line break, which URL parsers drop: the URL fetched would not \
             be the one sent"
        }
        HttpsProblem::SurroundingSpace => {
            "it begins or ends with a space or a control character, which URL parsers strip: \
             the URL fetched would not be the one sent"
        }
        HttpsProblem::Scheme | HttpsProblem::NoHost => {
            "an absolute URL needs the https scheme and a host"
        }
        HttpsProblem::InvalidHost => {
            "its host holds a space or a character no host may have, or an IPv6 address \
             without its closing bracket"
        }
        HttpsProblem::InvalidPort => "its port is not a number from 0 to 65535",
    };
    write!(f, "must be an https URL ({why})")
}

/// Checks `https`. An empty value is left to `required` and `non_empty`, which report it
/// once, under their codes: the empty string is not a URL, so a field that must hold one
/// pairs `https` with one of them.
#[inline(always)]
pub fn apply<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut impl Sink) {
    let Some(url) = value.as_text().filter(|url| !url.is_empty()) else {
        return;
    };
    // The common case inline, the others out of line.
    let checked = match check_plain_https_url(url.as_bytes()) {
        Some(checked) => checked,
        None => check_any_url(url),
    };
    if let Err(problem) = checked {
        errors.violation(at, ViolationKind::Https { problem });
    }
}

/// What is wrong with a URL that fails the `https` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpsProblem {
    /// The text is empty (or only spaces and control characters): not a URL. Code `empty`.
    /// The `https` rule leaves the empty string itself to `required` and `non_empty`.
    Empty,
    /// The text holds a tab, a line feed or a carriage return. URL parsers drop them, so the
    /// URL fetched would not be the one sent. Code `tab_or_line_break`.
    TabOrLineBreak,
    /// The text begins or ends with a space or a control character (a byte up to `0x20`),
    /// which URL parsers strip, so the URL fetched would not be the one sent. Code
    /// `surrounding_space`.
    SurroundingSpace,
    /// An absolute URL whose scheme is not `https`. Code `scheme`.
    Scheme,
    /// An absolute URL with no host (`https:///a`, `https:example.com`). Code `no_host`.
    NoHost,
    /// The host holds a space or a forbidden host code point (`<`, `>`, `^`, `|`, ..., also
    /// when percent-encoded), or an IPv6 literal is not closed. Code `invalid_host`.
    InvalidHost,
    /// The port is not digits, or above 65535. Code `invalid_port`.
    InvalidPort,
}

impl HttpsProblem {
    /// The stable code, e.g. `invalid_host`.
    pub const fn code(self) -> &'static str {
        match self {
            HttpsProblem::Empty => "empty",
            HttpsProblem::TabOrLineBreak => "tab_or_line_break",
            HttpsProblem::SurroundingSpace => "surrounding_space",
            HttpsProblem::Scheme => "scheme",
            HttpsProblem::NoHost => "no_host",
            HttpsProblem::InvalidHost => "invalid_host",
            HttpsProblem::InvalidPort => "invalid_port",
        }
    }
}

/// Its code.
impl Serialize for HttpsProblem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// Whether `url` passes the `https` rule; see [`check_https_url`].
///
/// ```
/// use channel_model::rules::is_https_url;
///
/// assert!(is_https_url("https://example.com/files/1.jpg"));
/// assert!(is_https_url("files/1.jpg"));
/// assert!(is_https_url("./admin_ui"));
/// assert!(!is_https_url("http://example.com/files/1.jpg"));
/// assert!(!is_https_url("https:///files/1.jpg"));
/// assert!(!is_https_url("https://exa mple.com/"));
/// assert!(!is_https_url(""));
/// ```
pub fn is_https_url(url: &str) -> bool {
    check_https_url(url).is_ok()
}

/// Checks `url` against the `https` rule: it is a relative reference, or an absolute URL
/// whose scheme is `https` (in any case) and whose authority has a valid host (and port).
///
/// URL parsers strip leading and trailing spaces and control characters and drop tabs and
/// line breaks anywhere, so `" http://example.com"` and `"ht\ttp://example.com"` would be read
/// as `http` URLs: a tab or line break anywhere, and a space or control character at either
/// end, fail the rule, since neither a URL nor a relative reference may contain them there. A host is
/// checked as the WHATWG URL standard reads one: no forbidden host code point (a space,
/// `#`, `<`, `>`, `[`, `\`, `]`, `^`, `|`, ...), no control character or `%` once
/// percent-decoded, an IPv6 literal closed by `]`, and a port of digits up to 65535.
///
/// ```
/// use channel_model::rules::check_https_url;
/// use channel_model::HttpsProblem;
///
/// assert_eq!(check_https_url("https://example.com:8443/a"), Ok(()));
/// assert_eq!(check_https_url("https://example.com:99999/"), Err(HttpsProblem::InvalidPort));
/// assert_eq!(check_https_url("https://exa<mple>.com/"), Err(HttpsProblem::InvalidHost));
/// assert_eq!(check_https_url("https://example.com/a\tb"), Err(HttpsProblem::TabOrLineBreak));
/// assert_eq!(check_https_url(" https://example.com/"), Err(HttpsProblem::SurroundingSpace));
/// assert_eq!(check_https_url("https://example.com/ "), Err(HttpsProblem::SurroundingSpace));
/// ```
pub fn check_https_url(url: &str) -> Result<(), HttpsProblem> {
    match check_plain_https_url(url.as_bytes()) {
        Some(result) => result,
        None => check_any_url(url),
    }
}

/// [`check_https_url`] of any text, common or not.
#[inline(never)]
fn check_any_url(url: &str) -> Result<(), HttpsProblem> {
    // What URL parsers strip is ASCII (at most ' '), so bytes can be scanned: every byte
    // position found below is a character boundary.
    let url = url.as_bytes();
    if url.iter().all(|&b| b <= b' ') {
        return Err(HttpsProblem::Empty);
    }
    if has_tab_or_line_break(url) {
        return Err(HttpsProblem::TabOrLineBreak);
    }
    if url.first().is_some_and(|&b| b <= b' ') || url.last().is_some_and(|&b| b <= b' ') {
        return Err(HttpsProblem::SurroundingSpace);
    }
    // The common case, `https://`, in one comparison; otherwise the scheme is read.
    let hier_part = if starts_with_https_slashes(url) {
        &url[6..]
    } else {
        match scheme_len(url) {
            None => return Ok(()),
            Some(len) if url[..len].eq_ignore_ascii_case(b"https") => &url[len + 1..],
            Some(_) => return Err(HttpsProblem::Scheme),
        }
    };
    match hier_part.strip_prefix(b"//") {
        Some(rest) => check_authority(rest),
        None => Err(HttpsProblem::NoHost),
    }
}

/// The common cases, decided in one pass: `https://` (in any case) and a host of bytes that no
/// domain forbids, up to the end of the authority; or a relative reference that starts with a
/// byte above the space and has no scheme; either ending with a byte above the space. `None`
/// for everything else (a user, a port, an IP literal, a percent-escape or a forbidden byte
/// in the authority, an empty host, a scheme, leading or trailing spaces), which
/// [`check_any_url`] reads in full; it agrees with that reading wherever this decides.
#[inline(always)]
fn check_plain_https_url(url: &[u8]) -> Option<Result<(), HttpsProblem>> {
    match url.last() {
        Some(&last) if last > b' ' => {}
        _ => return None,
    }
    let rest = if starts_with_https_slashes(url) {
        let rest = &url[8..];
        let end = plain_host_len(rest)?;
        &rest[end..]
    } else {
        match url.first() {
            Some(&first) if first > b' ' && !has_scheme(url) => url,
            _ => return None,
        }
    };
    Some(match has_tab_or_line_break(rest) {
        true => Err(HttpsProblem::TabOrLineBreak),
        false => Ok(()),
    })
}

/// Whether `url` starts with a scheme and its `:` ([`scheme_len`]). Mostly settled by its
/// first eight bytes: when they hold a byte that is not a letter, a digit, `.` or `-` (all of
/// them scheme bytes), and that byte is neither `+` (a scheme byte too) nor `:`, the scheme,
/// if any, ends before a byte that is not `:`.
#[inline(always)]
fn has_scheme(url: &[u8]) -> bool {
    if let Some(word) = url.first_chunk::<8>() {
        let unusual = unusual_bytes(u64::from_le_bytes(*word));
        if unusual != 0 && !matches!(word[(unusual.trailing_zeros() / 8) as usize], b':' | b'+') {
            return false;
        }
    }
    scheme_len(url).is_some()
}

/// The length of the host that `rest` (what follows `https://`) starts with, if it is not empty
/// and its authority holds nothing else. Eight bytes at a time: [`unusual_bytes`] finds the
/// first byte that is not a letter, a digit, `.` or `-`, and only that byte is looked up.
#[inline(always)]
fn plain_host_len(rest: &[u8]) -> Option<usize> {
    let mut end = 0;
    while let Some(word) = rest[end..].first_chunk::<8>() {
        let unusual = unusual_bytes(u64::from_le_bytes(*word));
        if unusual != 0 {
            end += (unusual.trailing_zeros() / 8) as usize;
            return host_end(rest, end);
        }
        end += 8;
    }
    // Fewer than eight bytes left: the last eight, of which those before `end` are usual.
    let left = rest.len() - end;
    match rest.last_chunk::<8>() {
        Some(word) if left > 0 => {
            let unusual = unusual_bytes(u64::from_le_bytes(*word)) >> (8 * (8 - left));
            match unusual {
                0 => Some(rest.len()),
                _ => host_end(rest, end + (unusual.trailing_zeros() / 8) as usize),
            }
        }
        _ => host_end(rest, end),
    }
}

/// [`plain_host_len`] from `end`, where the bytes before `end` are plain: byte by byte.
#[inline(always)]
fn host_end(rest: &[u8], mut end: usize) -> Option<usize> {
    while let Some(&byte) = rest.get(end) {
        match HOST_BYTES[usize::from(byte)] {
            HostByte::Plain => end += 1,
            HostByte::End => break,
            HostByte::Other => return None,
        }
    }
    (end > 0).then_some(end)
}

/// The high bit of each byte of `word` (eight bytes, the first in the low byte) that is not an
/// ASCII letter, digit, `.` or `-`: what most hosts are made of. No carry crosses a byte, so
/// every bit is exact.
#[inline(always)]
fn unusual_bytes(word: u64) -> u64 {
    const HIGH_BITS: u64 = ONES * 0x80;
    let ascii = word & !HIGH_BITS;
    // High bit set when a byte is at least `low`, for bytes below 0x80.
    let at_least = |bytes: u64, low: u8| bytes + ONES * u64::from(0x80 - low);
    // Setting bit 0x20 lower-cases letters and puts no other byte between `a` and `z`.
    let lower = ascii | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    // `-`, `.`, `/` and the digits; `/` is taken out below.
    let digit_dot_dash = at_least(ascii, b'-') & !at_least(ascii, b'9' + 1);
    let not_slash = (ascii ^ (ONES * u64::from(b'/'))) + ONES * 0x7f;
    let usual = (letter | (digit_dot_dash & not_slash)) & !word;
    !usual & HIGH_BITS
}

/// What a byte of a URL's authority is to [`check_plain_https_url`].
#[derive(Clone, Copy)]
#[repr(u8)]
enum HostByte {
    /// A byte a domain may hold.
    Plain = 0,
    /// A byte that ends the authority of an https URL: `/`, `?`, `#` or `\`.
    End,
    /// Any other byte: the full check reads the URL.
    Other,
}

/// [`HostByte`] of every byte.
static HOST_BYTES: [HostByte; 256] = {
    let mut table = [HostByte::Plain; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'/' | b'?' | b'#' | b'\\' => HostByte::End,
            other if is_forbidden_in_domain(other) => HostByte::Other,
            _ => HostByte::Plain,
        };
        byte += 1;
    }
    table
};

/// Whether `bytes` holds a tab, a line feed or a carriage return. It reads eight bytes at a
/// time (the last eight overlapping the bytes before), gathering in one word every byte below
/// 0x0E (as '\t', '\n' and '\r' are) without a branch, and looks at single bytes only when
/// there is one: in a URL, hardly ever.
#[inline(always)]
fn has_tab_or_line_break(bytes: &[u8]) -> bool {
    let is_break = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r');
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().any(is_break);
    };
    let below = |word: &[u8; 8]| bytes_below(u64::from_le_bytes(*word), 0x0E);
    let words = bytes.chunks_exact(8).filter_map(<[u8]>::first_chunk::<8>);
    let suspects = words.fold(below(last), |suspects, word| suspects | below(word));
    suspects != 0 && bytes.iter().any(is_break)
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
fn scheme_len(url: &[u8]) -> Option<usize> {
    if !url.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = url
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (url[len] == b':').then_some(len)
}

/// Checks the authority that `rest` (what follows `//`) starts with: it ends at `/`, `?`, `#`
/// or (as https URLs are read) `\`, and its host follows the last `@`.
fn check_authority(rest: &[u8]) -> Result<(), HttpsProblem> {
    // One pass finds where the authority ends and where its host starts.
    let mut host_start = 0;
    let mut end = rest.len();
    for (i, &b) in rest.iter().enumerate() {
        match b {
            b'/' | b'?' | b'#' | b'\\' => {
                end = i;
                break;
            }
            b'@' => host_start = i + 1,
            _ => {}
        }
    }
    let host_and_port = &rest[host_start..end];
    if let Some(literal) = host_and_port.strip_prefix(b"[") {
        // An IP literal: an IPv6 address (or IPvFuture), `]`, then the port if any.
        let close = literal
            .iter()
            .position(|&b| b == b']')
            .ok_or(HttpsProblem::InvalidHost)?;
        let (address, after) = (&literal[..close], &literal[close + 1..]);
        let ipv6 = |b: &u8| b.is_ascii_hexdigit() || matches!(b, b':' | b'.');
        if address.is_empty() || !(address.iter().all(ipv6) || is_ip_future(address)) {
            return Err(HttpsProblem::InvalidHost);
        }
        return match after {
            [] => Ok(()),
            [b':', port @ ..] => check_port(port),
            _ => Err(HttpsProblem::InvalidHost),
        };
    }
    let (host, port) = match host_and_port.iter().position(|&b| b == b':') {
        Some(colon) => (&host_and_port[..colon], &host_and_port[colon + 1..]),
        None => (host_and_port, &[][..]),
    };
    if host.is_empty() {
        return Err(HttpsProblem::NoHost);
    }
    if !is_valid_domain(host) {
        return Err(HttpsProblem::InvalidHost);
    }
    check_port(port)
}

/// Whether `literal` (between the brackets) is RFC 3986's IPvFuture: `v`, hex digits, `.`,
/// then unreserved characters, sub-delimiters and `:`.
fn is_ip_future(literal: &[u8]) -> bool {
    let Some((b'v' | b'V', rest)) = literal.split_first() else {
        return false;
    };
    let Some(dot) = rest.iter().position(|&b| b == b'.') else {
        return false;
    };
    dot > 0
        && rest[..dot].iter().all(u8::is_ascii_hexdigit)
        && rest.len() > dot + 1
        && rest[dot + 1..]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:".contains(&b))
}

/// Whether `host` is a host the WHATWG URL standard accepts: no forbidden host code point,
/// and, once percent-decoded, no forbidden domain code point (control characters, `%`,
/// DEL). What is not ASCII is left to IDNA, which Zendesk's parser applies.
fn is_valid_domain(host: &[u8]) -> bool {
    let mut i = 0;
    while i < host.len() {
        let byte = match host[i] {
            b'%' => match (host.get(i + 1), host.get(i + 2)) {
                (Some(&high), Some(&low))
                    if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() =>
                {
                    i += 2;
                    hex_value(high) << 4 | hex_value(low)
                }
                // A `%` that does not start an escape stays a `%`, which no domain may hold.
                _ => return false,
            },
            byte => byte,
        };
        if is_forbidden_in_domain(byte) {
            return false;
        }
        i += 1;
    }
    true
}

/// The WHATWG URL standard's forbidden domain code points, as bytes: the forbidden host code
/// points, the C0 controls, `%` and DEL.
const fn is_forbidden_in_domain(byte: u8) -> bool {
    matches!(
        byte,
        0x00..=0x20
            | b'#'
            | b'%'
            | b'/'
            | b':'
            | b'<'
            | b'>'
            | b'?'
            | b'@'
            | b'['
            | b'\\'
            | b']'
            | b'^'
            | b'|'
            | 0x7F
    )
}

/// The value of an ASCII hex digit.
fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        _ => (digit | 0x20) - b'a' + 10,
    }
}

/// Checks that `port` is empty (the scheme's default) or digits of a value up to 65535.
fn check_port(port: &[u8]) -> Result<(), HttpsProblem> {
    let mut value: u32 = 0;
    for &b in port {
        if !b.is_ascii_digit() {
            return Err(HttpsProblem::InvalidPort);
        }
        value = value * 10 + u32::from(b - b'0');
        if value > 65535 {
            return Err(HttpsProblem::InvalidPort);
        }
    }
    Ok(())
}

super::items_probe::items_probe!(
    super::Text,
    message = "`https` checks a URL, and `{Self}` holds URLs",
    label = "write `each(https)` to check every item",
);

#[cfg(test)]
mod tests {
    use super::{check_https_url, is_https_url, HttpsProblem};

    #[test]
    fn absolute_urls_need_https_and_a_host() {
        for good in [
            "https://example.com",
            "HTTPS://EXAMPLE.COM/a",
            "https://user:pw@example.com:8443/a?b#c",
            "https://[::1]:443/x",
            "https://[2001:db8::7]/x",
            "https://[v1.fe80::a+en1]/x",
            "https://example.com?x=1",
            "https://example.com:/a",
            "https://example.com:0/a",
            "https://example.com:65535/a",
            "https://%65xample.com/",
            "https://bücher.example/",
            "https://example.com\\a",
        ] {
            assert_eq!(check_https_url(good), Ok(()), "{good}");
        }
        for (bad, problem) in [
            ("http://example.com", HttpsProblem::Scheme),
            ("ftp://example.com", HttpsProblem::Scheme),
            ("https:example.com", HttpsProblem::NoHost),
            ("https:/example.com", HttpsProblem::NoHost),
            ("https://", HttpsProblem::NoHost),
            ("https:///a", HttpsProblem::NoHost),
            ("https://user@/a", HttpsProblem::NoHost),
            ("https://:443/a", HttpsProblem::NoHost),
            ("https://[]/a", HttpsProblem::InvalidHost),
            ("  http://example.com", HttpsProblem::SurroundingSpace),
            ("  https://example.com", HttpsProblem::SurroundingSpace),
            ("https://example.com  ", HttpsProblem::SurroundingSpace),
            ("javascript:alert(1)", HttpsProblem::Scheme),
            ("h\ttp://example.com", HttpsProblem::TabOrLineBreak),
            ("http\n://example.com", HttpsProblem::TabOrLineBreak),
            ("https://exa\rmple.com", HttpsProblem::TabOrLineBreak),
            ("files/a\tb.jpg", HttpsProblem::TabOrLineBreak),
            ("localhost:8080/a", HttpsProblem::Scheme),
        ] {
            assert_eq!(check_https_url(bad), Err(problem), "{bad:?}");
        }
    }

    #[test]
    fn a_host_must_be_a_host() {
        for (bad, problem) in [
            ("https://exa mple.com/", HttpsProblem::InvalidHost),
            ("https://exa<mple>.com/", HttpsProblem::InvalidHost),
            ("https://example.com:notaport/", HttpsProblem::InvalidPort),
            ("https://example.com:99999/", HttpsProblem::InvalidPort),
            ("https://example.com:65536/", HttpsProblem::InvalidPort),
            ("https://example.com:-1/", HttpsProblem::InvalidPort),
            ("https://[::1", HttpsProblem::InvalidHost),
            ("https://[::1/a]", HttpsProblem::InvalidHost),
            ("https://[::1]x/", HttpsProblem::InvalidHost),
            ("https://[::1]:99999/", HttpsProblem::InvalidPort),
            ("https://[exa mple]/", HttpsProblem::InvalidHost),
            ("https://%20/", HttpsProblem::InvalidHost),
            ("https://exa%2/", HttpsProblem::InvalidHost),
            ("https://exa%zzmple.com/", HttpsProblem::InvalidHost),
            ("https://exa%7cmple.com/", HttpsProblem::InvalidHost),
            ("https://exa^mple.com/", HttpsProblem::InvalidHost),
            ("https://exa|mple.com/", HttpsProblem::InvalidHost),
            ("https://exa]mple.com/", HttpsProblem::InvalidHost),
            ("https://exa\u{7f}mple.com/", HttpsProblem::InvalidHost),
            ("https://exa\u{1}mple.com/", HttpsProblem::InvalidHost),
            ("https://example.com /", HttpsProblem::InvalidHost),
        ] {
            assert_eq!(check_https_url(bad), Err(problem), "{bad:?}");
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
            "https://us er@example.com/",
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
    fn the_plain_https_path_decides_as_the_full_check() {
        let pieces = [
            "a", ".", "-", "é", "1", "@", ":", "%4", "%", "[", "]", " ", "\t", "\n", "/", "?", "#",
            "\\", "<", "|", "\u{7f}",
        ];
        let mut decided = 0;
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    // Hosts of fewer and more than eight bytes, read byte by byte or by words;
                    // relative references and other schemes.
                    let heads = [
                        "HTTPS://",
                        "https://example",
                        "https://cdn.example.com",
                        "",
                        "f",
                        "files/",
                        "http://",
                        "1a:",
                        " ",
                    ];
                    for head in heads {
                        for tail in ["", "/a/b.png", "?q=1\n", "#x"] {
                            let url = format!("{head}{first}{second}{third}{tail}");
                            if let Some(result) = super::check_plain_https_url(url.as_bytes()) {
                                assert_eq!(result, super::check_any_url(&url), "{url:?}");
                                decided += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(decided > 10_000, "{decided}");
    }

    #[test]
    fn the_plain_https_path_reads_hosts_of_any_length_by_words() {
        // One byte of each kind at every position of hosts of 1 to 24 bytes: the words that
        // hold it, the last overlapping word, and the bytes read one by one.
        let mut decided = 0;
        for len in 1..=24 {
            for at in 0..len {
                for byte in [
                    "A", "z", "0", ".", "-", "_", "~", ";", "é", "/", "?", "#", "\\", ":", "@",
                    "%", " ", "\t", "<", "|",
                ] {
                    let host: String = (0..len).map(|i| if i == at { byte } else { "h" }).collect();
                    for tail in ["", "/a", "/a/b/c/d/e/f.png", "?q"] {
                        let url = format!("https://{host}{tail}");
                        if let Some(result) = super::check_plain_https_url(url.as_bytes()) {
                            assert_eq!(result, super::check_any_url(&url), "{url:?}");
                            decided += 1;
                        }
                    }
                }
            }
        }
        assert!(decided > 2_000, "{decided}");
        for plain in [
            "https://CDN.Example.COM/a",
            "https://a-b.c0.example/",
            "https://files.example.com",
        ] {
            assert_eq!(
                super::check_plain_https_url(plain.as_bytes()),
                Some(Ok(())),
                "{plain}"
            );
        }
    }

    #[test]
    fn tabs_and_line_breaks_are_found_at_every_position() {
        for len in 0..=40 {
            let plain = "a".repeat(len);
            assert!(!super::has_tab_or_line_break(plain.as_bytes()), "{len}");
            // Bytes below 0x0E that are not breaks make a word suspect but find nothing.
            let suspects = "\u{1}\u{c}".repeat(len / 2);
            assert!(!super::has_tab_or_line_break(suspects.as_bytes()), "{len}");
            for at in 0..len {
                for byte in [b'\t', b'\n', b'\r'] {
                    let mut bytes = plain.clone().into_bytes();
                    bytes[at] = byte;
                    assert!(super::has_tab_or_line_break(&bytes), "{len} {at} {byte}");
                }
            }
        }
    }

    #[test]
    fn relative_references_pass_and_the_empty_string_does_not() {
        for relative in [
            "files/1.jpg",
            "/files/1",
            "./admin_ui",
            "?q=1",
            "#top",
            "1a:b",
            "files/a b.jpg",
        ] {
            assert!(is_https_url(relative), "{relative}");
        }
        for empty in ["", " ", "\u{0}"] {
            assert_eq!(
                check_https_url(empty),
                Err(HttpsProblem::Empty),
                "{empty:?}"
            );
        }
    }
}
