//! Lines and columns: where a value named by a JSON Pointer is in the text it was decoded
//! from, found by a scan that descends only into the members on the way to a wanted value.

use channel_model::{Path, PathSegment};

/// A place in a text: the line from 1, and the column from 1 in characters (Unicode scalar
/// values), as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

impl Position {
    /// The first character of a text.
    pub const START: Position = Position { line: 1, column: 1 };

    /// This position, given in a text that starts at `start` of a larger one (a value in a
    /// stream), as a position in the larger text.
    pub fn within(self, start: Position) -> Position {
        match self.line {
            1 => Position {
                line: start.line,
                column: start.column + self.column - 1,
            },
            line => Position {
                line: start.line + line - 1,
                column: self.column,
            },
        }
    }

    /// The position of the byte at `offset` in `text`.
    pub fn of_offset(text: &[u8], offset: usize) -> Position {
        let before = &text[..offset.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Position {
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + characters(&before[line_start..]),
        }
    }

    /// The position serde_json gives as a line and a column in bytes (the bytes read on the
    /// line, so the byte at fault is the last of them), in characters.
    pub fn of_json_error(text: &[u8], line: usize, byte_column: usize) -> Option<Position> {
        if line == 0 {
            return None;
        }
        let mut starts = std::iter::once(0).chain(
            text.iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let start = starts.nth(line - 1)?;
        let rest = &text[start..];
        let length = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let read = &rest[..byte_column.min(length)];
        // The character the last byte read belongs to is the one at fault.
        let at_fault = read.iter().rposition(|&b| !is_continuation(b));
        Some(Position {
            line,
            column: at_fault.map_or(1, |i| 1 + characters(&read[..i])),
        })
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// The number of characters in UTF-8 `bytes`.
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

/// What of an object member a position points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Its value (an array item, or the whole text at the root, is a value).
    Value,
    /// Its key: where a key the model does not know is written.
    Key,
}

/// The position of the value (or key) at each of `wanted` in `text`, a JSON text that
/// decoded, or `None` for a path not found in it.
pub fn locate(text: &str, wanted: &[(&Path, Part)]) -> Vec<Option<Position>> {
    let mut scan = Scan {
        text: text.as_bytes(),
        at: 0,
        nodes: vec![Node::default()],
        found: vec![None; wanted.len()],
    };
    for (index, (path, part)) in wanted.iter().enumerate() {
        let mut node = 0;
        for segment in path.segments() {
            node = scan.child_or_insert(node, segment);
        }
        let key = *part == Part::Key && matches!(path.segments().last(), Some(PathSegment::Key(_)));
        match key {
            true => scan.nodes[node].keys.push(index),
            false => scan.nodes[node].wanted.push(index),
        }
    }
    scan.value(0);
    // One pass over the text turns the offsets into lines and columns, in order.
    let mut order: Vec<usize> = (0..wanted.len())
        .filter(|&i| scan.found[i].is_some())
        .collect();
    order.sort_by_key(|&i| scan.found[i]);
    let mut positions = vec![None; wanted.len()];
    let (mut from, mut position) = (0, Position::START);
    for i in order {
        let offset = scan.found[i].unwrap_or_default();
        let between = &scan.text[from..offset];
        match between.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                position.line += between.iter().filter(|&&b| b == b'\n').count();
                position.column = 1 + characters(&between[last + 1..]);
            }
            None => position.column += characters(between),
        }
        from = offset;
        positions[i] = Some(position);
    }
    positions
}

/// A step of the wanted paths: its children, and which paths end here, at the value or at
/// the key of the member.
#[derive(Default)]
struct Node<'p> {
    children: Vec<(&'p PathSegment, usize)>,
    wanted: Vec<usize>,
    keys: Vec<usize>,
}

struct Scan<'t, 'p> {
    text: &'t [u8],
    at: usize,
    nodes: Vec<Node<'p>>,
    /// The offset of each wanted path's value.
    found: Vec<Option<usize>>,
}

impl<'p> Scan<'_, 'p> {
    fn child_or_insert(&mut self, node: usize, segment: &'p PathSegment) -> usize {
        if let Some(&(_, child)) = self.nodes[node]
            .children
            .iter()
            .find(|(s, _)| *s == segment)
        {
            return child;
        }
        self.nodes.push(Node::default());
        let child = self.nodes.len() - 1;
        self.nodes[node].children.push((segment, child));
        child
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads the value at `node` of the wanted paths.
    fn value(&mut self, node: usize) {
        self.whitespace();
        for i in 0..self.nodes[node].wanted.len() {
            let wanted = self.nodes[node].wanted[i];
            self.found[wanted].get_or_insert(self.at);
        }
        match self.peek() {
            _ if self.nodes[node].children.is_empty() => self.skip(),
            Some(b'{') => self.object(node),
            Some(b'[') => self.array(node),
            _ => self.skip(),
        }
    }

    fn object(&mut self, node: usize) {
        self.at += 1;
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                self.at += 1;
                return;
            }
            let key_at = self.at;
            let key = self.string();
            self.whitespace();
            if self.peek() == Some(b':') {
                self.at += 1;
            }
            match self.child_key(node, key) {
                Some(child) => {
                    for i in 0..self.nodes[child].keys.len() {
                        let wanted = self.nodes[child].keys[i];
                        self.found[wanted].get_or_insert(key_at);
                    }
                    self.value(child)
                }
                None => {
                    self.whitespace();
                    self.skip();
                }
            }
            self.whitespace();
            if self.peek() != Some(b',') {
                self.at += 1;
                return;
            }
            self.at += 1;
        }
    }

    fn array(&mut self, node: usize) {
        self.at += 1;
        let mut index = 0;
        loop {
            self.whitespace();
            if matches!(self.peek(), None | Some(b']')) {
                self.at += 1;
                return;
            }
            let child = self.nodes[node]
                .children
                .iter()
                .find(|(segment, _)| **segment == PathSegment::Index(index));
            match child {
                Some(&(_, child)) => self.value(child),
                None => self.skip(),
            }
            index += 1;
            self.whitespace();
            if self.peek() != Some(b',') {
                self.at += 1;
                return;
            }
            self.at += 1;
        }
    }

    /// The child of `node` for the key whose quoted text is `raw`.
    fn child_key(&self, node: usize, raw: std::ops::Range<usize>) -> Option<usize> {
        let text = &self.text[raw.clone()];
        let unescaped: Option<String> = match text.contains(&b'\\') {
            true => self
                .text
                .get(raw.start - 1..raw.end + 1)
                .and_then(|quoted| serde_json::from_slice(quoted).ok()),
            false => None,
        };
        let key = unescaped.as_deref().map_or(text, str::as_bytes);
        self.nodes[node]
            .children
            .iter()
            .find(|(segment, _)| matches!(segment, PathSegment::Key(k) if k.as_bytes() == key))
            .map(|&(_, child)| child)
    }

    /// Skips the string at the cursor; returns the range of its contents.
    fn string(&mut self) -> std::ops::Range<usize> {
        self.at += 1;
        let start = self.at;
        while let Some(byte) = self.peek() {
            match byte {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return start..self.at - 1;
                }
                _ => self.at += 1,
            }
        }
        start..self.text.len().max(start)
    }

    fn skip(&mut self) {
        match self.peek() {
            Some(b'"') => {
                self.string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(byte) = self.peek() {
                    match byte {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                        return;
                    }
                    self.at += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn path(pointer: &str) -> Path {
        let segments = pointer.split('/').skip(1).map(|s| match s.parse() {
            Ok(index) => PathSegment::Index(index),
            Err(_) => PathSegment::Key(Cow::Owned(s.replace("~1", "/").replace("~0", "~"))),
        });
        Path::from(segments.collect::<Vec<_>>())
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn values_are_found_by_their_pointers() {
        let text = "{\n  \"a\": [1, {\"b\\u0062\": \"é\"}, [\"x\", {\"}\": 2}]],\n  \"é\": {\"k\": null}\n}";
        let paths = [
            "", "/a", "/a/0", "/a/1/bb", "/a/2/1/}", "/é/k", "/é", "/missing", "/a/9",
        ]
        .map(path);
        let refs: Vec<(&Path, Part)> = paths.iter().map(|path| (path, Part::Value)).collect();
        assert_eq!(
            locate(text, &refs),
            [
                at(1, 1),
                at(2, 8),
                at(2, 9),
                at(2, 24),
                at(2, 42),
                at(3, 14),
                at(3, 8),
                None,
                None
            ]
        );
    }

    #[test]
    fn keys_are_found_at_their_opening_quote() {
        let text = "{\"a\": {\"é\": 1,\n  \"x\": 2}, \"b\": [3]}";
        let paths = ["/a/x", "/a/x", "/b/0", ""].map(path);
        let parts = [Part::Key, Part::Value, Part::Key, Part::Key];
        let wanted: Vec<(&Path, Part)> = paths.iter().zip(parts).collect();
        // An index or the root has no key: the value is found.
        assert_eq!(
            locate(text, &wanted),
            [at(2, 3), at(2, 8), at(2, 18), at(1, 1)]
        );
    }

    #[test]
    fn json_error_columns_become_character_columns() {
        let text = "{\n\"é\": x}".as_bytes();
        // serde_json has read `"é": x`, 7 bytes, when it rejects the `x`.
        assert_eq!(Position::of_json_error(text, 2, 7), at(2, 6));
        assert_eq!(Position::of_json_error(text, 2, 0), at(2, 1));
        assert_eq!(Position::of_json_error(text, 0, 0), None);
    }

    #[test]
    fn offsets_and_streams() {
        assert_eq!(
            Position::of_offset(b"ab\ncd\xc3\xa9x", 7),
            Position { line: 2, column: 4 }
        );
        let start = Position { line: 5, column: 3 };
        assert_eq!(Position::START.within(start), start);
        assert_eq!(
            Position { line: 1, column: 4 }.within(start),
            Position { line: 5, column: 6 }
        );
        assert_eq!(
            Position { line: 2, column: 4 }.within(start),
            Position { line: 6, column: 4 }
        );
    }
}
