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
    /// Whether a generic field's type parameters get the bound rather than its type: the
    /// trait is the derived one, and a recursive type (`children: Vec<Node<T>>`) would need
    /// its own impl to prove its impl.
    pub bounds_parameters: bool,
    /// How many references the derive puts around `rules::<module>::probe::Probe(value)`
    /// before calling `.target()` on it, so that method resolution picks what the rule checks
    /// from the field's concrete type (the module says what each level picks); 0 to pass the
    /// value itself. A probed rule bounds only a field whose type is a type parameter: for
    /// any other type the probe finds its choice without a where-clause.
    pub probe: usize,
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
        bounds_parameters: false,
        probe: 4,
        example: "required",
    },
    RuleDef {
        name: "non_empty",
        level: Level::Field,
        shape: Shape::Flag,
        module: "non_empty",
        bound: Some(&["rules", "Length"]),
        bounds_parameters: false,
        probe: 0,
        example: "non_empty",
    },
    RuleDef {
        name: "max_length",
        level: Level::Field,
        shape: Shape::Limit,
        module: "max_length",
        bound: Some(&["rules", "Length"]),
        bounds_parameters: false,
        probe: 0,
        example: "max_length = 255",
    },
    RuleDef {
        name: "min_length",
        level: Level::Field,
        shape: Shape::Limit,
        module: "min_length",
        bound: Some(&["rules", "Length"]),
        bounds_parameters: false,
        probe: 0,
        example: "min_length = 3",
    },
    RuleDef {
        name: "ascii",
        level: Level::Field,
        shape: Shape::Flag,
        module: "ascii",
        bound: Some(&["rules", "Text"]),
        bounds_parameters: false,
        probe: 0,
        example: "ascii",
    },
    RuleDef {
        name: "trimmed",
        level: Level::Field,
        shape: Shape::Flag,
        module: "trimmed",
        bound: Some(&["rules", "Text"]),
        bounds_parameters: false,
        probe: 0,
        example: "trimmed",
    },
    RuleDef {
        name: "https",
        level: Level::Field,
        shape: Shape::Flag,
        module: "https",
        bound: Some(&["rules", "Text"]),
        bounds_parameters: false,
        probe: 0,
        example: "https",
    },
    RuleDef {
        name: "nested",
        level: Level::Field,
        shape: Shape::Flag,
        module: "nested",
        bound: Some(&["Validate"]),
        bounds_parameters: true,
        probe: 0,
        example: "nested",
    },
    RuleDef {
        name: "each",
        level: Level::Field,
        shape: Shape::Rules,
        module: "each",
        bound: Some(&["rules", "Each"]),
        bounds_parameters: false,
        probe: 0,
        example: "each(https, max_length = 511)",
    },
    RuleDef {
        name: "custom",
        level: Level::Any,
        shape: Shape::Function,
        module: "custom",
        bound: None,
        bounds_parameters: false,
        probe: 1,
        example: "custom = path::to::function",
    },
    RuleDef {
        name: "exclusive",
        level: Level::Struct,
        shape: Shape::Fields,
        module: "exclusive",
        bound: Some(&["rules", "Optional"]),
        bounds_parameters: false,
        probe: 0,
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
