//! One pass over the JSON text of `display_info.data`, once serde_json has read it: is it an
//! object, how long is it without insignificant whitespace, does an object repeat a key.

use std::borrow::Cow;

use crate::validation::rules::count_char_starts;

/// What a pass over well-formed JSON text found.
pub(super) struct Scanned {
    /// The characters of the text without insignificant whitespace.
    pub(super) chars: usize,
    /// The members of the outermost object.
    pub(super) members: usize,
    /// Whether the text has insignificant whitespace to take out.
    pub(super) has_whitespace: bool,
}

/// Why the text cannot be display data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    /// It is not a JSON object.
    NotAnObject,
    /// An object in it has the same key twice.
    DuplicateKey,
}

/// Scans `text`, JSON that serde_json has read whole (well-formed, without whitespace around
/// it).
///
/// Keys are compared as the strings they stand for (`"a"` and `"\u0061"` are the same key);
/// each object's keys are sorted once it closes, so a large object costs `n log n`, not `n²`.
pub(super) fn scan(text: &str) -> Result<Scanned, Problem> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'{') {
        return Err(Problem::NotAnObject);
    }
    // The open objects and arrays: for an object, where its keys start in `keys`.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut keys: Vec<Cow<'_, str>> = Vec::new();
    let (mut whitespace, mut members, mut expect_key) = (0, 0, false);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                let end = string_end(bytes, at);
                if expect_key {
                    expect_key = false;
                    members += usize::from(open.len() == 1);
                    keys.push(key(&text[at..end]));
                }
                at = end;
                continue;
            }
            b'{' | b'[' => {
                open.push((byte == b'{').then_some(keys.len()));
                expect_key = byte == b'{';
            }
            b'}' | b']' => {
                if let Some(Some(start)) = open.pop() {
                    if has_duplicate(&mut keys[start..]) {
                        return Err(Problem::DuplicateKey);
                    }
                    keys.truncate(start);
                }
            }
            b',' => expect_key = matches!(open.last(), Some(Some(_))),
            b' ' | b'\t' | b'\n' | b'\r' => whitespace += 1,
            _ => {}
        }
        at += 1;
    }
    Ok(Scanned {
        chars: count_char_starts(bytes) - whitespace,
        members,
        has_whitespace: whitespace > 0,
    })
}

/// `text` (well-formed JSON) without its insignificant whitespace.
pub(super) fn compact(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut compact = String::with_capacity(text.len());
    let (mut at, mut kept_from) = (0, 0);
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => at = string_end(bytes, at),
            b' ' | b'\t' | b'\n' | b'\r' => {
                compact.push_str(&text[kept_from..at]);
                at += 1;
                kept_from = at;
            }
            _ => at += 1,
        }
    }
    compact.push_str(&text[kept_from..]);
    compact
}

/// Where the string that starts (with its quote) at `start` ends: just past its closing quote.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The key that the quoted string `quoted` stands for: its text, unescaped when it has escapes.
fn key(quoted: &str) -> Cow<'_, str> {
    if quoted.contains('\\') {
        // serde_json has read it as a string already.
        Cow::Owned(serde_json::from_str(quoted).unwrap_or_default())
    } else {
        Cow::Borrowed(&quoted[1..quoted.len() - 1])
    }
}

/// Whether `keys` (one object's) holds a key twice.
fn has_duplicate(keys: &mut [Cow<'_, str>]) -> bool {
    if keys.len() <= 8 {
        return keys
            .iter()
            .enumerate()
            .any(|(i, key)| keys[i + 1..].contains(key));
    }
    keys.sort_unstable();
    keys.windows(2).any(|pair| pair[0] == pair[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(text: &str) -> Result<(usize, usize, bool), Problem> {
        scan(text).map(|s| (s.chars, s.members, s.has_whitespace))
    }

    #[test]
    fn counts_characters_outside_insignificant_whitespace() {
        assert_eq!(scanned("{}"), Ok((2, 0, false)));
        assert_eq!(scanned(r#"{"a":"é 😀","b":[1, 2]}"#), Ok((21, 2, true)));
        assert_eq!(
            scanned("{ \"a\" :\n\t{\"b\\\"\": \" \"} }"),
            Ok((17, 1, true))
        );
        assert_eq!(
            compact("{ \"a\" :\n\t{\"b\\\"\": \" \"} }"),
            r#"{"a":{"b\"":" "}}"#
        );
    }

    #[test]
    fn refuses_what_is_not_an_object() {
        for text in ["[]", "1", "\"{}\"", "null", "true"] {
            assert_eq!(scanned(text).err(), Some(Problem::NotAnObject), "{text}");
        }
    }

    #[test]
    fn finds_duplicate_keys_at_any_depth_and_through_escapes() {
        for text in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"x":[{"b":1,"c":{"d":1},"b":2}]}"#,
        ] {
            assert_eq!(scanned(text).err(), Some(Problem::DuplicateKey), "{text}");
        }
        let many: Vec<String> = (0..100).map(|i| format!("\"k{}\":{i}", i % 99)).collect();
        let text = format!("{{{}}}", many.join(","));
        assert_eq!(scanned(&text).err(), Some(Problem::DuplicateKey));
        // The same key in sibling or nested objects is no duplicate, nor is a value.
        assert_eq!(
            scanned(r#"{"a":{"a":"a"},"b":[{"a":1},{"a":2}],"c":"a"}"#).map(|s| s.1),
            Ok(3)
        );
    }
}
