//! A `Deserializer` wrapper that knows where decoding is, refuses what serde_json lets
//! through but a JSON checker must not, and tells an [`Inspect`] what serde skips silently.
//!
//! It watches the target type's own `Deserialize` impls at work. A struct announces itself
//! and its field names (`deserialize_struct`); any other map is free-form data (a field
//! `value`, `display_info` `data`, a user's `HashMap`) whose keys are data, so a path never
//! goes below the first free-form map. Along the way it refuses:
//! - a duplicate key in any object: serde's derive notices one only for the fields a struct
//!   knows, and a JSON object (`serde_json::Value`, maps) silently keeps the last;
//! - a struct given as a JSON array: serde_json reads it field by field, Zendesk does not.
//!
//! It runs on every value of every document, so what it does for a value that decodes is
//! small and allocates nothing in the common case. Where a value is, is a chain of
//! [`Frame`]s on the stack (each wrapper links its own to its parent's), read only when an
//! error goes up through the wrappers (the innermost one writes the path down) or when an
//! [`Inspect`] is told something. A key is kept as the slice of the input serde_json
//! borrowed it from, copied only when serde_json had to unescape it (or reads from an
//! `io::Read`). An object's keys are compared as they come, the first few as slices of the
//! input kept on the stack (length first), the others in buffers kept for the whole decode.
//! Scalars are read with the target's own visitor, unwrapped.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::Inspect;
use crate::PathSegment;

/// Where a value is: the innermost frame of a chain up to the root, or `None` at the root.
type At<'f> = Option<&'f Frame<'f>>;

/// One step of a location, kept on the stack of the wrapper that reads the value there.
struct Frame<'f> {
    parent: At<'f>,
    segment: Segment<'f>,
}

#[derive(Clone, Copy)]
enum Segment<'f> {
    Key(&'f str),
    Index(usize),
}

/// The JSON Pointer segments of `at`, from the root.
fn path(mut at: At<'_>) -> Vec<PathSegment> {
    let mut path = Vec::new();
    while let Some(frame) = at {
        path.push(match frame.segment {
            Segment::Key(key) => PathSegment::Key(Cow::Owned(key.to_owned())),
            Segment::Index(index) => PathSegment::Index(index),
        });
        at = frame.parent;
    }
    path.reverse();
    path
}

/// The key a key seed just read.
#[derive(Clone, Copy)]
enum Key<'de> {
    /// None, or not as a string (a map with integer keys): it is not checked.
    None,
    /// A slice of the input.
    Borrowed(&'de str),
    /// Copied into [`State::scratch`].
    Scratch,
}

/// What the wrappers of one decode share.
pub(super) struct State<'s, 'de> {
    /// Whether any value was started: a document with none is empty.
    started: Cell<bool>,
    /// The key just read, until the map takes it.
    key: Cell<Key<'de>>,
    /// The text of a key that is not a slice of the input, until the map takes it.
    scratch: RefCell<String>,
    /// The keys of the objects being read that are compared as text.
    seen: RefCell<Seen>,
    /// The path of the error going up, written by the innermost wrapper it leaves.
    error_path: RefCell<Option<Vec<PathSegment>>>,
    inspect: Option<RefCell<&'s mut dyn Inspect>>,
}

/// The keys compared as text of the objects being read, one after the other, innermost
/// object last; `ends` holds where each ends in `text`.
#[derive(Default)]
struct Seen {
    text: String,
    ends: Vec<usize>,
}

impl Seen {
    /// The key `ends[index]` ends.
    fn key(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1],
        };
        &self.text[start..self.ends[index]]
    }

    /// Forgets the keys from the `base`-th on.
    fn truncate(&mut self, base: usize) {
        if base < self.ends.len() {
            let end = match base {
                0 => 0,
                _ => self.ends[base - 1],
            };
            self.text.truncate(end);
            self.ends.truncate(base);
        }
    }
}

impl<'s, 'de> State<'s, 'de> {
    pub(super) fn new(inspect: Option<&'s mut dyn Inspect>) -> Self {
        State {
            started: Cell::new(false),
            key: Cell::new(Key::None),
            scratch: RefCell::new(String::new()),
            seen: RefCell::new(Seen::default()),
            error_path: RefCell::new(None),
            inspect: inspect.map(RefCell::new),
        }
    }

