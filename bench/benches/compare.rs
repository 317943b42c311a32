//! Criterion benchmarks: each case, each operation, the three libraries side by side.
//!
//! Run through `bench/run.sh`, which turns the medians into `bench/BENCHMARKS.md`; or alone
//! with `cargo bench -p channel-bench --features peers`.

use std::hint::black_box;
use std::time::Duration;

use channel_bench::data::Case;
use channel_bench::{run, Garde, Library, Op, Ours, Validator};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};

fn compare(c: &mut Criterion) {
    for case in Case::ALL {
        let json = case.json();
        for op in Op::ALL {
            let mut group = c.benchmark_group(format!("{}/{}", op.name(), case.name()));
            if case == Case::Large {
                // Milliseconds per call: fewer samples keep the run short.
                group.sample_size(20);
            }
            bench::<Ours>(&mut group, op, &json);
            bench::<Garde>(&mut group, op, &json);
            bench::<Validator>(&mut group, op, &json);
            group.finish();
        }
    }
}

fn bench<L: Library>(group: &mut BenchmarkGroup<'_, WallTime>, op: Op, json: &str) {
    let push = L::deserialize(json);
    group.bench_function(L::NAME, |b| {
        b.iter(|| run::<L>(op, black_box(json), black_box(&push)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = compare
}
criterion_main!(benches);
