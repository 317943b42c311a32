//! The members of an event's objects that its types do not hold, kept as they came.

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{Inspect, PathSegment};

/// The members of a JSON object that its type does not hold (keys Zendesk's schemas do not
/// list, and `null`s where they have a value), in the order they came, each value kept as its
/// JSON text.
///
/// Zendesk adds members over time; an event keeps them, so that it serializes back to what
/// Zendesk sent (in meaning: the spacing of the JSON text may differ). Two sets are equal
/// when they hold the same keys with the same JSON text, in the same order.
///
/// The values are kept exactly, numbers of any size and precision included, and so is a
/// `null` where Zendesk's schemas have a value. They are filled in when an [`Event`] is
/// decoded (alone or in an [`EventBatch`], which keeps its own too), and when a
/// [`ResourceEvent`] is; decoding a data type on its own leaves them empty.
///
/// [`Event`]: super::Event
/// [`EventBatch`]: super::EventBatch
/// [`ResourceEvent`]: super::ResourceEvent
///
/// Its `Debug` shows the keys, never the values.
#[derive(Clone, Default)]
pub struct ExtraMembers(Vec<(String, Box<RawValue>)>);

impl ExtraMembers {
    /// The members `members`, in order.
    pub(super) fn from_members(members: Vec<(String, Box<RawValue>)>) -> Self {
        ExtraMembers(members)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The value of `key`, as its JSON text.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(own, _)| own == key)
            .map(|(_, value)| &**value)
    }

    /// The keys and their values, as JSON text, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(key, value)| (key.as_str(), &**value))
    }

    /// Removes the member `key` (every one, if it came more than once), and gives its value.
    /// A field set on the typed value is written as well as its extra member: remove a `null`
    /// kept here before setting the field it stands for.
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let index = self.0.iter().position(|(own, _)| own == key)?;
        let (_, value) = self.0.remove(index);
        self.0.retain(|(own, _)| own != key);
        Some(value)
    }
}

/// A type of an event's objects that keeps the keys Zendesk's schemas do not list. Its
/// `Deserialize` reads the keys it types (and leaves [`ExtraMembers`] empty, so that a problem
/// is found at its own pointer); [`keep_extra`] then fills them in from the JSON text.
pub(super) trait Open: Serialize + DeserializeOwned {
    /// Where the unknown keys are.
    fn extra_members(&self) -> &ExtraMembers;

    /// Where the unknown keys go.
    fn extra_mut(&mut self) -> &mut ExtraMembers;

    /// Keeps the unknown keys of the objects inside this one, from their members.
    fn keep_nested(&mut self, _members: &Members) {}

    /// The keys the schemas list for this object: those its `Deserialize` reads. Asking costs
    /// an error, so it is asked only of objects that kept members.
    fn fields() -> &'static [&'static str] {
        crate::fields_of::<Self>()
    }

    /// Tells `inspect` of the kept members of the objects inside this one, which is at `at`.
    fn inspect_nested(&self, _at: &mut Vec<PathSegment>, _inspect: &mut dyn Inspect) {}
}

/// Implements [`Open`] for types without objects inside that keep extra members.
macro_rules! open {
    ($($ty:ty),* $(,)?) => {$(
        impl Open for $ty {
            fn extra_members(&self) -> &ExtraMembers {
                &self.extra
            }

            fn extra_mut(&mut self) -> &mut ExtraMembers {
                &mut self.extra
            }
        }
    )*};
}
pub(super) use open;

/// Tells `inspect` of the members that `value`, at `at`, and the objects inside it keep in
/// their extra members, as a decoder tells of what a type ignores: a `null` given to one of
/// the object's fields is a [`null`](Inspect::null) at the field, any other member an
/// [`unknown_key`](Inspect::unknown_key) of the object. Each object's own members come
/// first, in the order they came, then those of the objects inside it.
pub(super) fn inspect_extra<T: Open>(
    value: &T,
    at: &mut Vec<PathSegment>,
    inspect: &mut dyn Inspect,
) {
    if !value.extra_members().is_empty() {
        let fields = T::fields();
        for (key, json) in value.extra_members().iter() {
            match json.get() == "null" && fields.contains(&key) {
                true => {
                    at.push(PathSegment::Key(key.to_owned().into()));
                    inspect.null(at);
                    at.pop();
                }
                false => inspect.unknown_key(at, key, fields),
            }
        }
    }
    value.inspect_nested(at, inspect);
}

/// Tells `inspect` of the kept members of each item of `items`, the array at `at`.
pub(super) fn inspect_extra_of_items<T: Open>(
    items: &[T],
    at: &mut Vec<PathSegment>,
    inspect: &mut dyn Inspect,
) {
    for (index, item) in items.iter().enumerate() {
        at.push(PathSegment::Index(index));
        inspect_extra(item, at, inspect);
        at.pop();
    }
}

/// Fills in the unknown keys of `value`, decoded from `json`, and of the objects inside it: the
/// members of `json` that `value` does not write back. A member it read as `None` (a `null`)
/// is one of them, so that it is written back as it came.
pub(super) fn keep_extra<T: Open>(value: &mut T, json: &RawValue) {
    let Some(members) = Members::of(json) else {
        return;
    };
    value.keep_nested(&members);
    // What the type writes: the keys it knows, as it has them.
    let written = Members::of_value(&*value);
    let known: Vec<&str> = written.as_ref().map_or_else(Vec::new, Members::keys);
    *value.extra_mut() = ExtraMembers(
        members
            .0
            .into_iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .collect(),
    );
}

/// Keeps the unknown keys of each item of `items`, from the JSON array `json`.
pub(super) fn keep_extra_of_items<T: Open>(items: &mut [T], json: Option<&RawValue>) {
    let Some(json) = json else {
        return;
    };
    let Ok(texts) = serde_json::from_str::<Vec<&RawValue>>(json.get()) else {
        return;
    };
    for (item, text) in items.iter_mut().zip(texts) {
        keep_extra(item, text);
    }
}

impl PartialEq for ExtraMembers {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, a_value), (b, b_value))| a == b && a_value.get() == b_value.get())
    }
}

impl Eq for ExtraMembers {}

/// The keys, never the values.
impl fmt::Debug for ExtraMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.0.iter().map(|(key, _)| key))
            .finish()
    }
}

/// A map of the members; flattened into the object they came from.
impl Serialize for ExtraMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The members of a JSON object, each value as its exact JSON text, in order (a key that
/// comes twice, twice).
pub(crate) struct Members(Vec<(String, Box<RawValue>)>);

impl Members {
    /// The members of `json`, if it is an object.
    pub(super) fn of(json: &RawValue) -> Option<Self> {
        serde_json::from_str(json.get()).ok()
    }

    /// The members that `value` serializes to, if it serializes to an object.
    fn of_value<T: Serialize>(value: &T) -> Option<Self> {
        Members::of(&serde_json::value::to_raw_value(value).ok()?)
    }

    /// The value of the first member named `key`.
    pub(super) fn get(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(own, _)| own == key)
            .map(|(_, value)| &**value)
    }

    /// The value of the first member named `key`, owned.
    pub(super) fn take(self, key: &str) -> Option<Box<RawValue>> {
        self.0
            .into_iter()
            .find(|(own, _)| own == key)
            .map(|(_, value)| value)
    }

    /// The keys, in order.
    pub(super) fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|(key, _)| key.as_str()).collect()
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = Members;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(Entries)
    }
}