    /// Whether any value was started.
    pub(super) fn started(&self) -> bool {
        self.started.get()
    }

    /// Where the error is, cut where free-form data starts, since its keys are data and
    /// data is never quoted.
    pub(super) fn error_path(&self) -> Vec<PathSegment> {
        self.error_path.take().unwrap_or_default()
    }

    /// `error`, going up from a value at `at`: the first wrapper it leaves writes the path.
    fn fail<E>(&self, at: At<'_>, error: E) -> E {
        self.capture(at);
        error
    }

    /// Writes down the path of an error going up from a value at `at`, unless a wrapper
    /// below wrote it first: the innermost one knows best.
    #[cold]
    #[inline(never)]
    fn capture(&self, at: At<'_>) {
        if self.error_path.borrow().is_none() {
            *self.error_path.borrow_mut() = Some(path(at));
        }
    }

    fn start(&self) {
        self.started.set(true);
    }
}

/// The name by which serde_json's `RawValue` asks for its text.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A `Deserializer` that follows where it is, for a value at `at`.
pub(super) struct Tracker<'a, 's, 'de, D> {
    de: D,
    state: &'a State<'s, 'de>,
    at: At<'a>,
    /// Whether the value is inside free-form data, where no segment is added.
    free: bool,
}

impl<'a, 's, 'de, D> Tracker<'a, 's, 'de, D> {
    pub(super) fn root(de: D, state: &'a State<'s, 'de>) -> Self {
        Tracker {
            de,
            state,
            at: None,
            free: false,
        }
    }

    fn visit<V>(&self, visitor: V) -> Visit<'a, 's, 'de, V> {
        Visit {
            visitor,
            state: self.state,
            at: self.at,
            free: self.free,
            fields: None,
            option: false,
        }
    }
}

/// Methods whose visitor may be handed nested values: it is wrapped, so that they are
/// tracked too.
macro_rules! forward_nesting {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visit = self.visit(visitor);
            self.de.$method($($arg,)* visit)
        }
    )*};
}

/// Methods that serde_json answers with one scalar visit (or an error) whatever the input:
/// the visitor needs no wrapper.
macro_rules! forward_scalar {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.state.start();
            self.de.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracker<'_, '_, 'de, D> {
    type Error = D::Error;

    forward_nesting!(
        deserialize_any(), deserialize_bytes(), deserialize_byte_buf(), deserialize_seq(),
        deserialize_map(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
    );

    forward_scalar!(
        deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(),
        deserialize_u32(), deserialize_u64(), deserialize_u128(), deserialize_f32(),
        deserialize_f64(), deserialize_char(), deserialize_str(), deserialize_string(),
        deserialize_unit(), deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
    );

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // serde_json's `RawValue` takes the value's text whole, through a map of one private
        // key: nothing in it is visited, nothing to follow.
        if name == RAW_VALUE {
            self.state.start();
            return self.de.deserialize_newtype_struct(name, visitor);
        }
        let visit = self.visit(visitor);
        self.de.deserialize_newtype_struct(name, visit)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let mut visit = self.visit(visitor);
        visit.option = true;
        self.de.deserialize_option(visit)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let mut visit = self.visit(visitor);
        visit.fields = Some(fields);
        self.de.deserialize_struct(name, fields, visit)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.state.start();
        self.de.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Wraps a visitor so that what it visits is tracked too.
struct Visit<'a, 's, 'de, V> {
    visitor: V,
    state: &'a State<'s, 'de>,
    at: At<'a>,
    free: bool,
    /// The field names of the struct being visited, when it is a struct's visitor: its map
    /// is not free-form, and it needs an object.
    fields: Option<&'static [&'static str]>,
    /// Whether the visitor is an `Option`'s, to which `null` means "no value".
    option: bool,
}

impl<'a, 's, 'de, V> Visit<'a, 's, 'de, V> {
    fn child<D>(&self, de: D) -> Tracker<'a, 's, 'de, D> {
        Tracker {
            de,
            state: self.state,
            at: self.at,
            free: self.free,
        }
    }
}

