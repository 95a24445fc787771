#!/usr/bin/env bash
# The integrator's path, end to end (issue: embedding, "Done means"):
#  1. a fresh build of assess with BUILD_SHARED_LIBS=ON, installed into a temporary prefix;
#     the install tree, the SONAME and the exported symbols (the API only) are checked;
#  2. examples/embed.cpp built by a separate CMake project with find_package(assess), and
#     examples/embed.c built with `cc $(pkg-config --cflags --libs assess)`; both run on the
#     bundled example and must print the same ranking; the installed `assess` runs too;
#  3. the build this test belongs to (static by default) installed as well, and both
#     examples built against it (find_dependency, pkg-config --static);
#  4. a project that add_subdirectory()s the source tree builds and runs, with assess's
#     tests off; one that uses FetchContent configures.
#
#   run_install_test.sh SOURCE_DIR WORK_DIR [OUTER_BUILD_DIR]
#
# Output: the install tree, the symbol count and both examples' output, for the record.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$2
outer=${3:-}
jobs=${ASSESS_PACKAGE_TEST_JOBS:-2}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
prefix=$work/prefix

step() { echo; echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
run_logged() {  # LOG COMMAND...: quiet unless it fails
  local log=$1; shift
  "$@" >"$log" 2>&1 || { tail -n 60 "$log"; fail "$* (log: $log)"; }
}

# Compile time matters here, optimization does not: -O0 without debug info, and ccache
# when there is one (scripts/install-deps.sh installs it): the add_subdirectory build then
# reuses the first build's objects (2 minutes of CI's 2 cores). It builds assess shared too,
# so that the compiler's flags are the same, and CCACHE_BASEDIR makes the paths under $work
# relative: both builds run the compiler one folder below it.
fast=(-G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DCMAKE_C_FLAGS_DEBUG=-O0)
if command -v ccache >/dev/null; then
  export CCACHE_DIR=${CCACHE_DIR:-$work/ccache} CCACHE_BASEDIR=$work
  fast+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
example_args=("$src/rules/district.yaml" "$src/examples/district-2025.csv" overachievement_limit=1)

# The examples print the same thing through either API: a header line, the ranking, the
# units not scored, and one section per what-if scenario.
check_example_output() {  # FILE
  grep -q '^区域绩效考核（年度）: 36 units, 1 in error, 2 evaluations on 2 threads$' "$1" ||
    fail "$1: unexpected header: $(head -n 1 "$1")"
  [ "$(grep -cE '^ *[0-9]+ +[0-9]+\.[0-9]{2} +[0-9]+  ' "$1")" = 35 ] ||
    fail "$1: the ranking does not have the 35 scored units"
  grep -q '^not scored: data error: unit 营城子街道' "$1" || fail "$1: the unit in error is missing"
  grep -q '^what if overachievement_limit=1: ' "$1" || fail "$1: the scenario is missing"
}

# ---- 1. shared build, installed ----------------------------------------------------------
step "fresh shared build of assess, installed into $prefix"
run_logged "$work/configure.log" cmake -S "$src" -B "$work/build" "${fast[@]}" \
  -DBUILD_SHARED_LIBS=ON -DASSESS_BUILD_TESTS=OFF -DASSESS_BUILD_BENCH=OFF \
  -DCMAKE_INSTALL_PREFIX="$prefix"
run_logged "$work/build.log" cmake --build "$work/build" -j "$jobs"
run_logged "$work/install.log" cmake --install "$work/build"
(cd "$prefix" && find . \( -type f -o -type l \) | sort | sed 's|^\./||') | tee "$work/tree.txt"

libdir=$prefix/lib
major=$(sed -n 's/^#define ASSESS_ABI_VERSION \([0-9]*\)/\1/p' "$src/include/assess/api.h")
for f in include/assess/api.h include/assess/assess.h include/assess/scheme.h \
         include/assess/batch.h include/assess/evaluate.h include/assess/results.h \
         include/assess/expected.h include/assess/diagnostic.h include/assess/partition.h \
         lib/libassess.so "lib/libassess.so.$major" \
         lib/cmake/assess/assessConfig.cmake lib/cmake/assess/assessConfigVersion.cmake \
         lib/cmake/assess/assessTargets.cmake lib/pkgconfig/assess.pc bin/assess; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ "$(ls "$prefix/include/assess" | wc -l)" -le 9 ] || fail "more than 9 public headers"
