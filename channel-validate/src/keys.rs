//! The top-level keys of a JSON object, read by skipping over its values instead of decoding
//! them: what kind inference needs, at a fraction of a decode's cost (strings, most of a
//! payload's text, are jumped over with `memchr`).
//!
//! The skip checks little: a document it reads wrongly does not decode either, and inference
//! reads such a document again with the decoder, which says what is wrong.

/// The top-level keys of `text`, in order, when it is plainly an object whose keys hold no
/// escape and appear once, with nothing but whitespace after it; `None` otherwise.
pub fn top_level_keys(text: &str) -> Option<Vec<&str>> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut keys: Vec<&str> = Vec::new();
    scan.whitespace();
    scan.expect(b'{')?;
    scan.whitespace();
    if scan.peek() == Some(b'}') {
        scan.at += 1;
    } else {
        loop {
            scan.whitespace();
            scan.expect(b'"')?;
            let start = scan.at;
            let end = start + memchr::memchr2(b'"', b'\\', &scan.bytes[start..])?;
            if scan.bytes[end] == b'\\' {
                return None;
            }
            let key = text.get(start..end)?;
            if keys.contains(&key) {
                return None;
            }
            keys.push(key);
            scan.at = end + 1;
            scan.whitespace();
            scan.expect(b':')?;
            scan.whitespace();
            scan.value()?;
            scan.whitespace();
            match scan.peek()? {
                b',' => scan.at += 1,
                b'}' => {
                    scan.at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    scan.whitespace();
    (scan.at == scan.bytes.len()).then_some(keys)
}

/// The top-level keys of `text` up to the first whose value is an object or an array (the
/// bulk of a payload, which is not skipped), or all of them when none is: a guess at what the
/// keys are, which checks even less than [`top_level_keys`]. Nothing follows when the text
/// does not start as an object, and the keys stop where the scan gives up.
pub fn leading_keys(text: &str) -> impl Iterator<Item = &str> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
    };
    scan.whitespace();
    let mut more = scan.expect(b'{').is_some();
    std::iter::from_fn(move || {
        if !std::mem::take(&mut more) {
            return None;
        }
        scan.whitespace();
        scan.expect(b'"')?;
        let start = scan.at;
        let end = start + memchr::memchr2(b'"', b'\\', &scan.bytes[start..])?;
        let key = text.get(start..end)?;
        scan.at = end + 1;
        scan.whitespace();
        scan.expect(b':')?;
        scan.whitespace();
        more = !matches!(scan.peek()?, b'{' | b'[') && scan.value().is_some() && {
            scan.whitespace();
            scan.expect(b',').is_some()
        };
        Some(key)
    })
}

struct Scan<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips the rest of a string whose opening quote is read.
    fn string(&mut self) -> Option<()> {
        loop {
            let rest = self.bytes.get(self.at..)?;
            let found = memchr::memchr2(b'"', b'\\', rest)?;
            match rest[found] {
                b'"' => {
                    self.at += found + 1;
                    return Some(());
                }
                _ => self.at += found + 2,
            }
        }
    }

    /// Skips a value: a string, an object or array up to its matching bracket, or a number,
    /// `true`, `false` or `null` up to what ends it.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.at += 1;
                self.string()
            }
            b'{' | b'[' => self.nested(),
            _ => {
                while !matches!(
                    self.peek()?,
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// Skips an object or array, the bytes between its strings one by one.
    fn nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            let byte = self.peek()?;
            self.at += 1;
            match byte {
                b'"' => self.string()?,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_of_an_object_are_read_over_its_values() {
        let text = " {\"a\": \"x\\\"}{\" , \"b\" :{\"c\": [1, {\"d\": \"]\"}]}, \"e\": -1.5e3,\n\"f\":true,\"g\":null, \"h\": []}\n";
        assert_eq!(
            top_level_keys(text),
            Some(vec!["a", "b", "e", "f", "g", "h"])
        );
        assert_eq!(top_level_keys("{}"), Some(vec![]));
        assert_eq!(top_level_keys("{ \"é\":\"\"}"), Some(vec!["é"]));
    }

    #[test]
    fn the_leading_keys_end_at_the_first_nested_value() {
        let leading = |text| leading_keys(text).collect::<Vec<_>>();
        let text = "{\"a\": \"x\", \"b\" : 1, \"c\": [1, 2], \"d\": \"y\"} trailing";
        assert_eq!(leading(text), ["a", "b", "c"]);
        assert_eq!(leading("{\"a\": {}, \"a\""), ["a"]);
        assert_eq!(leading("{\"a\": 1, \"b\": \"\"} x"), ["a", "b"]);
        assert_eq!(leading("{\"a\": 1, \"a\": []}"), ["a", "a"]);
        assert_eq!(leading("{\"a\": 1 \"b\": 2}"), ["a"]);
        for text in [" {}", "[]", "{\"a\\n\": []}", "\"a\"", "{\"a\" 1}", "{\"a"] {
            assert!(leading(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_decoder() {
        for text in [
            "",
            "[]",
            "\"a\"",
            "{\"a\":1} x",
            "{\"a\":1}{}",
            "{\"a\":1,\"a\":2}",
            "{\"a\\u0062\":1}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":[1}",
            "{\"a\":\"x",
            "{\"a\":1,}",
            "{\"a\":{}}}",
            "{\"a\":\"\\",
            "{\"a\":1",
        ] {
            assert_eq!(top_level_keys(text), None, "{text}");
        }
    }
}