/// Calls `$forward!` with every `visit_*` method that takes a value other than a string: both
/// visitors below pass these on alike, and differ on strings.
macro_rules! non_string_visits {
    ($forward:ident) => {
        $forward!(
            visit_bool(bool),
            visit_i8(i8),
            visit_i16(i16),
            visit_i32(i32),
            visit_i64(i64),
            visit_i128(i128),
            visit_u8(u8),
            visit_u16(u16),
            visit_u32(u32),
            visit_u64(u64),
            visit_u128(u128),
            visit_f32(f32),
            visit_f64(f64),
            visit_char(char),
            visit_bytes(&[u8]),
            visit_byte_buf(Vec<u8>),
            visit_borrowed_bytes(&'de [u8]),
        );
    };
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.state.start();
            self.visitor.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<'_, '_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    non_string_visits!(forward_visit);
    forward_visit!(
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.state.start();
        if let (true, Some(inspect)) = (self.option, &self.state.inspect) {
            inspect.borrow_mut().null(&path(self.at));
        }
        self.visitor.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.state.start();
        let tracker = self.child(de);
        self.visitor.visit_some(tracker)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.state.start();
        self.visitor.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.state.start();
        let tracker = self.child(de);
        self.visitor.visit_newtype_struct(tracker)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.state.start();
        if self.fields.is_some() {
            return Err(de::Error::invalid_type(Unexpected::Seq, &"a JSON object"));
        }
        let seq = SeqTracker {
            seq,
            state: self.state,
            at: self.at,
            free: self.free,
            index: 0,
        };
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let (state, at) = (self.state, self.at);
        state.start();
        let base = state.seen.borrow().ends.len();
        let mut object = Object {
            state,
            at,
            // A map that is not a struct starts free-form data, or is in it.
            free: self.free || self.fields.is_none(),
            fields: self.fields,
            key: Key::None,
            scratch: String::new(),
            keys: Keys::new(base),
            next_field: 0,
        };
        let map = MapTracker {
            map,
            object: &mut object,
        };
        let value = self.visitor.visit_map(map);
        // The keys are forgotten after a map read whole (on an error decoding stops). The
        // value is looked at in place, not moved: it may be large.
        if value.is_ok() && object.keys.seen > 0 {
            state.seen.borrow_mut().truncate(base);
        }
        value
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.state.start();
        self.visitor.visit_enum(data)
    }
}

/// A `Deserializer` of a map's key, which it remembers.
struct KeyTracker<'a, 's, 'de, D> {
    de: D,
    state: &'a State<'s, 'de>,
}

macro_rules! forward_key {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visit = KeyVisit { visitor, state: self.state };
            self.de.$method($($arg,)* visit)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyTracker<'_, '_, 'de, D> {
    type Error = D::Error;

    forward_key!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(),
        deserialize_seq(), deserialize_map(), deserialize_identifier(),
        deserialize_ignored_any(), deserialize_option(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    );

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Wraps a key's visitor: serde_json hands it a string (or, for a map with integer keys, a
/// number, which is not remembered).
struct KeyVisit<'a, 's, 'de, V> {
    visitor: V,
    state: &'a State<'s, 'de>,
}

impl<'de, V> KeyVisit<'_, '_, 'de, V> {
    /// A key read as text that does not outlive this call: copied.
    fn remember_copy(&self, key: &str) {
        let mut scratch = self.state.scratch.borrow_mut();
        scratch.clear();
        scratch.push_str(key);
        self.state.key.set(Key::Scratch);
    }
}

macro_rules! forward_key_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.visitor.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisit<'_, '_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    non_string_visits!(forward_key_visit);

    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        self.remember_copy(value);
        self.visitor.visit_str(value)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        self.state.key.set(Key::Borrowed(value));
        self.visitor.visit_borrowed_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        self.remember_copy(&value);
        self.visitor.visit_string(value)
    }
}

/// Wraps a map's key seed.
struct KeySeed<'a, 's, 'de, S> {
    seed: S,
    state: &'a State<'s, 'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, '_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyTracker {
            de,
            state: self.state,
        })
    }
}

