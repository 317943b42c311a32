//! The validation runtime: the [`Validate`] trait, locations and paths, violations.

pub(crate) mod errors;
pub(crate) mod location;
pub(crate) mod path;
pub(crate) mod private;
pub mod rules;
pub(crate) mod validate;
pub(crate) mod violation;
