//! What serde lets through but Zendesk's schemas reject, found while the model decodes.
//!
//! [`Inspector`] wraps a `Deserializer` and watches the model's own `Deserialize` impls at
//! work: a struct announces its field names (`deserialize_struct`), so a key outside them is
//! one the model ignores; an `Option` that receives `null` (`visit_none`) is a field sent as
//! `null` instead of being left out. It runs inside the model's decoder
//! ([`channel_model::from_str`]), which tells where decoding fails.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use channel_model::{Path, PathSegment};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A key the model does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Where the key is.
    pub path: Path,
    /// The known key of the same object closest to it, if one is close.
    pub suggestion: Option<&'static str>,
}

/// What an inspection found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Optional fields sent as `null`.
    pub nulls: Vec<Path>,
    /// Keys the model ignores.
    pub unknown_keys: Vec<UnknownKey>,
    /// How many more nulls were found than the limit let through.
    pub omitted_nulls: usize,
    /// How many more unknown keys were found than the limit let through.
    pub omitted_unknown_keys: usize,
    /// The `type_id`s of events of a type the model does not know.
    pub unknown_event_types: Vec<Path>,
}

/// The state shared by the wrappers of one decode: where it is, and what it found.
pub struct State {
    path: Vec<PathSegment>,
    /// The key just read, until its value is read; kept between keys to reuse its buffer.
    key: String,
    findings: Findings,
    /// How many findings to keep.
    limit: usize,
}

impl State {
    /// The state of a decode that keeps at most `limit` findings.
    pub fn new(limit: usize) -> Self {
        State {
            path: Vec::new(),
            key: String::new(),
            findings: Findings::default(),
            limit,
        }
    }

    /// Whether the limit is reached; if so, counts the null (or unknown key) being added as
    /// omitted.
    fn full(&mut self, null: bool) -> bool {
        let findings = &mut self.findings;
        let full = findings.nulls.len() + findings.unknown_keys.len() >= self.limit;
        let omitted = match null {
            true => &mut findings.omitted_nulls,
            false => &mut findings.omitted_unknown_keys,
        };
        *omitted += usize::from(full);
        full
    }

    /// The findings, once decoding is over.
    pub fn into_findings(self) -> Findings {
        self.findings
    }

    fn path_with(&self, last: Option<PathSegment>) -> Path {
        let mut segments = self.path.clone();
        segments.extend(last);
        Path::from(segments)
    }
}

/// A `Deserializer` that reports to a [`State`] as it goes.
pub struct Inspector<'s, D> {
    de: D,
    state: &'s RefCell<State>,
    /// Whether this deserializes a map key, which is then remembered.
    key: bool,
}

impl<'s, D> Inspector<'s, D> {
    /// Wraps `de`, reporting to `state`.
    pub fn new(de: D, state: &'s RefCell<State>) -> Self {
        Inspector {
            de,
            state,
            key: false,
        }
    }
}

/// Wraps a visitor so that what it visits is inspected too.
struct Visit<'s, V> {
    visitor: V,
    state: &'s RefCell<State>,
    /// The field names of the struct being visited.
    fields: Option<&'static [&'static str]>,
    key: bool,
    option: bool,
}

impl<'s, V> Visit<'s, V> {
    /// Remembers `text` as the key just read, when this visits a key.
    fn remember(&self, text: &str) {
        if self.key {
            let key = &mut self.state.borrow_mut().key;
            key.clear();
            key.push_str(text);
        }
    }

    fn new(visitor: V, state: &'s RefCell<State>, key: bool) -> Self {
        Visit {
            visitor,
            state,
            fields: None,
            key,
            option: false,
        }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* Visit::new(visitor, self.state, self.key))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Inspector<'_, D> {
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
        self.de.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
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
    );

    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        self.remember(value);
        self.visitor.visit_str(value)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        self.remember(value);
        self.visitor.visit_borrowed_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        self.remember(&value);
        self.visitor.visit_string(value)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, value: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(value)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        if self.option {
            let mut state = self.state.borrow_mut();
            if !state.full(true) {
                let path = state.path_with(None);
                state.findings.nulls.push(path);
            }
        }
        self.visitor.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Inspector::new(de, self.state))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor
            .visit_newtype_struct(Inspector::new(de, self.state))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let seq = SeqInspector {
            seq,
            state: self.state,
            index: 0,
        };
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let map = MapInspector {
            map,
            state: self.state,
            fields: self.fields,
        };
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// Wraps a seed so that the value it reads is inspected.
struct Seed<'s, S> {
    seed: S,
    state: &'s RefCell<State>,
    key: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let mut inspector = Inspector::new(de, self.state);
        inspector.key = self.key;
        self.seed.deserialize(inspector)
    }
}

struct SeqInspector<'s, A> {
    seq: A,
    state: &'s RefCell<State>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SeqInspector<'_, A> {
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
        });
        state.borrow_mut().path.pop();
        self.index += 1;
        element
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct MapInspector<'s, A> {
    map: A,
    state: &'s RefCell<State>,
    fields: Option<&'static [&'static str]>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapInspector<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let state = self.state;
        state.borrow_mut().key.clear();
        self.map.next_key_seed(Seed {
            seed,
            state,
            key: true,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let state = self.state;
        {
            let mut state = state.borrow_mut();
            let state = &mut *state;
            // A field's name is the model's own: the path borrows it instead of a copy.
            let segment = match self.fields {
                Some(fields) => match fields.iter().find(|field| **field == state.key) {
                    Some(field) => PathSegment::Key(Cow::Borrowed(field)),
                    None => {
                        let key = PathSegment::Key(Cow::Owned(state.key.clone()));
                        if !state.full(false) {
                            let suggestion = closest(&state.key, fields);
                            let path = state.path_with(Some(key.clone()));
                            let unknown = UnknownKey { path, suggestion };
                            state.findings.unknown_keys.push(unknown);
                        }
                        key
                    }
                },
                None => PathSegment::Key(Cow::Owned(state.key.clone())),
            };
            state.path.push(segment);
        }
        let value = self.map.next_value_seed(Seed {
            seed,
            state,
            key: false,
        });
        state.borrow_mut().path.pop();
        value
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The field name closest to `key`, if it is close enough to be a typo of it: at most a
/// third of the field's length away (at least 1).
fn closest(key: &str, fields: &[&'static str]) -> Option<&'static str> {
    let longest = fields.iter().map(|field| field.len()).max().unwrap_or(0);
    // The distance is at least the difference in length, so a key far longer than every
    // field is no typo of one, and is not compared with them (it may be megabytes long).
    // Field names are ASCII; a character of the key takes at most 4 bytes.
    if key.len() > 4 * (longest + longest / 3 + 1) {
        return None;
    }
    let length = key.chars().count();
    fields
        .iter()
        .filter(|field| length.abs_diff(field.chars().count()) <= (field.len() / 3).max(1))
        .map(|field| (strsim::damerau_levenshtein(key, field), *field))
        .filter(|&(distance, field)| distance <= (field.len() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, field)| field)
}
