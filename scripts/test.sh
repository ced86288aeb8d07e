#!/usr/bin/env bash
# The whole test suite: release build + ctest, then the ASan+UBSan build + the same ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
for cfg in release asan; do
  echo "=== $cfg build" >&2
  scripts/build.sh "$cfg"
  echo "=== $cfg tests" >&2
  (cd "build/$cfg" && ctest --output-on-failure -j2)
done
