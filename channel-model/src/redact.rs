//! `Debug` output that shows the shape of private text, never the text.

use std::fmt;

/// Shows a text as its length in characters: `<12 chars>`.
pub(crate) struct Chars<'a>(pub(crate) &'a str);

impl fmt::Debug for Chars<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} chars>", self.0.chars().count())
    }
}

/// Shows an optional text as `None` or `Some(<N chars>)`.
pub(crate) fn chars(text: Option<&str>) -> Option<Chars<'_>> {
    text.map(Chars)
}
