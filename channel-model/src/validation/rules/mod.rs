//! The rules of `#[derive(Validate)]`, one module per rule, and the traits through which
//! they see a field's type.
//!
//! Each rule works on any type that implements its trait, so a rule's meaning for a type is
//! decided here, once, and not by the derive guessing from type names. Implement these
//! traits for your own string or collection types to use the rules on them.
//!
//! | rule | trait |
//! |---|---|
//! | `required` | [`Required`]; on an `Option`, also [`MaybeEmpty`] for the value if it has it |
//! | `non_empty`, `max_length`, `min_length` | [`Length`] |
//! | `ascii`, `trimmed`, `https` | [`Text`] |
//! | `nested` | [`Validate`](crate::Validate) |
//! | `each(...)` | [`Each`] |
//! | `exclusive(...)` | [`Optional`] |
//!
//! `Option<T>` implements each of them so that `None` passes every rule but `required`.
//!
//! Each rule's module holds its check (`apply`, which the derived code calls), its code and
//! its message; [`ViolationKind`](crate::ViolationKind) lists its parameters. The modules are
//! hidden from the documentation: they are the derive's, not a stable API.

mod impls;
mod items_probe;
mod length;
mod text;

#[doc(hidden)]
pub mod ascii;
#[doc(hidden)]
pub mod custom;
#[doc(hidden)]
pub mod each;
#[doc(hidden)]
pub mod exclusive;
#[doc(hidden)]
pub mod https;
#[doc(hidden)]
pub mod max_length;
#[doc(hidden)]
pub mod min_length;
#[doc(hidden)]
pub mod nested;
#[doc(hidden)]
pub mod non_empty;
#[doc(hidden)]
pub mod present;
#[doc(hidden)]
pub mod required;
#[doc(hidden)]
pub mod trimmed;

pub use custom::{CustomError, CustomParam};
pub use each::{Each, Position};
pub use exclusive::Optional;
pub use https::{check_https_url, is_https_url, HttpsProblem};
pub(crate) use length::count_char_starts;
pub use length::Length;
pub use required::{MaybeEmpty, Required};
pub use text::Text;
