//! The derive's model of its input: where each field sits in the JSON, and its rules.

use syn::ext::IdentExt;
use syn::{DeriveInput, Fields as SynFields, Generics, Ident, Member, Type};

use crate::attr::{self, Options, Rule, RuleArg};
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::serde::Serde;

pub struct Input<'a> {
    /// The rules of an enum itself (such as `custom`), checked after its variant's.
    pub enum_rules: Vec<Rule>,
    pub ident: &'a Ident,
    /// The path of the runtime crate, `::channel_model` unless `#[validate(crate = "...")]`.
    pub krate: syn::Path,
    /// `#[validate(bound = "...")]`: the where-clause predicates that replace the inferred ones.
    pub bound: Option<Vec<syn::WherePredicate>>,
    /// `#[validate(context = Ctx)]`: the context's type.
    pub context: Option<Type>,
    pub generics: &'a Generics,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Fields<'a>),
    Enum(Vec<Variant<'a>>),
}

/// A step from a value's location to a part of it, in the JSON that serde writes.
pub enum Step {
    /// The part is an object member with this name.
    Key(String),
    /// The part is an array item at this index.
    Index(usize),
    /// The part is written in place (flattened, transparent, newtype, untagged).
    Same,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// Where the variant's content sits relative to the enum's location.
    pub step: Step,
    pub fields: Fields<'a>,
}

/// The fields of a struct or variant, and its struct-level rules.
pub struct Fields<'a> {
    pub fields: Vec<Field<'a>>,
    pub rules: Vec<Rule>,
}

pub struct Field<'a> {
    /// The Rust name (unraw) of a named field, for `exclusive` to refer to.
    pub name: Option<String>,
    pub member: Member,
    pub ty: &'a Type,
    pub step: Step,
    /// Never serialized: no rule may name it.
    pub skipped: bool,
    pub rules: Vec<Rule>,
}

impl<'a> Input<'a> {
    pub fn from_syn(input: &'a DeriveInput, cx: &mut Ctxt) -> Self {
        let serde = Serde::from_attrs(&input.attrs);
        let mut options = Options::default();
        let mut enum_rules = Vec::new();
        let data = match &input.data {
            syn::Data::Struct(data) => {
                let rules = attr::struct_rules(&input.attrs, Some(&mut options), cx);
                let naming = Naming {
                    rename_all: serde.rename_all,
                    transparent: serde.transparent,
                    skip: false,
                };
                Data::Struct(Fields::from_syn(&data.fields, rules, naming, cx))
            }
            syn::Data::Enum(data) => {
                for rule in attr::struct_rules(&input.attrs, Some(&mut options), cx) {
                    if matches!(rule.arg, RuleArg::Fields(_)) {
                        cx.error_at(
                            rule.name.span(),
                            format!(
                                "an enum has no fields of its own: put `{}` on a variant",
                                rule.def.name
                            ),
                        );
                    } else {
                        enum_rules.push(rule);
                    }
                }
                let variants = data.variants.iter();
                Data::Enum(variants.map(|v| Variant::from_syn(v, &serde, cx)).collect())
            }
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "`Validate` cannot be derived for a union; use a struct or an enum",
                );
                Data::Struct(Fields {
                    fields: Vec::new(),
                    rules: Vec::new(),
                })
            }
        };
        Input {
            ident: &input.ident,
            krate: options
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::channel_model)),
            bound: options.bound,
            context: options.context,
            generics: &input.generics,
            data,
            enum_rules,
        }
    }
}

impl<'a> Variant<'a> {
    fn from_syn(variant: &'a syn::Variant, container: &Serde, cx: &mut Ctxt) -> Self {
        let serde = Serde::from_attrs(&variant.attrs);
        let name = serde.rename.clone().unwrap_or_else(|| {
            let name = variant.ident.unraw().to_string();
            match container.rename_all {
                Some(rule) => rule.apply_to_variant(&name),
                None => name,
            }
        });
        let step = if container.untagged || serde.untagged {
            Step::Same
        } else if let (Some(_), Some(content)) = (&container.tag, &container.content) {
            Step::Key(content.clone())
        } else if container.tag.is_some() {
            Step::Same
        } else {
            Step::Key(name)
        };
        let naming = Naming {
            rename_all: serde.rename_all.or(container.rename_all_fields),
            transparent: false,
            skip: false,
        };
        let mut rules = attr::struct_rules(&variant.attrs, None, cx);
        rules.retain(|rule| {
            let fields = matches!(rule.arg, RuleArg::Fields(_));
            if !fields {
                let name = rule.def.name;
                cx.error_at(
                    rule.name.span(),
                    format!("`{name}` goes on a field or on the enum, not on a variant"),
                );
            }
            fields
        });
        let naming = Naming {
            skip: serde.skip,
            ..naming
        };
        Variant {
            ident: &variant.ident,
            step,
            fields: Fields::from_syn(&variant.fields, rules, naming, cx),
        }
    }
}

/// How the fields of one struct or variant are named on the wire.
#[derive(Clone, Copy)]
struct Naming {
    rename_all: Option<RenameRule>,
    transparent: bool,
    /// The variant is never serialized (`#[serde(skip)]`), nor are its fields.
    skip: bool,
}

impl<'a> Fields<'a> {
    fn from_syn(fields: &'a SynFields, rules: Vec<Rule>, naming: Naming, cx: &mut Ctxt) -> Self {
        // serde writes a newtype (one unnamed field) as its content, a tuple as an array of
        // the fields it does not skip.
        let newtype = matches!(fields, SynFields::Unnamed(unnamed) if unnamed.unnamed.len() == 1);
        let mut written = 0;
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let serde = Serde::from_attrs(&field.attrs);
                let position = written;
                written += usize::from(!serde.skip);
                let (name, member, step) = match &field.ident {
                    Some(ident) => {
                        let name = ident.unraw().to_string();
                        let step = if serde.flatten || naming.transparent {
                            Step::Same
                        } else {
                            Step::Key(serde.rename.unwrap_or_else(|| match naming.rename_all {
                                Some(rule) => rule.apply_to_field(&name),
                                None => name.clone(),
                            }))
                        };
                        (Some(name), Member::Named(ident.clone()), step)
                    }
                    None => {
                        let step = if newtype || naming.transparent {
                            Step::Same
                        } else {
                            Step::Index(position)
                        };
                        (None, Member::from(index), step)
                    }
                };
                let rules = attr::field_rules(&field.attrs, cx);
                let skipped = serde.skip || naming.skip;
                if let (true, Some(rule)) = (skipped, rules.first()) {
                    // Its violations would name a place that is not in the JSON.
                    cx.error_at(
                        rule.name.span(),
                        "this field is never serialized (`#[serde(skip)]` or \
                         `skip_serializing`), so it cannot be reported at a JSON path; \
                         remove its rules or the skip",
                    );
                }
                Field {
                    name,
                    member,
                    ty: &field.ty,
                    step,
                    skipped,
                    rules,
                }
            })
            .collect();
        Fields { fields, rules }
    }

    /// The index of the field that a struct rule names `ident`.
    pub fn position(&self, ident: &Ident) -> Option<usize> {
        let name = ident.unraw().to_string();
        self.fields
            .iter()
            .position(|field| field.name.as_deref() == Some(name.as_str()))
    }
}
