#!/usr/bin/env bash
# Peak memory of `assess run` on a generated CSV, against the performance issue's target:
# peak resident set size <= 2 x the file's size + 100 MB, measured with /usr/bin/time -v.
#
#   bench/memory.sh [BUILD_DIR] [UNITS] [LEAVES]
#
# Defaults: build-bench (a Release build with ASSESS_BUILD_BENCH on), 1,000,000 units,
# 100 leaves (a CSV of about 1 GB, written under ${TMPDIR:-/tmp} and removed at the end).
# Exit status: 0 when the target holds, 1 when it is missed, 2 when something failed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
units=${2:-1000000}
leaves=${3:-100}

for exe in "$build/assess" "$build/bench/assess_gen"; do
  if [ ! -x "$exe" ]; then
    echo "memory.sh: $exe is missing; build it first:" >&2
    echo "  cmake --build $build --target assess_cli assess_gen" >&2
    exit 2
  fi
done
if [ ! -x /usr/bin/time ]; then
  echo "memory.sh: /usr/bin/time is missing; installing it (apt-get install time)" >&2
  apt-get install -y time > /dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "generating $units units x $leaves leaves ..."
"$build/bench/assess_gen" "$leaves" "$units" "$tmp/rules.yaml" "$tmp/data.csv"
size=$(stat -c %s "$tmp/data.csv")

status=0
/usr/bin/time -v "$build/assess" run "$tmp/rules.yaml" "$tmp/data.csv" -o /dev/null \
  --timings \
  2> "$tmp/time.txt" || status=$?
grep -E "^timings:|summary|units" "$tmp/time.txt" | grep -v "^\s" || true
if [ "$status" -ne 0 ]; then
  echo "memory.sh: assess run exited with $status" >&2
  cat "$tmp/time.txt" >&2
  exit 2
fi
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$tmp/time.txt")
rss=$((rss_kb * 1024))
target=$((2 * size + 100 * 1000 * 1000))

mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
echo "file size:        $(mb "$size") ($size bytes)"
ratio=$(awk -v r="$rss" -v s="$size" 'BEGIN { printf "%.2f", r / s }')
echo "peak RSS:         $(mb "$rss") ($ratio x the file)"
echo "target:           <= $(mb "$target") (2 x size + 100 MB)"
echo "wall time:        $wall"
if [ "$rss" -le "$target" ]; then
  echo "peak memory target: MET"
else
  echo "peak memory target: MISSED"
  exit 1
fi
