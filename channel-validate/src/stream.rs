//! A file or standard input as the JSON values it holds, read one value at a time so that
//! memory is bounded by the largest value, not by the file.
//!
//! Two layouts are told apart by the first two values: when each fits on its line and nothing
//! follows it there, the input is JSON Lines and each further line is one value, whatever it
//! holds (a truncated line is then one undecodable value, not the start of a value that
//! swallows the rest of the log). Otherwise values are split where their brackets close, so
//! pretty-printed values may follow one another, also after a first value on one line.
//! `.jsonl` and `.ndjson` files are JSON Lines from the start.

use std::io::{self, BufRead, Read};

use bytes::Bytes;

use crate::position::Position;

/// How much of the input is read at a time: the lines within a block share it, rather than
/// each being copied into an allocation of its own.
const BLOCK: usize = 1 << 20;

/// One value's text, and where it starts.
#[derive(Debug)]
pub struct Frame {
    /// The value's bytes, from its first character; not necessarily UTF-8 or JSON.
    pub text: Bytes,
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
    reader: Blocks<R>,
    layout: Layout,
    at: Position,
    offset: u64,
    /// Whether the byte order mark was looked for; and whether it is still to be reported.
    started: bool,
    bom: bool,
}

impl<R: Read> Frames<R> {
    /// The values of `reader`; with `lines`, it holds JSON Lines.
    pub fn new(reader: R, lines: bool) -> Self {
        Frames {
            reader: Blocks {
                inner: reader,
                block: Bytes::new(),
                at: 0,
            },
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
            text: Bytes::new(),
            start: self.at,
            offset: self.offset,
            bom: std::mem::take(&mut self.bom),
        };
        match self.layout {
            Layout::Lines => {
                frame.text = self.reader.line()?;
                match frame.text.last() {
                    Some(b'\n') => {
                        self.offset += frame.text.len() as u64;
                        frame.text.truncate(frame.text.len() - 1);
                        self.at = Position {
                            line: self.at.line + 1,
                            column: 1,
                        };
                    }
                    _ => advance(&mut self.at, &mut self.offset, &frame.text),
                }
            }
            Layout::Unknown | Layout::FirstOnItsLine | Layout::Values => {
                let mut text = Vec::new();
                self.read_value(&mut text)?;
                frame.text = Bytes::from(text);
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

/// A reader read a block at a time: a buffered reader whose buffer a line within it can
/// share ([`Blocks::line`]).
struct Blocks<R> {
    inner: R,
    block: Bytes,
    /// How much of the block is consumed.
    at: usize,
}

impl<R: Read> Blocks<R> {
    /// The text up to and including the next line feed, or to the end of the input: a part
    /// of the block when the line ends within it, otherwise a copy.
    fn line(&mut self) -> io::Result<Bytes> {
        let buf = self.fill_buf()?;
        if let Some(end) = memchr::memchr(b'\n', buf) {
            let line = self.block.slice(self.at..self.at + end + 1);
            self.at += end + 1;
            return Ok(line);
        }
        let mut line = Vec::new();
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(Bytes::from(line));
            }
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(end) => (end + 1, true),
                None => (buf.len(), false),
            };
            line.extend_from_slice(&buf[..take]);
            self.consume(take);
            if done {
                return Ok(Bytes::from(line));
            }
        }
    }
}

impl<R: Read> Read for Blocks<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Blocks<R> {
    /// The rest of the block; once it is consumed, the next block, read whole (or up to the
    /// end of the input), so that a block holds many lines whatever the reader hands out at
    /// a time.
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at == self.block.len() {
            let mut block = Vec::with_capacity(BLOCK);
            let read = (&mut self.inner).take(BLOCK as u64).read_to_end(&mut block);
            // What was read before an error is handed out first; reading again meets the
            // error again.
            match read {
                Err(error) if block.is_empty() => return Err(error),
                _ => {}
            }
            // The last block of a small file holds no more memory than its text: the lines
            // that share it live until they are checked.
            block.shrink_to_fit();
            self.block = Bytes::from(block);
            self.at = 0;
        }
        Ok(&self.block[self.at..])
    }

    fn consume(&mut self, n: usize) {
        self.at = (self.at + n).min(self.block.len());
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
            let text = String::from_utf8(frame.text.to_vec()).unwrap();
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
    fn lines_that_cross_blocks_and_short_reads_come_whole() {
        /// Hands out a few bytes at a time, as a pipe may.
        struct Trickle<'a>(&'a [u8]);

        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(out.len()).min(7);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }

        let line = format!("{{\"a\": \"{}\"}}", "x".repeat(1000));
        let lines = 2 * BLOCK / line.len() + 1;
        let input = format!("{line}\n").repeat(lines);
        let mut frames = Frames::new(Trickle(input.as_bytes()), true);
        let mut read = 0;
        while let Some(frame) = frames.next_frame().unwrap() {
            assert_eq!(&frame.text[..], line.as_bytes());
            assert_eq!(frame.start.line, read + 1);
            assert_eq!(frame.offset, (read * (line.len() + 1)) as u64);
            read += 1;
        }
        assert_eq!(read, lines);
    }

    #[test]
    fn lines_are_forced_and_a_byte_order_mark_is_reported_once() {
        let mut frames = Frames::new("\u{feff}{\"a\":\n1}\n{}".as_bytes(), true);
        let first = frames.next_frame().unwrap().unwrap();
        assert!(first.bom);
        assert_eq!((&first.text[..], first.offset), (&b"{\"a\":"[..], 3));
        let second = frames.next_frame().unwrap().unwrap();
        assert!(!second.bom);
        assert_eq!((second.start.line, second.offset), (2, 9));
        assert_eq!(frames.next_frame().unwrap().unwrap().text, &b"{}"[..]);
        assert!(frames.next_frame().unwrap().is_none());
        assert!(Frames::new(&b" \n\t"[..], false)
            .next_frame()
            .unwrap()
            .is_none());
    }
}