soname=$(readelf -d "$libdir/libassess.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
echo "SONAME: $soname"
[ "$soname" = "libassess.so.$major" ] || fail "SONAME is $soname, not libassess.so.$major"

step "symbols exported by libassess.so (nm -D --defined-only)"
nm -D --defined-only "$libdir/libassess.so" | awk '{print $3}' | sort >"$work/symbols.txt"
c++filt <"$work/symbols.txt" >"$work/symbols-demangled.txt"
total=$(wc -l <"$work/symbols.txt")
c_api=$(grep -c '^assess_' "$work/symbols.txt" || true)
cpp_api=$(grep -cE '^assess::' "$work/symbols-demangled.txt" || true)
echo "$total symbols: $c_api of the C API (assess_*), $cpp_api of the C++ API (assess::)"
# Every symbol is the C API, a public class's member or a public function; nothing of the
# internals (assess::internal, check, eval...), yaml-cpp, fmt, Boost or the standard library.
public='^(assess_[a-z_]+|assess::(Scheme|Batch|BatchBuilder|Results|Diagnostic|Partials|PeerState)::|assess::(Evaluate|EvaluateReleasing|RunEmbeddedTests|EvaluatePartials|EvaluatePart|EvaluateInParts|RepeatableIds|RepeatedUnits|MarkRepeated|ReadPartText)(\[abi:cxx11\])?\(|ASSESS_[0-9.]+$)'
if grep -vE "$public" "$work/symbols-demangled.txt" >"$work/symbols-unexpected.txt"; then
  head -n 20 "$work/symbols-unexpected.txt"
  fail "libassess.so exports $(wc -l <"$work/symbols-unexpected.txt") symbols outside the API"
fi
[ "$c_api" -ge 50 ] || fail "only $c_api assess_* symbols"
[ "$cpp_api" -ge 30 ] || fail "only $cpp_api assess:: symbols"

# The Python package, when it was built, against the installed shared library.
if [ -d "$prefix/lib/python3/dist-packages/assess" ]; then
  step "the Python package from $prefix/lib/python3/dist-packages"
  (cd "$work" && PYTHONPATH="$prefix/lib/python3/dist-packages" /usr/bin/python3 -c \
    'import assess; print(assess.Scheme.from_text("scheme: s\ninputs:\n  x: {type: number}\nindicators:\n  - {id: a, points: 10, score: x}\n").id)') \
    | grep -qx s || fail "the installed Python package does not import"
fi

# ---- 2. the examples against the installed shared library ----------------------------------
step "embed.cpp: a separate CMake project, find_package(assess) from $prefix"
run_logged "$work/embed-cpp-configure.log" cmake -S "$src/examples" -B "$work/embed-cpp" \
  -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
run_logged "$work/embed-cpp-build.log" cmake --build "$work/embed-cpp" --target embed
"$work/embed-cpp/embed" "${example_args[@]}" | tee "$work/embed-cpp.out"
check_example_output "$work/embed-cpp.out"

step "embed.c: cc \$(pkg-config --cflags --libs assess)"
export PKG_CONFIG_PATH=$libdir/pkgconfig
echo "pkg-config --cflags --libs assess: $(pkg-config --cflags --libs assess)"
# shellcheck disable=SC2046  # pkg-config's flags are meant to be split
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$work/embed_c" "$src/examples/embed.c" \
  $(pkg-config --cflags --libs assess) -pthread
LD_LIBRARY_PATH=$libdir "$work/embed_c" "${example_args[@]}" | tee "$work/embed-c.out"
check_example_output "$work/embed-c.out"
diff -u "$work/embed-cpp.out" "$work/embed-c.out" || fail "embed.c and embed.cpp print differently"
echo "embed.c and embed.cpp print the same"

step "the installed assess command (finds libassess through its RPATH)"
env -u LD_LIBRARY_PATH "$prefix/bin/assess" check "$src/rules/district.yaml"
lines=$(env -u LD_LIBRARY_PATH "$prefix/bin/assess" run "$src/rules/district.yaml" \
  "$src/examples/district-2025.csv" 2>/dev/null | wc -l || true)
[ "$lines" = 37 ] || fail "assess run wrote $lines lines, not a header and 36 units"

# ---- 3. the outer build (static unless configured otherwise), installed --------------------
if [ -n "$outer" ] && [ -f "$outer/cmake_install.cmake" ]; then
  step "this build's library, installed into $work/prefix-outer"
  run_logged "$work/install-outer.log" cmake --install "$outer" --prefix "$work/prefix-outer"
  ls "$work/prefix-outer/lib"
  run_logged "$work/embed-outer-configure.log" cmake -S "$src/examples" -B "$work/embed-outer" \
    -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix-outer"
  run_logged "$work/embed-outer-build.log" cmake --build "$work/embed-outer"
  "$work/embed-outer/embed" "${example_args[@]}" >"$work/embed-outer.out"
  "$work/embed-outer/embed_c" "${example_args[@]}" >"$work/embed-outer-c.out"
  diff -u "$work/embed-cpp.out" "$work/embed-outer.out" || fail "the outer build prints differently"
  diff -u "$work/embed-cpp.out" "$work/embed-outer-c.out" || fail "embed_c (CMake) prints differently"
  if [ -e "$work/prefix-outer/lib/libassess.a" ]; then
    pc="--static"
    static_flags=$(PKG_CONFIG_PATH=$work/prefix-outer/lib/pkgconfig pkg-config $pc --cflags --libs assess)
    echo "pkg-config --static --cflags --libs assess: $static_flags"
    # shellcheck disable=SC2086
    cc -std=c99 -o "$work/embed_c_static" "$src/examples/embed.c" $static_flags
    "$work/embed_c_static" "${example_args[@]}" >"$work/embed-c-static.out"
    diff -u "$work/embed-cpp.out" "$work/embed-c-static.out" || fail "static embed.c prints differently"
  fi
  echo "both examples built against this build's installed package print the same"
fi

# ---- 4. add_subdirectory and FetchContent ---------------------------------------------------
step "a project that add_subdirectory()s assess"
run_logged "$work/subdir-configure.log" cmake -S "$src/tests/package/subdir_consumer" \
  -B "$work/subdir" "${fast[@]}" -DASSESS_SOURCE_DIR="$src" -DBUILD_SHARED_LIBS=ON
run_logged "$work/subdir-build.log" cmake --build "$work/subdir" --target consumer -j "$jobs"
"$work/subdir/consumer" "$src/rules/district.yaml" "$src/examples/district-2025.csv" |
  tee "$work/subdir.out"
grep -q '^36 units, 1 in error$' "$work/subdir.out" || fail "the add_subdirectory consumer"

step "a project that gets assess with FetchContent (configure only)"
run_logged "$work/fetch-configure.log" cmake -S "$src/tests/package/fetch_consumer" \
  -B "$work/fetch" -G Ninja -DASSESS_SOURCE_DIR="$src"
grep -q 'assess::assess is there; its tests are off' "$work/fetch-configure.log" ||
  fail "the FetchContent consumer"
echo "configured"

step "package test passed"
