//! A decode that also notes the document's top-level keys as the decoder reads them: a
//! document decoded as one kind tells, with no other pass over its text, which kinds know its
//! keys, and so whether it is the kind it was decoded as.
//!
//! [`Keyed`] wraps the deserializer its value is read from, as far as the top-level object's
//! keys: each key the target's `Deserialize` reads there is looked up ([`Known::add`]), and
//! everything else (the values, and anything that is not an object) is passed on untouched.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::kind::Known;

/// A `T`, and the kinds that know its top-level keys: `None` unless `T` read them as an
/// object, every one of them.
pub struct Keyed<T> {
    /// The value.
    pub value: T,
    /// The kinds that know its top-level keys.
    pub known: Option<Known>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let known = Cell::new(None);
        let value = T::deserialize(Top { de, known: &known })?;
        Ok(Keyed {
            value,
            known: known.get(),
        })
    }
}

/// Calls `$forward!` with every `deserialize_*` method that a wrapper passes on as it is, with
/// the arguments each takes before the visitor.
macro_rules! plain_deserializes {
    ($forward:ident) => {
        $forward!(
            deserialize_bool(),
            deserialize_i8(),
            deserialize_i16(),
            deserialize_i32(),
            deserialize_i64(),
            deserialize_i128(),
            deserialize_u8(),
            deserialize_u16(),
            deserialize_u32(),
            deserialize_u64(),
            deserialize_u128(),
            deserialize_f32(),
            deserialize_f64(),
            deserialize_char(),
            deserialize_bytes(),
            deserialize_byte_buf(),
            deserialize_option(),
            deserialize_unit(),
            deserialize_unit_struct(name: &'static str),
            deserialize_newtype_struct(name: &'static str),
            deserialize_seq(),
            deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]),
            deserialize_ignored_any(),
        );
    };
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* visitor)
        }
    )*};
}

/// Calls `$forward!` with every `visit_*` method that a wrapper passes on as it is.
macro_rules! plain_visits {
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
            self.visitor.$method(value)
        }
    )*};
}

/// The visits other than of scalars, passed on as they are.
macro_rules! forward_compound_visits {
    () => {
        fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
            self.visitor.visit_none()
        }

        fn visit_some<D2: Deserializer<'de>>(self, de: D2) -> Result<V::Value, D2::Error> {
            self.visitor.visit_some(de)
        }

        fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
            self.visitor.visit_unit()
        }

        fn visit_newtype_struct<D2: Deserializer<'de>>(
            self,
            de: D2,
        ) -> Result<V::Value, D2::Error> {
            self.visitor.visit_newtype_struct(de)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
            self.visitor.visit_seq(seq)
        }

        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
            self.visitor.visit_enum(data)
        }
    };
}

/// The deserializer of the whole document: an object read through it has its keys noted.
struct Top<'k, D> {
    de: D,
    known: &'k Cell<Option<Known>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Top<'_, D> {
    type Error = D::Error;

    plain_deserializes!(forward_deserialize);
    forward_deserialize!(
        deserialize_str(),
        deserialize_string(),
        deserialize_identifier()
    );

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = TopVisit {
            visitor,
            known: self.known,
        };
        self.de.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = TopVisit {
            visitor,
            known: self.known,
        };
        self.de.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = TopVisit {
            visitor,
            known: self.known,
        };
        self.de.deserialize_struct(name, fields, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The visitor of the whole document: its map is read through [`TopMap`].
struct TopVisit<'k, V> {
    visitor: V,
    known: &'k Cell<Option<Known>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TopVisit<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    plain_visits!(forward_visit);
    forward_visit!(
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String)
    );
    forward_compound_visits!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let map = TopMap {
            map,
            known: Known::default(),
            read: 0,
            done: self.known,
        };
        self.visitor.visit_map(map)
    }
}

/// The top-level object: each key is noted as it is read, and what they tell is kept once the
/// last one is.
struct TopMap<'k, A> {
    map: A,
    known: Known,
    /// The keys read so far.
    read: usize,
    done: &'k Cell<Option<Known>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TopMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let seed = KeySeed {
            seed,
            known: &mut self.known,
        };
        let key = self.map.next_key_seed(seed)?;
        match key {
            Some(_) => self.read += 1,
            // A key read other than as a string is not noted: then what the keys tell is
            // not known.
            None if self.known.keys() == self.read => self.done.set(Some(self.known)),
            None => {}
        }
        Ok(key)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Reads a top-level key with the target's seed, noting it.
struct KeySeed<'k, S> {
    seed: S,
    known: &'k mut Known,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Key {
            de,
            known: self.known,
        })
    }
}

/// The deserializer of a top-level key: the text it gives as a string is noted.
struct Key<'k, D> {
    de: D,
    known: &'k mut Known,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Key<'_, D> {
    type Error = D::Error;

    plain_deserializes!(forward_deserialize);
    forward_deserialize!(deserialize_map());

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let known = self.known;
        self.de.deserialize_any(KeyVisit { visitor, known })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let known = self.known;
        self.de.deserialize_str(KeyVisit { visitor, known })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let known = self.known;
        self.de.deserialize_string(KeyVisit { visitor, known })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let known = self.known;
        self.de.deserialize_identifier(KeyVisit { visitor, known })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The visitor of a top-level key: a key given as a string is noted.
struct KeyVisit<'k, V> {
    visitor: V,
    known: &'k mut Known,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisit<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    plain_visits!(forward_visit);
    forward_compound_visits!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<V::Value, E> {
        self.known.add(key);
        self.visitor.visit_str(key)
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<V::Value, E> {
        self.known.add(key);
        self.visitor.visit_borrowed_str(key)
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<V::Value, E> {
        self.known.add(&key);
        self.visitor.visit_string(key)
    }
}

#[cfg(test)]
mod tests {
    use channel_model::{PushRequest, ValidateTokenRequest};

    use super::*;

    #[test]
    fn the_top_level_keys_the_decoder_reads_are_noted() {
        // Unescaped, known or not, and none below the top level.
        let text = r#"{"instance_push_id": "a", "request\u005fid": "r",
            "colour": {"external_resources": [], "external_id": "x"}}"#;
        let keyed: Keyed<ValidateTokenRequest> = channel_model::from_str(text).unwrap();
        assert_eq!(keyed.value.request_id.as_deref(), Some("r"));
        let keys = ["instance_push_id", "request_id", "colour"];
        assert_eq!(keyed.known, Some(Known::of(keys)));
        assert_eq!(keyed.known.map(|known| known.keys()), Some(3));
    }

    #[test]
    fn a_document_that_does_not_decode_tells_nothing() {
        let text = r#"{"instance_push_id": "a", "external_resources": 1}"#;
        assert!(channel_model::from_str::<Keyed<PushRequest>>(text).is_err());
        let text = r#"["a", null, []]"#;
        assert!(channel_model::from_str::<Keyed<PushRequest>>(text).is_err());
    }
}
