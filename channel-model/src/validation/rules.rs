//! The traits through which the derive's rules see a field's type.
//!
//! Each rule works on any type that implements its trait, so a rule's meaning for a type is
//! decided here, once, and not by the derive guessing from type names. Implement these
//! traits for your own string or collection types to use the rules on them.
//!
//! | rule | trait |
//! |---|---|
//! | `required` | [`Required`] (and [`MaybeEmpty`] for what an `Option` holds) |
//! | `non_empty`, `max_length` | [`Length`] |
//! | `ascii`, `trimmed`, `https` | [`Text`] |
//! | `nested` | [`Validate`](crate::Validate) |
//! | `each(...)` | [`Each`] |
//! | `exclusive(...)` | [`Optional`] |
//!
//! `Option<T>` implements each of them so that `None` passes every rule but `required`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

pub use super::https::is_https_url;
use super::violation::LengthUnit;

/// A string or a collection, for `non_empty` and `max_length`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a string nor a collection",
    label = "`non_empty` and `max_length` need a string or a collection",
    note = "implement `channel_model::rules::Length` for `{Self}` to give it a length"
)]
pub trait Length {
    /// What the length counts.
    const UNIT: LengthUnit;

    /// Whether the value is present and empty. `None` is not empty: it passes `non_empty`.
    fn is_empty_value(&self) -> bool;

    /// The length, if it is greater than `max`; `None` when it is within `max` or absent.
    ///
    /// Strings count characters, and count them only when the byte length (an upper bound)
    /// exceeds `max`.
    fn length_above(&self, max: usize) -> Option<usize>;
}

/// A string, for `ascii`, `trimmed` and `https`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string",
    label = "`ascii`, `trimmed` and `https` check strings",
    note = "implement `channel_model::rules::Text` for `{Self}` to check it as text"
)]
pub trait Text {
    /// The text, or `None` when the value is absent.
    fn as_text(&self) -> Option<&str>;
}

/// A value that `required` can find missing: an `Option`, a string or a collection.
#[diagnostic::on_unimplemented(
    message = "`required` does not apply to `{Self}`",
    label = "`required` needs an `Option`, a string or a collection",
    note = "a value of this type is always present; remove `required`"
)]
pub trait Required {
    /// Whether the value is missing: `None`, or an empty string or collection.
    fn is_missing(&self) -> bool;
}

/// What an `Option` may hold when its field is `required`: whether a present value is empty.
///
/// Strings and collections are empty when they have no characters or items; numbers, booleans
/// and types that derive `Validate` never are. Implement it (the default method says "never
/// empty") to use `required` on an `Option` of your own type.
#[diagnostic::on_unimplemented(
    message = "`required` cannot tell whether a `{Self}` is empty",
    label = "`required` on an `Option` needs to know whether its value is empty",
    note = "implement `channel_model::rules::MaybeEmpty` for `{Self}`; the default says never empty"
)]
pub trait MaybeEmpty {
    /// Whether the value is empty; by default, never.
    fn is_empty_value(&self) -> bool {
        false
    }
}

/// A collection whose items `each(...)` checks.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection of items",
    label = "`each(...)` needs a sequence or a set",
    note = "implement `channel_model::rules::Each` for `{Self}` to check its items"
)]
pub trait Each {
    /// The type of an item.
    type Item: ?Sized;

    /// Calls `f` with each item and its index, in order. `None` has no items.
    fn for_each_item<F: FnMut(usize, &Self::Item)>(&self, f: F);
}

/// A field that may be unset, for `exclusive(...)`.
#[diagnostic::on_unimplemented(
    message = "`exclusive` names a field of type `{Self}`, which is not an `Option`",
    label = "only `Option` fields can be left unset"
)]
pub trait Optional {
    /// Whether the value is set.
    fn is_set(&self) -> bool;
}

macro_rules! strings {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($g)*> Length for $ty {
            const UNIT: LengthUnit = LengthUnit::Characters;

            fn is_empty_value(&self) -> bool {
                str::is_empty(self)
            }

            fn length_above(&self, max: usize) -> Option<usize> {
                let text: &str = self;
                if text.len() <= max {
                    return None;
                }
                let count = count_chars(text);
                (count > max).then_some(count)
            }
        }

        impl<$($g)*> Text for $ty {
            fn as_text(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl<$($g)*> Required for $ty {
            fn is_missing(&self) -> bool {
                str::is_empty(self)
            }
        }

        impl<$($g)*> MaybeEmpty for $ty {
            fn is_empty_value(&self) -> bool {
                str::is_empty(self)
            }
        }
    )*};
}

