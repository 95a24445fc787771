#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds assess and runs
# every test: the GoogleTest suite and the Python package's pytest suite in a Release build,
# the GoogleTest suite under AddressSanitizer + UndefinedBehaviorSanitizer, the concurrency
# tests under ThreadSanitizer, each libFuzzer target for a short time (with clang), and the
# conformance cases of ../shared when they are there.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
started=$(date +%s)

echo "== format"
scripts/check-format.sh

# The sanitizer builds compile at -O1 with line tables only: their heavy test files build in
# half the time of -O2 -g (33 s -> 15 s for api_test.cc under ASan), which keeps CI's whole
# run well under its budget, and reports still name every file and line.
sanitizer_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")

build_and_test() {  # NAME CMAKE_ARGS...
  local name=$1; shift
  echo "== build/$name (at $(( $(date +%s) - started )) s)"
  cmake -S . -B "build/$name" -G Ninja "$@" > /dev/null
  cmake --build "build/$name" -j "$jobs"
  # --no-tests=error: a build without tests (a cache configured with them off) fails.
  (cd "build/$name" && ctest --output-on-failure --no-tests=error -j "$jobs" --timeout 600)
}

# Every option the builds depend on is stated: build/release is also scripts/example.sh's,
# configured there with tests off, and a CMake cache keeps whatever was set last. The
# release build has the benchmarks too: their baseline must keep agreeing with the engine
# bit for bit (bench_baseline_test), and their code must keep building.
build_and_test release -DCMAKE_BUILD_TYPE=Release -DASSESS_BUILD_BENCH=ON \
  -DASSESS_BUILD_TESTS=ON -DASSESS_BUILD_CLI=ON -DASSESS_SANITIZE=OFF -DASSESS_TSAN=OFF \
  -DASSESS_BUILD_FUZZERS=OFF -DASSESS_BUILD_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DASSESS_TEST_PER_PROGRAM=OFF

# The Python package (python/, tests/python/) with Debian's interpreter, which has Debian's
# pybind11, pandas and Dask (another python3 may come first on PATH without them).
echo "== python (at $(( $(date +%s) - started )) s)"
ASSESS_CLI="$PWD/build/release/assess" PYTHONPATH="$PWD/build/release/python" \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
# Installed, it imports from PREFIX/lib/python3/dist-packages (Debian's layout).
py_prefix=$(mktemp -d)
cmake --install build/release --prefix "$py_prefix" > /dev/null
(cd "$py_prefix" && PYTHONPATH="$py_prefix/lib/python3/dist-packages" /usr/bin/python3 -c \
  'import assess, assess.dask; print("installed package:", assess.__file__)')
rm -rf "$py_prefix"

build_and_test asan "${sanitizer_flags[@]}" -DASSESS_SANITIZE=ON -DASSESS_BUILD_BENCH=OFF \
  -DASSESS_BUILD_TESTS=ON -DASSESS_BUILD_CLI=ON -DASSESS_TSAN=OFF -DASSESS_BUILD_FUZZERS=OFF \
  -DASSESS_BUILD_PYTHON=OFF -DASSESS_TEST_PER_PROGRAM=ON

# One shared scheme evaluated from 8 threads, under ThreadSanitizer; and the readers that
# split a text between two threads (CSV and JSON in parts), through their tests. Only those
# targets are built (the library and the tests, no CLI), to keep CI time down.
echo "== build/tsan (at $(( $(date +%s) - started )) s)"
cmake -S . -B build/tsan -G Ninja "${sanitizer_flags[@]}" -DASSESS_TSAN=ON \
  -DASSESS_BUILD_BENCH=OFF -DASSESS_BUILD_CLI=OFF -DASSESS_BUILD_TESTS=ON -DASSESS_SANITIZE=OFF \
  -DASSESS_BUILD_FUZZERS=OFF -DASSESS_BUILD_PYTHON=OFF > /dev/null
cmake --build build/tsan -j "$jobs" --target concurrency_test io_test
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
build/tsan/tests/concurrency/concurrency_test
build/tsan/tests/io_test --gtest_filter='SharedEnd.*:CsvReader.TwoParts*:CsvReader.LargeFile*:ReadProgress.*:JsonDifferential.ValidJson*'
unset TSAN_OPTIONS

# Every libFuzzer target of fuzz/ for 20 s on its corpus, when clang is there (fuzz.sh).
echo "== fuzz (at $(( $(date +%s) - started )) s)"
scripts/fuzz.sh 20

if [ -x ../shared/conformance/run-conformance ]; then
  echo "== conformance (at $(( $(date +%s) - started )) s)"
  ../shared/conformance/run-conformance build/release/assess | tail -n 40
fi
echo "== all tests passed in $(( $(date +%s) - started )) s"
