//! `trimmed`: no leading or trailing whitespace (Unicode `White_Space`).

use std::fmt;

use super::Text;
use crate::validation::private::{At, Sink};
use crate::ViolationKind;

/// The rule's code.
pub(crate) const CODE: &str = "trimmed";

/// The rule's message.
pub(crate) fn message(f: &mut fmt::Formatter<'_>, position: &usize) -> fmt::Result {
    write!(
        f,
        "must not begin or end with whitespace (character {position} is whitespace)"
    )
}

/// Checks `trimmed`.
#[inline(always)]
pub fn apply<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut impl Sink) {
    let Some(text) = value.as_text() else { return };
    let (Some(&first), Some(&last)) = (text.as_bytes().first(), text.as_bytes().last()) else {
        return;
    };
    // A printable ASCII character at each end (`!` to DEL) settles it without decoding: no
    // other ASCII characters than ' ' and '\t' to '\r' are whitespace, and they are below '!'.
    let printable = |b: u8| b.wrapping_sub(b'!') <= 0x7f - b'!';
    if !(printable(first) && printable(last)) {
        if let Some(position) = untrimmed_at(text) {
            errors.violation(at, ViolationKind::Trimmed { position });
        }
    }
}

/// The index, in characters, of the first leading or trailing whitespace character of `text`.
#[inline(never)]
fn untrimmed_at(text: &str) -> Option<usize> {
    if text.starts_with(char::is_whitespace) {
        Some(0)
    } else if text.ends_with(char::is_whitespace) {
        Some(text.trim_end().chars().count())
    } else {
        None
    }
}

super::items_probe::items_probe!(
    super::Text,
    message = "`trimmed` checks a string, and `{Self}` holds strings",
    label = "write `each(trimmed)` to check every item",
);

#[cfg(test)]
mod tests {
    use crate::validation::private::tests::violations;
    use crate::ViolationKind;

    #[test]
    fn decodes_what_the_ascii_test_cannot_settle() {
        let trimmed_at =
            |text: &str| violations(|at, errors| super::apply(text, move || at, errors));
        // Not whitespace, though below '!' or at DEL.
        for text in ["\u{0}a\u{1f}", "\u{7f}", "\u{1c}x\u{1f}"] {
            assert!(trimmed_at(text).is_empty(), "{text:?}");
        }
        for (text, position) in [
            ("\u{b}a", 0),
            ("a\u{c}", 1),
            ("é\u{85}", 1),
            ("\u{2029}", 0),
        ] {
            assert_eq!(
                trimmed_at(text),
                [ViolationKind::Trimmed { position }],
                "{text:?}"
            );
        }
    }
}
