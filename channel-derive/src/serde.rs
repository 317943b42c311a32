//! Reads `#[serde(...)]`: the names and shapes that go over the wire.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, LitStr, Token};

use crate::case::RenameRule;

/// What `#[serde(...)]` says about a container, a variant or a field. Only what changes
/// the JSON's shape or names is read; serde itself reports misuse.
#[derive(Default)]
pub struct Serde {
    pub rename: Option<String>,
    pub rename_all: Option<RenameRule>,
    pub rename_all_fields: Option<RenameRule>,
    pub flatten: bool,
    /// `skip` or `skip_serializing`: the field is not written, and takes no array index.
    pub skip: bool,
    pub transparent: bool,
    pub untagged: bool,
    pub tag: Option<String>,
    pub content: Option<String>,
}

impl Serde {
    pub fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut serde = Serde::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
            // A malformed serde attribute is serde_derive's to report.
            let _ = attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(|ident| ident.unraw().to_string());
                match key.as_deref() {
                    // `rename(deserialize = "...")` leaves the serialize name as it was, in
                    // whichever order the attributes come.
                    Some("rename") => set(&mut serde.rename, serialize_name(&meta)?),
                    Some("rename_all") => set(&mut serde.rename_all, rename_rule(&meta)?),
                    Some("rename_all_fields") => {
                        set(&mut serde.rename_all_fields, rename_rule(&meta)?);
                    }
                    Some("flatten") => serde.flatten = true,
                    Some("skip" | "skip_serializing") => serde.skip = true,
                    Some("transparent") => serde.transparent = true,
                    Some("untagged") => serde.untagged = true,
                    Some("tag") => serde.tag = Some(meta.value()?.parse::<LitStr>()?.value()),
                    Some("content") => {
                        serde.content = Some(meta.value()?.parse::<LitStr>()?.value());
                    }
                    _ => skip(meta.input)?,
                }
                Ok(())
            });
        }
        serde
    }
}

/// Sets `slot` to `value` if there is one.
fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}

/// The name for serializing from `name = "..."` or `name(serialize = "...", ...)`.
fn serialize_name(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<LitStr>()?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(inner.value()?.parse::<LitStr>()?.value());
        } else {
            skip(inner.input)?;
        }
        Ok(())
    })?;
    Ok(name)
}

fn rename_rule(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<RenameRule>> {
    Ok(serialize_name(meta)?.and_then(|name| RenameRule::from_name(&name)))
}

/// Skips the `= value` or `(...)` of an entry this derive does not need.
fn skip(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}
