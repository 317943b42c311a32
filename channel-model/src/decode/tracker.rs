//! A `Deserializer` wrapper that knows where decoding is, refuses what serde_json lets
//! through but a JSON checker must not, and tells an [`Inspect`] what serde skips silently.
//!
//! It watches the target type's own `Deserialize` impls at work. A struct announces itself
//! and its field names (`deserialize_struct`); any other map is free-form data (a field
//! `value`, `display_info` `data`, a user's `HashMap`) whose keys are data, so a path never
//! goes below the first free-form map. Along the way it refuses:
//! - a duplicate key in any object. A struct's `Deserialize` refuses a field it reads twice
//!   (serde's derive does, with `duplicate field`, reported as a duplicate key at the key);
//!   the keys a struct skips (reads as `IgnoredAny`) or keeps as raw JSON text without naming
//!   them are compared here, and so are those of every other object (also inside a value
//!   skipped), since a JSON object (`serde_json::Value`, maps) silently keeps the last;
//! - a struct given as a JSON array: serde_json reads it field by field, Zendesk does not.
//!
//! It runs on every value of every document, so what it does for a value that decodes is
//! small and allocates nothing in the common case. Where a value is, is a chain of places on
//! the stack, each an object (whose key just read names the value) or an array (whose index
//! does), read only when an error goes up through the wrappers (the innermost one writes the
//! path down) or when an [`Inspect`] is told something. A key is kept as the slice of the
//! input serde_json borrowed it from, copied only when serde_json had to unescape it (or
//! reads from an `io::Read`). The keys compared here are copied into a buffer kept for the
//! whole decode, compared one by one and, past a few, looked up by hash. Scalars are read
//! with the target's own visitor, unwrapped.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::Inspect;
use crate::PathSegment;

/// Where a value is.
#[derive(Clone, Copy)]
enum At<'a, 'de> {
    /// At the root.
    Root,
    /// The value of the key the object has just read (in free-form data, a value with the
    /// object's path).
    Member(&'a Object<'a, 'de>),
    /// The item of the array at its index (in free-form data, an item with the array's
    /// path).
    Item(&'a Item<'a, 'de>),
}

impl<'a, 'de> At<'a, 'de> {
    /// Whether the value is inside free-form data, whose keys go on no path.
    fn is_free(self) -> bool {
        match self {
            At::Root => false,
            At::Member(object) => object.free,
            At::Item(item) => item.free,
        }
    }

    /// The object whose member the value is.
    fn object(self) -> Option<&'a Object<'a, 'de>> {
        match self {
            At::Member(object) => Some(object),
            At::Root | At::Item(_) => None,
        }
    }
}

/// The JSON Pointer segments of `at`, from the root.
fn path(mut at: At<'_, '_>) -> Vec<PathSegment> {
    let mut path = Vec::new();
    loop {
        at = match at {
            At::Root => break,
            At::Member(object) => {
                if !object.free {
                    path.push(PathSegment::Key(Cow::Owned(object.slot.text().to_owned())));
                }
                object.at
            }
            At::Item(item) => {
                if !item.free {
                    path.push(PathSegment::Index(item.index));
                }
                item.at
            }
        };
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
    /// Copied into the slot's `scratch`.
    Scratch,
}

/// The key an object has just read, written by its key seed.
struct KeySlot<'de> {
    key: Key<'de>,
    /// The key's text when it is [`Key::Scratch`], kept for the object's other keys.
    scratch: String,
}

impl KeySlot<'_> {
    /// The text of the key ("" for one not read as text).
    fn text(&self) -> &str {
        match self.key {
            Key::None => "",
            Key::Borrowed(key) => key,
            Key::Scratch => self.scratch.as_str(),
        }
    }
}

/// What the wrappers of one decode share.
pub(super) struct State<'s> {
    /// Whether any value was started: a document with none is empty.
    started: Cell<bool>,
    /// The keys of the objects being read that are compared as text.
    seen: RefCell<Seen>,
    /// The path of the error going up, written by the innermost wrapper it leaves, and
    /// whether it is in free-form data.
    error_path: RefCell<Option<(Vec<PathSegment>, bool)>>,
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