/// Wraps a seed so that the value it reads is tracked.
struct Seed<'a, 's, 'de, S> {
    seed: S,
    state: &'a State<'s, 'de>,
    at: At<'a>,
    free: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, '_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Tracker {
            de,
            state: self.state,
            at: self.at,
            free: self.free,
        })
    }
}

struct SeqTracker<'a, 's, 'de, A> {
    seq: A,
    state: &'a State<'s, 'de>,
    at: At<'a>,
    free: bool,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SeqTracker<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let frame;
        let at = match self.free {
            true => self.at,
            false => {
                frame = Frame {
                    parent: self.at,
                    segment: Segment::Index(self.index),
                };
                Some(&frame)
            }
        };
        let state = self.state;
        let seed = Seed {
            seed,
            state,
            at,
            free: self.free,
        };
        let element = self.seq.next_element_seed(seed);
        // Looked at in place, not moved: the value may be large.
        if element.is_err() {
            state.capture(at);
        }
        self.index += 1;
        element
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The message of a duplicate key, wherever it is (also inside `display_info` `data` given as
/// a string).
pub(crate) const DUPLICATE_KEY: &str = "duplicate key: an object may have each key once";

/// How many keys of an object are compared one by one before they are looked up by hash.
const LINEAR_KEYS: usize = 16;

/// How many keys of an object, slices of the input, are kept on the stack.
const INLINE_KEYS: usize = 8;

/// The keys of one object read so far: slices of the input on the stack, the others (keys
/// serde_json unescaped, keys past the first few) copied into the state's `seen`.
struct Keys<'de> {
    inline: [&'de str; INLINE_KEYS],
    inline_len: usize,
    /// Where this object's keys start in the state's `seen`.
    base: usize,
    /// How many of this object's keys are in `seen`.
    seen: usize,
    /// The hashes of those, once there are many.
    index: Option<(RandomState, HashSet<u64>)>,
}

impl<'de> Keys<'de> {
    fn new(base: usize) -> Self {
        Keys {
            inline: [""; INLINE_KEYS],
            inline_len: 0,
            base,
            seen: 0,
            index: None,
        }
    }

    /// Whether `key`, a slice of the input, was read before in this object; remembers it if
    /// not. The common case, kept small to be inlined: few keys, all slices of the input.
    #[inline(always)]
    fn repeats_borrowed(&mut self, state: &State<'_, '_>, key: &'de str) -> bool {
        if self.inline_len == INLINE_KEYS || self.seen > 0 {
            return self.repeats(state, key);
        }
        let inline = &self.inline[..self.inline_len];
        if inline
            .iter()
            .any(|before| before.len() == key.len() && *before == key)
        {
            return true;
        }
        self.inline[self.inline_len] = key;
        self.inline_len += 1;
        false
    }

    /// Whether `key` was read before in this object; remembers it (in `seen`) if not.
    #[cold]
    #[inline(never)]
    fn repeats(&mut self, state: &State<'_, '_>, key: &str) -> bool {
        let inline = &self.inline[..self.inline_len];
        inline.contains(&key) || self.repeats_in_seen(state, key)
    }

    /// Whether `key` is among this object's keys in `seen`; adds it if not.
    fn repeats_in_seen(&mut self, state: &State<'_, '_>, key: &str) -> bool {
        let mut seen = state.seen.borrow_mut();
        let seen = &mut *seen;
        let mine = self.base..self.base + self.seen;
        let found = match &mut self.index {
            None => mine.clone().any(|i| seen.key(i) == key),
            Some((hasher, index)) => match index.insert(hasher.hash_one(key)) {
                true => false,
                // Equal hashes, most likely the same key: compared to be sure.
                false => mine.clone().any(|i| seen.key(i) == key),
            },
        };
        if found {
            return true;
        }
        seen.text.push_str(key);
        seen.ends.push(seen.text.len());
        self.seen += 1;
        if self.seen == LINEAR_KEYS {
            let hasher = RandomState::new();
            let hashes = (self.base..seen.ends.len()).map(|i| hasher.hash_one(seen.key(i)));
            let hashes = hashes.collect();
            self.index = Some((hasher, hashes));
        }
        false
    }
}

/// An object being read, apart from serde_json's reader of it: what a value in it needs of it.
struct Object<'a, 's, 'de> {
    state: &'a State<'s, 'de>,
    /// The object's location.
    at: At<'a>,
    /// Whether the object is free-form data or inside it: its keys go on no path.
    free: bool,
    /// The struct's field names, when the map is a struct's.
    fields: Option<&'static [&'static str]>,
    /// The key just read, until its value is read.
    key: Key<'de>,
    /// The key's text when it is [`Key::Scratch`].
    scratch: String,
    keys: Keys<'de>,
    /// Where to look for the next key among `fields`, for an inspection: just past the last
    /// one found.
    next_field: usize,
}

