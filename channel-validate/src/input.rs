//! What the command checks: the files, directories and standard input it is given, as a
//! sequence of inputs (one per JSON value), and the failures of an input itself.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use globset::GlobBuilder;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use crate::position::Position;
use crate::stream::{Frame, Frames};

/// The files a directory is searched for when no `--glob` is given.
pub const DEFAULT_GLOBS: [&str; 3] = ["*.json", "*.jsonl", "*.ndjson"];

/// The name of an input: its file (or `<stdin>`), and for a value of a file that holds
/// several, the line where the value starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file name as given or found, or `<stdin>`.
    pub file: Arc<str>,
    /// The line where the value starts, when the file holds several values.
    pub line: Option<usize>,
}

impl Source {
    /// A whole file.
    pub fn file(file: &str) -> Self {
        Source {
            file: file.into(),
            line: None,
        }
    }
}

impl fmt::Display for Source {
    /// `FILE`, or `FILE:LINE` for a value of a stream.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        match self.line {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

/// Why an input could not be checked at all: it cannot be read, is not UTF-8, or holds no
/// document.
#[derive(Debug)]
pub enum InputError {
    /// The file or directory cannot be read.
    Read(io::Error),
    /// The text is not UTF-8.
    NotUtf8 {
        /// The offset of the first invalid byte in the file.
        offset: u64,
        /// Its line and column.
        at: Position,
    },
    /// There is nothing but whitespace (and perhaps a byte order mark).
    Empty,
}

impl InputError {
    /// A stable code: `io`, `utf8` or `empty`.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Read(_) => "io",
            InputError::NotUtf8 { .. } => "utf8",
            InputError::Empty => "empty",
        }
    }

    /// Where in the file the problem is, when it is at a place.
    pub fn position(&self) -> Option<Position> {
        match self {
            InputError::NotUtf8 { at, .. } => Some(*at),
            InputError::Read(_) | InputError::Empty => None,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Read(error) => write!(f, "cannot read: {error}"),
            InputError::NotUtf8 { offset, .. } => {
                write!(f, "not UTF-8 text: invalid byte at offset {offset}")
            }
            InputError::Empty => f.write_str("the document is empty"),
        }
    }
}

/// One value to check: its text and where it is.
#[derive(Debug)]
pub struct Input {
    /// Its name in the report.
    pub source: Source,
    /// Its text, from its first character.
    pub text: Bytes,
    /// Where it starts in its file.
    pub start: Position,
    /// The offset of its first byte in its file.
    pub offset: u64,
    /// Whether its file starts with a byte order mark and this is the file's first value.
    pub bom: bool,
}

impl Input {
    /// A whole document held in memory, checked as one value.
    pub fn document(source: Source, bytes: Vec<u8>) -> Self {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let mut text = bytes;
        if bom {
            text.drain(..3);
        }
        Input {
            source,
            text: Bytes::from(text),
            start: Position::START,
            offset: u64::from(bom) * 3,
            bom,
        }
    }

    /// The input from `frame` of `file`; `line` says whether its name gives its line.
    fn of_frame(file: &Arc<str>, frame: Frame, line: bool) -> Self {
        Input {
            source: Source {
                file: file.clone(),
                line: line.then_some(frame.start.line),
            },
            text: frame.text,
            start: frame.start,
            offset: frame.offset,
            bom: frame.bom,
        }
    }
}

/// What the command is to do next, in input order: check a value, or report that a file
/// cannot be read.
#[derive(Debug)]
pub enum Job {
    /// A value to check.
    Check(Input),
    /// A file or directory that cannot be read.
    Unreadable(Source, InputError),
}

/// A file to read, or why a path cannot be one.
enum Target {
    Stdin,
    File(PathBuf),
    Error(Source, InputError),
}

/// The files behind the command's arguments, in order: a directory is walked (skipping what
/// `.gitignore`, `.ignore` and hidden-file rules skip) for files matching `globs`, or the
/// [`DEFAULT_GLOBS`], its entries sorted by name; a file is taken whatever its name; `-` is
/// standard input; a pattern that names no file (`'fixtures/*.json'`, quoted so that no shell
/// expanded it) is expanded as a shell would, see [`expand`].
fn targets(paths: &[PathBuf], globs: &[String]) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
        } else if path.is_dir() {
            walk(path, globs, &mut targets);
        } else if !path.exists() && is_pattern(path) {
            expand(path, &mut targets);
        } else {
            targets.push(Target::File(path.clone()));
        }
    }
    targets
}

/// Whether `path` holds glob syntax (`*`, `?`, `[...]`, `{a,b}`).
fn is_pattern(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|path| path.contains(['*', '?', '[', '{']))
}