impl<'s> State<'s> {
    pub(super) fn new(inspect: Option<&'s mut dyn Inspect>) -> Self {
        State {
            started: Cell::new(false),
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
    /// data is never quoted; and whether it is in free-form data.
    pub(super) fn error_path(&self) -> (Vec<PathSegment>, bool) {
        self.error_path.take().unwrap_or_default()
    }

    /// `error`, going up from a value at `at`: the first wrapper it leaves writes the path.
    #[cold]
    fn fail<E>(&self, at: At<'_, '_>, error: E) -> E {
        self.capture(at);
        error
    }

    /// Writes down the path of an error going up from a value at `at`, unless a wrapper
    /// below wrote it first: the innermost one knows best.
    #[cold]
    #[inline(never)]
    fn capture(&self, at: At<'_, '_>) {
        if self.error_path.borrow().is_none() {
            *self.error_path.borrow_mut() = Some((path(at), at.is_free()));
        }
    }

    #[inline(always)]
    fn start(&self) {
        self.started.set(true);
    }
}

/// The name by which serde_json's `RawValue` asks for its text.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A `Deserializer` that follows where it is, for a value at `at`.
pub(super) struct Tracker<'a, 's, 'de, D> {
    de: D,
    state: &'a State<'s>,
    at: At<'a, 'de>,
}

impl<'a, 's, 'de, D> Tracker<'a, 's, 'de, D> {
    pub(super) fn root(de: D, state: &'a State<'s>) -> Self {
        Tracker {
            de,
            state,
            at: At::Root,
        }
    }

    #[inline(always)]
    fn visit<V>(&self, visitor: V) -> Visit<'a, 's, 'de, V> {
        Visit {
            visitor,
            state: self.state,
            at: self.at,
            fields: None,
            option: false,
        }
    }
}

/// Methods whose visitor may be handed nested values: it is wrapped, so that they are
/// tracked too.
macro_rules! forward_nesting {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        #[inline(always)]
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
        #[inline(always)]
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
        deserialize_unit(), deserialize_identifier(),
        deserialize_unit_struct(name: &'static str),
    );

    /// A value skipped. A struct skips the value of a key it does not know, which is compared
    /// to the other keys it skipped, and the value is read through, so that a key repeated
    /// in one of its objects is refused as anywhere else; it is read as free-form data is (its
    /// depth counts toward the recursion limit, and a number beyond `f64` is refused). Only a
    /// value of a field the struct names, and reads as nothing, is passed over unread: the
    /// struct reads it another way.
    #[inline(always)]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.state.start();
        if let Some(object) = self.at.object() {
            if let Some(fields) = object.fields {
                if fields.contains(&object.slot.text()) {
                    return self.de.deserialize_ignored_any(visitor);
                }
                object.skipped(self.state)?;
            }
        }
        let visit = self.visit(visitor);
        self.de.deserialize_any(visit)
    }

    #[inline(always)]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // serde_json's `RawValue` takes the value's text whole, through a map of one private
        // key: nothing in it is visited, nothing to follow. A struct may keep so the value of
        // a key it does not name, which is compared to the others it skipped or kept.
        if name == RAW_VALUE {
            self.state.start();
            if let Some(object) = self.at.object() {
                object.kept(self.state)?;
            }
            return self.de.deserialize_newtype_struct(name, visitor);
        }
        let visit = self.visit(visitor);
        self.de.deserialize_newtype_struct(name, visit)
    }

    #[inline(always)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let mut visit = self.visit(visitor);
        visit.option = true;
        self.de.deserialize_option(visit)
    }

    #[inline(always)]
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
    state: &'a State<'s>,
    at: At<'a, 'de>,
    /// The field names of the struct being visited, when it is a struct's visitor: its map
    /// is not free-form, and it needs an object.
    fields: Option<&'static [&'static str]>,
    /// Whether the visitor is an `Option`'s, to which `null` means "no value".
    option: bool,
}

impl<'a, 's, 'de, V> Visit<'a, 's, 'de, V> {
    #[inline(always)]
    fn child<D>(&self, de: D) -> Tracker<'a, 's, 'de, D> {
        Tracker {
            de,
            state: self.state,
            at: self.at,
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
        #[inline(always)]
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

    #[inline(always)]
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.state.start();
        let tracker = self.child(de);
        self.visitor.visit_some(tracker)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.state.start();
        self.visitor.visit_unit()
    }

