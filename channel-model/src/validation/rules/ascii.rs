//! `ascii`: every character is ASCII.

use std::fmt;

use super::Text;
use crate::validation::private::{violation, At};
use crate::{ValidationErrors, ViolationKind};

/// The rule's code.
pub(crate) const CODE: &str = "ascii";

/// The rule's message.
pub(crate) fn message(f: &mut fmt::Formatter<'_>, position: &usize) -> fmt::Result {
    write!(
        f,
        "must contain only ASCII characters (character {position} is not ASCII)"
    )
}

/// Checks `ascii`.
#[inline(always)]
pub fn apply<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut ValidationErrors) {
    let Some(text) = value.as_text() else { return };
    // The position is looked for only when there is one.
    if !is_ascii(text.as_bytes()) {
        let byte = text.bytes().position(|b| !b.is_ascii()).unwrap_or_default();
        let position = text[..byte].chars().count();
        violation(errors, at, ViolationKind::Ascii { position });
    }
}

/// Whether every byte is ASCII. Ids are short: for fewer than 16 bytes, OR-ing them all
/// beats the standard library's checks, which branch on every byte below eight.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    if bytes.len() < 16 {
        bytes.iter().fold(0, |all, b| all | b) < 0x80
    } else {
        bytes.is_ascii()
    }
}

super::items_probe::items_probe!(
    super::Text,
    message = "`ascii` checks a string, and `{Self}` holds strings",
    label = "write `each(ascii)` to check every item",
);

#[cfg(test)]
mod tests {
    use crate::validation::private::tests::violations;
    use crate::ViolationKind;

    #[test]
    fn finds_the_first_other_character_in_short_and_long_text() {
        let ascii_at = |text: &str| violations(|at, errors| super::apply(text, move || at, errors));
        for len in [0, 1, 7, 8, 15, 16, 17, 40] {
            let text = "a".repeat(len);
            assert!(ascii_at(&text).is_empty());
            let position = len;
            let text = text + "é";
            assert_eq!(
                ascii_at(&text),
                [ViolationKind::Ascii { position }],
                "{len}"
            );
        }
    }
}
