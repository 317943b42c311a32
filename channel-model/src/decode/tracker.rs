//! A `Deserializer` wrapper that follows where decoding is, refuses what serde_json lets
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
//! It runs on every value of every document, so it allocates only for what is rare: a path
//! segment of a key a struct does not know. A struct's known keys are its own `&'static`
//! names, the keys of free-form data are not in paths, and keys are compared in buffers kept
//! for the whole decode.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::Inspect;
use crate::PathSegment;

/// What the wrappers of one decode share: where decoding is, and what they found.
pub(super) struct State<'s> {
    /// Where decoding is. On an error it is left as it is: the steps that fail do not pop.
    path: Vec<PathSegment>,
    /// The key just read, until its value is read; its buffer is kept between keys.
    key: String,
    /// Whether `key` holds the key just read: a key read as something other than a string
    /// (a map with integer keys) is not remembered, and not checked.
    has_key: bool,
    /// The length of `path` at the outermost free-form map being read, if any: below it, no
    /// segment is pushed.
    free_form: Option<usize>,
    /// Whether any value was started: a document with none is empty.
    started: bool,
    /// The keys of the objects being read that are not a struct's own fields, one after the
    /// other, innermost object last; `ends` holds where each ends in `seen`.
    seen: String,
    ends: Vec<usize>,
    inspect: &'s mut dyn Inspect,
}

impl<'s> State<'s> {
    pub(super) fn new(inspect: &'s mut dyn Inspect) -> Self {
        State {
            path: Vec::new(),
            key: String::new(),
            has_key: false,
            free_form: None,
            started: false,
            seen: String::new(),
            ends: Vec::new(),
            inspect,
        }
    }

    /// Whether any value was started.
    pub(super) fn started(&self) -> bool {
        self.started
    }

    /// Where the error is: the path, cut where free-form data starts, since its keys are
    /// data and data is never quoted.
    pub(super) fn error_path(&mut self) -> Vec<PathSegment> {
        let mut path = std::mem::take(&mut self.path);
        path.truncate(self.free_form.unwrap_or(usize::MAX));
        path
    }

    /// Whether a segment goes on the path: not inside free-form data.
    fn tracks_path(&self) -> bool {
        self.free_form.is_none()
    }

    /// The key `ends[index]` ends.
    fn seen_key(&self, index: usize) -> &str {
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1],
        };
        &self.seen[start..self.ends[index]]
    }
}

/// A `Deserializer` that reports to a [`State`] as it goes.
pub(super) struct Tracker<'s, 'r, D> {
    de: D,
    state: &'r RefCell<State<'s>>,
    /// Whether this deserializes a map key, which is then remembered.
    key: bool,
}

impl<'s, 'r, D> Tracker<'s, 'r, D> {
    pub(super) fn new(de: D, state: &'r RefCell<State<'s>>) -> Self {
        Tracker {
            de,
            state,
            key: false,
        }
    }
}

/// Wraps a visitor so that what it visits is tracked too.
struct Visit<'s, 'r, V> {
    visitor: V,
    state: &'r RefCell<State<'s>>,
    /// The field names of the struct being visited, when it is a struct's visitor: its map
    /// is not free-form, and it needs an object.
    fields: Option<&'static [&'static str]>,
    key: bool,
    /// Whether the visitor is an `Option`'s, to which `null` means "no value".
    option: bool,
}

impl<'s, 'r, V> Visit<'s, 'r, V> {
    fn new(visitor: V, state: &'r RefCell<State<'s>>, key: bool) -> Self {
        Visit {
            visitor,
            state,
            fields: None,
            key,
            option: false,
        }
    }

    fn remember_key(&self, key: &str) {
        let mut state = self.state.borrow_mut();
        state.started = true;
        if self.key {
            state.key.clear();
            state.key.push_str(key);
            state.has_key = true;
        }
    }

    fn start(&self) {
        self.state.borrow_mut().started = true;
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visit = Visit::new(visitor, self.state, self.key);
            self.de.$method($($arg,)* visit)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracker<'_, '_, D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(),
        deserialize_seq(), deserialize_map(), deserialize_identifier(),
        deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
    );

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let mut visit = Visit::new(visitor, self.state, self.key);
        visit.option = true;
        self.de.deserialize_option(visit)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let mut visit = Visit::new(visitor, self.state, self.key);
        visit.fields = Some(fields);
        self.de.deserialize_struct(name, fields, visit)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.state.borrow_mut().started = true;
        self.de.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.start();
            self.visitor.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit!(
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

    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        self.remember_key(value);
        self.visitor.visit_str(value)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        self.remember_key(value);
        self.visitor.visit_borrowed_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        self.remember_key(&value);
        self.visitor.visit_string(value)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        {
            let mut state = self.state.borrow_mut();
            state.started = true;
            if self.option {
                let state = &mut *state;
                state.inspect.null(&state.path);
            }
        }
        self.visitor.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.start();
        self.visitor.visit_some(Tracker::new(de, self.state))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.start();
        self.visitor.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.start();
        self.visitor
            .visit_newtype_struct(Tracker::new(de, self.state))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.start();
        if self.fields.is_some() {
            return Err(de::Error::invalid_type(Unexpected::Seq, &"a JSON object"));
        }
        let seq = SeqTracker {
            seq,
            state: self.state,
            index: 0,
        };
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let state = self.state;
        // The outermost map that is not a struct starts free-form data. It is left only when
        // it was read whole: after an error, decoding stops and the depth says where to cut.
        let (free_form, base) = {
            let mut state = state.borrow_mut();
            state.started = true;
            let free_form = self.fields.is_none() && state.free_form.is_none();
            if free_form {
                state.free_form = Some(state.path.len());
            }
            (free_form, state.ends.len())
        };
        let map = MapTracker {
            map,
            state,
            fields: self.fields,
            known: 0,
            field: None,
            base,
            index: None,
        };
        let value = self.visitor.visit_map(map);
        if value.is_ok() {
            let mut state = state.borrow_mut();
            let end = match base {
                0 => 0,
                _ => state.ends[base - 1],
            };
            state.seen.truncate(end);
            state.ends.truncate(base);
            if free_form {
                state.free_form = None;
            }
        }
        value
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.start();
        self.visitor.visit_enum(data)
    }
}

