//! Counts the heap allocations of one call of each library's operations on each case.
//!
//! Prints `library  op  case  allocations  bytes` per line (tab-separated, per call). dhat's
//! allocator counts every allocation of the process, so this is a binary of its own, and
//! instructions are counted elsewhere (`measure`), without it.

use std::hint::black_box;

use channel_bench::data::Case;
use channel_bench::{run, Garde, Library, Op, Ours, OursViaSerdeJson, Validator};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Calls per measurement: the count is the same for every call, so a few suffice.
const CALLS: u64 = 3;

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    for case in Case::ALL {
        let json = case.json();
        count::<Ours>(case, &json);
        count::<OursViaSerdeJson>(case, &json);
        count::<Garde>(case, &json);
        count::<Validator>(case, &json);
    }
}

fn count<L: Library>(case: Case, json: &str) {
    let push = L::deserialize(json);
    for op in Op::ALL {
        let before = dhat::HeapStats::get();
        for _ in 0..CALLS {
            black_box(run::<L>(op, black_box(json), black_box(&push)));
        }
        let after = dhat::HeapStats::get();
        let blocks = (after.total_blocks - before.total_blocks) / CALLS;
        let bytes = (after.total_bytes - before.total_bytes) / CALLS;
        println!(
            "{}\t{}\t{}\t{blocks}\t{bytes}",
            L::NAME,
            op.name(),
            case.name()
        );
    }
}