/// The files matching the glob `pattern`, sorted by name: as a shell expands it (`*` stays
/// within a directory, `**` crosses directories, hidden files are left out), but for a shell
/// that does not, or a quoted pattern. None is an error.
fn expand(pattern: &Path, targets: &mut Vec<Target>) {
    let text = pattern.display().to_string();
    let error = |error: io::Error| Target::Error(Source::file(&text), InputError::Read(error));
    let glob = match GlobBuilder::new(&text).literal_separator(true).build() {
        Ok(glob) => glob.compile_matcher(),
        Err(problem) => {
            let problem = io::Error::new(io::ErrorKind::InvalidInput, problem.to_string());
            return targets.push(error(problem));
        }
    };
    // The walk starts at the directories before the first component with glob syntax, and
    // goes no deeper than the pattern unless it has `**`.
    let components: Vec<_> = pattern.components().collect();
    let fixed = components
        .iter()
        .take_while(|component| !is_pattern(Path::new(component.as_os_str())))
        .count();
    let base: PathBuf = match fixed {
        0 => PathBuf::from("."),
        _ => components[..fixed].iter().collect(),
    };
    let mut walker = WalkBuilder::new(&base);
    walker
        .standard_filters(false)
        .hidden(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !text.contains("**") {
        walker.max_depth(Some(components.len() - fixed));
    }
    let before = targets.len();
    for entry in walker.build().flatten() {
        let path = entry.path();
        let path = match fixed {
            0 => path.strip_prefix(".").unwrap_or(path),
            _ => path,
        };
        if entry.file_type().is_some_and(|t| !t.is_dir()) && glob.is_match(path) {
            targets.push(Target::File(path.to_path_buf()));
        }
    }
    if targets.len() == before {
        let none = io::Error::new(io::ErrorKind::NotFound, "no file matches the pattern");
        targets.push(error(none));
    }
}

fn walk(dir: &Path, globs: &[String], targets: &mut Vec<Target>) {
    let mut overrides = OverrideBuilder::new(dir);
    let defaults = DEFAULT_GLOBS.map(String::from);
    let globs = match globs.is_empty() {
        true => &defaults[..],
        false => globs,
    };
    for glob in globs {
        if let Err(error) = overrides.add(glob) {
            let error = io::Error::new(io::ErrorKind::InvalidInput, error.to_string());
            targets.push(Target::Error(Source::file(glob), InputError::Read(error)));
            return;
        }
    }
    let overrides = match overrides.build() {
        Ok(overrides) => overrides,
        Err(error) => {
            let error = io::Error::new(io::ErrorKind::InvalidInput, error.to_string());
            let name = dir.display().to_string();
            targets.push(Target::Error(Source::file(&name), InputError::Read(error)));
            return;
        }
    };
    // The globs choose among the files the walk keeps; given to the walker as overrides,
    // they would take precedence over `.gitignore` and hidden-file rules.
    let walker = WalkBuilder::new(dir)
        // `.gitignore` applies outside a Git work tree too: a copied fixture directory.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| !t.is_dir()) => {
                if overrides.matched(entry.path(), false).is_whitelist() {
                    targets.push(Target::File(entry.into_path()));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let name = match &error {
                    ignore::Error::WithPath { path, .. } => path.display().to_string(),
                    _ => dir.display().to_string(),
                };
                let error = match error.into_io_error() {
                    Some(error) => error,
                    None => io::Error::other("cannot walk the directory"),
                };
                targets.push(Target::Error(Source::file(&name), InputError::Read(error)));
            }
        }
    }
}

/// The jobs behind the command's arguments, in input order, read lazily: one file is open at
/// a time, and one value of it is held ahead (to tell a file of one value from a stream).
pub struct Jobs {
    targets: std::vec::IntoIter<Target>,
    current: Option<Values>,
}

impl Jobs {
    /// The jobs for `paths` (with none, standard input), walking directories for `globs`.
    pub fn new(paths: &[PathBuf], globs: &[String]) -> Self {
        let targets = match paths.is_empty() {
            true => vec![Target::Stdin],
            false => targets(paths, globs),
        };
        Jobs {
            targets: targets.into_iter(),
            current: None,
        }
    }
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(values) = &mut self.current {
                match values.next() {
                    Some(job) => return Some(job),
                    None => self.current = None,
                }
            }
            let (file, reader, lines): (Arc<str>, Box<dyn Read + Send>, bool) =
                match self.targets.next()? {
                    Target::Error(source, error) => return Some(Job::Unreadable(source, error)),
                    Target::Stdin => ("<stdin>".into(), Box::new(io::stdin()), false),
                    Target::File(path) => {
                        let name: Arc<str> = path.display().to_string().into();
                        let lines = path
                            .extension()
                            .is_some_and(|ext| ext == "jsonl" || ext == "ndjson");
                        match File::open(&path) {
                            Ok(file) => (name, Box::new(file), lines),
                            Err(error) => {
                                let source = Source {
                                    file: name,
                                    line: None,
                                };
                                return Some(Job::Unreadable(source, InputError::Read(error)));
                            }
                        }
                    }
                };
            self.current = Some(Values {
                file,
                frames: Frames::new(reader, lines),
                ahead: None,
                several: false,
                count: 0,
                done: false,
            });
        }
    }
}

/// The values of one file.
struct Values {
    file: Arc<str>,
    frames: Frames<Box<dyn Read + Send>>,
    /// The value after the first, read to know whether there are several.
    ahead: Option<io::Result<Option<Frame>>>,
    several: bool,
    count: usize,
    done: bool,
}

impl Iterator for Values {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        if self.done {
            return None;
        }
        let frame = match self.ahead.take() {
            Some(frame) => frame,
            None => self.frames.next_frame(),
        };
        match frame {
            Err(error) => {
                self.done = true;
                let source = Source {
                    file: self.file.clone(),
                    line: None,
                };
                Some(Job::Unreadable(source, InputError::Read(error)))
            }
            Ok(None) => {
                self.done = true;
                // A file with no value is one empty document.
                let empty = Input::document(Source::file(&self.file), Vec::new());
                (self.count == 0).then_some(Job::Check(empty))
            }
            Ok(Some(frame)) => {
                if self.count == 0 {
                    let ahead = self.frames.next_frame();
                    self.several = !matches!(ahead, Ok(None));
                    self.ahead = Some(ahead);
                }
                self.count += 1;
                Some(Job::Check(Input::of_frame(&self.file, frame, self.several)))
            }
        }
    }
}
