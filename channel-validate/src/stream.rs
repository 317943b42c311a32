//! A file or standard input as the JSON values it holds, read one value at a time so that
//! memory is bounded by the largest value, not by the file.
//!
//! Two layouts are told apart by the first two values: when each fits on its line and nothing
//! follows it there, the input is JSON Lines and each further line is one value, whatever it
//! holds (a truncated line is then one undecodable value, not the start of a value that
//! swallows the rest of the log). Otherwise values are split where their brackets close, so
//! pretty-printed values may follow one another, also after a first value on one line.
//! `.jsonl` and `.ndjson` files are JSON Lines from the start.

use std::io::{self, BufRead};

use crate::position::Position;

/// One value's text, and where it starts.
#[derive(Debug)]
pub struct Frame {
    /// The value's bytes, from its first character; not necessarily UTF-8 or JSON.
    pub text: Vec<u8>,
    /// Where the value starts in the input.
    pub start: Position,
    /// The offset of its first byte in the input.
    pub offset: u64,
    /// Whether the input starts with a byte order mark, for its first value.
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Not known before the first value is read.
    Unknown,
    /// The first value was on its line: the second tells.
    FirstOnItsLine,
    /// One value per line.
    Lines,
    /// Values split where their brackets close.
    Values,
}

/// The values of a reader, in order.
pub struct Frames<R> {
    reader: R,
    layout: Layout,
    at: Position,
    offset: u64,
    /// Whether the byte order mark was looked for; and whether it is still to be reported.
    started: bool,
    bom: bool,
}

impl<R: BufRead> Frames<R> {
    /// The values of `reader`; with `lines`, it holds JSON Lines.
    pub fn new(reader: R, lines: bool) -> Self {
        Frames {
            reader,
            layout: match lines {
                true => Layout::Lines,
                false => Layout::Unknown,
            },
            at: Position::START,
            offset: 0,
            started: false,
            bom: false,
        }
    }

    /// The next value, `None` at the end of the input.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if !self.started {
            self.started = true;
            if self.reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
                self.reader.consume(3);
                self.offset = 3;
                self.bom = true;
            }
        }
        if !self.skip_whitespace(true)? {
            return Ok(None);
        }
        let mut frame = Frame {
            text: Vec::new(),
            start: self.at,
            offset: self.offset,
            bom: std::mem::take(&mut self.bom),
        };
        match self.layout {
            Layout::Lines => {
                read_line(&mut self.reader, &mut frame.text)?;
                match frame.text.last() {
                    Some(b'\n') => {
                        self.offset += frame.text.len() as u64;
                        frame.text.pop();
                        self.at = Position {
                            line: self.at.line + 1,
                            column: 1,
                        };
                    }
                    _ => advance(&mut self.at, &mut self.offset, &frame.text),
                }
            }
            Layout::Unknown | Layout::FirstOnItsLine | Layout::Values => {
                self.read_value(&mut frame.text)?;
                if self.layout != Layout::Values {
                    let one_line = !frame.text.contains(&b'\n');
                    let line_ends = !self.skip_whitespace(false)? || self.peek()? == Some(b'\n');
                    self.layout = match (one_line && line_ends, self.layout) {
                        (true, Layout::Unknown) => Layout::FirstOnItsLine,
                        (true, _) => Layout::Lines,
                        (false, _) => Layout::Values,
                    };
                }
            }
        }
        Ok(Some(frame))
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        Ok(self.reader.fill_buf()?.first().copied())
    }

    /// Skips JSON whitespace (with `newlines`, line breaks too); whether anything follows.
    fn skip_whitespace(&mut self, newlines: bool) -> io::Result<bool> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r') || (newlines && b == b'\n'))
                .count();
            let all = blank == buf.len();
            advance(&mut self.at, &mut self.offset, &buf[..blank]);
            self.reader.consume(blank);
            if !all {
                return Ok(true);
            }
        }
    }

    /// Reads one value into `text`: an object or array up to its closing bracket, a string
    /// up to its closing quote, anything else up to the end of the line.
    fn read_value(&mut self, text: &mut Vec<u8>) -> io::Result<()> {
        let mut split = Split::default();
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let end = buf.iter().position(|&byte| split.ends_before(byte));
            let take = end.unwrap_or(buf.len());
            text.extend_from_slice(&buf[..take]);
            advance(&mut self.at, &mut self.offset, &buf[..take]);
            self.reader.consume(take);
            if end.is_some() || split.done {
                return Ok(());
            }
        }
    }
}

/// Reads up to and including the next line feed, or to the end of the input, into `line`:
/// as [`BufRead::read_until`], but looking for the line feed with `memchr` (several bytes at a
/// time, where the standard library's looks at one) and copying a line that lies within the
/// buffer with a single allocation of its size.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<()> {
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buf.is_empty() {
            return Ok(());
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        line.extend_from_slice(&buf[..take]);
        reader.consume(take);
        if done {
            return Ok(());
        }
    }
}

