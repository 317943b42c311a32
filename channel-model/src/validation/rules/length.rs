//! What `non_empty`, `max_length` and `min_length` measure: the [`Length`] of a string or a collection.

use crate::LengthUnit;

/// A string or a collection, for `non_empty`, `max_length` and `min_length`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a string nor a collection",
    label = "`non_empty`, `max_length` and `min_length` need a string or a collection",
    note = "for a string or collection type of your own, implement `channel_model::rules::Length` to give it a length"
)]
pub trait Length {
    /// What the length counts.
    const UNIT: LengthUnit;

    /// Whether the value is present and empty. `None` is not empty: it passes `non_empty`.
    fn is_empty_value(&self) -> bool;

    /// The length, if it is greater than `max`; `None` when it is within `max` or absent.
    ///
    /// Strings count characters, and count them only when the byte length (an upper bound)
    /// exceeds `max`.
    fn length_above(&self, max: usize) -> Option<usize>;
}

/// What `count` of `unit` is called: `1 character`, `2 characters`, `1 item`.
pub(super) fn unit_name(unit: LengthUnit, count: usize) -> &'static str {
    match (unit, count) {
        (LengthUnit::Characters, 1) => "character",
        (LengthUnit::Items, 1) => "item",
        (unit, _) => unit.as_str(),
    }
}

/// The characters of `text`. Out of line: the byte length settles most strings, and the
/// checks that call this stay small.
#[inline(never)]
pub(super) fn count_chars(text: &str) -> usize {
    count_char_starts(text.as_bytes())
}

/// The bytes of `bytes` that start a UTF-8 character (all but `0b10xx_xxxx`): the characters
/// of valid UTF-8.
///
/// Counted in blocks of 128 bytes into a byte-sized counter, a loop without branches that the
/// compiler vectorizes: about half the instructions of `chars().count()` on long text, which
/// is where it matters (a 60,000-character message).
#[inline]
pub(crate) fn count_char_starts(bytes: &[u8]) -> usize {
    let is_continuation = |b: &u8| (*b as i8) < -0x40;
    let mut blocks = bytes.chunks_exact(128);
    let mut continuations = 0;
    for block in &mut blocks {
        let in_block: u8 = block.iter().map(|b| u8::from(is_continuation(b))).sum();
        continuations += usize::from(in_block);
    }
    continuations += blocks
        .remainder()
        .iter()
        .filter(|b| is_continuation(b))
        .count();
    bytes.len() - continuations
}

#[cfg(test)]
mod tests {
    use super::count_char_starts;

    #[test]
    fn counting_characters_matches_chars_across_blocks() {
        let text = "aé日📦".repeat(100);
        for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
            let text = &text[..end];
            assert_eq!(
                count_char_starts(text.as_bytes()),
                text.chars().count(),
                "{end}"
            );
        }
    }
}
