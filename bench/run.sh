#!/usr/bin/env bash
# Regenerates bench/BENCHMARKS.md: channel-model beside garde and validator, on the same
# payloads, in one run. Run by hand (about ten minutes; needs valgrind); CI runs only the test
# that every library reports every planted violation. The JSON Lines throughput section is
# bench/jsonl.sh's.
#
#   1. criterion: wall-time medians of every case and operation;
#   2. callgrind: instructions per call, the repeatable measure on a shared, noisy machine;
#   3. dhat: heap allocations per call;
#   4. the derives' cold builds;
#   5. `report` turns all of it into the Markdown file.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { echo "run.sh needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out=target/channel-bench
rm -rf "$out" target/criterion
mkdir -p "$out"

echo "== criterion" >&2
# glibc gives large freed blocks back to the kernel (and maps new ones) between iterations; the
# page faults that follow would outweigh deserializing the large case. These thresholds keep
# the heap, so the medians measure the libraries.
GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824 \
  cargo bench -p channel-bench --features peers --bench compare

echo "== instructions per call (callgrind)" >&2
cargo build --release -q -p channel-bench --features peers --bins
for case in typical large invalid; do
  for op in validate deserialize deserialize+validate; do
    # Enough calls to dwarf the loop around them; fewer where one call is long.
    case "$case/$op" in
      large/validate) calls=5 ;;
      large/*) calls=2 ;;
      */validate) calls=50 ;;
      *) calls=10 ;;
    esac
    for library in channel-model garde validator; do
      valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
        --collect-atstart=no --toggle-collect='*measured*' \
        target/release/measure "$library" "$op" "$case" "$calls" >/dev/null 2>&1
      total=$(awk '/^summary:/ { print $2 }' "$out/callgrind.out")
      printf '%s\t%s\t%s\t%s\n' "$library" "$op" "$case" "$((total / calls))" >>"$out/instructions.tsv"
      echo "$library $op $case: $((total / calls))" >&2
    done
  done
done
rm -f "$out/callgrind.out"

echo "== heap allocations per call (dhat)" >&2
target/release/allocs >"$out/allocs.tsv"

echo "== the derives' cold builds" >&2
# A crate that depends on the derive alone, with the workspace's lock file (so the same
# versions), built from an empty target directory; the fastest of three runs.
locked() { awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock; }
cold_build() {
  local name=$1 dependency=$2 dir="$out/cold/$1" best_wall="" best_cpu=""
  mkdir -p "$dir/src"
  touch "$dir/src/lib.rs"
  cp Cargo.lock "$dir/"
  printf '[package]\nname = "cold-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
    "$name" "$dependency" >"$dir/Cargo.toml"
  (cd "$dir" && cargo fetch -q)
  for _ in 1 2 3; do
    rm -rf "$dir/target"
    local TIMEFORMAT='%R %U %S' times wall cpu
    times=$( { time (cd "$dir" && cargo build -q --offline >/dev/null 2>&1); } 2>&1 )
    wall=$(echo "$times" | awk '{ print $1 }')
    cpu=$(echo "$times" | awk '{ printf "%.3f", $2 + $3 }')
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall best_cpu=$cpu
    fi
  done
  printf '%s\t%s\t%s\n' "$name" "$best_wall" "$best_cpu" >>"$out/build.tsv"
  echo "$name: ${best_wall}s wall, ${best_cpu}s CPU" >&2
}
cold_build channel-derive "channel-derive = { path = \"$PWD/channel-derive\" }"
cold_build garde_derive "garde_derive = \"=$(locked garde_derive)\""
cold_build validator_derive "validator_derive = \"=$(locked validator_derive)\""
rm -rf "$out/cold"

echo "== report" >&2
# The JSON Lines section is bench/jsonl.sh's: kept as it is.
jsonl=$(awk '/^## / { keep = /^## JSON Lines throughput/ } keep' bench/BENCHMARKS.md)
target/release/report "$out" >bench/BENCHMARKS.md
[ -z "$jsonl" ] || printf '\n%s\n' "$jsonl" >>bench/BENCHMARKS.md
echo "wrote bench/BENCHMARKS.md" >&2
