//! A pass over the JSON text of `display_info.data`, once serde_json has read it: is it an
//! object, how long is it without insignificant whitespace, does an object repeat a key. The
//! bytes that continue a character are counted over the whole text at once (only strings have
//! any); the structure is read value by value, strings eight bytes at a time.

use std::borrow::Cow;

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
/// it, nested no deeper than serde_json allows).
///
/// Keys are compared as the strings they stand for (`"a"` and `"\u0061"` are the same key).
/// It reads the text once, allocating only for an object of more than 8 keys, whose keys it
/// sorts (`n log n`, not `n²`).
pub(super) fn scan(text: &str) -> Result<Scanned, Problem> {
    if !text.starts_with('{') {
        return Err(Problem::NotAnObject);
    }
    let mut scanner = Scanner {
        text,
        at: 0,
        whitespace: 0,
    };
    let members = scanner.object()?;
    Ok(Scanned {
        chars: text.len() - continuations_in(text.as_bytes()) - scanner.whitespace,
        members,
        has_whitespace: scanner.whitespace > 0,
    })
}

/// A reader of well-formed JSON text, one value after the other.
struct Scanner<'a> {
    text: &'a str,
    /// Where reading is, in bytes.
    at: usize,
    /// The bytes of insignificant whitespace read so far.
    whitespace: usize,
}

/// A key of an object: where its text is (between its quotes), and whether it has escapes.
#[derive(Clone, Copy, Default)]
struct KeyAt {
    start: usize,
    end: usize,
    escaped: bool,
}

/// The keys of an object kept on the stack; beyond them, they go to the heap.
const INLINE_KEYS: usize = 8;

impl<'a> Scanner<'a> {
    /// The byte here; 0 past the end (which well-formed text never reaches mid-value).
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.at).copied().unwrap_or(0)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
            self.whitespace += 1;
        }
    }

    /// Reads the string that starts here, at its quote; returns whether it has escapes.
    /// Eight bytes at a time, up to the next quote or backslash.
    fn string(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let (mut at, mut escaped) = (self.at + 1, false);
        loop {
            let stop = match bytes.get(at..at + 8) {
                Some(word) => {
                    let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
                    let stops = bytes_equal_to(word, b'"') | bytes_equal_to(word, b'\\');
                    if stops == 0 {
                        at += 8;
                        continue;
                    }
                    // The lowest byte flagged is the first quote or backslash.
                    at += (stops.trailing_zeros() / 8) as usize;
                    bytes[at]
                }
                // The last bytes of the text, one by one.
                None => match bytes.get(at) {
                    None => break,
                    Some(&byte @ (b'"' | b'\\')) => byte,
                    Some(_) => {
                        at += 1;
                        continue;
                    }
                },
            };
            if stop == b'"' {
                break;
            }
            // An escape is ASCII; its second byte is never a quote that ends the string.
            escaped = true;
            at += 2;
        }
        self.at = (at + 1).min(bytes.len());
        escaped
    }

    /// Reads the value that starts here (after whitespace), checking the objects in it.
    fn value(&mut self) -> Result<(), Problem> {
        self.skip_whitespace();
        match self.peek() {
            b'{' => self.object().map(drop),
            b'[' => self.array(),
            b'"' => {
                self.string();
                Ok(())
            }
            _ => {
                // A number or a literal: it ends where a structural byte or whitespace starts.
                while !matches!(
                    self.peek(),
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' | 0
                ) {
                    self.at += 1;
                }
                Ok(())
            }
        }
    }

    /// The key at `key`, unescaped.
    fn key(&self, key: KeyAt) -> Cow<'a, str> {
        // Well-formed text has the key's quotes around it; other text gives no key.
        let text = self.text;
        match key.escaped {
            // serde_json has read it as a string already.
            true => text
                .get(key.start - 1..key.end + 1)
                .and_then(|quoted| serde_json::from_str(quoted).ok())
                .map_or(Cow::Borrowed(""), Cow::Owned),
            false => Cow::Borrowed(text.get(key.start..key.end).unwrap_or_default()),
        }
    }

    /// Whether the keys `a` and `b` are the same string.
    fn same_key(&self, a: KeyAt, b: KeyAt) -> bool {
        let bytes = self.text.as_bytes();
        match a.escaped || b.escaped {
            false => bytes[a.start..a.end] == bytes[b.start..b.end],
            true => self.key(a) == self.key(b),
        }
    }

    /// Reads the object that starts here, at its `{`; returns its number of members.
    fn object(&mut self) -> Result<usize, Problem> {
        let mut inline = [KeyAt::default(); INLINE_KEYS];
        let mut spilled: Vec<Cow<'a, str>> = Vec::new();
        let mut members = 0;
        self.at += 1;
        loop {
            self.skip_whitespace();
            if self.peek() == b',' {
                self.at += 1;
                self.skip_whitespace();
            }
            if self.peek() != b'"' {
                // `}`, or the end of text that is not well-formed.
                break;
            }
            let start = self.at + 1;
            let escaped = self.string();
            let key = KeyAt {
                start,
                end: (self.at - 1).max(start),
                escaped,
            };
            match members {
                n if n < INLINE_KEYS => {
                    if inline[..n].iter().any(|&before| self.same_key(before, key)) {
                        return Err(Problem::DuplicateKey);
                    }
                    inline[n] = key;
                }
                INLINE_KEYS => {
                    spilled.extend(inline.iter().map(|&key| self.key(key)));
                    spilled.push(self.key(key));
                }
                _ => spilled.push(self.key(key)),
            }
            members += 1;
            self.skip_whitespace();
            // The `:`.
            self.at += 1;
            self.value()?;
        }
        self.at += 1;
        if !spilled.is_empty() {
            spilled.sort_unstable();
            if spilled.windows(2).any(|pair| pair[0] == pair[1]) {
                return Err(Problem::DuplicateKey);
            }
        }
        Ok(members)
    }

    /// Reads the array that starts here, at its `[`.
    fn array(&mut self) -> Result<(), Problem> {
        self.at += 1;
        loop {
            self.skip_whitespace();
            match self.peek() {
                b']' | 0 => break,
                b',' => self.at += 1,
                _ => {}
            }
            self.value()?;
        }
        self.at += 1;
        Ok(())
    }
}