impl<'de> Object<'_, '_, 'de> {
    /// The text of the key just read ("" for one not read as text).
    fn key(&self) -> &str {
        match self.key {
            Key::None => "",
            Key::Borrowed(key) => key,
            Key::Scratch => self.scratch.as_str(),
        }
    }

    /// Checks the key just read against those before it in the object, and remembers it.
    /// The error is the duplicate key's, at the key (or at the object, in free-form data,
    /// whose keys are data).
    #[inline]
    fn check_key<E: de::Error>(&mut self) -> Result<(), E> {
        let (key, repeats) = match self.key {
            Key::None => return Ok(()),
            Key::Borrowed(key) => (key, self.keys.repeats_borrowed(self.state, key)),
            Key::Scratch => {
                let key = self.scratch.as_str();
                (key, self.keys.repeats(self.state, key))
            }
        };
        if !repeats {
            return Ok(());
        }
        let frame;
        let at = match self.free {
            true => self.at,
            false => {
                frame = Frame {
                    parent: self.at,
                    segment: Segment::Key(key),
                };
                Some(&frame)
            }
        };
        Err(self.state.fail(at, E::custom(DUPLICATE_KEY)))
    }

    /// Tells the inspection of the key just read if the object is a struct's and the key
    /// none of its fields.
    fn inspect_key(&mut self) {
        if let (Some(inspect), Some(fields), Key::Borrowed(_) | Key::Scratch) =
            (&self.state.inspect, self.fields, self.key)
        {
            let key = self.key();
            match field_position(fields, key, self.next_field) {
                Some(at) => self.next_field = at + 1,
                None => inspect
                    .borrow_mut()
                    .unknown_key(&path(self.at), key, fields),
            }
        }
    }
}

/// The position of `key` in `fields`, looked for from `from` on, then before it: keys mostly
/// come in the order of the fields.
fn field_position(fields: &[&str], key: &str, from: usize) -> Option<usize> {
    let same = |field: &&str| {
        field.len() == key.len()
            && field.as_bytes().first() == key.as_bytes().first()
            && *field == key
    };
    let from = from.min(fields.len());
    let (before, after) = fields.split_at(from);
    match after.iter().position(same) {
        Some(at) => Some(from + at),
        None => before.iter().position(same),
    }
}

struct MapTracker<'o, 'a, 's, 'de, A> {
    map: A,
    /// On the stack of the visit of the map: the visitor moves only a reference around.
    object: &'o mut Object<'a, 's, 'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapTracker<'_, '_, '_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let object = &mut *self.object;
        let state = object.state;
        state.key.set(Key::None);
        // An error is at the object, where the wrapper that reads it writes it down.
        let key = self.map.next_key_seed(KeySeed { seed, state })?;
        if key.is_some() {
            object.key = state.key.replace(Key::None);
            if let Key::Scratch = object.key {
                std::mem::swap(&mut object.scratch, &mut *state.scratch.borrow_mut());
            }
            object.check_key()?;
        }
        Ok(key)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.object.inspect_key();
        let object = &*self.object;
        let (state, free) = (object.state, object.free);
        let frame;
        let at = match free {
            true => object.at,
            false => {
                frame = Frame {
                    parent: object.at,
                    segment: Segment::Key(object.key()),
                };
                Some(&frame)
            }
        };
        let seed = Seed {
            seed,
            state,
            at,
            free,
        };
        let value = self.map.next_value_seed(seed);
        if value.is_err() {
            state.capture(at);
        }
        value
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
