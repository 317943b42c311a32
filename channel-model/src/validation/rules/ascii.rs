//! `ascii`: every character is ASCII.

use std::fmt;

use super::Text;
use crate::validation::private::{At, Sink};
use crate::ViolationKind;

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
pub fn apply<T: Text + ?Sized>(value: &T, at: impl At, errors: &mut impl Sink) {
    let Some(text) = value.as_text() else { return };
    // The position is looked for only when there is one.
    if !is_ascii(text.as_bytes()) {
        let byte = text.bytes().position(|b| !b.is_ascii()).unwrap_or_default();
        let position = text[..byte].chars().count();
        errors.violation(at, ViolationKind::Ascii { position });
    }
}

/// Whether every byte is ASCII. Ids are short: up to 16 bytes, two overlapping words (the
/// first and the last bytes) settle it without a loop; the standard library's check branches
/// on every byte below eight.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);
    const HIGH_BITS_32: u32 = u32::from_le_bytes([0x80; 4]);
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        if bytes.len() <= 16 {
            return (u64::from_le_bytes(*first) | u64::from_le_bytes(*last)) & HIGH_BITS == 0;
        }
        return bytes.is_ascii();
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return (u32::from_le_bytes(*first) | u32::from_le_bytes(*last)) & HIGH_BITS_32 == 0;
    }
    bytes.iter().fold(0, |all, b| all | b) < 0x80
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

    #[test]
    fn finds_other_characters_anywhere_in_short_text() {
        let ascii_at = |text: &str| violations(|at, errors| super::apply(text, move || at, errors));
        for len in 0..=20 {
            assert!(ascii_at(&"a".repeat(len)).is_empty(), "{len}");
            for position in 0..=len {
                let text = format!("{}é{}", "a".repeat(position), "a".repeat(len - position));
                assert_eq!(
                    ascii_at(&text),
                    [ViolationKind::Ascii { position }],
                    "{text}"
                );
            }
        }
    }
}