/// Each byte of a word: 1 in every byte's lowest bit.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The bytes of `word` equal to `byte`, flagged by their highest bit. Exact up to the first
/// one flagged (a borrow may flag bytes after it).
fn bytes_equal_to(word: u64, byte: u8) -> u64 {
    let zeroed = word ^ (ONES * u64::from(byte));
    zeroed.wrapping_sub(ONES) & !zeroed & (ONES << 7)
}

/// How many of the eight bytes of `word` continue a UTF-8 character (`0b10xx_xxxx`).
fn continuations(word: u64) -> usize {
    let lowest = (word & !(word << 1)) >> 7 & ONES;
    // The sum of the eight bytes, each 0 or 1, lands in the highest byte.
    (lowest.wrapping_mul(ONES) >> 56) as usize
}

/// How many bytes of `bytes` continue a UTF-8 character: eight at a time, then one by one.
fn continuations_in(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    for word in &mut words {
        count += continuations(u64::from_le_bytes(word.try_into().unwrap_or_default()));
    }
    let rest = words.remainder().iter();
    count + rest.filter(|&&byte| (byte as i8) < -0x40).count()
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
    fn long_strings_are_read_eight_bytes_at_a_time_alike() {
        for text in ["aé日📦\\\"".repeat(7), "é".repeat(40), "a\\\\".repeat(9)] {
            for cut in (0..text.len()).filter(|&cut| text.is_char_boundary(cut)) {
                let value = &text[..cut];
                let json = serde_json::to_string(&serde_json::json!({ value: value })).unwrap();
                let chars = json.chars().count();
                assert_eq!(scanned(&json), Ok((chars, 1, false)), "{json}");
            }
        }
        assert_eq!(
            scanned(r#"{"aaaaaaaaaaaaaaaaaaaa":1,"aaaaaaaaaaaaaaaaaaaa":2}"#).err(),
            Some(Problem::DuplicateKey)
        );
    }

    #[test]
    fn text_cut_short_ends_the_scan_without_a_panic() {
        for text in [
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":[",
            "{\"a\":[1,",
            "{\"a\":\"b",
            "{\"a\":{",
            "{\"é",
            "{\"a\\u00e9",
        ] {
            assert!(scan(text).is_ok(), "{text}");
        }
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
