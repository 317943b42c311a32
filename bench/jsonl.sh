#!/usr/bin/env bash
# The JSON Lines throughput benchmark: the release `channel-validate` checking a generated log
# of typical pushes, beside a baseline that only parses each line with serde_json into
# `IgnoredAny` on one core; and the peak memory of the command on logs of two sizes and on the
# two documents whose findings once took gigabytes. Replaces the "JSON Lines throughput"
# section of bench/BENCHMARKS.md. Run by hand (a few minutes; needs GNU time:
# apt-get install time, and about 1.5 GB of disk under target/).
#
#   bench/jsonl.sh [MIB]    # the log's size, 256 MiB by default (at least 100)
#
# bench/jsonl-notes.md, written by hand after a run (what the figures show, and any gap to the
# goals), goes under the tables.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x /usr/bin/time ] || { echo "jsonl.sh needs GNU time (apt-get install time)" >&2; exit 1; }
mib=${1:-256}
out=target/channel-bench/jsonl
mkdir -p "$out"
cargo build --release -q -p channel-validate -p channel-bench --bin channel-validate --bin jsonl
cli=target/release/channel-validate
jsonl=target/release/jsonl

echo "== generating" >&2
$jsonl log "$out/log.jsonl" "$mib"
$jsonl log "$out/log-4x.jsonl" "$((mib * 4))"
$jsonl bad-urls "$out/bad-urls.json"
$jsonl many-resources "$out/many-resources.json"

# Runs a command (stdout to /dev/null), the best of three; prints "seconds peak_rss_kib exit".
measure() {
  local best="" rss="" code
  for _ in 1 2 3; do
    set +e
    /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr"
    code=$?
    set -e
    # GNU time writes "Command exited with non-zero status N" first when the status is not 0.
    read -r seconds kib < <(tail -n 1 "$out/time")
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds rss=$kib
    fi
  done
  echo "$best $rss $code"
}

bytes=$(stat -c %s "$out/log.jsonl")
lines=$(wc -l <"$out/log.jsonl")
echo "== baseline" >&2
read -r base_s base_kib _ < <(measure $jsonl baseline "$out/log.jsonl")
echo "== channel-validate, one core" >&2
read -r one_s one_kib one_code < <(measure $cli --jobs 1 "$out/log.jsonl")
echo "== channel-validate, all cores" >&2
read -r all_s all_kib all_code < <(measure $cli "$out/log.jsonl")
echo "== channel-validate, all cores, a log 4 times larger" >&2
big_bytes=$(stat -c %s "$out/log-4x.jsonl")
read -r big_s big_kib _ < <(measure $cli "$out/log-4x.jsonl")
echo "== the two documents full of violations" >&2
read -r urls_s urls_kib urls_code < <(measure $cli "$out/bad-urls.json")
read -r many_s many_kib many_code < <(measure $cli "$out/many-resources.json")
urls_bytes=$(stat -c %s "$out/bad-urls.json")
many_bytes=$(stat -c %s "$out/many-resources.json")

rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
met() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = op == ">=" ? a >= b : a < b; print ok ? "yes" : "no" }'; }
base_rate=$(rate "$bytes" "$base_s")
one_rate=$(rate "$bytes" "$one_s")
all_rate=$(rate "$bytes" "$all_s")
one_x=$(ratio "$one_s" "$base_s")
all_x=$(ratio "$all_s" "$base_s")
peak=$(awk -v a="$all_kib" -v b="$big_kib" -v c="$one_kib" 'BEGIN { m = a > b ? a : b; m = m > c ? m : c; print m }')

section=$(cat <<MD
## JSON Lines throughput

\`bench/jsonl.sh\` ($(rustc --version | cut -d' ' -f1-2); $(nproc) cores): the release \`channel-validate\` checking a generated log of typical pushes ($(mb $((bytes / 1024))) MiB, $lines lines of 1 to 3 resources of the \`typical\` case each, kind inferred, text output to \`/dev/null\`), beside a baseline that only parses each line with serde_json into \`IgnoredAny\` on one core (\`jsonl baseline\`). Wall time and peak RSS (GNU time), the best of three runs.

| run | time | throughput | × baseline | peak RSS |
|---|---|---|---|---|
| baseline: serde_json into \`IgnoredAny\`, one core | ${base_s} s | ${base_rate} MiB/s | 1.00 | $(mb "$base_kib") MiB |
| channel-validate \`--jobs 1\` | ${one_s} s | ${one_rate} MiB/s | ${one_x} | $(mb "$one_kib") MiB |
| channel-validate, all cores | ${all_s} s | ${all_rate} MiB/s | ${all_x} | $(mb "$all_kib") MiB |
| channel-validate, all cores, a log of $(mb $((big_bytes / 1024))) MiB | ${big_s} s | $(rate "$big_bytes" "$big_s") MiB/s | | $(mb "$big_kib") MiB |

| goal | measured | met |
|---|---|---|
| one core: at least 0.4× the baseline's bytes per second | ${one_x}× | $(met "$one_x" ">=" 0.4) |
| all cores: at least 0.8× the baseline's bytes per second | ${all_x}× | $(met "$all_x" ">=" 0.8) |
| peak RSS under 100 MB, whatever the log's size | $(mb "$peak") MiB at most (both sizes) | $(met "$peak" "<" 97656) |

Documents full of violations, checked with the default \`--max-findings 100\` (exit status 1; all of the findings are counted, 100 are kept):

| document | size | time | peak RSS |
|---|---|---|---|
| one push whose \`file_urls\` holds 4 million non-https items | $(mb $((urls_bytes / 1024))) MiB | ${urls_s} s | $(mb "$urls_kib") MiB |
| one push of a million resources with 2 violations each | $(mb $((many_bytes / 1024))) MiB | ${many_s} s | $(mb "$many_kib") MiB |
$(cat bench/jsonl-notes.md)
MD
)
echo "exit statuses: one core $one_code, all cores $all_code, bad-urls $urls_code, many-resources $many_code" >&2

# The section replaces the one already in BENCHMARKS.md, or is appended.
awk -v section="$section" '
  /^## JSON Lines throughput/ { print section; skip = 1; printed = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!printed) { print ""; print section } }
' bench/BENCHMARKS.md >"$out/BENCHMARKS.md"
mv "$out/BENCHMARKS.md" bench/BENCHMARKS.md
echo "updated bench/BENCHMARKS.md" >&2
echo "$section"
