//! Reads `#[validate(...)]` (the rules) and `#[serde(...)]` (the names on the wire).

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Token};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::rules::{self, Level, RuleDef, Shape};
use crate::suggest;

/// A rule as written, with the name it was written with (for its span).
pub struct Rule {
    pub name: Ident,
    pub def: &'static RuleDef,
    pub arg: RuleArg,
}

/// What follows a rule's name, as its [`Shape`] asks.
pub enum RuleArg {
    None,
    Limit(usize),
    Rules(Vec<Rule>),
    Function(syn::Path),
    Fields(Vec<Ident>),
}

/// One comma-separated entry of a `#[validate(...)]` list, before it is understood.
struct Entry {
    name: Ident,
    arg: Arg,
}

enum Arg {
    None,
    Value(Expr),
    List(TokenStream),
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = Ident::parse_any(input)?;
        let arg = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Arg::Value(input.parse()?)
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            Arg::List(content.parse()?)
        } else {
            Arg::None
        };
        Ok(Entry { name, arg })
    }
}

impl Entry {
    fn parse_list(tokens: TokenStream) -> syn::Result<Vec<Entry>> {
        let entries = Punctuated::<Entry, Token![,]>::parse_terminated.parse2(tokens)?;
        Ok(entries.into_iter().collect())
    }
}

/// The entries of every `#[validate(...)]` attribute in `attrs`.
fn validate_entries(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Entry> {
    let mut entries = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("validate")) {
        let parsed = match &attr.meta {
            syn::Meta::List(list) => Entry::parse_list(list.tokens.clone()),
            meta => Err(syn::Error::new_spanned(
                meta,
                "expected a list of rules: `#[validate(rule, ...)]`",
            )),
        };
        match parsed {
            Ok(list) => entries.extend(list),
            Err(error) => cx.syn_error(error),
        }
    }
    entries
}

/// The rules of a field, from its `#[validate(...)]` attributes.
pub fn field_rules(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Rule> {
    let entries = validate_entries(attrs, cx);
    rules_from(entries, Level::Field, cx)
}

/// The rules of a struct or variant, from its `#[validate(...)]` attributes.
pub fn struct_rules(attrs: &[Attribute], cx: &mut Ctxt) -> Vec<Rule> {
    let entries = validate_entries(attrs, cx);
    rules_from(entries, Level::Struct, cx)
}

fn rules_from(entries: Vec<Entry>, level: Level, cx: &mut Ctxt) -> Vec<Rule> {
    entries
        .into_iter()
        .filter_map(|entry| rule_from(entry, level, cx))
        .collect()
}

fn rule_from(entry: Entry, level: Level, cx: &mut Ctxt) -> Option<Rule> {
    let Entry { name, arg } = entry;
    let rule = name.unraw().to_string();
    let Some(def) = rules::find(&rule) else {
        cx.error_at(name.span(), unknown_rule(&rule, level));
        return None;
    };
    if def.level != level {
        let message = match def.level {
            Level::Struct => {
                format!("`{rule}` is a struct rule: put `#[validate({rule}(...))]` on the struct")
            }
            Level::Field => {
                format!("`{rule}` is a field rule: put it on a field, not on the struct")
            }
        };
        cx.error_at(name.span(), message);
        return None;
    }
    let arg = match (def.shape, arg) {
        (Shape::Flag, Arg::None) => RuleArg::None,
        (Shape::Flag, Arg::Value(_) | Arg::List(_)) => {
            cx.error_at(
                name.span(),
                format!("`{rule}` takes no value: write `{rule}`"),
            );
            return None;
        }
        (Shape::Limit, Arg::Value(value)) => RuleArg::Limit(limit(def, &value, cx)?),
        (Shape::Rules, Arg::List(tokens)) => match Entry::parse_list(tokens) {
            Ok(entries) => RuleArg::Rules(rules_from(entries, Level::Field, cx)),
            Err(error) => {
                cx.syn_error(error);
                return None;
            }
        },
        (Shape::Function, Arg::Value(Expr::Path(path))) if path.qself.is_none() => {
            RuleArg::Function(path.path)
        }
        (Shape::Function, Arg::Value(value)) => {
            let hint = match &value {
                Expr::Lit(lit) if matches!(lit.lit, Lit::Str(_)) => "; write it without quotes",
                _ => "",
            };
            cx.error_spanned_by(
                value,
                format!(
                    "`{rule}` expects a path to a function, e.g. `custom = rules::locale`{hint}"
                ),
            );
            return None;
        }
        (Shape::Fields, Arg::List(tokens)) => {
            match Punctuated::<Ident, Token![,]>::parse_terminated.parse2(tokens) {
                Ok(fields) => RuleArg::Fields(fields.into_iter().collect()),
                Err(error) => {
                    cx.syn_error(error);
                    return None;
                }
            }
        }
        (shape, _) => {
            let (needs, example) = (shape.needs(), def.example);
            cx.error_at(name.span(), format!("`{rule}` needs {needs}: `{example}`"));
            return None;
        }
    };
    Some(Rule { name, def, arg })
}

/// The limit of `max_length = N`: a positive integer literal.
fn limit(def: &RuleDef, value: &Expr, cx: &mut Ctxt) -> Option<usize> {
    let rule = def.name;
    let parsed = match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<usize>(),
        _ => Err(syn::Error::new_spanned(value, "")),
    };
    match parsed {
        Ok(0) => cx.error_spanned_by(
            value,
            format!("`{rule} = 0` allows only empty values; the limit must be at least 1"),
        ),
        Ok(limit) => return Some(limit),
        Err(_) => cx.error_spanned_by(
            value,
            format!(
                "`{rule}` expects a positive integer, e.g. `{}`",
                def.example
            ),
        ),
    }
    None
}

fn unknown_rule(unknown: &str, level: Level) -> String {
    let hint = match unknown {
        "url" | "https_url" => Some("https"),
        "length" | "max_len" | "len" => Some("max_length"),
        "dive" | "validate" => Some("nested"),
        "not_empty" | "nonempty" | "min_length" => Some("non_empty"),
        _ => suggest::closest(unknown, rules::names(level)),
    };
    let list = rules::names(level)
        .map(|rule| format!("`{rule}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match hint {
        Some(rule) => format!("unknown rule `{unknown}`; did you mean `{rule}`?"),
        None => format!("unknown rule `{unknown}`; the rules here are {list}"),
    }
}

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
                    Some("rename") => serde.rename = serialize_name(&meta)?,
                    Some("rename_all") => serde.rename_all = rename_rule(&meta)?,
                    Some("rename_all_fields") => serde.rename_all_fields = rename_rule(&meta)?,
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
