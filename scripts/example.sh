#!/usr/bin/env bash
# The README's first command: installs what is missing, builds assess (Release) and runs the
# bundled district scheme on the bundled example data, printing the results.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DASSESS_BUILD_TESTS=OFF -DASSESS_BUILD_BENCH=OFF -DASSESS_BUILD_CLI=ON \
      -DASSESS_SANITIZE=OFF -DASSESS_TSAN=OFF -DASSESS_BUILD_FUZZERS=OFF \
      -DASSESS_BUILD_PYTHON=OFF > /dev/null
cmake --build build/release --target assess_cli
echo
echo "== assess test rules/district.yaml"
build/release/assess test rules/district.yaml
echo
echo "== assess run rules/district.yaml examples/district-2025.csv"
status=0
build/release/assess run rules/district.yaml examples/district-2025.csv || status=$?
# Exit status 1 means some units are in error (the example data has one bad row on purpose).
[ "$status" -le 1 ] || exit "$status"
