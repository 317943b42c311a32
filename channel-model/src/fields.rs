//! The keys a struct reads, as its `Deserialize` announces them.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::forward_to_deserialize_any;

/// The field names that `T`'s `Deserialize` announces (`deserialize_struct`), in wire names:
/// the keys a derived impl reads, as an [`Inspect`](crate::Inspect) is given them with an
/// unknown key. Empty for a type that is not read as a struct (a map, an enum, a type whose
/// own impl reads something else first).
///
/// Asking runs `T`'s `Deserialize` until it names its fields, and costs an error: ask once and
/// keep the answer where it is asked often.
///
/// ```
/// use channel_model::{fields_of, ValidateTokenRequest};
///
/// assert_eq!(fields_of::<ValidateTokenRequest>(), ["instance_push_id", "request_id"]);
/// assert!(fields_of::<Vec<String>>().is_empty());
/// ```
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields read"))
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}
