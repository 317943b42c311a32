//! `#[derive(Validate)]` for [`channel-model`](https://docs.rs/channel-model).
//!
//! Use it through `channel_model::Validate`, which re-exports it beside the trait; the rules
//! are documented there. This crate reads the input in three steps, each in its own module:
//! [`ast`] parses it into a small model of fields and rules (keeping each rule's span),
//! [`check`] reports every misuse at once, and [`expand`] emits the implementation.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod check;
mod ctxt;
mod expand;
mod suggest;

use proc_macro::TokenStream;

/// Derives `channel_model::Validate` from `#[validate(...)]` attributes.
///
/// See the documentation of `channel_model::Validate` for the rules and examples.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
