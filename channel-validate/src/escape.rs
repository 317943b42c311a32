//! Document-controlled text (keys, file names) as the tool writes it: control characters
//! escaped, so that a key can neither forge an output line nor reach the terminal, and keys far
//! longer than any field name shortened.

use std::fmt::{self, Write as _};
use std::io;

use channel_model::{Path, PathSegment};

/// Keys longer than this many characters are shortened in output; Zendesk's longest field
/// name has 21.
pub const LONG_KEY: usize = 64;

/// How much of a long key is shown, in characters.
const SHOWN: usize = 32;

/// `text` with every control character (C0, DEL and C1: U+0000..U+001F, U+007F..U+009F)
/// escaped as `\n`, `\r`, `\t` or `\u001b`; everything else as is.
pub struct Escaped<'a>(pub &'a str);

impl Escaped<'_> {
    /// Whether the text holds no control character, which a look at its bytes tells: C0 and
    /// DEL are single bytes, C1 characters start with 0xC2.
    fn is_plain(&self) -> bool {
        !self.0.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2)
    }

    /// Writes the escaped text to `out`; plain text (most file names, written once per input)
    /// as it is, without the formatting machinery.
    pub fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        match self.is_plain() {
            true => out.write_all(self.0.as_bytes()),
            false => write!(out, "{self}"),
        }
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_plain() {
            return f.write_str(self.0);
        }
        let mut rest = self.0;
        while let Some(at) = rest.find(char::is_control) {
            f.write_str(&rest[..at])?;
            let control = rest[at..].chars().next().unwrap_or_default();
            match control {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                other => write!(f, "\\u{:04x}", u32::from(other))?,
            }
            rest = &rest[at + control.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A path as the RFC 6901 JSON Pointer the output shows: keys longer than [`LONG_KEY`]
/// characters cut to their start and their length (`/aaaa…(67108864 characters)`), and, for
/// text output, control characters escaped as [`Escaped`] does.
pub struct Pointer<'a> {
    path: &'a Path,
    escape: bool,
}

impl<'a> Pointer<'a> {
    /// For text output: control characters escaped.
    pub fn text(path: &'a Path) -> Self {
        Pointer { path, escape: true }
    }

    /// For JSON output, whose own escapes keep control characters out of the text.
    pub fn json(path: &'a Path) -> Self {
        Pointer {
            path,
            escape: false,
        }
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in self.path.segments() {
            f.write_char('/')?;
            let key = match segment {
                PathSegment::Index(index) => {
                    write!(f, "{index}")?;
                    continue;
                }
                PathSegment::Key(key) => key,
            };
            let (shown, length) = match key.char_indices().nth(LONG_KEY) {
                None => (&key[..], None),
                Some(_) => {
                    let end = key.char_indices().nth(SHOWN).map_or(key.len(), |(i, _)| i);
                    (&key[..end], Some(key.chars().count()))
                }
            };
            let escaped = shown.replace('~', "~0").replace('/', "~1");
            match self.escape {
                true => write!(f, "{}", Escaped(&escaped))?,
                false => f.write_str(&escaped)?,
            }
            if let Some(length) = length {
                write!(f, "…({length} characters)")?;
            }
        }
        Ok(())
    }
}

/// serde_json's compact output, with DEL and C1 characters escaped as `\u` sequences too
/// (serde_json escapes only C0), so that no control character reaches a terminal.
pub struct JsonFormatter;

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(char::is_control) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let control = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(control))?;
            rest = &rest[at + control.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Writes `value` as one line of JSON with [`JsonFormatter`].
pub fn write_json_line<T: serde::Serialize>(out: &mut impl io::Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, JsonFormatter);
    value.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        let text = "a\nb\r\tc\u{1b}]0;x\u{7}\u{7f}\u{85}\u{9f}é\u{a0}日";
        assert_eq!(
            Escaped(text).to_string(),
            "a\\nb\\r\\tc\\u001b]0;x\\u0007\\u007f\\u0085\\u009fé\u{a0}日"
        );
    }

    #[test]
    fn long_keys_are_shortened_with_their_length() {
        let key = format!("{}\n", "k".repeat(100));
        let path = Path::from(vec![
            PathSegment::Key(Cow::Owned(key)),
            PathSegment::Index(3),
            PathSegment::Key(Cow::Borrowed("a/b~\u{85}")),
        ]);
        let short = "k".repeat(SHOWN);
        assert_eq!(
            Pointer::text(&path).to_string(),
            format!("/{short}…(101 characters)/3/a~1b~0\\u0085")
        );
        assert_eq!(
            Pointer::json(&path).to_string(),
            format!("/{short}…(101 characters)/3/a~1b~0\u{85}")
        );
        let exact = Path::from(vec![PathSegment::Key(Cow::Owned("x".repeat(LONG_KEY)))]);
        assert_eq!(Pointer::text(&exact).to_string().len(), LONG_KEY + 1);
    }

    #[test]
    fn json_escapes_del_and_c1_too() {
        let mut out = Vec::new();
        write_json_line(&mut out, &"a\u{1b}\u{7f}\u{80}\u{9f}\u{a0}é").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a\\u001b\\u007f\\u0080\\u009f\u{a0}é\"\n"
        );
    }
}
