//! A `Deserializer` wrapper that follows where decoding is and refuses what serde_json lets
//! through but a JSON checker must not.
//!
//! It watches the target type's own `Deserialize` impls at work. A struct announces itself
//! (`deserialize_struct`); any other map is free-form data (a field `value`, `display_info`
//! `data`, a user's `HashMap`) whose keys are data, so a path never goes below the first
//! free-form map. Along the way it refuses:
//! - a duplicate key in any object: serde's derive notices one only for the fields a struct
//!   knows, and a JSON object (`serde_json::Value`, maps) silently keeps the last;
//! - a struct given as a JSON array: serde_json reads it field by field, Zendesk does not.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use crate::PathSegment;

/// What the wrappers of one decode share: where decoding is, and what they found.
#[derive(Default)]
pub(super) struct State {
    /// Where decoding is. On an error it is left as it is: the steps that fail do not pop.
    path: Vec<PathSegment>,
    /// The key just read, until its value is read.
    key: Option<String>,
    /// The length of `path` at the outermost free-form map being read, if any.
    free_form: Option<usize>,
    /// Whether any value was started: a document with none is empty.
    pub(super) started: bool,
}

impl State {
    /// The state once the value has been read: only what follows it is left.
    pub(super) fn after_value() -> Self {
        State {
            started: true,
            ..State::default()
        }
    }

    /// Where the error is: the path, cut where free-form data starts, since its keys are
    /// data and data is never quoted.
    pub(super) fn error_path(&mut self) -> Vec<PathSegment> {
        let mut path = std::mem::take(&mut self.path);
        path.truncate(self.free_form.unwrap_or(usize::MAX));
        path
    }
}

/// A `Deserializer` that reports to a [`State`] as it goes.
pub(super) struct Tracker<'s, D> {
    de: D,
    state: &'s RefCell<State>,
    /// Whether this deserializes a map key, which is then remembered.
    key: bool,
}

impl<'s, D> Tracker<'s, D> {
    pub(super) fn new(de: D, state: &'s RefCell<State>) -> Self {
        Tracker {
            de,
            state,
            key: false,
        }
    }
}

/// Wraps a visitor so that what it visits is tracked too.
struct Visit<'s, V> {
    visitor: V,
    state: &'s RefCell<State>,
    /// Whether the visitor is a struct's: its map is not free-form, and it needs an object.
    is_struct: bool,
    key: bool,
}

impl<'s, V> Visit<'s, V> {
    fn new(visitor: V, state: &'s RefCell<State>, key: bool) -> Self {
        Visit {
            visitor,
            state,
            is_struct: false,
            key,
        }
    }

    fn remember_key(&self, key: &str) {
        let mut state = self.state.borrow_mut();
        state.started = true;
        if self.key {
            state.key = Some(key.to_owned());
        }
    }

    fn start(&self) {
        self.state.borrow_mut().started = true;
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* Visit::new(visitor, self.state, self.key))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracker<'_, D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(), deserialize_option(),
        deserialize_unit(), deserialize_seq(), deserialize_map(), deserialize_identifier(),
        deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
    );

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let mut visit = Visit::new(visitor, self.state, self.key);
        visit.is_struct = true;
        self.de.deserialize_struct(name, fields, visit)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.start();
        self.de.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

impl<D> Tracker<'_, D> {
    fn start(&self) {
        self.state.borrow_mut().started = true;
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

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<'_, V> {
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
        self.start();
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
        if self.is_struct {
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
        self.start();
        let state = self.state;
        // The outermost map that is not a struct starts free-form data. It is left only when
        // it was read whole: after an error, decoding stops and the depth says where to cut.
        let free_form = !self.is_struct && state.borrow().free_form.is_none();
        if free_form {
            let mut state = state.borrow_mut();
            state.free_form = Some(state.path.len());
        }
        let map = MapTracker {
            map,
            state,
            seen: HashSet::new(),
        };
        let value = self.visitor.visit_map(map);
        if free_form && value.is_ok() {
            state.borrow_mut().free_form = None;
        }
        value
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.start();
        self.visitor.visit_enum(data)
    }
}

/// Wraps a seed so that the value it reads is tracked.
struct Seed<'s, S> {
    seed: S,
    state: &'s RefCell<State>,
    key: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let mut tracker = Tracker::new(de, self.state);
        tracker.key = self.key;
        self.seed.deserialize(tracker)
    }
}

struct SeqTracker<'s, A> {
    seq: A,
    state: &'s RefCell<State>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SeqTracker<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let state = self.state;
        state.borrow_mut().path.push(PathSegment::Index(self.index));
        let element = self.seq.next_element_seed(Seed {
            seed,
            state,
            key: false,
        })?;
        state.borrow_mut().path.pop();
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

struct MapTracker<'s, A> {
    map: A,
    state: &'s RefCell<State>,
    /// The keys read so far.
    seen: HashSet<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapTracker<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let state = self.state;
        state.borrow_mut().key = None;
        let key = self.map.next_key_seed(Seed {
            seed,
            state,
            key: true,
        })?;
        // A key read as something other than a string (a map with integer keys) is not
        // remembered, and not checked.
        let name = state.borrow().key.clone().filter(|_| key.is_some());
        if let Some(name) = name {
            if let Some(name) = self.seen.replace(name) {
                let mut state = state.borrow_mut();
                state.path.push(PathSegment::Key(Cow::Owned(name)));
                return Err(de::Error::custom(DUPLICATE_KEY));
            }
        }
        Ok(key)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let state = self.state;
        let key = state.borrow_mut().key.take().unwrap_or_default();
        state
            .borrow_mut()
            .path
            .push(PathSegment::Key(Cow::Owned(key)));
        let value = self.map.next_value_seed(Seed {
            seed,
            state,
            key: false,
        })?;
        state.borrow_mut().path.pop();
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