    #[inline(always)]
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
            item: Item {
                at: self.at,
                index: 0,
                free: self.at.is_free(),
            },
        };
        self.visitor.visit_seq(seq)
    }

    #[inline(always)]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let state = self.state;
        state.start();
        let mut object = Object {
            at: self.at,
            // A map that is not a struct starts free-form data, or is in it.
            free: self.at.is_free() || self.fields.is_none(),
            fields: self.fields,
            reads_keys: self.fields.is_none() || state.inspect.is_some(),
            slot: KeySlot {
                key: Key::None,
                scratch: String::new(),
            },
            next_field: Cell::new(0),
            others: RefCell::new(Keys::default()),
        };
        // The value is returned as the visitor makes it, not moved: it may be large. What
        // is left to do once the map is read, the map's reader does as it is dropped.
        self.visitor.visit_map(MapTracker {
            map,
            state,
            object: &mut object,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.state.start();
        self.visitor.visit_enum(data)
    }
}

/// A `Deserializer` of a map's key, which it writes down in the object's slot.
struct KeyTracker<'o, 'de, D> {
    de: D,
    slot: &'o mut KeySlot<'de>,
}

macro_rules! forward_key {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        #[inline(always)]
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visit = KeyVisit { visitor, slot: self.slot };
            self.de.$method($($arg,)* visit)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyTracker<'_, 'de, D> {
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
struct KeyVisit<'o, 'de, V> {
    visitor: V,
    slot: &'o mut KeySlot<'de>,
}

impl<V> KeyVisit<'_, '_, V> {
    /// A key read as text that does not outlive this call: copied. Out of line, so that
    /// reading a key of the input stays small enough for serde_json's reader to take in.
    #[cold]
    #[inline(never)]
    fn remember_copy(self, key: &str) -> V {
        self.slot.scratch.clear();
        self.slot.scratch.push_str(key);
        self.slot.key = Key::Scratch;
        self.visitor
    }
}

macro_rules! forward_key_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        #[inline(always)]
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.slot.key = Key::None;
            self.visitor.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisit<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    non_string_visits!(forward_key_visit);

    #[inline(always)]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        self.remember_copy(value).visit_str(value)
    }

    #[inline(always)]
    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        self.slot.key = Key::Borrowed(value);
        self.visitor.visit_borrowed_str(value)
    }

    #[inline(always)]
    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        self.remember_copy(&value).visit_string(value)
    }
}

/// Wraps a map's key seed.
struct KeySeed<'o, 'de, S> {
    seed: S,
    slot: &'o mut KeySlot<'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;

    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyTracker {
            de,
            slot: self.slot,
        })
    }
}

/// Wraps a seed so that the value it reads is tracked.
struct Seed<'a, 's, 'de, S> {
    seed: S,
    state: &'a State<'s>,
    at: At<'a, 'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, '_, 'de, S> {
    type Value = S::Value;

    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Tracker {
            de,
            state: self.state,
            at: self.at,
        })
    }
}

/// An array being read, apart from serde_json's reader of it: where its item is.
struct Item<'a, 'de> {
    /// The array's location.
    at: At<'a, 'de>,
    /// The index of the item being read.
    index: usize,
    /// Whether the array is in free-form data, where its items have its path.
    free: bool,
}

struct SeqTracker<'a, 's, 'de, A> {
    seq: A,
    state: &'a State<'s>,
    item: Item<'a, 'de>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SeqTracker<'_, '_, 'de, A> {
    type Error = A::Error;

    #[inline(always)]
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let state = self.state;
        let at = At::Item(&self.item);
        let element = self.seq.next_element_seed(Seed { seed, state, at });
        let element = element.map_err(|error| state.fail(at, error));
        self.item.index += 1;
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

/// The keys of one object that are compared as text, copied one after the other into the
/// state's `seen`.
#[derive(Default)]
struct Keys {
    /// Where this object's keys start in `seen`, once it has any.
    base: usize,
    /// How many of this object's keys are in `seen`.
    count: usize,
    /// The hashes of those, once there are many.
    index: Option<(RandomState, HashSet<u64>)>,
}

impl Keys {
    /// Whether `key` is among this object's keys in `seen`; adds it if not.
    fn repeats(&mut self, seen: &RefCell<Seen>, key: &str) -> bool {
        let mut seen = seen.borrow_mut();
        let seen = &mut *seen;
        if self.count == 0 {
            // The keys of the objects read before in this one are forgotten already.
            self.base = seen.ends.len();
        }
        let mine = self.base..self.base + self.count;
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
        self.count += 1;
        if self.count == LINEAR_KEYS {
            let hasher = RandomState::new();
            let hashes = (self.base..seen.ends.len()).map(|i| hasher.hash_one(seen.key(i)));
            let hashes = hashes.collect();
            self.index = Some((hasher, hashes));
        }
        false
    }
}

