//! The rules' traits for the standard library's strings, collections, options and pointers.
//!
//! A type's meaning for every rule is decided here, in one place: strings have characters,
//! collections have items, `None` passes every rule but `required`, and pointers are checked
//! as what they point to.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use super::each::{Each, Position};
use super::exclusive::Optional;
use super::length::{count_chars, Length};
use super::required::{MaybeEmpty, Required};
use super::text::Text;
use crate::LengthUnit;

macro_rules! strings {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($g)*> Length for $ty {
            const UNIT: LengthUnit = LengthUnit::Characters;

            #[inline]
            fn is_empty_value(&self) -> bool {
                str::is_empty(self)
            }

            #[inline]
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
            #[inline]
            fn as_text(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl<$($g)*> Required for $ty {
            #[inline]
            fn is_missing(&self) -> bool {
                str::is_empty(self)
            }
        }

        impl<$($g)*> MaybeEmpty for $ty {
            #[inline]
            fn is_empty_value(&self) -> bool {
                str::is_empty(self)
            }
        }
    )*};
}

strings!([] str, [] String, ['a] Cow<'a, str>);

/// Collections have a length in items; sequences and sets (`=> each`) also have items for
/// `each(...)` to check, in order, at their index; maps (`=> map` in a fixed order,
/// `=> unordered_map` in the hash's) have values, at their key.
macro_rules! collections {
    ($($g:tt $ty:ty $(=> $each:ident)?),* $(,)?) => {$(
        collections!(@collection $g $ty);
        $(collections!(@$each $g $ty);)?
    )*};
    (@collection [$($g:tt)*] $ty:ty) => {
        impl<$($g)*> Length for $ty {
            const UNIT: LengthUnit = LengthUnit::Items;

            #[inline]
            fn is_empty_value(&self) -> bool {
                self.is_empty()
            }

            #[inline]
            fn length_above(&self, max: usize) -> Option<usize> {
                (self.len() > max).then_some(self.len())
            }
        }

        impl<$($g)*> Required for $ty {
            #[inline]
            fn is_missing(&self) -> bool {
                self.is_empty()
            }
        }

        impl<$($g)*> MaybeEmpty for $ty {
            #[inline]
            fn is_empty_value(&self) -> bool {
                self.is_empty()
            }
        }
    };
    (@each [$($g:tt)*] $ty:ty) => {
        impl<$($g)*> Each for $ty {
            type Item = T;

            #[inline]
            fn for_each_item<F: FnMut(Position<'_>, &T)>(&self, mut f: F) {
                for (index, item) in self.iter().enumerate() {
                    f(Position::Index(index), item);
                }
            }
        }
    };
    (@map [$($g:tt)*] $ty:ty) => {
        collections!(@keyed [$($g)*] $ty, false);
    };
    (@unordered_map [$($g:tt)*] $ty:ty) => {
        collections!(@keyed [$($g)*] $ty, true);
    };
    (@keyed [$($g:tt)*] $ty:ty, $unordered:literal) => {
        impl<$($g)*> Each for $ty where K: AsRef<str> {
            type Item = V;

            const UNORDERED: bool = $unordered;

            #[inline]
            fn for_each_item<F: FnMut(Position<'_>, &V)>(&self, mut f: F) {
                for (key, value) in self {
                    f(Position::Key(key.as_ref()), value);
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
    [K, V] BTreeMap<K, V> => map,
    [K, V, S] HashMap<K, V, S> => unordered_map,
);

#[cfg(feature = "indexmap")]
collections!([K, V, S] indexmap::IndexMap<K, V, S> => map);

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

    #[inline]
    fn is_empty_value(&self) -> bool {
        self.as_ref().is_some_and(T::is_empty_value)
    }

    #[inline]
    fn length_above(&self, max: usize) -> Option<usize> {
        self.as_ref().and_then(|value| value.length_above(max))
    }
}

impl<T: Text> Text for Option<T> {
    #[inline]
    fn as_text(&self) -> Option<&str> {
        self.as_ref().and_then(T::as_text)
    }
}

/// An `Option` is empty when it is `None` or holds an empty value.
impl<T: MaybeEmpty> MaybeEmpty for Option<T> {
    #[inline]
    fn is_empty_value(&self) -> bool {
        self.as_ref().map_or(true, T::is_empty_value)
    }
}

impl<T: MaybeEmpty> Required for Option<T> {
    #[inline]
    fn is_missing(&self) -> bool {
        self.as_ref().map_or(true, T::is_empty_value)
    }
}

impl<T: Each> Each for Option<T> {
    type Item = T::Item;

    const UNORDERED: bool = T::UNORDERED;

    #[inline]
    fn for_each_item<F: FnMut(Position<'_>, &T::Item)>(&self, f: F) {
        if let Some(items) = self {
            items.for_each_item(f);
        }
    }
}

impl<T> Optional for Option<T> {
    #[inline]
    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// References and smart pointers are checked as what they point to.
macro_rules! pointers {
    ($([$($g:tt)*] $ty:ty),* $(,)?) => {$(
        impl<$($g)* T: Length + ?Sized> Length for $ty {
            const UNIT: LengthUnit = T::UNIT;

            #[inline]
            fn is_empty_value(&self) -> bool {
                T::is_empty_value(self)
            }

            #[inline]
            fn length_above(&self, max: usize) -> Option<usize> {
                T::length_above(self, max)
            }
        }

        impl<$($g)* T: Text + ?Sized> Text for $ty {
            #[inline]
            fn as_text(&self) -> Option<&str> {
                T::as_text(self)
            }
        }

        impl<$($g)* T: Required + ?Sized> Required for $ty {
            #[inline]
            fn is_missing(&self) -> bool {
                T::is_missing(self)
            }
        }

        impl<$($g)* T: MaybeEmpty + ?Sized> MaybeEmpty for $ty {
            #[inline]
            fn is_empty_value(&self) -> bool {
                T::is_empty_value(self)
            }
        }

        impl<$($g)* T: Each + ?Sized> Each for $ty {
            type Item = T::Item;

            const UNORDERED: bool = T::UNORDERED;

            fn for_each_item<F: FnMut(Position<'_>, &T::Item)>(&self, f: F) {
                T::for_each_item(self, f);
            }
        }
    )*};
}

pointers!(['a,] &'a T, [] Box<T>, [] Rc<T>, [] Arc<T>);