/// Wraps a seed so that the value it reads is tracked.
struct Seed<'s, 'r, S> {
    seed: S,
    state: &'r RefCell<State<'s>>,
    key: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let mut tracker = Tracker::new(de, self.state);
        tracker.key = self.key;
        self.seed.deserialize(tracker)
    }
}

struct SeqTracker<'s, 'r, A> {
    seq: A,
    state: &'r RefCell<State<'s>>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SeqTracker<'_, '_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let state = self.state;
        let tracked = {
            let mut state = state.borrow_mut();
            let tracked = state.tracks_path();
            if tracked {
                state.path.push(PathSegment::Index(self.index));
            }
            tracked
        };
        let element = self.seq.next_element_seed(Seed {
            seed,
            state,
            key: false,
        })?;
        if tracked {
            state.borrow_mut().path.pop();
        }
        self.index += 1;
        Ok(element)
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

struct MapTracker<'s, 'r, A> {
    map: A,
    state: &'r RefCell<State<'s>>,
    /// The struct's field names, when the map is a struct's.
    fields: Option<&'static [&'static str]>,
    /// The struct's fields read so far, one bit per field (of the first 64).
    known: u64,
    /// The struct's field the key just read names, if it names one.
    field: Option<&'static str>,
    /// Where this object's keys start in the state's `ends`.
    base: usize,
    /// The hashes of this object's keys in `seen`, once it has many.
    index: Option<(RandomState, HashSet<u64>)>,
}

impl<A> MapTracker<'_, '_, A> {
    /// Checks the key just read against those read before in this object, and remembers it.
    fn check_key<E: de::Error>(&mut self) -> Result<(), E> {
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        self.field = None;
        if !state.has_key {
            return Ok(());
        }
        // A struct's own field: one bit says whether it came already.
        if let Some(fields) = self.fields {
            if let Some(at) = fields.iter().position(|field| *field == state.key) {
                self.field = Some(fields[at]);
                if at < 64 {
                    let bit = 1u64 << at;
                    let again = self.known & bit != 0;
                    self.known |= bit;
                    return match again {
                        true => duplicate(state, fields[at].into()),
                        false => Ok(()),
                    };
                }
            }
        }
        let count = state.ends.len() - self.base;
        let duplicate_at = match &mut self.index {
            None => (self.base..state.ends.len()).find(|&i| state.seen_key(i) == state.key),
            Some((hasher, index)) => {
                match index.insert(hasher.hash_one(&state.key)) {
                    true => None,
                    // Equal hashes, most likely the same key: compared to be sure.
                    false => {
                        (self.base..state.ends.len()).find(|&i| state.seen_key(i) == state.key)
                    }
                }
            }
        };
        if duplicate_at.is_some() {
            let key = state.key.clone();
            return duplicate(state, key.into());
        }
        state.seen.push_str(&state.key);
        state.ends.push(state.seen.len());
        if count + 1 == LINEAR_KEYS {
            let hasher = RandomState::new();
            let hashes = (self.base..state.ends.len()).map(|i| hasher.hash_one(state.seen_key(i)));
            let hashes = hashes.collect();
            self.index = Some((hasher, hashes));
        }
        Ok(())
    }
}

/// The duplicate key error, at `key` (unless in free-form data, whose keys are not quoted).
fn duplicate<E: de::Error>(state: &mut State<'_>, key: Cow<'static, str>) -> Result<(), E> {
    if state.tracks_path() {
        state.path.push(PathSegment::Key(key));
    }
    Err(E::custom(DUPLICATE_KEY))
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapTracker<'_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let state = self.state;
        state.borrow_mut().has_key = false;
        let key = self.map.next_key_seed(Seed {
            seed,
            state,
            key: true,
        })?;
        if key.is_some() {
            self.check_key()?;
        }
        Ok(key)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let state = self.state;
        let tracked = {
            let mut state = state.borrow_mut();
            let state = &mut *state;
            let has_key = std::mem::take(&mut state.has_key);
            if let (Some(fields), None, true) = (self.fields, self.field, has_key) {
                state.inspect.unknown_key(&state.path, &state.key, fields);
            }
            let tracked = state.tracks_path();
            if tracked {
                // A field's name is the model's own: the path borrows it instead of a copy.
                let key = match (self.field, has_key) {
                    (Some(field), _) => Cow::Borrowed(field),
                    (None, true) => Cow::Owned(state.key.clone()),
                    (None, false) => Cow::Borrowed(""),
                };
                state.path.push(PathSegment::Key(key));
            }
            tracked
        };
        let value = self.map.next_value_seed(Seed {
            seed,
            state,
            key: false,
        })?;
        if tracked {
            state.borrow_mut().path.pop();
        }
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
