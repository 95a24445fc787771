#!/usr/bin/env bash
# Checks that every C and C++ source of the project follows the root .clang-format
# (clang-format 14, Debian's). Prints the places that differ and fails on any.
#   scripts/check-format.sh        check
#   scripts/check-format.sh --fix  rewrite the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- src include cli publish authoring lsp tests bench fuzz examples python \
                       | grep -E '\.(cc|h|c|cpp|hpp)$' || true)
[ ${#files[@]} -gt 0 ] || { echo "check-format: no sources found" >&2; exit 1; }
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
  echo "format: ${#files[@]} files follow .clang-format"
fi
