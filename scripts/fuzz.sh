#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, AddressSanitizer + UndefinedBehaviorSanitizer)
# in build/fuzz and runs each for SECONDS (default 20) on its corpus, fuzz/corpus/<name>/ for
# <name>_fuzzer. Inputs the fuzzer finds go to build/fuzz/corpus/<target>/ (the committed
# corpus is only read); a crash stops the script with the input saved as
# build/fuzz/artifacts/<target>-crash-*. Without clang it says so and does nothing.
#   scripts/fuzz.sh                 # every target, 20 s each (scripts/test.sh does this)
#   scripts/fuzz.sh 600 csv_fuzzer  # a 10-minute campaign of one target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
[ $# -gt 0 ] && shift
cc=$(command -v clang-14 || command -v clang || true)
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cc" ] || [ -z "$cxx" ]; then
  echo "== fuzz: no clang, skipped"
  exit 0
fi
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# Every option this build depends on, so that an older cache in build/fuzz changes nothing.
cmake -S . -B build/fuzz -G Ninja -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DASSESS_BUILD_FUZZERS=ON -DASSESS_BUILD_TESTS=OFF \
  -DASSESS_BUILD_CLI=OFF -DASSESS_BUILD_BENCH=OFF -DASSESS_SANITIZE=OFF -DASSESS_TSAN=OFF \
  -DASSESS_BUILD_PYTHON=OFF "${launcher[@]}" > /dev/null
# The targets fuzz/CMakeLists.txt lists (ASSESS_FUZZERS), or those named on the command line.
if [ $# -gt 0 ]; then
  targets=("$@")
else
  IFS=';' read -r -a targets < build/fuzz/fuzz/fuzzers.txt
fi
cmake --build build/fuzz -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"
mkdir -p build/fuzz/artifacts
# The build's UndefinedBehaviorSanitizer checks report and go on by default: stopping at the
# first report makes undefined behaviour a finding (its input saved) like a crash.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for target in "${targets[@]}"; do
  seeds=fuzz/corpus/${target%_fuzzer}
  work=build/fuzz/corpus/$target
  [ -d "$seeds" ] || { echo "fuzz: no corpus $seeds for $target" >&2; exit 1; }
  mkdir -p "$work"
  echo "== fuzz $target (${seconds} s)"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a blow-up is a finding too.
  log=build/fuzz/$target.log
  status=0
  build/fuzz/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" "$work" "$seeds" \
    > "$log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz: $target failed (log: $log)" >&2
    exit 1
  fi
done