/// Moves `at` and `offset` over `bytes`.
fn advance(at: &mut Position, offset: &mut u64, bytes: &[u8]) {
    *offset += bytes.len() as u64;
    for &byte in bytes {
        match byte {
            b'\n' => {
                at.line += 1;
                at.column = 1;
            }
            byte if byte & 0xC0 != 0x80 => at.column += 1,
            _ => {}
        }
    }
}

/// Where one value ends, fed a byte at a time.
#[derive(Default)]
struct Split {
    started: bool,
    depth: usize,
    string: bool,
    escape: bool,
    scalar: bool,
    done: bool,
}

impl Split {
    /// Whether the value ended before `byte`; `byte` is part of the value otherwise.
    fn ends_before(&mut self, byte: u8) -> bool {
        if self.done {
            return true;
        }
        if !self.started {
            self.started = true;
            match byte {
                b'{' | b'[' => self.depth = 1,
                b'"' => self.string = true,
                _ => self.scalar = true,
            }
            return false;
        }
        if self.scalar {
            // Payloads are objects: a line that starts otherwise is one undecodable value,
            // not a value per word.
            return byte == b'\n';
        }
        if self.string {
            match (self.escape, byte) {
                (true, _) => self.escape = false,
                (false, b'\\') => self.escape = true,
                (false, b'"') => {
                    self.string = false;
                    self.done = self.depth == 0;
                }
                _ => {}
            }
            return false;
        }
        match byte {
            b'"' => self.string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => {
                self.depth -= 1;
                self.done = self.depth == 0;
            }
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str, lines: bool) -> Vec<(String, usize, usize)> {
        let mut frames = Frames::new(input.as_bytes(), lines);
        let mut out = Vec::new();
        while let Some(frame) = frames.next_frame().unwrap() {
            let text = String::from_utf8(frame.text).unwrap();
            out.push((text, frame.start.line, frame.start.column));
        }
        out
    }

    fn owned(expected: &[(&str, usize, usize)]) -> Vec<(String, usize, usize)> {
        expected
            .iter()
            .map(|&(t, l, c)| (t.to_owned(), l, c))
            .collect()
    }

    #[test]
    fn json_lines_are_one_value_per_line_even_when_broken() {
        let input = "{\"a\": 1}\n[]\n\n  {\"b\": [\n{\"c\": \"}\"}\r\nnull\n";
        assert_eq!(
            frames(input, false),
            owned(&[
                ("{\"a\": 1}", 1, 1),
                ("[]", 2, 1),
                ("{\"b\": [", 4, 3),
                ("{\"c\": \"}\"}\r", 5, 1),
                ("null", 6, 1),
            ])
        );
    }

    #[test]
    fn a_value_on_one_line_may_be_followed_by_values_on_several() {
        let input = "{\"a\": 1}\n{\n  \"b\": [2]\n}\n{\"c\": 3}\n";
        assert_eq!(
            frames(input, false),
            owned(&[
                ("{\"a\": 1}", 1, 1),
                ("{\n  \"b\": [2]\n}", 2, 1),
                ("{\"c\": 3}", 5, 1),
            ])
        );
    }

    #[test]
    fn values_split_where_their_brackets_close() {
        let input = "{\n  \"a\": \"{[\\\"\"\n}{\"b\": 1} [1,\n2]\"s\\\"\" 12 x}\n";
        assert_eq!(
            frames(input, false),
            owned(&[
                ("{\n  \"a\": \"{[\\\"\"\n}", 1, 1),
                ("{\"b\": 1}", 3, 2),
                ("[1,\n2]", 3, 11),
                ("\"s\\\"\"", 4, 3),
                ("12 x}", 4, 9),
            ])
        );
        // A value on one line followed by another on the same line.
        assert_eq!(
            frames("{} {}\n{}", false),
            owned(&[("{}", 1, 1), ("{}", 1, 4), ("{}", 2, 1)])
        );
    }

    #[test]
    fn lines_are_forced_and_a_byte_order_mark_is_reported_once() {
        let mut frames = Frames::new("\u{feff}{\"a\":\n1}\n{}".as_bytes(), true);
        let first = frames.next_frame().unwrap().unwrap();
        assert!(first.bom);
        assert_eq!((first.text, first.offset), (b"{\"a\":".to_vec(), 3));
        let second = frames.next_frame().unwrap().unwrap();
        assert!(!second.bom);
        assert_eq!((second.start.line, second.offset), (2, 9));
        assert_eq!(frames.next_frame().unwrap().unwrap().text, b"{}");
        assert!(frames.next_frame().unwrap().is_none());
        assert!(Frames::new(&b" \n\t"[..], false)
            .next_frame()
            .unwrap()
            .is_none());
    }
}
