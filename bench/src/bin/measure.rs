//! Runs one library's operation on one case `N` times, for `valgrind --tool=callgrind`.
//!
//! `measure LIBRARY OP CASE N`, e.g. `measure garde validate typical 100`; `CASE` is a case
//! (`typical`, `large`, `invalid`) or a size of the growth table (`growth-100-200`, all of
//! them listed by `measure growth`). Only the calls
//! inside `measured` are meant to be counted: run it under callgrind with
//! `--collect-atstart=no --toggle-collect='*measured*'`, so that building the data is left out,
//! and divide the instructions by `N`. It uses the system allocator, unlike `allocs`, whose
//! counting allocator would add its own instructions.

use std::hint::black_box;
use std::process::ExitCode;

use channel_bench::data::{Case, Growth};
use channel_bench::{run, Garde, Library, Op, Ours, OursViaSerdeJson, Validator};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["growth"] {
        // The sizes of the growth table, for `run.sh`.
        for growth in Growth::ALL {
            println!("{}", growth.name());
        }
        return ExitCode::SUCCESS;
    }
    let [library, op, case, n] = args.as_slice() else {
        eprintln!("usage: measure LIBRARY OP CASE N");
        return ExitCode::FAILURE;
    };
    let json = match (Case::from_name(case), Growth::from_name(case)) {
        (Some(case), _) => case.json(),
        (None, Some(growth)) => growth.json(),
        (None, None) => String::new(),
    };
    let (Some(op), false, Ok(n)) = (Op::from_name(op), json.is_empty(), n.parse()) else {
        eprintln!("unknown operation or case, or N is not a number");
        return ExitCode::FAILURE;
    };
    let valid = match library.as_str() {
        Ours::NAME => measure::<Ours>(op, &json, n),
        OursViaSerdeJson::NAME => measure::<OursViaSerdeJson>(op, &json, n),
        Garde::NAME => measure::<Garde>(op, &json, n),
        Validator::NAME => measure::<Validator>(op, &json, n),
        _ => {
            eprintln!("unknown library {library}");
            return ExitCode::FAILURE;
        }
    };
    println!("{valid} of {n} calls found the push valid");
    ExitCode::SUCCESS
}

fn measure<L: Library>(op: Op, json: &str, n: usize) -> usize {
    let push = L::deserialize(json);
    measured::<L>(op, json, &push, n)
}

/// The calls that callgrind counts.
#[inline(never)]
fn measured<L: Library>(op: Op, json: &str, push: &L::Push, n: usize) -> usize {
    (0..n)
        .filter(|_| run::<L>(op, black_box(json), black_box(push)))
        .count()
}
