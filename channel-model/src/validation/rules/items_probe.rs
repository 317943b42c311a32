//! A rule written on a collection when its items are what it checks (`https` on a
//! `Vec<String>`, `nested` on a set) is an error that says to write it in `each(...)`.
//!
//! The rule's `probe` module, made by [`items_probe!`], picks what the rule checks by method
//! resolution on the field's concrete type; the derive writes `(&&Probe(value)).target()`:
//!
//! 1. `ViaRule`, on `&Probe<T>` where `T` has the rule's trait: the value itself.
//! 2. `ViaItems`, on `&&Probe<T>` where `T` is a collection whose items have the trait: its
//!    `target` needs the rule's `EachNeeded`, which no type has, and whose message says to
//!    write `each(rule)`.
//! 3. `ViaValue`, on `Probe<T>` for any `T`: the value itself, whose missing trait the
//!    rule's `apply` reports.
//!
//! A field whose type is a type parameter is bounded by the rule's trait, so the first
//! choice applies; for a valid type the probe is gone once inlined.

/// A field's value, for method resolution.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// Last choice: the value itself, which then needs the rule's trait; its message says so.
pub trait ViaValue<'a, T: ?Sized> {
    /// The value checked.
    fn target(&self) -> &'a T;
}

impl<'a, T: ?Sized> ViaValue<'a, T> for Probe<'a, T> {
    #[inline(always)]
    fn target(&self) -> &'a T {
        self.0
    }
}

/// Declares a rule's `probe` module: the rule's trait (`Text`, `Validate`), and the
/// message and label of the error for a collection of items that have it.
macro_rules! items_probe {
    ($checks:path, message = $message:literal, label = $label:literal $(,)?) => {
        /// Picks what the rule checks, by method resolution on the field's type; a
        /// collection whose items the rule would check is an error that says to write
        /// the rule in `each(...)`.
        pub mod probe {
            use std::convert::Infallible;

            use $checks as Checks;

            use crate::rules::Each;
            pub use crate::validation::rules::items_probe::{Probe, ViaValue};

            /// First choice: a value the rule checks.
            pub trait ViaRule<'a, T: ?Sized> {
                /// The value checked.
                fn target(&self) -> &'a T;
            }

            impl<'a, T: Checks + ?Sized> ViaRule<'a, T> for &Probe<'a, T> {
                #[inline(always)]
                fn target(&self) -> &'a T {
                    self.0
                }
            }

            /// Says to write the rule in `each(...)`. Only `Infallible`, which has no value,
            /// has it (so that the message does not say to implement it).
            #[diagnostic::on_unimplemented(message = $message, label = $label)]
            pub trait EachNeeded {
                /// Any value: never called, since no value of a type with this trait exists.
                fn item<I: ?Sized>(&self) -> &I;
            }

            #[diagnostic::do_not_recommend]
            impl EachNeeded for Infallible {
                fn item<I: ?Sized>(&self) -> &I {
                    match *self {}
                }
            }

            /// Second choice: a collection whose items the rule checks, an error. It gives an
            /// item, which the rule checks, so that the error is reported once.
            pub trait ViaItems<'a, T: ?Sized> {
                /// The type of an item.
                type Item: ?Sized;
                /// Never called: no collection has the bound.
                fn target(&self) -> &'a Self::Item
                where
                    T: EachNeeded;
            }

            impl<'a, T> ViaItems<'a, T> for &&Probe<'a, T>
            where
                T: Each + ?Sized,
                T::Item: Checks,
            {
                type Item = T::Item;

                fn target(&self) -> &'a T::Item
                where
                    T: EachNeeded,
                {
                    self.0.item()
                }
            }
        }
    };
}

pub(crate) use items_probe;