strings!([] str, [] String, ['a] Cow<'a, str>);

/// The characters of `text`. Out of line: the byte length settles most strings, and the
/// checks that call this stay small.
#[inline(never)]
fn count_chars(text: &str) -> usize {
    count_char_starts(text.as_bytes())
}

/// The bytes of `bytes` that start a UTF-8 character (all but `0b10xx_xxxx`): the characters
/// of valid UTF-8.
///
/// Counted in blocks of 128 bytes into a byte-sized counter, a loop without branches that the
/// compiler vectorizes: about half the instructions of `chars().count()` on long text, which
/// is where it matters (a 60,000-character message).
#[inline]
pub(crate) fn count_char_starts(bytes: &[u8]) -> usize {
    let is_continuation = |b: &u8| (*b as i8) < -0x40;
    let mut blocks = bytes.chunks_exact(128);
    let mut continuations = 0;
    for block in &mut blocks {
        let in_block: u8 = block.iter().map(|b| u8::from(is_continuation(b))).sum();
        continuations += usize::from(in_block);
    }
    continuations += blocks
        .remainder()
        .iter()
        .filter(|b| is_continuation(b))
        .count();
    bytes.len() - continuations
}

/// Collections have a length in items; sequences and sets (`=> each`) also have items for
/// `each(...)` to check, in order.
macro_rules! collections {
    ($($g:tt $ty:ty $(=> $each:ident)?),* $(,)?) => {$(
        collections!(@collection $g $ty);
        $(collections!(@$each $g $ty);)?
    )*};
    (@collection [$($g:tt)*] $ty:ty) => {
        impl<$($g)*> Length for $ty {
            const UNIT: LengthUnit = LengthUnit::Items;

            fn is_empty_value(&self) -> bool {
                self.is_empty()
            }

            fn length_above(&self, max: usize) -> Option<usize> {
                (self.len() > max).then_some(self.len())
            }
        }

        impl<$($g)*> Required for $ty {
            fn is_missing(&self) -> bool {
                self.is_empty()
            }
        }

        impl<$($g)*> MaybeEmpty for $ty {
            fn is_empty_value(&self) -> bool {
                self.is_empty()
            }
        }
    };
    (@each [$($g:tt)*] $ty:ty) => {
        impl<$($g)*> Each for $ty {
            type Item = T;

            #[inline]
            fn for_each_item<F: FnMut(usize, &T)>(&self, mut f: F) {
                for (index, item) in self.iter().enumerate() {
                    f(index, item);
                }
            }
        }
    };
}

collections!(
    [T] [T] => each,
    [T, const N: usize] [T; N] => each,
    [T] Vec<T> => each,
    [T] VecDeque<T> => each,
    [T] BTreeSet<T> => each,
    [T, S] HashSet<T, S> => each,
    [K, V] BTreeMap<K, V>,
    [K, V, S] HashMap<K, V, S>,
);

macro_rules! never_empty {
    ($($ty:ty),* $(,)?) => {$(
        impl MaybeEmpty for $ty {}
    )*};
}

never_empty!(
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    (),
);

/// `None` passes every rule but `required`; `Some` is checked as its value.
impl<T: Length> Length for Option<T> {
    const UNIT: LengthUnit = T::UNIT;

    fn is_empty_value(&self) -> bool {
        self.as_ref().is_some_and(T::is_empty_value)
    }

    fn length_above(&self, max: usize) -> Option<usize> {
        self.as_ref().and_then(|value| value.length_above(max))
    }
}

impl<T: Text> Text for Option<T> {
    fn as_text(&self) -> Option<&str> {
        self.as_ref().and_then(T::as_text)
    }
}

impl<T: MaybeEmpty> Required for Option<T> {
    fn is_missing(&self) -> bool {
        self.as_ref().map_or(true, T::is_empty_value)
    }
}

impl<T: Each> Each for Option<T> {
    type Item = T::Item;

    #[inline]
    fn for_each_item<F: FnMut(usize, &T::Item)>(&self, f: F) {
        if let Some(items) = self {
            items.for_each_item(f);
        }
    }
}

impl<T> Optional for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// References and smart pointers are checked as what they point to.
macro_rules! pointers {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($g)* T: Length + ?Sized> Length for $ty {
            const UNIT: LengthUnit = T::UNIT;

            fn is_empty_value(&self) -> bool {
                T::is_empty_value(self)
            }

            fn length_above(&self, max: usize) -> Option<usize> {
                T::length_above(self, max)
            }
        }

        impl<$($g)* T: Text + ?Sized> Text for $ty {
            fn as_text(&self) -> Option<&str> {
                T::as_text(self)
            }
        }

        impl<$($g)* T: Required + ?Sized> Required for $ty {
            fn is_missing(&self) -> bool {
                T::is_missing(self)
            }
        }

        impl<$($g)* T: MaybeEmpty + ?Sized> MaybeEmpty for $ty {
            fn is_empty_value(&self) -> bool {
                T::is_empty_value(self)
            }
        }

        impl<$($g)* T: Each + ?Sized> Each for $ty {
            type Item = T::Item;

            fn for_each_item<F: FnMut(usize, &T::Item)>(&self, f: F) {
                T::for_each_item(self, f);
            }
        }
    )*};
}

pointers!(['a,] &'a T, [] Box<T>, [] Rc<T>, [] Arc<T>);

#[cfg(test)]
mod tests {
    use super::count_char_starts;

    #[test]
    fn counting_characters_matches_chars_across_blocks() {
        let text = "aé日📦".repeat(100);
        for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
            let text = &text[..end];
            assert_eq!(
                count_char_starts(text.as_bytes()),
                text.chars().count(),
                "{end}"
            );
        }
    }
}