/// An object being read, apart from serde_json's reader of it: where its members are, and
/// what checking its keys needs.
struct Object<'a, 'de> {
    /// The object's location.
    at: At<'a, 'de>,
    /// Whether the object is free-form data or inside it: its keys go on no path.
    free: bool,
    /// The struct's field names, when the map is a struct's.
    fields: Option<&'static [&'static str]>,
    /// Whether each key is looked at as it is read: compared to the others in free-form
    /// data, looked up among a struct's fields for an inspection.
    reads_keys: bool,
    /// The key just read, until the next one.
    slot: KeySlot<'de>,
    /// Where to look for the next key among `fields`, for an inspection: just past the last
    /// one found.
    next_field: Cell<usize>,
    /// The keys compared as text: every key of a free-form object, the keys a struct skips.
    others: RefCell<Keys>,
}

impl<'a, 'de> Object<'a, 'de> {
    /// Where the value of the key just read is.
    fn member(&'a self) -> At<'a, 'de> {
        At::Member(self)
    }

    /// Checks the key just read against the others before it, and remembers it.
    fn check_key<E: de::Error>(&self, state: &State<'_>) -> Result<(), E> {
        let key = match self.slot.key {
            Key::None => return Ok(()),
            Key::Borrowed(key) => key,
            Key::Scratch => self.slot.scratch.as_str(),
        };
        match self.others.borrow_mut().repeats(&state.seen, key) {
            true => Err(state.fail(self.member(), E::custom(DUPLICATE_KEY))),
            false => Ok(()),
        }
    }

    /// The value of the key just read is skipped: the struct does not know the key.
    #[cold]
    #[inline(never)]
    fn skipped<E: de::Error>(&self, state: &State<'_>) -> Result<(), E> {
        self.check_key(state)
    }

    /// The value of the key just read is kept as raw JSON text: if the object is a struct
    /// that does not name the key, the key is compared as a skipped one is.
    #[cold]
    #[inline(never)]
    fn kept<E: de::Error>(&self, state: &State<'_>) -> Result<(), E> {
        match self.fields {
            Some(fields) if !fields.contains(&self.slot.text()) => self.check_key(state),
            _ => Ok(()),
        }
    }

    /// Checks the key just read of a free-form object against the others; tells the
    /// inspection of a key of a struct that is none of its fields.
    #[inline(never)]
    fn read_key<E: de::Error>(&self, state: &State<'_>) -> Result<(), E> {
        let Some(fields) = self.fields else {
            return self.check_key(state);
        };
        if let (Some(inspect), Key::Borrowed(_) | Key::Scratch) = (&state.inspect, self.slot.key) {
            let key = self.slot.text();
            match field_position(fields, key, self.next_field.get()) {
                Some(at) => self.next_field.set(at + 1),
                None => inspect
                    .borrow_mut()
                    .unknown_key(&path(self.at), key, fields),
            }
        }
        Ok(())
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
    state: &'a State<'s>,
    /// On the stack of the visit of the map: the visitor moves only a reference around.
    object: &'o mut Object<'a, 'de>,
}

/// The map's visitor is done with it, having read it whole or failed.
impl<A> Drop for MapTracker<'_, '_, '_, '_, A> {
    fn drop(&mut self) {
        // The keys are forgotten after a map read whole (on an error decoding stops).
        let others = self.object.others.get_mut();
        if others.count > 0 {
            self.state.seen.borrow_mut().truncate(others.base);
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for MapTracker<'_, '_, '_, 'de, A> {
    type Error = A::Error;

    #[inline(always)]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let object = &mut *self.object;
        let slot = &mut object.slot;
        // An error is at the object, where the wrapper that reads it writes it down.
        let key = self.map.next_key_seed(KeySeed { seed, slot })?;
        if key.is_some() && object.reads_keys {
            object.read_key(self.state)?;
        }
        Ok(key)
    }

    #[inline(always)]
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let state = self.state;
        let at = self.object.member();
        let value = self.map.next_value_seed(Seed { seed, state, at });
        value.map_err(|error| state.fail(at, error))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}
