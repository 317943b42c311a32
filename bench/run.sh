#!/usr/bin/env bash
# Regenerates bench/BENCHMARKS.md: channel-model beside garde and validator, on the same
# payloads, in one run. Run by hand (about ten minutes; needs valgrind); CI runs only the test
# that every library reports every planted violation. The JSON Lines throughput section is
# bench/jsonl.sh's.
#
#   1. criterion: wall-time medians of every case and operation;
#   2. callgrind: instructions per call, the repeatable measure on a shared, noisy machine;
#   3. callgrind: how decode + validate grows with the number of resources and the message size;
#   4. dhat: heap allocations per call;
#   5. the derives' cold builds: alone, in a crate with no derived struct, and in one with 20;
#   6. `report` turns all of it into the Markdown file.
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
# `instructions LIBRARY OP CASE CALLS` prints `LIBRARY OP CASE instructions-per-call`.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    --collect-atstart=no --toggle-collect='*measured*' \
    target/release/measure "$1" "$2" "$3" "$4" >/dev/null 2>&1
  local total
  total=$(awk '/^summary:/ { print $2 }' "$out/callgrind.out")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$((total / $4))"
  echo "$1 $2 $3: $((total / $4))" >&2
}
for case in typical large invalid; do
  for op in validate deserialize deserialize+validate; do
    # Enough calls to dwarf the loop around them; fewer where one call is long.
    case "$case/$op" in
      large/validate) calls=5 ;;
      large/*) calls=2 ;;
      */validate) calls=50 ;;
      *) calls=10 ;;
    esac
    libraries="channel-model garde validator"
    # channel-model's types also read by serde_json::from_str, without the model's decoder.
    [ "$op" = validate ] || libraries="$libraries channel-model/serde_json"
    for library in $libraries; do
      instructions "$library" "$op" "$case" "$calls" >>"$out/instructions.tsv"
    done
  done
done

echo "== growth (callgrind)" >&2
for size in $(target/release/measure growth); do
  case "$size" in
    growth-256-*|growth-*-16384|growth-*-65536) calls=3 ;;
    *) calls=10 ;;
  esac
  for library in channel-model garde; do
    instructions "$library" deserialize+validate "$size" "$calls" >>"$out/growth.tsv"
  done
done
rm -f "$out/callgrind.out"

echo "== heap allocations per call (dhat)" >&2
target/release/allocs >"$out/allocs.tsv"

echo "== the derives' cold builds" >&2
# A crate with the workspace's lock file (so the same versions), built from an empty target
# directory; the fastest of three runs. Twice for each library: a crate that depends on the
# derive alone, then one that depends on the library (the derive and its runtime) and derives
# Validate on 20 structs of four fields each, every field with rules, every struct after the
# first holding a list of the one before.
locked() { awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock; }
# `structs LIBRARY` prints the 20 structs in that library's attributes.
structs() {
  local i
  # validator needs its trait in scope, and the items it checks through `nested` Serialize.
  [ "$1" != validator ] || printf 'use validator::Validate;\n\n'
  for i in $(seq 1 20); do
    case "$1" in
      channel-model) printf '#[derive(channel_model::Validate)]
pub struct S%s {
    #[validate(required, trimmed, max_length = 255)]
    pub id: String,
    #[validate(non_empty, max_length = 64)]
    pub name: Option<String>,
    #[validate(max_length = 10, each(non_empty, max_length = 511))]
    pub urls: Vec<String>,\n' "$i"
        [ "$i" = 1 ] || printf '    #[validate(max_length = 16, nested)]\n    pub items: Vec<S%s>,\n' "$((i - 1))" ;;
      garde) printf '#[derive(garde::Validate)]
pub struct S%s {
    #[garde(length(chars, min = 1, max = 255))]
    pub id: String,
    #[garde(length(chars, min = 1, max = 64))]
    pub name: Option<String>,
    #[garde(length(max = 10), inner(length(chars, min = 1, max = 511)))]
    pub urls: Vec<String>,\n' "$i"
        [ "$i" = 1 ] || printf '    #[garde(length(max = 16), dive)]\n    pub items: Vec<S%s>,\n' "$((i - 1))" ;;
      validator) printf '#[derive(serde::Serialize, Validate)]
pub struct S%s {
    #[validate(length(min = 1, max = 255))]
    pub id: String,
    #[validate(length(min = 1, max = 64))]
    pub name: Option<String>,
    #[validate(length(max = 10))]
    pub urls: Vec<String>,\n' "$i"
        [ "$i" = 1 ] || printf '    #[validate(length(max = 16), nested)]\n    pub items: Vec<S%s>,\n' "$((i - 1))" ;;
    esac
    printf '}\n\n'
  done
}
# `cold_build NAME DEPENDENCY [LIBRARY]`: with LIBRARY, the crate holds its 20 structs.
cold_build() {
  local name=$1 dependency=$2 library=${3:-} dir="$out/cold/$1" best_wall="" best_cpu=""
  mkdir -p "$dir/src"
  if [ -n "$library" ]; then structs "$library" >"$dir/src/lib.rs"; else : >"$dir/src/lib.rs"; fi
  cp Cargo.lock "$dir/"
  printf '[package]\nname = "cold-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
    "${name//+/-}" "$dependency" >"$dir/Cargo.toml"
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
  # A crate that does not build has no build time.
  (cd "$dir" && cargo build -q --offline >/dev/null 2>&1) || { echo "$name does not build" >&2; exit 1; }
  printf '%s\t%s\t%s\n' "$name" "$best_wall" "$best_cpu" >>"$out/build.tsv"
  echo "$name: ${best_wall}s wall, ${best_cpu}s CPU" >&2
}
cold_build channel-derive "channel-derive = { path = \"$PWD/channel-derive\" }"
cold_build garde_derive "garde_derive = \"=$(locked garde_derive)\""
cold_build validator_derive "validator_derive = \"=$(locked validator_derive)\""
# The runtimes with no derived struct: what the 20 structs add to each.
cold_build channel-model+0 "channel-model = { path = \"$PWD/channel-model\" }"
cold_build garde+0 "garde = { version = \"=$(locked garde)\", default-features = false, features = [\"derive\"] }"
cold_build channel-model+20 "channel-model = { path = \"$PWD/channel-model\" }" channel-model
cold_build garde+20 "garde = { version = \"=$(locked garde)\", default-features = false, features = [\"derive\"] }" garde
cold_build validator+20 "validator = { version = \"=$(locked validator)\", features = [\"derive\"] }
serde = { version = \"=$(locked serde)\", features = [\"derive\"] }" validator
rm -rf "$out/cold"

echo "== report" >&2
# The JSON Lines section is bench/jsonl.sh's: kept as it is.
jsonl=$(awk '/^## / { keep = /^## JSON Lines throughput/ } keep' bench/BENCHMARKS.md)
target/release/report "$out" >bench/BENCHMARKS.md
[ -z "$jsonl" ] || printf '\n%s\n' "$jsonl" >>bench/BENCHMARKS.md
echo "wrote bench/BENCHMARKS.md" >&2
