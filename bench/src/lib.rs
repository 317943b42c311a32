//! Benchmarks of `channel_model`'s validation against `validator` and `garde`, on the same
//! payloads with the same rules.
//!
//! - [`data`]: the payloads (typical, large, invalid) and the violations planted in one.
//! - [`Library`]: one interface over the three libraries, so that the benchmark, the
//!   instruction counter and the tests run the same code for each.
//! - `garde_model` and `validator_model` (feature `peers`): the push payload in each peer's
//!   own types and derive, with each rule a peer cannot express natively noted where it is
//!   written.
//!
//! `bench/run.sh` measures everything and regenerates `bench/BENCHMARKS.md`.

use serde::de::DeserializeOwned;

pub mod data;
#[cfg(feature = "peers")]
pub mod garde_model;
#[cfg(feature = "peers")]
mod peers;
#[cfg(feature = "peers")]
pub mod validator_model;

/// A validation library, seen through the push payload expressed in its own types.
pub trait Library {
    /// The name in benchmark ids and reports.
    const NAME: &'static str;
    /// The push request in the library's types.
    type Push: DeserializeOwned;
    /// What a failed validation returns.
    type Errors;

    /// The library's own `validate()`.
    fn validate(push: &Self::Push) -> Result<(), Self::Errors>;

    /// The JSON Pointer of each violation, in the library's order.
    fn paths(errors: &Self::Errors) -> Vec<String>;

    /// Deserializes a push from JSON.
    fn deserialize(json: &str) -> Self::Push {
        serde_json::from_str(json).expect("the generated JSON deserializes")
    }
}

/// `channel_model`, through its own `PushRequest`.
pub struct Ours;

impl Library for Ours {
    const NAME: &'static str = "channel-model";
    type Push = channel_model::PushRequest;
    type Errors = channel_model::ValidationErrors;

    fn validate(push: &Self::Push) -> Result<(), Self::Errors> {
        channel_model::Validate::validate(push)
    }

    fn paths(errors: &Self::Errors) -> Vec<String> {
        errors.iter().map(|v| v.path().to_string()).collect()
    }

    /// The decoder a user of `channel_model` calls: it tracks where it is and refuses
    /// duplicate keys, so that its errors name a path and never quote the input.
    fn deserialize(json: &str) -> Self::Push {
        channel_model::from_str(json).expect("the generated JSON decodes")
    }
}

/// `channel_model`'s types read by `serde_json::from_str` rather than by the model's own
/// decoder: what decoding costs without the tracking that makes its errors safe to log.
pub struct OursViaSerdeJson;

impl Library for OursViaSerdeJson {
    const NAME: &'static str = "channel-model/serde_json";
    type Push = channel_model::PushRequest;
    type Errors = channel_model::ValidationErrors;

    fn validate(push: &Self::Push) -> Result<(), Self::Errors> {
        Ours::validate(push)
    }

    fn paths(errors: &Self::Errors) -> Vec<String> {
        Ours::paths(errors)
    }
}

#[cfg(feature = "peers")]
pub use garde_model::Garde;
#[cfg(feature = "peers")]
pub use validator_model::Validator;

/// What is measured, each on one case's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `validate()` on an already deserialized push.
    Validate,
    /// Deserializing the JSON alone: the baseline that validation adds to.
    Deserialize,
    /// Deserializing the JSON, then `validate()`.
    DeserializeValidate,
}

impl Op {
    /// Every operation, in the order the report lists them.
    pub const ALL: [Op; 3] = [Op::Validate, Op::Deserialize, Op::DeserializeValidate];

    /// The operation's name in benchmark ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            Op::Validate => "validate",
            Op::Deserialize => "deserialize",
            Op::DeserializeValidate => "deserialize+validate",
        }
    }

    /// The operation called `name`.
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// Runs `op` of library `L` once on `json` (or on `push`, its deserialized form) and returns
/// whether the push was valid, so the work cannot be optimized away.
pub fn run<L: Library>(op: Op, json: &str, push: &L::Push) -> bool {
    match op {
        Op::Validate => L::validate(push).is_ok(),
        Op::Deserialize => {
            let push = L::deserialize(json);
            std::hint::black_box(&push);
            true
        }
        Op::DeserializeValidate => L::validate(&L::deserialize(json)).is_ok(),
    }
}

/// The libraries' names, ours first.
pub const LIBRARIES: [&str; 3] = ["channel-model", "garde", "validator"];
