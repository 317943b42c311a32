//! Whether a field holds a value to check. Every rule but `required` passes a `None` (see the
//! `Option` impls of the rules' traits), so the derive checks the rules of an `Option` field
//! only when it is `Some`: one test of the field, instead of one in each of its rules.

/// Tells an `Option` field from any other, by method resolution on the field's concrete type.
/// The derive writes `(&Probe(value)).is_present()`: [`ViaOption`](probe::ViaOption) applies
/// to `&Probe<Option<T>>` as it is, [`ViaValue`](probe::ViaValue) only after an
/// auto-reference, so the `Option` case wins when it fits.
pub mod probe {
    /// A field's value, for method resolution.
    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    /// An `Option` field: present when `Some`.
    pub trait ViaOption {
        /// Whether the field holds a value.
        fn is_present(&self) -> bool;
    }

    impl<T> ViaOption for Probe<'_, Option<T>> {
        #[inline(always)]
        fn is_present(&self) -> bool {
            self.0.is_some()
        }
    }

    /// Any other field (a type parameter too): always present.
    pub trait ViaValue {
        /// Whether the field holds a value: always.
        fn is_present(&self) -> bool;
    }

    impl<T: ?Sized> ViaValue for &Probe<'_, T> {
        #[inline(always)]
        fn is_present(&self) -> bool {
            true
        }
    }
}
