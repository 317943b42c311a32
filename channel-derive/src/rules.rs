//! The rules, each declared once: its name, where it goes, what follows its name, the
//! runtime module that checks it and the trait a generic field's type needs for it. Parsing
//! (`attr`), checking (`check`) and emitting (`expand`) all read this table.

/// What follows a rule's name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Nothing: `ascii`.
    Flag,
    /// A limit: `max_length = 255`.
    Limit,
    /// The rules for every item: `each(https)`.
    Rules,
    /// A function: `custom = path::to::function`.
    Function,
    /// Field names: `exclusive(a, b)`.
    Fields,
}

impl Shape {
    /// What a rule of this shape needs, for the message when it is missing.
    pub fn needs(self) -> &'static str {
        match self {
            Shape::Flag => "nothing",
            Shape::Limit => "a limit",
            Shape::Rules => "the rules for every item",
            Shape::Function => "a function",
            Shape::Fields => "the fields of which at most one may be set",
        }
    }
}

/// Where a rule is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// On a field.
    Field,
    /// On a struct or an enum variant.
    Struct,
    /// On either.
    Any,
}

impl Level {
    /// Whether a rule of this level may be written at `place` (a field or a struct).
    pub fn allows(self, place: Level) -> bool {
        self == Level::Any || self == place
    }
}

/// How the value reaches the rule's `apply`: as it is, or through the rule's `probe` module.
///
/// A probe is `rules::<module>::probe::Probe(value)` with references around it, on which the
/// derive calls `.target()`, so that method resolution picks what the rule checks from the
/// field's concrete type; the module says what each level of reference picks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// The value itself.
    None,
    /// A probe that finds a choice for any type but a type parameter: only a field whose type
    /// is a type parameter is bounded (`required`, `custom`).
    Chooses(usize),
    /// A probe that passes the value when its type has the rule's trait (bounded as without
    /// a probe), and for a collection of such values says to write `each(...)` instead.
    Hints(usize),
}

impl Probe {
    /// How many references the derive puts around `Probe(value)`; 0 for none.
    pub fn refs(self) -> usize {
        match self {
            Probe::None => 0,
            Probe::Chooses(refs) | Probe::Hints(refs) => refs,
        }
    }
}

/// What a rule does with an empty value when `required` or `non_empty` is written beside it:
/// they report it, and one fault is reported once.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnEmpty {
    /// It reports an empty value: `required`, `non_empty`.
    Reports,
    /// It checks every value with `apply` (an empty value passes most rules anyway).
    Checks,
    /// Beside a rule that reports an empty value, it is checked by this runtime function
    /// instead of `apply`, which lets an empty value pass: `min_length`.
    LeavesTo(&'static str),
}

/// One rule.
pub struct RuleDef {
    /// The name in `#[validate(...)]`.
    pub name: &'static str,
    pub level: Level,
    pub shape: Shape,
    /// The runtime module `channel_model::rules::<module>`: its `apply` checks the rule.
    pub module: &'static str,
    /// The trait, as a path from `channel_model`, that the checked type needs; the derive
    /// bounds a generic field's type by it.
    pub bound: Option<&'static [&'static str]>,
    /// Whether the rule sees the context of a type with one (`#[validate(context = Ctx)]`):
    /// there the derive calls the module's `apply_with`, which takes the context before the
    /// value.
    pub takes_context: bool,
    /// The trait, generic over the context (`Trait<Ctx>`), that the checked type needs
    /// instead of `bound` in a type with a context.
    pub context_bound: Option<&'static [&'static str]>,
    /// Whether a generic field's type parameters get the bound rather than its type: the
    /// trait is the derived one, and a recursive type (`children: Vec<Node<T>>`) would need
    /// its own impl to prove its impl.
    pub bounds_parameters: bool,
    /// Whether the value is passed as it is, or picked by the rule's `probe` module.
    pub probe: Probe,
    /// What it does with an empty value beside `required` or `non_empty`.
    pub on_empty: OnEmpty,
    /// Whether it reports a `None`. The rules that do not pass every `None` (their types'
    /// `Option` impls say so), so a field without one is checked only when it is `Some`.
    pub reports_none: bool,
    /// How the rule is written, for messages.
    pub example: &'static str,
}

/// Every rule, in the order the documentation lists them.
pub const RULES: &[RuleDef] = &[
    RuleDef {
        name: "required",
        level: Level::Field,
        shape: Shape::Flag,
        module: "required",
        bound: Some(&["rules", "Required"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::Chooses(4),
        on_empty: OnEmpty::Reports,
        reports_none: true,
        example: "required",
    },
    RuleDef {
        name: "non_empty",
        level: Level::Field,
        shape: Shape::Flag,
        module: "non_empty",
        bound: Some(&["rules", "Length"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::None,
        on_empty: OnEmpty::Reports,
        reports_none: false,
        example: "non_empty",
    },
    RuleDef {
        name: "max_length",
        level: Level::Field,
        shape: Shape::Limit,
        module: "max_length",
        bound: Some(&["rules", "Length"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::None,
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "max_length = 255",
    },
    RuleDef {
        name: "min_length",
        level: Level::Field,
        shape: Shape::Limit,
        module: "min_length",
        bound: Some(&["rules", "Length"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::None,
        on_empty: OnEmpty::LeavesTo("apply_unless_empty"),
        reports_none: false,
        example: "min_length = 3",
    },
    RuleDef {
        name: "ascii",
        level: Level::Field,
        shape: Shape::Flag,
        module: "ascii",
        bound: Some(&["rules", "Text"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::Hints(2),
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "ascii",
    },
    RuleDef {
        name: "trimmed",
        level: Level::Field,
        shape: Shape::Flag,
        module: "trimmed",
        bound: Some(&["rules", "Text"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::Hints(2),
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "trimmed",
    },
    RuleDef {
        name: "https",
        level: Level::Field,
        shape: Shape::Flag,
        module: "https",
        bound: Some(&["rules", "Text"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::Hints(2),
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "https",
    },
    RuleDef {
        name: "nested",
        level: Level::Field,
        shape: Shape::Flag,
        module: "nested",
        bound: Some(&["Validate"]),
        takes_context: true,
        context_bound: Some(&["ValidateWith"]),
        bounds_parameters: true,
        probe: Probe::Hints(2),
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "nested",
    },
    RuleDef {
        name: "each",
        level: Level::Field,
        shape: Shape::Rules,
        module: "each",
        bound: Some(&["rules", "Each"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::None,
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "each(https, max_length = 511)",
    },
    RuleDef {
        name: "custom",
        level: Level::Any,
        shape: Shape::Function,
        module: "custom",
        bound: None,
        takes_context: true,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::Chooses(1),
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "custom = path::to::function",
    },
    RuleDef {
        name: "exclusive",
        level: Level::Struct,
        shape: Shape::Fields,
        module: "exclusive",
        bound: Some(&["rules", "Optional"]),
        takes_context: false,
        context_bound: None,
        bounds_parameters: false,
        probe: Probe::None,
        on_empty: OnEmpty::Checks,
        reports_none: false,
        example: "exclusive(parent_id, thread_id)",
    },
];

/// The rule named `name`.
pub fn find(name: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|rule| rule.name == name)
}

/// The names of the rules written at `level`.
pub fn names(level: Level) -> impl Iterator<Item = &'static str> + Clone {
    RULES
        .iter()
        .filter(move |rule| rule.level.allows(level))
        .map(|rule| rule.name)
}
